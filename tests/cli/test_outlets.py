"""Outlets for plain files: seeds/sources.csv, --source-from parent, and `docs set` corrections."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

SEED_OUTLETS = {
    "000_eaa63e2f889ad871": "The Week",
    "001_bf1e7b1d739a4bca": "Herald rewrite",
    "002_a714db34920ac294": "Journal rewrite",
    "003_7df63317c8942e1c": "Markets blog",
    "004_5d573d59d0a7598b": "Markets wire",
}
RELABELLED = "5 documents took an outlet, date or url from a sources file or a correction"


def _docs(db: Path) -> dict[str, dict[str, object]]:
    return {d["id"]: d for d in json.loads(run_cli("docs", "--db", db, "--format", "json").stdout)}


def _outlets(db: Path) -> dict[str, object]:
    return {doc_id: row["source"] for doc_id, row in _docs(db).items()}


def test_seeds_sources_csv_gives_each_document_its_outlet(seeds_db: Path) -> None:
    assert _outlets(seeds_db) == SEED_OUTLETS


def test_edited_sources_csv_relabels_without_analysing_again(seeds_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    run_cli("ingest", seeds_copy, "--db", db)
    (seeds_copy / "sources.csv").write_text(
        "file,outlet,date,url\n"
        "000_*.txt,The Week (US),2024-08-12,https://theweek.com/politics/maduro\n"
        "00[1-4]_*.txt,Wire,,\n",
        encoding="utf-8",
    )
    again = run_cli("ingest", seeds_copy, "--db", db)
    assert "added 0, replaced 0, unchanged 5, failed 0" in again.stderr
    assert RELABELLED in again.stderr
    assert _outlets(db) == {**dict.fromkeys(SEED_OUTLETS, "Wire"), "000_eaa63e2f889ad871": "The Week (US)"}
    first = _docs(db)["000_eaa63e2f889ad871"]
    assert (first["published"], first["url"]) == ("2024-08-12", "https://theweek.com/politics/maduro")


def test_unchanged_sources_csv_relabels_nothing(seeds_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    run_cli("ingest", seeds_copy, "--db", db)
    again = run_cli("ingest", seeds_copy, "--db", db)
    assert "unchanged 5" in again.stderr
    assert "took an outlet" not in again.stderr


def test_source_from_parent_names_each_outlet_by_its_folder(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "reuters").mkdir(parents=True)
    (corpus / "ap").mkdir()
    (corpus / "reuters" / "a.txt").write_text(
        "CARACAS (Reuters) - Venezuelan opposition leader María Corina Machado called on supporters to march "
        "on Saturday, as the government of Nicolás Maduro rejected calls for a recount.\n",
        encoding="utf-8",
    )
    (corpus / "ap" / "b.txt").write_text(
        "WASHINGTON (AP) - Secretary of State Antony Blinken said on Thursday that Edmundo González won the "
        "most votes in Venezuela's presidential election.\n",
        encoding="utf-8",
    )
    db = tmp_path / "t.db"
    run_cli("ingest", corpus, "--db", db, "--source-from", "parent")
    assert _outlets(db) == {"reuters/a": "reuters", "ap/b": "ap"}


def test_docs_set_corrects_a_document_by_id_prefix(seeds_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    run_cli("ingest", seeds_copy, "--db", db)
    args = ("--source", "Miami Herald", "--date", "2024-08-13", "--url", "https://miamiherald.example/amnesty")
    shown = json.loads(run_cli("docs", "set", "001", *args, "--db", db, "--format", "json").stdout)
    assert [row["id"] for row in shown] == ["001_bf1e7b1d739a4bca"]
    row = _docs(db)["001_bf1e7b1d739a4bca"]
    assert (row["source"], row["published"], row["url"]) == (
        "Miami Herald",
        "2024-08-13",
        "https://miamiherald.example/amnesty",
    )
    assert _outlets(db)["002_a714db34920ac294"] == "Journal rewrite"


def test_docs_set_correction_survives_a_changed_text_and_beats_sources_csv(seeds_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    run_cli("ingest", seeds_copy, "--db", db)
    correction = ("--source", "Miami Herald", "--date", "2024-08-13", "--url", "https://mh.example/1")
    run_cli("docs", "set", "001", *correction, "--db", db)
    article = seeds_copy / "001_bf1e7b1d739a4bca.txt"
    with article.open("a", encoding="utf-8") as out:
        out.write("\nThe White House declined to comment on the report on Monday.\n")
    again = run_cli("ingest", seeds_copy, "--db", db)
    assert "added 0, replaced 1, unchanged 4, failed 0" in again.stderr
    row = _docs(db)["001_bf1e7b1d739a4bca"]
    assert (row["source"], row["published"], row["url"]) == ("Miami Herald", "2024-08-13", "https://mh.example/1")


def test_docs_set_date_only_leaves_the_outlet_to_sources_csv(seeds_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    run_cli("ingest", seeds_copy, "--db", db)
    run_cli("docs", "set", "003", "--date", "2024-08-14", "--db", db)
    row = _docs(db)["003_7df63317c8942e1c"]
    assert (row["source"], row["published"]) == ("Markets blog", "2024-08-14")
    (seeds_copy / "sources.csv").write_text("file,outlet,date,url\n003_*.txt,Bloomberg,2024-08-01,\n", encoding="utf-8")
    run_cli("ingest", seeds_copy, "--db", db)
    row = _docs(db)["003_7df63317c8942e1c"]
    assert (row["source"], row["published"]) == ("Bloomberg", "2024-08-14")


def test_docs_set_without_an_option_is_a_usage_error(seeds_db: Path) -> None:
    result = run_cli("docs", "set", "001", "--db", seeds_db, code=2)
    errors = [line for line in result.stderr.splitlines() if "error" in line.lower()]
    assert len(errors) == 1
    assert "give --source, --date or --url" in errors[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_docs_set_unknown_id_exits_1(seeds_db: Path) -> None:
    result = run_cli("docs", "set", "zzz", "--source", "X", "--db", seeds_db, code=1)
    assert "no document has the id 'zzz'" in result.stderr
    assert result.stdout == ""


def test_broken_sources_csv_is_one_line_and_the_documents_are_kept(seeds_copy: Path, tmp_path: Path) -> None:
    sources = seeds_copy / "sources.csv"
    sources.write_text("file,outlet,date,url\n000_*.txt,The Week,,\n001_*.txt,Herald,2024-13-45,\n", encoding="utf-8")
    db = tmp_path / "t.db"
    result = run_cli("ingest", seeds_copy, "--db", db, code=1)
    errors = [line for line in result.stderr.splitlines() if line.startswith("newscorpus: error:")]
    assert errors == [f"newscorpus: error: {sources.resolve()}: line 3: '2024-13-45' is not a date like 2024-08-12"]
    assert "Traceback" not in result.stderr
    assert "added 5" in result.stderr
    assert len(_docs(db)) == 5
