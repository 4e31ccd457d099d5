"""The SQL schema: ordered migrations, the version kept in PRAGMA user_version.

A migration only changes the schema and, where derived data (copies, quote groups, entities)
must be computed again, marks it stale; the next ingest recomputes it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def _execute_script(conn: sqlite3.Connection, script: str) -> None:
    # executescript() would COMMIT the surrounding transaction; run statement by statement.
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _m001_initial(conn: sqlite3.Connection) -> None:
    _execute_script(
        conn,
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            encoding TEXT NOT NULL,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            words INTEGER NOT NULL,
            model TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE sentences (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            PRIMARY KEY (doc_id, idx)
        ) WITHOUT ROWID;
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            key TEXT NOT NULL,
            mentions INTEGER NOT NULL,
            sources INTEGER NOT NULL
        );
        CREATE INDEX entities_key ON entities(key);
        CREATE TABLE entity_variants (
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            key TEXT NOT NULL,
            count INTEGER NOT NULL
        );
        CREATE INDEX entity_variants_entity ON entity_variants(entity_id);
        CREATE INDEX entity_variants_key ON entity_variants(key);
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            label TEXT NOT NULL,
            sent INTEGER NOT NULL,
            name TEXT,
            entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL
        );
        CREATE INDEX mentions_doc ON mentions(doc_id, start);
        CREATE INDEX mentions_entity ON mentions(entity_id, doc_id);
        CREATE TABLE renames (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            new_name TEXT NOT NULL,
            old_name TEXT NOT NULL
        );
        CREATE INDEX renames_doc ON renames(doc_id);
        """,
    )


def _m002_mention_cue(conn: sqlite3.Connection) -> None:
    # the word before a mention, a hint of its type; older rows get none until re-ingested
    conn.execute("ALTER TABLE mentions ADD COLUMN cue TEXT NOT NULL DEFAULT ''")


def _m003_meta(conn: sqlite3.Connection) -> None:
    # entities_stale = 1 from the moment documents change until entities are rebuilt, so an
    # ingest stopped in between is finished by the next one
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT INTO meta VALUES ('entities_stale', '1')")


def _m004_facts(conn: sqlite3.Connection) -> None:
    # figures, quotes and claims per document; `extraction` says which extractor wrote a
    # document, so an unchanged file written by an older one is extracted again
    _execute_script(
        conn,
        """
        ALTER TABLE documents ADD COLUMN extraction INTEGER NOT NULL DEFAULT 1;
        CREATE TABLE figures (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            sent INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            value REAL NOT NULL,
            unit TEXT NOT NULL,
            qualifier TEXT,
            counts TEXT NOT NULL,
            key TEXT NOT NULL
        );
        CREATE INDEX figures_doc ON figures(doc_id, sent);
        CREATE INDEX figures_key ON figures(key, unit);
        CREATE TABLE quotes (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            sent INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            speaker TEXT,
            speaker_kind TEXT,
            speaker_start INTEGER,
            speaker_end INTEGER
        );
        CREATE INDEX quotes_doc ON quotes(doc_id, sent);
        CREATE TABLE claims (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            sent INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            subject TEXT NOT NULL,
            predicate TEXT NOT NULL,
            object TEXT NOT NULL,
            statement TEXT NOT NULL,
            polarity TEXT NOT NULL,
            attribution TEXT,
            attribution_start INTEGER,
            attribution_end INTEGER,
            attribution_vague INTEGER NOT NULL
        );
        CREATE INDEX claims_doc ON claims(doc_id, sent);
        CREATE INDEX claims_key ON claims(predicate, object);
        CREATE INDEX mentions_doc_sent ON mentions(doc_id, sent, entity_id)
        """,
    )


def _m005_inputs(conn: sqlite3.Connection) -> None:
    # metadata, the ingest options a document was read under, the furniture removed from it,
    # its normalized dates, and its near-duplicate fingerprint
    _execute_script(
        conn,
        """
        ALTER TABLE documents ADD COLUMN format TEXT NOT NULL DEFAULT 'text';
        ALTER TABLE documents ADD COLUMN source TEXT NOT NULL DEFAULT '';
        ALTER TABLE documents ADD COLUMN author TEXT NOT NULL DEFAULT '';
        ALTER TABLE documents ADD COLUMN url TEXT NOT NULL DEFAULT '';
        ALTER TABLE documents ADD COLUMN published TEXT;
        ALTER TABLE documents ADD COLUMN options TEXT NOT NULL DEFAULT '';
        ALTER TABLE documents ADD COLUMN text_hash TEXT NOT NULL DEFAULT '';
        ALTER TABLE documents ADD COLUMN minhash BLOB;
        ALTER TABLE documents ADD COLUMN copy_of TEXT;
        ALTER TABLE documents ADD COLUMN copy_similarity REAL;
        ALTER TABLE documents ADD COLUMN copy_exact INTEGER;
        CREATE TABLE removed_lines (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            line INTEGER NOT NULL,
            text TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE INDEX removed_lines_doc ON removed_lines(doc_id, line);
        CREATE TABLE dates (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            sent INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            value TEXT NOT NULL,
            precision TEXT NOT NULL
        );
        CREATE INDEX dates_doc ON dates(doc_id, sent);
        CREATE INDEX dates_value ON dates(value);
        CREATE INDEX documents_copies ON documents(copy_of) WHERE copy_of IS NOT NULL;
        UPDATE meta SET value = '1' WHERE key = 'entities_stale'
        """,
    )


def _m006_quote_groups(conn: sqlite3.Connection) -> None:
    # quotes are matched across sources once, when documents change, not at every query; the next
    # ingest fills the groups in (until then each quote stands alone)
    _execute_script(
        conn,
        """
        ALTER TABLE quotes ADD COLUMN grp INTEGER;
        CREATE INDEX quotes_group ON quotes(grp);
        UPDATE meta SET value = '1' WHERE key = 'entities_stale'
        """,
    )


def _m007_figure_ranges(conn: sqlite3.Connection) -> None:
    # the top of a range ("20 to 30"); documents extracted before it are extracted again
    # (EXTRACTION_VERSION), so no derived data goes stale here
    conn.execute("ALTER TABLE figures ADD COLUMN high REAL")


def _m008_claim_subjects(conn: sqlite3.Connection) -> None:
    # who does what a claim says, so that claims align on their doer ("he" is resolved like a
    # quote's speaker); documents extracted before it are extracted again (EXTRACTION_VERSION)
    _execute_script(
        conn,
        """
        ALTER TABLE claims ADD COLUMN subject_kind TEXT;
        ALTER TABLE claims ADD COLUMN subject_start INTEGER;
        ALTER TABLE claims ADD COLUMN subject_end INTEGER
        """,
    )


def _m009_speaker_descriptions(conn: sqlite3.Connection) -> None:
    # who a named speaker is ("a Venezuela expert"); documents extracted before it are extracted
    # again (EXTRACTION_VERSION)
    conn.execute("ALTER TABLE quotes ADD COLUMN speaker_description TEXT")


def _m010_entity_notes(conn: sqlite3.Connection) -> None:
    # why resolution left an entity apart ("could be George Bush or Reggie Bush"); the next ingest
    # writes the notes, so entities are marked stale
    _execute_script(
        conn,
        """
        ALTER TABLE entities ADD COLUMN note TEXT NOT NULL DEFAULT '';
        UPDATE meta SET value = '1' WHERE key = 'entities_stale'
        """,
    )


def _m011_variant_reasons(conn: sqlite3.Connection) -> None:
    # why resolution joined each variant to its entity (`entities --explain`); written by the next
    # ingest, so entities are marked stale
    _execute_script(
        conn,
        """
        ALTER TABLE entity_variants ADD COLUMN reason TEXT NOT NULL DEFAULT '';
        UPDATE meta SET value = '1' WHERE key = 'entities_stale'
        """,
    )


def _m012_metadata_corrections(conn: sqlite3.Connection) -> None:
    # `docs set ID --source/--date/--url`: kept, so every later ingest applies them again
    _execute_script(
        conn,
        """
        CREATE TABLE metadata_corrections (
            doc_id TEXT PRIMARY KEY,
            source TEXT NOT NULL DEFAULT '',
            published TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT ''
        )
        """,
    )


_FTS_DELETE_OLD = (
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);"
)


def _m013_full_text_search(conn: sqlite3.Connection) -> None:
    # `search`: an FTS5 index over the stored titles and texts, kept in step by triggers (the text
    # is not stored twice: the index reads it from `documents`)
    conn.execute(
        "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents',"
        " content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')"
    )
    conn.execute(
        "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN"
        " INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"
    )
    conn.execute("CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN " + _FTS_DELETE_OLD + " END")
    conn.execute(
        "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN "
        + _FTS_DELETE_OLD
        + " INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"
    )
    conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")


def _m014_stable_entity_ids(conn: sqlite3.Connection) -> None:
    # the id each entity anchor (its rules' canonical name) was given, kept across resolutions
    _execute_script(
        conn,
        """
        CREATE TABLE entity_ids (anchor TEXT PRIMARY KEY, id INTEGER NOT NULL UNIQUE);
        INSERT INTO entity_ids (anchor, id) SELECT key, min(id) FROM entities GROUP BY key;
        UPDATE meta SET value = '1' WHERE key = 'entities_stale'
        """,
    )


def _m015_stories(conn: sqlite3.Connection) -> None:
    # stories: the articles about one event; each document's content words (computed once);
    # the user's corrections (`stories merge/move/split`), applied again after every grouping
    _execute_script(
        conn,
        """
        CREATE TABLE stories (id INTEGER PRIMARY KEY, label TEXT NOT NULL);
        CREATE TABLE document_stories (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            story_id INTEGER NOT NULL
        );
        CREATE INDEX document_stories_story ON document_stories(story_id);
        CREATE TABLE story_terms (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            terms TEXT NOT NULL
        );
        CREATE TABLE story_corrections (
            seq INTEGER PRIMARY KEY,
            action TEXT NOT NULL,
            doc_id TEXT NOT NULL,
            other TEXT NOT NULL DEFAULT ''
        );
        UPDATE meta SET value = '1' WHERE key = 'entities_stale'
        """,
    )


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _m001_initial,
    _m002_mention_cue,
    _m003_meta,
    _m004_facts,
    _m005_inputs,
    _m006_quote_groups,
    _m007_figure_ranges,
    _m008_claim_subjects,
    _m009_speaker_descriptions,
    _m010_entity_notes,
    _m011_variant_reasons,
    _m012_metadata_corrections,
    _m013_full_text_search,
    _m014_stable_entity_ids,
    _m015_stories,
]
SCHEMA_VERSION = len(MIGRATIONS)
