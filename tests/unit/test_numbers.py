"""Amounts as news writes them: values, units, qualifiers, and when two figures agree."""

from __future__ import annotations

import pytest

from newscorpus.text.numbers import (
    AGE,
    RECORD,
    Amount,
    agree,
    measure_of,
    parse_amount,
    tidy_number_text,
    value_range,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,000", Amount(2000, "", None)),
        ("approximately 2,000", Amount(2000, "", "approximately")),
        ("over 2,400", Amount(2400, "", "over")),
        ("more than 300", Amount(300, "", "more than")),
        ("at least 12", Amount(12, "", "at least")),
        ("up to 40", Amount(40, "", "up to")),
        ("7.3 million", Amount(7_300_000, "", None)),
        ("nearly eight million", Amount(8_000_000, "", "nearly")),
        ("almost 38 percentage points", Amount(38, "percentage points", "almost")),
        ("$15 million", Amount(15_000_000, "USD", None)),
        ("£1.2bn", Amount(1_200_000_000, "GBP", None)),
        ("€30m", Amount(30_000_000, "EUR", None)),
        ("10-day", Amount(10, "days", None)),
        ("10 days", Amount(10, "days", None)),
        ("11-year", Amount(11, "years", None)),
        ("five months", Amount(5, "months", None)),
        ("twenty-one", Amount(21, "", None)),
        ("two", Amount(2, "", None)),
        ("a million", Amount(1_000_000, "", None)),
        ("2%", Amount(2, "percent", None)),
        ("12 per cent", Amount(12, "percent", None)),
        ("thousands", Amount(2000, "", "at least")),
        ("tens of thousands", Amount(20_000, "", "at least")),
    ],
)
def test_parse_amount(text: str, expected: Amount) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["", "no", "one", "the", "Tuesday"])
def test_no_amount(text: str) -> None:
    assert parse_amount(text) is None


def test_qualifiers_bound_the_value() -> None:
    assert value_range(2000, "approximately")[:2] == pytest.approx((1800, 2200))
    assert value_range(2400, "over") == (2400, float("inf"), True, False)  # "over 2,400" excludes 2,400
    assert value_range(46, "at least") == (46, float("inf"), False, False)
    assert value_range(100, "nearly") == (0, 100, False, True)  # an upper bound, as "up to" but open
    assert value_range(40, "up to") == (0, 40, False, False)
    assert value_range(10, None) == (10, 10, False, False)
    assert value_range(20, None, 30) == (20, 30, False, False)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((2000, "approximately"), (2400, "over"), False),  # the seeds' arrests: a real conflict
        ((10, None), (10, None), True),  # "10 days" and "10-day"
        ((2000, "about"), (2100, None), True),
        ((2000, None), (2400, None), False),
        ((2000, "at least"), (2400, "over"), True),
        ((24, "at least"), (12, None), False),
    ],
)
def test_agree(a: tuple[float, str | None], b: tuple[float, str | None], expected: bool) -> None:
    assert agree(a, b) is expected
    assert agree(b, a) is expected


# --- issue 16: figures as news writes them ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # numbers set with stray spaces by a text conversion
        ("20, 000", Amount(20_000, "", None)),
        ("6. 1", Amount(6.1, "", None)),
        (". 38", Amount(0.38, "", None)),
        # scales glued to the number, and after it
        ("£59m", Amount(59_000_000, "GBP", None)),
        ("$1.13bn", Amount(1_130_000_000, "USD", None)),
        ("3.5 million", Amount(3_500_000, "", None)),
        ("85 million euros", Amount(85_000_000, "EUR", None)),
        # dozens and vague plurals (the least they allow)
        ("four dozen", Amount(48, "", None)),
        ("a dozen", Amount(12, "", None)),
        ("tens of thousands", Amount(20_000, "", "at least")),
        # ranges: the low end is the value, the top is `high`
        ("20 to 30", Amount(20, "", None, 30)),
        ("between 20 and 30", Amount(20, "", None, 30)),
        ("three or four", Amount(3, "", None, 4)),
        ("20 to 30 million", Amount(20_000_000, "", None, 30_000_000)),
        # percentages
        ("25%", Amount(25, "percent", None)),
        ("12 per cent", Amount(12, "percent", None)),
        ("3.5 percentage points", Amount(3.5, "percentage points", None)),
        # a fight's clock, a win-loss record, an age
        ("2:15", Amount(135, "seconds", None)),
        ("52-3", Amount(52, "record", None)),
        ("31-year-old", Amount(31, "years old", None)),
        ("31 years old", Amount(31, "years old", None)),
        # units of length, weight, time, calibre
        ("200ft", Amount(200, "feet", None)),
        ("200 feet", Amount(200, "feet", None)),
        ("30-foot", Amount(30, "feet", None)),
        ("60 metres", Amount(60, "metres", None)),
        ("15 km", Amount(15, "kilometres", None)),
        ("10 miles", Amount(10, "miles", None)),
        ("12 nautical miles", Amount(12, "nautical miles", None)),
        ("50 kg", Amount(50, "kilograms", None)),
        ("3 tonnes", Amount(3, "tonnes", None)),
        ("around 15 seconds", Amount(15, "seconds", "around")),
        (".38-caliber", Amount(0.38, "calibre", None)),
        ("about 200ft", Amount(200, "feet", "about")),
    ],
)
def test_parse_amount_as_news_writes_it(text: str, expected: Amount) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("6. 1 percent", "6.1 percent", id="decimal"),
        pytest.param("20, 000 people", "20,000 people", id="thousands"),
        pytest.param("a . 38 revolver", "a .38 revolver", id="leading-point"),
        pytest.param("1, 2 and 3", "1, 2 and 3", id="a-list-is-not-a-number"),
    ],
)
def test_tidy_number_text(text: str, expected: str) -> None:
    assert tidy_number_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("2:15 pm", id="pm"),
        pytest.param("2:15 p.m.", id="p.m."),
    ],
)
def test_a_time_of_day_is_not_a_duration(text: str) -> None:
    assert parse_amount(text) is None


def test_a_range_written_with_a_hyphen_is_not_a_record() -> None:
    assert parse_amount("20-30").unit != "record"  # type: ignore[union-attr]  # fewer wins than losses: a range
    assert parse_amount("3-52").unit != "record"  # type: ignore[union-attr]


def test_a_glued_m_is_a_scale_or_metres_not_both() -> None:
    assert parse_amount("60m") in (Amount(60, "metres", None), Amount(60_000_000, "", None))


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("", ("count", 1.0)),
        ("feet", ("length", 0.3048)),
        ("metres", ("length", 1.0)),
        ("nautical miles", ("length", 1852.0)),
        ("tonnes", ("weight", 1000.0)),
        ("days", ("time", 86_400.0)),
        ("weeks", ("time", 604_800.0)),
        (AGE, ("age", 1.0)),
        (RECORD, ("record", 1.0)),
        ("USD", ("USD", 1.0)),  # a currency is a measure of its own
    ],
)
def test_measure_of(unit: str, expected: tuple[str, float]) -> None:
    assert measure_of(unit) == expected


INF = float("inf")


@pytest.mark.parametrize(
    ("qualifier", "expected"),
    [
        *[(q, (90, 110, False, False)) for q in ("about", "around", "roughly", "some", "approximately")],
        *[(q, (0, 100, False, True)) for q in ("nearly", "almost", "close to")],  # below 100
        *[(q, (100, INF, True, False)) for q in ("more than", "over", "above")],  # above 100
        ("at least", (100, INF, False, False)),
        *[(q, (0, 100, False, False)) for q in ("up to", "as many as")],
        *[(q, (0, 100, False, True)) for q in ("under", "fewer than", "less than")],
        (None, (100, 100, False, False)),
    ],
)
def test_hedges_are_ranges(qualifier: str | None, expected: tuple[float, float, bool, bool]) -> None:
    found = value_range(100, qualifier)
    assert found[:2] == pytest.approx(expected[:2])
    assert (found.low_open, found.high_open) == expected[2:]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param((46, "at least"), (46, None), True, id="at-least-includes-its-number"),
        pytest.param((46, "more than"), (46, None), False, id="more-than-excludes-its-number"),
        pytest.param((300, "nearly"), (300, "more than"), False, id="nearly-vs-more-than"),
        pytest.param((100, "nearly"), (70, None), True, id="nearly-is-an-upper-bound"),
        pytest.param((100, "nearly"), (100, None), False, id="nearly-excludes-its-number"),
        pytest.param((100, "nearly"), (100, "more than"), False, id="nearly-vs-more-than-same-number"),
        pytest.param((130, "about"), (100, "nearly"), False, id="about-130-vs-nearly-100"),
        pytest.param((40, "as many as"), (40, None), True, id="as-many-as-includes-its-number"),
        pytest.param((40, "up to"), (25, None), True, id="up-to-allows-less"),
        pytest.param((40, "fewer than"), (40, None), False, id="fewer-than-excludes-its-number"),
        pytest.param((2000, "about"), (1800, None), True, id="about-allows-10-percent"),
        pytest.param((2000, "around"), (2250, None), False, id="about-not-more-than-10-percent"),
        pytest.param((20, None, 30), (25, None), True, id="inside-a-range"),
        pytest.param((20, None, 30), (31, None), False, id="outside-a-range"),
        pytest.param((3, None, 4), (4, None), True, id="top-of-a-range"),
        # a bare round figure covers the precise one it rounds, within 5 %
        pytest.param((1.4e9, None), (1.375e9, None), True, id="1.4bn-covers-1.375bn"),
        pytest.param((3.6e9, None), (3.5e9, None), False, id="3.6bn-vs-3.5bn"),
        pytest.param((50_000, None), (55_000, None), False, id="50000-vs-55000"),
        pytest.param((1.4e9, None, 1.5e9), (1.375e9, None), False, id="a-range-is-not-a-rounding"),
    ],
)
def test_hedged_figures_agree(
    a: tuple[float, str | None] | tuple[float, str | None, float | None],
    b: tuple[float, str | None],
    expected: bool,
) -> None:
    assert agree(a, b) is expected
    assert agree(b, a) is expected


def in_base(value: float, unit: str) -> float:
    return value * measure_of(unit)[1]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param((200, "feet", None), (60, "metres", None), True, id="200ft-is-60m"),
        pytest.param((200, "feet", None), (62, "metres", None), True, id="200ft-is-62m-rounded"),
        pytest.param((200, "feet", "about"), (150, "metres", "about"), False, id="about-200ft-vs-about-150m"),
        pytest.param((2, "weeks", None), (14, "days", None), True, id="2-weeks-is-14-days"),
        pytest.param((2, "weeks", None), (10, "days", None), False, id="2-weeks-is-not-10-days"),
        pytest.param((22, "months", None), (2, "years", "nearly"), True, id="22-months-is-nearly-2-years"),
        pytest.param((12, "nautical miles", None), (22, "kilometres", None), True, id="12nmi-is-22km"),
        pytest.param((3, "tonnes", None), (2000, "kilograms", None), False, id="3t-is-not-2000kg"),
    ],
)
def test_converted_figures_agree(
    a: tuple[float, str, str | None], b: tuple[float, str, str | None], expected: bool
) -> None:
    reading_a, reading_b = (in_base(a[0], a[1]), a[2]), (in_base(b[0], b[1]), b[2])
    assert agree(reading_a, reading_b, converted=True) is expected
    assert agree(reading_b, reading_a, converted=True) is expected


def test_conversion_tolerance_applies_only_to_converted_values() -> None:
    # 62 against 60.96: no rounding makes them one figure, only the conversion's 2 %
    assert not agree((60.96, None), (62, None))
    assert agree((60.96, None), (62, None), converted=True)


@pytest.mark.parametrize(
    ("text", "value", "high", "unit"),
    [
        ("10-12 days", 10, 12, "days"),
        ("$5 to $10 million", 5_000_000, 10_000_000, "USD"),
        ("20–30", 20, 30, ""),
    ],
)
def test_ranges_written_with_a_dash_or_two_currency_signs(text: str, value: float, high: float, unit: str) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert (amount.value, amount.high, amount.unit) == (value, high, unit)


def test_a_dash_range_agrees_with_a_value_inside_it() -> None:
    inside = parse_amount("11 days")
    ranged = parse_amount("10-12 days")
    assert inside is not None and ranged is not None
    assert agree((inside.value, inside.qualifier), (ranged.value, ranged.qualifier, ranged.high))


@pytest.mark.parametrize("text", ["2010-11", "1998-99"])
def test_a_season_is_not_a_record(text: str) -> None:
    amount = parse_amount(text)
    assert amount is None or amount.unit != "record"
