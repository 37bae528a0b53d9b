"""Small JSON files that only this computer's user may read, written so a crash leaves either the
old file or the new one, never half of one.

They hold what one terminal remembers between runs (who was typing, the theme, an idea being
typed), which can name people at a mental-health workshop: hence 0600. Losing one is harmless,
so a file that cannot be read is treated as empty and a failed write is reported, not raised.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def load_object(file: Path) -> dict[str, Any]:
    """The JSON object in ``file``; empty when it is missing, unreadable, damaged or not an object."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_object(file: Path, data: dict[str, Any], *, durable: bool = True) -> bool:
    """Replace ``file`` with ``data`` atomically, mode 0600; False if it could not be written.

    ``durable=False`` skips the fsync: the rename still means a killed process leaves the old file
    or the new one, only a power cut could lose the change. For things rewritten while someone types.
    """
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".partial", dir=file.parent)
    except OSError:
        return False
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, indent=1)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.replace(temporary, file)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return False
    return True
