"""Where spaCy runs: here, in local worker processes, or on the workers of a Dask cluster.

`analyse` is the unit of work: a pure function of a batch of documents and a model name, so a
process pool or a Dask task can run it. Batches come back in input order, a bounded number in flight.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor

from newscorpus.errors import ClusterError, ModelNotFound
from newscorpus.ingest import dedupe
from newscorpus.models import DateRecord, DocRecords, SourceText
from newscorpus.text import dates

CONNECT_TIMEOUT = 30  # seconds to reach a Dask scheduler and see a worker
Analysed = list[tuple[DocRecords, tuple[str, bytes]]]  # per document: its records and its fingerprint


def analyse(batch: list[SourceText], model: str) -> Analysed:
    """What ingest computes for a batch of documents: their records (dates placed) and fingerprints.

    A function of its inputs alone (the model loads once per process), so a worker process runs it.
    """
    from newscorpus.nlp import extract  # spaCy loads only when there is new text to process

    records = extract.extract_many((s.text for s in batch), extract.load_pipeline(model))
    return [(with_dates(r, s), dedupe.fingerprint(s.text)) for s, r in zip(batch, records, strict=True)]


def local(batches: Iterator[list[SourceText]], model: str, workers: int) -> Iterator[tuple[list[SourceText], Analysed]]:
    """Each batch with its analysis, in order: in this process, or in `workers` local processes."""
    from newscorpus.nlp import extract

    if workers <= 1:
        extract.load_pipeline(model)  # before the first batch is read: a missing model stops us early
        for batch in batches:
            yield batch, analyse(batch, model)
        return
    extract.require_installed(model)  # one clear error here, not one per worker; the workers load it
    # spawn, not fork: a forked child would inherit the open database connection
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(model,)) as pool:
        yield from _in_order(pool, batches, model, slots=workers)


def _start_worker(model: str) -> None:
    """A local worker process: Ctrl-C is the parent's to report (once), and the model loads once."""
    from newscorpus.nlp import extract

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    extract.load_pipeline(model)


def on_cluster(
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
    from newscorpus.nlp import extract

    try:
        extract.require_installed(model)
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
