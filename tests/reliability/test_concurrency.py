"""Queries while an ingest writes; two ingests into one database at once."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import db_content, run_cli
from tests.reliability.conftest import start, stored_documents, wait_until


def test_queries_succeed_while_an_ingest_writes(paragraphs_corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    process = start("ingest", paragraphs_corpus, "--db", db)
    wait_until(lambda: stored_documents(db) > 0, process)
    answered = 0
    while process.poll() is None:
        docs = run_cli("docs", "--db", db, "-f", "tsv")
        assert len(docs.stdout.splitlines()) > 1
        assert run_cli("entities", "--db", db, "-f", "tsv", code=None).code in (0, 1)  # 1: none resolved yet
        answered += 1
    assert process.returncode == 0 and answered > 0


def test_a_second_ingest_waits_for_the_first(paragraphs_corpus: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.db"
    run_cli("ingest", paragraphs_corpus, "--db", clean)
    db = tmp_path / "shared.db"
    first = start("ingest", paragraphs_corpus, "--db", db)
    wait_until(lambda: stored_documents(db) > 0, first)
    second = start("ingest", paragraphs_corpus, "--db", db)
    _, first_err = first.communicate(timeout=300)
    _, second_err = second.communicate(timeout=300)
    assert first.returncode == 0 and second.returncode == 0, (first_err, second_err)
    assert b"another ingest is writing to" in second_err
    assert b"added 0, replaced 0, unchanged" in second_err  # it found the work done
    assert db_content(db) == db_content(clean)
