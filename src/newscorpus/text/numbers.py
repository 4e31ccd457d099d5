"""Amounts as news writes them: "approximately 2,000", "$15 million", "nearly eight million", "10-day".

Pure functions, no spaCy: a figure's text in, its value, unit and qualifier out; and the range
of values a qualified figure allows, so "approximately 2,000" and "over 2,400" can be seen to
disagree while "10 days" and "10-day" agree. Number words go through text2num.
"""

from __future__ import annotations

import math
import re
from itertools import takewhile
from typing import NamedTuple

from text_to_num import text2num

SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}
CURRENCIES = {
    "$": "USD",
    "us$": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "€": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "yen": "JPY",
}
TIME_UNITS = {
    "second": "seconds",
    "minute": "minutes",
    "hour": "hours",
    "day": "days",
    "week": "weeks",
    "month": "months",
    "year": "years",
    "decade": "decades",
    "century": "centuries",
}
_TIME_WORDS = TIME_UNITS | {plural: plural for plural in TIME_UNITS.values()}  # "day" and "days" -> "days"
PERCENT_UNITS = {
    "%": "percent",
    "percent": "percent",
    "per cent": "percent",
    "percentage point": "percentage points",
    "percentage points": "percentage points",
}

# qualifier word(s) -> how it bends the value; longest phrases first when matching
QUALIFIERS = {
    "approximately": "about",
    "about": "about",
    "around": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "just under": "nearly",
    "over": "over",
    "more than": "over",
    "above": "over",
    "upwards of": "over",
    "in excess of": "over",
    "just over": "over",
    "at least": "over",
    "no fewer than": "over",
    "up to": "under",
    "as many as": "under",
    "at most": "under",
    "no more than": "under",
    "under": "under",
    "fewer than": "under",
    "less than": "under",
    "below": "under",
}
APPROXIMATE = 0.10  # "about 2,000" allows 1,800 to 2,200; "nearly 2,000" allows 1,800 to 2,000

# "thousands of protesters" means at least two thousand: the least each plural allows is two of it
VAGUE = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1e6, "billions": 1e9}

_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+|[a-z]+|[$€£¥%]")
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
NUMBER_WORDS = frozenset(
    (  # noqa: SIM905 - a sentence of number words reads better than 37 quoted strings
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
        " sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
        " hundred thousand million billion trillion"
    ).split()
)


class Amount(NamedTuple):
    """A parsed figure: its value, unit ("" for a plain count) and qualifier phrase (or None)."""

    value: float
    unit: str
    qualifier: str | None


def qualifier_of(words: list[str]) -> str | None:
    """The qualifier phrase that ends `words` (lower-cased words before a number), if any."""
    for size in (3, 2, 1):
        phrase = " ".join(words[-size:])
        if len(words) >= size and phrase in QUALIFIERS:
            return phrase
    return None


def parse_amount(text: str) -> Amount | None:
    """Value, unit and qualifier of a figure's text; None when it holds no number.

    >>> parse_amount("approximately 2,000")
    Amount(value=2000.0, unit='', qualifier='approximately')
    >>> parse_amount("$15 million")
    Amount(value=15000000.0, unit='USD', qualifier=None)
    >>> parse_amount("10-day")
    Amount(value=10.0, unit='days', qualifier=None)
    """
    lowered = " ".join(text.lower().replace("per cent", "percent").split())
    lowered = re.sub(r"(\d)(bn|mn|tn|m|b|k)\b", r"\1 \2", lowered)  # "$1.2bn", "15m"
    words = _TOKEN.findall(lowered.replace("-", " "))
    first = next((i for i, w in enumerate(words) if _DIGITS.fullmatch(w) or w in NUMBER_WORDS or w in VAGUE), None)
    if first is None:
        return None
    qualifier = qualifier_of(words[:first])
    rest = words[first:]
    if _DIGITS.fullmatch(rest[0]):
        value = float(rest[0].replace(",", ""))
        if len(rest) > 1 and rest[1] in SCALES:
            value *= SCALES[rest[1]]
    elif rest[0] in VAGUE:
        value = _vague_value(rest)
        qualifier = qualifier or "at least"
    else:
        run = list(takewhile(lambda w: w in NUMBER_WORDS or w == "and", rest))
        while run and run[-1] == "and":
            run.pop()
        if run == ["one"] and not (len(rest) > 1 and _unit_of(rest[1:2])):
            return None  # "one source said": a pronoun as often as a count
        if first > 0 and words[first - 1] == "a" and run[0] in SCALES:
            run = ["one", *run]  # "a million"
        try:
            value = float(text2num(" ".join(run), "en"))
        except ValueError:
            return None
    return Amount(value=value, unit=_currency(lowered) or _unit_of(rest), qualifier=qualifier)


def _currency(lowered: str) -> str:
    for symbol, code in CURRENCIES.items():
        if re.search(rf"(?<![a-z]){re.escape(symbol)}(?![a-z])", lowered):
            return code
    return ""


def _unit_of(words: list[str]) -> str:
    """A time or percent unit among the words after the number."""
    joined = " ".join(words)
    for phrase, name in PERCENT_UNITS.items():
        if re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", joined):
            return name
    for word in words:
        if word in _TIME_WORDS:
            return _TIME_WORDS[word]
    return ""


def _vague_value(words: list[str]) -> float:
    """ "thousands" -> 2000, "tens of thousands" -> 20000: the least the phrase allows."""
    value = 2.0 * VAGUE[words[0]]
    if len(words) > 2 and words[1] == "of" and words[2] in VAGUE:
        value *= VAGUE[words[2]]
    return value


def value_range(value: float, qualifier: str | None) -> tuple[float, float]:
    """The values a qualified figure allows: "over 2,400" -> (2400, inf)."""
    kind = QUALIFIERS.get(qualifier or "")
    if kind == "about":
        return value * (1 - APPROXIMATE), value * (1 + APPROXIMATE)
    if kind == "nearly":
        return value * (1 - APPROXIMATE), value
    if kind == "over":
        return value, math.inf
    if kind == "under":
        return 0.0, value
    return value, value


def agree(a: tuple[float, str | None], b: tuple[float, str | None]) -> bool:
    """Whether two (value, qualifier) figures can both be true."""
    low_a, high_a = value_range(*a)
    low_b, high_b = value_range(*b)
    return low_a <= high_b and low_b <= high_a


def format_value(value: float) -> str:
    """A value as a reader would write it: 2000 -> "2,000", 7300000 -> "7,300,000", 2.5 -> "2.5"."""
    if math.isinf(value):
        return "∞"
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"
