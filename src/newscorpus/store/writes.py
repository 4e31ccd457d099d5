"""Writing to the database: documents with their records, copies, quote groups and entities.

Documents are written one transaction per batch, so a document is stored whole or not at all.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime

from newscorpus.models import EXTRACTION_VERSION, DocRecords, EntityCluster, Record, SourceText
from newscorpus.store.connection import transaction

_DOCUMENT_FIELDS = ("path", "sha256", "encoding", "title", "text", "format", "source", "author", "url", "options")


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
            facts: dict[str, Sequence[Record]] = {
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


def save_copies(conn: sqlite3.Connection, copies: Mapping[str, tuple[str, float, bool]]) -> None:
    """Record which documents copy which: doc id -> (original, similarity, exact); all others are originals."""
    with transaction(conn):
        conn.execute("UPDATE documents SET copy_of = NULL, copy_similarity = NULL, copy_exact = NULL")
        conn.executemany(
            "UPDATE documents SET copy_of = ?, copy_similarity = ?, copy_exact = ? WHERE id = ?",
            ((of, round(similarity, 3), int(exact), doc_id) for doc_id, (of, similarity, exact) in copies.items()),
        )


def save_quote_groups(conn: sqlite3.Connection, groups: Mapping[int, int]) -> None:
    """Store each original quote's group (quote rowid -> group id); every other quote gets none."""
    with transaction(conn):
        conn.execute("UPDATE quotes SET grp = NULL")
        conn.executemany(
            "UPDATE quotes SET grp = ? WHERE rowid = ?", ((group, rowid) for rowid, group in groups.items())
        )


def save_entities(conn: sqlite3.Connection, clusters: Iterable[EntityCluster]) -> int:
    """Replace all entities with `clusters`; return how many.

    An entity keeps the id it had in every earlier resolution with the same anchor (its rules'
    canonical name, before a user's rename), so ids a script kept stay right; a new one gets the
    next free id."""
    with transaction(conn):
        conn.execute("UPDATE mentions SET entity_id = NULL, name = NULL")
        conn.execute("DELETE FROM entity_variants")
        conn.execute("DELETE FROM entities")
        known = dict(conn.execute("SELECT anchor, id FROM entity_ids").fetchall())
        next_id = max(known.values(), default=0) + 1
        taken: set[int] = set()
        count = 0
        for cluster in clusters:
            entity_id = known.get(cluster.anchor)
            if entity_id is None or entity_id in taken:
                entity_id, next_id = next_id, next_id + 1
                conn.execute(
                    "INSERT OR REPLACE INTO entity_ids (anchor, id) VALUES (?, ?)", (cluster.anchor, entity_id)
                )
            taken.add(entity_id)
            count += 1
            conn.execute(
                "INSERT INTO entities (id, name, type, key, mentions, sources, note) VALUES (?, ?, ?, ?, ?, 0, ?)",
                (entity_id, cluster.name, cluster.type, cluster.key, len(cluster.mentions), cluster.note),
            )
            conn.executemany(
                "INSERT INTO entity_variants (entity_id, name, key, count, reason) VALUES (?, ?, ?, ?, ?)",
                ((entity_id, *variant) for variant in cluster.variants),
            )
            conn.executemany(
                "UPDATE mentions SET entity_id = ?, name = ? WHERE id = ?",
                ((entity_id, name, mention_id) for mention_id, name in cluster.mentions),
            )
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


def apply_metadata(conn: sqlite3.Connection, given: Mapping[str, tuple[str, str, str]]) -> int:
    """Set (outlet, ISO date, url) of stored documents from a sources file ("" leaves a field), then
    the user's corrections (`correct_metadata`) over them; return how many documents changed.

    A changed date marks derived data stale: the earlier of two copies is the original."""
    wanted = dict(given)
    for doc_id, *correction in conn.execute("SELECT doc_id, source, published, url FROM metadata_corrections"):
        from_file = wanted.get(doc_id, ("", "", ""))
        wanted[doc_id] = tuple(c or f for c, f in zip(correction, from_file, strict=True))  # type: ignore[assignment]
    with transaction(conn):
        changed = [_set_fields(conn, doc_id, *fields) for doc_id, fields in wanted.items()]
        if any("published" in columns for columns in changed):
            conn.execute("UPDATE meta SET value = '1' WHERE key = 'entities_stale'")
        return sum(1 for columns in changed if columns)


def correct_metadata(conn: sqlite3.Connection, doc_id: str, *, source: str, published: str, url: str) -> None:
    """Keep a user's correction of a document's outlet, ISO date or url ("" leaves a field) and apply
    it now; every later ingest applies it again, after the page's metadata and the sources file."""
    with transaction(conn):
        conn.execute(
            "INSERT INTO metadata_corrections (doc_id, source, published, url) VALUES (?1, ?2, ?3, ?4)"
            " ON CONFLICT (doc_id) DO UPDATE SET"
            " source = CASE WHEN ?2 = '' THEN source ELSE ?2 END,"
            " published = CASE WHEN ?3 = '' THEN published ELSE ?3 END,"
            " url = CASE WHEN ?4 = '' THEN url ELSE ?4 END",
            (doc_id, source, published, url),
        )
        if "published" in _set_fields(conn, doc_id, source, published, url):
            conn.execute("UPDATE meta SET value = '1' WHERE key = 'entities_stale'")


def _set_fields(conn: sqlite3.Connection, doc_id: str, source: str, published: str, url: str) -> set[str]:
    """Set the non-empty fields of one document; return the columns that changed."""
    changed = set()
    for column, value in (("source", source), ("published", published), ("url", url)):
        if (
            value
            and conn.execute(
                f"UPDATE documents SET {column} = ? WHERE id = ? AND {column} IS NOT ?", (value, doc_id, value)
            ).rowcount
        ):
            changed.add(column)
    return changed


def remove_documents(conn: sqlite3.Connection, doc_ids: Iterable[str]) -> int:
    """Delete documents with everything extracted from them and their kept corrections; derived
    data (copies, quote groups, entities) is marked stale. Returns how many were removed."""
    ids = list(doc_ids)
    with transaction(conn):
        conn.execute(
            "UPDATE documents SET copy_of = NULL WHERE copy_of IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
        )
        removed = conn.execute(
            "DELETE FROM documents WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
        ).rowcount
        conn.execute(
            "DELETE FROM metadata_corrections WHERE doc_id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
        )
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'entities_stale'")
    return removed


def save_story_terms(conn: sqlite3.Connection, terms: Mapping[str, Mapping[str, int]]) -> None:
    """Store the content words of documents (doc id -> word -> count)."""
    with transaction(conn):
        conn.executemany(
            "INSERT OR REPLACE INTO story_terms (doc_id, terms) VALUES (?, ?)",
            ((doc_id, json.dumps(words, separators=(",", ":"))) for doc_id, words in terms.items()),
        )


def save_stories(conn: sqlite3.Connection, stories: Sequence[tuple[Sequence[str], str]]) -> None:
    """Replace all stories with `stories` ((doc ids, label), most articles first).

    Each earlier story's id goes to the new story that holds most of its articles (the largest
    overlaps first), so ids a user or a script kept stay right as articles come and go; a new one
    gets the next free id: an id is never given to another story, even after its own story is gone."""
    with transaction(conn):
        before = dict(conn.execute("SELECT doc_id, story_id FROM document_stories").fetchall())
        given = conn.execute("SELECT value FROM meta WHERE key = 'last_story_id'").fetchone()
        next_id = max([*before.values(), int(given[0]) if given else 0]) + 1
        taken: set[int] = set()
        conn.execute("DELETE FROM document_stories")
        conn.execute("DELETE FROM stories")
        # each earlier id goes to the new story holding most of its articles, largest overlaps first
        overlaps = sorted(
            ((count, -old, n, old) for n, (docs, _) in enumerate(stories)
             for old, count in Counter(before[d] for d in docs if d in before).items()),
            reverse=True,
        )  # fmt: skip
        ids: dict[int, int] = {}
        for _, _, n, old in overlaps:
            if n not in ids and old not in taken:
                ids[n] = old
                taken.add(old)
        for n, (docs, label) in enumerate(stories):
            if n not in ids:
                ids[n], next_id = next_id, next_id + 1
            conn.execute("INSERT INTO stories (id, label) VALUES (?, ?)", (ids[n], label))
            conn.executemany(
                "INSERT INTO document_stories (doc_id, story_id) VALUES (?, ?)", ((d, ids[n]) for d in docs)
            )
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('last_story_id', ?)", (str(next_id - 1),))


def replace_story_corrections(conn: sqlite3.Connection, corrections: Sequence[tuple[str, str, str]]) -> None:
    """Keep `corrections` ((action, doc id, other doc id), in order) instead of the ones kept."""
    with transaction(conn):
        conn.execute("DELETE FROM story_corrections")
        conn.executemany("INSERT INTO story_corrections (action, doc_id, other) VALUES (?, ?, ?)", corrections)


def add_story_correction(conn: sqlite3.Connection, action: str, doc_id: str, other: str = "") -> None:
    """Keep a user's story correction; every later grouping applies it again."""
    with transaction(conn):
        conn.execute("INSERT INTO story_corrections (action, doc_id, other) VALUES (?, ?, ?)", (action, doc_id, other))
