"""Queries while an ingest writes; two ingests into one database at once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newscorpus.ingest import pipeline
from tests.conftest import SEEDS, db_content, run_cli
from tests.reliability.conftest import start, stored_documents, wait_until

pytestmark = pytest.mark.slow


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


def test_two_ingests_at_once_store_what_one_stores(paragraphs_corpus: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.db"
    run_cli("ingest", paragraphs_corpus, "--db", clean)
    db = tmp_path / "shared.db"
    first = start("ingest", paragraphs_corpus, "--db", db)
    wait_until(lambda: stored_documents(db) > 0, first)
    second = start("ingest", paragraphs_corpus, "--db", db)
    _, first_err = first.communicate(timeout=300)
    _, second_err = second.communicate(timeout=300)
    assert first.returncode == 0 and second.returncode == 0, (first_err, second_err)
    assert b"added 0, replaced 0, unchanged" in second_err  # it waited, then found the work done
    assert db_content(db) == db_content(clean)


def test_a_second_ingest_says_it_waits(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with pipeline.one_writer(db):  # as an ingest holds it, for as long as this block lasts
        waiting = start("ingest", SEEDS, "--db", db)
        time.sleep(4)  # longer than a start-up: it is blocked on the lock, not finished
        assert waiting.poll() is None and stored_documents(db) == 0
    _, stderr = waiting.communicate(timeout=300)
    assert waiting.returncode == 0
    assert f"another ingest is writing to {db}; waiting for it to finish".encode() in stderr
    assert b"added 5," in stderr
