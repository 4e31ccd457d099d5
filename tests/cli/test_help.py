"""Every command has help with an example, and the README documents it.

The commands come from the Typer app itself, sub-commands (`alias ...`) included, so a new one
cannot be left out of these checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import typer

from newscorpus.cli import app
from tests.conftest import ROOT, run_cli


def _subcommands(command: Any) -> dict[str, Any]:
    """A group's commands by name ({} for a command). Duck-typed: Typer may bring its own copy of Click."""
    return {name: sub for name, sub in getattr(command, "commands", {}).items() if not sub.hidden}


def _walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command and group under `command`, depth first, with the words that invoke it."""
    yield path, command
    for name, sub in sorted(_subcommands(command).items()):
        yield from _walk(sub, (*path, name))


EVERY = {path: command for path, command in _walk(typer.main.get_command(app)) if path}
COMMANDS = [list(path) for path, command in EVERY.items() if not hasattr(command, "commands")]
GROUPS = [list(path) for path, command in EVERY.items() if hasattr(command, "commands")]


def test_the_walk_finds_the_commands() -> None:
    found = {" ".join(path) for path in COMMANDS}
    # a floor, not the list: whatever else the app has is checked too
    floor = {"ingest", "docs set", "entities", "mentions", "compare", "alias merge", "alias split", "alias list"}
    assert found >= floor
    assert ["alias"] in GROUPS and ["docs"] in GROUPS


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_command_has_help_with_an_example(command: list[str]) -> None:
    assert (EVERY[tuple(command)].help or "").strip()
    out = run_cli(*command, "--help").stdout
    assert "Example:" in out
    assert f"newscorpus {' '.join(command)}" in out


@pytest.mark.parametrize("group", GROUPS, ids=" ".join)
def test_group_has_help_listing_its_commands(group: list[str]) -> None:
    help_text = (EVERY[tuple(group)].help or "").strip()
    assert help_text
    out = " ".join(run_cli(*group, "--help").stdout.split())  # as one line, however the terminal wraps it
    assert " ".join(help_text.split()) in out
    for name in _subcommands(EVERY[tuple(group)]):
        assert name in out


@pytest.mark.parametrize("command", [*COMMANDS, *GROUPS], ids=" ".join)
def test_readme_documents_command(command: list[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"newscorpus {' '.join(command)}" in readme or f"`{command[-1]}" in readme


def test_version() -> None:
    assert run_cli("--version").stdout.startswith("newscorpus ")
