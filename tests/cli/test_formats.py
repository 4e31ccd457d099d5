"""Real-world inputs end to end: HTML, JSON Lines, stdin, encodings, metadata, copies, furniture, timeline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, run_cli

SEED_002 = ROOT / "seeds" / "002_a714db34920ac294.txt"
ARTICLE = (
    "Nicolás Maduro’s “victory” was disputed — Edmundo González won, observers in Caracas said.\n"
    "Antony Blinken said the United States would not recognize the result.\n"
)


def _docs(db: Path) -> dict[str, dict]:
    return {d["id"]: d for d in json.loads(run_cli("docs", "--db", db, "-f", "json").stdout)}


def _mentions(db: Path, doc: str) -> set[str]:
    out = run_cli("mentions", "--db", db, "--doc", doc, "-f", "jsonl").stdout
    return {json.loads(line)["text"] for line in out.splitlines()}


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("newscorpus: error:")]


def test_html_page_gives_main_text_and_metadata(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    run_cli("ingest", FIXTURES / "page.html", "--db", db)
    doc = _docs(db)["page"]
    assert doc["format"] == "html"
    assert doc["source"] == "The Daily Example"
    assert doc["title"] == "US weighs amnesty offer to Venezuela's leader"
    assert doc["published"] == "2024-08-12"
    assert doc["url"] == "https://news.example.com/world/venezuela-amnesty"
    found = _mentions(db, "page")
    assert {"Nicolás Maduro", "Edmundo González", "The State Department", "July 28"} <= found
    # navigation, the "Most read" box, the footer and the script are not the article
    assert not found & {"Elon Musk", "Tesla", "Arsenal", "Chelsea", "Oprah Winfrey"}
    assert "INJECTED" not in run_cli("docs", "--show-text", "page", "--db", db).stdout


def test_html_without_a_stated_date_takes_the_date_option(tmp_path: Path) -> None:
    page = (FIXTURES / "page.html").read_text(encoding="utf-8")
    undated = page.replace('<meta property="article:published_time" content="2024-08-12T10:00:00Z">', "")
    (tmp_path / "undated.html").write_text(undated.replace("© 2024", "© 2021"), encoding="utf-8")
    db = tmp_path / "t.db"
    run_cli("ingest", tmp_path / "undated.html", "--date", "2024-08-13", "--db", db)
    assert _docs(db)["undated"]["published"] == "2024-08-13"  # not a year guessed from the copyright line


def test_jsonl_bad_lines_are_named_and_the_others_stored(tmp_path: Path) -> None:
    corpus = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "wire-1", "text": ARTICLE, "source": "Wire One", "date": "2024-08-12", "title": "Disputed"}),
        '{"id": "broken", "text": "no closing brace"',
        json.dumps({"id": "no-text", "title": "Only a title"}),
        "",
        json.dumps(
            {"text": "Edmundo González left Venezuela for Spain, officials in Madrid said.", "url": "https://x.test/2"}
        ),
        json.dumps(["not", "an", "object"]),
    ]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "t.db"
    result = run_cli("ingest", corpus, "--db", db, code=1)
    errors = _errors(result.stderr)
    assert len(errors) == 3
    assert any(f"{corpus}:2: not valid JSON" in e for e in errors)
    assert any(f"{corpus}:3: no 'text' string" in e for e in errors)
    assert any(f"{corpus}:6: not a JSON object" in e for e in errors)
    assert "Traceback" not in result.stderr
    docs = _docs(db)
    assert set(docs) == {"wire-1", "feed:5"}
    assert docs["wire-1"]["source"] == "Wire One"
    assert docs["wire-1"]["published"] == "2024-08-12"
    assert docs["wire-1"]["title"] == "Disputed"
    assert docs["feed:5"]["url"] == "https://x.test/2"
    # one changed line re-reads that document only
    corpus.write_text("\n".join([*lines[:4], json.dumps({"text": "Maduro spoke in Caracas on Friday."})]) + "\n")
    again = run_cli("ingest", corpus, "--db", db, code=1)
    assert "added 0, replaced 1, unchanged 1" in again.stderr


def test_stdin_text_with_source_and_date(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    run_cli("ingest", "-", "--source", "Piped News", "--date", "2024-08-12", "--db", db, stdin=ARTICLE.encode())
    (doc,) = _docs(db).values()
    assert doc["id"].startswith("stdin-")
    assert (doc["source"], doc["published"], doc["path"]) == ("Piped News", "2024-08-12", "-")
    assert "Antony Blinken" in _mentions(db, doc["id"])
    again = run_cli("ingest", "-", "--source", "Piped News", "--date", "2024-08-12", "--db", db, stdin=ARTICLE.encode())
    assert "added 0, replaced 0, unchanged 1" in again.stderr


def test_stdin_json_lines(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    feed = "\n".join(json.dumps({"id": f"a{i}", "text": ARTICLE + f"Line {i}."}) for i in range(3)) + "\n{oops\n"
    result = run_cli("ingest", "-", "--jsonl", "--db", db, stdin=feed.encode(), code=1)
    assert any("<stdin>:4: not valid JSON" in e for e in _errors(result.stderr))
    assert set(_docs(db)) == {"a0", "a1", "a2"}


def test_jsonl_lines_that_cannot_be_stored_are_errors_not_crashes(tmp_path: Path) -> None:
    corpus = tmp_path / "feed.jsonl"
    good = json.dumps({"id": "ok", "text": ARTICLE}, ensure_ascii=False).encode()
    corpus.write_bytes(
        b"\n".join(
            [
                good,
                '{"id": "latin", "text": "Caf\u00e9 society in Z\u00fcrich."}'.encode("latin-1"),  # not UTF-8
                b'{"id": "s", "text": "half an emoji \\ud83d here"}',  # a lone surrogate
                b"[" * 100_000,  # deeper than the JSON parser goes
                b'{"id": true, "text": "a boolean id"}',
            ]
        )
    )
    db = tmp_path / "t.db"
    result = run_cli("ingest", corpus, "--db", db, code=1)
    errors = _errors(result.stderr)
    assert [e.split(f"{corpus}:")[1].split(":")[0] for e in errors] == ["2", "3", "4", "5"]
    assert "not valid UTF-8" in errors[0]
    assert "Traceback" not in result.stderr
    assert set(_docs(db)) == {"ok"}
    assert _docs(db)["ok"]["encoding"] == "utf-8"


def test_stdin_json_lines_without_ids_never_replace_each_other(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    for text in ("Nicolás Maduro spoke in Caracas.", "Edmundo González left for Madrid."):
        result = run_cli("ingest", "-", "--jsonl", "--db", db, stdin=json.dumps({"text": text}) + "\n")
        assert "added 1, replaced 0" in result.stderr
    assert len(_docs(db)) == 2


def test_stdin_given_twice_is_read_once(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    result = run_cli("ingest", "-", "-", "--db", db, stdin=ARTICLE)
    assert "added 1, replaced 0, unchanged 0, failed 0" in result.stderr


def test_stdin_html_after_a_byte_order_mark(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    page = (FIXTURES / "page.html").read_bytes()
    run_cli("ingest", "-", "--db", db, stdin=b"\xef\xbb\xbf" + page)
    (doc,) = _docs(db).values()
    assert (doc["format"], doc["source"]) == ("html", "The Daily Example")


def test_bad_date_option_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("ingest", "-", "--date", "12/08/2024", "--db", tmp_path / "t.db", stdin=b"x", code=2)
    assert "is not a date like 2024-08-12" in result.stderr


@pytest.mark.parametrize(
    ("encoding", "recorded"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("cp1252", "cp1252")],
)
def test_each_encoding_is_read_and_recorded(tmp_path: Path, encoding: str, recorded: str) -> None:
    (tmp_path / "article.txt").write_bytes(ARTICLE.encode(encoding))
    db = tmp_path / "t.db"
    run_cli("ingest", tmp_path / "article.txt", "--db", db)
    assert _docs(db)["article"]["encoding"] == recorded
    assert {"Nicolás Maduro", "Edmundo González"} <= _mentions(db, "article")


def test_binary_and_empty_files_are_refused_and_the_rest_stored(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n")
    (corpus / "noise.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.txt").write_bytes("  \n\n ".encode("utf-16"))
    db = tmp_path / "t.db"
    result = run_cli("ingest", corpus, "--db", db, code=1)
    errors = _errors(result.stderr)
    assert len(errors) == 4
    assert any("scan.txt: binary file (a PDF document), not text" in e for e in errors)
    assert any("noise.txt: binary file" in e for e in errors)
    assert any("empty.txt: empty file" in e for e in errors)
    assert any("blank.txt: empty file (only whitespace, utf-16)" in e for e in errors)
    assert list(_docs(db)) == ["good"]


def test_near_duplicate_is_shown_and_counted_once(tmp_path: Path) -> None:
    copies = tmp_path / "copies"
    copies.mkdir()
    text = SEED_002.read_text(encoding="utf-8")
    edited = text.replace("This bold move", "This daring move").replace("nearly eight million", "almost 8 million")
    (copies / "syndicated.txt").write_text(
        edited + "\nThis article first appeared on Example Wire.\n", encoding="utf-8"
    )
    (copies / "exact.txt").write_text(text.replace("\n", "\n\n"), encoding="utf-8")  # same words, re-wrapped
    shutil.copy(SEED_002, tmp_path / "original.txt")
    db = tmp_path / "t.db"
    run_cli("ingest", copies, "--date", "2024-08-13", "--db", db)
    run_cli("ingest", tmp_path / "original.txt", "--date", "2024-08-12", "--db", db)  # later, but published first
    docs = _docs(db)
    assert docs["original"]["copies"] == ["exact", "syndicated"]
    assert (docs["exact"]["copy_of"], docs["exact"]["copy_exact"]) == ("original", True)
    assert (docs["syndicated"]["copy_of"], docs["syndicated"]["copy_exact"]) == ("original", False)
    assert 0.5 < docs["syndicated"]["copy_similarity"] < 1

    result = json.loads(run_cli("compare", "--entity", "Maduro", "--db", db, "-f", "json").stdout)
    assert [s["doc"] for s in result["sources"]] == ["original"]
    assert result["sources"][0]["copies"] == ["exact", "syndicated"]
    assert result["entity"]["sources"] == 1
    arrests = [f for f in result["figures"] if f["text"].startswith("over 2,400")]
    assert [f["doc"] for f in arrests] == ["original"]
    assert all(c["doc"] == "original" for q in result["quotes"] for c in q["carriers"])
    table = run_cli("compare", "--entity", "Maduro", "--db", db, "-f", "table").stdout
    assert "Counted once: syndicated, near copy of original" in " ".join(table.split())


def test_seeds_furniture_is_removed_and_kept(seeds_db: Path) -> None:
    removed = run_cli("docs", "--show-removed", "000_eaa63e2f889ad871", "--db", seeds_db, "-f", "tsv").stdout
    assert "\tnewsletter\tSubscribe to The Week" in removed
    assert "\tbyline\tBy Peter Weber, The Week US" in removed
    people = {e["name"] for e in json.loads(run_cli("entities", "--db", seeds_db, "-f", "json").stdout)}
    assert not people & {"Peter Weber", "Catherine Garcia", "Justin Klawans", "Rafi Schwartz", "Peter", "The Week"}
    dates = {json.loads(m)["text"] for m in run_cli("mentions", "--db", seeds_db, "-f", "jsonl").stdout.splitlines()}
    assert not {d for d in dates if "Week" in d}
    docs = _docs(seeds_db)
    assert docs["000_eaa63e2f889ad871"]["source"] == "The Week"  # named by its own furniture
    assert docs["003_7df63317c8942e1c"]["removed_lines"] == 3


def test_show_removed_of_an_unknown_document_suggests(seeds_db: Path) -> None:
    result = run_cli("docs", "--show-removed", "000_eaa63e2f889ad87x", "--db", seeds_db, code=1)
    assert "no document has the id '000_eaa63e2f889ad87x'" in result.stderr
    assert "000_eaa63e2f889ad871" in result.stderr


def test_a_unique_start_of_an_id_names_the_document(seeds_db: Path) -> None:
    whole = run_cli("docs", "--show-text", "000_eaa63e2f889ad871", "--db", seeds_db).stdout
    assert run_cli("docs", "--show-text", "000", "--db", seeds_db).stdout == whole


def test_the_start_of_several_ids_is_refused_with_them(seeds_db: Path) -> None:
    result = run_cli("docs", "--show-text", "00", "--db", seeds_db, code=1)
    assert "'00' begins 5 document ids; give more of it" in result.stderr
    assert "001_bf1e7b1d739a4bca" in result.stderr


def test_keep_boilerplate_turns_removal_off_and_reingests(seeds_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    seed = seeds_copy / "000_eaa63e2f889ad871.txt"
    run_cli("ingest", seed, "--keep-boilerplate", "--db", db)
    assert _docs(db)["000_eaa63e2f889ad871"]["removed_lines"] == 0
    assert "Peter Weber" in _mentions(db, "000_eaa63e2f889ad871")
    again = run_cli("ingest", seed, "--db", db)  # other options: read again
    assert "added 0, replaced 1, unchanged 0" in again.stderr
    assert "Peter Weber" not in _mentions(db, "000_eaa63e2f889ad871")


def test_timeline_on_seeds(seeds_db: Path) -> None:
    events = json.loads(run_cli("timeline", "--db", seeds_db, "-f", "json").stdout)
    by_date = {e["date"]: e for e in events if e["date"]}
    # no publication dates in plain text: July 28 stays without a year, named by four sources
    assert by_date["--07-28"]["docs"] == [
        "000_eaa63e2f889ad871",
        "001_bf1e7b1d739a4bca",
        "002_a714db34920ac294",
        "003_7df63317c8942e1c",
    ]
    assert by_date["--08-17"]["docs"] == ["000_eaa63e2f889ad871"]
    assert by_date["2024-08-11"]["precision"] == "day"
    dated = [e["date"] for e in events if e["date"] and not e["date"].startswith("--")]
    assert dated == sorted(dated)
    unplaced = {r["text"].lower() for e in events if not e["date"] for r in e["reports"]}
    assert {"last month", "sunday"} <= unplaced


def test_timeline_resolves_against_the_publication_date(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    seed = ROOT / "seeds" / "004_5d573d59d0a7598b.txt"
    run_cli("ingest", seed, "--date", "2024-08-12", "--db", db)
    events = json.loads(run_cli("timeline", "--entity", "Maduro", "--placed-only", "--db", db, "-f", "json").stdout)
    dates = {e["date"]: {r["text"] for r in e["reports"]} for e in events}
    assert dates["2024-08-11"] == {"Sunday"}
    assert dates["2024-08-09"] == {"Friday"}
    assert "last month" in dates["2024-07"]
    assert dates["2025-01"] == {"January"}  # "before his term ends in January": the nearest January
    assert list(dates) == sorted(dates)
