"""Making faults happen for real in tests: a read-only file or folder, and another process that
holds the database's write lock. Shared by ``unit/test_faults.py`` and ``ui/test_faults_ui.py``
(``tests/`` is on the import path through its ``conftest.py``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

# Holds BEGIN IMMEDIATE on the file for the given seconds; says "locked" once it has the lock.
_HOLDER = textwrap.dedent("""
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("COMMIT")
    print("released", flush=True)
""")


@contextlib.contextmanager
def lock_held_elsewhere(db_path: Path, seconds: float) -> Iterator[subprocess.Popen]:
    """Another process takes the write lock and keeps it for ``seconds`` (or until the block ends)."""
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(db_path), str(seconds)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().strip()
        assert line == "locked", f"the lock holder did not start: {line!r} {proc.stderr.read()}"
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)


@contextlib.contextmanager
def made_read_only(path: Path) -> Iterator[None]:
    """Make a file or folder unwritable in a way that holds even for root.

    Root ignores file modes, so as root the immutable attribute is used (``chattr +i``); as anyone
    else, the mode. The test is skipped where neither is possible.
    """
    if os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"cannot make {path} read-only for root here: {done.stderr.decode().strip()}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    os.chmod(path, 0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        os.chmod(path, mode)


def fingerprint(path: Path) -> str:
    """The file's bytes, as a hash: to show that nothing about it changed."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
