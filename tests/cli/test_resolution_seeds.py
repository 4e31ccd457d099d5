"""Entity resolution end to end on seeds/: the hard cases as the real model meets them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli


@pytest.fixture(scope="module")
def by_variant(seeds_db: Path) -> dict[str, dict]:
    entities = json.loads(run_cli("entities", "--db", seeds_db, "-f", "json").stdout)
    return {v["text"]: e for e in entities for v in e["variants"]}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nicolás Maduro", "Nicolas Maduro"),
        ("Nicolás Maduro", "Maduro"),
        ("Antony Blinken", "Anthony Blinken"),
        ("María Corina Machado", "Maria Corina"),
        ("Edmundo González Urrutia", "Edmundo González"),
        ("Wall Street Journal", "Journal"),
        ("U.S.", "US"),
        ("United States", "U.S."),
        ("Joe Biden", "Biden"),
        ("Elon Musk", "Musk"),
        ("X", "Twitter"),
        ("National Security Council", "White House National Security Council"),
    ],
)
def test_must_merge(by_variant: dict[str, dict], a: str, b: str) -> None:
    assert by_variant[a]["id"] == by_variant[b]["id"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Edmundo González", "Juan González"),
        ("White House", "National Security Council"),
        ("Jorge Rodríguez", "Juan González"),
        ("Juan González", "Juan Barreto"),
        ("Venezuela", "Venezuelan"),
        ("Doha", "Qatar"),
        ("Miami Herald", "Wall Street Journal"),
    ],
)
def test_must_not_merge(by_variant: dict[str, dict], a: str, b: str) -> None:
    assert by_variant[a]["id"] != by_variant[b]["id"]


@pytest.mark.parametrize(
    ("variant", "type_"),
    [
        ("Maduro", "PERSON"),
        ("María Corina Machado", "PERSON"),
        ("Miami Herald", "ORG"),
        # X was ORG only through "platform" as a type cue ("social media platform X"), a word list entry
        # fitted to this story and removed; no general rule types X yet (its rename from Twitter could).
        pytest.param("X", "ORG", marks=pytest.mark.xfail(strict=True, reason="no general evidence types X")),
        ("US", "GPE"),
    ],
)
def test_one_type_per_entity_by_evidence(by_variant: dict[str, dict], variant: str, type_: str) -> None:
    assert by_variant[variant]["type"] == type_


def test_alias_merge_split_list_round_trip(seeds_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    db.write_bytes(seeds_db.read_bytes())
    run_cli("alias", "merge", "Juan González", "Juan Barreto", "--db", db)
    run_cli("alias", "split", "Edmundo González", "Edmundo González Urrutia", "--db", db)
    listed = json.loads(run_cli("alias", "list", "--db", db, "-f", "json").stdout)
    assert listed == [
        {"action": "merge", "name": "Juan González", "other": "Juan Barreto"},
        {"action": "split", "name": "Edmundo González", "other": "Edmundo González Urrutia"},
    ]
    assert "merge = [" in (tmp_path / "copy.aliases.toml").read_text(encoding="utf-8")
    result = run_cli("entities", "--db", db, "-f", "json")
    assert "2 hand corrections applied" in result.stderr
    variants = {v["text"]: e["id"] for e in json.loads(result.stdout) for v in e["variants"]}
    assert variants["Juan González"] == variants["Juan Barreto"]
    assert variants["Edmundo González"] != variants["Edmundo González Urrutia"]


def test_alias_of_an_unknown_name_is_refused(seeds_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    db.write_bytes(seeds_db.read_bytes())
    result = run_cli("alias", "merge", "Nobody Known", "Maduro", "--db", db, code=1)
    assert "no entity has the name or variant 'Nobody Known'" in result.stderr
    assert not (tmp_path / "copy.aliases.toml").exists()


def test_corrections_survive_a_reingest(seeds_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    run_cli("ingest", seeds_copy, "--db", db)
    run_cli("alias", "merge", "Daniel Erikson", "Juan González", "--db", db)
    (seeds_copy / "extra.txt").write_text("Daniel Erikson spoke in Caracas on Monday.\n", encoding="utf-8")
    run_cli("ingest", seeds_copy, "--db", db)
    entities = json.loads(run_cli("entities", "--db", db, "-f", "json").stdout)
    merged = next(e for e in entities if "Juan González" in {v["text"] for v in e["variants"]})
    assert "Daniel Erikson" in {v["text"] for v in merged["variants"]}
    assert merged["sources"] == 3


def test_explain_says_why_each_variant_joined(seeds_db: Path) -> None:
    out = run_cli("entities", "--explain", "Maduro", "--db", seeds_db).stdout.splitlines()
    assert out[0] == "entity\tvariant\tmentions\twhy"
    why = {line.split("\t")[1]: line.split("\t")[3] for line in out[1:]}
    assert why["Nicolás Maduro"] == "the entity's name (PERSON)"
    assert why["Maduro"] == "surname of Nicolás Maduro, named in the same article"
    assert why["Nicolas Maduro"] == "Nicolás Maduro, written differently"


def test_explain_in_json_is_the_entity_with_a_reason_per_variant(seeds_db: Path) -> None:
    [entity] = json.loads(run_cli("entities", "--explain", "U.S.", "--db", seeds_db, "-f", "json").stdout)
    assert entity["name"] == "United States"
    assert {v["text"]: v["reason"] for v in entity["variants"]}["US"] == "a known short form of United States"


def test_explain_of_an_unknown_name_is_a_one_line_error(seeds_db: Path) -> None:
    result = run_cli("entities", "--explain", "Qwertyuiop", "--db", seeds_db, code=1)
    assert result.stderr.strip() == "newscorpus: error: no entity matches 'Qwertyuiop'"
