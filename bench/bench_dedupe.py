"""Duplicate detection on the BBC corpus: fingerprint speed, find_copies time, copies found per threshold.

Reads ../shared/corpora/bbc (one article per `<category>/<id>.txt`), fingerprints every file
(best of 3 passes), then runs find_copies over the whole corpus in path order at each threshold
(median of 3 runs). The corpus has no publication dates, so path order stands for "earliest first".
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from newscorpus.ingest.dedupe import THRESHOLD, find_copies, fingerprint

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "bbc"
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    paths = sorted(args.corpus.glob("*/*.txt")) if args.corpus.is_dir() else []
    if not paths:
        print(f"bench: {args.corpus}: corpus not found (it lives in ../shared/corpora/)", file=sys.stderr)
        return 2
    texts = {f"{path.parent.name}/{path.stem}": path.read_text(encoding="utf-8") for path in paths}
    passes = []
    for _ in range(3):
        started = time.perf_counter()
        prints = {doc_id: fingerprint(text) for doc_id, text in texts.items()}
        passes.append(time.perf_counter() - started)
    docs = [(doc_id, exact_hash, signature) for doc_id, (exact_hash, signature) in prints.items()]
    words = sum(len(text.split()) for text in texts.values())
    print(f"{len(docs):,} documents, {words:,} words, from {args.corpus}")
    print(f"fingerprint: {min(passes) / len(docs) * 1000:.2f} ms/document (best of 3, {min(passes):.2f} s in all)")
    print()
    print(f"{'threshold':>10}{'exact copies':>14}{'near copies':>13}{'find_copies, s':>16}")
    for threshold in sorted({*THRESHOLDS, THRESHOLD}):
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            copies = find_copies(docs, threshold=threshold)
            runs.append(time.perf_counter() - started)
        exact = sum(copy.exact for copy in copies.values())
        mark = " (default)" if threshold == THRESHOLD else ""
        print(f"{threshold:>10.2f}{exact:>14,}{len(copies) - exact:>13,}{statistics.median(runs):>16.3f}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
