"""figures, quotes, claims and compare's fact sections, end to end on the seeds."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import run_cli


def short(doc: str) -> str:
    return doc[:3]


def test_figures_conflicts_name_both_sources(seeds_db: Path) -> None:
    data = json.loads(run_cli("figures", "--conflicts", "--db", seeds_db, "-f", "json").stdout)
    [arrests] = [c for c in data["conflicts"] if c["counts"].startswith("arrest")]
    assert {(short(v["doc"]), v["value"], v["qualifier"]) for v in arrests["values"]} == {
        ("001", 2000, "approximately"),
        ("002", 2400, "over"),
    }
    assert all(v["sentence"] for v in arrests["values"])
    assert {short(f["doc"]) for f in data["figures"]} == {"001", "002"}


def test_figures_rows_carry_value_unit_qualifier_and_sentence(seeds_db: Path) -> None:
    out = run_cli("figures", "--db", seeds_db, "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    money = next(r for r in rows if r["text"] == "$15 million")
    assert (money["value"], money["unit"], money["counts"]) == ("15000000", "USD", "bounty")
    assert "bounty on Maduro" in money["sentence"]
    ban = [r for r in rows if r["unit"] == "days"]
    assert {r["text"] for r in ban} == {"10 days", "10-day"} and not any(r["conflict"] for r in ban)


def test_figures_for_an_entity_without_conflicts_exits_1(seeds_db: Path) -> None:
    result = run_cli("figures", "--entity", "Blinken", "--conflicts", "--db", seeds_db, "-f", "json", code=1)
    assert json.loads(result.stdout) == {"figures": [], "conflicts": [], "agreements": []}


def test_quotes_match_across_sources_with_speakers(seeds_db: Path) -> None:
    data = json.loads(run_cli("quotes", "--db", seeds_db, "-f", "json").stdout)
    mess = next(q for q in data if q["text"].startswith("Don't mess"))
    assert [short(d) for d in mess["docs"]] == ["000", "004"]
    assert mess["speaker"] == "Nicolás Maduro" and not mess["speakers_differ"]
    assert {"doc", "text", "speaker", "sentence"} <= set(mess["carriers"][0])
    clean = next(q for q in data if "come clean" in q["text"])
    assert [short(d) for d in clean["docs"]] == ["000", "001", "004"]
    assert clean["speakers_differ"]  # a spokesperson, a senior official, a spokeswoman


def test_quotes_by_speaker(seeds_db: Path) -> None:
    data = json.loads(run_cli("quotes", "--speaker", "Maduro", "--db", seeds_db, "-f", "json").stdout)
    assert {q["text"][:20] for q in data} == {"Don't mess with Vene", "There will be no for"}
    data = json.loads(run_cli("quotes", "--speaker", "administration official", "--db", seeds_db, "-f", "json").stdout)
    assert any(q["text"].startswith("We have not made any offers") for q in data)
    run_cli("quotes", "--speaker", "Nobody Atall", "--db", seeds_db, code=1)


def test_disputed_claims_with_their_origins(seeds_db: Path) -> None:
    data = json.loads(run_cli("claims", "--disputed", "--entity", "Maduro", "--db", seeds_db, "-f", "json").stdout)
    amnesty = next(c for c in data if (c["predicate"], c["object"]) == ("offer", "amnesty"))
    assert [short(d) for d in amnesty["asserted_by"]] == ["000", "002", "004"]
    assert [short(d) for d in amnesty["denied_by"]] == ["001", "003"]
    assert amnesty["disputed"] is True
    asserted_origins = {amnesty["origins"][d] for d in amnesty["asserted_by"]}
    assert asserted_origins == {"Wall Street Journal"}  # one report, relayed three times
    assert "Miami Herald" in amnesty["origins"][amnesty["denied_by"][0]]
    assert amnesty["summary"].startswith("asserted by 3 outlets on 1 origin (Wall Street Journal); denied by 2 outlets")


def test_compare_json_has_the_contract_keys(seeds_db: Path) -> None:
    data = json.loads(run_cli("compare", "--entity", "Maduro", "--db", seeds_db, "-f", "json").stdout)
    assert {"doc", "text", "value", "unit", "qualifier", "counts", "sentence"} <= set(data["figures"][0])
    assert [f["text"] for f in data["figures"] if f["conflict"]] == ["over 2,400"]
    [conflict] = data["conflicts"]
    assert {"counts", "values"} <= set(conflict)
    assert {"doc", "value", "qualifier", "text"} <= set(conflict["values"][0])
    assert {"text", "speaker", "docs"} <= set(data["quotes"][0])
    assert data["quotes"][0]["speaker"] == "Nicolás Maduro"  # quotes by the entity come first
    assert {"statement", "asserted_by", "denied_by", "origins"} <= set(data["claims"][0])
    assert data["claims"][0]["disputed"]  # disputed claims come first


def test_compare_table_shows_the_sections(seeds_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    out = run_cli("compare", "--entity", "Maduro", "--db", seeds_db, "-f", "table").stdout
    for section in ("Coverage by source", "Figure conflicts", "Quotes by it", "Claims carried by several"):
        assert section in out
    assert "approximately 2,000" in out and "over 2,400" in out
