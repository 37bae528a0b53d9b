"""Word from the app: the minutes saved as a Word file from the end-of-workshop dialog (its own
format button), and the "You said, we did" report as Word and as easy read from the register."""

from __future__ import annotations

from pathlib import Path

import docx
from panel_harness import screen_text
from run_helpers import coproduction_workshop, run_app, run_screen
from textual.widgets import Input

from facilitator.storage.store import Store
from facilitator.ui.dialogs.close_workshop import CloseWorkshopDialog


async def test_minutes_can_be_saved_as_word(store: Store, tmp_path: Path) -> None:
    workshop, _ = coproduction_workshop(store)
    stage = store.stages(workshop.id)[1]
    store.start_stage(stage.id)
    store.add_idea(stage.id, "Longer visiting hours")
    store.finish_workshop(workshop.id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CloseWorkshopDialog)
        assert "Word (.docx)" in screen_text(app)
        await pilot.click("#format-docx")
        await pilot.pause()
        path_box = dialog.query_one("#minutes-path", Input)
        assert path_box.value.endswith(".docx")
        path_box.value = str(tmp_path / "minutes.docx")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert dialog.saved_path == tmp_path / "minutes.docx"
    saved = tmp_path / "minutes.docx"
    assert saved.stat().st_mode & 0o777 == 0o600
    document = docx.Document(str(saved))
    assert document.paragraphs[0].style.name == "Heading 1"
    assert any(p.text.startswith("Longer visiting hours") for p in document.paragraphs)
