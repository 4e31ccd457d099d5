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
from newscorpus.nlp.spans import subject_of, who
from newscorpus.text import lexicon
from newscorpus.text.normalize import squash

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MIN_WORDS = 3  # shorter quoted bits ("face-saving") are scare quotes, unless someone is said to speak them

# inner text of “…” and "…" on one line; an opening mark left unclosed runs to the line's end
_CURLY = re.compile(r"“([^“”\n]+)(?:”|$)", re.MULTILINE)
_STRAIGHT = re.compile(r'"([^"\n]+)(?:"|$)', re.MULTILINE)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quote marks, in order, trimmed of spaces."""
    spans = []
    for pattern in (_CURLY, _STRAIGHT):
        for match in pattern.finditer(text):
            start, end = match.span(1)
            while start < end and text[start].isspace():
                start += 1
            while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
                end -= 1
            if end > start:
                spans.append((start, end))
    return sorted(spans)


def quotes(doc: Doc, text: str, sent_of_token: list[int]) -> list[QuoteRecord]:
    """Every direct quotation in `doc` with its speaker; `text` is the stored text (same offsets)."""
    found = []
    for start, end in quote_spans(text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        speaker = _speaker(doc, span)
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
            )
        )
    return found


def speech_verb(doc: Doc, inside: Span) -> Token | None:
    """The speech verb outside `inside` in the sentences it touches, nearest to it."""
    first, last = doc[inside.start].sent, doc[inside.end - 1].sent
    candidates = [
        token
        for token in doc[first.start : last.end]
        if not (inside.start <= token.i < inside.end)
        and token.pos_ == "VERB"
        and token.lemma_.lower() in lexicon.speech_verbs()
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.i - inside.start), abs(t.i - (inside.end - 1))))


def _speaker(doc: Doc, quote: Span) -> tuple[SpeakerKind, int, int] | None:
    verb = speech_verb(doc, quote)
    if verb is None:
        return None
    subject = subject_of(verb, quote)
    if subject is None:
        return None
    return who(doc, subject)
