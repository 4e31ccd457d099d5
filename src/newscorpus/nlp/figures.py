"""Figures from a parsed spaCy Doc: the number, its qualifier and unit, and what it counts.

What a figure counts comes from the dependency parse. The number's noun is the thing counted
("7.3 million votes"); when that noun only says "people" ("individuals", "protesters"), the event
that governs it is what matters ("the arrest of approximately 2,000 individuals", "arresting over
2,400 dissidents": both count arrests). A duration counts what it measures ("blocking X for 10
days", "a 10-day ban").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newscorpus.models import FigureRecord
from newscorpus.nlp.spans import entity_at
from newscorpus.text import lexicon
from newscorpus.text.numbers import (
    AGE,
    MEASURES,
    NUMBER_WORDS,
    PERCENT_UNITS,
    QUALIFIERS,
    RECORD,
    TIME_UNITS,
    parse_amount,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

FIGURE_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
# "11 years", "10-day", "around 15 seconds": durations, not dates; and "45-1", a record the model tagged DATE
DURATION_LABELS = frozenset({"DATE", "TIME"})
MODIFIER_DEPS = frozenset({"nummod", "quantmod", "compound", "nmod", "amod", "appos"})
LONGEST_QUALIFIER = max(len(q.split()) for q in QUALIFIERS)


def figures(doc: Doc, text: str, sent_of_token: list[int]) -> list[FigureRecord]:
    """Every number entity (and duration) in `doc` as a figure; `text` is the stored text."""
    found: list[FigureRecord] = []
    taken = -1  # end of the last figure: "2, 000ft" is one figure, not "2" and "000ft"
    for ent in doc.ents:
        if ent.start_char < taken:
            continue
        if ent.label_ not in FIGURE_LABELS and not (
            ent.label_ in DURATION_LABELS and (_is_duration(ent) or _is_record(ent))
        ):
            continue
        glued_m = "metres" if ent.label_ == "QUANTITY" else "million"
        grown = _with_number_and_unit(doc, ent, text)
        span = _with_qualifier_and_unit(doc, grown, ent.label_)
        amount = parse_amount(span.text, glued_m=glued_m)
        if amount is not None and amount.high is None and grown.end > ent.end and _FROM_TO.search(grown.text):
            # "from 400 to 600", "won 3 to 1": not a range, two figures; keep the first on its own
            span = _with_qualifier_and_unit(doc, ent, ent.label_)
            amount = parse_amount(span.text, glued_m=glued_m)
        if amount is None:
            continue
        taken = span.end_char
        if amount.unit == AGE:
            counts = key = _age_of(span)
        elif amount.unit == RECORD:
            counts = key = _record_of(span)
        else:
            counts, key = what_it_counts(span)
        found.append(
            FigureRecord(
                start=span.start_char,
                end=span.end_char,
                text=text[span.start_char : span.end_char],
                value=amount.value,
                unit=amount.unit,
                qualifier=amount.qualifier,
                high=amount.high,
                counts=counts,
                key=key,
                sent=sent_of_token[span.start],
            )
        )
    return found


_FROM_TO = re.compile(r"\s(?:to|or)\s", re.IGNORECASE)
_UNIT_WORDS = "|".join(re.escape(w) for w in sorted(MEASURES, key=len, reverse=True))
# what may follow a number entity and still be part of its figure: the rest of a number set with
# stray spaces ("20, 000", "6. 1"), the top of a range, a scale ("59m", "1.13bn"), a unit ("200ft",
# "30-foot", ".38-caliber", "31-year-old")
_AFTER = re.compile(
    # "20, 000" (a group from 0: "killed 12, 150 injured" is two counts), "6. 1" (one or two digits:
    # not "14. 2019"), "45" + "-1"
    r"(?:(?:,\s0\d{2}(?!\d))+|\.\s\d{1,2}(?!\d)|(?:[-–]\d+){1,2}(?![\d.,]\d))?"
    rf"(?:\s(?:to|or)\s(?:\d[\d,.]*|{'|'.join(sorted(NUMBER_WORDS))})\b)?"  # "three or four", "20 to 30"
    r"(?:\s?(?:bn|mn|m|k|hundred|thousand|million|billion|trillion)\b)?"
    # an age before the units (else "years" alone wins), then a unit ("second-degree" is not one)
    rf"(?:-?\s?years?[\s-]olds?\b|[\s-]?(?:{_UNIT_WORDS})\b(?!-[a-z])|\s(?:euros?|dollars?|pounds|yen)\b)?",
    re.IGNORECASE,
)
# "$ 15", "£59", ". 38"; "e80 million" (a euro sign lost in conversion: the model tags only "million")
_BEFORE = re.compile(r"(?:(?:US)?[$€£¥]\s?|(?:^|(?<=[\s(]))\.\s?|(?<![A-Za-z])e\d[\d,.]*\s)$")


def _with_number_and_unit(doc: Doc, ent: Span, text: str) -> Span:
    """The entity grown over the parts of its figure the model left out: currency sign, stray-spaced digits, unit.

    `text` is the document's text (as long as `doc.text`, which spaCy rebuilds at every access).
    """
    start, end = ent.start_char, ent.end_char
    if before := _BEFORE.search(text[max(0, start - 12) : start]):
        start -= len(before.group())
    if ent[-1].like_num or ent[-1].text[-1:].isdigit() or ent.label_ in FIGURE_LABELS:
        end += len(_AFTER.match(text, end).group())  # type: ignore[union-attr]  # the pattern matches ""
    grown = doc.char_span(start, end, alignment_mode="expand")
    if grown is not None and ent.start > 0 and doc[ent.start - 1].lower_ == "from" and _FROM_TO.search(grown.text):
        return ent  # "fell from 400 to 600": a change, not a range
    return grown if grown is not None else ent


def _record_of(span: Span) -> str:
    """Whose win-loss record a figure gives ("record: klitschko"): the name it stands beside, else the
    subject of its verb ("Rahman ... dropped to 45-7-2"), else the name nearest before it."""
    if span.root.dep_ == "appos" and span.root.head.pos_ == "PROPN":  # "Hasim Rahman (45-7-2, 36 KOs)"
        return f"record: {span.root.head.lower_}"
    verb = span.root
    while verb.head.i != verb.i and (verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("conj", "xcomp")):
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    # "Champion, Wladimir Klitschko, 53-3, ...": a title's appositive names the person
    named = [t for t in ([subject, *subject.children] if subject is not None else []) if t.pos_ == "PROPN"]
    owner = next((t for t in named if t.ent_type_ == "PERSON"), None)
    if owner is None:  # (the small model often tags a boxer's or player's name GPE or ORG: any name will do)
        before = reversed(span.doc[span.sent.start : span.start])
        owner = next((t for t in before if t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")), None)
    return f"record: {owner.lower_}" if owner is not None else ""


def _age_of(span: Span) -> str:
    """Whose age a figure gives: "age: buckley" for "32-year-old Buckley" / "Buckley, 32-year-old"; "" if no one named.

    Ages of unnamed people ("a 31-year-old climber") are not compared: two outlets may mean two climbers.
    """
    head = span.root
    while head.dep_ in ("amod", "compound", "nummod", "npadvmod") and head.head.i != head.i:
        head = head.head
    candidates = [head, *(c for c in head.children if c.dep_ == "appos"), head.head if head.dep_ == "appos" else head]
    for token in candidates:
        if token.ent_type_ == "PERSON":
            name = entity_at(span.doc, token)
            surname = name[-1] if name is not None else token  # "Robert Buckley" -> "buckley"
            return f"age: {surname.lower_}"
    return ""


def _is_record(ent: Span) -> bool:
    """ "45-1", a win-loss record the model tagged DATE (a range "10-12" or a season "2010-11" is not one)."""
    amount = parse_amount(ent.text)
    return amount is not None and amount.unit == RECORD


def _is_duration(ent: Span) -> bool:
    """ "11 years", "10-day", "five months", "15 seconds": a number and a time unit, not a calendar date."""
    return any(t.like_num for t in ent) and any(t.lemma_.lower() in TIME_UNITS for t in ent)


def _with_qualifier_and_unit(doc: Doc, ent: Span, label: str) -> Span:
    """The entity grown to take in a qualifier before it ("over") and a percent unit after it."""
    start, end = ent.start, ent.end
    before = doc[max(0, start - LONGEST_QUALIFIER) : start]
    for size in range(len(before), 0, -1):
        words = before[len(before) - size :]
        # "over 2,400 protesters" qualifies the number; "over 11 years of rule" is a span of time.
        # Before a duration "over"/"under" is read as the preposition: the parser cannot tell the
        # two apart there, and news writes "more than 11 years" when it means more.
        phrase = " ".join(t.lower_ for t in words)
        preposition = words[-1].dep_ == "prep" or (label in DURATION_LABELS and phrase in ("over", "under"))
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
    if (
        root.lemma_.lower() in TIME_UNITS
        or root.lower_ in MEASURES
        or root.lower_ in ("point", "points", "percent", "%")
    ):
        return _measured(root)
    if root.dep_ in MODIFIER_DEPS and root.head.pos_ in ("NOUN", "PROPN") and root.head.i >= span.end:
        return _counted_noun(root.head)
    if root.dep_ == "pobj":
        prep = root.head
        if prep.lower_ in ("to", "at") and prep.head.lemma_.lower() in lexicon.change_verbs():
            subject = next((c for c in prep.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.pos_ == "NOUN":  # "apprehensions have fallen to 400,000"
                return _counted_noun(subject)
        if prep.lower_ == "of" and prep.head.pos_ == "NOUN":  # "the deaths of 21"
            return _counted_noun(prep.head)
        # "7.3 million votes to Maduro's 3.3 million": the same noun as the number before
        sibling = next((c for c in prep.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
        if sibling is not None and any(c.dep_ == "nummod" for c in sibling.children):
            return _counted_noun(sibling)
        return _event_phrase(prep.head)
    if root.pos_ == "NOUN" and _of_object(root) is None and root.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "pobj"):
        return _counted_noun(root)  # "has 46 KOs": the noun inside the figure is what it counts
    if root.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        of = _of_object(root)
        if of is not None:  # "jailing thousands of dissidents"
            return _counted_noun(of, event=root.head if root.head.pos_ == "VERB" else None)
        if not _is_event(root.head):
            return "", ""  # "had 46", "said 12": what is counted is not said
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
    """ "votes"; or, for people and other generic counts, the event they count: "arrest: dissidents and protesters"."""
    # coordinated nouns with their own determiner or numbers are counted apart ("and the deaths of 21")
    alike = [c for c in noun.conjuncts if not any(g.dep_ in ("det", "nummod", "prep") for g in c.children)]
    phrase = " and ".join(t.text for t in sorted([noun, *alike], key=lambda t: t.i))
    if _is_background(noun):
        return phrase, ""  # "four prior arrests": not the story's figure
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":  # "Bowe (43-1, 33 KOs)": the name's own count
        owner = noun.head.lower_
        return f"{phrase}: {noun.head.text}", f"{lexicon.event(noun.lemma_.lower())}: {owner}"
    if _is_generic(noun):
        event = event if event is not None and _is_event(event) else _governing_event(noun)
        if event is None:
            return phrase, ""  # "about 60 people inside": a count of people, but of what?
        return f"{event.lemma_.lower()}: {phrase}", lexicon.event(event.lemma_.lower())
    kind = _kind_of(noun)
    if any(ch.isdigit() for ch in kind + noun.text):  # a model: "seven AK-47s", "12 AK 47 guns", "7 AK-47 rifles"
        model = kind if any(ch.isdigit() for ch in kind) else noun.lemma_
        return f"{kind} {phrase}".strip(), re.sub(r"[\s-]+|s$", "", model.lower())
    return (f"{kind} {phrase}" if kind else phrase), " ".join(filter(None, (kind, lexicon.event(noun.lemma_.lower()))))


def _kind_of(noun: Token) -> str:
    """The words that make a counted noun a different set: "other" ("three other rifles" are not the
    AK-47s) and a model or name before it ("7 AK-47 rifles", "12 AK 47 guns", "two Boeing jets")."""
    words = []
    for c in noun.children:
        if c.i >= noun.i:
            continue
        other = c.dep_ == "amod" and c.lower_ in ("other", "additional", "further")
        alphanumeric = any(ch.isdigit() for ch in c.text) and any(ch.isalpha() for ch in c.text)  # "AK-47"
        named = (c.dep_ in ("compound", "nmod") and (c.pos_ == "PROPN" or any(ch.isdigit() for ch in c.text))) or (
            c.dep_ == "nummod" and alphanumeric
        )
        # a number right after a name is the model's ("AK 47"), not a count
        model_number = c.pos_ == "NUM" and c.i > 0 and c.doc[c.i - 1].pos_ == "PROPN" and c.doc[c.i - 1].head == noun
        if other or named or model_number:
            words.append(c.lower_)
    return " ".join(words)


def _is_generic(noun: Token) -> bool:
    """A count of people or of occasions, which says what it counts only through its verb."""
    lemma = noun.lemma_.lower()
    return lemma in lexicon.people_nouns() or lemma in lexicon.generic_nouns() or noun.ent_type_ in ("NORP", "PERSON")


def _is_event(token: Token) -> bool:
    """Whether a verb or noun can be what a figure counts: never a light, reporting or linking verb."""
    lemma = token.lemma_.lower()
    return lemma not in lexicon.non_event_verbs() and lemma not in lexicon.speech_verbs()


def _is_background(noun: Token) -> bool:
    """ "four prior arrests", "arrested three times since October", "previously charged twice"."""
    cues = lexicon.background_cues()
    if any(c.lower_ in cues for c in noun.children if c.dep_ in ("amod", "advmod")):
        return True
    verb = noun.head if noun.head.pos_ in ("VERB", "AUX") else None
    if verb is None:
        return False
    if any(c.lower_ in cues for c in verb.children if c.dep_ in ("advmod", "prep")):
        return True
    # counted over years, not at the event: "arrested three times since 2019" (not "300 since Monday")
    since = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "since"), None)
    return since is not None and any(t.like_num and len(t.text) == 4 for t in since.subtree)


def _of_object(token: Token) -> Token | None:
    """The noun after "of" that a token governs: "years [of rule]", "thousands [of protesters]"."""
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _governing_event(noun: Token) -> Token | None:
    """The verb or event noun a counted noun depends on: "arresting [2,400 dissidents]", "the arrest of [...]",
    "[100 people] rioted", "shot [11 times]"; None for a light or reporting verb ("said", "had")."""
    while noun.dep_ == "conj":
        noun = noun.head
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "nsubj", "npadvmod") and head.pos_ == "VERB" and _is_event(head):
        return head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return head.head
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
