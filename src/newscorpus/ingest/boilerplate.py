"""Separate an article's body from page furniture, line by line, before NER.

Pure and conservative. A line is removed only when it is one of the shapes listed in
data/boilerplate.tsv (share buttons, newsletter prompts, "See Also:" links, image credits, bylines,
each with a word limit so a paragraph is never caught), or when context makes it furniture:
- the head: a navigation bar before the title ("Weather     Live Markets");
- the tail: after the last paragraph, related-story lists (headline, teaser, "By NAME, OUTLET"),
  author bios, short unpunctuated links and promotional lines;
- a promotional line between two removed lines ("Escape your echo chamber...").
Removed lines are returned with their line number and reason, so nothing is lost.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from typing import NamedTuple

from newscorpus.models import RemovedLine
from newscorpus.text import lexicon
from newscorpus.text.normalize import squash

# Words that make a line in the tail a promotion, not news; between two furniture lines,
# addressing the reader ("you", "your") is enough.
PROMO_CUE = re.compile(
    r"\b(newsletters?|inbox|subscribe|subscription|podcast|follow us|sign up|(free|daily|weekly) (e-?mail|briefing))\b",
    re.I,
)
READER_CUE = re.compile(r"\b(you|your)\b", re.I)
# "Peter has worked as a news and culture writer...": an author bio, recognized in the tail only.
BIO = re.compile(
    r"^[A-Z][\w'’.-]+( [A-Z][\w'’.-]+){0,2} (is|has been|has worked|has covered|joined|covers|writes|reports)\b"
    r"(\W+\w+){0,10}?\W+"
    r"(writer|editor|reporter|journalist|correspondent|columnist|contributor|producer|author|anchor)s?\b"
)
# A navigation bar: short items separated by wide gaps ("Weather     Live Markets"), or three or
# more separated by bars or dots ("News | Sport | Weather"); "Headline | Outlet" is a title.
WIDE_GAP = re.compile(r"[ \t\u00a0]{3,}|\t")
BARS = re.compile(r" [|·•] ")
MENU_ITEM_WORDS = 3
SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
MAX_PROMO_WORDS = 30
MAX_LINK_WORDS = 15  # a link under a "Read more:" label: a headline, not a paragraph
MAX_TEASER_WORDS = 40
MAX_BIO_WORDS = 90


class Cleaned(NamedTuple):
    """The body to analyse and the lines taken out of it."""

    body: str
    removed: list[RemovedLine]


@cache
def rules() -> tuple[tuple[str, int, re.Pattern[str]], ...]:
    """(reason, most words, pattern) for every furniture shape in data/boilerplate.tsv."""
    return tuple(
        (reason, most_words, re.compile(pattern, re.IGNORECASE))
        for reason, most_words, pattern in lexicon.boilerplate_rules()
    )


def _headline(line: str) -> bool:
    """No full stop at the end (a question mark may end a headline)."""
    return not SENTENCE_END.search(line) or line.endswith("?")


def furniture(line: str) -> str:
    """The reason a line is page furniture by its shape alone, or "" when it may be news."""
    flat = squash(line)
    words = len(flat.split())
    for reason, most_words, pattern in rules():
        if words <= most_words and pattern.search(flat):
            return reason
    return ""


def strip(text: str) -> Cleaned:
    """Split `text` into the article body and the furniture lines removed from it."""
    lines = text.split("\n")
    reasons = [furniture(line) if line.strip() else "" for line in lines]
    filled = [i for i, line in enumerate(lines) if line.strip()]

    for i in filled:  # the head: navigation before the title
        if menu(lines[i]):
            reasons[i] = reasons[i] or "navigation"
        elif not reasons[i]:
            break

    _strip_tail(lines, reasons, filled)

    for label, i in itertools.pairwise(filled):  # the links listed under "Read more:"
        line = squash(lines[i])
        if reasons[label] == "related" and not reasons[i] and len(line.split()) <= MAX_LINK_WORDS and _headline(line):
            reasons[i] = "related"

    for before, i, after in zip(filled, filled[1:], filled[2:], strict=False):
        if (
            not reasons[i]
            and reasons[before]
            and reasons[after]
            and len(lines[i].split()) <= MAX_PROMO_WORDS
            and (PROMO_CUE.search(lines[i]) or READER_CUE.search(lines[i]))
        ):
            reasons[i] = "promotion"

    seen: set[str] = set()
    for i in filled:  # a paragraph printed twice (a pull quote, a repeated promo) is read once
        flat = squash(lines[i])
        if not reasons[i] and len(flat.split()) >= 6:
            if flat in seen:
                reasons[i] = "repeated line"
            seen.add(flat)

    removed = [RemovedLine(line=i + 1, text=lines[i], reason=reasons[i]) for i in filled if reasons[i]]
    body = "\n".join(line for line, reason in zip(lines, reasons, strict=True) if not reason)
    return Cleaned(body=body.strip("\n"), removed=removed)


def _strip_tail(lines: list[str], reasons: list[str], filled: list[int]) -> None:
    """Mark the furniture after the last paragraph, walking up from the end."""
    bylines = {i for i in filled if reasons[i] == "byline"}
    for k in range(len(filled) - 1, -1, -1):
        i = filled[k]
        if reasons[i]:
            continue
        line = squash(lines[i])
        words = len(line.split())
        near_byline = any(j in bylines for j in filled[k + 1 : k + 3])
        if near_byline and words <= MAX_TEASER_WORDS and _headline(line):
            reasons[i] = "related story"
        elif menu(lines[i]):  # the raw line: flattening would close its gaps
            reasons[i] = "navigation"
        elif words <= MAX_BIO_WORDS and BIO.match(line):
            reasons[i] = "author bio"
        elif words <= MAX_PROMO_WORDS and PROMO_CUE.search(line) and not _quoted(line):
            reasons[i] = "promotion"
        else:
            return


def menu(line: str) -> bool:
    """Whether a line is a navigation bar: short items, no sentence, separated by gaps or bars."""
    line = line.strip()
    if not line or SENTENCE_END.search(line):
        return False
    for separator, fewest in ((WIDE_GAP, 2), (BARS, 3)):
        items = [item for item in separator.split(line) if item.strip()]
        if len(items) >= fewest and all(len(item.split()) <= MENU_ITEM_WORDS for item in items):
            return True
    return False


def _quoted(line: str) -> bool:
    return any(mark in line for mark in '"“”')


OUTLET = re.compile(
    r"^(?:subscribe to\s+|©\s*(?:\d{4}\s+)?|copyright\s+(?:©\s*)?(?:\d{4}\s+)?)"
    r"(?P<name>(?-i:(?:The )?[A-Z][\w&'’-]*(?:\.[A-Za-z]+)*(?: [A-Z][\w&'’-]*){0,3}))\.?$",
    re.IGNORECASE,
)


def outlet(removed: list[RemovedLine]) -> str:
    """The outlet a page's furniture names ("Subscribe to The Week", "© 2024 Example News"), or ""."""
    for line in removed:
        found = OUTLET.match(squash(line.text))
        if found:
            return found["name"]
    return ""
