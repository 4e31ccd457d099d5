"""Figures from real spaCy parses of short sentences: value, qualifier, unit and what they count."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newscorpus.align import compare_figures
from newscorpus.models import Figure, FigureRecord
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


# --- issue 16: hand-made sentences, one behaviour each ------------------------------------


def the(text: str, english: Language, figure_text: str) -> FigureRecord:
    """The figure whose text is `figure_text` among the sentence's figures."""
    found = [f for f in figures(text, english) if f.text == figure_text]
    assert len(found) == 1, figures(text, english)
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "text", "key"),
    [
        # the counted noun, through the synonyms
        pytest.param("The fighter has 46 knockouts.", "46", "knockout", id="noun-under-a-light-verb-keeps-its-noun"),
        pytest.param("The fighter has 46 KOs.", "46 KOs", "knockout", id="abbreviated-synonym"),
        # people take the event of the verb or event noun that governs them
        pytest.param("Police arrested 300 protesters in the capital.", "300", "arrest", id="event-verb"),
        pytest.param("The crackdown led to the arrest of about 300 people.", "about 300", "arrest", id="event-noun"),
        pytest.param("Some 40 students were detained by police.", "Some 40", "arrest", id="passive-subject-synonym"),
        pytest.param("The plane crashed, killing 150 passengers.", "150", "death", id="event-synonym"),
        pytest.param("About 20, 000 people marched on Sunday.", "About 20, 000", "march", id="subject-of-the-event"),
        # a light, linking or reporting verb is never the event
        pytest.param("The blast left 12 people dead.", "12", "", id="left-dead-is-not-leave"),
        pytest.param("The blast left at least 12 people dead.", "at least 12", "", id="left-dead-hedged"),
        pytest.param("Officials said 40 were missing.", "40", "", id="said-40"),
        pytest.param("Officials said 40.", "40", "", id="said-40-alone"),
        # a generic head ("times") takes the verb's event
        pytest.param("He was shot 11 times.", "11", "shoot", id="shot-11-times"),
        pytest.param("He was arrested three times.", "three", "arrest", id="arrested-three-times"),
        # background figures are not compared
        pytest.param("He had four prior arrests.", "four", "", id="prior-on-the-noun"),
        pytest.param("He was previously arrested three times.", "three", "", id="previously-on-the-verb"),
        pytest.param("He had been arrested three times since 2019.", "three", "", id="since-on-the-verb"),
        pytest.param("Police arrested two people two years ago.", "two", "", id="ago-on-the-verb"),
        # another set of the same thing, and a model name
        pytest.param("Police seized seven AK-47s and three other rifles.", "seven", "ak47", id="model-name"),
        pytest.param("Police seized seven AK-47s and three other rifles.", "three", "other rifle", id="other-set"),
        pytest.param("Police seized 12 AK 47 guns.", "12", "ak47", id="model-name-and-number-before-its-noun"),
        pytest.param("Police seized 7 AK-47 rifles.", "7 AK-47", "ak47", id="model-name-before-its-noun"),
        # whose age, whose record
        pytest.param("The 31-year-old Buckley was charged on Monday.", "31-year-old", "age: buckley", id="age-before"),
        pytest.param(
            "Mark Buckley, a 31-year-old plumber, was charged.", "31-year-old", "age: buckley", id="age-in-apposition"
        ),
        pytest.param("A 31-year-old climber died on the mountain.", "31-year-old", "", id="age-of-no-one-named"),
        pytest.param("Klitschko improved his record to 52-3.", "52-3", "record: klitschko", id="record-as-object"),
        pytest.param("Wladimir Klitschko, 53-3, defended his title.", "53-3", "record: klitschko", id="record-appos"),
        pytest.param(
            "Klitschko, 52-3, defended his title.", "52-3", "record: klitschko", id="record-appos-number-entity"
        ),
    ],
)
def test_what_a_figure_counts(english: Language, sentence: str, text: str, key: str) -> None:
    assert the(sentence, english, text).key == key


def test_light_verb_is_never_the_event(english: Language) -> None:
    f = only("The blast left 12 people dead.", english)
    assert not f.counts.startswith("leave")


def as_row(doc: str, f: FigureRecord) -> Figure:
    """A figure as the read side gives it to the alignment."""
    return Figure(
        doc=doc, text=f.text, value=f.value, unit=f.unit, qualifier=f.qualifier, counts=f.counts, key=f.key, sentence=""
    )


def test_an_event_verb_and_its_noun_share_a_key_and_agree(english: Language) -> None:
    verb = only("Police arrested 300 protesters in the capital.", english)
    noun = only("The crackdown led to the arrest of about 300 people.", english)
    assert verb.key == noun.key == "arrest"
    rows = [as_row(doc, f) for doc, f in (("a", verb), ("b", noun))]
    found, agreements = compare_figures(rows)
    assert found == [] and len(agreements) == 1


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit", "qualifier", "high"),
    [
        # durations tagged TIME or DATE
        pytest.param(
            "The fight lasted around 15 seconds.",
            "around 15 seconds",
            15,
            "seconds",
            "around",
            None,
            id="time-duration",
        ),
        pytest.param(
            "He spent nearly two years in prison.", "nearly two years", 2, "years", "nearly", None, id="date-duration"
        ),
        pytest.param(
            "He knocked out his rival in 2:15 of the first round.", "2:15", 135, "seconds", None, None, id="fight-clock"
        ),
        # units inside the span
        pytest.param(
            "The climber fell about 200ft from the ledge.", "about 200ft", 200, "feet", "about", None, id="glued-unit"
        ),
        pytest.param("Fire crews found a 30-foot crater.", "30-foot", 30, "feet", None, None, id="hyphened-unit"),
        pytest.param(
            "The ship was 12 nautical miles off the coast.",
            "12 nautical miles",
            12,
            "nautical miles",
            None,
            None,
            id="two-word-unit",
        ),
        pytest.param("The truck carried 20 tonnes of grain.", "20 tonnes", 20, "tonnes", None, None, id="weight"),
        pytest.param(
            "Police recovered a. 38 caliber pistol.",
            "38 caliber",
            0.38,
            "calibre",
            None,
            None,
            id="calibre-lost-its-point",
        ),
        pytest.param(
            "Police recovered a . 38 caliber pistol.",
            ". 38 caliber",
            0.38,
            "calibre",
            None,
            None,
            id="calibre-stray-point",
        ),
        pytest.param(
            "The rate rose to . 38 percent.", ". 38 percent", 0.38, "percent", None, None, id="stray-leading-point"
        ),
        pytest.param("The driver was caught at 90 mph.", "90 mph", 90, "miles per hour", None, None, id="speed"),
        # currency signs, scales and currency words
        pytest.param("The gang stole £59m from the depot.", "£59m", 59_000_000, "GBP", None, None, id="pounds-m"),
        pytest.param(
            "The firm paid $1.13bn to settle the case.", "$1.13bn", 1_130_000_000, "USD", None, None, id="dollars-bn"
        ),
        pytest.param(
            "The treasury lost 85 million euros.", "85 million euros", 85_000_000, "EUR", None, None, id="currency-word"
        ),
        # numbers set with stray spaces
        pytest.param(
            "About 20, 000 people marched on Sunday.", "About 20, 000", 20_000, "", "about", None, id="spaced-thousands"
        ),
        pytest.param(
            "Inflation rose to 6. 1 percent in May.", "6. 1 percent", 6.1, "percent", None, None, id="spaced-decimal"
        ),
        # dozens and vague plurals
        pytest.param("Four dozen homes were destroyed.", "Four dozen", 48, "", None, None, id="four-dozen"),
        pytest.param(
            "Tens of thousands of people marched.",
            "Tens of thousands",
            20_000,
            "",
            "at least",
            None,
            id="tens-of-thousands",
        ),
        # ranges
        pytest.param("Three or four robbers entered the bank.", "Three or four", 3, "", None, 4, id="or-range"),
        pytest.param("The storm killed 20 to 30 people.", "20 to 30", 20, "", None, 30, id="to-range"),
        pytest.param(
            "The company expects 20 to 30 million visitors.",
            "20 to 30 million",
            20_000_000,
            "",
            None,
            30_000_000,
            id="scaled-range",
        ),
        pytest.param(
            "The protest drew three or four thousand people.",
            "three or four thousand",
            3000,
            "",
            None,
            4000,
            id="range-scaled-by-thousand",
        ),
    ],
)
def test_the_span_and_reading_of_a_figure(
    english: Language,
    sentence: str,
    text: str,
    value: float,
    unit: str,
    qualifier: str | None,
    high: float | None,
) -> None:
    f = the(sentence, english, text)
    assert (f.value, f.unit, f.qualifier, f.high) == (pytest.approx(value), unit, qualifier, high)


def test_units_and_hedges_keep_their_event(english: Language) -> None:
    feet = only("The climber fell about 200ft from the ledge.", english)
    metres = only("The climber fell 60 metres from the ledge.", english)
    assert feet.key == metres.key == "fall"
