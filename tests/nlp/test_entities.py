"""Entity spans the extractor keeps from the model's, on small hand-made sentences."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newscorpus.nlp import extract as nlp


def entities(text: str, english: Language) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in nlp.extract(text, english).mentions]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("South Korean President Moon Jae-in met the delegates in Seoul.", "Moon Jae-in"),
        ("Kim Jong-un met the delegates in Pyongyang.", "Kim Jong-un"),
    ],
)
def test_a_hyphenated_given_name_is_kept_whole(text: str, name: str, english: Language) -> None:
    assert (name, "PERSON") in entities(text, english)


@pytest.mark.parametrize(
    ("text", "names", "not_names"),
    [
        (
            "Lindsay Lohan Checks Into Rehab\n\nThe actress Lindsay Lohan checks into a rehab clinic in Malibu, "
            "her spokesman said on Friday. Lohan was seen leaving a party.",
            ["Lindsay Lohan"],
            ["Lindsay Lohan Checks Into Rehab"],
        ),
        (
            "Obama To Nominate Regina Benjamin As Surgeon General\n\nPresident Obama will nominate Regina "
            "Benjamin, a doctor from Alabama, as surgeon general. Benjamin runs a clinic.",
            ["Regina Benjamin", "Obama"],
            ["Obama To Nominate Regina Benjamin"],
        ),
    ],
)
def test_a_headline_word_the_article_writes_in_lower_case_is_cut_off_a_name(
    text: str, names: list[str], not_names: list[str], english: Language
) -> None:
    headline = text.split("\n")[0]
    found = [name for name, _ in entities(text, english) if name in headline]
    assert set(names) <= set(found)
    assert not set(not_names) & set(found)


def test_a_name_whose_words_the_article_also_capitalises_is_left_whole(english: Language) -> None:
    text = (
        "White House National Security Council Meets On Iran\n\nThe White House National Security Council "
        "met on Monday. The council discussed Iran."
    )
    headline_name, label = entities(text, english)[0]
    assert headline_name.startswith("White House National Security Council") and label == "ORG"


def test_a_sentence_with_a_lower_case_word_is_no_headline(english: Language) -> None:
    text = "Profits At Bank Of America fell sharply\n\nThe bank said profits fell."
    assert ("Bank Of America", "ORG") in entities(text, english)
