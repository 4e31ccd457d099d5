"""One short label per document, the same in every table and in JSON.

The outlet when the corpus has one article from it; the outlet and the shortest part of the id
that tells its articles apart when it has several; the shortest distinctive part of the id when
the outlet is unknown. Never a cut that makes two documents look alike.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

SEPARATORS = "/_-. "
MIN_PART = 3  # "000", not "0": a part short enough to read, long enough to type


def document_labels(documents: Iterable[tuple[str, str]]) -> dict[str, str]:
    """(doc id, outlet) pairs -> doc id -> label: "The Week", "BBC · politics/001", "001_bf1e"."""
    by_outlet: dict[str, list[str]] = defaultdict(list)
    for doc_id, outlet in documents:
        by_outlet[outlet].append(doc_id)
    labels = {}
    for outlet, ids in by_outlet.items():
        if outlet and len(ids) == 1:
            labels[ids[0]] = outlet
            continue
        parts = distinctive_parts(ids)
        for doc_id in ids:
            labels[doc_id] = f"{outlet} · {parts[doc_id]}" if outlet else parts[doc_id]
    return labels


def distinctive_parts(ids: list[str]) -> dict[str, str]:
    """Each id's shortest start or end that no other id shares, cut only at a separator ("/", "_",
    "-", "."): "000_eaa63e2f889ad871" among the seeds is "000", "politics/001" beside
    "business/001" stays whole. Compares sorted neighbours only: n log n."""
    starts = _unique_lengths(ids)
    ends = _unique_lengths([i[::-1] for i in ids])
    found = {}
    for doc_id in ids:
        start = _to_separator(doc_id, starts[doc_id])
        end = _to_separator(doc_id[::-1], ends[doc_id[::-1]])
        found[doc_id] = doc_id[:start] if start <= end else doc_id[len(doc_id) - end :]
    taken = Counter(found.values())  # one id's start may read as another's end: those keep their ids
    return {doc_id: part if taken[part] == 1 else doc_id for doc_id, part in found.items()}


def _to_separator(word: str, length: int) -> int:
    """`length` grown to the next separator or the end, so a cut never splits a part of the id."""
    while length < len(word) and word[length] not in SEPARATORS:
        length += 1
    return length


def _unique_lengths(words: list[str]) -> dict[str, int]:
    """Each word's shortest prefix length (at least MIN_PART) that no other word begins with."""
    ordered = sorted(set(words))
    lengths = {}
    for i, word in enumerate(ordered):
        shared = max((_common_prefix(word, ordered[j]) for j in (i - 1, i + 1) if 0 <= j < len(ordered)), default=0)
        lengths[word] = max(MIN_PART, shared + 1)
    return lengths


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def short_ids(ids: list[str]) -> dict[str, str]:
    """Each id's shortest start (at least MIN_PART characters, cut at a separator when one comes
    soon) that no other id begins with: what a user types for `docs set ID` (as git's short hashes)."""
    lengths = _unique_lengths(ids)
    return {doc_id: doc_id[: _to_separator(doc_id, lengths[doc_id])] for doc_id in ids}
