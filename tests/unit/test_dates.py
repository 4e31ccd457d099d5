"""Dates in news text: DATE entities to ISO values, metadata dates, and the dateline at the top of an article."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import dateparser.date
import dateparser.freshness_date_parser
import dateparser.parser
import dateparser.utils
import pytest

from newscorpus.text import dates
from newscorpus.text.dates import DateValue, dateline, normalize, parse_date

PUBLISHED = datetime.date(2024, 8, 12)  # a Monday
UNPLACED = DateValue("", "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("August 11, 2024", DateValue("2024-08-11", "day")),
        ("Aug. 11, 2024", DateValue("2024-08-11", "day")),
        ("11 August 2024", DateValue("2024-08-11", "day")),
        ("2024-08-11", DateValue("2024-08-11", "day")),
        ("2020", DateValue("2020", "year")),
        ("in 2020", DateValue("2020", "year")),
        ("since 2019", DateValue("2019", "year")),
        ("early 2020", DateValue("2020", "year")),
        ("mid-2020", DateValue("2020", "year")),
        ("the summer of 2020", DateValue("2020", "year")),
        ("2024's", DateValue("2024", "year")),
        ("2024’s", DateValue("2024", "year")),
        ("July 2024", DateValue("2024-07", "month")),
        ("late July 2024", DateValue("2024-07", "month")),
        ("January 2025's", DateValue("2025-01", "month")),
        ("25/08/2024", DateValue("2024-08-25", "day")),
        ("12/08/2024", DateValue("2024", "year")),  # 12 August or December 8: only the year is sure
    ],
)
def test_absolute_dates_ignore_the_publication_date(text: str, expected: DateValue) -> None:
    assert normalize(text, None) == expected
    assert normalize(text, PUBLISHED) == expected
    assert normalize(text, datetime.date(1990, 1, 1)) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("July 28", PUBLISHED, DateValue("2024-07-28", "day")),
        ("28 July", PUBLISHED, DateValue("2024-07-28", "day")),
        ("the July 28", PUBLISHED, DateValue("2024-07-28", "day")),
        ("July 28th", PUBLISHED, DateValue("2024-07-28", "day")),
        ("the 28th of July", PUBLISHED, DateValue("2024-07-28", "day")),
        ("August 17", PUBLISHED, DateValue("2024-08-17", "day")),
        ("Tuesday, August 13", PUBLISHED, DateValue("2024-08-13", "day")),
        ("Sept. 5", PUBLISHED, DateValue("2024-09-05", "day")),
        ("January", PUBLISHED, DateValue("2025-01", "month")),  # five months ahead beats seven back
        ("mid-July", PUBLISHED, DateValue("2024-07", "month")),
        ("the end of July", PUBLISHED, DateValue("2024-07", "month")),
        ("May", PUBLISHED, DateValue("2024-05", "month")),
        ("December 30", datetime.date(2025, 1, 5), DateValue("2024-12-30", "day")),
        ("January 2", datetime.date(2024, 12, 30), DateValue("2025-01-02", "day")),
        ("December", datetime.date(2025, 1, 5), DateValue("2024-12", "month")),
        ("January", datetime.date(2024, 7, 15), DateValue("2024-01", "month")),  # six months either way: the past
        ("Feb 29", datetime.date(2025, 1, 5), DateValue("2024-02-29", "day")),  # only leap years have one
        ("Feb 29", datetime.date(2023, 6, 1), DateValue("2024-02-29", "day")),
    ],
)
def test_a_date_without_a_year_takes_the_year_nearest_publication(
    text: str, published: datetime.date, expected: DateValue
) -> None:
    assert normalize(text, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("July 28", DateValue("--07-28", "monthday")),
        ("28 July", DateValue("--07-28", "monthday")),
        ("Feb 29", DateValue("--02-29", "monthday")),
        ("January", UNPLACED),
        ("mid-July", UNPLACED),
    ],
)
def test_without_a_publication_date_no_year_is_invented(text: str, expected: DateValue) -> None:
    assert normalize(text, None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("last month", DateValue("2024-07", "month")),
        ("last month's", DateValue("2024-07", "month")),
        ("earlier this month", DateValue("2024-08", "month")),
        ("3 months ago", DateValue("2024-05", "month")),
        ("next month", DateValue("2024-09", "month")),
        ("Sunday", DateValue("2024-08-11", "day")),
        ("on Friday", DateValue("2024-08-09", "day")),
        ("Friday night", DateValue("2024-08-09", "day")),
        ("this past Sunday", DateValue("2024-08-11", "day")),
        ("Monday", DateValue("2024-08-12", "day")),  # the publication day itself
        ("last Friday", DateValue("2024-08-09", "day")),
        ("next Friday", DateValue("2024-08-16", "day")),
        ("yesterday", DateValue("2024-08-11", "day")),
        ("today", DateValue("2024-08-12", "day")),
        ("tonight", DateValue("2024-08-12", "day")),
        ("this morning", DateValue("2024-08-12", "day")),
        ("two days ago", DateValue("2024-08-10", "day")),
        ("last year", DateValue("2023", "year")),
        ("late last year", DateValue("2023", "year")),
        ("this year", DateValue("2024", "year")),
        ("11 years ago", DateValue("2013", "year")),
        ("a decade ago", DateValue("2014", "year")),
        ("two weeks ago", DateValue("2024-08", "month")),  # the week of July 29: Thursday August 1
        ("last week", DateValue("2024-08", "month")),
        ("this week", DateValue("2024-08", "month")),
        ("next week", DateValue("2024-08", "month")),
    ],
)
def test_relative_dates_are_placed_against_publication(text: str, expected: DateValue) -> None:
    assert normalize(text, PUBLISHED) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # A week goes to the month of its Thursday, where most of its days are, whichever day dateparser lands on.
        ("last week", datetime.date(2024, 8, 6), DateValue("2024-08", "month")),  # July 30: week of July 29 - Aug 4
        ("next week", datetime.date(2024, 7, 22), DateValue("2024-08", "month")),  # July 29: the same week
        ("last week", datetime.date(2024, 8, 3), DateValue("2024-07", "month")),  # July 27: week of July 22 - 28
        ("next week", datetime.date(2024, 8, 26), DateValue("2024-09", "month")),  # September 2
    ],
)
def test_a_week_is_placed_in_the_month_holding_most_of_its_days(
    text: str, published: datetime.date, expected: DateValue
) -> None:
    assert normalize(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("yesterday", datetime.date(1995, 3, 1), DateValue("1995-02-28", "day")),
        ("Sunday", datetime.date(1995, 3, 1), DateValue("1995-02-26", "day")),
        ("last month", datetime.date(1995, 3, 31), DateValue("1995-02", "month")),
        ("this year", datetime.date(1995, 3, 1), DateValue("1995", "year")),
        ("July 28", datetime.date(1995, 3, 1), DateValue("1995-07-28", "day")),
        ("yesterday", datetime.datetime(2024, 8, 12, 23, 59), DateValue("2024-08-11", "day")),
    ],
)
def test_relative_dates_follow_any_publication_date(text: str, published: datetime.date, expected: DateValue) -> None:
    assert normalize(text, published) == expected


@pytest.mark.parametrize(
    "text",
    ["last month", "Sunday", "on Friday", "last year", "yesterday", "two weeks ago", "earlier this month", "next week"],
)
def test_relative_dates_without_a_publication_date_cannot_be_placed(text: str) -> None:
    assert normalize(text, None) == UNPLACED


@pytest.mark.parametrize(
    "text",
    [
        # durations
        "11 years",
        "10 days",
        "10-day",
        "five months",
        "the past decade",
        "the last 11 years",
        "the past two weeks",
        "the last year",
        "the next week",
        "years",
        # frequencies
        "daily",
        "weekly",
        "annual",
        "every Sunday",
        "Sundays",
        # titles spaCy labels DATE
        "The Week",
        "The Week's",
        # ages and bare numbers
        "62 years old",
        "aged 62",
        "18-year-old",
        "12",
        "62",
        # spans and dates relative to the story, not to publication
        "the 1990s",
        "2019-20",
        "2019-2021",
        "two days later",
        "the next day",
        "this summer",
    ],
)
def test_what_is_not_a_point_in_time_is_none(text: str) -> None:
    assert normalize(text, PUBLISHED) is None
    assert normalize(text, None) is None


@pytest.mark.parametrize(
    "text", ["", "   ", "🎉", "\x00", "x" * 1_000_000, "2024" * 250_000, "Feb 30", "99999", "9999-99-99", "0000"]
)
def test_garbage_is_none(text: str) -> None:
    assert normalize(text, PUBLISHED) is None
    assert normalize(text, None) is None


def test_the_edges_of_the_calendar_do_not_raise() -> None:
    assert normalize("next year", datetime.date(9999, 12, 31)) is None
    assert normalize("yesterday", datetime.date(1, 1, 1)) is None
    assert normalize("January 5", datetime.date(9999, 12, 31)) == DateValue("9999-01-05", "day")


@pytest.fixture
def another_today(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """dateparser believes today is a leap day years from now; nothing it parses for us may change."""

    class Any(type):
        def __instancecheck__(cls, instance: object) -> bool:  # dateparser checks isinstance(x, datetime)
            return isinstance(instance, datetime.datetime)

    class LeapDay(datetime.datetime, metaclass=Any):
        @classmethod
        def now(cls, tz: datetime.tzinfo | None = None) -> datetime.datetime:
            moment = datetime.datetime(2036, 2, 29, 23, 59, tzinfo=datetime.UTC)
            return moment.astimezone(tz) if tz is not None else moment.replace(tzinfo=None)

    modules = [dateparser.date, dateparser.parser, dateparser.freshness_date_parser, dateparser.utils]
    for module in modules:
        monkeypatch.setattr(module, "datetime", LeapDay)
    for cache in (dates._normalize, dates._parse, dates._parser):
        cache.cache_clear()
    yield
    for cache in (dates._normalize, dates._parse, dates._parser):
        cache.cache_clear()


@pytest.mark.usefixtures("another_today")
def test_todays_date_never_leaks_in() -> None:
    unanchored = dateparser.date.DateDataParser(languages=["en"]).get_date_data("yesterday")
    assert unanchored.date_obj.date() == datetime.date(2036, 2, 28)  # the fake today is in force
    assert normalize("July 28", None) == DateValue("--07-28", "monthday")
    assert normalize("July 28", PUBLISHED) == DateValue("2024-07-28", "day")
    assert normalize("January", PUBLISHED) == DateValue("2025-01", "month")
    assert normalize("February 2025", None) == DateValue("2025-02", "month")
    assert normalize("2020", None) == DateValue("2020", "year")
    assert normalize("last month", PUBLISHED) == DateValue("2024-07", "month")
    assert normalize("yesterday", PUBLISHED) == DateValue("2024-08-11", "day")
    assert normalize("last week", datetime.date(2024, 8, 6)) == DateValue("2024-08", "month")
    assert normalize("last month", None) == UNPLACED
    assert parse_date("Aug 12, 2024") == datetime.date(2024, 8, 12)
    assert parse_date("February 2036") is None
    assert parse_date("February 29") is None


@pytest.mark.parametrize(
    "text",
    [
        "2024-08-12",
        "2024-08-12T10:31:00Z",
        "2024-08-12T10:31:00+02:00",
        "2024-08-12T23:31:00-05:00",  # the date as written, not moved to UTC
        "2024-08-12 10:31",
        "Aug 12, 2024",
        "August 12 2024",
        "12 August 2024",
        "Mon 12 Aug 2024 10.00 BST",
        "Monday, August 12, 2024 10:00 AM",
        "  Aug 12, 2024 11:30 PM EDT  ",
    ],
)
def test_parse_date_reads_full_dates(text: str) -> None:
    assert parse_date(text) == datetime.date(2024, 8, 12)


@pytest.mark.parametrize(
    "text",
    ["Aug 2024", "August 12", "2024", "2024-W33", "2024-13-01", "yesterday", "last month", "Monday", "", "junk", "🎉"],
)
def test_parse_date_needs_day_month_and_year(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Venezuela's election\nPublished August 12, 2024\nThe government said...",
        "Headline\nUpdated: 12 Aug 2024 10:00\nBody.",
        "Headline\nLast updated on Monday, August 12, 2024 10:00 AM\nBody.",
        "August 12, 2024\nHeadline\nBody.",
        "Headline\nBy Jane Doe | August 12, 2024\nBody.",
        "Headline\nBy April Smith, August 12, 2024\nBody.",
        "Headline\n2024-08-12\nBody.",
        "\n\n  \nPublished: 2024-08-12T10:31:00Z\nHeadline",
        "Headline\nA standfirst about the vote.\nMon 12 Aug 2024 10.00 BST\nBody.",
        "Aug 12, 2024 — " + "Venezuela's electoral council said " * 10,
        "CARACAS, Aug. 12, 2024 (Reuters) - Venezuela's government said...",
    ],
)
def test_dateline_finds_the_publication_date(text: str) -> None:
    assert dateline(text) == datetime.date(2024, 8, 12)


@pytest.mark.parametrize(
    "text",
    [
        # a tweet quoted in the body: its date is not the article's
        "Headline\nThe first paragraph of the story.\nThis is what it looks like. pic.twitter.com/abc\n"
        "— Adrian Bonenberger (@AdrianBonenber1) August 11, 2024\nMore body.",
        "Headline\nAdrian Bonenberger (@AdrianBonenber1) August 11, 2024\nBody.",
        # a wire dateline without a year opens the body
        "CARACAS, Aug 12 (Reuters) - Venezuela's government said...\nAugust 12, 2024",
        "Headline\nThe vote on August 12, 2024 was contested, officials said.\nBody.",
        "August 12, 2024: the day Venezuela voted\nBody.",
        "Headline\n12/08/2024\nBody.",  # 12 August or December 8
        "Headline\nUpdated August 12\nBody.",
        'Headline\n"August 12, 2024"\nBody.',
        "one\ntwo\nthree\nfour\nfive\nAugust 12, 2024",  # past the top of the article
        "Just a headline\nand a body",
        "",
    ],
)
def test_dateline_is_none_when_unsure(text: str) -> None:
    assert dateline(text) is None
