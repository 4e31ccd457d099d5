"""Span helpers the extractors share: a token's entity, a verb's subject, a subject as a speaker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscorpus.models import SpeakerKind
from newscorpus.text import lexicon
from newscorpus.text.normalize import fold, squash

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

DESCRIPTION_WORDS = 8  # longest speaker description kept
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# per-document caches in Doc.user_data (the entities do not change once the pipeline has run)
CACHE_PREFIX = "newscorpus."
_ENTITIES = CACHE_PREFIX + "entities"
_ENTITY_AT = CACHE_PREFIX + "entity_at"
PRONOUN_GENDERS = {"he": "m", "she": "f"}


def subject_of(verb: Token, outside: Span | None = None) -> Token | None:
    """The verb's subject; for a participle or conjunct ("stating", "and added") its head's subject."""
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass") and (outside is None or not _within(child, outside)):
                return child
        if current.dep_ in ("advcl", "conj", "xcomp", "ccomp", "pcomp") and current.head.i != current.i:
            current = current.head
        else:
            return None
    return None


def who(doc: Doc, token: Token) -> tuple[SpeakerKind, int, int] | None:
    """A subject token as a speaker: (kind, start, end) of its name, pronoun or description."""
    entity = entity_at(doc, token)
    if entity is not None and entity.label_ in NAME_LABELS:
        return "name", entity.start_char, entity.end_char
    if token.lower_ in lexicon.pronouns():
        person = antecedent(doc, token)
        if person is not None:
            return "name", person.start_char, person.end_char
        return "pronoun", token.idx, token.idx + len(token)  # "they", "we", or "he" with no one to stand for
    # "a Venezuela expert, Geoff Ramsey": a named appositive is the speaker
    for child in token.children:
        if child.dep_ == "appos":
            named = entity_at(doc, child)
            if named is not None and named.label_ == "PERSON":
                return "name", named.start_char, named.end_char
    if token.pos_ == "PROPN" and token.is_title:  # a name the model did not tag
        first = min((c.i for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"), default=token.i)
        return "name", doc[first].idx, token.idx + len(token)
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    if token.lemma_.lower() in lexicon.outlets()["noun"]:  # "the outlet said": the outlet named before
        outlet = _outlet_before(doc, token)
        if outlet is not None:
            return "name", outlet.start_char, outlet.end_char
    return _description(doc, token)


def described_as(doc: Doc, token: Token) -> str | None:
    """What the text says a named subject is: "Geoff Ramsey, a Venezuela expert" and "a Venezuela
    expert, Geoff Ramsey" both give "Venezuela expert"."""
    appos = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
    if appos is not None:
        found = _description(doc, appos)
    elif token.pos_ == "NOUN" and any(
        c.dep_ == "appos" and (named := entity_at(doc, c)) is not None and named.label_ == "PERSON"
        for c in token.children
    ):
        found = _description(doc, token)
    else:
        return None
    return squash(text_at(doc, found[1], found[2])) if found is not None else None


def _description(doc: Doc, token: Token) -> tuple[SpeakerKind, int, int] | None:
    """A common-noun subject as written, with what pins it down."""
    # "A senior official from Biden's administration", "a person familiar with the talks"
    words = list(doc[token.left_edge.i : token.i + 1])
    for child in token.rights:
        if child.dep_ in ("prep", "amod") and child.i == words[-1].i + 1:
            words.extend(doc[child.i : child.right_edge.i + 1])
    while words and words[0].dep_ in ("det", "punct", "cc"):
        words = words[1:]
    words = words[:DESCRIPTION_WORDS]
    if not words:
        return None
    return "description", words[0].idx, words[-1].idx + len(words[-1])


def antecedent(doc: Doc, pronoun: Token) -> Span | None:
    """The person "he" or "she" stands for: the last person named before it whose gender, told by a
    title ("Mr.", "Ms.") or a given name ("Hillary") here or in another mention of the same surname,
    does not disagree with the pronoun's. None for other pronouns, or when no one fits."""
    wanted = PRONOUN_GENDERS.get(pronoun.lower_)
    if wanted is None:
        return None
    people = [e for e in entities(doc) if e.label_ == "PERSON"]
    by_surname: dict[str, str] = {}
    for person in people:
        gender = _gender(doc, person)
        if gender is not None:
            by_surname.setdefault(person[-1].lower_, gender)
    for person in reversed([e for e in people if e.end <= pronoun.i]):
        if (_gender(doc, person) or by_surname.get(person[-1].lower_)) in (None, wanted):
            return person
    return None


def _gender(doc: Doc, person: Span) -> str | None:
    """ "m" or "f" from a title before or in the name, or from its given name; None when neither tells."""
    titles = [person[0]] + ([doc[person.start - 1]] if person.start > 0 else [])
    for title in titles:
        gender = lexicon.title_genders().get(title.lower_.rstrip("."))
        if gender is not None:
            return gender
    if len(person) < 2:  # a surname alone says nothing of its bearer
        return None
    return lexicon.given_names().get(fold(person[0].text))


def _outlet_before(doc: Doc, token: Token) -> Span | None:
    """The last organisation named before `token` whose name reads as an outlet's ("The Journal")."""
    names = lexicon.outlets()["name"]
    before = (e for e in reversed(entities(doc)) if e.end <= token.i and e.label_ in ("ORG", "WORK_OF_ART"))
    return next((e for e in before if any(t.lower_ in names for t in e)), None)


def text_at(doc: Doc, start: int, end: int) -> str:
    """The text between two character offsets on token edges (`doc.text` is rebuilt at every access)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.text if span is not None else ""


def forget_caches(doc: Doc) -> None:
    """Drop what the extractors cached on `doc` (spans of it: kept, they keep it alive)."""
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith(CACHE_PREFIX)]:
        del doc.user_data[key]


def entities(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, built once per document: spaCy builds the tuple anew at every access, and the
    extractors ask thousands of times per document."""
    found = doc.user_data.get(_ENTITIES)
    if found is None:
        found = doc.user_data[_ENTITIES] = tuple(doc.ents)
    return found


def entity_at(doc: Doc, token: Token) -> Span | None:
    """The entity span holding `token`, if any."""
    if token.ent_iob_ == "O":
        return None
    by_token = doc.user_data.get(_ENTITY_AT)
    if by_token is None:
        by_token = doc.user_data[_ENTITY_AT] = {i: e for e in entities(doc) for i in range(e.start, e.end)}
    return by_token.get(token.i)


def _within(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end
