"""Phones: the join code, the devices that joined with it, and who each device is.

Every rule a phone could try to get round (the code, the cap on devices, a name taken by one
device only, one check-out per person) is checked inside the write transaction, as the dot
budget is, so two phones pressing at the same moment cannot both get through.
None of this is put in the minutes, the exports or a published copy.
"""

from __future__ import annotations

import hashlib
import socket

from facilitator.domain import join_code
from facilitator.domain.errors import NotFound, RuleBroken, WorkshopFull, WrongJoinCode
from facilitator.domain.models import Device, Participant, StageKind, WebServer, WorkshopStatus
from facilitator.storage.base import StoreBase, row_to

DEFAULT_MAX_DEVICES = 60
# Someone joining as new with no name is listed as "Guest 1", "Guest 2"...: the facilitator
# can still tell people apart, and how they appear to the room is their own choice.
GUEST = "Guest"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class DevicesMixin(StoreBase):
    # -- the join code ------------------------------------------------------------------------

    def join_code(self, workshop_id: int) -> str:
        """The workshop's join code, made the first time it is asked for."""
        code = self._value("SELECT code FROM join_codes WHERE workshop_id = ?", (workshop_id,))
        if code is not None:
            return code
        with self.write() as db:
            self.workshop(workshop_id)
            code = self._value("SELECT code FROM join_codes WHERE workshop_id = ?", (workshop_id,))
            if code is None:
                code = join_code.new_code()
                db["join_codes"].insert({"workshop_id": workshop_id, "code": code, "changed_at": self.now_iso()})
        return code

    def change_join_code(self, workshop_id: int) -> str:
        """A new code; every device that joined with the old one is logged out."""
        code = join_code.new_code()
        with self.write() as db:
            self.workshop(workshop_id)
            db.execute(
                "INSERT INTO join_codes (workshop_id, code, changed_at) VALUES (?, ?, ?) "
                "ON CONFLICT (workshop_id) DO UPDATE SET code = excluded.code, changed_at = excluded.changed_at",
                (workshop_id, code, self.now_iso()),
            )
            db.execute("DELETE FROM devices WHERE workshop_id = ?", (workshop_id,))
        return code

    # -- devices ------------------------------------------------------------------------------

    def join_device(self, workshop_id: int, typed_code: str, token: str, *,
                    max_devices: int = DEFAULT_MAX_DEVICES) -> Device:  # fmt: skip
        """A phone typed ``typed_code``: if it is right and there is room, the phone joins."""
        code = join_code.normalise(typed_code)
        with self.write() as db:
            workshop = self.workshop(workshop_id)
            if workshop.status is WorkshopStatus.FINISHED:
                raise RuleBroken("This workshop has finished, so it cannot be joined any more.")
            right = self._value("SELECT code FROM join_codes WHERE workshop_id = ?", (workshop_id,))
            if not code:
                raise RuleBroken("Type the join code shown on the screen at the front of the room.")
            if right is None or code != right:
                raise WrongJoinCode("That join code is not right. Check the code on the screen and try again.")
            joined = self._value("SELECT count(*) FROM devices WHERE workshop_id = ?", (workshop_id,))
            if joined >= max_devices:
                raise WorkshopFull(
                    f"This workshop already has {max_devices} phones joined, which is as many as it takes. "
                    "Please ask the facilitator or a note-taker to add your ideas for you."
                )
            device_id = db["devices"].insert(
                {"workshop_id": workshop_id, "token_hash": token_hash(token), "joined_at": self.now_iso()}
            ).last_pk
        return self._get("devices", Device, device_id, "device")

    def device_for_token(self, workshop_id: int, token: str) -> Device | None:
        """The device holding ``token`` in this workshop; None once logged out (a new code)."""
        row = self._row(
            "SELECT id, workshop_id, participant_id, joined_at FROM devices WHERE token_hash = ? AND workshop_id = ?",
            (token_hash(token), workshop_id),
        )
        return row_to(Device, row) if row else None

    def devices(self, workshop_id: int) -> list[Device]:
        rows = self._rows(
            "SELECT id, workshop_id, participant_id, joined_at FROM devices WHERE workshop_id = ? ORDER BY id",
            (workshop_id,),
        )
        return [row_to(Device, row) for row in rows]

    def people_on_devices(self, workshop_id: int) -> set[int]:
        """Who has joined from their own phone: for the roster."""
        rows = self._rows(
            "SELECT participant_id FROM devices WHERE workshop_id = ? AND participant_id IS NOT NULL", (workshop_id,)
        )
        return {row["participant_id"] for row in rows}

    def names_to_claim(self, workshop_id: int) -> list[Participant]:
        """People marked arrived (and not left) whom no phone has taken yet, by name."""
        taken = self.people_on_devices(workshop_id)
        return [
            person
            for person in self.participants(workshop_id)
            if person.is_present and not person.forgotten and person.id not in taken
        ]

    def claim_person(self, device_id: int, participant_id: int) -> Participant:
        """This phone is ``participant_id``: refused if another phone has taken that name."""
        with self.write() as db:
            device = self._get("devices", Device, device_id, "device")
            person = self.participant(participant_id)
            if person.workshop_id != device.workshop_id or person.forgotten:
                raise NotFound("That name is not on this workshop's list.")
            if not person.is_present:
                raise RuleBroken(
                    f"{person.name} is not marked as here yet. Ask the facilitator to mark you as arrived, "
                    "or join as someone new."
                )
            taken = self._value(
                "SELECT id FROM devices WHERE participant_id = ? AND id <> ?", (participant_id, device_id)
            )
            if taken is not None:
                raise RuleBroken(
                    f"{person.name} has already joined from another phone. If that is not you, "
                    "ask the facilitator to free the name."
                )
            db.execute("UPDATE devices SET participant_id = ? WHERE id = ?", (participant_id, device_id))
        return person

    def join_as_new(self, device_id: int, name: str, perspectives, attribution: str) -> Participant:
        """Someone not on the list: added, marked arrived and tied to this phone, all at once."""
        given = " ".join(str(name or "").split())
        with self.write() as db:
            device = self._get("devices", Device, device_id, "device")
            if device.participant_id is not None:
                raise RuleBroken("This phone has already joined as someone; free the name first.")
            if not given:
                guests = self._value(
                    "SELECT count(*) FROM participants WHERE workshop_id = ? AND name LIKE ?",
                    (device.workshop_id, f"{GUEST} %"),
                )
                given = f"{GUEST} {guests + 1}"
            values = self._participant_values(given, perspectives, attribution, "")
            values.update(workshop_id=device.workshop_id, arrived_at=self.now_iso())
            participant_id = db["participants"].insert(values).last_pk
            db.execute("UPDATE devices SET participant_id = ? WHERE id = ?", (participant_id, device_id))
        return self.participant(participant_id)

    def release_person(self, participant_id: int) -> bool:
        """The facilitator frees a name taken by a phone (the phone then chooses again); False if none."""
        with self.write() as db:
            cursor = db.execute("UPDATE devices SET participant_id = NULL WHERE participant_id = ?", (participant_id,))
            return cursor.rowcount > 0

    def leave_device(self, device_id: int) -> None:
        """A phone logs itself out."""
        with self.write() as db:
            db.execute("DELETE FROM devices WHERE id = ?", (device_id,))

    # -- a check-out sent from a phone ----------------------------------------------------------

    def send_checkout(self, stage_id: int, participant_id: int, scores: dict[str, int]) -> None:
        """One person's check-out from their phone: the scores with no person (as ever), and a
        note that this person has sent theirs, so a second send is refused. One transaction."""
        for value, score in scores.items():
            if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
                raise RuleBroken(f"The score for {value} must be a whole number from 1 to 5.")
        with self.write() as db:
            stage = self.stage(stage_id)
            if stage.kind != StageKind.EVALUATE:
                raise RuleBroken("The check-out is over, so scores can no longer be sent.")
            if self.has_sent_checkout(stage_id, participant_id):
                raise RuleBroken("You have already sent your check-out. Thank you.")
            allowed = self._checkout_values(stage.workshop_id, stage_id)
            missing = [value for value in allowed if value not in scores]
            if missing:
                raise RuleBroken(f"Choose a score for {missing[0]}.")
            for value in scores:
                if value not in allowed:
                    raise RuleBroken(f"\u201c{value}\u201d is not one of this check-out's values.")
            db["values_scores"].insert_all(
                {"workshop_id": stage.workshop_id, "stage_id": stage_id, "value": value, "score": score}
                for value, score in scores.items()
            )
            db["checkouts_sent"].insert({"stage_id": stage_id, "participant_id": participant_id})

    def has_sent_checkout(self, stage_id: int, participant_id: int) -> bool:
        return bool(
            self._value(
                "SELECT 1 FROM checkouts_sent WHERE stage_id = ? AND participant_id = ?", (stage_id, participant_id)
            )
        )

    # -- the web server that is running ---------------------------------------------------------

    def record_web_server(self, workshop_id: int, address: str, *, local_only: bool, pid: int) -> None:
        with self.write() as db:
            self.workshop(workshop_id)
            db.execute(
                "INSERT INTO web_servers (workshop_id, address, local_only, pid, host, started_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (workshop_id) DO UPDATE SET address = excluded.address, "
                "local_only = excluded.local_only, pid = excluded.pid, host = excluded.host, "
                "started_at = excluded.started_at",
                (workshop_id, address, int(local_only), pid, socket.gethostname(), self.now_iso()),
            )

    def forget_web_server(self, workshop_id: int, pid: int) -> None:
        """The server with ``pid`` has stopped (another server since started is left alone)."""
        with self.write() as db:
            db.execute("DELETE FROM web_servers WHERE workshop_id = ? AND pid = ?", (workshop_id, pid))

    def web_server(self, workshop_id: int) -> WebServer | None:
        """The server recorded for this workshop, if any; the caller checks that it still runs."""
        row = self._row("SELECT * FROM web_servers WHERE workshop_id = ?", (workshop_id,))
        return row_to(WebServer, row) if row else None
