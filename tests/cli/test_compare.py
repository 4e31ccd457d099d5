"""compare, entities and mentions on the seeds: the foundation's promises."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

ALL_SEEDS = 5


def _entities(db: Path, *args: str) -> list[dict]:
    return json.loads(run_cli("entities", "--db", db, "-f", "json", *args).stdout)


def _entity_of(db: Path, variant: str) -> dict:
    found = [e for e in _entities(db) if variant in {v["text"] for v in e["variants"]}]
    assert len(found) == 1, f"{variant!r} is in {len(found)} entities"
    return found[0]


def test_maduro_variants_are_one_entity_in_every_source(seeds_db: Path) -> None:
    maduro = _entity_of(seeds_db, "Maduro")
    assert maduro["name"] == "Nicolás Maduro"
    assert maduro["type"] == "PERSON"
    assert maduro["sources"] == ALL_SEEDS
    assert {"Nicolás Maduro", "Nicolas Maduro", "Maduro"} <= {v["text"] for v in maduro["variants"]}


def test_two_gonzalez_stay_two(seeds_db: Path) -> None:
    edmundo = _entity_of(seeds_db, "Edmundo González")
    juan = _entity_of(seeds_db, "Juan González")
    assert edmundo["id"] != juan["id"]


def test_compare_json_contract(seeds_db: Path) -> None:
    result = json.loads(run_cli("compare", "--entity", "nicolas maduro", "--db", seeds_db, "-f", "json").stdout)
    assert list(result) == [
        "entity", "sources", "absent", "documents", "absent_labels", "figures", "conflicts", "quotes", "claims",
        "stories",
    ]  # fmt: skip
    assert set(result["entity"]) == {"id", "name", "type", "mentions", "sources", "outlets", "variants", "note"}
    assert len(result["sources"]) == ALL_SEEDS
    assert result["absent"] == []
    assert {d["id"] for d in result["documents"]} == {s["doc"] for s in result["sources"]}
    for source in result["sources"]:
        assert set(source) == {
            "doc",
            "source",
            "title",
            "published",
            "copies",
            "mentions",
            "variants",
            "first_sentence",
            "story",
        }
        assert "Maduro" in source["first_sentence"]


def test_compare_lists_absent_sources(seeds_db: Path) -> None:
    result = json.loads(run_cli("compare", "--entity", "Blinken", "--db", seeds_db, "-f", "json").stdout)
    assert result["entity"]["name"] == "Antony Blinken"
    assert [s["doc"] for s in result["sources"]] == ["003_7df63317c8942e1c", "004_5d573d59d0a7598b"]
    assert result["absent"] == ["000_eaa63e2f889ad871", "001_bf1e7b1d739a4bca", "002_a714db34920ac294"]


@pytest.mark.parametrize("query", ["MADURO", "Nicolas Maduro", "President Nicolás Maduro", "Madurro"])
def test_compare_forgives_case_accents_titles_and_typos(seeds_db: Path, query: str) -> None:
    result = json.loads(run_cli("compare", "--entity", query, "--db", seeds_db, "-f", "json").stdout)
    assert result["entity"]["name"] == "Nicolás Maduro"


def test_unknown_entity_exits_1_with_suggestions(seeds_db: Path) -> None:
    result = run_cli("compare", "--entity", "Edmundo Gonzales Urrutio", "--db", seeds_db, "-f", "json", code=None)
    # close enough to be found by fuzzy matching
    assert result.code == 0
    result = run_cli("compare", "--entity", "Blinkenstein", "--db", seeds_db, code=1)
    assert result.stdout == ""
    assert "no entity matches 'Blinkenstein'" in result.stderr
    assert "did you mean: " in result.stderr and "Blinken" in result.stderr


def test_compare_table_has_header_rows_and_footer(seeds_db: Path) -> None:
    out = run_cli("compare", "--entity", "Blinken", "--db", seeds_db, "-f", "table").stdout
    assert "Antony Blinken" in out and "PERSON" in out
    assert "Not mentioned in: The Week, Herald rewrite, Journal rewrite" in " ".join(out.split())


def test_entities_filters(seeds_db: Path) -> None:
    people = _entities(seeds_db, "--type", "person")
    assert people and all(e["type"] == "PERSON" for e in people)
    widely = _entities(seeds_db, "--min-sources", "5")
    assert {e["name"] for e in widely} >= {"Nicolás Maduro", "Venezuela", "Edmundo González"}
    assert len(_entities(seeds_db, "--limit", "3")) == 3


def test_mentions_jsonl_offsets_point_into_the_text(seeds_db: Path) -> None:
    lines = run_cli("mentions", "--entity", "Blinken", "--db", seeds_db, "-f", "jsonl").stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) == 2
    assert set(rows[0]) == {"doc", "start", "end", "text", "label", "entity_id", "entity_name"}
    for row in rows:
        text = run_cli("docs", "--show-text", row["doc"], "--db", seeds_db).stdout
        assert text[row["start"] : row["end"]] == row["text"]
        assert row["entity_name"] == "Antony Blinken"


@pytest.mark.parametrize("command", [["docs"], ["entities"], ["mentions"], ["compare", "--entity", "Maduro"]])
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv", "table"])
def test_every_format_parses(seeds_db: Path, command: list[str], fmt: str) -> None:
    out = run_cli(*command, "--db", seeds_db, "--format", fmt).stdout
    if fmt == "json":
        assert json.loads(out)
    elif fmt == "jsonl":
        assert all(isinstance(json.loads(line), dict) for line in out.splitlines())
    elif fmt in ("csv", "tsv"):
        table = list(csv.reader(io.StringIO(out), delimiter="\t" if fmt == "tsv" else ","))
        assert len(table) > 1 and all(len(row) == len(table[0]) for row in table)
    else:
        assert "┃" in out or "│" in out


def test_piped_output_defaults_to_tsv(seeds_db: Path) -> None:
    out = run_cli("entities", "--db", seeds_db, "--limit", "2").stdout
    assert out.splitlines()[0] == "id\tname\ttype\tmentions\tsources\tvariants\tnote\toutlets"
    assert "\x1b[" not in out


def test_query_without_database_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("entities", "--db", tmp_path / "none.db", code=2)
    assert "none.db: no database here" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_text("hello, I am not SQLite" * 100)
    result = run_cli("docs", "--db", bogus, code=2)
    assert "bogus.db: not a newscorpus database" in result.stderr
    assert "Traceback" not in result.stderr
