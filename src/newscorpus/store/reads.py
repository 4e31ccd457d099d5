"""Reading the database: every reader returns models.

Cross-source tables count a syndicated copy once: the readers of figures, quotes, claims and
dates leave out the rows of documents that copy another.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from newscorpus.errors import QueryError
from newscorpus.models import (
    ClaimRow,
    DateRow,
    DocumentRow,
    Entity,
    Figure,
    Fingerprint,
    MentionIn,
    MentionRow,
    NameKey,
    QuoteRow,
    RemovedLine,
    SourceCoverage,
    StoredDocument,
    StoredQuote,
    Variant,
)
from newscorpus.text.normalize import squash

_SENTENCE = "(SELECT substr(d.text, s.start + 1, s.end - s.start) FROM sentences s JOIN documents d ON d.id = s.doc_id"
_SENTENCE += " WHERE s.doc_id = x.doc_id AND s.idx = x.sent)"
# Cross-source tables count a syndicated copy once: rows of documents that copy another are left out.
_ORIGINAL = "x.doc_id NOT IN (SELECT id FROM documents WHERE copy_of IS NOT NULL)"
# (a, b) IN this: the pairs of a JSON list of two-item lists, one parameter however many
_PAIRS = "(SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))"
# A quote's group; one the last ingest has not grouped yet (after a schema upgrade, or an ingest
# stopped before grouping) stands alone, in a group named by its negated rowid.
_GROUP = "COALESCE(x.grp, -x.rowid)"
# x's group is one of a JSON list: by the grp index, or by rowid for the ungrouped
_IN_GROUPS = (
    "(x.grp IN (SELECT value FROM json_each(:groups))"
    " OR (x.grp IS NULL AND x.rowid IN (SELECT -value FROM json_each(:groups) WHERE value < 0)))"
)
_MENTIONS_ENTITY = "EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = x.doc_id AND m.sent = x.sent AND m.entity_id = ?)"


def _json_list(values: Iterable[Any]) -> str:
    """Many values as one SQL parameter, for `IN (SELECT value FROM json_each(?))`."""
    return json.dumps(sorted(set(values)))


# --- what ingest reads ----------------------------------------------------------------


def stored_documents(conn: sqlite3.Connection) -> dict[str, StoredDocument]:
    """Doc id -> (content hash, path read from, extraction version, options) of every stored document."""
    rows = conn.execute("SELECT id, sha256, path, extraction, options FROM documents")
    return {doc_id: StoredDocument(*rest) for doc_id, *rest in rows}


def entities_stale(conn: sqlite3.Connection) -> bool:
    """Whether documents changed since copies, quote groups and entities were last computed."""
    return conn.execute("SELECT value FROM meta WHERE key = 'entities_stale'").fetchone()[0] == "1"


def fingerprints(conn: sqlite3.Connection) -> list[Fingerprint]:
    """(doc id, text hash, MinHash) of every document, earliest published first, then by id.

    The order decides which of two copies is the original: the earlier one.
    """
    rows = conn.execute(
        "SELECT id, text_hash, minhash FROM documents WHERE minhash IS NOT NULL"
        " ORDER BY published IS NULL, published, id"
    )
    return [Fingerprint(*row) for row in rows]


def mentions_for_resolution(conn: sqlite3.Connection) -> list[MentionIn]:
    """Every stored mention, as resolution reads it, in document order."""
    rows = conn.execute("SELECT id, doc_id, start, text, label, cue FROM mentions ORDER BY doc_id, start")
    return [MentionIn(*row) for row in rows]


def renames(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Every (new name, old name) pair found in the documents."""
    return conn.execute("SELECT new_name, old_name FROM renames").fetchall()


def original_quotes(conn: sqlite3.Connection) -> list[StoredQuote]:
    """The quotes of the original documents (copies left out), in document order: what quote grouping reads."""
    rows = conn.execute(f"SELECT x.rowid, x.text FROM quotes x WHERE {_ORIGINAL} ORDER BY x.doc_id, x.start")
    return [StoredQuote(*row) for row in rows]


def documents_without_terms(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(doc id, title and text) of the documents whose content words are not stored yet."""
    return conn.execute(
        "SELECT id, title || char(10) || text FROM documents WHERE id NOT IN (SELECT doc_id FROM story_terms)"
    ).fetchall()


def story_inputs(
    conn: sqlite3.Connection,
) -> list[tuple[str, dict[str, int], dict[int, int], set[str], str | None, str | None]]:
    """Per document, what story grouping reads: (doc id, content words, entity id -> mentions,
    months and years of its placed dates, publication date, the original it copies), by id."""
    entities: dict[str, dict[int, int]] = {}
    for doc_id, entity_id, count in conn.execute(
        "SELECT doc_id, entity_id, count(*) FROM mentions WHERE entity_id IS NOT NULL GROUP BY doc_id, entity_id"
    ):
        entities.setdefault(doc_id, {})[entity_id] = count
    months: dict[str, set[str]] = {}
    for doc_id, month in conn.execute(
        "SELECT DISTINCT doc_id, substr(value, 1, 7) FROM dates WHERE precision IN ('day', 'month')"
        " UNION SELECT DISTINCT doc_id, substr(value, 1, 4) FROM dates WHERE precision = 'year'"
    ):
        months.setdefault(doc_id, set()).add(month)
    rows = conn.execute(
        "SELECT d.id, t.terms, d.published, d.copy_of FROM documents d"
        " LEFT JOIN story_terms t ON t.doc_id = d.id ORDER BY d.id"
    )
    return [
        (doc_id, json.loads(terms or "{}"), entities.get(doc_id, {}), months.get(doc_id, set()), published, copy_of)
        for doc_id, terms, published, copy_of in rows
    ]


def entity_names(conn: sqlite3.Connection) -> dict[int, str]:
    """Entity id -> name, for every entity."""
    return dict(conn.execute("SELECT id, name FROM entities").fetchall())


def documents_naming(conn: sqlite3.Connection, entity_id: int) -> set[str]:
    """The ids of the documents that mention an entity."""
    return {doc for (doc,) in conn.execute("SELECT DISTINCT doc_id FROM mentions WHERE entity_id = ?", (entity_id,))}


def story_corrections(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """The user's story corrections, (action, doc id, other doc id), in the order given."""
    return conn.execute("SELECT action, doc_id, other FROM story_corrections ORDER BY seq").fetchall()


def document_stories(conn: sqlite3.Connection) -> dict[str, int]:
    """Doc id -> story id, for every document grouped so far."""
    return dict(conn.execute("SELECT doc_id, story_id FROM document_stories").fetchall())


def list_stories(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """(story id, label) of every story, by id."""
    return conn.execute("SELECT id, label FROM stories ORDER BY id").fetchall()


# --- documents and entities -----------------------------------------------------------


_DOCUMENT_ROW = """
    SELECT d.id, d.title, d.source, d.published, d.url, d.author, d.format, d.encoding, d.words,
           (SELECT count(*) FROM mentions m WHERE m.doc_id = d.id),
           (SELECT count(*) FROM removed_lines r WHERE r.doc_id = d.id),
           d.copy_of, d.copy_similarity, d.copy_exact, d.path,
           (SELECT s.story_id FROM document_stories s WHERE s.doc_id = d.id)
      FROM documents d"""


MATCH_OPEN, MATCH_CLOSE = "\ue000", "\ue001"  # private-use marks around each match in `search`'s text


def search(conn: sqlite3.Connection, query: str) -> list[tuple[str, str, str | None, str]]:
    """(doc id, outlet, date, text with MATCH_OPEN/MATCH_CLOSE around each match) of the documents
    matching an FTS5 query, best first (bm25).

    Raises:
        QueryError: FTS5 cannot read the query.
    """
    try:
        return conn.execute(
            "SELECT d.id, d.source, d.published, highlight(documents_fts, 1, ?, ?) FROM documents_fts"
            " JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ? ORDER BY rank, d.id",
            (MATCH_OPEN, MATCH_CLOSE, query),
        ).fetchall()
    except sqlite3.OperationalError as exc:
        if "database" in str(exc):  # locked, corrupt: not the query's fault
            raise
        raise QueryError(
            f"cannot search for {query!r}: {exc}",
            hint='words, "a phrase", AND, OR, NOT, NEAR(a b, 10), prefix* (SQLite FTS5 syntax)',
        ) from None


def sentence_spans(conn: sqlite3.Connection, doc_id: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a document, in order."""
    rows = conn.execute("SELECT start, end FROM sentences WHERE doc_id = ? ORDER BY idx", (doc_id,))
    return [(start, end) for start, end in rows]


def document_dates(conn: sqlite3.Connection) -> list[tuple[str, str, str | None]]:
    """(doc id, outlet, ISO publication date or None) of every document."""
    return conn.execute("SELECT id, source, published FROM documents").fetchall()


def entity_counts(conn: sqlite3.Connection, docs: Iterable[str]) -> dict[int, tuple[int, int, int]]:
    """Entity id -> (mentions, documents, known outlets) counted in `docs` only (copies not counted)."""
    rows = conn.execute(
        "SELECT m.entity_id, count(*), count(DISTINCT m.doc_id), count(DISTINCT nullif(d.source, ''))"
        " FROM mentions m JOIN documents d ON d.id = m.doc_id"
        " WHERE m.entity_id IS NOT NULL AND d.copy_of IS NULL AND m.doc_id IN (SELECT value FROM json_each(?))"
        " GROUP BY m.entity_id",
        (_json_list(docs),),
    )
    return {entity_id: (mentions, documents, outlets) for entity_id, mentions, documents, outlets in rows}


def document_sources(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(doc id, outlet) of every document; the outlet is "" when unknown."""
    return conn.execute("SELECT id, source FROM documents").fetchall()


def list_documents(conn: sqlite3.Connection, ids: Iterable[str] | None = None) -> list[DocumentRow]:
    """Every document (or those with the given ids) with its metadata and counts, by id."""
    if ids is None:
        rows = conn.execute(_DOCUMENT_ROW + " ORDER BY d.id").fetchall()
    else:
        sql = _DOCUMENT_ROW + " WHERE d.id IN (SELECT value FROM json_each(?)) ORDER BY d.id"
        rows = conn.execute(sql, (_json_list(ids),)).fetchall()
    fields = [f for f in DocumentRow.model_fields if f not in ("copies", "label", "short_id")]
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
        for entity_id, name, count, reason in conn.execute(
            f"SELECT entity_id, name, count, reason FROM entity_variants WHERE entity_id IN ({marks})"
            " ORDER BY entity_id, count DESC, name",
            chunk,
        ):
            found[entity_id].append(Variant(text=name, count=count, reason=reason))
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
    where: list[str] = ["sources >= ?"]
    params: list[object] = [min_sources]
    if type_:
        where.append("type = ?")
        params.append(type_.upper())
    if ids is not None:
        where.append(f"id IN ({','.join('?' * len(ids))})")
        params.extend(ids)
    outlets = (  # read now: `docs set` and a sources file change outlets without resolving again
        "(SELECT count(DISTINCT d.source) FROM mentions m JOIN documents d ON d.id = m.doc_id"
        " WHERE m.entity_id = entities.id AND d.copy_of IS NULL AND d.source != '')"
    )
    sql = f"SELECT id, name, type, mentions, sources, {outlets}, note FROM entities WHERE {' AND '.join(where)}"
    sql += " ORDER BY mentions DESC, name, id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = conn.execute(sql, params).fetchall()
    variants = _variants(conn, [r[0] for r in rows])
    return [
        Entity(id=i, name=n, type=t, mentions=m, sources=s, outlets=o, variants=variants[i], note=note)
        for i, n, t, m, s, o, note in rows
    ]


def entity_total(conn: sqlite3.Connection, *, type_: str | None = None, min_sources: int = 1) -> int:
    """How many entities `list_entities` would list without a limit."""
    sql, params = "SELECT count(*) FROM entities WHERE sources >= ?", [min_sources]
    if type_:
        sql += " AND type = ?"
        params.append(type_.upper())  # type: ignore[arg-type]
    return int(conn.execute(sql, params).fetchone()[0])


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


def name_index(conn: sqlite3.Connection) -> list[NameKey]:
    """Every canonical name and variant of every entity, with its key."""
    rows = conn.execute(
        "SELECT id, key, name, mentions FROM entities"
        " UNION SELECT v.entity_id, v.key, v.name, e.mentions FROM entity_variants v"
        " JOIN entities e ON e.id = v.entity_id"
    )
    return [NameKey(*row) for row in rows]


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
    where: list[str] = []
    params: list[object] = []
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
                first_sentence=squash(sentence),
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


def figures(
    conn: sqlite3.Connection, *, entity_id: int | None = None, keys: Iterable[str] | None = None
) -> list[Figure]:
    """Figures in document order: all, those counting one of `keys`, or those in sentences naming an entity."""
    sql = (
        "SELECT x.doc_id, x.text, x.value, x.unit, x.qualifier, x.high, x.counts, x.key, "
        f"{_SENTENCE}, x.start - (SELECT s.start FROM sentences s WHERE s.doc_id = x.doc_id AND s.idx = x.sent)"
        f" FROM figures x WHERE {_ORIGINAL}"
    )
    order = " ORDER BY x.doc_id, x.start"
    if keys is not None:
        rows = conn.execute(sql + " AND x.key IN (SELECT value FROM json_each(?))" + order, (_json_list(keys),))
    elif entity_id is not None:
        rows = conn.execute(sql + f" AND {_MENTIONS_ENTITY}" + order, (entity_id,))
    else:
        rows = conn.execute(sql + order)
    found = []
    for d, t, v, u, q, h, c, k, sentence, at in rows:
        # the sentence is shown with its whitespace folded: place the figure in the folded text
        before = squash((sentence or "")[: at or 0] + "x")[:-1]
        found.append(
            Figure(
                doc=d,
                text=t,
                value=v,
                unit=u,
                qualifier=q,
                high=h,
                counts=c,
                key=k,
                sentence=squash(sentence),
                at=len(before),
            )
        )
    return found


# The entity a quote's speaker names: the longest mention inside the speaker's words; for a
# pronoun, the nearest person named before it in the same document.
def _entity_of(column: str) -> str:
    """SQL for the entity id a name column names: the longest mention inside the name ("he" and "she"
    are resolved to their person at extraction; a pronoun kind left is one nobody could pin down)."""
    kind, start, end = (f"x.{column}_{part}" for part in ("kind", "start", "end"))
    return f"""
    CASE {kind}
      WHEN 'name' THEN (SELECT m.entity_id FROM mentions m WHERE m.doc_id = x.doc_id
                        AND m.start >= {start} AND m.end <= {end} AND m.entity_id IS NOT NULL
                        ORDER BY m.end - m.start DESC LIMIT 1)
    END"""


_SPEAKER_ENTITY = _entity_of("speaker")
_SUBJECT_ENTITY = _entity_of("subject")


def quotes(conn: sqlite3.Connection, *, groups: Iterable[int] | None = None) -> list[QuoteRow]:
    """Every quote (or those of the given groups) in document order, with its group of matching quotes."""
    where = "" if groups is None else f" AND {_IN_GROUPS}"
    params = {} if groups is None else {"groups": _json_list(groups)}
    rows = conn.execute(
        f"""
        SELECT q.doc_id, q.text, q.speaker, q.speaker_kind, q.sentence, e.name, q.quote_group, q.speaker_description
          FROM (SELECT x.*, {_GROUP} AS quote_group, {_SPEAKER_ENTITY} AS entity_id, {_SENTENCE} AS sentence
                  FROM quotes x WHERE {_ORIGINAL}{where}) q
          LEFT JOIN entities e ON e.id = q.entity_id
         ORDER BY q.doc_id, q.start
        """,
        params,
    ).fetchall()
    found = []
    for doc, text, speaker, kind, sentence, name, group, description in rows:
        shown = name or (speaker if kind != "pronoun" else None)
        found.append(QuoteRow(doc, text, shown, squash(sentence), group, name is not None, description))
    return found


def quote_groups_of(conn: sqlite3.Connection, entity_id: int) -> tuple[set[int], set[int]]:
    """The quote groups an entity speaks in, and those said in a sentence naming it."""
    # a quote's speaker, named or a pronoun, is mentioned in the quote's document
    rows = conn.execute(
        f"""
        SELECT {_GROUP}, {_SPEAKER_ENTITY} = ?, {_MENTIONS_ENTITY} FROM quotes x
         WHERE {_ORIGINAL} AND x.doc_id IN (SELECT doc_id FROM mentions WHERE entity_id = ?)
        """,
        (entity_id, entity_id, entity_id),
    ).fetchall()
    return {g for g, spoken, _ in rows if spoken}, {g for g, _, named in rows if named}


# a nationality inside an attribution ("the Indian navy") is not who is speaking
_ATTRIBUTION_ENTITY = """(SELECT e.name FROM mentions m JOIN entities e ON e.id = m.entity_id
     WHERE m.doc_id = x.doc_id AND m.start >= x.attribution_start AND m.end <= x.attribution_end
       AND e.type != 'NORP'
     ORDER BY m.end - m.start DESC LIMIT 1)"""


def claims(
    conn: sqlite3.Connection, *, entity_id: int | None = None, keys: Iterable[tuple[str, str]] | None = None
) -> list[ClaimRow]:
    """Claims in document order: all, those with given (predicate, object) keys, or in sentences naming an entity."""
    sql = (
        "SELECT x.doc_id, x.subject, x.subject_kind, s.name, x.predicate, x.object, x.statement, x.polarity,"
        f" x.attribution, {_ATTRIBUTION_ENTITY}, x.attribution_vague, {_SENTENCE}"
        f" FROM claims x LEFT JOIN entities s ON s.id = {_SUBJECT_ENTITY}"
        f" WHERE {_ORIGINAL} AND x.polarity != 'unrealized'"  # stored for attribution, never aligned
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
            subject=sub,
            subject_kind=kind,
            subject_entity=entity,
            predicate=p,
            object=o,
            statement=st,
            polarity=pol,
            attribution=a,
            attribution_entity=ae,
            attribution_vague=bool(v),
            sentence=squash(sentence),
        )
        for d, sub, kind, entity, p, o, st, pol, a, ae, v, sentence in rows
    ]


def dates(conn: sqlite3.Connection, *, entity_id: int | None = None) -> list[DateRow]:
    """Every date named, or those in sentences naming an entity.

    Ordered by date, the dates that could not be placed last.
    """
    sql = f"SELECT x.value, x.precision, x.doc_id, x.text, {_SENTENCE} FROM dates x WHERE {_ORIGINAL}"
    params: tuple[int, ...] = ()
    if entity_id is not None:
        sql += f" AND {_MENTIONS_ENTITY}"
        params = (entity_id,)
    # "--07-28" (no year) after every dated value; "" (not placed) at the very end
    sql += " ORDER BY x.value = '', x.value LIKE '--%', x.value, x.doc_id, x.start"
    return [DateRow(v, p, d, t, squash(sentence)) for v, p, d, t, sentence in conn.execute(sql, params)]


def document_origins(conn: sqlite3.Connection, doc_ids: Iterable[str]) -> dict[str, str]:
    """Per document, the first outlet or body it names as a source ("The Wall Street Journal said")."""
    # the bare e.name comes from the row of min(x.start): SQLite's documented rule for min()
    rows = conn.execute(
        """
        SELECT x.doc_id, e.name, min(x.start) FROM claims x
          JOIN mentions m ON m.doc_id = x.doc_id AND m.start >= x.attribution_start AND m.end <= x.attribution_end
          JOIN entities e ON e.id = m.entity_id
         WHERE x.doc_id IN (SELECT value FROM json_each(?)) AND e.type = 'ORG'
         GROUP BY x.doc_id
        """,
        (_json_list(doc_ids),),
    )
    return {doc_id: name for doc_id, name, _ in rows}
