"""`search`: SQLite FTS5 over the stored article text, each matching sentence in context."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli


def hits(seeds_db: Path, *args: str) -> list[dict]:
    return json.loads(run_cli("search", *args, "--db", seeds_db, "-f", "json").stdout)


def test_a_phrase_finds_the_sentences_that_hold_it_with_offsets_into_the_stored_text(seeds_db: Path) -> None:
    found = hits(seeds_db, '"secret talks"')
    assert [h["doc"] for h in found] == ["004_5d573d59d0a7598b"]
    [hit] = found
    start, end = hit["matches"][0]
    assert hit["text"][start:end] == "secret talks"
    text = run_cli("docs", "--show-text", hit["doc"], "--db", seeds_db).stdout
    assert text[hit["start"] : hit["end"]] == hit["text"]


@pytest.mark.parametrize(
    ("query", "docs"),
    [
        ("amnesty AND Doha", {"003_7df63317c8942e1c", "004_5d573d59d0a7598b"}),
        ("NEAR(amnesty Doha, 10)", {"003_7df63317c8942e1c", "004_5d573d59d0a7598b"}),
        ("NEAR(amnesty Doha, 3)", set()),
        ("crampons", set()),
        ("Nicolas", {"000_eaa63e2f889ad871", "001_bf1e7b1d739a4bca", "002_a714db34920ac294",
                     "003_7df63317c8942e1c", "004_5d573d59d0a7598b"}),  # accents folded: Nicolás too
    ],
)  # fmt: skip
def test_fts5_queries(seeds_db: Path, query: str, docs: set[str]) -> None:
    result = run_cli("search", query, "--db", seeds_db, "-f", "json", code=None)
    assert {h["doc"] for h in json.loads(result.stdout)} == docs
    assert result.code == (0 if docs else 1)


def test_context_gives_the_sentences_around_a_match(seeds_db: Path) -> None:
    [hit] = hits(seeds_db, '"secret talks"', "-C", "1")
    assert hit["before"][0].startswith("This offer comes as the opposition in Venezuela")
    assert hit["after"][0].startswith("However, Maduro declined")


def test_tsv_has_one_row_per_sentence_with_its_source(seeds_db: Path) -> None:
    lines = run_cli("search", "amnesty", "--db", seeds_db, "-f", "tsv").stdout.splitlines()
    assert lines[0] == "doc\tsource\tpublished\tsentence\tstart\tend\tmatches\ttext"
    assert len(lines) > 5 and all(line.count("\t") == 7 for line in lines)
    assert {line.split("\t")[1] for line in lines[1:]} >= {"Markets wire", "Markets blog"}


def test_a_query_fts5_cannot_read_is_one_line_with_the_syntax(seeds_db: Path) -> None:
    result = run_cli("search", '"secret talks', "--db", seeds_db, code=2)
    first, hint = result.stderr.strip().splitlines()
    assert first.startswith("newscorpus: error: cannot search for '\"secret talks'")
    assert hint.startswith('hint: words, "a phrase", AND, OR, NOT')


def test_the_table_shows_the_source_label_and_the_match(seeds_db: Path) -> None:
    out = run_cli("search", '"secret talks"', "--db", seeds_db, "-f", "table").stdout
    assert "Markets wire" in out and "during secret" in out and "talks in Doha" in out


def test_search_after_a_document_changed_finds_the_new_text(seeds_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    run_cli("ingest", seeds_copy, "--db", db)
    (seeds_copy / "000_eaa63e2f889ad871.txt").write_text(
        "Zanzibar officials met on Tuesday.\n\nThe talks in Zanzibar ended without a deal.\n", encoding="utf-8"
    )
    run_cli("ingest", seeds_copy, "--db", db)
    assert [h["doc"] for h in json.loads(run_cli("search", "Zanzibar", "--db", db, "-f", "json").stdout)] == [
        "000_eaa63e2f889ad871",
        "000_eaa63e2f889ad871",
    ]
    assert run_cli("search", "Biden AND concede", "--db", db, "-f", "json", code=1).stdout.strip() == "[]"
