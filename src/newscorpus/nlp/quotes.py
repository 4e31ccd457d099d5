"""Direct quotations and their speakers, from a parsed spaCy Doc.

A quote is text between quote marks (straight or curly; it may span sentences). Its speaker is
the subject of the speech verb next to it ("Maduro said", "said Geoff Ramsey", "He warned,",
"urged:"): a name, a pronoun (resolved later against the stored mentions), or, when no one is
named, the description ("a senior administration official").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newscorpus.models import QuoteRecord, SpeakerKind
from newscorpus.nlp.spans import described_as, entities, subject_of, who
from newscorpus.text import lexicon
from newscorpus.text.normalize import squash

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MIN_WORDS = 3  # shorter quoted bits ("face-saving") are scare quotes, unless someone is said to speak them
CUE_REACH = 3  # tokens between a closing mark and the verb after it ('," agrees X')
CUE_REACH_BEFORE = 4  # tokens between a verb and the opening mark after it ('shot back, "', 'told reporters: "')
LABEL_WORDS = 8  # longest label before a colon ("From Bush's Facebook post:")
CREDIT_MARKS = frozenset({"\u2015", "\u2014", "\u2013", "-", "--", "("})  # '"…" ― Name', '"…" (Name)'
CONTINUATION_GAP = 400  # characters between two quotes of one speaker in one paragraph
# verbs beside a quote that are not how anyone speaks it ('"…" is the question')
NOT_SPEECH = frozenset({"be", "have", "do", "get", "go", "make", "take", "come", "give", "seem", "become"})

# inner text of “…”, "…", ''…'' (the New York Times) and «…» on one line; an opening mark left
# unclosed runs to the line's end (a quotation that goes on in the next paragraph)
_PATTERNS = (
    re.compile(r"“([^“”\n]+)(?:”|$)", re.MULTILINE),
    re.compile(r'"([^"”\n]+)(?:["”]|$)', re.MULTILINE),  # closed by a curly mark too, a common slip
    re.compile(r"''(.+?)(?:''|$)", re.MULTILINE),
    re.compile(r"«([^«»\n]+)(?:»|$)", re.MULTILINE),
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*")

Speaker = tuple[SpeakerKind, int, int]


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quote marks, in order, trimmed of spaces."""
    spans = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span(1)
            while start < end and text[start].isspace():
                start += 1
            while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
                end -= 1
            if end > start:
                spans.append((start, end))
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans):  # marks of two kinds read as two quotes: keep the first
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def quotes(doc: Doc, text: str, sent_of_token: list[int]) -> list[QuoteRecord]:
    """Every direct quotation in `doc` with its speaker; `text` is the stored text (same offsets).

    A quote with no cue of its own that goes on from the one before it ('"A," she said. "B."', or
    a paragraph opening with a quote after a paragraph of hers) takes that quote's speaker.
    """
    found: list[QuoteRecord] = []
    for start, end in quote_spans(text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        speaker, description = _speaker(doc, span)
        if speaker is None and found and _continues(doc, text, found[-1], start):
            speaker, description = _speaker_of(found[-1]), found[-1].speaker_description
        if speaker is None and len(text[start:end].split()) < MIN_WORDS:
            continue
        kind, s_start, s_end = speaker if speaker else (None, None, None)
        found.append(
            QuoteRecord(
                start=start,
                end=end,
                text=text[start:end],
                sent=sent_of_token[span.start],
                speaker=squash(text[s_start:s_end]) if s_start is not None else None,
                speaker_kind=kind,
                speaker_start=s_start,
                speaker_end=s_end,
                speaker_description=description,
            )
        )
    return found


def _speaker_of(quote: QuoteRecord) -> Speaker | None:
    if quote.speaker_kind is None or quote.speaker_start is None or quote.speaker_end is None:
        return None
    return quote.speaker_kind, quote.speaker_start, quote.speaker_end


def _continues(doc: Doc, text: str, previous: QuoteRecord, start: int) -> bool:
    """Whether a quote starting at `start` goes on from `previous`: in the same paragraph with no
    other person named between them, or opening the paragraph right after it."""
    speaker = _speaker_of(previous)
    if speaker is None:
        return False
    _, speaker_start, speaker_end = speaker
    gap = text[previous.end : start]
    parts = _PARAGRAPH_BREAK.split(gap)
    if len(parts) == 2:  # the next paragraph: the quote must open it
        return not parts[1].strip(" \"“'«")
    if len(parts) > 2 or len(gap) > CONTINUATION_GAP:
        return False
    # someone else named between them may have said it: a person, or a proper-noun subject
    others = [e.start_char for e in entities(doc) if e.label_ == "PERSON" and previous.end <= e.start_char < start]
    others += [
        t.idx
        for t in doc.char_span(previous.end, start, alignment_mode="expand") or []
        if t.dep_ == "nsubj" and t.pos_ == "PROPN"
    ]
    return all(speaker_start <= at < speaker_end for at in others)


def speech_verb(doc: Doc, inside: Span) -> Token | None:
    """The verb that tells who speaks the quote `inside`: a speech verb in the sentences it touches
    (or in the one right after it: '"Why now?" he asked.'), or any verb right beside its marks
    ('," agrees Stevens', 'Hannity interjected: "'); the nearest one."""
    first, last = doc[inside.start].sent, doc[inside.end - 1].sent
    stop = last.end
    if stop < len(doc) and stop - inside.end <= 2:  # the quote ends its sentence: its cue may follow it
        stop = min(doc[stop].sent.end, inside.end + CUE_REACH + 1)
        stop = next((t.i for t in doc[inside.end : stop] if "\n" in t.text), stop)  # in the same paragraph
    candidates = [
        token
        for token in doc[first.start : stop]
        if not (inside.start <= token.i < inside.end) and token.pos_ == "VERB" and _cues(token, inside)
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.i - inside.start), abs(t.i - (inside.end - 1))))


def _cues(verb: Token, inside: Span) -> bool:
    """Whether `verb` can tell who speaks the quote: a speech verb anywhere in its sentences, or any
    verb that could be speech set off from it by punctuation ('"…," agrees X'). A quoted phrase of a
    word or two takes only a speech verb set off from it ('"Why now?" he asked'), never the verb of
    the sentence it sits in ('as "evidence emerges" he said nothing')."""
    speech = verb.lemma_.lower() in lexicon.speech_verbs()
    if len(inside) < MIN_WORDS:
        return speech and _set_off(verb, inside)
    return speech or (verb.lemma_.lower() not in NOT_SPEECH and _set_off(verb, inside))


def _set_off(verb: Token, inside: Span) -> bool:
    """A verb right after the quote's closing punctuation ('"…," agrees X', '"…?" he pressed') or
    right before a comma or colon that opens it ('Hannity interjected: "…"')."""
    doc = inside.doc
    if inside.end <= verb.i <= inside.end + CUE_REACH:
        between = doc[inside.end : verb.i]
        return inside[-1].text in ("?", "!") or any(t.text in (",", ":", "\u2014") for t in between)
    if inside.start - CUE_REACH_BEFORE <= verb.i < inside.start:
        return any(t.text in (",", ":") for t in doc[verb.i + 1 : inside.start])
    return False


def _speaker(doc: Doc, quote: Span) -> tuple[Speaker | None, str | None]:
    """Who speaks the quote, and what the text says they are when it names them."""
    colon = _colon_before(doc, quote)
    # 'McConnell delivered a blunt message to Trump: "…"': the clause before the colon speaks it
    verb = doc[colon].head if colon is not None and doc[colon].head.pos_ == "VERB" else speech_verb(doc, quote)
    if verb is not None:
        subject = subject_of(verb, quote)
        if subject is not None:
            speaker = who(doc, subject)
            described = described_as(doc, subject) if speaker is not None and speaker[0] == "name" else None
            return speaker, described
    return _label(doc, quote) or _credit(doc, quote), None


def _credit(doc: Doc, quote: Span) -> Speaker | None:
    """'"…" ― Sonya Herridge', '"…" (Jane Doe)': a name credited right after the closing mark."""
    after = [t for t in doc[quote.end : quote.end + CUE_REACH + 2] if not (t.is_quote or t.is_space)]
    if len(after) < 2 or after[0].text not in CREDIT_MARKS:
        return None
    return _name_at(doc, after[1].i, forward=True)


def _name_at(doc: Doc, i: int, *, forward: bool) -> Speaker | None:
    """A person's or organisation's name starting (`forward`) or ending at token `i`: a tagged one,
    or a run of capitalised proper nouns the model left untagged ("Ana Ruiz")."""
    if i < 0 or i >= len(doc):
        return None
    edge = (lambda e: e.start == i) if forward else (lambda e: e.end == i + 1)
    named = next((e for e in entities(doc) if edge(e) and e.label_ in ("PERSON", "ORG")), None)
    if named is not None:
        return "name", named.start_char, named.end_char
    if doc[i].ent_type_ or not (doc[i].pos_ == "PROPN" and doc[i].is_title):
        return None
    run = [i]
    step = 1 if forward else -1
    while 0 <= run[-1] + step < len(doc) and doc[run[-1] + step].pos_ == "PROPN" and doc[run[-1] + step].is_title:
        run.append(run[-1] + step)
    first, last = doc[min(run)], doc[max(run)]
    return "name", first.idx, last.idx + len(last)


def _colon_before(doc: Doc, quote: Span) -> int | None:
    """The index of a colon right before the quote's opening mark, if there is one."""
    colon = quote.start - 1
    while colon >= 0 and (doc[colon].is_quote or doc[colon].is_space):
        colon -= 1
    return colon if colon >= 0 and doc[colon].text == ":" else None


def _label(doc: Doc, quote: Span) -> Speaker | None:
    """ "Bernstein, on his blog: '…'", "From Bush's Facebook post: '…'": a short label naming someone,
    from the start of its line or sentence to a colon before the quote."""
    colon = _colon_before(doc, quote)
    if colon is None:
        return None
    named = _name_at(doc, colon - 1, forward=False)
    if named is not None:  # "… - Jeffrey M. Jones: '…'"
        return named
    start = colon
    while start > 0 and not doc[start - 1].is_sent_end and "\n" not in doc[start - 1].text:
        start -= 1
    if colon - start > LABEL_WORDS:
        return None
    names = [e for e in entities(doc) if start <= e.start and e.end <= colon and e.label_ in ("PERSON", "ORG")]
    person = [e for e in names if e.label_ == "PERSON"] or names
    return ("name", person[-1].start_char, person[-1].end_char) if person else None
