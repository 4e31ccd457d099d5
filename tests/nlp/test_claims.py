"""Claims from real spaCy parses: predicate and object, polarity, and attribution."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newscorpus.models import ClaimRecord
from newscorpus.nlp import extract as nlp


def claim(text: str, english, predicate: str = "offer") -> ClaimRecord:
    found = [c for c in nlp.extract(text, english).claims if c.predicate == predicate]
    assert len(found) == 1, nlp.extract(text, english).claims
    return found[0]


def test_a_plain_assertion(english: Language) -> None:
    c = claim("The administration offered the president amnesty in exchange for his resignation.", english)
    assert (c.predicate, c.object, c.polarity) == ("offer", "amnesty", "asserted")
    assert c.attribution is None


def test_negation(english: Language) -> None:
    c = claim("The administration has not offered amnesty to the president.", english)
    assert (c.object, c.polarity) == ("amnesty", "negated")


def test_negated_nominal_with_a_light_verb(english: Language) -> None:
    c = claim("While no amnesty offers have been made, talks continue.", english)
    assert (c.predicate, c.object, c.polarity) == ("offer", "amnesty", "negated")
    c = claim("We have not made any offers of amnesty to the president.", english)
    assert (c.predicate, c.object, c.polarity) == ("offer", "amnesty", "negated")


def test_denial_of_a_reported_claim(english: Language) -> None:
    c = claim(
        "The State Department has denied a report by the Wall Street Journal claiming that "
        "the administration offered the president amnesty.",
        english,
    )
    assert (c.object, c.polarity) == ("amnesty", "denied")
    assert c.attribution == "The State Department"


def test_rejected_rumors_of(english: Language) -> None:
    c = claim("Officials have rejected rumors of amnesty offers for the general.", english)
    assert (c.predicate, c.object, c.polarity) == ("offer", "amnesty", "denied")
    assert c.attribution == "Officials"


def test_according_to(english: Language) -> None:
    c = claim("According to a Miami Herald report, the administration has not offered amnesty to him.", english)
    assert c.attribution == "Miami Herald report"
    assert not c.attribution_vague


def test_the_journal_said(english: Language) -> None:
    c = claim("The administration has offered the president amnesty, the Journal said on Sunday.", english)
    assert c.attribution == "Journal"
    assert c.polarity == "asserted"


def test_reportedly_is_a_vague_attribution(english: Language) -> None:
    c = claim("The government has reportedly offered amnesty to the president.", english)
    assert (c.attribution, c.attribution_vague) == ("reportedly", True)


def test_people_familiar_with_the_matter_is_vague(english: Language) -> None:
    c = claim("The US is offering amnesty to him, according to people familiar with the matter.", english)
    assert c.attribution_vague


def test_a_claim_inside_a_quote_is_credited_to_its_speaker(english: Language) -> None:
    c = claim('A senior official said, "We have not offered amnesty to anyone."', english)
    assert (c.polarity, c.attribution) == ("negated", "senior official")


def test_a_pronoun_object_is_no_claim(english: Language) -> None:
    # "did it", "knew what": nothing another source could confirm or deny
    records = nlp.extract("The minister did it again. Nobody knew what the board wanted. He won the vote.", english)
    assert [(c.predicate, c.object) for c in records.claims] == [("win", "vote")]


@pytest.mark.parametrize(
    "text",
    [
        "Without the curfew, the town would not have 300 damaged homes.",  # counterfactual
        "The minister could face charges over the contract.",
        "If the council had approved the budget, the mayor would have built the bridge.",
        "Did the minister sign the contract?",
    ],
)
def test_what_might_be_or_is_asked_is_not_a_claim(text: str, english: Language) -> None:
    found = nlp.extract(text, english).claims
    assert all(c.predicate not in ("have", "face", "build", "sign") for c in found), found


@pytest.mark.parametrize(
    ("text", "predicate", "polarity"),
    [
        ("The senator will not seek re-election next year.", "seek", "negated"),
        ("Police cannot find the weapon.", "find", "negated"),
        ("The company signed the contract on Monday.", "sign", "asserted"),
    ],
)
def test_what_will_be_or_can_be_is_still_a_claim(text: str, predicate: str, polarity: str, english: Language) -> None:
    c = claim(text, english, predicate)
    assert c.polarity == polarity
