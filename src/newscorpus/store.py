"""The database: the only module that knows SQL.

One SQLite file, WAL mode (queries run while an ingest writes), foreign keys on, schema version
in PRAGMA user_version with ordered migrations. Documents are written one transaction per batch,
so a document is stored whole or not at all.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from newscorpus import crosscheck
from newscorpus.crosscheck import ClaimRow, QuoteRow
from newscorpus.errors import DatabaseError
from newscorpus.models import (
    EXTRACTION_VERSION,
    DocRecords,
    DocumentRow,
    Entity,
    EntityCluster,
    Figure,
    MentionRow,
    RemovedLine,
    SourceCoverage,
    SourceText,
    Variant,
)


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
    # quotes are matched across sources once, when documents change, not at every query
    _execute_script(
        conn,
        """
        ALTER TABLE quotes ADD COLUMN grp INTEGER;
        CREATE INDEX quotes_group ON quotes(grp)
        """,
    )
    _write_quote_groups(conn)


Connection = sqlite3.Connection
_DOCUMENT_FIELDS = ("path", "sha256", "encoding", "title", "text", "format", "source", "author", "url", "options")

MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _m001_initial,
    _m002_mention_cue,
    _m003_meta,
    _m004_facts,
    _m005_inputs,
    _m006_quote_groups,
]
SCHEMA_VERSION = len(MIGRATIONS)


def connect(path: Path, *, create: bool = True) -> sqlite3.Connection:
    """Open (and if needed create or migrate) the database at `path`.

    Raises:
        DatabaseError: the file is missing (when not `create`), not a SQLite database, or was
            written by a newer newscorpus.
    """
    if not create and not path.exists():
        raise DatabaseError("no database here", path=str(path), hint="run `newscorpus ingest PATH` first, or pass --db")
    if not create and path.is_file() and path.stat().st_size == 0:
        raise DatabaseError("an empty file, not a database", path=str(path))
    if path.is_dir():
        raise DatabaseError("a folder, not a database file", path=str(path))
    try:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"not a newscorpus database ({exc})", path=str(path)) from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise DatabaseError(
            f"written by a newer newscorpus (schema {version}, this one reads up to {SCHEMA_VERSION})",
            path=str(path),
            hint="upgrade newscorpus",
        )
    if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        conn.close()
        raise DatabaseError("a SQLite database, but not a newscorpus one", path=str(path))
    if version < SCHEMA_VERSION:
        conn.execute("PRAGMA journal_mode = WAL")
        with transaction(conn):
            for migrate in MIGRATIONS[version:]:
                migrate(conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return conn


class transaction:  # noqa: N801 - used as a lower-case context manager, like open()
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


# --- write side -------------------------------------------------------------------------


class Stored(NamedTuple):
    """What decides whether a stored document must be read again."""

    sha256: str
    path: str
    extraction: int
    options: str


def stored_documents(conn: sqlite3.Connection) -> dict[str, Stored]:
    """Doc id -> (content hash, path read from, extraction version, options) of every stored document."""
    rows = conn.execute("SELECT id, sha256, path, extraction, options FROM documents")
    return {doc_id: Stored(*rest) for doc_id, *rest in rows}


def entities_stale(conn: sqlite3.Connection) -> bool:
    """Whether documents changed since entities were last resolved."""
    return conn.execute("SELECT value FROM meta WHERE key = 'entities_stale'").fetchone()[0] == "1"


def save_documents(
    conn: sqlite3.Connection, batch: Iterable[tuple[SourceText, DocRecords, tuple[str, bytes]]], *, model: str
) -> None:
    """Store a batch of (source, records, fingerprint) in one transaction, replacing old versions."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with transaction(conn):
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'entities_stale'")
        for source, records, (text_hash, minhash) in batch:
            conn.execute("DELETE FROM documents WHERE id = ?", (source.doc_id,))
            row = {
                **source.model_dump(include=set(_DOCUMENT_FIELDS)),
                "id": source.doc_id,
                "published": source.published.isoformat() if source.published else None,
                "words": len(source.text.split()),
                "model": model,
                "ingested_at": now,
                "extraction": EXTRACTION_VERSION,
                "text_hash": text_hash,
                "minhash": minhash,
            }
            conn.execute(
                f"INSERT INTO documents ({', '.join(row)}) VALUES ({', '.join(':' + f for f in row)})",
                row,
            )
            conn.executemany(
                "INSERT INTO removed_lines (doc_id, line, text, reason) VALUES (?, ?, ?, ?)",
                ((source.doc_id, r.line, r.text, r.reason) for r in source.removed),
            )
            conn.executemany(
                "INSERT INTO sentences (doc_id, idx, start, end) VALUES (?, ?, ?, ?)",
                ((source.doc_id, i, s, e) for i, (s, e) in enumerate(records.sentences)),
            )
            conn.executemany(
                "INSERT INTO mentions (doc_id, start, end, text, label, sent, cue) VALUES (?, ?, ?, ?, ?, ?, ?)",
                ((source.doc_id, m.start, m.end, m.text, m.label, m.sent, m.cue) for m in records.mentions),
            )
            conn.executemany(
                "INSERT INTO renames (doc_id, new_name, old_name) VALUES (?, ?, ?)",
                ((source.doc_id, new, old) for new, old in records.renames),
            )
            facts = {
                "figures": records.figures,
                "quotes": records.quotes,
                "claims": records.claims,
                "dates": records.dates,
            }
            for table, items in facts.items():
                if items:
                    fields = ["doc_id", *type(items[0]).model_fields]
                    conn.executemany(
                        f"INSERT INTO {table} ({', '.join(fields)}) VALUES ({', '.join(':' + f for f in fields)})",
                        ({"doc_id": source.doc_id, **item.model_dump()} for item in items),
                    )


def fingerprints(conn: sqlite3.Connection) -> list[tuple[str, str, bytes]]:
    """(doc id, text hash, MinHash) of every document, earliest published first, then by id.

    The order decides which of two copies is the original: the earlier one.
    """
    return conn.execute(
        "SELECT id, text_hash, minhash FROM documents WHERE minhash IS NOT NULL"
        " ORDER BY published IS NULL, published, id"
    ).fetchall()


def save_copies(conn: sqlite3.Connection, copies: Mapping[str, tuple[str, float, bool]]) -> None:
    """Record which documents copy which: doc id -> (original, similarity, exact); all others are originals."""
    with transaction(conn):
        conn.execute("UPDATE documents SET copy_of = NULL, copy_similarity = NULL, copy_exact = NULL")
        conn.executemany(
            "UPDATE documents SET copy_of = ?, copy_similarity = ?, copy_exact = ? WHERE id = ?",
            ((of, round(similarity, 3), int(exact), doc_id) for doc_id, (of, similarity, exact) in copies.items()),
        )


def group_quotes(conn: sqlite3.Connection) -> None:
    """Match quotes across the original documents (copies are left out) and store each one's group."""
    with transaction(conn):
        _write_quote_groups(conn)


def _write_quote_groups(conn: sqlite3.Connection) -> None:
    rows = conn.execute(f"SELECT x.rowid, x.text FROM quotes x WHERE {_ORIGINAL} ORDER BY x.doc_id, x.start").fetchall()
    groups = crosscheck.quote_groups([text for _, text in rows])
    conn.execute("UPDATE quotes SET grp = NULL")
    # a group is named by the rowid of its first quote
    conn.executemany(
        "UPDATE quotes SET grp = ? WHERE rowid = ?",
        ((rows[g][0], rowid) for (rowid, _), g in zip(rows, groups, strict=True)),
    )


def mentions_for_resolution(conn: sqlite3.Connection) -> Iterator[tuple[int, str, int, str, str, str]]:
    """(id, doc_id, start, text, label, cue) of every stored mention."""
    return conn.execute("SELECT id, doc_id, start, text, label, cue FROM mentions ORDER BY doc_id, start")


def renames(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Every (new name, old name) pair found in the documents."""
    return conn.execute("SELECT new_name, old_name FROM renames").fetchall()


def save_entities(conn: sqlite3.Connection, clusters: Iterable[EntityCluster]) -> int:
    """Replace all entities with `clusters`, ids from 1 in the order given; return how many."""
    with transaction(conn):
        conn.execute("UPDATE mentions SET entity_id = NULL, name = NULL")
        conn.execute("DELETE FROM entity_variants")
        conn.execute("DELETE FROM entities")
        count = 0
        for entity_id, cluster in enumerate(clusters, start=1):
            conn.execute(
                "INSERT INTO entities (id, name, type, key, mentions, sources) VALUES (?, ?, ?, ?, ?, 0)",
                (entity_id, cluster.name, cluster.type, cluster.key, len(cluster.mentions)),
            )
            conn.executemany(
                "INSERT INTO entity_variants (entity_id, name, key, count) VALUES (?, ?, ?, ?)",
                ((entity_id, *variant) for variant in cluster.variants),
            )
            conn.executemany(
                "UPDATE mentions SET entity_id = ?, name = ? WHERE id = ?",
                ((entity_id, name, mention_id) for mention_id, name in cluster.mentions),
            )
            count = entity_id
        conn.execute(  # a copy's mentions are not more coverage
            "UPDATE entities SET mentions = (SELECT count(*) FROM mentions m JOIN documents d ON d.id = m.doc_id"
            "  WHERE m.entity_id = entities.id AND d.copy_of IS NULL)"
        )
        conn.execute(
            "UPDATE entities SET sources ="
            " (SELECT count(DISTINCT m.doc_id) FROM mentions m JOIN documents d ON d.id = m.doc_id"
            "  WHERE m.entity_id = entities.id AND d.copy_of IS NULL)"  # a copy is not another source
        )
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'entities_stale'")
    return count


# --- read side --------------------------------------------------------------------------


_DOCUMENT_ROW = """
    SELECT d.id, d.title, d.source, d.published, d.url, d.author, d.format, d.encoding, d.words,
           (SELECT count(*) FROM mentions m WHERE m.doc_id = d.id),
           (SELECT count(*) FROM removed_lines r WHERE r.doc_id = d.id),
           d.copy_of, d.copy_similarity, d.copy_exact, d.path
      FROM documents d"""


def list_documents(conn: sqlite3.Connection, ids: Iterable[str] | None = None) -> list[DocumentRow]:
    """Every document (or those with the given ids) with its metadata and counts, by id."""
    if ids is None:
        rows = conn.execute(_DOCUMENT_ROW + " ORDER BY d.id").fetchall()
    else:
        sql = _DOCUMENT_ROW + " WHERE d.id IN (SELECT value FROM json_each(?)) ORDER BY d.id"
        rows = conn.execute(sql, (_json_list(ids),)).fetchall()
    fields = [f for f in DocumentRow.model_fields if f != "copies"]
    documents = [dict(zip(fields, row, strict=True)) for row in rows]
    copies = copies_of(conn)
    return [DocumentRow(**d, copies=copies.get(d["id"], [])) for d in documents]


def document_text(conn: sqlite3.Connection, doc_id: str) -> str:
    """The stored text of a document ("" when there is no such document)."""
    row = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return row[0] if row else ""


def copies_of(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Original doc id -> the ids of the documents that copy it."""
    copies: dict[str, list[str]] = {}
    for copy_id, original in conn.execute("SELECT id, copy_of FROM documents WHERE copy_of IS NOT NULL ORDER BY id"):
        copies.setdefault(original, []).append(copy_id)
    return copies


def removed_lines(conn: sqlite3.Connection, doc_id: str) -> list[RemovedLine]:
    """The furniture lines taken out of a document, in line order."""
    rows = conn.execute("SELECT line, text, reason FROM removed_lines WHERE doc_id = ? ORDER BY line", (doc_id,))
    return [RemovedLine(line=n, text=t, reason=r) for n, t, r in rows]


def _variants(conn: sqlite3.Connection, entity_ids: list[int]) -> dict[int, list[Variant]]:
    found: dict[int, list[Variant]] = {i: [] for i in entity_ids}
    for start in range(0, len(entity_ids), 500):  # stay under SQLite's parameter limit
        chunk = entity_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for entity_id, name, count in conn.execute(
            f"SELECT entity_id, name, count FROM entity_variants WHERE entity_id IN ({marks})"
            " ORDER BY entity_id, count DESC, name",
            chunk,
        ):
            found[entity_id].append(Variant(text=name, count=count))
    return found


def list_entities(
    conn: sqlite3.Connection,
    *,
    type_: str | None = None,
    min_sources: int = 1,
    limit: int | None = None,
    ids: list[int] | None = None,
) -> list[Entity]:
    """Entities by mentions (most first), filtered by type, source count, or ids."""
    where, params = ["sources >= ?"], [min_sources]
    if type_:
        where.append("type = ?")
        params.append(type_.upper())
    if ids is not None:
        where.append(f"id IN ({','.join('?' * len(ids))})")
        params.extend(ids)
    sql = f"SELECT id, name, type, mentions, sources FROM entities WHERE {' AND '.join(where)}"
    sql += " ORDER BY mentions DESC, name, id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = conn.execute(sql, params).fetchall()
    variants = _variants(conn, [r[0] for r in rows])
    return [Entity(id=i, name=n, type=t, mentions=m, sources=s, variants=variants[i]) for i, n, t, m, s in rows]


def mention_counts(conn: sqlite3.Connection, entity_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Entity id -> doc id -> mentions, in original documents (a copy is not more coverage)."""
    rows = conn.execute(
        """
        SELECT m.entity_id, m.doc_id, count(*) FROM mentions m JOIN documents d ON d.id = m.doc_id
         WHERE m.entity_id IN (SELECT value FROM json_each(?)) AND d.copy_of IS NULL
         GROUP BY m.entity_id, m.doc_id
        """,
        (_json_list(entity_ids),),
    )
    counts: dict[int, dict[str, int]] = {}
    for entity_id, doc_id, count in rows:
        counts.setdefault(entity_id, {})[doc_id] = count
    return counts


def name_index(conn: sqlite3.Connection) -> list[tuple[int, str, str, int]]:
    """(entity id, key, name, entity mentions) for every canonical name and variant."""
    return conn.execute(
        "SELECT id, key, name, mentions FROM entities"
        " UNION SELECT v.entity_id, v.key, v.name, e.mentions FROM entity_variants v"
        " JOIN entities e ON e.id = v.entity_id"
    ).fetchall()


def entities_named(conn: sqlite3.Connection, key: str) -> set[int]:
    """Ids of the entities whose canonical name or a variant has this key (index lookups)."""
    rows = conn.execute(
        "SELECT id FROM entities WHERE key = ? UNION SELECT entity_id FROM entity_variants WHERE key = ?", (key, key)
    )
    return {entity_id for (entity_id,) in rows}


def iter_mentions(
    conn: sqlite3.Connection, *, entity_id: int | None = None, doc_id: str | None = None
) -> Iterator[MentionRow]:
    """Stored mentions in document order, optionally of one entity or one document."""
    where, params = [], []
    if entity_id is not None:
        where.append("m.entity_id = ?")
        params.append(entity_id)
    if doc_id is not None:
        where.append("m.doc_id = ?")
        params.append(doc_id)
    sql = (
        "SELECT m.doc_id, m.start, m.end, m.text, m.label, m.entity_id, e.name"
        " FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY m.doc_id, m.start"
    for doc, start, end, text, label, entity_id_, name in conn.execute(sql, params):
        yield MentionRow(doc=doc, start=start, end=end, text=text, label=label, entity_id=entity_id_, entity_name=name)


def coverage(conn: sqlite3.Connection, entity_id: int) -> list[SourceCoverage]:
    """Per document that mentions the entity: title, mention count, variants, first sentence."""
    rows = conn.execute(
        """
        WITH firsts AS (
            -- SQLite takes a bare column (sent) from the row that holds the min()
            SELECT doc_id, count(*) AS n, min(start), sent FROM mentions WHERE entity_id = ? GROUP BY doc_id
        )
        SELECT f.doc_id, d.source, d.title, d.published, f.n, substr(d.text, s.start + 1, s.end - s.start)
          FROM firsts f
          JOIN documents d ON d.id = f.doc_id AND d.copy_of IS NULL
          LEFT JOIN sentences s ON s.doc_id = f.doc_id AND s.idx = f.sent
         ORDER BY f.doc_id
        """,
        (entity_id,),
    ).fetchall()
    variants: dict[str, list[Variant]] = {}
    for doc_id, name, count in conn.execute(
        "SELECT doc_id, name, count(*) AS n FROM mentions WHERE entity_id = ?"
        " GROUP BY doc_id, name ORDER BY doc_id, n DESC, name",
        (entity_id,),
    ):
        variants.setdefault(doc_id, []).append(Variant(text=name, count=count))
    copies = copies_of(conn)
    result = []
    for doc_id, source, title, published, count, sentence in rows:
        result.append(
            SourceCoverage(
                doc=doc_id,
                source=source,
                title=title,
                published=published,
                copies=copies.get(doc_id, []),
                mentions=count,
                variants=variants[doc_id],
                first_sentence=_flat(sentence),
            )
        )
    return result


def entity_count(conn: sqlite3.Connection) -> int:
    """How many entities are stored."""
    return int(conn.execute("SELECT count(*) FROM entities").fetchone()[0])


def document_ids(conn: sqlite3.Connection, *, originals_only: bool = False) -> list[str]:
    """Every stored document id (or every one that copies no other), sorted."""
    where = " WHERE copy_of IS NULL" if originals_only else ""
    return [r[0] for r in conn.execute(f"SELECT id FROM documents{where} ORDER BY id")]


# --- figures, quotes, claims ------------------------------------------------------------

_SENTENCE = "(SELECT substr(d.text, s.start + 1, s.end - s.start) FROM sentences s JOIN documents d ON d.id = s.doc_id"
_SENTENCE += " WHERE s.doc_id = x.doc_id AND s.idx = x.sent)"
# Cross-source tables count a syndicated copy once: rows of documents that copy another are left out.
_ORIGINAL = "x.doc_id NOT IN (SELECT id FROM documents WHERE copy_of IS NOT NULL)"
# (a, b) IN this: the pairs of a JSON list of two-item lists, one parameter however many
_PAIRS = "(SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))"
_MENTIONS_ENTITY = "EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = x.doc_id AND m.sent = x.sent AND m.entity_id = ?)"


def _json_list(values: Iterable[object]) -> str:
    """Many values as one SQL parameter, for `IN (SELECT value FROM json_each(?))`."""
    return json.dumps(sorted(set(values)))  # type: ignore[type-var]


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def figures(
    conn: sqlite3.Connection, *, entity_id: int | None = None, keys: Iterable[tuple[str, str]] | None = None
) -> list[Figure]:
    """Figures in document order: all, those with given (key, unit), or those in sentences naming an entity."""
    sql = f"SELECT x.doc_id, x.text, x.value, x.unit, x.qualifier, x.counts, x.key, {_SENTENCE} FROM figures x"
    sql += f" WHERE {_ORIGINAL}"
    order = " ORDER BY x.doc_id, x.start"
    if keys is not None:
        rows = conn.execute(sql + f" AND (x.key, x.unit) IN {_PAIRS}" + order, (_json_list(keys),)).fetchall()
    elif entity_id is not None:
        rows = conn.execute(sql + f" AND {_MENTIONS_ENTITY}" + order, (entity_id,)).fetchall()
    else:
        rows = conn.execute(sql + order).fetchall()
    return [
        Figure(doc=d, text=t, value=v, unit=u, qualifier=q, counts=c, key=k, sentence=_flat(sentence))
        for d, t, v, u, q, c, k, sentence in rows
    ]


# The entity a quote's speaker names: the longest mention inside the speaker's words; for a
# pronoun, the nearest person named before it in the same document.
_SPEAKER_ENTITY = """
    CASE x.speaker_kind
      WHEN 'name' THEN (SELECT m.entity_id FROM mentions m WHERE m.doc_id = x.doc_id
                        AND m.start >= x.speaker_start AND m.end <= x.speaker_end AND m.entity_id IS NOT NULL
                        ORDER BY m.end - m.start DESC LIMIT 1)
      WHEN 'pronoun' THEN (SELECT m.entity_id FROM mentions m JOIN entities e ON e.id = m.entity_id
                           WHERE m.doc_id = x.doc_id AND m.end <= x.speaker_start AND e.type = 'PERSON'
                           ORDER BY m.start DESC LIMIT 1)
    END"""


def quotes(conn: sqlite3.Connection, *, groups: Iterable[int] | None = None) -> list[tuple[QuoteRow, int]]:
    """Every quote (or those of the given groups) in document order, with its group of matching quotes."""
    where = "" if groups is None else " AND x.grp IN (SELECT value FROM json_each(?))"
    params = () if groups is None else (_json_list(groups),)
    rows = conn.execute(
        f"""
        SELECT q.doc_id, q.text, q.speaker, q.speaker_kind, q.sentence, e.name, q.grp
          FROM (SELECT x.*, {_SPEAKER_ENTITY} AS entity_id, {_SENTENCE} AS sentence
                  FROM quotes x WHERE {_ORIGINAL}{where}) q
          LEFT JOIN entities e ON e.id = q.entity_id
         ORDER BY q.doc_id, q.start
        """,
        params,
    ).fetchall()
    found = []
    for doc, text, speaker, kind, sentence, name, group in rows:
        shown = name or (speaker if kind != "pronoun" else None)
        found.append((QuoteRow(doc=doc, text=text, speaker=shown, sentence=_flat(sentence)), group))
    return found


def quote_groups_of(conn: sqlite3.Connection, entity_id: int) -> tuple[set[int], set[int]]:
    """The quote groups an entity speaks in, and those said in a sentence naming it."""
    # a quote's speaker, named or a pronoun, is mentioned in the quote's document
    rows = conn.execute(
        f"""
        SELECT x.grp, {_SPEAKER_ENTITY} = ?, {_MENTIONS_ENTITY} FROM quotes x
         WHERE {_ORIGINAL} AND x.doc_id IN (SELECT doc_id FROM mentions WHERE entity_id = ?)
        """,
        (entity_id, entity_id, entity_id),
    ).fetchall()
    return {g for g, spoken, _ in rows if spoken}, {g for g, _, named in rows if named}


_ATTRIBUTION_ENTITY = """(SELECT e.name FROM mentions m JOIN entities e ON e.id = m.entity_id
     WHERE m.doc_id = x.doc_id AND m.start >= x.attribution_start AND m.end <= x.attribution_end
     ORDER BY m.end - m.start DESC LIMIT 1)"""


def claims(
    conn: sqlite3.Connection, *, entity_id: int | None = None, keys: Iterable[tuple[str, str]] | None = None
) -> list[ClaimRow]:
    """Claims in document order: all, those with given (predicate, object) keys, or in sentences naming an entity."""
    sql = (
        "SELECT x.doc_id, x.predicate, x.object, x.statement, x.polarity, x.attribution,"
        f" {_ATTRIBUTION_ENTITY}, x.attribution_vague, {_SENTENCE} FROM claims x WHERE {_ORIGINAL}"
    )
    if keys is not None:
        sql += f" AND (x.predicate, x.object) IN {_PAIRS} ORDER BY x.doc_id, x.start"
        rows = conn.execute(sql, (_json_list(keys),)).fetchall()
    elif entity_id is not None:
        rows = conn.execute(sql + f" AND {_MENTIONS_ENTITY} ORDER BY x.doc_id, x.start", (entity_id,)).fetchall()
    else:
        rows = conn.execute(sql + " ORDER BY x.doc_id, x.start").fetchall()
    return [
        ClaimRow(
            doc=d,
            predicate=p,
            object=o,
            statement=st,
            polarity=pol,
            attribution=a,
            attribution_entity=ae,
            attribution_vague=bool(v),
            sentence=_flat(sentence),
        )
        for d, p, o, st, pol, a, ae, v, sentence in rows
    ]


def dates(conn: sqlite3.Connection, *, entity_id: int | None = None) -> list[tuple[str, str, str, str, str]]:
    """(value, precision, doc, text, sentence) of every date named, or those in sentences naming an entity.

    Ordered by date, the dates that could not be placed last.
    """
    sql = f"SELECT x.value, x.precision, x.doc_id, x.text, {_SENTENCE} FROM dates x WHERE {_ORIGINAL}"
    params: tuple[int, ...] = ()
    if entity_id is not None:
        sql += f" AND {_MENTIONS_ENTITY}"
        params = (entity_id,)
    # "--07-28" (no year) after every dated value; "" (not placed) at the very end
    sql += " ORDER BY x.value = '', x.value LIKE '--%', x.value, x.doc_id, x.start"
    return [(v, p, d, t, _flat(sentence)) for v, p, d, t, sentence in conn.execute(sql, params)]


def document_origins(conn: sqlite3.Connection, doc_ids: Iterable[str]) -> dict[str, str]:
    """Per document, the first outlet or body it names as a source ("The Wall Street Journal said")."""
    # the bare e.name comes from the row of min(x.start): SQLite's documented rule for min()
    rows = conn.execute(
        """
        SELECT x.doc_id, e.name, min(x.start) FROM claims x
          JOIN mentions m ON m.doc_id = x.doc_id AND m.start >= x.attribution_start AND m.end <= x.attribution_end
          JOIN entities e ON e.id = m.entity_id
         WHERE x.doc_id IN (SELECT value FROM json_each(?)) AND e.type != 'PERSON'
         GROUP BY x.doc_id
        """,
        (_json_list(doc_ids),),
    )
    return {doc_id: name for doc_id, name, _ in rows}
