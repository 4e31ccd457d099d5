"""User mistakes and odd input: one line, the right exit code, nothing stored lost."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from tests.conftest import SEEDS, run_cli


def test_same_folder_twice_is_read_once(tmp_path: Path) -> None:
    result = run_cli("ingest", SEEDS, SEEDS, SEEDS / "000_eaa63e2f889ad871.txt", "--db", tmp_path / "t.db")
    assert "added 5, replaced 0, unchanged 0, failed 0" in result.stderr


def test_file_name_that_is_not_utf8(seeds_copy: Path, tmp_path: Path) -> None:
    # Path cannot hold raw bytes; os.fsdecode turns the 0xe9 byte into a surrogate, as Python does
    (seeds_copy / os.fsdecode(b"caf\xe9.txt")).write_bytes(b"Emmanuel Macron spoke in Paris.")
    result = run_cli("ingest", seeds_copy, "--db", tmp_path / "t.db", code=1)
    assert "caf\\xe9.txt: file name is not valid UTF-8" in result.stderr
    assert "added 5," in result.stderr


def test_entities_are_rebuilt_after_an_interrupted_resolution(seeds_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    db.write_bytes(seeds_db.read_bytes())
    with sqlite3.connect(db) as conn:  # as if the ingest stopped between documents and entities
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'entities_stale'")
        conn.execute("UPDATE mentions SET entity_id = NULL")
        conn.execute("DELETE FROM entities")
    result = run_cli("ingest", SEEDS, "--db", db)
    assert "unchanged 5" in result.stderr
    assert json.loads(run_cli("compare", "--entity", "Maduro", "--db", db, "-f", "json").stdout)["sources"]


def test_broken_alias_file_stops_ingest_before_any_write(tmp_path: Path) -> None:
    (tmp_path / "t.aliases.toml").write_text("merge = [[", encoding="utf-8")
    result = run_cli("ingest", SEEDS, "--db", tmp_path / "t.db", code=2)
    assert "t.aliases.toml: not a valid alias file" in result.stderr
    assert not (tmp_path / "t.db").exists()


def test_unknown_type_is_a_usage_error(seeds_db: Path) -> None:
    result = run_cli("entities", "--type", "pizza", "--db", seeds_db, code=2)
    assert "is not one of PERSON" in result.stderr


def test_failing_lookup_writes_nothing_to_stdout(seeds_db: Path) -> None:
    for args in (["--entity", "Zzzqx"], ["--doc", "nope"]):
        result = run_cli("mentions", *args, "--db", seeds_db, "-f", "csv", code=1)
        assert result.stdout == ""


def test_stopword_query_matches_nothing(seeds_db: Path) -> None:
    run_cli("compare", "--entity", "the", "--db", seeds_db, code=1)


def test_empty_file_as_database(tmp_path: Path) -> None:
    (tmp_path / "empty.db").write_bytes(b"")
    result = run_cli("docs", "--db", tmp_path / "empty.db", code=2)
    assert "empty.db: an empty file, not a database" in result.stderr


def test_tsv_is_not_quoted(tmp_path: Path) -> None:
    (tmp_path / "q.txt").write_text('Biden says "no amnesty" for Maduro\n\nNicolás Maduro spoke.\n', encoding="utf-8")
    db = tmp_path / "t.db"
    run_cli("ingest", tmp_path / "q.txt", "--db", db)
    out = run_cli("docs", "--db", db, "-f", "tsv").stdout
    header, row = (line.split("\t") for line in out.splitlines()[:2])
    assert dict(zip(header, row, strict=True))["title"] == 'Biden says "no amnesty" for Maduro'


def test_two_files_with_one_doc_id_warn_when_one_replaces_the_other(tmp_path: Path) -> None:
    for outlet, text in (("a", "Joe Biden spoke."), ("b", "Nicolás Maduro spoke.")):
        (tmp_path / outlet).mkdir()
        (tmp_path / outlet / "story.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "t.db"
    run_cli("ingest", tmp_path / "a", "--db", db)
    result = run_cli("ingest", tmp_path / "b", "--db", db)
    assert "warning: " in result.stderr and "replaces document 'story'" in result.stderr


def test_a_folder_of_pdf_and_word_files_says_what_it_skipped_and_fails(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    (folder / "more").mkdir(parents=True)
    (folder / "a.pdf").write_bytes(b"%PDF-1.4 ...")
    (folder / "b.pdf").write_bytes(b"%PDF-1.4 ...")
    (folder / "more" / "c.docx").write_bytes(b"PK\x03\x04")
    result = run_cli("ingest", folder, "--db", tmp_path / "t.db", code=1)
    assert f"newscorpus: error: {folder}: skipped 3 files newscorpus cannot read (2 PDF, 1 Word):" in result.stderr
    assert "pdftotext" in result.stderr


def test_a_pdf_beside_articles_is_a_warning_and_the_articles_are_stored(seeds_copy: Path, tmp_path: Path) -> None:
    (seeds_copy / "scan.pdf").write_bytes(b"%PDF-1.4 ...")
    result = run_cli("ingest", seeds_copy, "--db", tmp_path / "t.db")
    assert f"newscorpus: warning: {seeds_copy}: skipped 1 file newscorpus cannot read (1 PDF)" in result.stderr
    assert "added 5," in result.stderr


def test_an_empty_folder_is_nothing_to_ingest(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_cli("ingest", tmp_path / "empty", "--db", tmp_path / "t.db", code=1)
    assert "nothing to ingest: no file matches *.txt *.md *.html *.htm *.jsonl (see --glob)" in result.stderr
