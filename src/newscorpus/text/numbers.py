"""Amounts as news writes them: "approximately 2,000", "$15 million", "nearly eight million", "10-day".

Pure functions, no spaCy: a figure's text in, its value, unit and qualifier out; and the range
of values a qualified figure allows, so "approximately 2,000" and "over 2,400" can be seen to
disagree while "10 days" and "10-day" agree. Number words go through text2num.

Two figures agree when some value both allow is the same quantity: hedges widen a value into a
range ("about" +-10 %, "nearly"/"up to" an upper bound, "more than"/"at least" a lower bound), a
bare round figure covers the precise one it rounds ($1.4 billion covers $1.375 billion), and values
in different units of one measure (feet and metres, minutes and seconds) are compared converted,
with a small tolerance for the rounding of the conversion.
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
# unit words -> (unit name, measure, factor to the measure's base unit); a value with no unit is a count
MEASURES: dict[str, tuple[str, str, float]] = {
    "m": ("metres", "length", 1.0),
    "metre": ("metres", "length", 1.0),
    "metres": ("metres", "length", 1.0),
    "meter": ("metres", "length", 1.0),
    "meters": ("metres", "length", 1.0),
    "km": ("kilometres", "length", 1000.0),
    "kilometre": ("kilometres", "length", 1000.0),
    "kilometres": ("kilometres", "length", 1000.0),
    "kilometer": ("kilometres", "length", 1000.0),
    "kilometers": ("kilometres", "length", 1000.0),
    "cm": ("centimetres", "length", 0.01),
    "centimetres": ("centimetres", "length", 0.01),
    "centimeters": ("centimetres", "length", 0.01),
    "mm": ("millimetres", "length", 0.001),
    "millimetres": ("millimetres", "length", 0.001),
    "millimeters": ("millimetres", "length", 0.001),
    "ft": ("feet", "length", 0.3048),
    "foot": ("feet", "length", 0.3048),
    "feet": ("feet", "length", 0.3048),
    "yard": ("yards", "length", 0.9144),
    "yards": ("yards", "length", 0.9144),
    "inch": ("inches", "length", 0.0254),
    "inches": ("inches", "length", 0.0254),
    "mile": ("miles", "length", 1609.344),
    "miles": ("miles", "length", 1609.344),
    "nautical mile": ("nautical miles", "length", 1852.0),
    "nautical miles": ("nautical miles", "length", 1852.0),
    "kg": ("kilograms", "weight", 1.0),
    "kilogram": ("kilograms", "weight", 1.0),
    "kilograms": ("kilograms", "weight", 1.0),
    "kilo": ("kilograms", "weight", 1.0),
    "kilos": ("kilograms", "weight", 1.0),
    "g": ("grams", "weight", 0.001),
    "grams": ("grams", "weight", 0.001),
    "tonne": ("tonnes", "weight", 1000.0),
    "tonnes": ("tonnes", "weight", 1000.0),
    "ton": ("tons", "weight", 907.18474),
    "tons": ("tons", "weight", 907.18474),
    "lb": ("pounds (weight)", "weight", 0.45359237),
    "lbs": ("pounds (weight)", "weight", 0.45359237),
    "second": ("seconds", "time", 1.0),
    "seconds": ("seconds", "time", 1.0),
    "minute": ("minutes", "time", 60.0),
    "minutes": ("minutes", "time", 60.0),
    "hour": ("hours", "time", 3600.0),
    "hours": ("hours", "time", 3600.0),
    "day": ("days", "time", 86_400.0),
    "days": ("days", "time", 86_400.0),
    "week": ("weeks", "time", 604_800.0),
    "weeks": ("weeks", "time", 604_800.0),
    "month": ("months", "time", 2_629_800.0),  # a twelfth of a Julian year
    "months": ("months", "time", 2_629_800.0),
    "year": ("years", "time", 31_557_600.0),
    "years": ("years", "time", 31_557_600.0),
    "decade": ("decades", "time", 315_576_000.0),
    "decades": ("decades", "time", 315_576_000.0),
    "century": ("centuries", "time", 3_155_760_000.0),
    "centuries": ("centuries", "time", 3_155_760_000.0),
    "mph": ("miles per hour", "speed", 0.44704),
    "km/h": ("kilometres per hour", "speed", 1 / 3.6),
    "kph": ("kilometres per hour", "speed", 1 / 3.6),
    "caliber": ("calibre", "calibre", 1.0),
    "calibre": ("calibre", "calibre", 1.0),
    "magnitude": ("magnitude", "magnitude", 1.0),
}
# the time words ("day", "days", ...): a number with one is a duration, not a date
TIME_UNITS = frozenset(word for word, (_, measure, _) in MEASURES.items() if measure == "time")
# units named apart from MEASURES: an age ("31-year-old"), a win-loss record ("52-3"), a score
AGE = "years old"
RECORD = "record"
# the other unit names and their measures; a currency is its own measure (rates change, and differ)
_UNIT_MEASURE = {
    **{name: (measure, factor) for name, measure, factor in MEASURES.values()},
    AGE: ("age", 1.0),
    RECORD: ("record", 1.0),
    "percent": ("percent", 1.0),
    "percentage points": ("percentage points", 1.0),
}

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
APPROXIMATE = 0.10  # "about 2,000" allows 1,800 to 2,200
ROUNDING = 0.05  # a bare round figure covers a precise one this close: 1.4 billion covers 1.375 billion
ROUND_STEP = 100  # ... when it is rounded to hundreds or more: "300" may be 310, "20" is not 19
CONVERSION = 0.02  # values compared in another unit: "200ft" is "60 metres" (60.96)

# "thousands of protesters" means at least two thousand: the least each plural allows is two of it
VAGUE = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1e6, "billions": 1e9}
DOZEN = 12  # "four dozen" -> 48, "a dozen" -> 12

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
    """A parsed figure: its value, unit ("" for a plain count), qualifier phrase (or None), and the
    top of a range ("20 to 30") when it is one."""

    value: float
    unit: str
    qualifier: str | None
    high: float | None = None


def qualifier_of(words: list[str]) -> str | None:
    """The qualifier phrase that ends `words` (lower-cased words before a number), if any."""
    for size in (3, 2, 1):
        phrase = " ".join(words[-size:])
        if len(words) >= size and phrase in QUALIFIERS:
            return phrase
    return None


def tidy_number_text(text: str) -> str:
    """Numbers as converted text sets them: "20, 000" -> "20,000", "6. 1" -> "6.1", ". 38" -> ".38"."""
    text = re.sub(r"(?<=\d),\s+(?=\d{3}(?!\d))", ",", text)
    text = re.sub(r"(?<=\d)\.\s+(?=\d)", ".", text)
    return re.sub(r"(?:^|(?<=[\s(]))\.\s+(?=\d)", ".", text)


_CLOCK = re.compile(r"(\d{1,2}):([0-5]\d)")  # "2:15" into a round (parse_amount refuses "2:15 pm" first)
_RECORD = re.compile(r"(\d{1,3})\s*[-–]\s*(\d{1,3})(?:\s*[-–]\s*\d{1,3})?")  # "52-3", "35-2-1"; not a season "2010-11"
_RANGE_WORDS = ("to", "and", "or")  # "20 to 30", "between 20 and 30", "40 or 50"
_TIME_OF_DAY = re.compile(r"\d(?::\d\d)?\s*(?:[ap]\.?m\b\.?|o'clock)")  # "2:15 pm", "9 o'clock"


def parse_amount(text: str, *, glued_m: str = "million") -> Amount | None:
    """Value, unit and qualifier of a figure's text; None when it holds no number.

    >>> parse_amount("approximately 2,000")
    Amount(value=2000.0, unit='', qualifier='approximately', high=None)
    >>> parse_amount("$15 million")
    Amount(value=15000000.0, unit='USD', qualifier=None, high=None)
    >>> parse_amount("10-day")
    Amount(value=10.0, unit='days', qualifier=None, high=None)
    """
    lowered = " ".join(tidy_number_text(text).lower().replace("per cent", "percent").split())
    if _TIME_OF_DAY.search(lowered):
        return None  # "2:15 p.m." is a time, not an amount
    # a glued "m" is millions in an amount of money ("£59m"); otherwise the caller says which (the
    # model tags "a 60m fall" QUANTITY and "5m people" CARDINAL)
    currency = _currency(lowered)
    lowered = re.sub(r"(\d)\s?m\b", r"\1 million" if currency or glued_m == "million" else r"\1 metres", lowered)
    lowered = re.sub(r"(\d)(bn|mn|tn|b|k|ft|km|kg|cm|mm|lbs?|mph)\b", r"\1 \2", lowered)  # "$1.2bn", "200ft"
    if special := _clock_or_record(lowered):
        return special
    lowered = re.sub(r"(?<=\d)\s*[-–]\s*(?=\d)", " to ", lowered)  # "10-12 days": a range (records are read above)
    words = _TOKEN.findall(lowered.replace("-", " "))
    first = next((i for i, w in enumerate(words) if _DIGITS.fullmatch(w) or w in NUMBER_WORDS or w in VAGUE), None)
    if first is None:
        return _dozen(words)
    qualifier = qualifier_of([w for w in words[:first] if w not in ("a", "an")])  # "more than a hundred"
    found = _number_at(words, first)
    if found is None:
        return None
    value, after = found
    if words[first] in VAGUE:
        qualifier = qualifier or "at least"
    high = None
    if after + 1 < len(words) and words[after] in _RANGE_WORDS and words[first] not in VAGUE:
        top = after + 2 if words[after + 1] in CURRENCIES and after + 2 < len(words) else after + 1  # "$5 to $10"
        upper = _number_at(words, top)
        if upper is not None:
            scale = words[upper[1] - 1]
            if scale in SCALES and words[after - 1] not in SCALES:
                value *= SCALES[scale]  # "20 to 30 million": both ends in millions
            if upper[0] > value:
                high = upper[0]
    unit = currency or _unit_of(words[first:])
    if unit == "calibre" and value >= 1:  # "38 caliber" is .38 ("a. 38 caliber" loses its point)
        value /= 10 ** len(str(int(value)))
    return Amount(value=value, unit=unit, qualifier=qualifier, high=high)


def _number_at(words: list[str], first: int) -> tuple[float, int] | None:
    """The number that starts at words[first] (digits, number words, "thousands"), and the index after it."""
    rest = words[first:]
    if _DIGITS.fullmatch(rest[0]):
        value = float(rest[0].replace(",", ""))
        if len(rest) > 1 and rest[1] in SCALES:
            return value * SCALES[rest[1]], first + 2
        if len(rest) > 1 and rest[1] == "dozen":
            return value * DOZEN, first + 2
        return value, first + 1
    if rest[0] in VAGUE:
        end = first + 3 if len(rest) > 2 and rest[1] == "of" and rest[2] in VAGUE else first + 1
        return _vague_value(rest), end
    run = list(takewhile(lambda w: w in NUMBER_WORDS or w == "and", rest))
    while run and run[-1] == "and":
        run.pop()
    if not run:
        return None
    if run == ["one"] and not (len(rest) > 1 and _unit_of(rest[1:3])):
        return None  # "one source said": a pronoun as often as a count
    if first > 0 and words[first - 1] == "a" and run[0] in SCALES:
        run = ["one", *run]  # "a million"
    try:
        value = float(text2num(" ".join(run), "en"))
    except ValueError:
        return None
    end = first + len(run)
    if end < len(words) and words[end] == "dozen":  # "four dozen"
        return value * DOZEN, end + 1
    return value, end


def _dozen(words: list[str]) -> Amount | None:
    """ "a dozen", "dozen": twelve."""
    if "dozen" not in words:
        return None
    before = words[: words.index("dozen")]
    return Amount(value=float(DOZEN), unit="", qualifier=qualifier_of([w for w in before if w != "a"]))


def _clock_or_record(lowered: str) -> Amount | None:
    """ "2:15" (minutes and seconds, as a fight's time is given) or a record "52-3" (counted by its wins)."""
    digits_only = re.sub(r"[^\d:\s,.\-–]", "", lowered).strip()
    if clock := _CLOCK.fullmatch(digits_only):
        minutes, seconds = int(clock[1]), int(clock[2])
        return Amount(value=float(minutes * 60 + seconds), unit="seconds", qualifier=None)
    record = _RECORD.fullmatch(digits_only)
    # a record has more of its first number than its second ("52-3"); "20-30" is a range
    if record and int(record[1]) > int(record[2]) and not _unit_of(lowered.replace("-", " ").split()):
        return Amount(value=float(record[1]), unit=RECORD, qualifier=None)
    return None


# a currency symbol or word, the first named in CURRENCIES order; "e80 million" is a euro sign lost
# in conversion to plain text
_CURRENCY = re.compile(
    "|".join(rf"(?P<c{i}>(?<![a-z]){re.escape(symbol)}(?![a-z]))" for i, symbol in enumerate(CURRENCIES))
)
_LOST_EURO = re.compile(r"(?<![a-z])e\s?\d")


def _currency(lowered: str) -> str:
    """The currency code a figure's text names ("USD" for "$15 million"), or ""."""
    if _LOST_EURO.search(lowered):
        return "EUR"
    found = [int(name[1:]) for m in _CURRENCY.finditer(lowered) for name, hit in m.groupdict().items() if hit]
    return list(CURRENCIES.values())[min(found)] if found else ""


def _unit_of(words: list[str]) -> str:
    """The unit among the words after the number: a percentage, an age, a measure ("feet", "days")."""
    joined = " ".join(words)
    for phrase, name in PERCENT_UNITS.items():
        if re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", joined):
            return name
    if re.search(r"\byears? old\b|\byear olds?\b", joined):
        return AGE
    for i, word in enumerate(words):
        pair = " ".join(words[i : i + 2])
        if pair in MEASURES:
            return MEASURES[pair][0]
        # an abbreviation counts only right after the number ("60 m", not the "m" of "p.m.")
        if word in MEASURES and (len(word) > 2 or i <= 1):
            return MEASURES[word][0]
    return ""


def _vague_value(words: list[str]) -> float:
    """ "thousands" -> 2000, "tens of thousands" -> 20000: the least the phrase allows."""
    value = 2.0 * VAGUE[words[0]]
    if len(words) > 2 and words[1] == "of" and words[2] in VAGUE:
        value *= VAGUE[words[2]]
    return value


def measure_of(unit: str) -> tuple[str, float]:
    """The measure a unit belongs to and its factor to the measure's base: "feet" -> ("length", 0.3048).

    A count's measure is "count"; a currency is a measure of its own (no exchange rates here).
    """
    if not unit:
        return "count", 1.0
    return _UNIT_MEASURE.get(unit, (unit, 1.0))  # a currency code is its own measure


class Interval(NamedTuple):
    """The values a figure allows; an open end excludes its bound ("more than 300" excludes 300)."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False


def value_range(value: float, qualifier: str | None, high: float | None = None) -> Interval:
    """The values a qualified figure allows: "over 2,400" -> (2400, inf), open at 2400."""
    kind = QUALIFIERS.get(qualifier or "")
    top = value if high is None else high
    if kind == "about":
        return Interval(value * (1 - APPROXIMATE), top * (1 + APPROXIMATE))
    if kind == "nearly":  # an upper bound: "nearly 100" is compatible with 70, not with 100 or "over 100"
        return Interval(0.0, top, high_open=True)
    if kind == "over":
        return Interval(value, math.inf, low_open=qualifier not in _INCLUSIVE)
    if kind == "under":
        return Interval(0.0, top, high_open=qualifier not in _INCLUSIVE)
    return Interval(value, top)


# bounds that include their number: "at least 46" agrees with 46, "more than 46" does not
_INCLUSIVE = frozenset({"at least", "no fewer than", "up to", "as many as", "at most", "no more than"})


def _overlap(a: Interval, b: Interval) -> bool:
    low, high = max(a.low, b.low), min(a.high, b.high)
    if low < high:
        return True
    if low > high:
        return False
    low_open = (a.low == low and a.low_open) or (b.low == low and b.low_open)
    high_open = (a.high == high and a.high_open) or (b.high == high and b.high_open)
    return not (low_open or high_open)


def _precision(value: float) -> float:
    """The unit of a number's last significant digit: 2000 -> 1000, 1.375 -> 0.001, 7 -> 1."""
    if value == 0 or not math.isfinite(value):
        return 1.0
    step = 10.0 ** math.floor(math.log10(abs(value)))
    while step > 1e-9 and abs(round(value / step) * step - value) > 1e-9 * abs(value):
        step /= 10
    return step


def _rounds_to(rounder: float, precise: float) -> bool:
    """Whether a bare round figure may be the precise one rounded: 1.4 billion and 1.375 billion."""
    step = _precision(rounder)
    if step < ROUND_STEP:  # 20 does not cover 19: small counts are exact
        return False
    return step > _precision(precise) and abs(round(precise / step) * step - rounder) < 1e-9 * max(abs(rounder), 1)


Reading = tuple[float, str | None] | tuple[float, str | None, float | None]


def agree(a: Reading, b: Reading, *, converted: bool = False) -> bool:
    """Whether two (value, qualifier[, high]) figures of one unit can both be true.

    With `converted`, the values were converted from different units: each is allowed the
    conversion's rounding ("200ft" is 60.96 m and agrees with "60 metres").
    """
    range_a, range_b = value_range(*a), value_range(*b)
    if converted:
        range_a, range_b = _widened(range_a), _widened(range_b)
    if _overlap(range_a, range_b):
        return True
    if not (_is_bare(a) and _is_bare(b)) or abs(a[0] - b[0]) > ROUNDING * max(abs(a[0]), abs(b[0])):
        return False
    return _rounds_to(a[0], b[0]) or _rounds_to(b[0], a[0])


def _is_bare(reading: Reading) -> bool:
    """No hedge and no range: a figure as stated, which may be a rounding."""
    return reading[1] is None and (len(reading) < 3 or reading[2] is None)


def _widened(interval: Interval) -> Interval:
    return interval._replace(low=interval.low * (1 - CONVERSION), high=interval.high * (1 + CONVERSION))


def format_value(value: float) -> str:
    """A value as a reader would write it: 2000 -> "2,000", 7300000 -> "7,300,000", 2.5 -> "2.5"."""
    if math.isinf(value):
        return "∞"
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"
