"""One newscorpus command run in this process (through Typer's runner, so the model loads once)."""

from __future__ import annotations

from typer.testing import CliRunner

from newscorpus.cli import app


def newscorpus(*args: str) -> str:
    """stdout of `newscorpus ARGS`; exit 1 ("nothing found") still prints its output."""
    result = CliRunner().invoke(app, list(args))
    if result.exit_code not in (0, 1):
        raise RuntimeError(f"newscorpus {' '.join(args)} exited {result.exit_code}: {result.output}")
    return result.stdout
