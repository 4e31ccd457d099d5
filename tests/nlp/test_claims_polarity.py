"""Claims from real spaCy parses: statements in the source's words, doers, negation scope, denial wording."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newscorpus.models import ClaimRecord
from newscorpus.nlp import extract as nlp


def claims(text: str, english: Language) -> list[ClaimRecord]:
    return nlp.extract(text, english).claims


def claim(text: str, english: Language, predicate: str) -> ClaimRecord:
    found = [c for c in claims(text, english) if c.predicate == predicate]
    assert len(found) == 1, claims(text, english)
    return found[0]


# --- statements in the source's own words ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        pytest.param(
            "The mayor, who took office in May, closed the old bridge, officials said.",
            "The mayor closed the old bridge",
            id="relative-clause-and-attribution-dropped",
        ),
        pytest.param(
            "Anna Keller, the new mayor, closed the old bridge on Monday.",
            "Anna Keller closed the old bridge on Monday",
            id="appositive-dropped",
        ),
        pytest.param(
            "The mayor closed the old bridge as protesters gathered outside.",
            "The mayor closed the old bridge",
            id="side-clause-dropped",
        ),
        pytest.param(
            "According to the council, the mayor closed the old bridge.",
            "the mayor closed the old bridge",
            id="according-to-dropped",
        ),
        pytest.param(
            "The mayor reportedly closed the old bridge.", "The mayor closed the old bridge", id="hedge-dropped"
        ),
        pytest.param(
            "Officials said that the mayor closed the old bridge.", "the mayor closed the old bridge", id="that-dropped"
        ),
    ],
)
def test_the_statement_is_the_clause_without_its_side_clauses(text: str, statement: str, english: Language) -> None:
    assert claim(text, english, "close").statement == statement


def test_a_relative_clause_is_its_own_claim_about_the_noun_it_describes(english: Language) -> None:
    c = claim("The mayor, who took office in May, closed the old bridge, officials said.", english, "take")
    assert c.statement == "The mayor took office in May"


def test_each_conjunct_states_its_own_clause_with_the_shared_doer(english: Language) -> None:
    found = claims("The mayor closed the old bridge and opened a new road.", english)
    assert [c.statement for c in found] == ["The mayor closed the old bridge", "The mayor opened a new road"]


@pytest.mark.parametrize(
    "text",
    ["The union agreed to end the strike.", "The union refused to end the strike."],
)
def test_an_aim_is_not_a_claim_that_it_was_done(text: str, english: Language) -> None:
    assert claim(text, english, "end").polarity == "unrealized"  # kept for its attribution, never aligned


def test_what_someone_managed_to_do_is_a_claim_with_its_doer_and_no_stray_to(english: Language) -> None:
    c = claim("The union managed to end the strike.", english, "end")
    assert (c.statement, c.polarity) == ("The union end the strike", "asserted")


# --- the doer ----------------------------------------------------------------------------------


def test_a_named_person_is_a_name(english: Language) -> None:
    c = claim("Anna Keller closed the old bridge on Monday.", english, "close")
    assert (c.subject, c.subject_kind) == ("Anna Keller", "name")


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        ("Anna Keller arrived on Monday. She closed the old bridge.", "Anna Keller"),
        ("Mr. Keller met Ms. Brandt on Monday. He closed the old bridge.", "Keller"),  # the title tells
        ("Mr. Keller met Ms. Brandt on Monday. She closed the old bridge.", "Brandt"),
        ("John Keller met Mary Brandt. Later he closed the old bridge.", "John Keller"),  # the given name tells
        ("Keller met Mary Brandt. Later he closed the old bridge.", "Keller"),  # a surname alone may be anyone
    ],
)
def test_he_or_she_is_the_last_person_named_whose_gender_fits(text: str, doer: str, english: Language) -> None:
    c = claim(text, english, "close")
    assert c.subject_kind == "name"
    assert c.subject_start is not None and text[c.subject_start : c.subject_end] == doer


def test_he_with_no_person_before_it_is_unresolved(english: Language) -> None:
    assert claim("He closed the old bridge on Monday.", english, "close").subject_kind == "unresolved"


@pytest.mark.parametrize("pronoun", ["It", "They"])
def test_it_or_they_is_unresolved(pronoun: str, english: Language) -> None:
    text = f"{pronoun} closed the old bridge on Monday."
    c = claim(text, english, "close")
    assert c.subject_kind == "unresolved"
    assert c.subject_start is not None and c.subject_end is not None
    assert text[c.subject_start : c.subject_end] == pronoun


def test_a_passive_with_no_agent_names_no_doer(english: Language) -> None:
    c = claim("The contract was signed last week.", english, "sign")
    assert (c.subject, c.subject_kind, c.subject_start, c.subject_end) == ("", None, None, None)
    assert c.object == "contract"


# --- negation scope ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["No one was hurt in the fire.", "Nobody was injured in the crash.", "Police said no one was hurt."]
)
def test_no_one_hurt_is_a_negated_claim_about_people(text: str, english: Language) -> None:
    [c] = claims(text, english)
    assert (c.object, c.polarity) == ("people", "negated")


@pytest.mark.parametrize("text", ["Twelve people were hurt in the fire.", "Two passengers were injured in the crash."])
def test_people_counted_as_hurt_are_an_asserted_claim_about_people(text: str, english: Language) -> None:
    [c] = claims(text, english)
    assert (c.object, c.polarity) == ("people", "asserted")


def test_no_choice_but_to_is_not_negated(english: Language) -> None:
    found = claims("The council had no choice but to close the old bridge.", english)
    assert found and all(c.polarity == "asserted" for c in found), found


@pytest.mark.parametrize(
    "text",
    [
        "The storm not only flooded the roads but also cut the power.",
        "Not only did the storm flood the roads, but it also cut the power.",
    ],
)
def test_not_only_but_also_is_not_negated(text: str, english: Language) -> None:
    found = claims(text, english)
    assert [(c.predicate, c.polarity) for c in found] == [("flood", "asserted"), ("cut", "asserted")]


def test_no_in_a_prepositional_phrase_does_not_negate_the_clause(english: Language) -> None:
    assert claim("The mayor closed the bridge with no warning.", english, "close").polarity == "asserted"


# --- denial wording beyond denial verbs ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "There is no evidence that the minister took bribes.",
        "The claim that the minister took bribes is false.",
        "The claim that the minister took bribes is baseless.",
        "Reports that the minister took bribes are unfounded.",
        "It is not true that the minister took bribes.",
        "We do not believe that the minister took bribes.",
        "We do not believe the minister took bribes.",
    ],
)
def test_a_clause_called_false_is_denied(text: str, english: Language) -> None:
    c = claim(text, english, "take")
    assert (c.object, c.polarity, c.statement) == ("bribe", "denied", "the minister took bribes")


@pytest.mark.parametrize(
    "text",
    [
        "There is evidence that the minister took bribes.",
        "It is true that the minister took bribes.",
        "The claim that the minister took bribes is not false.",
        "We believe that the minister took bribes.",
    ],
)
def test_the_same_wording_without_its_negation_denies_nothing(text: str, english: Language) -> None:
    assert claim(text, english, "take").polarity == "asserted"


def test_the_one_who_does_not_believe_is_the_attribution(english: Language) -> None:
    assert claim("We do not believe that the minister took bribes.", english, "take").attribution == "We"


@pytest.mark.parametrize(
    ("text", "predicate", "obj"),
    [
        ("Officials ruled out a tax rise.", "rise", "tax"),
        ("The mayor ruled out a closure of the bridge.", "closure", "bridge"),
    ],
)
def test_ruled_out_is_a_denial_verb(text: str, predicate: str, obj: str, english: Language) -> None:
    [c] = claims(text, english)  # and "ruled out" is no claim of its own
    assert (c.predicate, c.object, c.polarity) == (predicate, obj, "denied")


def test_contested_is_a_denial_verb(english: Language) -> None:
    c = claim("The council contested reports that the plant leaked waste.", english, "leak")
    assert (c.object, c.polarity, c.attribution) == ("waste", "denied", "council")


@pytest.mark.parametrize(
    "text",
    [
        "The minister did not dispute that he took the money.",
        "The minister did not deny that he took the money.",
        "The minister does not contest that he took the money.",
    ],
)
def test_not_disputing_a_clause_asserts_it(text: str, english: Language) -> None:
    c = claim(text, english, "take")
    assert (c.object, c.polarity, c.attribution) == ("money", "asserted", "minister")


# --- a request declined is not a claim denied ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The council rejected calls for a curfew.",
        "The council rejected demands for a curfew.",
        "The council dismissed a proposal for a curfew.",
    ],
)
def test_rejecting_a_request_denies_nothing(text: str, english: Language) -> None:
    assert not [c for c in claims(text, english) if c.polarity == "denied"]


def test_rejecting_a_request_to_act_asserts_nothing_about_the_act(english: Language) -> None:
    found = [c for c in claims("The council rejected calls to impose a curfew.", english) if c.object == "curfew"]
    assert [c.polarity for c in found] == ["unrealized"]


def test_denying_an_offer_still_denies_one_was_made(english: Language) -> None:
    c = claim("The firm denied any offer of a bribe.", english, "offer")
    assert (c.object, c.polarity, c.attribution) == ("bribe", "denied", "firm")


@pytest.mark.parametrize(
    ("text", "obj"),
    [
        pytest.param("The firm denied any payment of bribes.", "bribe", id="of"),
        pytest.param("The firm denied any payment for the contract.", "contract", id="for"),
        pytest.param(
            "The firm denied any payment to the agency.",
            "agency",
            id="to",
        ),
    ],
)
def test_denying_a_payment_is_a_denied_claim(text: str, obj: str, english: Language) -> None:
    c = claim(text, english, "payment")
    assert (c.object, c.polarity) == (obj, "denied")


def test_we_in_a_quotation_is_its_speaker(english: Language) -> None:
    text = '"We have not closed the old bridge," a city spokeswoman said.'
    c = claim(text, english, "close")
    assert c.subject_kind == "description"
    assert text[c.subject_start : c.subject_end] == "city spokeswoman"


def test_we_outside_a_quotation_is_unresolved(english: Language) -> None:
    assert claim("We closed the old bridge on Monday.", english, "close").subject_kind == "unresolved"
