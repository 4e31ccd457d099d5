"""Filters on every read command: --source (repeatable), --since/--until, --doc."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli

WEEK, HERALD, JOURNAL, BLOG, WIRE = "The Week", "Herald rewrite", "Journal rewrite", "Markets blog", "Markets wire"


def as_json(*args: str | Path, code: int = 0) -> Any:
    return json.loads(run_cli(*args, "-f", "json", code=code).stdout)


@pytest.fixture(scope="module")
def dated_db(seeds_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds with publication dates, one day apart from 2024-08-10 (000) to 2024-08-14 (004)."""
    db = tmp_path_factory.mktemp("dated") / "t.db"
    db.write_bytes(seeds_db.read_bytes())
    for day, doc in enumerate(("000", "001", "002", "003", "004"), start=10):
        run_cli("docs", "set", doc, "--date", f"2024-08-{day}", "--db", db, "-f", "tsv")
    return db


def test_source_is_an_outlet_in_any_case_and_repeatable(dated_db: Path) -> None:
    rows = as_json("docs", "--source", "the week", "--source", "MARKETS WIRE", "--db", dated_db)
    assert [d["source"] for d in rows] == [WEEK, WIRE]


def test_since_and_until_bound_the_publication_date(dated_db: Path) -> None:
    rows = as_json("docs", "--since", "2024-08-11", "--until", "2024-08-13", "--db", dated_db)
    assert [d["id"][:3] for d in rows] == ["001", "002", "003"]


def test_doc_takes_ids_or_their_starts(dated_db: Path) -> None:
    rows = as_json("mentions", "--doc", "003", "--doc", "004_5d573d59d0a7598b", "--db", dated_db)
    assert {m["doc"][:3] for m in rows} == {"003", "004"}


def test_entities_are_counted_in_the_filtered_articles(dated_db: Path) -> None:
    [maduro] = [e for e in as_json("entities", "--source", WIRE, "--db", dated_db) if e["name"] == "Nicolás Maduro"]
    assert (maduro["mentions"], maduro["sources"], maduro["outlets"]) == (17, 1, 1)


def test_compare_outlet_against_outlet(dated_db: Path) -> None:
    result = as_json("compare", "Maduro", "--source", HERALD, "--source", JOURNAL, "--db", dated_db)
    assert {s["source"] for s in result["sources"]} == {HERALD, JOURNAL}
    assert result["absent"] == []
    [conflict] = result["conflicts"]
    assert {v["doc"][:3] for v in conflict["values"]} == {"001", "002"}


def test_a_conflict_needs_both_sides_in_the_filter(dated_db: Path) -> None:
    found = as_json("figures", "--conflicts", "--source", JOURNAL, "--source", WIRE, "--db", dated_db, code=1)
    assert found["conflicts"] == []


def test_a_dispute_needs_both_sides_in_the_filter(dated_db: Path) -> None:
    assert as_json("claims", "--disputed", "--source", HERALD, "--source", BLOG, "--db", dated_db, code=1) == []
    both = as_json("claims", "--disputed", "--source", WEEK, "--source", BLOG, "--db", dated_db)
    assert both[0]["summary"].startswith("asserted by 1 outlet")


def test_search_and_timeline_and_quotes_take_the_filter(dated_db: Path) -> None:
    assert {h["source"] for h in as_json("search", "amnesty", "--source", BLOG, "--db", dated_db)} == {BLOG}
    events = as_json("timeline", "--until", "2024-08-10", "--db", dated_db)
    assert {r["doc"][:3] for e in events for r in e["reports"]} == {"000"}
    quotes = as_json("quotes", "--source", WEEK, "--db", dated_db)
    assert all(q["docs"] == ["000_eaa63e2f889ad871"] for q in quotes)


def test_an_unknown_outlet_is_one_line_with_the_outlets_there_are(dated_db: Path) -> None:
    result = run_cli("claims", "--source", "Markets wyre", "--db", dated_db, code=1)
    assert result.stderr.splitlines() == [
        "newscorpus: error: no article is from 'Markets wyre'",
        "hint: did you mean: Markets wire, Markets blog, Herald rewrite",
    ]
