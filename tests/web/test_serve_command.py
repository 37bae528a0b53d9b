"""``facilitator serve ID`` as a person runs it: a real server on 127.0.0.1, found by the run
screen through the database, stopped by Ctrl+C or SIGTERM; and one sentence for each mistake."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from facilitator.storage.store import open_store


def facilitator(*args: str, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "facilitator", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, check=False)  # fmt: skip


@pytest.fixture
def home_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "FACILITATOR_HOME": str(tmp_path / "home")}


def started_workshop(db_path: Path) -> int:
    store = open_store(db_path)
    try:
        workshop = store.create_workshop(title="Phones", date="2025-03-14", stages=[
            {"kind": "ideas", "title": "Ideas", "minutes": 10, "settings": {"prompt": "What helps?"}},
        ])  # fmt: skip
        store.start_stage(store.stages(workshop.id)[0].id)
        return workshop.id
    finally:
        store.close()


def test_serve_runs_on_loopback_is_found_through_the_file_and_tidies_up_when_stopped(tmp_path, home_env) -> None:
    db_path = tmp_path / "w.db"
    workshop_id = started_workshop(db_path)
    server = subprocess.Popen(
        [sys.executable, "-m", "facilitator", "--db", str(db_path), "serve", str(workshop_id), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=home_env,
    )  # fmt: skip
    store = open_store(db_path, create=False)
    try:
        deadline = time.monotonic() + 30
        found = None
        while found is None and time.monotonic() < deadline and server.poll() is None:
            found = store.web_server(workshop_id)
            time.sleep(0.05)
        assert found is not None, server.stderr.read() if server.poll() is not None else "no server recorded"
        assert found.address.startswith("http://127.0.0.1:") and found.local_only and found.pid == server.pid
        with urllib.request.urlopen(found.address, timeout=10) as response:
            page = response.read().decode()
        assert response.status == 200 and "Join code" in page
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=30)
        assert server.returncode == 0, err
        code = store.join_code(workshop_id)
        assert f"Only this computer can open {found.address} (join code {code[:3]} {code[3:]})" in out
        assert store.web_server(workshop_id) is None
        assert (Path(home_env["FACILITATOR_HOME"]) / "web-secret.json").stat().st_mode & 0o777 == 0o600
    finally:
        if server.poll() is None:
            server.kill()
        store.close()


def test_a_port_in_use_a_finished_workshop_and_a_missing_one_each_get_one_sentence(tmp_path, home_env) -> None:
    db_path = tmp_path / "w.db"
    workshop_id = started_workshop(db_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = facilitator("--db", str(db_path), "serve", str(workshop_id), "--port", str(port), env=home_env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (f"Error: Port {port} is already in use on 127.0.0.1 (perhaps another "
                                     "'facilitator serve' is running); choose another with --port.")  # fmt: skip
    result = facilitator("--db", str(db_path), "serve", "99", env=home_env)
    assert result.returncode == 1 and result.stderr.strip() == "Error: There is no workshop with id 99."
    store = open_store(db_path)
    store.finish_workshop(workshop_id)
    store.close()
    result = facilitator("--db", str(db_path), "serve", str(workshop_id), "--port", "0", env=home_env)
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: Workshop 1 (\u201cPhones\u201d) has finished, so phones cannot join it."


def test_serve_help_does_not_load_the_web_server() -> None:
    script = ("import sys; from facilitator.cli import main\ntry:\n    main(['serve', '--help'])\nexcept SystemExit:\n"
              "    pass\nprint(sorted(m for m in ('starlette', 'uvicorn', 'textual') if m in sys.modules))")  # fmt: skip
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert result.stdout.strip().endswith("[]"), result.stdout + result.stderr
