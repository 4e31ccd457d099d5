"""Word lists the resolution rules rely on, read from the package's data/ folder.

They hold general knowledge (name titles, organization head words, country short forms), never
names from a particular corpus; a user can read and extend them.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(filename: str) -> list[str]:
    text = resources.files("newscorpus").joinpath("data", filename).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def titles() -> tuple[str, ...]:
    """Titles and roles that can precede a name, longest first."""
    return tuple(sorted(_lines("titles.txt"), key=len, reverse=True))


@cache
def org_heads() -> frozenset[str]:
    """Last words that mark a name as an organization."""
    return frozenset(_lines("org_heads.txt"))


@cache
def org_suffixes() -> frozenset[str]:
    """Last words that make a name an organization even against a PERSON label."""
    return frozenset(_lines("org_suffixes.txt"))


@cache
def place_aliases() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(canonical name, type, other names) for well-known places and bodies."""
    rows = []
    for line in _lines("place_aliases.tsv"):
        canonical, type_, aliases = line.split("\t")
        rows.append((canonical, type_, tuple(aliases.split("|"))))
    return tuple(rows)


@cache
def type_cues() -> dict[str, str]:
    """Word just before a name -> the type it points to; person titles point to PERSON."""
    cues = {title: "PERSON" for title in titles() if " " not in title and title != "former"}
    for line in _lines("type_cues.tsv"):
        word, type_ = line.split("\t")
        cues[word] = type_
    return cues


@cache
def words(filename: str) -> frozenset[str]:
    """A one-word-per-line list from data/ (speech_verbs.txt, denial_verbs.txt, ...)."""
    return frozenset(_lines(filename))


@cache
def event_synonyms() -> dict[str, str]:
    """Lemma -> canonical event: "block" -> "ban", "detain" -> "arrest"."""
    canonical = {}
    for line in _lines("event_synonyms.tsv"):
        head, *others = line.split("\t")
        canonical.update(dict.fromkeys([head, *others], head))
    return canonical


def event(lemma: str) -> str:
    """The canonical event for a lemma (the lemma itself when it has no synonyms listed)."""
    return event_synonyms().get(lemma, lemma)
