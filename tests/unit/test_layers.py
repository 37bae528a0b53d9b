"""The layers stay apart: only ``facilitator/ui`` imports textual, and the command line's non-UI
commands, the domain and the storage run without loading it (it costs about half a second)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import facilitator

PACKAGE = Path(facilitator.__file__).parent
UI = PACKAGE / "ui"


def imported_modules(path: Path) -> set[str]:
    """Every module a source file imports, at the top or inside a function."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_nothing_outside_the_ui_package_imports_textual() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if UI in path.parents:
            continue
        # A command that launches the app imports ``facilitator.ui`` lazily; that is allowed,
        # importing textual itself is not.
        if any(name == "textual" or name.startswith("textual.") for name in imported_modules(path)):
            offenders.append(str(path.relative_to(PACKAGE.parent)))
    assert offenders == []


def test_the_domain_imports_neither_the_ui_nor_sqlite() -> None:
    offenders = []
    for path in sorted((PACKAGE / "domain").rglob("*.py")):
        for name in imported_modules(path):
            if name.split(".")[0] in {"textual", "sqlite3", "sqlite_utils"} or name.startswith("facilitator.ui"):
                offenders.append(f"{path.name}: {name}")
            if name.startswith("facilitator.storage"):
                offenders.append(f"{path.name}: {name}")
    assert offenders == []


def test_the_scan_would_notice_an_import_of_textual(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def later():\n    from textual.app import App\n", "utf-8")
    assert "textual.app" in imported_modules(sample)


def test_importing_the_cli_domain_and_storage_does_not_load_textual() -> None:
    modules = sorted(
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for folder in ("domain", "storage")
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
