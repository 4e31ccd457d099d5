"""A project file, newscorpus.toml in the current folder or above, carries a story folder's settings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import SEEDS, run_cli


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A story folder with the seeds in articles/ and a project file; the current folder is articles/."""
    shutil.copytree(SEEDS, tmp_path / "articles", ignore=shutil.ignore_patterns("sources.csv"))
    (tmp_path / "outlets.csv").write_text("file,outlet\n000_*.txt,Week\n*.txt,Other\n", encoding="utf-8")
    (tmp_path / "newscorpus.toml").write_text(
        'db = "story.db"\nformat = "json"\nsources = "outlets.csv"\n', encoding="utf-8"
    )
    monkeypatch.delenv("NEWSCORPUS_DB", raising=False)
    monkeypatch.chdir(tmp_path / "articles")
    return tmp_path


def test_the_project_file_names_the_database_the_format_and_the_sources(story: Path) -> None:
    run_cli("ingest", ".")
    assert (story / "story.db").exists() and not (story / "articles" / "newscorpus.db").exists()
    docs = json.loads(run_cli("docs").stdout)  # JSON without --format
    assert {d["id"][:3]: d["source"] for d in docs} == {"000": "Week", "001": "Other", "002": "Other",
                                                         "003": "Other", "004": "Other"}  # fmt: skip


def test_options_win_over_the_project_file(story: Path) -> None:
    run_cli("ingest", ".", "--db", story / "other.db")
    assert (story / "other.db").exists() and not (story / "story.db").exists()
    assert run_cli("docs", "--db", story / "other.db", "-f", "tsv").stdout.startswith("id\t")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('db = "story.db"\ncolour = "red"\n', "unknown setting 'colour'"),
        ('format = "yaml"\n', "format 'yaml' is not one of table, json, jsonl, csv, tsv"),
        ("db = \n", "not a valid project file"),
    ],
)
def test_a_broken_project_file_stops_every_command_with_one_line(story: Path, text: str, message: str) -> None:
    (story / "newscorpus.toml").write_text(text, encoding="utf-8")
    result = run_cli("entities", code=2)
    assert result.stderr.startswith(f"newscorpus: error: {story / 'newscorpus.toml'}: {message}")
    assert "Traceback" not in result.stderr
