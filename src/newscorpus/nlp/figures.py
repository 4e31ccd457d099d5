"""Figures from a parsed spaCy Doc: the number, its qualifier and unit, and what it counts.

What a figure counts comes from the dependency parse. The number's noun is the thing counted
("7.3 million votes"); when that noun only says "people" ("individuals", "protesters"), the event
that governs it is what matters ("the arrest of approximately 2,000 individuals", "arresting over
2,400 dissidents": both count arrests). A duration counts what it measures ("blocking X for 10
days", "a 10-day ban").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscorpus.models import FigureRecord
from newscorpus.text import lexicon
from newscorpus.text.numbers import PERCENT_UNITS, QUALIFIERS, TIME_UNITS, parse_amount

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

FIGURE_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
MODIFIER_DEPS = frozenset({"nummod", "quantmod", "compound", "nmod", "amod", "appos"})
LONGEST_QUALIFIER = max(len(q.split()) for q in QUALIFIERS)


def figures(doc: Doc, text: str, sent_of_token: list[int]) -> list[FigureRecord]:
    """Every number entity (and duration) in `doc` as a figure; `text` is the stored text."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in FIGURE_LABELS and not (ent.label_ == "DATE" and _is_duration(ent)):
            continue
        span = _with_qualifier_and_unit(doc, ent)
        amount = parse_amount(span.text)
        if amount is None:
            continue
        counts, key = what_it_counts(span)
        found.append(
            FigureRecord(
                start=span.start_char,
                end=span.end_char,
                text=text[span.start_char : span.end_char],
                value=amount.value,
                unit=amount.unit,
                qualifier=amount.qualifier,
                counts=counts,
                key=key,
                sent=sent_of_token[span.start],
            )
        )
    return found


def _is_duration(ent: Span) -> bool:
    """ "11 years", "10-day", "five months": a number and a time unit, not a calendar date."""
    return any(t.like_num for t in ent) and any(t.lemma_.lower() in TIME_UNITS for t in ent)


def _with_qualifier_and_unit(doc: Doc, ent: Span) -> Span:
    """The entity grown to take in a qualifier before it ("over") and a percent unit after it."""
    start, end = ent.start, ent.end
    before = doc[max(0, start - LONGEST_QUALIFIER) : start]
    for size in range(len(before), 0, -1):
        words = before[len(before) - size :]
        # "over 2,400 protesters" qualifies the number; "over 11 years of rule" is a span of time.
        # Before a duration "over"/"under" is read as the preposition: the parser cannot tell the
        # two apart there, and news writes "more than 11 years" when it means more.
        phrase = " ".join(t.lower_ for t in words)
        preposition = words[-1].dep_ == "prep" or (ent.label_ == "DATE" and phrase in ("over", "under"))
        if phrase in QUALIFIERS and not preposition:
            start -= size
            break
    for phrase in sorted(PERCENT_UNITS, key=len, reverse=True):
        unit_words = phrase.split()
        if [t.lower_ for t in doc[end : end + len(unit_words)]] == unit_words:
            end += len(unit_words)
            break
    return doc[start:end]


def what_it_counts(span: Span) -> tuple[str, str]:
    """(what the figure counts, for a reader; the grouping key: a canonical event or noun lemma)."""
    root = span.root
    if root.lemma_.lower() in TIME_UNITS or root.lower_ in ("point", "points", "percent", "%"):
        return _measured(root)
    if root.dep_ in MODIFIER_DEPS and root.head.pos_ in ("NOUN", "PROPN") and root.head.i >= span.end:
        return _counted_noun(root.head)
    if root.dep_ == "pobj":
        prep = root.head
        if prep.lower_ == "of" and prep.head.pos_ == "NOUN":  # "the deaths of 21"
            return _counted_noun(prep.head)
        # "7.3 million votes to Maduro's 3.3 million": the same noun as the number before
        sibling = next((c for c in prep.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
        if sibling is not None and any(c.dep_ == "nummod" for c in sibling.children):
            return _counted_noun(sibling)
        return _event_phrase(prep.head)
    if root.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        of = _of_object(root)
        if of is not None:  # "jailing thousands of dissidents"
            return _counted_noun(of, event=root.head if root.head.pos_ == "VERB" else None)
        return _event_phrase(root.head)  # "arrested 2,000", "2,000 were arrested"
    return "", ""


def _measured(unit: Token) -> tuple[str, str]:
    """What a duration or percentage measures: "11 years of rule", "a 10-day ban", "for 10 days"."""
    of = _of_object(unit)
    if of is not None:
        return _event_phrase(of)
    if unit.dep_ in MODIFIER_DEPS and unit.head.pos_ == "NOUN":  # "a 10-day ban"
        return _event_phrase(unit.head)
    if unit.dep_ == "pobj":  # "blocking X for 10 days", "won by 38 points"
        return _event_phrase(unit.head.head)
    if unit.head.pos_ in ("ADP", "SCONJ"):  # "five months before the inauguration"
        pobj = next((c for c in unit.head.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            return _event_phrase(pobj)
    return _event_phrase(unit.head)


def _counted_noun(noun: Token, event: Token | None = None) -> tuple[str, str]:
    """ "votes"; or, for people, the event they count: "arrest: dissidents and protesters"."""
    # coordinated nouns with their own determiner or numbers are counted apart ("and the deaths of 21")
    alike = [c for c in noun.conjuncts if not any(g.dep_ in ("det", "nummod", "prep") for g in c.children)]
    phrase = " and ".join(t.text for t in sorted([noun, *alike], key=lambda t: t.i))
    if _is_people(noun):
        event = event or _governing_event(noun)
        if event is not None:
            return f"{event.lemma_.lower()}: {phrase}", lexicon.event(event.lemma_.lower())
    return phrase, lexicon.event(noun.lemma_.lower())


def _of_object(token: Token) -> Token | None:
    """The noun after "of" that a token governs: "years [of rule]", "thousands [of protesters]"."""
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _is_people(noun: Token) -> bool:
    return noun.lemma_.lower() in lexicon.people_nouns() or noun.ent_type_ in ("NORP", "PERSON")


def _governing_event(noun: Token) -> Token | None:
    """The verb or event noun a counted noun depends on: "arresting [2,400 dissidents]", "the arrest of [...]"."""
    while noun.dep_ == "conj":
        noun = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        return noun.head.head
    return None


def _event_phrase(token: Token) -> tuple[str, str]:
    """A verb with its object ("block X") or a noun ("ban"), and its canonical event."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        obj = next((c for c in token.children if c.dep_ == "dobj"), None)
        return (f"{lemma} {obj.text}" if obj is not None else lemma), lexicon.event(lemma)
    if token.pos_ in ("NOUN", "PROPN"):
        return lemma, lexicon.event(lemma)
    return "", ""
