"""`figures --conflicts` end to end on the seeds: conflicts name the pairs of values that disagree."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli


@pytest.fixture(scope="module")
def output(seeds_db: Path) -> dict[str, Any]:
    return json.loads(run_cli("figures", "--conflicts", "--db", seeds_db, "--format", "json").stdout)


@pytest.fixture(scope="module")
def every_figure(seeds_db: Path) -> list[dict[str, Any]]:
    return json.loads(run_cli("figures", "--db", seeds_db, "--format", "json").stdout)["figures"]


def paired(conflict: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(conflict["values"][i], conflict["values"][j]) for i, j in conflict["pairs"]]


def test_output_has_figures_and_conflicts(output: dict[str, Any]) -> None:
    assert {"figures", "conflicts"} <= set(output)
    assert output["conflicts"], "the seeds' arrests are a conflict"


def test_the_arrests_conflict_pairs_approximately_2000_with_over_2400(output: dict[str, Any]) -> None:
    [arrests] = [c for c in output["conflicts"] if c["counts"].startswith("arrest")]
    [(a, b)] = paired(arrests)
    assert a["doc"] != b["doc"]
    assert sorted([(a["value"], a["qualifier"]), (b["value"], b["qualifier"])]) == [
        (2000, "approximately"),
        (2400, "over"),
    ]
    assert {a["text"], b["text"]} == {"approximately 2,000", "over 2,400"}


def test_every_pair_indexes_values_of_two_documents(output: dict[str, Any]) -> None:
    for conflict in output["conflicts"]:
        assert conflict["pairs"], conflict
        for i, j in conflict["pairs"]:
            assert 0 <= i < len(conflict["values"]) and 0 <= j < len(conflict["values"])
            assert conflict["values"][i]["doc"] != conflict["values"][j]["doc"]


def test_pair_values_are_marked_as_conflicting_figures(output: dict[str, Any]) -> None:
    marked = {(f["doc"], f["text"]) for f in output["figures"] if f["conflict"]}
    for conflict in output["conflicts"]:
        for a, b in paired(conflict):
            assert {(a["doc"], a["text"]), (b["doc"], b["text"])} <= marked


def test_the_10_day_ban_written_two_ways_is_no_conflict(
    output: dict[str, Any], every_figure: list[dict[str, Any]]
) -> None:
    ban = [f for f in every_figure if f["unit"] == "days"]
    assert {f["text"] for f in ban} == {"10 days", "10-day"}
    assert len({f["doc"] for f in ban}) == 2 and len({f["key"] for f in ban}) == 1
    assert not any(f["conflict"] for f in ban)
    in_pairs = {v["text"] for c in output["conflicts"] for pair in paired(c) for v in pair}
    assert not in_pairs & {"10 days", "10-day"}
