"""Stories: the articles about one real event, grouped by what they name and the words they use.

Pure functions (no SQL, no spaCy). Each article is a vector of its content words, the entities
it names and the months and years its placed dates fall in, each weighted by its count (sublinear) and its
rarity in general English (wordfreq's Zipf frequencies: an inverse document frequency taken from
a large background corpus, not from this one). So two articles are as similar in a folder of one
story as in a year of news: a corpus-wide IDF would call every word of a one-story folder common
and break the story apart. Articles are compared only within blocks, never all pairs: two are
compared when one of them is among the POSTINGS articles that one of the other's most distinctive
features weighs most in. They are then joined by average linkage: two groups become one story
when the mean cosine over all their pairs of articles (a pair never compared counts 0) reaches
THRESHOLD, so one shared name cannot chain two events together. Copies go with their original,
and the user's corrections are applied last.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from scipy import sparse
from wordfreq import zipf_frequency

from newscorpus.text.lexicon import story_stopwords

# Mean cosine of two groups' articles for one story. On the development sets (docs/evaluation.md)
# 0.12-0.16 is a plateau; higher splits one-story folders, lower joins two events of one kind.
THRESHOLD = 0.14
TOP_FEATURES = 100  # an article is its most distinctive features (noise and cost beyond)
BLOCK_FEATURES = 12  # features of an article that pick the articles it is compared with
POSTINGS = 60  # articles kept per feature for blocking: those it weighs most in
MAX_GAP_DAYS = 45
MIN_LINK = 0.02  # a pair less similar counts as never compared (0): it cannot move a mean to THRESHOLD
CHUNK = (
    20_000  # candidate pairs multiplied at a time  # two articles published further apart are never compared directly
)

_WORD = re.compile(r"[^\W\d_]{3,}(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class StoryDoc:
    """What story grouping reads of one article."""

    doc: str
    terms: Mapping[str, int]  # content word -> count (see `terms`)
    entities: Mapping[str, int] = field(default_factory=dict)  # entity name -> mentions
    months: frozenset[str] = frozenset()  # "2008-12", "2008": months and years its placed dates fall in
    published: date | None = None
    copy_of: str | None = None


def terms(text: str) -> dict[str, int]:
    """Content words of `text` and their counts: folded to lower case without accents, stop words
    dropped, a plural "s" cut ("riots" = "riot")."""
    stop = story_stopwords()
    counts: Counter[str] = Counter()
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    for word in _WORD.findall(folded):
        word = re.sub(r"['’]s?$", "", word)
        if word in stop or len(word) < 3:
            continue
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
            word = word[:-1]
        counts[word] += 1
    return dict(counts)


def group(docs: Sequence[StoryDoc], corrections: Sequence[tuple[str, str, str]] = ()) -> list[list[str]]:
    """The stories of `docs`: lists of doc ids, most articles first.

    `corrections` are (action, doc, other) in the order the user gave them: "merge" joins the
    stories the two documents are in; "move" takes `doc` into the story `other` is in; "split"
    takes `doc` out into a story of its own, with the documents split off with it (`other`, the
    first of them)."""
    originals = [d for d in docs if d.copy_of is None]
    story_of = _average_linkage(originals, _similar_pairs(originals)) if originals else []
    label: dict[str, object] = {d.doc: story_of[i] for i, d in enumerate(originals)}
    for d in docs:  # a copy goes with what it copies (a missing original: a story of its own)
        if d.copy_of is not None:
            label[d.doc] = label.get(d.copy_of, ("copy", d.doc))
    label = _corrected(label, corrections)
    members: dict[object, list[str]] = defaultdict(list)
    for d in docs:
        members[label[d.doc]].append(d.doc)
    return sorted(members.values(), key=lambda m: (-len(m), m[0]))


def _vectors(docs: Sequence[StoryDoc]) -> sparse.csr_matrix:
    """Rows of L2-normalised weights (sublinear count times rarity), each row's TOP_FEATURES kept."""
    features: list[dict[str, float]] = []
    for d in docs:
        row = {f"w:{t}": float(n) for t, n in d.terms.items()}
        row.update({f"e:{e}": float(n) for e, n in d.entities.items()})
        row.update({f"d:{m}": 1.0 for m in d.months})
        features.append(row)
    index = {f: i for i, f in enumerate(dict.fromkeys(f for row in features for f in row))}
    rows, cols, vals = [], [], []
    for r, row in enumerate(features):
        weighted = {f: (1 + math.log(count)) * _rarity(f) for f, count in row.items()}
        kept = heapq.nlargest(TOP_FEATURES, weighted.items(), key=lambda item: (item[1], item[0]))
        norm = math.sqrt(sum(w * w for _, w in kept)) or 1.0
        for f, w in kept:
            rows.append(r)
            cols.append(index[f])
            vals.append(w / norm)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(docs), len(index)), dtype=np.float64)


RARITY_MAX = 8.0  # above the Zipf frequency of "the" (7.7): a word or name never seen gets this
RARITY_MIN = 0.5


def _rarity(feature: str) -> float:
    """How rare a word or name is in general English: RARITY_MAX less its Zipf frequency (log10
    per billion words: "police" 5.3, "pirate" 4.0, "Klitschko" 2.5); a month is as rare as can be."""
    if feature.startswith("d:"):
        return RARITY_MAX
    return max(RARITY_MIN, RARITY_MAX - zipf_frequency(feature[2:], "en"))


def _similar_pairs(docs: Sequence[StoryDoc]) -> dict[tuple[int, int], float]:
    """Cosine similarity of the pairs blocking lets through (i < j), those below MIN_LINK dropped."""
    matrix = _vectors(docs)
    n = matrix.shape[0]
    by_column = matrix.tocsc()
    postings: dict[int, np.ndarray] = {}
    for col in range(by_column.shape[1]):
        start, end = by_column.indptr[col], by_column.indptr[col + 1]
        if end - start > 1:
            order = np.argsort(-by_column.data[start:end], kind="stable")[:POSTINGS]
            postings[col] = by_column.indices[start:end][order]
    keys = []
    for i in range(n):
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        top = matrix.indices[start:end][np.argsort(-matrix.data[start:end], kind="stable")[:BLOCK_FEATURES]]
        found = [postings[int(col)] for col in top if int(col) in postings]
        if found:
            others = np.concatenate(found).astype(np.int64)
            others = others[others != i]
            keys.append(np.minimum(others, i) * n + np.maximum(others, i))
    if not keys:
        return {}
    pairs = np.unique(np.concatenate(keys))
    sims = np.empty(len(pairs))
    for start in range(0, len(pairs), CHUNK):  # row products a chunk at a time: memory stays flat
        chunk = pairs[start : start + CHUNK]
        sims[start : start + CHUNK] = np.asarray(matrix[chunk // n].multiply(matrix[chunk % n]).sum(axis=1)).ravel()
    kept = np.flatnonzero(sims >= MIN_LINK)
    return {
        (i, j): float(sims[k])
        for k in kept
        if _close_in_time(docs[i := int(pairs[k] // n)], docs[j := int(pairs[k] % n)])
    }


def _close_in_time(a: StoryDoc, b: StoryDoc) -> bool:
    return a.published is None or b.published is None or abs((a.published - b.published).days) <= MAX_GAP_DAYS


def _average_linkage(docs: Sequence[StoryDoc], pairs: Mapping[tuple[int, int], float]) -> list[int]:
    """A group number per document: groups merged best-first while their mean pair similarity
    reaches THRESHOLD (pairs not compared count 0). Sums of similarities between groups are kept,
    so a merge costs the size of the smaller group's links, not a pass over all pairs."""
    size = [1] * len(docs)
    links: list[dict[int, float]] = [defaultdict(float) for _ in docs]
    for (i, j), sim in pairs.items():
        links[i][j] += sim
        links[j][i] += sim
    heap = [(-sim, i, j) for (i, j), sim in pairs.items() if sim >= THRESHOLD]
    heapq.heapify(heap)
    alive = [True] * len(docs)
    parent = list(range(len(docs)))
    while heap:
        neg, i, j = heapq.heappop(heap)
        if not (alive[i] and alive[j]):
            continue
        mean = links[i].get(j, 0.0) / (size[i] * size[j])
        if mean < THRESHOLD:
            continue
        if abs(mean + neg) > 1e-12:  # stale: the groups changed since this entry was pushed
            heapq.heappush(heap, (-mean, i, j))
            continue
        if len(links[i]) < len(links[j]):
            i, j = j, i
        alive[j] = False
        parent[j] = i
        del links[i][j]
        for k, total in links[j].items():  # j's links move to i
            if k == i:
                continue
            links[i][k] += total
            links[k][i] = links[k].get(i, 0.0) + links[k].pop(j)
        links[j] = {}
        size[i] += size[j]
        for k, total in links[i].items():
            mean = total / (size[i] * size[k])
            if mean >= THRESHOLD:
                heapq.heappush(heap, (-mean, min(i, k), max(i, k)))
    return [_root(parent, i) for i in range(len(docs))]


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        i = parent[i]
    return i


def _corrected(label: dict[str, object], corrections: Sequence[tuple[str, str, str]]) -> dict[str, object]:
    """The story labels with the user's corrections applied in order (unknown documents skipped).

    A split is recorded one correction per document, the first naming itself as `other` and the
    rest naming that first one: each such run is one new story, apart from every other."""
    label = dict(label)
    run = 0
    for n, (action, doc, other) in enumerate(corrections):
        if action == "split" and doc == other:
            run = n
        if doc not in label or (other and other not in label):
            continue
        if action == "merge":
            old, new = label[other], label[doc]
            label = {d: new if lab == old else lab for d, lab in label.items()}
        elif action == "move":
            label[doc] = label[other]
        elif action == "split":
            label[doc] = ("split", run)
    return label


def corrections_without(
    corrections: Sequence[tuple[str, str, str]], removed: set[str], found: Sequence[Sequence[str]]
) -> list[tuple[str, str, str]]:
    """The corrections still meant once the `removed` documents are gone.

    A correction about a removed document goes with it. One that names a removed document only
    as its story's stand-in (either story of a merge, a move's target) names another document of
    that story instead, taken from `found`, the stories as grouped without corrections, so it still
    points to the story the user meant. A split whose first document goes starts at its next one."""
    story_of = {doc: members for members in found for doc in members}

    def stand_in(doc: str) -> str | None:
        if doc not in removed:
            return doc
        return next((d for d in sorted(story_of.get(doc, ())) if d not in removed), None)

    kept: list[tuple[str, str, str]] = []
    first = ""  # the first kept document of the split run under way
    for action, doc, other in corrections:
        if action == "split":
            if doc == other:
                first = ""
            if doc not in removed:
                first = first or doc
                kept.append((action, doc, first))
            continue
        one = stand_in(doc) if action == "merge" else (None if doc in removed else doc)
        two = stand_in(other)
        if one is not None and two is not None:
            kept.append((action, one, two))
    return kept


def describe(found: Sequence[Sequence[str]], docs: Mapping[str, StoryDoc]) -> list[str]:
    """A label per story: the three names and two words that most of its articles give and few
    articles outside it do: "Kimani Gray, Brooklyn, NYPD · vigil, shot"."""
    total = len(docs)
    corpus_e: Counter[str] = Counter(e for d in docs.values() for e in d.entities)
    corpus_w: Counter[str] = Counter(w for d in docs.values() for w in d.terms)

    def score(inside: int, corpus: int) -> float:
        return inside * (math.log((1 + total) / (1 + corpus)) + 1)

    labels = []
    for members in found:
        inside_e: Counter[str] = Counter(e for d in members for e in docs[d].entities)
        inside_w: Counter[str] = Counter(w for d in members for w in docs[d].terms)
        top_names = sorted(inside_e, key=lambda e: (-score(inside_e[e], corpus_e[e]), e))[:3]
        name_words = {w for name in top_names for w in terms(name)}
        ranked_w = sorted(inside_w, key=lambda w: (-score(inside_w[w], corpus_w[w]), w))
        top_words = [w for w in ranked_w if w not in name_words][:2]
        label = " · ".join(part for part in (", ".join(top_names), ", ".join(top_words)) if part)
        labels.append(label or "(no words)")
    return labels
