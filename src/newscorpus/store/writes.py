"""Writing to the database: documents with their records, copies, quote groups and entities.

Documents are written one transaction per batch, so a document is stored whole or not at all.
"""

from __future__ import annotations

import sqlite3
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
    """Replace all entities with `clusters`, ids from 1 in the order given; return how many."""
    with transaction(conn):
        conn.execute("UPDATE mentions SET entity_id = NULL, name = NULL")
        conn.execute("DELETE FROM entity_variants")
        conn.execute("DELETE FROM entities")
        count = 0
        for entity_id, cluster in enumerate(clusters, start=1):
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
