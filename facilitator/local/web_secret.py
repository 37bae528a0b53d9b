"""The secret that signs phones' cookies (``facilitator serve``), made once and kept on this
computer only (a 0600 file in the data folder).

Kept between runs so a phone keeps its place when the server is stopped and started again, or
when the run screen starts it after ``serve`` ran in another terminal. If the file cannot be
written, this run uses a secret of its own: phones then join again after a restart, nothing worse.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from facilitator import paths
from facilitator.local.private_json import load_object, write_object

FILE_NAME = "web-secret.json"
MIN_LENGTH = 32


def signing_secret(folder: Path | None = None) -> str:
    file = (folder or paths.data_dir()) / FILE_NAME
    kept = load_object(file).get("secret")
    if isinstance(kept, str) and len(kept) >= MIN_LENGTH:
        return kept
    made = secrets.token_urlsafe(48)
    if not write_object(file, {"secret": made}):
        return made
    # Two servers starting at once: both use whichever secret reached the file last.
    kept = load_object(file).get("secret")
    return kept if isinstance(kept, str) and len(kept) >= MIN_LENGTH else made
