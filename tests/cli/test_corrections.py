"""Corrections that do what they say: alias merge, split, rename and rm, with stable entity ids."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli


@pytest.fixture
def db(seeds_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "t.db"
    copy.write_bytes(seeds_db.read_bytes())
    return copy


def entities(db: Path) -> dict[str, Any]:
    return {e["name"]: e for e in json.loads(run_cli("entities", "--db", db, "-f", "json").stdout)}


def variants(entity: dict[str, Any]) -> set[str]:
    return {v["text"] for v in entity["variants"]}


def test_merge_joins_the_two_entities_whole_and_says_what_moved(db: Path) -> None:
    before = entities(db)
    result = run_cli("alias", "merge", "Maduro", "Biden", "--db", db)
    assert result.stderr.strip() == (
        "newscorpus: merged 'Nicolás Maduro' (67 mentions) and 'Joe Biden' (8 mentions):"
        " now 'Nicolás Maduro', 75 mentions"
    )
    after = entities(db)
    assert "Joe Biden" not in after
    merged = after["Nicolás Maduro"]
    assert variants(merged) == variants(before["Nicolás Maduro"]) | variants(before["Joe Biden"])
    assert merged["id"] == before["Nicolás Maduro"]["id"]
    why = {v["text"]: v["reason"] for v in merged["variants"]}
    assert why["Joe Biden"] == "Maduro and Biden: your alias merge"
    assert why["Biden"] == "surname of Joe Biden, the only person with it in the corpus"


def test_merging_an_entity_with_itself_is_refused(db: Path) -> None:
    result = run_cli("alias", "merge", "Maduro", "Nicolas Maduro", "--db", db, code=2)
    assert "'Maduro' and 'Nicolas Maduro' are already one entity, 'Nicolás Maduro'" in result.stderr
    assert run_cli("alias", "list", "--db", db, "-f", "tsv").stdout == "action\tname\tother\n"


def test_split_says_where_the_name_went(db: Path) -> None:
    result = run_cli("alias", "split", "Edmundo González", "González", "--db", db)
    assert result.stderr.strip().startswith("newscorpus: 'González' is ")
    assert result.stderr.strip().endswith("apart from 'Edmundo González'")
    assert "González" not in variants(entities(db)["Edmundo González"])


def test_rename_chooses_the_name_and_keeps_the_id(db: Path) -> None:
    before = entities(db)["Nicolás Maduro"]
    result = run_cli("alias", "rename", "Maduro", "Nicolás Maduro Moros", "--db", db)
    assert result.stderr.strip() == "newscorpus: 'Nicolás Maduro' is now called 'Nicolás Maduro Moros' (67 mentions)"
    after = entities(db)["Nicolás Maduro Moros"]
    assert after["id"] == before["id"] and after["mentions"] == before["mentions"]
    assert (
        json.loads(run_cli("compare", "Nicolás Maduro Moros", "--db", db, "-f", "json").stdout)["entity"]["id"]
        == (before["id"])
    )


def test_rm_takes_a_correction_back_and_ids_stay(db: Path) -> None:
    ids = {name: e["id"] for name, e in entities(db).items()}
    run_cli("alias", "merge", "Maduro", "Biden", "--db", db)
    run_cli("alias", "rm", "Biden", "Maduro", "--db", db)  # either order
    after = entities(db)
    assert {name: e["id"] for name, e in after.items()} == ids
    assert run_cli("alias", "list", "--db", db, "-f", "tsv").stdout == "action\tname\tother\n"


def test_rm_of_a_correction_that_is_not_there_fails(db: Path) -> None:
    result = run_cli("alias", "rm", "Maduro", "Biden", "--db", db, code=1)
    assert "no correction names 'Maduro' and 'Biden'" in result.stderr


def test_ids_stay_the_same_after_new_articles(seeds_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    run_cli("ingest", seeds_copy, "--db", db)
    ids = {name: e["id"] for name, e in entities(db).items()}
    (seeds_copy / "new.txt").write_text(
        "Angela Merkel met Emmanuel Macron in Berlin on Monday. Merkel said Venezuela must hold a fair vote.\\n",
        encoding="utf-8",
    )
    run_cli("ingest", seeds_copy, "--db", db)
    after = {name: e["id"] for name, e in entities(db).items()}
    assert {name: after[name] for name in ids} == ids
    assert after["Angela Merkel"] > max(ids.values())


def test_docs_rm_removes_a_document_and_what_was_found_in_it(db: Path) -> None:
    result = run_cli("docs", "rm", "003", "004_5d57", "--db", db)
    assert result.stderr.strip() == "newscorpus: removed 2 documents: 003_7df63317c8942e1c, 004_5d573d59d0a7598b"
    docs = json.loads(run_cli("docs", "--db", db, "-f", "json").stdout)
    assert [d["id"][:3] for d in docs] == ["000", "001", "002"]
    assert "Antony Blinken" not in entities(db)  # named only in 003 and 004
    assert run_cli("search", "Doha", "--db", db, "-f", "tsv", code=1).stdout.count("\n") == 1
    mentions = run_cli("mentions", "--db", db, "-f", "tsv").stdout
    assert "003_7df63317c8942e1c" not in mentions and "004_5d573d59d0a7598b" not in mentions


def test_docs_rm_of_an_unknown_id_removes_nothing(db: Path) -> None:
    result = run_cli("docs", "rm", "000", "zzz", "--db", db, code=1)
    assert "no document has the id 'zzz'" in result.stderr
    assert len(json.loads(run_cli("docs", "--db", db, "-f", "json").stdout)) == 5
