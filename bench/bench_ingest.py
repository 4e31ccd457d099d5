"""`make bench`: ingest against spaCy's own speed, workers, a Dask cluster, re-ingest, queries, memory.

One run on ../shared/corpora/bbc (2,225 BBC articles) prints one table. Each ingest and query is
a whole `newscorpus` process, timed from outside, with its peak RSS read from the kernel
(wait4). The spaCy ceiling runs here: the same pipeline, components and batch size as ingest,
over the same article texts (page furniture removed), model load not counted. The machines are
shared and noisy: read the ratios, which come from runs side by side.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newscorpus import settings, store
from newscorpus.ingest import analysis, pipeline
from newscorpus.ingest import inputs as sources
from newscorpus.nlp import extract as nlp
from newscorpus.resolve import aliases
from newscorpus.resolve import stories as story_grouping

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "bbc"
NEWSCORPUS = Path(sys.executable).parent / "newscorpus"
QUERY_RUNS = 5
# as on a user's machine, where Python caches compiled modules (some sandboxes turn that off)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float
    stderr: str


def run(*args: str | Path) -> Run:
    """Run `newscorpus ARGS` to completion: wall seconds, peak RSS (of it and its children), stderr."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen([NEWSCORPUS, *map(str, args)], stdout=subprocess.DEVNULL, stderr=err, env=ENV)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"bench: newscorpus {' '.join(map(str, args))} failed ({process.returncode}):\n{stderr}")
    return Run(seconds, usage.ru_maxrss / 1024, stderr)


def articles(corpus: Path) -> list[sources.SourceText]:
    """The article texts ingest analyses, read as ingest reads them."""
    texts = []
    for item in sources.discover([corpus], ("*.txt",)):
        if isinstance(item, sources.InputFile):
            texts += [
                sources.parse(raw, sources.Options())
                for raw in sources.read(item)
                if isinstance(raw, sources.RawDocument)
            ]
    return texts


def spacy_ceiling(texts: list[str], model: str) -> float:
    """Seconds for `nlp.pipe` alone over `texts`, with ingest's pipeline and batch size."""
    language = nlp.load_pipeline(model)
    started = time.perf_counter()
    for _ in language.pipe(texts, batch_size=nlp.BATCH_SIZE):
        pass
    return time.perf_counter() - started


def writer_speed(batch: list[sources.SourceText], model: str, db: Path) -> float:
    """Words per second one SQLite writer stores, records already computed (the cluster's limit)."""
    analysed = analysis.analyse(batch, model)
    rows = [(s, records, fingerprint) for s, (records, fingerprint) in zip(batch, analysed, strict=True)]
    words = sum(len(s.text.split()) for s in batch)
    with closing(store.connect(db)) as conn:
        started = time.perf_counter()
        for start in range(0, len(rows), pipeline.COMMIT_EVERY):
            store.save_documents(conn, rows[start : start + pipeline.COMMIT_EVERY], model=model)
        return words / (time.perf_counter() - started)


def grouping_cost(docs: list) -> tuple[float, float]:
    """(seconds, peak MB of Python allocations) of grouping `docs` into stories, timed apart from
    the memory trace (which slows it)."""
    started = time.perf_counter()
    story_grouping.group(docs)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    story_grouping.group(docs)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return seconds, peak


def cpu_model() -> str:
    """The processor's name, as Linux reports it."""
    cpuinfo = Path("/proc/cpuinfo")
    for line in cpuinfo.read_text().splitlines() if cpuinfo.exists() else []:
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown processor"


def median_run(*args: str | Path) -> float:
    return statistics.median(run(*args).seconds for _ in range(QUERY_RUNS))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--no-cluster", action="store_true", help="skip the Dask LocalCluster run")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"bench: {args.corpus}: corpus not found (it lives in ../shared/corpora/)", file=sys.stderr)
        return 2
    model = settings.model_name(None)
    if model is None:
        print("bench: no spaCy English pipeline installed", file=sys.stderr)
        return 2
    files = sorted(args.corpus.rglob("*.txt"))
    rows: list[tuple[str, str, str]] = []

    def row(what: str, value: str, note: str = "") -> None:
        rows.append((what, value, note))
        print(f"  {what}: {value}" + (f" ({note})" if note else ""), file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        half = tmp / "half"  # every other file: all five sections, half the words
        half.mkdir()
        for path in files[::2]:
            (half / f"{path.parent.name}-{path.name}").symlink_to(path)
        corpus_args = (args.corpus, "--glob", "*.txt", "--no-progress")

        stories = articles(args.corpus)
        texts = [s.text for s in stories]
        words = sum(len(t.split()) for t in texts)
        row("corpus", f"{len(files):,} articles, {words:,} words", f"{args.corpus}")

        ceiling = words / spacy_ceiling(texts, model)
        row("1. spaCy nlp.pipe alone (ceiling)", f"{ceiling:,.0f} words/s", f"{model}, batch {nlp.BATCH_SIZE}")

        db = tmp / "bbc.db"
        first = run("ingest", *corpus_args, "--db", db)
        one = words / first.seconds
        row(
            "2. ingest, 1 worker, fresh database",
            f"{one:,.0f} words/s",
            f"{first.seconds:.1f} s; x{one / ceiling:.2f} of (1), target >= 0.85",
        )

        again = run("ingest", *corpus_args, "--db", db)
        row(
            "4. re-ingest, unchanged corpus",
            f"{again.seconds:.2f} s",
            f"{again.seconds / first.seconds:.1%} of (2), target <= 5%",
        )

        with closing(store.connect(db, create=False)) as conn:
            people = [
                name
                for (name,) in conn.execute("SELECT name FROM entities WHERE type = 'PERSON' ORDER BY mentions DESC")
            ]
        person, typical = people[0], people[min(50, len(people) - 1)]
        for entity, label in ((person, "most-mentioned person"), (typical, "51st most-mentioned person")):
            for fmt in ("json", "table"):
                seconds = median_run("compare", "--entity", entity, "--db", db, "--format", fmt)
                row(
                    f"5. compare --entity '{entity}' --format {fmt}",
                    f"{seconds:.2f} s",
                    f"{label}; median of {QUERY_RUNS}; target < 0.5 s",
                )
        seconds = median_run("entities", "--limit", "20", "--db", db, "--format", "json")
        row("5. entities --limit 20", f"{seconds:.2f} s", f"median of {QUERY_RUNS}; target < 0.5 s")
        for extra in ((), ("--disputed",)):
            seconds = median_run("claims", *extra, "--db", db, "--format", "json")
            name = " ".join(("claims", *extra))
            row(f"5. {name} (whole corpus)", f"{seconds:.2f} s", f"median of {QUERY_RUNS}; target < 1 s")

        half_run = run("ingest", half, "--glob", "*.txt", "--no-progress", "--db", tmp / "half.db")
        row("6. peak RSS, ingest of the whole corpus", f"{first.peak_rss_mb:,.0f} MB")
        row(
            "6. peak RSS, ingest of half the corpus",
            f"{half_run.peak_rss_mb:,.0f} MB",
            f"whole / half = x{first.peak_rss_mb / half_run.peak_rss_mb:.2f}, target ~ 1",
        )

        two = run("ingest", *corpus_args, "--db", tmp / "two.db", "--workers", "2")
        row(
            "3. ingest --workers 2",
            f"{words / two.seconds:,.0f} words/s",
            f"{two.seconds:.1f} s; x{first.seconds / two.seconds:.2f} of (2), target >= 1.6",
        )

        if not args.no_cluster:
            from distributed import LocalCluster

            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
                dask = run("ingest", *corpus_args, "--db", tmp / "dask.db", "--scheduler", cluster.scheduler_address)
            row(
                "3b. ingest --scheduler (Dask, 2 local workers)",
                f"{words / dask.seconds:,.0f} words/s",
                f"{dask.seconds:.1f} s; x{first.seconds / dask.seconds:.2f} of (2)",
            )

        with closing(store.connect(db)) as conn:
            mentions = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
            runs = []
            for _ in range(3):
                started = time.perf_counter()
                entities = pipeline.resolve_entities(conn, aliases.load(aliases.path_for(db)))
                runs.append(time.perf_counter() - started)
        resolve = statistics.median(runs)
        row(
            "7. entity resolution",
            f"{resolve:.2f} s",
            f"{mentions:,} mentions -> {entities:,} entities; {resolve / first.seconds:.1%} of (2)",
        )

        with closing(store.connect(db)) as conn:
            runs = []
            for _ in range(3):
                started = time.perf_counter()
                story_count = pipeline.group_stories(conn)
                runs.append(time.perf_counter() - started)
            docs = list(pipeline.story_docs(conn).values())
        grouping = statistics.median(runs)
        half, whole = grouping_cost(docs[: len(docs) // 2]), grouping_cost(docs)
        row(
            "8. story grouping",
            f"{grouping:.2f} s",
            f"{story_count:,} stories; {grouping / first.seconds:.1%} of (2); grouping alone, half the articles"
            f" {half[0]:.2f} s and {half[1]:.0f} MB at peak, all {whole[0]:.2f} s and {whole[1]:.0f} MB",
        )

        writer = writer_speed(stories[:256], model, tmp / "writer.db")
        row(
            "one SQLite writer, records computed",
            f"{writer:,.0f} words/s",
            f"keeps up with ~{writer / one:.0f} workers like (2)",
        )

    print(
        f"\nnewscorpus bench, {date.today()}, {platform.machine()}, {os.cpu_count()} cores,"
        f" {cpu_model()}, Python {platform.python_version()}, spaCy pipeline {model}\n"
    )
    width = max(len(what) for what, _, _ in rows)
    print(f"| {'measure':<{width}} | value | notes |")
    print(f"|{'-' * (width + 2)}|---|---|")
    for what, value, note in rows:
        print(f"| {what:<{width}} | {value} | {note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
