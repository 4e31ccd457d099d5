"""Dates as news writes them: "August 11, 2024", "July 28", "last month", "Sunday", "since 2019".

Pure functions, no spaCy: the text of a DATE entity in, an ISO 8601 value and its precision out,
placed against the article's publication date when the text is relative or has no year. Parsing
goes through dateparser, always with a fixed or given base date, so today's date never leaks in.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import NamedTuple

from dateparser.date import DateDataParser

from newscorpus.text.normalize import squash

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_NAMES = "|".join(_WEEKDAYS)
_MONTH_RE = re.compile(rf"\b(?:{_MONTHS})\b\.?", re.IGNORECASE)
_YEAR_RE = re.compile(r"(?<![\d,.$])(?:1\d|20|21)\d\d(?![\d%s])")  # not "1,999", "2000%", "the 1990s"
_YEAR_RANGE_RE = re.compile(r"\b(\d{4})\s*[-–—/]\s*(\d{4}|\d\d)\b(?!-)")
# "yesterday", "two weeks ago", "last month", "next Friday": placed against the publication date
_RELATIVE_RE = re.compile(
    r"\b(?:yesterday|today|tonight|tomorrow|ago"
    rf"|(?:last|next|this)\s+(?:week|month|year|morning|afternoon|evening|night|{_WEEKDAY_NAMES}))\b",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(rf"^(?:this\s+)?(?:past\s+)?({_WEEKDAY_NAMES})$", re.IGNORECASE)
# "the past decade", "the last 11 years", "every Sunday": spans and repeats, not points in time
_NOT_A_POINT_RE = re.compile(
    r"\b(?:every|each|per)\b|\bthe\s+(?:past|last|next|coming)\b"
    r"|\b(?:past|last|next|coming)\s+(?:\d+|a|few|several|couple|two|three|four|five|six|seven|eight|nine|ten|dozen)\b",
    re.IGNORECASE,
)
_LEADING_RE = re.compile(
    r"^(?:on|in|since|by|the|early|late|mid|earlier|later|around|until|through|from|as\s+of|during"
    r"|(?:end|beginning|start|middle)\s+of)(?:\s+|-)",
    re.IGNORECASE,
)
_TIME_OF_DAY_RE = re.compile(r"(?<!\bthis)(?<!\blast)\s+(?:morning|afternoon|evening|night)$", re.IGNORECASE)
_ISO_DAY_RE = re.compile(r"^\d{4}-\d\d-\d\d(?!\d)")
_AMBIGUOUS_NUMERIC_RE = re.compile(r"^(0?[1-9]|1[0-2])[/.](0?[1-9]|1[0-2])[/.]\d{4}$")  # both could be the month
# Tried by dateparser before its full grammar: 20-70 µs instead of 0.5-1 ms for the forms news uses most.
_FAST_FORMATS = ("%B %d, %Y", "%B %d %Y", "%d %B %Y", "%B %Y", "%B %d", "%d %B", "%b %d, %Y", "%d %b %Y", "%b %Y")
_FIXED_BASE = datetime.datetime(2000, 1, 1)  # a leap year, so "Feb 29" parses; only ever the source of dropped parts
_MAX_LEN = 80  # DATE entities are a few words; anything longer is not one


class DateValue(NamedTuple):
    value: str  # "2024-07-28", "2024-07", "2024", "--07-28"; "" when it cannot be placed without a publication date
    precision: str  # "day" | "month" | "year" | "monthday" | ""


UNPLACED = DateValue("", "")


@lru_cache(maxsize=512)
def _parser(base: datetime.datetime) -> DateDataParser:
    settings = {
        "RELATIVE_BASE": base,
        "PARSERS": ["custom-formats", "relative-time", "absolute-time"],  # no epoch timestamps
        # Parts the text lacks come from here, not today's date (precision drops them; they must not vary).
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_MONTH_OF_YEAR": "first",
    }
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=8192)
def _parse(text: str, base: datetime.datetime, fast: bool = False) -> tuple[datetime.date, str] | None:
    """dateparser's date and period ("day", "week", "month", "year"), or None; never raises."""
    try:
        data = _parser(base).get_date_data(text, date_formats=_FAST_FORMATS if fast else None)
    except Exception:  # dateparser raises assorted errors (overflow, regex, locale) on odd input
        return None
    return None if data.date_obj is None else (data.date_obj.date(), data.period or "day")


def _value(day: datetime.date, period: str) -> DateValue | None:
    if period == "week":
        # A week is placed in the month of its Thursday, the month holding most of its days (as ISO 8601 weeks are).
        day += datetime.timedelta(days=3 - day.weekday())
        period = "month"
    formats = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
    return DateValue(day.strftime(formats[period]), period) if period in formats else None


def _nearest_year(month: int, day: int | None, published: datetime.date) -> int | None:
    """The year that puts the month (and day) nearest the publication date; ties go to the past."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        if day is None:
            distance = abs((year - published.year) * 12 + month - published.month)
        else:
            try:
                distance = abs((datetime.date(year, month, day) - published).days)
            except ValueError:  # Feb 29 outside a leap year
                continue
        candidates.append((distance, year))
    return min(candidates)[1] if candidates else None


def _clean(text: str) -> str:
    text = squash(text.replace("’", "'")).strip(" ,.;:")
    text = re.sub(r"'s?$", "", text)
    while (stripped := _LEADING_RE.sub("", text, count=1)) != text:
        text = stripped
    return _TIME_OF_DAY_RE.sub("", text)


@lru_cache(maxsize=8192)
def _normalize(text: str, published: datetime.date | None) -> DateValue | None:
    if _NOT_A_POINT_RE.search(text):
        return None
    text = _clean(text)
    years = set(_YEAR_RE.findall(text))
    if (weekday := _WEEKDAY_RE.match(text)) is not None:
        if published is None:
            return UNPLACED
        # News usage: "Sunday" is the most recent Sunday on or before publication (dateparser skips the day itself).
        back = (published.weekday() - _WEEKDAYS.index(weekday[1].lower())) % 7
        return DateValue((published - datetime.timedelta(days=back)).isoformat(), "day")
    if years:
        if (span := _YEAR_RANGE_RE.search(text)) and (len(span[2]) == 4 or int(span[2]) == (int(span[1]) + 1) % 100):
            return None  # "2019-20", "2019-2021"
        if (numeric := _AMBIGUOUS_NUMERIC_RE.match(text)) and int(numeric[1]) != int(numeric[2]):
            return DateValue(text[-4:], "year")  # 03/08/2024: day and month cannot be told apart
        parsed = _parse(text, _FIXED_BASE, fast=True)
        if parsed is not None and parsed[0].year == int(max(years)) and (value := _value(*parsed)):
            return value
        return DateValue(years.pop(), "year") if len(years) == 1 else None  # "the summer of 2020", "Q3 2024"
    if _RELATIVE_RE.search(text):
        if published is None:
            return UNPLACED if _parse(text, _FIXED_BASE, fast=True) is not None else None
        parsed = _parse(text, datetime.datetime.combine(published, datetime.time()))
        return None if parsed is None else _value(*parsed)
    parsed = _parse(text, _FIXED_BASE, fast=True) if _MONTH_RE.search(text) else None
    if parsed is None or parsed[1] not in ("day", "month"):
        return None
    (found, period), day = parsed, (parsed[0].day if parsed[1] == "day" else None)
    year = None if published is None else _nearest_year(found.month, day, published)
    if year is None:
        return UNPLACED if day is None else DateValue(f"--{found.month:02d}-{day:02d}", "monthday")
    return _value(found.replace(year=year), period)


def normalize(text: str, published: datetime.date | None) -> DateValue | None:
    """The point in time a DATE entity names, placed against `published`; None for durations, ages and non-dates."""
    if not isinstance(text, str) or not text.strip() or len(text) > _MAX_LEN:
        return None
    if isinstance(published, datetime.datetime):
        published = published.date()
    try:
        return _normalize(text, published)
    except (ValueError, OverflowError):  # dates at the edges of the calendar
        return None


def parse_date(text: str) -> datetime.date | None:
    """A full day-month-year date from metadata or the command line; None if any part is missing."""
    if not isinstance(text, str) or not text.strip() or len(text) > _MAX_LEN:
        return None
    text = text.strip()
    if _ISO_DAY_RE.match(text):
        try:
            return datetime.datetime.fromisoformat(text).date()  # the date as written, whatever its offset
        except ValueError:
            return None  # "2024-13-01": dateparser would read it some other way
    # Parsed against two bases differing in year, month and day: any part dateparser filled in shows as a difference.
    first, second = _parse(text, datetime.datetime(2000, 1, 1)), _parse(text, datetime.datetime(2012, 6, 15))
    return first[0] if first is not None and first == second and first[1] == "day" else None


_LABEL_RE = re.compile(r"^(?:first\s+|last\s+)?(?:published|updated|posted|modified)(?:\s+on)?\s*:?\s*", re.IGNORECASE)
_SEPARATOR_RE = re.compile(r"\s+[-–—|•·]\s+|\s*[|•·]\s*")
_WIRE_RE = re.compile(r"^[A-Z][A-Z .'-]+,\s+([^()]{3,40}?)\s+\([A-Za-z ]+\)\s*[-–—]")
_DATELINE_LINES = 5
_SHORT_LINE = 120


def _date_part(segment: str) -> datetime.date | None:
    part = _LABEL_RE.sub("", segment.strip(), count=1)
    if len(part) > 50 or not (_ISO_DAY_RE.match(part) or (_MONTH_RE.search(part) and _YEAR_RE.search(part))):
        return None  # numeric forms such as 12/08/2024 are skipped: day and month cannot be told apart
    return parse_date(part)


def dateline(text: str) -> datetime.date | None:
    """The publication date printed in an article's first lines ("Published August 12, 2024"), or None if unsure."""
    if not isinstance(text, str):
        return None
    lines = [line.strip() for line in text[:5000].splitlines() if line.strip()][:_DATELINE_LINES]
    for line in lines:
        if wire := _WIRE_RE.match(line):
            return parse_date(wire[1])  # "CARACAS, Aug 12 (Reuters) -" opens the body: no year, no date
        if line[0] in "—–-\"“'‘(@":
            continue  # "— Adrian Bonenberger (@AdrianBonenber1) August 11, 2024": a quote's attribution
        segments = _SEPARATOR_RE.split(line)
        if len(line) > _SHORT_LINE:
            segments = segments[:1]  # a long line is body text: only a date opening it counts
        elif segments[0].lower().startswith("by "):
            # "By Jane Doe | August 12, 2024", "By April Smith, August 12, 2024": the date after the name
            segments = segments[1:] + [line[month.start() :] for month in _MONTH_RE.finditer(segments[0])]
        for segment in segments:
            if (found := _date_part(segment)) is not None:
                return found
    return None
