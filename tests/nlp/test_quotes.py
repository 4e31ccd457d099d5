"""Quotes and their speakers from real spaCy parses: each attribution pattern the issue names."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newscorpus.models import QuoteRecord
from newscorpus.nlp import extract as nlp
from newscorpus.nlp.quotes import quote_spans


def quotes(text: str, english: Language) -> list[QuoteRecord]:
    return nlp.extract(text, english).quotes


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "kind"),
    [
        ('"Stay out of our affairs," Maduro said on Friday.', "Stay out of our affairs", "Maduro", "name"),
        ("“Stay out of our affairs,” Maduro said on Friday.", "Stay out of our affairs", "Maduro", "name"),
        (
            '"The talks have stalled," said Geoff Ramsey, a Venezuela expert at the Atlantic Council.',
            "The talks have stalled",
            "Geoff Ramsey",
            "name",
        ),
        (
            'The mayor spoke last. He warned, "There will be no forgiveness."',
            "There will be no forgiveness.",
            "He",
            "pronoun",
        ),
        (
            'Opposition figure Juan Barreto urged: "This is a moment to remain calm."',
            "This is a moment to remain calm.",
            "Juan Barreto",
            "name",
        ),
        (
            'A senior administration official said, "We have not made any offers of amnesty."',
            "We have not made any offers of amnesty.",
            "senior administration official",
            "description",
        ),
    ],
)
def test_speaker_patterns(text: str, quote: str, speaker: str, kind: str, english: Language) -> None:
    [found] = quotes(text, english)
    assert found.text == quote
    assert (found.speaker, found.speaker_kind) == (speaker, kind)
    assert text[found.start : found.end] == found.text
    assert text[found.speaker_start : found.speaker_end] == speaker


def test_a_quote_spanning_sentences_is_one_quote(english: Language) -> None:
    text = 'She said: "We won. We will defend the vote. Nobody will take it from us."'
    [found] = quotes(text, english)
    assert found.text == "We won. We will defend the vote. Nobody will take it from us."
    assert found.speaker == "She"


def test_short_unattributed_scare_quotes_are_not_quotes(english: Language) -> None:
    assert quotes('The plan was called a "face-saving" option by critics.', english) == []


def test_quote_spans_pair_marks_per_line() -> None:
    text = '"one two three," and “four five six”\n"unclosed to the end of the line\nplain'
    spans = [text[s:e] for s, e in quote_spans(text)]
    assert spans == ["one two three", "four five six", "unclosed to the end of the line"]
