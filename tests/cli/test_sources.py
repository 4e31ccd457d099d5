"""`sources`: one row per outlet, and what sets it apart from the others."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import run_cli


def outlets(seeds_db: Path, *args: str) -> dict[str, Any]:
    rows = json.loads(run_cli("sources", *args, "--db", seeds_db, "-f", "json").stdout)
    return {row["outlet"]: row for row in rows}


def test_one_row_per_outlet_with_its_articles_and_words(seeds_db: Path) -> None:
    found = outlets(seeds_db)
    assert set(found) == {"The Week", "Herald rewrite", "Journal rewrite", "Markets blog", "Markets wire"}
    assert all(row["articles"] == 1 and row["words"] > 300 for row in found.values())


def test_what_only_one_outlet_reports_and_names(seeds_db: Path) -> None:
    found = outlets(seeds_db)
    assert "$15 million" in found["Journal rewrite"]["figures_only"]  # the bounty: no other outlet gives it
    assert "approximately 2,000" not in found["Herald rewrite"]["figures_only"]  # the arrests: the Journal's too
    assert "Elon Musk" in found["Markets wire"]["names_more"]
    assert "Nicolás Maduro" in found["Journal rewrite"]["names_less"]  # named, but less than by the others


def test_the_sides_an_outlet_takes_in_claims(seeds_db: Path) -> None:
    found = outlets(seeds_db)
    assert all(row["disputes"] == 1 for row in found.values())  # the amnesty offer: every outlet takes a side
    assert found["Herald rewrite"]["denies"] >= 1 and found["Markets blog"]["denies"] >= 1
    assert found["The Week"]["denies"] == 0 and found["The Week"]["asserts"] >= 1
    assert found["The Week"]["shared_quotes"] >= 1


def test_a_filter_keeps_the_outlets_it_names(seeds_db: Path) -> None:
    assert set(outlets(seeds_db, "--source", "The Week", "--source", "Markets wire")) == {"The Week", "Markets wire"}


def test_tsv_has_a_header_and_a_row_per_outlet(seeds_db: Path) -> None:
    lines = run_cli("sources", "--db", seeds_db, "-f", "tsv").stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["outlet", "articles", "words"]
    assert len(lines) == 6


def test_the_table_names_each_outlet(seeds_db: Path) -> None:
    out = run_cli("sources", "--db", seeds_db, "-f", "table").stdout
    assert all(name in out for name in ("The Week", "Markets blog", "Markets wire"))
