"""Colour, quiet mode and streams: what a shell script relies on."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEEDS, run_cli

RED = "\x1b[31m"


@pytest.fixture
def forced_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if on a colour terminal (the test runner's streams are not terminals)."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)


def test_errors_are_red_on_a_colour_terminal(forced_colour: None, seeds_db: Path) -> None:
    assert RED in run_cli("compare", "--entity", "Nobody Atall", "--db", seeds_db, code=1).stderr


def test_no_color_flag(forced_colour: None, seeds_db: Path) -> None:
    result = run_cli("--no-color", "compare", "--entity", "Nobody Atall", "--db", seeds_db, code=1)
    assert "no entity matches" in result.stderr and RED not in result.stderr


def test_no_color_variable(forced_colour: None, monkeypatch: pytest.MonkeyPatch, seeds_db: Path) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    result = run_cli("compare", "--entity", "Nobody Atall", "--db", seeds_db, code=1)
    assert "no entity matches" in result.stderr and RED not in result.stderr


def test_quiet_prints_only_data_and_errors(seeds_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    assert run_cli("--quiet", "ingest", SEEDS, "--db", db).stderr == ""
    (seeds_copy / "empty.txt").write_text("", encoding="utf-8")
    failed = run_cli("-q", "ingest", seeds_copy, "--db", db, code=1)
    assert failed.stderr.strip().endswith("empty.txt: empty file") and "added" not in failed.stderr
    result = run_cli("-q", "compare", "--entity", "Maduro", "--db", db, "-f", "tsv")  # matches several: no note
    assert result.stderr == "" and result.stdout.startswith("doc\t")


def test_data_on_stdout_messages_on_stderr(seeds_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = run_cli("report", "-o", out, "--db", seeds_db)
    assert result.stdout == "" and "wrote" in result.stderr
