"""Line sources up against each other: figure conflicts, shared quotes, asserted and denied claims.

Pure functions over rows read from the database (no SQL, no spaCy): the read side calls them
for `figures`, `quotes`, `claims` and `compare`.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations

from rapidfuzz import fuzz, process

from newscorpus.models import (
    Agreement,
    Claim,
    ClaimCarrier,
    ClaimRow,
    Conflict,
    ConflictValue,
    Figure,
    Quote,
    QuoteCarrier,
    QuoteRow,
)
from newscorpus.text import lexicon
from newscorpus.text.normalize import fold, plain_marks, squash
from newscorpus.text.numbers import agree, measure_of

QUOTE_MATCH = 90  # rapidfuzz partial_ratio for two quotes to be one ("…affairs" / "…affairs, that's all I ask")
QUOTE_MIN_WORDS = 4  # a shorter quote must be identical to match: "the table" is in too many quotes
UNNAMED = re.compile(r"\b(?:he|him|she|her|it|they|them)\b", re.IGNORECASE)  # a statement's people, unnamed
CLAIM_MATCH = 90  # rapidfuzz ratio between "predicate object" keys of one claim
# Two values this many times apart are rarely one thing counted twice: "rescued two vessels" and
# "attacked nearly 100 vessels this year" are two counts, not a disagreement.
FARTHEST = 4.0
PERSON_MATCH = 85  # rapidfuzz ratio for one name in two spellings: "klitschko" / "klitchsko" 89
SHINGLE = 3  # words per shingle when looking for quote pairs
CROWDED = 50  # a shingle shared by more quotes than this is a stock phrase, not evidence


# --- figures ----------------------------------------------------------------------------


def compare_figures(
    figures: Iterable[Figure], story_of: Mapping[str, int] | None = None
) -> tuple[list[Conflict], list[Agreement]]:
    """Figures from several documents that count the same thing: where they conflict, and where they agree.

    Figures are grouped by what they count and by measure (a count, a length, a duration, a
    currency), values in different units compared converted. Two documents conflict when no value
    one gives for the thing can be true with any value the other gives; the conflict names the
    closest such pair of values, unless they are more than FARTHEST times apart (then they count
    two things). Documents whose values can all be true together are an agreement. With
    `story_of` (doc id -> story), only figures of one story are compared.
    """
    figures = [f for f in figures if f.key]
    same_person = _person_keys({f.key for f in figures})
    story_of = story_of or {}
    groups: dict[tuple[int | None, str, str], list[Figure]] = defaultdict(list)
    for figure in figures:
        key = same_person.get(figure.key, figure.key)
        groups[(story_of.get(figure.doc), key, measure_of(figure.unit)[0])].append(figure)
    found_conflicts, found_agreements = [], []
    for (story, _, _), members in groups.items():
        by_doc: dict[str, list[Figure]] = defaultdict(list)
        for figure in members:
            by_doc[figure.doc].append(figure)
        if len(by_doc) < 2:
            continue
        counts = Counter(f.counts for f in members).most_common(1)[0][0]
        unit = Counter(f.unit for f in members).most_common(1)[0][0]
        ordered = sorted(members, key=lambda f: (f.doc, _base(f), f.text))
        pairs = _conflicting_pairs(ordered, by_doc)
        values = [_value(f) for f in ordered]
        if pairs:
            found_conflicts.append(Conflict(counts=counts, unit=unit, values=values, pairs=pairs, story=story))
        elif all(_consistent(by_doc[x] + by_doc[y]) for x, y in combinations(sorted(by_doc), 2)):
            found_agreements.append(Agreement(counts=counts, unit=unit, values=values, story=story))
    return (
        sorted(found_conflicts, key=lambda c: (-len({v.doc for v in c.values}), c.counts)),
        sorted(found_agreements, key=lambda a: (-len({v.doc for v in a.values}), a.counts)),
    )


def _person_keys(keys: set[str]) -> dict[str, str]:
    """Keys that name one person spelt two ways ("record: klitschko", "record: klitchsko") -> one of them."""
    merged: dict[str, str] = {}
    by_kind: dict[str, list[str]] = defaultdict(list)
    for key in sorted(keys):
        kind, _, name = key.partition(": ")
        if kind in ("age", "record") and name:
            by_kind[kind].append(name)
    for kind, names in by_kind.items():
        for i, name in enumerate(names):
            # one letter typed wrong or two swapped: the same length ("browne" is not "brown")
            first = next((n for n in names[:i] if len(n) == len(name) and fuzz.ratio(n, name) >= PERSON_MATCH), name)
            merged[f"{kind}: {name}"] = merged.get(f"{kind}: {first}", f"{kind}: {first}")  # transitive
    return merged


def conflicts(figures: Iterable[Figure]) -> list[Conflict]:
    """The figure conflicts among `figures` (see `compare_figures`)."""
    return compare_figures(figures)[0]


def _conflicting_pairs(ordered: list[Figure], by_doc: dict[str, list[Figure]]) -> list[tuple[int, int]]:
    """Index pairs into `ordered`: for each two documents that cannot both be right, their closest values."""
    index = {id(f): i for i, f in enumerate(ordered)}
    pairs = []
    for x, y in combinations(sorted(by_doc), 2):
        candidates = [(a, b) for a in by_doc[x] for b in by_doc[y]]
        if any(_figures_agree(a, b) for a, b in candidates):
            continue
        a, b = min(candidates, key=lambda ab: _distance(*ab))
        if _distance(a, b) <= FARTHEST:
            pairs.append((index[id(a)], index[id(b)]))
    return sorted(pairs)


def _consistent(figures: list[Figure]) -> bool:
    """Whether every two of the figures can both be true."""
    return all(_figures_agree(a, b) for a, b in combinations(figures, 2))


def _figures_agree(a: Figure, b: Figure) -> bool:
    if a.unit == b.unit:
        return agree((a.value, a.qualifier, a.high), (b.value, b.qualifier, b.high))
    factor_a, factor_b = measure_of(a.unit)[1], measure_of(b.unit)[1]
    return agree(
        (a.value * factor_a, a.qualifier, a.high * factor_a if a.high is not None else None),
        (b.value * factor_b, b.qualifier, b.high * factor_b if b.high is not None else None),
        converted=True,
    )


def _base(figure: Figure) -> float:
    """The value in its measure's base unit (metres, seconds, ...)."""
    return figure.value * measure_of(figure.unit)[1]


def _distance(a: Figure, b: Figure) -> float:
    low, high = sorted((abs(_base(a)), abs(_base(b))))
    return math.inf if low == 0 else high / low


def _value(figure: Figure) -> ConflictValue:
    """A figure as one source's value in a conflict or agreement."""
    return ConflictValue(**figure.model_dump(include=set(ConflictValue.model_fields)))


def mark_conflicts(figures: list[Figure], conflicts: list[Conflict]) -> list[Figure]:
    """The figures, each with `conflict` set when it is one side of a conflicting pair."""
    conflicting = {
        (v.doc, v.text, v.sentence)
        for c in conflicts
        for pair in c.pairs
        for v in (c.values[pair[0]], c.values[pair[1]])
    }
    return [f.model_copy(update={"conflict": (f.doc, f.text, f.sentence) in conflicting}) for f in figures]


# --- quotes -----------------------------------------------------------------------------


def quote_key(text: str) -> str:
    """A quote reduced for matching: no accents, case, curly quotes or punctuation."""
    return squash(re.sub(r"[^\w\s']", " ", fold(plain_marks(text))))


def same_quote(a: str, b: str) -> bool:
    """Whether two quote keys are one quotation, one perhaps cut shorter than the other."""
    if a == b:
        return True
    shorter = a if len(a) <= len(b) else b
    if len(shorter.split()) < QUOTE_MIN_WORDS:
        return False
    return fuzz.partial_ratio(a, b, score_cutoff=QUOTE_MATCH) >= QUOTE_MATCH


def quote_groups(texts: list[str]) -> list[int]:
    """For each quote, the index of the first quote it is one quotation with (itself if none)."""
    keys = [quote_key(text) for text in texts]
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in sorted(_candidate_pairs(keys)):
        a, b = sorted((find(i), find(j)))
        if a != b and same_quote(keys[i], keys[j]):
            parent[b] = a  # the earlier quote names the group
    return [find(i) for i in range(len(keys))]


def quote_rank(quote: Quote) -> tuple[int, list[str], str]:
    """Sort key: the most widely carried quotes first."""
    return (-len(quote.docs), quote.docs, quote.text)


def _candidate_pairs(keys: list[str]) -> set[tuple[int, int]]:
    """Pairs of quotes sharing at least two runs of words (or all of a short one's): the only ones worth comparing."""
    buckets: dict[str, list[int]] = defaultdict(list)
    runs = []
    for i, key in enumerate(keys):
        words = key.split()
        shingles = {" ".join(words[start : start + SHINGLE]) for start in range(max(1, len(words) - SHINGLE + 1))}
        runs.append(len(shingles))
        for shingle in shingles:
            buckets[shingle].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for members in buckets.values():
        if 1 < len(members) <= CROWDED:
            shared.update(combinations(members, 2))
    return {pair for pair, count in shared.items() if count >= min(2, runs[pair[0]], runs[pair[1]])}


def quote_from(members: list[QuoteRow]) -> Quote:
    """One quotation from the rows that carry it."""
    carriers = [
        QuoteCarrier(doc=r.doc, text=r.text, speaker=r.speaker, speaker_description=r.description, sentence=r.sentence)
        for r in members
    ]
    carriers.sort(key=lambda c: c.doc)
    speakers = Counter(c.speaker for c in carriers if c.speaker)
    named = Counter(r.speaker for r in members if r.speaker and r.named)
    text = max((c.text for c in carriers), key=len)
    speaker = (named or speakers).most_common(1)[0][0] if speakers else None
    described = Counter(r.description for r in members if r.description and r.speaker == speaker)
    return Quote(
        text=text,
        speaker=speaker,
        speaker_description=described.most_common(1)[0][0] if described else None,
        docs=sorted({c.doc for c in carriers}),
        speakers_differ=_speakers_differ(members),
        carriers=carriers,
    )


def _speakers_differ(members: list[QuoteRow]) -> bool:
    """Two sources credit the quote to two people: two different entities or, when none is named,
    two different descriptions that say who ("a spokesperson" / "a senior official"). A description
    beside a name may be that person ("the president" / "Donald Trump"), and "a source" or "people
    familiar with the talks" could be anyone: neither is a disagreement."""
    named = {quote_key(r.speaker) for r in members if r.speaker and r.named}
    if named:
        return len(named) > 1
    described = {
        quote_key(r.speaker)
        for r in members
        if r.speaker and not ({w.removesuffix("s") for w in quote_key(r.speaker).split()} & lexicon.vague_sources())
    }
    return len(described) > 1


# --- claims -----------------------------------------------------------------------------


def claim_key(predicate: str, obj: str) -> str:
    """What aligns claims across sources: the canonical predicate and the object's lemma."""
    return f"{predicate} {obj}".strip()


def align_claims(
    rows: list[ClaimRow],
    doc_origins: dict[str, str],
    *,
    disputed_only: bool = False,
    outlets: dict[str, str] | None = None,
    story_of: Mapping[str, int] | None = None,
) -> list[Claim]:
    """Claims aligned across sources, disputed ones first, then the most widely carried.

    Rows align on predicate and object, then on their doer: "Klitschko landed punches" and
    "Rahman landed a punch" are two claims; a clause with no doer named ("no offers have been
    made") joins the most widely carried doer's; one whose doer is a pronoun nobody can pin
    down ("it", "they") stands alone. `doc_origins` names, per document, the report it rests on
    when a sentence says only "reportedly" or "people familiar with the matter"; `outlets` the
    outlet of each document, so summaries count outlets, not only articles. With `story_of`
    (doc id -> story), only rows of one story are aligned.
    """
    story_of = story_of or {}
    by_story: dict[int | None, dict[str, list[ClaimRow]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        if row.polarity != "unrealized":  # what someone aims or is asked to do is not said to be so
            by_story[story_of.get(row.doc)][claim_key(row.predicate, row.object)].append(row)
    claims = []
    for story, by_key in by_story.items():
        merged = _merge_spelling_variants(sorted(by_key))
        groups: dict[str, list[ClaimRow]] = defaultdict(list)
        for key, members in by_key.items():
            groups[merged[key]].extend(members)
        aligned = (members for group in groups.values() for members in _by_doer(group))
        claims += [
            _claim(members, doc_origins, outlets or {}).model_copy(update={"story": story})
            for members in aligned
            if not disputed_only or _disputed(members)
        ]
    return sorted(claims, key=lambda c: (not c.disputed, -len(c.asserted_by) - len(c.denied_by), c.statement))


def _disputed(members: list[ClaimRow]) -> bool:
    """Some source asserts it and another only denies or negates it (what `_claim` calls a dispute)."""
    denying = {r.doc for r in members if r.polarity != "asserted"}
    return bool(denying) and any(r.doc not in denying for r in members)


def _by_doer(rows: list[ClaimRow]) -> list[list[ClaimRow]]:
    """Rows of one predicate and object, split by who does it."""
    by_doer: dict[str, list[ClaimRow]] = defaultdict(list)
    open_rows: list[ClaimRow] = []
    alone: list[list[ClaimRow]] = []
    for row in rows:
        if row.subject_entity is not None:
            by_doer[row.subject_entity].append(row)
        elif row.subject_kind in ("pronoun", "unresolved"):
            alone.append([row])
        else:
            open_rows.append(row)
    if open_rows:
        if by_doer:
            widest = max(by_doer, key=lambda doer: (len({r.doc for r in by_doer[doer]}), len(by_doer[doer])))
            by_doer[widest].extend(open_rows)
        else:
            by_doer[""] = open_rows
    return [*by_doer.values(), *alone]


def _merge_spelling_variants(keys: list[str]) -> dict[str, str]:
    """Key -> the key it is one claim with: same predicate, objects alike ("amnesty" / "amnesties")."""
    merged = {k: k for k in keys}
    by_predicate: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        by_predicate[key.split()[0]].append(key)
    for group in by_predicate.values():
        if len(group) < 2:
            continue
        # process.extract, not cdist: cdist's matrix imports numpy, a tenth of a second per query command
        for i, key in enumerate(group[:-1]):
            for _, _, j in process.extract(
                key, group[i + 1 :], scorer=fuzz.ratio, score_cutoff=CLAIM_MATCH, limit=None
            ):
                merged[group[i + 1 + j]] = merged[key]
    return merged


def origin_of(row: ClaimRow, doc_origins: dict[str, str]) -> str | None:
    """The report or person a source rests one claim on: a name or a description ("a senior
    official"), never a pronoun, a bare noun ("police", "the statement") or a dateline ("SEOUL")."""
    if row.attribution_entity:
        return row.attribution_entity
    if row.attribution_vague:
        return doc_origins.get(row.doc)
    attribution = row.attribution or ""
    if len(attribution.split()) < 2 or attribution.isupper():
        return None
    return attribution


def statement_of(row: ClaimRow) -> str:
    """The row's clause, with a "he" or "she" doer replaced by the person it stands for."""
    if row.subject.lower() in ("he", "she") and row.subject_entity:
        return re.sub(rf"\b{re.escape(row.subject)}\b", row.subject_entity, row.statement, count=1)
    return row.statement


def _claim(members: list[ClaimRow], doc_origins: dict[str, str], outlets: dict[str, str]) -> Claim:
    # built without validation: thousands per query, from rows the store has already typed
    carriers = sorted(
        (
            ClaimCarrier.model_construct(
                doc=r.doc,
                polarity=r.polarity,
                statement=statement_of(r),
                attribution=r.attribution,
                origin=origin_of(r, doc_origins),
                sentence=r.sentence,
            )
            for r in members
        ),
        key=lambda c: c.doc,
    )
    docs = sorted({c.doc for c in carriers})
    # a source that reports a claim and its denial is counted with the denial
    denied = [d for d in docs if any(c.doc == d and c.polarity != "asserted" for c in carriers)]
    asserted = [d for d in docs if d not in denied]
    # a denial nobody contradicts is one side, not a dispute: "the plane was not damaged"
    negated, denied = (denied, []) if not asserted else ([], denied)
    cited: dict[str, list[str]] = {}
    for doc in docs:
        side = [c for c in carriers if c.doc == doc and (c.polarity == "asserted") == (doc in asserted)]
        cited[doc] = list(dict.fromkeys(c.origin for c in side if c.origin))
    origins = {doc: "; ".join(names) if names else None for doc, names in cited.items()}
    positive = [c for c in carriers if c.polarity == "asserted"]
    # the shortest asserting clause that names its people reads best; ties go to the first source
    statement = min(
        positive or carriers, key=lambda c: (bool(UNNAMED.search(c.statement)), len(c.statement), c.doc)
    ).statement
    predicate, obj = Counter((r.predicate, r.object) for r in members).most_common(1)[0][0]
    return Claim.model_construct(
        statement=statement,
        predicate=predicate,
        object=obj,
        asserted_by=asserted,
        denied_by=denied,
        negated_by=negated,
        origins=origins,
        summary=_summary(asserted, denied, negated, cited, outlets),
        carriers=carriers,
    )


def _summary(
    asserted: list[str], denied: list[str], negated: list[str], cited: dict[str, list[str]], outlets: dict[str, str]
) -> str:
    """ "asserted by 3 sources on 1 origin (The Wall Street Journal); denied by 2 sources on 3 origins (...)",
    with "2 outlets (3 articles)" for the sources where their outlets are known."""
    parts = []
    for verb, docs in (("asserted", asserted), ("denied", denied), ("negated, and asserted by none,", negated)):
        if not docs:
            continue
        named = list(dict.fromkeys(name for d in docs for name in cited[d]))
        text = f"{verb} by {_sources(docs, outlets)}"
        if named:
            text += f" on {_plural(len(named), 'origin')} ({', '.join(named)})"
        parts.append(text)
    return "; ".join(parts)


def _sources(docs: list[str], outlets: dict[str, str]) -> str:
    """ "3 sources" (no outlet known), "3 outlets", or "2 outlets (3 articles)" when one has two."""
    known = {outlets[d] for d in docs if outlets.get(d)}
    if not known:
        return _plural(len(docs), "source")
    if len(known) == len(docs):
        return _plural(len(known), "outlet")
    return f"{_plural(len(known), 'outlet')} ({_plural(len(docs), 'article')})"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
