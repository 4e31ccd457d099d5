"""Exact and near-duplicate articles: syndicated copies with small edits.

Pure functions (no SQL, no spaCy): `fingerprint` turns a text into a content hash and a MinHash
signature of its word shingles, computed once at ingest and stored; `find_copies` takes the stored
fingerprints of a whole corpus and says which documents copy which.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from datasketch import MinHash, MinHashLSH

from newscorpus.text.normalize import plain_marks

NUM_PERM = 128
# Measured on the BBC corpus (counts: bench/bench_dedupe.py), seeds and synthetic edits: 5-word shingles leave no BBC
# pair between 0.40 and 0.53 (below: rewrites and different stories; above: one article with edits); 3- and 4-word
# shingles blur that gap, 7 lowers true copies. Unrelated outlets on one story score <= 0.03, a seed with words
# changed, a paragraph dropped, re-wrapped, re-quoted and a footer added >= 0.59.
SHINGLE = 5
THRESHOLD = 0.5
SEED = 1
# affine64: uint64 hash values, no permutation collisions; pinned because datasketch's default changed in 2.0.
_SCHEME = "affine64"
_DTYPE = np.dtype("<u8")  # uint64, little-endian whatever the machine
_PERMUTATIONS = MinHash(NUM_PERM, seed=SEED, scheme=_SCHEME).permutations
_WORD = re.compile(r"\w+(?:['.,]\w+)*")  # words, keeping "don't", "3.5" and "1,200" whole


class Copy(NamedTuple):
    """A document that copies an earlier one."""

    of: str  # id of the canonical document it copies (never itself a copy)
    similarity: float  # estimated Jaccard similarity of word shingles with `of`, 1.0 for exact
    exact: bool


def normalized(text: str) -> str:
    """The words of `text`, NFKC-casefolded, quotes and dashes folded, punctuation and line breaks dropped."""
    return " ".join(_WORD.findall(plain_marks(unicodedata.normalize("NFKC", text).casefold())))


def _minhash(hashvalues: np.ndarray | None = None) -> MinHash:
    return MinHash(NUM_PERM, seed=SEED, scheme=_SCHEME, hashvalues=hashvalues, permutations=_PERMUTATIONS)


def fingerprint(text: str) -> tuple[str, bytes]:
    """(sha256 hex of the normalized text, MinHash signature of its word shingles as uint64 bytes).

    A text shorter than a shingle is one shingle of all its words; an empty text has an empty signature.
    """
    norm = normalized(text)
    words = norm.split()
    k = min(SHINGLE, len(words))
    shingles = {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)} if words else set()
    minhash = _minhash()
    minhash.update_batch(list(shingles))  # a minimum: order does not matter
    return hashlib.sha256(norm.encode()).hexdigest(), minhash.hashvalues.astype(_DTYPE).tobytes()


def _signature(data: bytes) -> np.ndarray:
    if len(data) != NUM_PERM * 8:
        raise ValueError(f"signature of {len(data)} bytes, expected {NUM_PERM * 8} ({NUM_PERM} uint64)")
    return np.frombuffer(data, dtype=_DTYPE)


def find_copies(docs: Sequence[tuple[str, str, bytes]], *, threshold: float = THRESHOLD) -> dict[str, Copy]:
    """Map each copy's id to the document it copies; `docs` are (id, hash, signature), canonical first, ids unique.

    A document with the hash of an earlier one is its exact copy (if that one is a near copy: of the same canonical,
    not exact). Otherwise its LSH candidates among the earlier documents are confirmed by estimated Jaccard >=
    `threshold`, and it copies the earliest canonical among theirs (a candidate that is a copy stands for its
    canonical). So chains A~B~C resolve to A, and, unlike union-find, a later document that resembles two unlike
    canonicals never merges them. `similarity` is with that canonical, so in a chain it can be below `threshold`.
    """
    # Candidates are cheap to confirm, so the bands favour recall: P(candidate) at J = 0.5 is 0.87, not 0.55.
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, weights=(0.1, 0.9))
    first_with_hash: dict[str, int] = {}
    signatures: list[np.ndarray] = []
    canonical: list[int] = []  # for each document, the index of its canonical (itself if it copies none)
    copies: dict[str, Copy] = {}
    for i, (doc_id, exact_hash, data) in enumerate(docs):
        signature = _signature(data)
        signatures.append(signature)
        canonical.append(i)
        if exact_hash in first_with_hash:
            first = first_with_hash[exact_hash]
            canonical[i] = canonical[first]
            copies[doc_id] = copies.get(docs[first][0], Copy(docs[first][0], 1.0, True))
            continue
        first_with_hash[exact_hash] = i
        minhash = _minhash(signature)
        matches = [j for j in lsh.query(minhash) if np.mean(signatures[j] == signature) >= threshold]
        if matches:
            root = min(canonical[j] for j in matches)
            canonical[i] = root
            copies[doc_id] = Copy(docs[root][0], float(np.mean(signatures[root] == signature)), False)
        lsh.insert(i, minhash)
    return copies
