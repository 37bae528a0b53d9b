"""What every command shares: the ``--db`` choice, opening the store, finding the demo's file,
launching the app and writing output.

No textual here: the app is imported only inside ``launch_app`` and ``launch_home``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from facilitator import paths
from facilitator.cli.output import shown, write_atomically
from facilitator.domain.errors import FacilitatorError, NotFound
from facilitator.local.join_command import join_command

if TYPE_CHECKING:
    from facilitator.storage.store import Store


class Session:
    """The ``--db`` choice, and the stores opened for this command (closed when it ends)."""

    def __init__(self, db_option: Path | None) -> None:
        self.db_option = db_option  # from --db or FACILITATOR_DB; None means the default

    @property
    def db_path(self) -> Path:
        return Path(self.db_option).expanduser() if self.db_option else paths.default_db_path()

    def open(self, path: Path | None = None, *, create: bool = True, checked: bool = False) -> Store:
        """The store at ``path`` (default: ``--db``), its file checked for damage once.

        ``checked``: the file's quick check has just been run by the caller (the home screen's
        first page), so it is not run twice.
        """
        from facilitator.storage.store import open_store

        store = open_store(path or self.db_path, create=create)
        click.get_current_context().call_on_close(store.close)
        # Even a command that only reads may write on closing (the WAL is copied into the file):
        # a damaged file is refused before anything touches it.
        if checked:
            store.database.intact_checked = True
        else:
            store.database.check_intact()
        return store


pass_session = click.make_pass_decorator(Session)


def demo_file(session: Session) -> Path:
    """The demo's own file, beside the default database, so it never mixes with real workshops."""
    return Path(session.db_option).expanduser() if session.db_option else paths.data_dir() / "demo.db"


def demo_has(session: Session, workshop_id: int | None) -> Path | None:
    """The demo's file, if this command uses the default database and the demo's file has the workshop.

    Opened read-only and closed again: only to say where the workshop is, never to switch to it.
    """
    demo_path = demo_file(session)
    if session.db_option is not None or not demo_path.is_file():
        return None
    from facilitator.storage.store import open_store

    try:
        demo_store = open_store(demo_path, create=False, read_only=True)
    except FacilitatorError:
        return None
    try:
        if workshop_id is None:
            return demo_path if demo_store.list_workshops(limit=1) else None
        demo_store.workshop(workshop_id)
        return demo_path
    except FacilitatorError:
        return None
    finally:
        demo_store.close()


def open_workshop(session: Session, workshop_id: int, command: str) -> Store:
    """The store that holds workshop ID, or one sentence saying it is not there.

    A newcomer who ran ``facilitator demo`` and then ``facilitator capture 2`` meets the default
    database, not the demo's: when only the demo has that workshop, the sentence says so and
    gives the command that opens it there.
    """
    try:
        store = session.open(create=False)
        store.workshop(workshop_id)
        return store
    except FacilitatorError as error:
        # A missing file or workshop may be the demo's; a damaged or locked file is its own story.
        if not isinstance(error, NotFound) and session.db_path.exists():
            raise
        demo_path = demo_has(session, workshop_id)
        if demo_path is None:
            raise
        raise FacilitatorError(
            f"There is no workshop {workshop_id} in {session.db_path}, but the demo has one: type "
            f"{join_command(demo_path, workshop_id, command)} to open it there."
        ) from None


def launch_app(store: Store, **options: Any) -> None:
    # A damaged file gets its one sentence here, not a traceback in the middle of a workshop.
    if not store.database.intact_checked:
        store.database.check_intact()
    from facilitator.ui.app import (
        launch,  # the only places the CLI reaches textual: here and below
    )

    launch(store, **options)


def launch_home(session: Session) -> None:
    """The app on its home screen, its list drawn before the Store is imported when the file is
    plainly ready (same checks, quick check included); otherwise the ordinary way."""
    from facilitator.ui.app import home_from_first_page, run

    # read_first_page runs the file's quick check itself before drawing anything.
    app = home_from_first_page(session.db_path, lambda: session.open(checked=True))
    if app is None:
        launch_app(session.open(), start="home")
    else:
        run(app)


def emit(text: str | bytes, output: Path | None, what: str) -> None:
    """Print ``text``, or write it (or a Word file's bytes) atomically to ``output`` and say where it went."""
    if output is None or str(output) == "-":
        if isinstance(text, bytes):
            raise FacilitatorError(f"The {what} cannot be printed in the terminal: add -o FILE.")
        click.echo(text, nl=not text.endswith("\n"))
        return
    write_atomically(output, text, what)
    click.echo(f"Wrote the {what} to {shown(output)}.")


workshop_id_argument = click.argument("workshop_id", metavar="ID", type=int)
output_option = click.option(
    "-o", "--output", type=click.Path(path_type=Path), metavar="FILE", help="Write to FILE instead of printing."
)
