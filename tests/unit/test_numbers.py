"""Amounts as news writes them: values, units, qualifiers, and when two figures agree."""

from __future__ import annotations

import pytest

from newscorpus.text.numbers import Amount, agree, parse_amount, value_range


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
