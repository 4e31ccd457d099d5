"""Every command has help with an example, and the README documents it."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT, run_cli

COMMANDS = [
    ["ingest"],
    ["docs"],
    ["entities"],
    ["mentions"],
    ["compare"],
    ["alias", "merge"],
    ["alias", "split"],
    ["alias", "list"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_command_has_help_with_an_example(command: list[str]) -> None:
    out = run_cli(*command, "--help").stdout
    assert "Example:" in out
    assert f"newscorpus {' '.join(command)}" in out


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_readme_documents_command(command: list[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"newscorpus {' '.join(command)}" in readme or f"`{command[-1]}" in readme


def test_version() -> None:
    assert run_cli("--version").stdout.startswith("newscorpus ")
