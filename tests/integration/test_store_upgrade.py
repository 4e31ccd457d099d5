"""A database written by an earlier schema (version 5, before quote groups and figure ranges) is upgraded in place:
every row kept, read commands work at once (each quote standing alone), and the next ingest
groups the quotes as a fresh database has them."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections import defaultdict
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from newscorpus import store
from newscorpus.errors import ExitCode
from newscorpus.models import EXTRACTION_VERSION
from newscorpus.store.schema import MIGRATIONS
from tests.conftest import CONTENT_TABLES, SEEDS, db_content, run_cli

PREVIOUS = 5
MADURO = "Nicolás Maduro"


def _copy(source: Path, target: Path) -> Path:
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target


@pytest.fixture
def v5_db(seeds_db: Path, tmp_path: Path) -> Path:
    """The seeds ingested by this newscorpus, then taken back to schema 5 as an older one wrote it."""
    db = _copy(seeds_db, tmp_path / "v5.db")
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("DROP INDEX quotes_group")
        conn.execute("ALTER TABLE quotes DROP COLUMN grp")
        conn.execute("ALTER TABLE quotes DROP COLUMN speaker_description")
        conn.execute("ALTER TABLE entities DROP COLUMN note")
        conn.execute("ALTER TABLE entity_variants DROP COLUMN reason")
        conn.execute("DROP TABLE metadata_corrections")
        for trigger in ("insert", "delete", "update"):
            conn.execute(f"DROP TRIGGER documents_fts_{trigger}")
        conn.execute("DROP TABLE documents_fts")
        conn.execute("DROP TABLE entity_ids")
        for table in ("stories", "document_stories", "story_terms", "story_corrections"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DELETE FROM meta WHERE key = 'last_story_id'")
        conn.execute("ALTER TABLE figures DROP COLUMN high")
        for column in ADDED_SINCE_5["claims"]:
            conn.execute(f"ALTER TABLE claims DROP COLUMN {column}")
        conn.execute("UPDATE documents SET extraction = ?", (EXTRACTION_VERSION - 1,))  # claims without doers
        conn.execute(f"PRAGMA user_version = {PREVIOUS}")
        conn.commit()
    return db


def _schema(conn: sqlite3.Connection) -> dict[str, object]:
    """Every table's columns and every index's name and columns: the schema, less the SQL's spelling."""
    names = conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    return {
        f"{kind} {name}": conn.execute(f"PRAGMA {'table_info' if kind == 'table' else 'index_info'}({name})").fetchall()
        for kind, name in names.fetchall()
    }


# columns later migrations add: derived or new, so not content an upgrade must keep
ADDED_SINCE_5 = {
    "documents": ("extraction",),  # not added, but an older extractor's number
    "entities": ("note",),
    "entity_variants": ("reason",),
    "quotes": ("grp", "speaker_description"),
    "figures": ("high",),
    "claims": ("subject_kind", "subject_start", "subject_end"),
}


def _without_groups(content: dict[str, list[tuple[object, ...]]], db: Path) -> dict[str, list[tuple[object, ...]]]:
    """`db_content` without the columns added since version 5 (quote groups are rowids, not content)."""
    content = dict(content)
    with closing(sqlite3.connect(db)) as conn:
        for table, added in ADDED_SINCE_5.items():
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})") if row[1] != "ingested_at"]
            kept = [i for i, name in enumerate(columns) if name not in added]
            if len(kept) < len(columns):
                content[table] = sorted((tuple(r[i] for i in kept) for r in content[table]), key=repr)
    return content


def _group_membership(db: Path) -> list[list[tuple[str, int]]]:
    """The quote groups as lists of (document, start) in document order; quotes without a group stand alone."""
    groups: dict[object, list[tuple[str, int]]] = defaultdict(list)
    with closing(sqlite3.connect(db)) as conn:
        for doc, start, group in conn.execute("SELECT doc_id, start, grp FROM quotes ORDER BY doc_id, start"):
            groups[group if group is not None else (doc, start)].append((doc, start))
    return sorted(groups.values())


def _json(*args: str | Path) -> Any:
    return json.loads(run_cli(*args, "--format", "json").stdout)


def test_the_made_up_database_has_the_schema_of_version_5(v5_db: Path, tmp_path: Path) -> None:
    with closing(sqlite3.connect(tmp_path / "made_by_5.db", isolation_level=None)) as conn:
        for migrate in MIGRATIONS[:PREVIOUS]:
            migrate(conn)
        expected = _schema(conn)
    with closing(sqlite3.connect(v5_db)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == PREVIOUS
        assert _schema(conn) == expected


def test_connect_migrates_to_the_current_version_and_keeps_every_row(v5_db: Path, seeds_db: Path) -> None:
    before = db_content(v5_db)
    assert len(before["documents"]) == 5 and len(before["mentions"]) > 200 and len(before["quotes"]) > 10

    with closing(store.connect(v5_db, create=False)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION == len(MIGRATIONS)
        assert conn.execute("SELECT count(*) FROM quotes WHERE grp IS NOT NULL").fetchone()[0] == 0
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'quotes_group'").fetchone()
        assert store.entities_stale(conn)  # the next ingest computes the groups

    after = db_content(v5_db)
    assert set(after) == set(CONTENT_TABLES)
    assert {table: len(rows) for table, rows in after.items()} == {table: len(rows) for table, rows in before.items()}
    assert _without_groups(after, v5_db) == _without_groups(db_content(seeds_db), seeds_db)
    with closing(sqlite3.connect(v5_db)) as conn, closing(sqlite3.connect(seeds_db)) as fresh:
        assert _schema(conn) == _schema(fresh)


def test_read_commands_work_right_after_the_upgrade(v5_db: Path, seeds_db: Path) -> None:
    quotes = _json("quotes", "--db", v5_db)  # the first open: the CLI upgrades the database
    with closing(sqlite3.connect(v5_db)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION

    # not grouped until the next ingest: each quote stands alone, and none is lost
    assert all(len(quote["carriers"]) == 1 and quote["docs"] == [quote["carriers"][0]["doc"]] for quote in quotes)
    carried = sorted((c["doc"], c["text"]) for q in _json("quotes", "--db", seeds_db) for c in q["carriers"])
    assert sorted((q["carriers"][0]["doc"], q["carriers"][0]["text"]) for q in quotes) == carried
    assert len(quotes) > len(_json("quotes", "--db", seeds_db))  # the seeds do share quotes

    upgraded = _json("compare", "--entity", "Maduro", "--db", v5_db)
    fresh = _json("compare", "--entity", "Maduro", "--db", seeds_db)
    assert upgraded["entity"]["name"] == MADURO
    for part in ("entity", "sources", "absent", "figures", "conflicts"):
        if part == "entity":  # why each variant joined is written by the next ingest
            for variant in (*upgraded[part]["variants"], *fresh[part]["variants"]):
                variant["reason"] = ""
        elif part in ("sources", "conflicts"):  # and so are the stories
            assert all(row["story"] is None for row in upgraded[part])
            for row in (*upgraded[part], *fresh[part]):
                row.pop("story")
                row.pop("id", None)  # a conflict's id names its story
        assert upgraded[part] == fresh[part], part
    # claims an older extractor wrote have no doers until the next ingest; none is lost meanwhile
    carried = [
        {(c["doc"], c["sentence"]) for claim in found["claims"] for c in claim["carriers"]}
        for found in (upgraded, fresh)
    ]
    assert carried[0] >= carried[1]
    assert all(len(quote["carriers"]) == 1 for quote in upgraded["quotes"])


def test_stories_say_the_next_ingest_groups_them_right_after_the_upgrade(v5_db: Path) -> None:
    result = run_cli("stories", "--db", v5_db, code=ExitCode.FAILED)
    assert "not grouped into stories yet" in result.stderr and "next ingest" in result.stderr
    assert "Traceback" not in result.stderr
    run_cli("ingest", SEEDS, "--db", v5_db)
    assert len(_json("stories", "--db", v5_db)) == 1


def test_compare_shows_the_entitys_quotes_ungrouped_right_after_the_upgrade(v5_db: Path, seeds_db: Path) -> None:
    fresh = _json("compare", "--entity", "Maduro", "--db", seeds_db)["quotes"]
    upgraded = _json("compare", "--entity", "Maduro", "--db", v5_db)["quotes"]
    shown = {(q["carriers"][0]["doc"], q["carriers"][0]["text"]) for q in upgraded}
    # every quote Maduro speaks, each alone; no quote a fresh database would not show
    spoken = {(c["doc"], c["text"]) for q in fresh for c in q["carriers"] if c["speaker"] == MADURO}
    assert spoken and spoken <= shown <= {(c["doc"], c["text"]) for q in fresh for c in q["carriers"]}


@pytest.mark.parametrize("upgraded_by", ["quotes", "ingest"])
def test_the_next_ingest_groups_the_quotes_as_a_fresh_database_has_them(
    upgraded_by: str, v5_db: Path, seeds_db: Path
) -> None:
    if upgraded_by == "quotes":  # a read command first; otherwise the ingest itself upgrades the database
        run_cli("quotes", "--db", v5_db, "--format", "json")
        assert all(len(group) == 1 for group in _group_membership(v5_db))

    result = run_cli("ingest", SEEDS, "--db", v5_db)
    assert "added 0, replaced 5, unchanged 0, failed 0" in result.stderr  # an older extractor's: extracted again

    groups = _group_membership(v5_db)
    assert groups == _group_membership(seeds_db)
    assert any(len(group) > 1 for group in groups)
    upgraded, fresh = db_content(v5_db), db_content(seeds_db)
    assert {table: len(rows) for table, rows in upgraded.items()} == {table: len(rows) for table, rows in fresh.items()}
    with closing(store.connect(v5_db, create=False)) as conn:
        assert not store.entities_stale(conn)
    assert _json("quotes", "--db", v5_db) == _json("quotes", "--db", seeds_db)
    compared = [_json("compare", "--entity", "Maduro", "--db", db) for db in (v5_db, seeds_db)]
    assert compared[0] == compared[1]


def test_quotes_half_grouped_read_without_error(seeds_db: Path, tmp_path: Path) -> None:
    """An ingest stopped after storing documents but before grouping leaves some quotes ungrouped."""
    db = tmp_path / "half.db"
    shutil.copy(seeds_db, db)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE quotes SET grp = NULL WHERE doc_id = (SELECT min(doc_id) FROM quotes)")
        conn.commit()
    carried = sorted((c["doc"], c["text"]) for q in _json("quotes", "--db", seeds_db) for c in q["carriers"])
    assert sorted((c["doc"], c["text"]) for q in _json("quotes", "--db", db) for c in q["carriers"]) == carried
    shown = _json("compare", "--entity", "Maduro", "--db", db)["quotes"]
    assert shown and {(c["doc"], c["text"]) for q in shown for c in q["carriers"]} <= set(carried)
