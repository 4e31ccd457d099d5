"""Word lists the rules rely on, read from the package's data/ folder: one file and one named accessor each.

They hold general knowledge of English and of news (name titles, organization head words, country
short forms, speech verbs), never words fitted to a particular corpus or story: the same rules run on
stories nobody has read. A user can read and extend them; `#` lines are comments. Each accessor reads
its file once.
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
def event_synonyms() -> dict[str, str]:
    """Lemma -> canonical event: "detain" -> "arrest", "suspension" -> "ban"."""
    canonical = {}
    for line in _lines("event_synonyms.tsv"):
        head, *others = line.split("\t")
        canonical.update(dict.fromkeys([head, *others], head))
    return canonical


def _words_by_kind(filename: str) -> dict[str, frozenset[str]]:
    """A word<TAB>kind file as kind -> words."""
    kinds: dict[str, set[str]] = {}
    for line in _lines(filename):
        word, kind = line.split("\t")
        kinds.setdefault(kind, set()).add(word)
    return {kind: frozenset(words) for kind, words in kinds.items()}


@cache
def denial_cues() -> dict[str, frozenset[str]]:
    """Kind -> words: "falsity" ("false"), "truth" ("true"), "doubt" ("believe"), "absence" ("evidence"), "request"."""
    return _words_by_kind("denial_cues.tsv")


@cache
def outlets() -> dict[str, frozenset[str]]:
    """Kind -> words: "noun" ("the outlet said") and "name" (a word of an outlet's name: "Journal")."""
    return _words_by_kind("outlets.tsv")


@cache
def name_starting_titles() -> frozenset[str]:
    """Titles that also begin names of organisations and places ("General Motors", "St. Louis")."""
    return frozenset(_lines("name_starting_titles.txt"))


@cache
def title_genders() -> dict[str, str]:
    """Title (lower case, no final period) -> "m" or "f": "Mr." is a man, "Ms." a woman."""
    return dict(line.split("\t") for line in _lines("title_genders.tsv"))


@cache
def given_names() -> dict[str, str]:
    """Given name (lower case, no accents) -> "m" or "f", the gender it is most often given to."""
    return dict(line.split("\t") for line in _lines("given_names.tsv"))


def event(lemma: str) -> str:
    """The canonical event for a lemma (the lemma itself when it has no synonyms listed)."""
    return event_synonyms().get(lemma, lemma)


# --- one word (or lemma) per line --------------------------------------------------------


@cache
def speech_verbs() -> frozenset[str]:
    """Verb lemmas that introduce what someone said ("said", "warned", "urged"): find a quote's speaker."""
    return frozenset(_lines("speech_verbs.txt"))


@cache
def denial_verbs() -> frozenset[str]:
    """Verb lemmas by which a source denies a claim ("denied a report that ...", "rejected rumors of ...")."""
    return frozenset(_lines("denial_verbs.txt"))


@cache
def inverted_report_verbs() -> frozenset[str]:
    """Verb lemmas that name their source after them ("..., reported The Wall Street Journal")."""
    return frozenset(_lines("inverted_report_verbs.txt"))


@cache
def light_verbs() -> frozenset[str]:
    """Verb lemmas whose meaning is in their object noun ("made an offer of amnesty" is "offer amnesty")."""
    return frozenset(_lines("light_verbs.txt"))


@cache
def report_nouns() -> frozenset[str]:
    """Noun lemmas that carry a claim made by someone else ("a report ... claiming that", "rumors of")."""
    return frozenset(_lines("report_nouns.txt"))


@cache
def vague_sources() -> frozenset[str]:
    """Head nouns of a source no reader could check ("people familiar with the matter", "sources")."""
    return frozenset(_lines("vague_sources.txt"))


@cache
def hedges() -> frozenset[str]:
    """Adverbs that attribute a claim without naming anyone ("has reportedly offered")."""
    return frozenset(_lines("hedges.txt"))


@cache
def people_nouns() -> frozenset[str]:
    """Noun lemmas that count people: a figure of them counts its event ("arresting 2,400 protesters": arrests)."""
    return frozenset(_lines("people_nouns.txt"))


@cache
def generic_nouns() -> frozenset[str]:
    """Count nouns that take what they count from their verb, as people nouns do ("shot 11 times")."""
    return frozenset(_lines("generic_nouns.txt"))


@cache
def non_event_verbs() -> frozenset[str]:
    """Verb lemmas that are never what a figure counts ("had", "left", "brought", "included")."""
    return frozenset(_lines("non_event_verbs.txt"))


@cache
def change_verbs() -> frozenset[str]:
    """Verb lemmas by which a count changes or stands ("rose to 50"): the figure counts their subject."""
    return frozenset(_lines("change_verbs.txt"))


@cache
def background_cues() -> frozenset[str]:
    """Words that set a figure before the story's events ("four prior arrests", "previously", "ago")."""
    return frozenset(_lines("background_cues.txt"))


@cache
def pronouns() -> frozenset[str]:
    """Personal pronouns that can stand for a speaker or a source ("he said"), resolved later against names."""
    return frozenset(_lines("pronouns.txt"))


@cache
def generational_suffixes() -> frozenset[str]:
    """Last words that make a different person of the same name ("Jr", "III"): "Donald Trump Jr." is not his father."""
    return frozenset(_lines("generational_suffixes.txt"))


@cache
def acronym_stopwords() -> frozenset[str]:
    """Words an acronym leaves out ("of", "the", "de"): "Organization of American States" -> "OAS"."""
    return frozenset(_lines("acronym_stopwords.txt"))


@cache
def query_stopwords() -> frozenset[str]:
    """Words that on their own never name anything a user could look up ("the", "of")."""
    return frozenset(_lines("query_stopwords.txt"))


@cache
def story_stopwords() -> frozenset[str]:
    """Words that say nothing about which story an article tells ("the", "said", "Monday")."""
    return frozenset(_lines("story_stopwords.txt"))


# --- tables ------------------------------------------------------------------------------


@cache
def boilerplate_rules() -> tuple[tuple[str, int, str], ...]:
    """(reason, most words, regex) for each shape of page furniture a line can be (share buttons, bylines, ...)."""
    rows = []
    for line in _lines("boilerplate.tsv"):
        reason, most_words, pattern = line.split("\t")
        rows.append((reason, int(most_words), pattern))
    return tuple(rows)
