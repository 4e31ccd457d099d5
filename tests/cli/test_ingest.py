"""ingest: counts, re-ingest, replacement, and bad files, checked in the database too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS, run_cli


def _docs(db: Path) -> dict[str, dict[str, object]]:
    return {d["id"]: d for d in json.loads(run_cli("docs", "--db", db, "-f", "json").stdout)}


def test_ingest_seeds_stores_every_document(seeds_db: Path) -> None:
    docs = _docs(seeds_db)
    assert len(docs) == 5
    assert "000_eaa63e2f889ad871" in docs
    assert all(d["words"] > 300 and d["mentions"] > 10 for d in docs.values())
    assert docs["003_7df63317c8942e1c"]["title"].startswith("The State Department has denied a report")


def test_reingest_skips_unchanged_and_replaces_changed(seeds_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    first = run_cli("ingest", seeds_copy, "--db", db)
    assert "added 5, replaced 0, unchanged 0, failed 0" in first.stderr

    again = run_cli("ingest", seeds_copy, "--db", db)
    assert "added 0, replaced 0, unchanged 5, failed 0" in again.stderr

    changed = seeds_copy / "002_a714db34920ac294.txt"
    changed.write_text("Angela Merkel met Emmanuel Macron in Berlin on Tuesday.\n", encoding="utf-8")
    third = run_cli("ingest", seeds_copy, "--db", db)
    assert "added 0, replaced 1, unchanged 4, failed 0" in third.stderr

    rows = [
        json.loads(line)
        for line in run_cli("mentions", "--db", db, "--doc", "002_a714db34920ac294", "-f", "jsonl").stdout.splitlines()
    ]
    assert {r["text"] for r in rows} >= {"Angela Merkel", "Emmanuel Macron", "Berlin"}
    assert "Geoff Ramsey" not in {r["text"] for r in rows}, "old records of a changed file must be gone"
    assert _docs(db)["002_a714db34920ac294"]["words"] == 9


def test_bad_files_are_reported_and_the_rest_is_stored(seeds_copy: Path, tmp_path: Path) -> None:
    (seeds_copy / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (seeds_copy / "empty.txt").write_bytes(b"")
    db = tmp_path / "t.db"
    result = run_cli("ingest", seeds_copy, "--db", db, code=1)
    errors = [line for line in result.stderr.splitlines() if line.startswith("newscorpus: error:")]
    assert len(errors) == 2
    assert any("binary.txt: binary file" in e for e in errors)
    assert any("empty.txt: empty file" in e for e in errors)
    assert "Traceback" not in result.stderr
    assert len(_docs(db)) == 5


def test_missing_path_is_an_input_failure(tmp_path: Path) -> None:
    result = run_cli("ingest", tmp_path / "nope", "--db", tmp_path / "t.db", code=1)
    assert "nope: no such file or folder" in result.stderr


def test_file_given_directly_is_named_by_its_stem(tmp_path: Path) -> None:
    article = tmp_path / "one.article.txt"
    article.write_text("Secretary of State Antony Blinken visited Doha.\n", encoding="utf-8")
    db = tmp_path / "t.db"
    run_cli("ingest", article, "--db", db)
    assert list(_docs(db)) == ["one.article"]


def test_unknown_model_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run_cli("ingest", tmp_path, "--db", tmp_path / "t.db", "--model", "xx_no_such_model", code=None)
    # nothing to ingest in an empty folder (exit 1, said so): the model is never needed
    assert result.code == 1 and "nothing to ingest" in result.stderr
    (tmp_path / "a.txt").write_text("Some text about Paris.", encoding="utf-8")
    result = run_cli("ingest", tmp_path, "--db", tmp_path / "t.db", "--model", "xx_no_such_model", code=2)
    assert "spaCy pipeline 'xx_no_such_model' is not installed" in result.stderr
    assert "Traceback" not in result.stderr
    args = ("ingest", tmp_path, "--db", tmp_path / "t.db", "--model", "xx_no_such_model", "--workers", "2")
    result = run_cli(*args, code=2)  # checked once, before any worker starts
    assert result.stderr.count("is not installed") == 1


@pytest.mark.slow  # two full ingests, one in worker processes: ~3 s
def test_two_workers_store_what_one_stores(tmp_path: Path) -> None:
    dumps = []
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.db"
        result = run_cli("ingest", SEEDS, "--db", db, "--workers", workers)
        assert "added 5, replaced 0, unchanged 0, failed 0" in result.stderr
        dumps.append(
            [run_cli(cmd, "--db", db, "-f", "jsonl").stdout for cmd in ("docs", "mentions", "claims", "timeline")]
        )
    assert dumps[0] == dumps[1]
    assert len(dumps[0][1].splitlines()) > 200
