"""The check-in, ladder and scoring panels keep the run screen's promises about keys: every key
the footer shows is in the keys help, the palette names each panel's actions in words a person
would type, and the reveal is offered only where something is still hidden."""

from __future__ import annotations

from kinds_workshop import kinds_workshop
from run_helpers import run_app, run_screen
from test_keys_everywhere import PROJECTOR, finds, footer, show_stage, titles

from facilitator.storage.store import Store
from facilitator.ui.screens.keys_help import describe_keys


async def test_keys_help_and_palette_at_the_new_kinds_of_stage(store: Store) -> None:
    built = kinds_workshop(store)
    app = run_app(store, built.workshop.id)
    by_kind = {"checkin": ["who is answering", "leaving"], "ladder": ["who is placing", "reveal"],
               "score": ["panel member", "reveal"]}  # fmt: skip
    async with app.run_test(size=PROJECTOR) as pilot:
        screen = await run_screen(pilot)
        for stage in store.stages(built.workshop.id):
            await show_stage(pilot, stage)
            assert footer(app).startswith(" f8 Next  f3 Back  f6 Pause  f7 +5 min"), stage.title
            helped = {key for keys, _, _ in describe_keys(screen) for key in keys.split(", ")}
            for active in screen.active_bindings.values():
                if active.binding.show:
                    key = app.get_key_display(active.binding)
                    assert key in helped, f"{key} {active.binding.description} is not in the keys help ({stage.title})"
            every = titles(app, screen)
            for words in by_kind[stage.kind.value]:
                assert finds(words, every), f"{words!r} finds nothing in {stage.title}: {every}"
            assert any(title.startswith("Reveal") for title in every) == (stage.kind.value != "checkin"), stage.title
