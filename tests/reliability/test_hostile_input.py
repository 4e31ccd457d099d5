"""Hostile and broken input (tests/fixtures/hostile/ plus cases a repository cannot hold): one line
per bad file naming it, the other files stored, exit code 1, and nothing reaches the terminal raw."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run_cli

pytestmark = pytest.mark.slow

HOSTILE = FIXTURES / "hostile"
ESCAPES = ("\x1b", "\x07", "\x08", "\x0c", "\x9b")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The committed hostile files, and those made here: a 1 MB line, a file over --max-bytes,
    a file name that is not UTF-8, symlinks that lead nowhere."""
    folder = tmp_path / "hostile"
    shutil.copytree(HOSTILE, folder)
    # 154 KB in one line, no sentence end: analysed in short parts, not refused
    (folder / "one_long_line.txt").write_text("Merkel met Macron and " * 7_000, encoding="utf-8")
    (folder / "too_big.txt").write_text("Scholz spoke in Berlin.\n" * 90_000, encoding="utf-8")  # 2.2 MB
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text("Olaf Scholz spoke in Berlin.", encoding="utf-8")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "back").symlink_to("..")  # a folder loop: not followed
    return folder


EXPECTED = {  # file -> the reason its one line gives
    "empty.txt": "empty file",
    "whitespace_only.txt": "empty file",
    "furniture_only.txt": "every line is page furniture",
    "image.txt": "binary file (a PNG image)",
    "too_big.txt": "more than --max-bytes 2,000,000",
    "caf\\xe9.txt": "file name is not valid UTF-8",
    "loop.txt": "leads nowhere",
    "dangling.txt": "leads nowhere",
}


def test_each_bad_file_is_one_line_and_the_rest_is_stored(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    result = run_cli("ingest", corpus, corpus, "--db", db, "--max-bytes", "2000000", code=1)
    lines = result.stderr.strip().splitlines()
    for name, reason in EXPECTED.items():
        named = [line for line in lines if f"{name}: " in line]
        assert len(named) == 1 and reason in named[0], (name, lines)
    assert "Traceback" not in result.stderr
    docs = {line.split("\t")[0] for line in run_cli("docs", "--db", db, "-f", "tsv").stdout.splitlines()[1:]}
    assert {"good", "markup_and_escapes", "one_long_line"} <= docs
    assert "mixed_encodings" in docs or any("mixed_encodings.txt: " in line for line in lines)


def test_markup_and_escapes_never_reach_the_terminal(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    run_cli("ingest", corpus / "markup_and_escapes.txt", corpus / "good.txt", "--db", db)
    outputs = [
        run_cli(*command, "--db", db, "-f", fmt, code=None).stdout
        for fmt in ("table", "tsv", "csv", "json", "jsonl")
        for command in (("docs",), ("entities",), ("mentions",), ("quotes",), ("claims",), ("figures",))
    ]
    outputs.append(run_cli("docs", "--db", db, "--show-text", "markup_and_escapes").stdout)
    outputs.append(run_cli("compare", "--entity", "Macron", "--db", db, "-f", "table").stdout)
    for out in outputs:
        assert not any(ch in out for ch in ESCAPES), repr(out[:300])
    table = run_cli("mentions", "--db", db, "-f", "table").stdout
    assert "down[/bold" in table  # NER took markup into a name: printed as written, never read as a style tag
    stored = run_cli("docs", "--db", db, "--show-text", "markup_and_escapes").stdout
    assert "[link=https://evil.example]went well[/link]" in stored  # markup is article text: kept as written
    quotes = run_cli("quotes", "--db", db, "-f", "table").stdout
    assert "[bold]We will not" in quotes and "down[/bold]" in quotes  # the cell may wrap between them


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(corpus: Path, tmp_path: Path) -> None:
    locked = corpus / "locked.txt"
    locked.write_text("Olaf Scholz spoke.", encoding="utf-8")
    locked.chmod(0)
    result = run_cli("ingest", locked, corpus / "good.txt", "--db", tmp_path / "t.db", code=1)
    assert "locked.txt: Permission denied" in result.stderr
    assert "added 1," in result.stderr


def test_a_database_that_is_not_one(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    for command in (("ingest", HOSTILE / "good.txt"), ("entities",)):
        result = run_cli(*command, "--db", db, code=2)
        assert result.stderr.count("\n") == 1 and "notes.db: not a newscorpus database" in result.stderr
    assert db.read_text(encoding="utf-8").startswith("these are my notes")  # never overwritten


def test_a_database_from_a_newer_newscorpus(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "new.db"
    run_cli("ingest", HOSTILE / "good.txt", "--db", db)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 999")
    for command in (("ingest", HOSTILE / "good.txt"), ("docs",)):
        result = run_cli(*command, "--db", db, code=2)
        assert "written by a newer newscorpus (schema 999" in result.stderr
        assert "Traceback" not in result.stderr
