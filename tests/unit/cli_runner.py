"""Running the command line in-process as a person would: through the console entry point
(``cli.main``), so errors come out as the one sentence and exit code a person sees."""

from __future__ import annotations

import sys

from click.testing import CliRunner, Result

from facilitator import cli as cli_module


class EntryPoint:
    """Lets CliRunner call the console entry point instead of the click group."""

    def main(self, args, prog_name=None, **extra):
        sys.exit(cli_module.main(list(args)))


def invoke(*args: object, env: dict[str, str] | None = None) -> Result:
    """``facilitator ARGS...``, each argument turned into a string."""
    return CliRunner().invoke(EntryPoint(), [str(arg) for arg in args], env=env, prog_name="facilitator")
