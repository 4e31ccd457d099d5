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
