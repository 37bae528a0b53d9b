"""Reading a file a person gave us, with one sentence for everything that can go wrong."""

from __future__ import annotations

from pathlib import Path

from facilitator.domain.errors import FacilitatorError


def read_text_file(
    path: Path | str, *, error: type[FacilitatorError], kind: str, max_bytes: int, missing: str = "no such file"
) -> str:
    """Return the UTF-8 text of ``path``, or raise ``error`` with a sentence naming the file.

    ``kind`` names what the file should be ("an agenda file", "an export file").
    """
    source, path = str(path), Path(path)
    try:
        if path.is_dir():
            raise error(f"{source}: is a folder, not {kind}.")
        size = path.stat().st_size
        if size > max_bytes:
            raise error(f"{source}: is {size:,} bytes, too large for {kind} (the most is {max_bytes // 1_000_000:,} MB).")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error(f"{source}: {missing}.") from None
    except PermissionError:
        raise error(f"{source}: cannot be read (permission denied).") from None
    except OSError as problem:
        raise error(f"{source}: cannot be read ({problem.strerror or problem}).") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        raise error(f"{source}: is not UTF-8 text (bad byte at position {problem.start}).") from None
