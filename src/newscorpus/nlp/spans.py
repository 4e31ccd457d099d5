"""Span helpers the extractors share: a token's entity, a verb's subject, a subject as a speaker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscorpus.models import SpeakerKind
from newscorpus.text import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

DESCRIPTION_WORDS = 8  # longest speaker description kept
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


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
        return "pronoun", token.idx, token.idx + len(token)
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


def entity_at(doc: Doc, token: Token) -> Span | None:
    """The entity span holding `token`, if any."""
    if token.ent_iob_ == "O":
        return None
    return next((e for e in doc.ents if e.start <= token.i < e.end), None)


def _within(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end
