"""The folder the app saves minutes and reports in: made private, or one sentence saying why not."""

from __future__ import annotations

import stat

import pytest

from facilitator.outputs.files import OutputError, make_private_folder


def test_the_minutes_folder_is_made_private_and_making_it_twice_is_harmless(tmp_path) -> None:
    folder = tmp_path / "club" / "minutes"
    make_private_folder(folder)
    make_private_folder(folder)
    assert folder.is_dir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_folder_that_cannot_be_made_gets_one_sentence_naming_it(tmp_path) -> None:
    (tmp_path / "notes").write_text("a file where the folder would go")
    folder = tmp_path / "notes" / "minutes"
    with pytest.raises(OutputError) as raised:
        make_private_folder(folder)
    assert str(raised.value) == f"{folder}: cannot make this folder (not a directory)."
