"""The rooms stay apart. The import-linter contracts in ``pyproject.toml`` (layers: cli, then ui |
web, then demo, outputs, storage, local, domain, paths; only ``ui`` imports textual; only ``web``
imports starlette; no import circles) are checked here, so CI enforces them. The commands that do
not open the app must also run without loading textual (it costs about half a second)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import facilitator

PACKAGE = Path(facilitator.__file__).parent
ROOT = PACKAGE.parent


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """``lint-imports`` on the package found first under ``root``, with the contracts of pyproject.toml."""
    return subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command as c; sys.exit(c())",
         "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True, text=True, timeout=120, cwd=root, check=False,
        env={**os.environ, "PYTHONPATH": str(root)},
    )


def test_the_import_contracts_hold() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "BROKEN" not in result.stdout
    assert result.stdout.count("KEPT") >= 5


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("facilitator/storage/_layer_probe.py", "import textual.app\n", "imports textual"),
        ("facilitator/domain/_layer_probe.py", "from facilitator.storage import store\n", "Layers"),
        ("facilitator/ui/screens/_layer_probe.py", "import starlette\n", "starlette"),
    ],
)
def test_the_contracts_would_notice_a_wrong_import(tmp_path: Path, module: str, line: str, broken: str) -> None:
    # A copy of the package with one wrong import added: the real tree is never touched.
    shutil.copytree(PACKAGE, tmp_path / "facilitator", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / module).write_text(line, "utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    broken_lines = [text for text in result.stdout.splitlines() if text.endswith("BROKEN")]
    assert any(broken in text for text in broken_lines), result.stdout[-3000:]


def test_importing_the_cli_domain_and_storage_does_not_load_textual() -> None:
    modules = sorted(
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for folder in ("domain", "storage", "outputs", "local", "demo", "cli")
        for path in (PACKAGE / folder).rglob("*.py")
        if path.name != "__init__.py"
    )
    script = (
        "import sys, importlib\n"
        f"for name in ['facilitator', 'facilitator.cli', 'facilitator.paths', *{modules!r}]:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
