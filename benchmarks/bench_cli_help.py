"""How long `facilitator --help` takes, beside a bare Python start and an import of Textual.

The budget says non-UI commands must not import Textual; this prints the wall time of each
(median of several runs, in fresh processes) and the ratios, and whether Textual was imported
by ``--help``. Figures only; nothing here is asserted.

    python benchmarks/bench_cli_help.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def console_script() -> list[str]:
    """The installed ``facilitator`` script beside this Python, else ``python -m facilitator``."""
    script = Path(sys.executable).parent / "facilitator"
    return [str(script)] if script.exists() else [sys.executable, "-m", "facilitator"]


def wall_time(command: list[str], runs: int, env: dict[str, str]) -> tuple[float, int]:
    """Median seconds over ``runs`` (after one warm-up run) and the last exit code."""
    subprocess.run(command, env=env, capture_output=True, check=False)
    times = []
    code = 0
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
        code = done.returncode
    return statistics.median(times), code


def textual_imported_by_help(env: dict[str, str]) -> str:
    """Run ``--help`` as ``python -m facilitator`` does and look at what got imported."""
    probe = (
        "import runpy, sys\n"
        "sys.argv = ['facilitator', '--help']\n"
        "try:\n"
        "    runpy.run_module('facilitator', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = any(name == 'textual' or name.startswith('textual.') for name in sys.modules)\n"
        "sys.stderr.write(f'TEXTUAL-IMPORTED={loaded}\\n')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=False)
    if "TEXTUAL-IMPORTED=True" in done.stderr:
        return "yes"
    if "TEXTUAL-IMPORTED=False" in done.stderr:
        return "no"
    return "could not tell: " + (done.stderr.strip().splitlines() or ["no output"])[-1]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    options = parser.parse_args(argv)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")])))
    # Keep any real database out of it: --help must not touch one anyway.
    env["FACILITATOR_HOME"] = str(PROJECT / ".benchmark-home-unused")

    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -c 'import textual.app'": [sys.executable, "-c", "import textual.app"],
        "facilitator --help": console_script() + ["--help"],
        "python -m facilitator --help": [sys.executable, "-m", "facilitator", "--help"],
    }
    results = {label: wall_time(command, options.runs, env) for label, command in commands.items()}
    bare = results["python -c pass"][0]
    textual = results["python -c 'import textual.app'"][0]
    print(f"median wall time of {options.runs} runs each (after one warm-up):")
    for label, (seconds, code) in results.items():
        note = "" if code == 0 else f"  (exit code {code})"
        print(f"  {label:<32}{seconds * 1000:>8.0f} ms   {seconds / bare:>5.2f}x python   {seconds / textual:>5.2f}x textual{note}")
    print(f"`facilitator --help` imports textual: {textual_imported_by_help(env)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
