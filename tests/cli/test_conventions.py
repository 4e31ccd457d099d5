"""Command-line conventions a user expects of a serious tool: -h, options in any order, plain
metavars, positional names, quiet closed pipes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_help import COMMANDS, GROUPS
from tests.conftest import run_cli


@pytest.mark.parametrize("command", [[], *COMMANDS, *GROUPS], ids=lambda c: " ".join(c) or "newscorpus")
def test_h_is_help_and_metavars_are_plain_words(command: list[str]) -> None:
    out = run_cli(*command, "-h").stdout
    assert out.startswith("Usage: newscorpus")
    assert out == run_cli(*command, "--help").stdout
    assert "<" not in out.replace("<stdin>", "") and "{" not in out.splitlines()[0]  # no "<list[Path]>", "{paths}"


def test_global_flags_after_the_command_and_db_before_it(seeds_db: Path) -> None:
    usual = run_cli("--quiet", "entities", "--db", seeds_db, "--limit", "2", "-f", "tsv")
    assert run_cli("entities", "--limit", "2", "-f", "tsv", "--db", seeds_db, "-q") == usual
    assert run_cli("--db", seeds_db, "-q", "entities", "--limit", "2", "-f", "tsv") == usual
    assert run_cli(f"--db={seeds_db}", "entities", "--limit", "2", "-f", "tsv", "--quiet") == usual


def test_a_db_named_like_a_command_is_still_the_db(seeds_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "docs"
    db.write_bytes(seeds_db.read_bytes())
    assert run_cli("--db", db, "entities", "--limit", "1", "-f", "tsv").stdout.count("\n") == 2


def test_compare_takes_the_name_as_an_argument_or_an_option(seeds_db: Path) -> None:
    by_argument = run_cli("compare", "Maduro", "--db", seeds_db, "-f", "json").stdout
    assert by_argument == run_cli("compare", "--entity", "Maduro", "--db", seeds_db, "-f", "json").stdout
    refused = run_cli("compare", "--db", seeds_db, code=2)
    assert "name one entity: newscorpus compare NAME (or --entity NAME)" in refused.stderr


def test_a_closed_pipe_ends_quietly_with_sigpipes_status(seeds_db: Path) -> None:
    command = [sys.executable, "-m", "newscorpus", "mentions", "--db", str(seeds_db), "-f", "tsv"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # as `| head -1` does
        stderr = process.stderr.read().decode()
        code = process.wait(timeout=60)
    assert code == 141
    assert stderr == ""
