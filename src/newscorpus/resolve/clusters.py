"""Canonical entities from mentions: which surface forms name the same real-world thing.

Pure functions over plain records (no spaCy, no SQL). The rules, in order:

1. Every name mention is cleaned (possessive, leading "the", titles such as "President",
   lower-case modifiers such as "pro-") and reduced to a key (accents folded, case folded,
   acronym dots dropped); well-known short forms map to one key ("U.S." -> "united states").
2. Full person names (two or more words) merge across documents only when their structure
   agrees: one is the other plus trailing words ("Edmundo González" / "Edmundo González Urrutia"),
   or they share the surname and their given names are spelling variants ("Antony" / "Anthony").
   Similarity alone never merges two names.
3. Organizations merge on a shared key, an acronym that spells a full name, an appositive rename
   ("X, formerly Twitter"), or a parent-organization prefix ("White House National Security
   Council" is the "National Security Council").
4. A one-word mention ("Maduro", "the Journal") goes to the nearest full name in the same
   document that ends with it (persons: that contains it as a surname); failing that, to the
   only person in the corpus with that surname; failing that, it stays its own entity.
5. Each entity gets one type, by a vote of its mentions in which full names weigh more and a
   telling word before a mention ("President", "bank", "capital") weighs most.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from newscorpus.models import ENTITY_TYPES, EntityCluster, MentionIn
from newscorpus.resolve.names import clean_name, name_key, normalize
from newscorpus.text import lexicon

NAME_LABELS = frozenset(ENTITY_TYPES)
# On a tied vote the earlier type wins: the small model's commonest error is a person as ORG.
TYPE_PRECEDENCE = ENTITY_TYPES
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})  # a one-word place is no organisation's last word
FULL_NAME_WEIGHT = 3  # a full name's label is better evidence of type than a bare surname's
CUE_WEIGHT = 4  # "bank HSBC", "President Maduro": the word before a name outweighs a noisy label
GIVEN_NAME_SIMILARITY = 80  # rapidfuzz ratio: "antony"/"anthony" 92, "juan"/"jorge" 44
DOMINANT_SURNAME = 5  # one person's full names this many times as frequent as the next one's: theirs
ORG_SPELLING_SIMILARITY = 92  # names with the same initials: "general motor"/"general motors" 96
SURNAME_SIMILARITY = 92  # with equal given names: "zelensky"/"zelenskyy" 94, "brown"/"browne" 91

_NOT_A_NAME = re.compile(r"://|^www\.|@|\.(?:com|org|net|html?)\b", re.IGNORECASE)


def _alias_keys() -> dict[str, tuple[str, str]]:
    """Key of every known short form -> (canonical name, type)."""
    table: dict[str, tuple[str, str]] = {}
    for canonical, type_, aliases in lexicon.place_aliases():
        for alias in (canonical, *aliases):
            table[normalize(alias)] = (canonical, type_)
    return table


def _with_place_written_out(key: str, aliases: dict[str, tuple[str, str]]) -> str:
    """The key with a known short form written out: "us" -> "united states", and a short form
    that begins a longer name too ("us air force" -> "united states air force")."""
    if key in aliases:
        return normalize(aliases[key][0])
    first, _, rest = key.partition(" ")
    if rest and len(first) <= 4 and first in aliases and aliases[first][1] == "GPE":
        return normalize(aliases[first][0]) + " " + rest
    return key


def persons_compatible(a: list[str], b: list[str]) -> bool:
    """Whether two full person names (folded word lists) can name the same person.

    Symmetric. Never true for names with different surnames, unless one name is the other
    with words added at the end ("edmundo gonzalez" / "edmundo gonzalez urrutia").
    """
    if len(a) < 2 or len(b) < 2:
        return False
    short, long = sorted((a, b), key=len)
    if long[: len(short)] == short:
        return not (set(long[len(short) :]) & (lexicon.org_heads() | lexicon.generational_suffixes()))
    if a[0] == b[0] and len(a) == len(b) == 2:
        return min(len(a[1]), len(b[1])) >= 6 and fuzz.ratio(a[1], b[1]) >= SURNAME_SIMILARITY
    if a[-1] != b[-1]:
        return False
    given_a, given_b = a[0], b[0]
    if given_a != given_b and not (
        given_a[0] == given_b[0]
        and min(len(given_a), len(given_b)) >= 3
        and fuzz.ratio(given_a, given_b) >= GIVEN_NAME_SIMILARITY
    ):
        return False
    middle_a, middle_b = set(a[1:-1]), set(b[1:-1])
    return middle_a <= middle_b or middle_b <= middle_a


def initials(words: list[str]) -> str:
    """Initials of the significant words: ["national", "security", "council"] -> "nsc"."""
    return "".join(w[0] for w in words if w not in lexicon.acronym_stopwords())


# --- resolution -------------------------------------------------------------------------


class _UnionFind:
    """Union-find over name keys, refusing unions that would join a cannot-link pair."""

    def __init__(self, cannot_link: Iterable[tuple[str, str]] = ()) -> None:
        self.parent: dict[str, str] = {}
        self.cannot_link = list(cannot_link)
        self.joins: list[tuple[str, str, str]] = []  # (key, key, why) of every union that happened

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def allowed(self, a: str, b: str) -> bool:
        """Whether the clusters of a and b may become one."""
        ra, rb = self.find(a), self.find(b)
        for x, y in self.cannot_link:
            rx, ry = self.find(x), self.find(y)
            if {rx, ry} == {ra, rb}:
                return False
        return True

    def union(self, a: str, b: str, why: str) -> None:
        """Join the clusters of a and b unless a cannot-link pair forbids it; `why` explains it."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb and self.allowed(ra, rb):
            self.parent[max(ra, rb)] = min(ra, rb)  # deterministic whatever the order of calls
            self.joins.append((a, b, why))


@dataclass
class _Prepared:
    mention: MentionIn
    name: str
    key: str
    words: list[str]


def _best_type(votes: Counter[str]) -> str:
    top = max(votes.values())
    return next(t for t in (*TYPE_PRECEDENCE, *sorted(votes)) if votes.get(t) == top)


def resolve(
    mentions: Iterable[MentionIn],
    *,
    renames: Iterable[tuple[str, str]] = (),
    merges: Iterable[tuple[str, str]] = (),
    splits: Iterable[tuple[str, str]] = (),
    chosen_names: Iterable[tuple[str, str]] = (),
) -> list[EntityCluster]:
    """Group name mentions into canonical entities (see the module docstring for the rules).

    `merges`, `splits` and `chosen_names` are a user's corrections; they win over every rule. A
    merge joins the two entities its names are in, whole (every variant of each); a split keeps
    two names from ever being one entity; a chosen name (entity name, new name) renames the entity
    the first name is in. Mentions whose label is not a name label (dates, numbers) are ignored.
    Near-linear in the number of mentions: candidate pairs are only
    compared within blocks sharing a word.
    """
    aliases = _alias_keys()
    prepared: list[_Prepared] = []
    for m in mentions:
        if m.label not in NAME_LABELS:
            continue
        name = clean_name(m.text, m.label)
        key = normalize(name)
        if not any(c.isalpha() for c in key) or _NOT_A_NAME.search(name):
            continue  # URLs, e-mail addresses and handles are not names
        key = _with_place_written_out(key, aliases)
        # "Kilroy-Silk" written alone is one word, a surname, though its key has two
        prepared.append(_Prepared(m, name, key, key.split() if " " in name else [key]))

    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for p in prepared:
        votes[p.key][p.mention.label] += FULL_NAME_WEIGHT if len(p.words) > 1 else 1
    multi = {k for k in votes if " " in k}
    person_keys = {k for k in multi if _best_type(votes[k]) == "PERSON"}

    def key_of(name: str) -> str:
        return _with_place_written_out(name_key(name), aliases)

    uf = _UnionFind(cannot_link=[(key_of(a), key_of(b)) for a, b in splits])
    for k in votes:
        uf.find(k)
    _merge_persons(uf, person_keys, multi, votes)
    _merge_organizations(uf, multi, votes, aliases)
    for new, old in renames:
        if key_of(new) in votes and key_of(old) in votes:
            uf.union(key_of(new), key_of(old), "{a}, formerly {b}, as an article says")

    ambiguous: dict[str, list[str]] = {}
    assigned = _attach_short_names(prepared, uf, person_keys, votes, ambiguous)
    corrections = _Corrections(
        merges=[(key_of(a), key_of(b), f"{a} and {b}: your alias merge") for a, b in merges],
        names={key_of(entity): name for entity, name in chosen_names},
    )
    return _build_entities(prepared, assigned, uf, votes, aliases, ambiguous, corrections)


@dataclass
class _Corrections:
    """A user's merges (key, key, why) and chosen names (key of a name in the entity -> its name)."""

    merges: list[tuple[str, str, str]]
    names: dict[str, str]


def _merge_chosen(
    clusters: dict[str, list[_Prepared]], merges: list[tuple[str, str, str]]
) -> tuple[dict[str, list[_Prepared]], dict[str, tuple[list[str], str]]]:
    """Join the clusters a user's merges name, whole (a name is in the cluster holding most of its
    mentions). Returns the clusters, and per joined cluster its parts' roots and why they joined."""
    holders: dict[str, Counter[str]] = defaultdict(Counter)
    for root, members in clusters.items():
        for p in members:
            holders[p.key][root] += 1
    parent = {root: root for root in clusters}

    def find(root: str) -> str:
        while parent[root] != root:
            root = parent[root]
        return root

    why: dict[str, list[str]] = defaultdict(list)
    for a, b, reason in merges:
        if holders[a] and holders[b]:
            ra, rb = find(holders[a].most_common(1)[0][0]), find(holders[b].most_common(1)[0][0])
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
                why[min(ra, rb)] += [*why.pop(max(ra, rb), []), reason]
    merged: dict[str, list[_Prepared]] = defaultdict(list)
    parts: dict[str, list[str]] = defaultdict(list)
    for root, members in clusters.items():
        merged[find(root)].extend(members)
        parts[find(root)].append(root)
    return merged, {root: (parts[root], "; ".join(reasons)) for root, reasons in why.items()}


def _merge_persons(uf: _UnionFind, person_keys: set[str], multi: set[str], votes: dict[str, Counter[str]]) -> None:
    """Union full person names whose structure agrees, comparing only names sharing a word."""
    blocks: dict[str, list[str]] = defaultdict(list)
    for k in multi:
        if k in person_keys or votes[k]["PERSON"] or votes[k]["ORG"]:
            words = k.split()
            blocks["first:" + words[0]].append(k)
            blocks["last:" + words[-1]].append(k)
    extensions: dict[str, set[str]] = defaultdict(set)  # short name -> longer names it begins
    for members in blocks.values():
        members.sort()
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if not (a in person_keys or b in person_keys) or not persons_compatible(a.split(), b.split()):
                    continue
                short, long = sorted((a, b), key=lambda k: len(k.split()))
                if long.startswith(short + " "):
                    extensions[short].add(long)
                else:
                    uf.union(a, b, "{a} and {b}: one person's name, spelled differently")
    # "Juan Carlos" begins both "Juan Carlos Rodríguez" and "Juan Carlos Pérez": ambiguous, and
    # joining it to both would make the two one person. A short name joins its extensions only
    # when they could all be the same person.
    for short, longs in extensions.items():
        ordered = sorted(longs)
        if all(persons_compatible(x.split(), y.split()) for i, x in enumerate(ordered) for y in ordered[i + 1 :]):
            for long in ordered:
                uf.union(short, long, "{a} begins {b}, and no other person's name")


def _merge_organizations(
    uf: _UnionFind, multi: set[str], votes: dict[str, Counter[str]], aliases: dict[str, tuple[str, str]]
) -> None:
    """Union acronyms with their full names, legal forms and short forms with the name, and
    parent- or country-prefixed names with the unit's name."""
    _merge_acronyms(uf, multi, votes, aliases)
    org_only = {k for k in votes if _best_type(votes[k]) == "ORG"}
    _merge_legal_forms(uf, org_only)
    _merge_leading_short_forms(uf, org_only)
    _merge_units(uf, multi, votes, aliases, org_only)


def _merge_acronyms(
    uf: _UnionFind, multi: set[str], votes: dict[str, Counter[str]], aliases: dict[str, tuple[str, str]]
) -> None:
    """An acronym joins the one name in the corpus whose initials it is ("NTSB"); names of its type
    come first, and spellings of one name ("General Motor" / "General Motors") count as one."""
    org_keys = {k for k in votes if _best_type(votes[k]) in {"ORG", "FAC", "GPE"}}
    by_initials: dict[str, list[str]] = defaultdict(list)
    for k in multi & org_keys:
        by_initials[initials(k.split())].append(k)
    for k in org_keys - multi:
        if k in aliases or len(k) < 2:
            continue
        full = sorted(by_initials.get(k, []))
        same_type = [f for f in full if _best_type(votes[f]) == _best_type(votes[k])]
        full = same_type or full  # "GM" as ORG spells "General Motors", not "Grand Marquis" as GPE
        for other in full[1:]:
            if fuzz.ratio(full[0], other) >= ORG_SPELLING_SIMILARITY:
                uf.union(other, full[0], "{a} and {b}: one organisation's name, spelled differently")
        if len({uf.find(f) for f in full}) == 1:
            uf.union(k, full[0], "{a} is the initials of {b}, the only name they spell")


def _merge_units(
    uf: _UnionFind,
    multi: set[str],
    votes: dict[str, Counter[str]],
    aliases: dict[str, tuple[str, str]],
    org_only: set[str],
) -> None:
    """ "White House National Security Council" is the "National Security Council" (a parent
    organisation before a unit that is itself an organisation; "EADS North America" is not the
    continent), and "United States Air Force" the "Air Force" a corpus names, unless the corpus
    names two countries' air forces."""
    places = {k for k in votes if _best_type(votes[k]) in {"GPE", "LOC"}} | {
        normalize(canonical) for canonical, type_ in aliases.values() if type_ == "GPE"
    }
    placed: dict[str, list[str]] = defaultdict(list)  # "air force" -> ["united states air force"]
    for k in multi:
        words = k.split()
        for i in range(1, len(words) - 1):
            prefix, suffix = " ".join(words[:i]), " ".join(words[i:])
            if suffix not in multi or suffix not in org_only:
                continue
            if prefix in org_only:
                uf.union(k, suffix, "{a} is {b} named with its parent organisation")
                break
            if prefix in places:
                placed[suffix].append(k)
    for suffix, longer in placed.items():
        if len(longer) == 1:
            uf.union(longer[0], suffix, "{a} is {b} named with its country")


def _without_legal_form(key: str) -> str:
    """ "apple inc" -> "apple", "aer lingus group plc" -> "aer lingus"; a name that is only a legal form stays."""
    words = key.split()
    while len(words) > 1 and words[-1] in lexicon.org_suffixes():
        words.pop()
    return " ".join(words)


def _merge_legal_forms(uf: _UnionFind, org_keys: set[str]) -> None:
    """Organisations one legal form apart are one: "Apple Inc." / "Apple", "EADS N.V." / "EADS"."""
    by_base: dict[str, list[str]] = defaultdict(list)
    for k in sorted(org_keys):
        by_base[_without_legal_form(k)].append(k)
    for base, keys in by_base.items():
        for k in keys:
            if k != base:
                # the base joins them even when no mention writes it bare
                uf.union(k, base, "{a} is {b} with a legal form")


def _merge_leading_short_forms(uf: _UnionFind, org_keys: set[str]) -> None:
    """A short form that begins exactly one longer organisation name is that organisation
    ("Northrop" / "Northrop Grumman", "AirTran" / "AirTran Airways"); not a parent before its unit
    ("White House" / "White House National Security Council", where the rest names an organisation
    of its own), and not when several longer names begin with it."""
    bases = sorted({_without_legal_form(k) for k in org_keys})
    for short in bases:
        prefix = short + " "
        longer = []
        i = bisect_left(bases, prefix)  # sorted: the names it begins are adjacent, from here
        while i < len(bases) and bases[i].startswith(prefix):
            if " " in bases[i] and bases[i][len(prefix) :] not in org_keys:
                longer.append(bases[i])
            i += 1
        if len(longer) == 1:
            uf.union(short, longer[0], "{a} begins {b}, and no other organisation's name")


def _attach_short_names(
    prepared: list[_Prepared],
    uf: _UnionFind,
    person_keys: set[str],
    votes: dict[str, Counter[str]],
    ambiguous: dict[str, list[str]],
) -> dict[int, tuple[str, str]]:
    """Decide the cluster of each one-word mention: mention id -> (the key it joins, why); others
    keep their own key's cluster.

    `ambiguous` is filled with the surnames left apart: surname key -> the candidates' roots."""
    person_roots = {uf.find(k) for k in person_keys}
    assigned: dict[int, tuple[str, str]] = {}
    by_doc: dict[str, list[_Prepared]] = defaultdict(list)
    for p in prepared:
        by_doc[p.mention.doc_id].append(p)
    attached_surnames: set[str] = set()
    for doc_mentions in by_doc.values():
        full = [p for p in doc_mentions if len(p.words) > 1]
        for p in doc_mentions:
            if len(p.words) == 1 and p.mention.label in {"PERSON", "ORG"}:
                found = _full_name_in_document(p, full, uf, person_roots, votes)
                if found is not None:
                    target, why = found
                    assigned[p.mention.id] = target, why
                    if why == _SURNAME_IN_ARTICLE:
                        attached_surnames.add(p.key)
    _attach_by_surname(prepared, uf, person_keys, votes, assigned, attached_surnames, ambiguous)
    return assigned


_SURNAME_IN_ARTICLE = "surname of {b}, named in the same article"


def _full_name_in_document(
    p: _Prepared, full: list[_Prepared], uf: _UnionFind, person_roots: set[str], votes: dict[str, Counter[str]]
) -> tuple[str, str] | None:
    """The key of the full name in the same document a one-word mention stands for, if one does,
    and why."""
    word = p.key
    persons = [
        f
        for f in full
        if uf.find(f.key) in person_roots
        and (word in f.words[1:] or f.key.endswith(" " + word))
        and uf.allowed(word, f.key)
    ]
    if persons:
        return _nearest(p, persons).key, _SURNAME_IN_ARTICLE
    if p.mention.label == "PERSON":
        given = {
            uf.find(f.key)
            for f in full
            if uf.find(f.key) in person_roots and f.words[0] == word and uf.allowed(word, f.key)
        }
        if len(given) == 1:
            return given.pop(), "given name of {b}, named in the same article"
    if p.mention.label not in PLACE_LABELS:  # "Jaguars" tagged PERSON beside "Jacksonville Jaguars"
        orgs = [
            f
            for f in full
            if f.words[-1] == word and _best_type(votes[f.key]) in {"ORG", "FAC"} and uf.allowed(word, f.key)
        ]
        if orgs:
            return _nearest(p, orgs).key, "last word of {b}, named in the same article"
    return None


def _attach_by_surname(
    prepared: list[_Prepared],
    uf: _UnionFind,
    person_keys: set[str],
    votes: dict[str, Counter[str]],
    assigned: dict[int, tuple[str, str]],
    attached_surnames: set[str],
    ambiguous: dict[str, list[str]],
) -> None:
    """A surname no full name in its document explains goes to the corpus's person with it: the only
    one, or one whose full names the corpus mentions far more often than any other's ("Trump" in a
    corpus about Donald Trump that also names Melania Trump once), of a gender its title allows
    ("Mrs. Trump" is not Donald). Comparable candidates leave it apart: guessing is worse.

    A one-word name that is no person's surname goes, by the same rule, to the corpus's
    organisation whose name ends with it ("Colts" -> "Indianapolis Colts"), unless it is a generic
    head ("Times", "Party") or a place."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    by_last_word: dict[str, set[str]] = defaultdict(set)
    for k in votes:
        if k in person_keys:
            words = k.split()
            for i, word in enumerate(words[1:], start=1):
                by_surname[word].add(uf.find(k))
                by_surname[" ".join(words[i:])].add(uf.find(k))  # "kilroy silk" of "robert kilroy silk"
        elif " " in k and _best_type(votes[k]) in {"ORG", "FAC"}:
            by_last_word[k.rsplit(" ", 1)[1]].add(uf.find(k))
    full_mentions: Counter[str] = Counter(uf.find(p.key) for p in prepared if " " in p.key)
    genders = _genders(person_keys, uf)
    cluster_size = Counter(uf.find(k) for k in votes)
    for p in prepared:
        if len(p.words) != 1 or p.mention.id in assigned or cluster_size[uf.find(p.key)] > 1:
            continue  # already named by a rule of its own (acronym, rename)
        person_evidence = _best_type(votes[p.key]) == "PERSON" or p.key in attached_surnames
        if person_evidence and by_surname.get(p.key):
            gender = lexicon.title_genders().get(p.mention.cue.lower().rstrip("."))
            roots = [
                r
                for r in by_surname[p.key]
                if uf.allowed(p.key, r) and (gender is None or not genders[r] or gender in genders[r])
            ]
            found = _corpus_choice(roots, full_mentions, "surname", "person")
        elif p.mention.label not in PLACE_LABELS and p.key not in lexicon.org_heads():
            roots = sorted(by_last_word.get(p.key, ()))
            found = _corpus_choice(roots, full_mentions, "last word", "organisation")
        else:
            continue
        if found is not None:
            assigned[p.mention.id] = found
        elif len(roots) > 1 and person_evidence:
            ambiguous[p.key] = sorted(roots, key=lambda r: (-full_mentions[r], r))


def _genders(person_keys: set[str], uf: _UnionFind) -> dict[str, set[str]]:
    """Root of each person -> the genders its given names tell."""
    genders: dict[str, set[str]] = defaultdict(set)
    for k in person_keys:
        if (gender := lexicon.given_names().get(k.split()[0])) is not None:
            genders[uf.find(k)].add(gender)
    return genders


def _corpus_choice(roots: list[str], full_mentions: Counter[str], part: str, kind: str) -> tuple[str, str] | None:
    """The root a one-word name goes to, with why: the only candidate, or one whose full names the
    corpus mentions DOMINANT_SURNAME times as often as the next one's; None when none or several
    comparable ones."""
    ranked = sorted(roots, key=lambda r: (-full_mentions[r], r))
    if len(ranked) == 1:
        return ranked[0], f"{part} of {{b}}, the only {kind} with it in the corpus"
    if len(ranked) > 1 and full_mentions[ranked[0]] >= DOMINANT_SURNAME * max(full_mentions[ranked[1]], 1):
        why = f"{part} of {{b}}, whose full name the corpus gives {full_mentions[ranked[0]]} times"
        return ranked[0], f"{why}, the next {kind}'s {full_mentions[ranked[1]]}"
    return None


def _nearest(p: _Prepared, candidates: list[_Prepared]) -> _Prepared:
    """The candidate just before `p` in the document, else the first one after it."""
    before = [c for c in candidates if c.mention.start < p.mention.start]
    if before:
        return max(before, key=lambda c: c.mention.start)
    return min(candidates, key=lambda c: c.mention.start)


def _build_entities(
    prepared: list[_Prepared],
    assigned: dict[int, tuple[str, str]],
    uf: _UnionFind,
    votes: dict[str, Counter[str]],
    aliases: dict[str, tuple[str, str]],
    ambiguous: dict[str, list[str]],
    corrections: _Corrections,
) -> list[EntityCluster]:
    found: dict[str, list[_Prepared]] = defaultdict(list)
    for p in prepared:
        found[uf.find(assigned[p.mention.id][0] if p.mention.id in assigned else p.key)].append(p)
    clusters, joined = _merge_chosen(found, corrections.merges)
    names = {root: _canonical_name(members) for root, members in clusters.items()}
    # the mentions of the parts a user merged into an entity whose name another part holds joined for
    # that reason; passed as assignments, whose "{b}" names no one
    merged_why_as_assigned = {
        p.mention.id: (p.key, why.replace("{", "{{").replace("}", "}}"))
        for root, (parts, why) in joined.items()
        for part in parts
        if names[root] not in {p.name for p in found[part]}
        for p in found[part]
    }
    shown = _shown_names(prepared)
    joins_by_root: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for join in uf.joins:
        joins_by_root[uf.find(join[0])].append(join)

    joined_by = merged_why_as_assigned | assigned  # once: a copy per entity would be quadratic
    entities = []
    for members in clusters.values():
        type_votes: Counter[str] = Counter()
        cues = lexicon.type_cues()
        for p in members:
            # a one-word mention joined to a full name takes its type from it, not from a label the
            # model gave the bare word ("Jaguars" as PERSON, "Maduro" as ORG)
            if p.mention.id not in assigned:
                type_votes[p.mention.label] += FULL_NAME_WEIGHT if len(p.words) > 1 else 1
            if p.mention.cue in cues:
                type_votes[cues[p.mention.cue]] += CUE_WEIGHT
        name = _canonical_name(members)
        anchor = normalize(name)
        type_ = _best_type(type_votes)
        known = next((aliases[p.key] for p in members if p.key in aliases), None)
        chosen = Counter(corrections.names[p.key] for p in members if p.key in corrections.names)
        if chosen:
            name = chosen.most_common(1)[0][0]
        elif known:
            name, type_ = known
        else:
            last = normalize(name).split()[-1]
            if (type_ != "PERSON" and last in lexicon.org_heads()) or last in lexicon.org_suffixes():
                type_ = "ORG"
        ordered = sorted(members, key=lambda p: (p.mention.doc_id, p.mention.start))
        counts = Counter(p.name for p in members)
        joins = [join for root in {uf.find(p.key) for p in members} for join in joins_by_root[root]]
        reasons = _reasons(members, name, joined_by, joins, shown, aliases)
        candidates = [names[r] for r in ambiguous.get(members[0].key, []) if r in names]
        note = f"could be {' or '.join(candidates[:3])}: alias merge to say which" if candidates else ""
        entities.append(
            EntityCluster(
                name=name,
                type=type_,
                key=normalize(name),
                mentions=[(p.mention.id, p.name) for p in ordered],
                variants=[
                    (v, normalize(v), c, reasons[v]) for v, c in sorted(counts.items(), key=lambda vc: (-vc[1], vc[0]))
                ],
                note=note,
                anchor=anchor,
            )
        )
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    return entities


def _shown_names(prepared: list[_Prepared]) -> dict[str, str]:
    """Each key's commonest written name, to name it in an explanation."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for p in prepared:
        counts[p.key][p.name] += 1
    return {key: names.most_common(1)[0][0] for key, names in counts.items()}


def _reasons(
    members: list[_Prepared],
    canonical: str,
    assigned: dict[int, tuple[str, str]],
    joins: list[tuple[str, str, str]],
    shown: dict[str, str],
    aliases: dict[str, tuple[str, str]],
) -> dict[str, str]:
    """Why each variant of one entity belongs to it: variant -> the rule that joined it, naming the
    other name it joined ("" for the canonical name). Keys reached from the canonical name's key
    through the cluster's unions take the reason of the union that reached them; a variant with
    several reasons (a surname joined in one article by its full name, in another by the corpus's
    count) gives the commonest and says how many others there are."""
    canonical_key = next((p.key for p in members if p.name == canonical), members[0].key)
    neighbours: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for a, b, why in joins:
        text = why.format(a=shown.get(a, a), b=shown.get(b, b))
        neighbours[a].append((b, text))
        neighbours[b].append((a, text))
    reached = {canonical_key: ""}
    queue = deque([canonical_key])
    while queue:
        key = queue.popleft()
        for other, text in neighbours[key]:
            if other not in reached:
                reached[other] = text
                queue.append(other)

    by_variant: dict[str, Counter[str]] = defaultdict(Counter)
    for p in members:
        if p.mention.id in assigned:
            target, why = assigned[p.mention.id]
            reason = why.format(b=shown.get(target, target))
        elif p.key in aliases and normalize(p.name) != p.key:
            reason = f"a known short form of {aliases[p.key][0]}"
        elif p.name != shown[p.key]:
            reason = f"{shown[p.key]}, written differently"
        else:
            reason = reached.get(p.key, "")
        by_variant[p.name][reason] += 1
    reasons = {}
    for variant, counts in by_variant.items():
        (reason, _), *others = counts.most_common()
        plural = "s" if len(others) > 1 else ""
        reasons[variant] = f"{reason} (and {len(others)} other way{plural})" if others else reason
    reasons[canonical] = ""
    return reasons


def _canonical_name(members: list[_Prepared]) -> str:
    """The fullest common name: full names before one-word names, then frequency, then
    accented spellings, then first seen. A name that only adds a prefix to another full name
    ("White House National Security Council") gives way to it."""
    counts = Counter(p.name for p in members)
    first_seen: dict[str, tuple[str, int]] = {}
    for p in sorted(members, key=lambda p: (p.mention.doc_id, p.mention.start)):
        first_seen.setdefault(p.name, (p.mention.doc_id, p.mention.start))
    full = {n for n in counts if " " in n}
    prefixed = {n for n in full if any(n != m and n.endswith(" " + m) for m in full)}
    candidates = (full - prefixed) or full or set(counts)

    def rank(n: str) -> tuple[int, int, int, tuple[str, int]]:
        accents = sum(1 for c in unicodedata.normalize("NFD", n) if unicodedata.combining(c))
        return (-counts[n], -len(n.split()), -accents, first_seen[n])

    return min(candidates, key=rank)
