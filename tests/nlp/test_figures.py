"""Figures from real spaCy parses of short sentences: value, qualifier, unit and what they count."""

from __future__ import annotations

from spacy.language import Language

from newscorpus.models import FigureRecord
from newscorpus.nlp import extract as nlp


def figures(text: str, english: Language) -> list[FigureRecord]:
    return nlp.extract(text, english).figures


def only(text: str, english: Language) -> FigureRecord:
    found = figures(text, english)
    assert len(found) == 1, found
    return found[0]


def test_people_counted_by_an_event_noun(english: Language) -> None:
    f = only("Protests spread, resulting in the arrest of approximately 2,000 individuals.", english)
    assert (f.value, f.qualifier, f.unit, f.key) == (2000, "approximately", "", "arrest")
    assert f.text == "approximately 2,000"
    assert f.counts == "arrest: individuals"


def test_people_counted_by_an_event_verb(english: Language) -> None:
    f = only("The government launched a crackdown, arresting over 2,400 dissidents and protesters.", english)
    assert (f.value, f.qualifier, f.key) == (2400, "over", "arrest")
    assert f.counts == "arrest: dissidents and protesters"


def test_a_synonym_counts_the_same_event(english: Language) -> None:
    f = only("Police detained more than 300 students on Monday.", english)
    assert (f.value, f.qualifier, f.key) == (300, "more than", "arrest")


def test_things_counted_by_their_noun(english: Language) -> None:
    f = only("The candidate collected 7.3 million votes.", english)
    assert (f.value, f.key, f.counts) == (7_300_000, "vote", "votes")
    f = only("The city will build two new prisons.", english)
    assert (f.value, f.key) == (2, "prison")


def test_number_words(english: Language) -> None:
    f = only("The war caused the exodus of nearly eight million people.", english)
    assert (f.value, f.qualifier, f.key) == (8_000_000, "nearly", "flee")


def test_money_has_a_currency(english: Language) -> None:
    f = only("Washington offered a $15 million reward for his capture.", english)
    assert (f.value, f.unit, f.key) == (15_000_000, "USD", "reward")


def test_durations_written_both_ways_count_the_same(english: Language) -> None:
    verb = only("The regime moved to suppress information, banning the site for 10 days.", english)
    noun = only("The regime enforced a 10-day ban on the site.", english)
    assert (verb.value, verb.unit) == (noun.value, noun.unit) == (10, "days")
    assert verb.key == noun.key == "ban"


def test_over_as_a_preposition_is_not_a_qualifier(english: Language) -> None:
    found = figures("The country saw an exodus of many people over 11 years of authoritarian rule.", english)
    [f] = [f for f in found if f.unit == "years"]
    assert (f.value, f.text, f.qualifier, f.key) == (11, "11 years", None, "rule")


def test_percentage_points(english: Language) -> None:
    f = only("She won by almost 38 percentage points.", english)
    assert (f.value, f.unit, f.qualifier, f.key) == (38, "percentage points", "almost", "win")


def test_dates_are_not_figures(english: Language) -> None:
    assert figures("The election was held on July 28, 2024, and results came in 2020.", english) == []
