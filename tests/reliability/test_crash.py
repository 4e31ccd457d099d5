"""An ingest killed (SIGKILL) or interrupted (Ctrl-C) mid-way loses nothing and corrupts nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import db_content, run_cli
from tests.reliability.conftest import start, stored_documents, wait_until

pytestmark = pytest.mark.slow


def _check_whole(db: Path) -> None:
    """The database opens, passes SQLite's integrity check, and every document has its records."""
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        half_stored = conn.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.id)"
        ).fetchone()[0]
        assert half_stored == 0


def test_sigkill_mid_ingest_then_rerun_equals_an_uninterrupted_ingest(paragraphs_corpus: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.db"
    run_cli("ingest", paragraphs_corpus, "--db", clean)

    db = tmp_path / "killed.db"
    for _ in range(2):  # killed just after a commit, while the next batch is in spaCy; then once more
        before = stored_documents(db)
        process = start("ingest", paragraphs_corpus, "--db", db)
        wait_until(lambda before=before: stored_documents(db) > before, process)
        process.send_signal(signal.SIGKILL)
        assert process.wait() == -signal.SIGKILL
        _check_whole(db)
        assert 0 < stored_documents(db) < stored_documents(clean)
    rerun = run_cli("ingest", paragraphs_corpus, "--db", db)
    assert "failed 0" in rerun.stderr and "unchanged 0" not in rerun.stderr  # it resumed, not restarted
    _check_whole(db)
    assert db_content(db) == db_content(clean)


def test_ctrl_c_stops_with_one_line_and_keeps_what_was_stored(paragraphs_corpus: Path, tmp_path: Path) -> None:
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.db"
        # its own process group, so the signal reaches the worker processes too, as Ctrl-C does
        process = start("ingest", paragraphs_corpus, "--db", db, "--workers", workers, start_new_session=True)
        wait_until(lambda db=db: stored_documents(db) > 0, process)
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        message = stderr.decode()
        assert process.returncode == 130, message
        assert "interrupted; what was done is kept" in message
        assert "Traceback" not in message and "KeyboardInterrupt" not in message
        _check_whole(db)
        kept = stored_documents(db)
        with closing(sqlite3.connect(db)) as conn:  # the stored articles have their entities already
            assert conn.execute("SELECT value FROM meta WHERE key = 'entities_stale'").fetchone()[0] == "0"
            unresolved = "SELECT count(*) FROM mentions WHERE entity_id IS NULL AND label IN ('PERSON', 'ORG', 'GPE')"
            assert conn.execute(unresolved).fetchone()[0] == 0
        assert run_cli("entities", "--db", db, "-f", "tsv").stdout.count("\n") > 1
        rerun = run_cli("ingest", paragraphs_corpus, "--db", db)
        assert f"unchanged {kept}," in rerun.stderr
