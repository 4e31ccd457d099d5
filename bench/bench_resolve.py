"""Entity resolution time against ingest time on the BBC corpus (part of `make bench`).

Ingests ../shared/corpora/bbc into a fresh database (or reuses --db), then times a full
re-resolution of every stored mention, three times, and prints both with their ratio.
Target (issue 3): resolution under 10% of ingest time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

from newscorpus import aliases, pipeline, settings, store

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "bbc"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="reuse this database instead of ingesting (ingest time unknown)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    if not args.db and not args.corpus.is_dir():
        print(f"bench: {args.corpus}: corpus not found (it lives in ../shared/corpora/)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bbc.db"
        ingest_seconds = None
        if not args.db:
            report = pipeline.ingest([args.corpus], db_path=db, model=settings.model_name(None), globs=("*.txt",))
            ingest_seconds = report.seconds
        with closing(store.connect(db)) as conn:
            mentions = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
            runs = []
            for _ in range(3):
                started = time.perf_counter()
                entities = pipeline.resolve_entities(conn, aliases.load(aliases.path_for(db)))
                runs.append(time.perf_counter() - started)
    resolve_seconds = statistics.median(runs)
    print(f"{'what':<34}{'value':>12}")
    print(f"{'mentions':<34}{mentions:>12,}")
    print(f"{'entities':<34}{entities:>12,}")
    if ingest_seconds is not None:
        print(f"{'ingest, s (includes one resolution)':<34}{ingest_seconds:>12.1f}")
    print(f"{'resolution, s (median of 3)':<34}{resolve_seconds:>12.2f}")
    if ingest_seconds:
        print(f"{'resolution / ingest':<34}{resolve_seconds / ingest_seconds:>12.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
