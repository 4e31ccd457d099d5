"""Cross-source alignment on small hand-made rows: conflicts, shared quotes, asserted and denied claims."""

from __future__ import annotations

import pytest

from newscorpus.align import (
    FARTHEST,
    align_claims,
    compare_figures,
    conflicts,
    quote_from,
    quote_groups,
    quote_key,
    same_quote,
    statement_of,
)
from newscorpus.models import ClaimRow, Figure, Polarity, QuoteRow, SubjectKind


def figure(
    doc: str,
    value: float,
    qualifier: str | None = None,
    key: str = "arrest",
    unit: str = "",
    high: float | None = None,
) -> Figure:
    text = f"{qualifier or ''} {value}{f' to {high}' if high else ''} {unit}".strip()
    return Figure(
        doc=doc, text=text, value=value, unit=unit, qualifier=qualifier, high=high, counts=key, key=key, sentence=text
    )


def test_disagreeing_sources_are_a_conflict() -> None:
    found = conflicts([figure("a", 2000, "approximately"), figure("b", 2400, "over")])
    assert len(found) == 1
    assert [(v.doc, v.value) for v in found[0].values] == [("a", 2000), ("b", 2400)]


def test_agreeing_sources_are_not() -> None:
    assert not conflicts([figure("a", 10, unit="days", key="ban"), figure("b", 10, unit="days", key="ban")])
    assert not conflicts([figure("a", 2000, "about"), figure("b", 2100)])


def test_one_source_never_conflicts_with_itself() -> None:
    assert not conflicts([figure("a", 7_300_000, key="vote"), figure("a", 3_300_000, key="vote")])


def test_a_source_agreeing_with_any_value_of_another_is_no_conflict() -> None:
    # "7.3 million votes to 3.3 million" in one source, "3.3 million votes" in another
    rows = [figure("a", 7_300_000, key="vote"), figure("a", 3_300_000, key="vote"), figure("b", 3_300_000, key="vote")]
    assert not conflicts(rows)


def test_different_things_or_measures_are_not_compared() -> None:
    assert not conflicts([figure("a", 2000), figure("b", 21, key="death")])
    assert not conflicts([figure("a", 10, unit="days", key="ban"), figure("b", 10, unit="USD", key="ban")])


def test_units_of_one_measure_are_compared_converted() -> None:
    assert not conflicts([figure("a", 14, unit="days", key="ban"), figure("b", 2, unit="weeks", key="ban")])
    [conflict] = conflicts([figure("a", 10, unit="days", key="ban"), figure("b", 2, unit="weeks", key="ban")])
    assert conflict.pairs == [(0, 1)]
    # "about 200ft" is about 61 m: it agrees with "60 metres" and not with "about 150 metres"
    assert not conflicts(
        [figure("a", 200, "about", unit="feet", key="fall"), figure("b", 60, unit="metres", key="fall")]
    )
    assert conflicts(
        [figure("a", 200, "about", unit="feet", key="fall"), figure("b", 150, "about", unit="metres", key="fall")]
    )


def test_a_quote_cut_short_is_the_same_quote() -> None:
    a = quote_key("Don't mess with Venezuela's internal affairs,")
    b = quote_key("Don’t mess with Venezuela’s internal affairs, that’s all I ask for")
    assert same_quote(a, b)
    assert not same_quote(quote_key("on the table"), quote_key("everything is on the table now"))
    assert not same_quote(quote_key("We will win this election"), quote_key("They lost the vote badly"))


def test_quotes_group_across_documents_and_flag_different_speakers() -> None:
    rows = [
        QuoteRow("a", "the responsibility is on them to come clean", "a spokesperson", "s1", group=0),
        QuoteRow(
            "b", "The responsibility is on them to come clean on the results.", "a senior official", "s2", group=0
        ),
        QuoteRow("c", "There will be no forgiveness", "Nicolás Maduro", "s3", group=2),
    ]
    groups = quote_groups([r.text for r in rows])
    assert groups == [0, 0, 2]  # each named by its first quote
    grouped = [quote_from(rows[:2]), quote_from(rows[2:])]
    assert grouped[0].docs == ["a", "b"]
    assert grouped[0].speakers_differ
    assert grouped[0].text.startswith("The responsibility")  # the fullest version
    assert grouped[1].docs == ["c"] and not grouped[1].speakers_differ


@pytest.mark.parametrize(
    ("speakers", "differ"),
    [
        ([("Donald Trump", True), ("Hillary Clinton", True)], True),
        ([("Donald Trump", True), ("the president", False)], False),  # a title beside the name it may be
        ([("a campaign spokesman", False), ("a senior official", False)], True),
        ([("One source", False), ("a person familiar with the talks", False)], False),  # could be anyone
        ([("Donald Trump", True), ("Donald Trump", True), ("sources", False)], False),
    ],
)
def test_sources_differ_only_when_they_credit_two_people(speakers: list[tuple[str, bool]], differ: bool) -> None:
    rows = [QuoteRow(f"d{i}", "We will build it", s, "s", 0, named=n) for i, (s, n) in enumerate(speakers)]
    assert quote_from(rows).speakers_differ is differ


def test_a_named_speaker_is_shown_before_a_description() -> None:
    rows = [QuoteRow("a", "We will", "the president", "s", 0), QuoteRow("b", "We will", "Donald Trump", "s", 0, True)]
    assert quote_from(rows).speaker == "Donald Trump"


def claim(
    doc: str, polarity: Polarity, attribution: str | None = None, entity: str | None = None, vague: bool = False
) -> ClaimRow:
    return ClaimRow(
        doc, "US", "name", "United States", "offer", "amnesty", "US offer amnesty", polarity, attribution, entity,
        vague, "sentence",
    )  # fmt: skip


def test_claims_align_into_asserted_and_denied_with_their_origins() -> None:
    rows = [
        claim("a", "asserted", "The Journal", "The Wall Street Journal"),
        claim("b", "asserted", "reportedly", vague=True),
        claim("c", "asserted", "people familiar with the talks", vague=True),
        claim("d", "negated", "a Miami Herald report", "Miami Herald"),
        claim("e", "denied", "The State Department", "State Department"),
    ]
    origins = {"b": "The Wall Street Journal", "c": "The Wall Street Journal"}
    [row] = align_claims(rows, origins)
    assert row.asserted_by == ["a", "b", "c"]
    assert row.denied_by == ["d", "e"]
    assert row.disputed
    assert row.origins == {
        "a": "The Wall Street Journal",
        "b": "The Wall Street Journal",
        "c": "The Wall Street Journal",
        "d": "Miami Herald",
        "e": "State Department",
    }
    assert row.summary == (
        "asserted by 3 sources on 1 origin (The Wall Street Journal); "
        "denied by 2 sources on 2 origins (Miami Herald, State Department)"
    )


def test_a_source_reporting_a_claim_and_its_denial_counts_as_denying() -> None:
    [row] = align_claims([claim("a", "asserted"), claim("a", "denied", "US officials"), claim("b", "asserted")], {})
    assert row.asserted_by == ["b"] and row.denied_by == ["a"] and row.disputed
    assert row.origins["a"] == "US officials"


def test_a_denial_nobody_asserts_is_one_side_not_a_dispute() -> None:
    [row] = align_claims([claim("a", "negated"), claim("b", "denied", "officials")], {})
    assert row.asserted_by == [] and row.denied_by == [] and not row.disputed
    assert row.negated_by == ["a", "b"]
    assert "asserted by none" in row.summary


def test_unrelated_claims_stay_apart() -> None:
    rows = [
        claim("a", "asserted"),
        claim("b", "asserted")._replace(
            subject="allies",
            subject_kind="description",
            subject_entity=None,
            object="asylum",
            statement="allies offer asylum",
        ),
    ]
    assert len(align_claims(rows, {})) == 2


# --- issue 16: conflicts name the disagreeing pairs, agreements are found --------------------

Side = tuple[str, float]  # (doc, value) of one value in a pair


def compared(rows: list[Figure]) -> tuple[list[set[frozenset[Side]]], int]:
    """Each conflict's pairs as sets of {(doc, value), (doc, value)}, and how many agreements there are."""
    found, agreements = compare_figures(rows)
    named = [
        {frozenset({(c.values[i].doc, c.values[i].value), (c.values[j].doc, c.values[j].value)}) for i, j in c.pairs}
        for c in found
    ]
    return named, len(agreements)


def pair(a: Side, b: Side) -> frozenset[Side]:
    return frozenset({a, b})


@pytest.mark.parametrize(
    ("rows", "pairs", "agreements"),
    [
        pytest.param(
            [figure("a", 2000, "approximately"), figure("b", 2400, "over")],
            [{pair(("a", 2000), ("b", 2400))}],
            0,
            id="two-sources-disagree",
        ),
        pytest.param(
            # "about 2,000" and "2,100" agree: only the source saying "over 2,400" is paired, with each of them
            [figure("a", 2000, "about"), figure("b", 2100), figure("c", 2400, "over")],
            [{pair(("a", 2000), ("c", 2400)), pair(("b", 2100), ("c", 2400))}],
            0,
            id="agreeing-sources-are-not-paired",
        ),
        pytest.param(
            # a's 300 agrees with c's 300 and is in no pair; a against b is named by its closest values
            [figure("a", 100), figure("a", 300), figure("b", 150), figure("c", 300)],
            [{pair(("a", 100), ("b", 150)), pair(("b", 150), ("c", 300))}],
            0,
            id="an-agreeing-value-is-in-no-pair",
        ),
        pytest.param(
            [figure("a", 2000, "about"), figure("b", 2100), figure("c", 2200, "nearly")],
            [],
            1,
            id="all-agree-is-an-agreement",
        ),
        pytest.param([figure("a", 20, high=30), figure("b", 25)], [], 1, id="a-value-inside-a-range-agrees"),
        pytest.param(
            [figure("a", 100, "nearly"), figure("b", 100, "more than")],
            [{pair(("a", 100), ("b", 100))}],
            0,
            id="nearly-and-more-than-one-number-conflict",
        ),
        pytest.param([figure("a", 10), figure("b", 10 * FARTHEST + 1)], [], 0, id="over-4x-apart-not-paired"),
        pytest.param(
            [figure("a", 10), figure("b", 10 * FARTHEST)], [{pair(("a", 10), ("b", 40))}], 0, id="4x-apart-is-paired"
        ),
        pytest.param(
            [figure("a", 10, unit="days", key="ban"), figure("b", 10, unit="USD", key="ban")],
            [],
            0,
            id="different-measures-never-compared",
        ),
        pytest.param(
            [figure("a", 10, unit="percent", key="rise"), figure("b", 10, unit="percentage points", key="rise")],
            [],
            0,
            id="percent-and-points-never-compared",
        ),
        pytest.param(
            [
                figure("a", 7_300_000, key="vote"),
                figure("a", 3_300_000, key="vote"),
                figure("b", 3_300_000, key="vote"),
            ],
            [],
            0,  # a's two values cannot both be true of one thing, so not an agreement either
            id="one-value-agreeing-with-the-other-source-is-no-conflict",
        ),
        pytest.param(
            [figure("a", 2000, key=""), figure("b", 2400, key="")], [], 0, id="figures-without-a-key-never-compared"
        ),
        pytest.param(
            [figure("a", 200, unit="feet", key="fall"), figure("b", 60, unit="metres", key="fall")],
            [],
            1,
            id="200ft-agrees-with-60m",
        ),
        pytest.param(
            [figure("a", 200, "about", unit="feet", key="fall"), figure("b", 150, "about", unit="metres", key="fall")],
            [{pair(("a", 200), ("b", 150))}],
            0,
            id="about-200ft-conflicts-with-about-150m",
        ),
        pytest.param(
            [figure("a", 22, unit="months", key="jail"), figure("b", 2, "nearly", unit="years", key="jail")],
            [],
            1,
            id="22-months-agrees-with-nearly-2-years",
        ),
    ],
)
def test_compare_figures(rows: list[Figure], pairs: list[set[frozenset[Side]]], agreements: int) -> None:
    assert compared(rows) == (pairs, agreements)


def test_a_conflict_lists_all_values_by_doc_and_pairs_index_them() -> None:
    [conflict], agreements = compare_figures(
        [figure("b", 2400, "over"), figure("a", 2000, "about"), figure("a", 21, key="arrest")]
    )
    assert agreements == []
    assert [(v.doc, v.value) for v in conflict.values] == [("a", 21), ("a", 2000), ("b", 2400)]
    assert conflict.pairs == [(1, 2)]  # 21 is more than 4x from 2,400: the pair is the closest values
    assert conflict.unit == "" and conflict.counts == "arrest"


def test_values_in_other_units_are_ordered_by_their_base_value() -> None:
    [conflict], _ = compare_figures(
        [figure("a", 300, unit="feet", key="fall"), figure("b", 60, "about", unit="metres", key="fall")]
    )
    assert [(v.doc, v.value, v.unit) for v in conflict.values] == [("a", 300, "feet"), ("b", 60, "metres")]
    assert conflict.pairs == [(0, 1)]


def test_a_pronoun_a_bare_noun_or_a_dateline_is_not_an_origin() -> None:
    rows = [claim("a", "asserted", "he"), claim("b", "denied", "police"), claim("c", "denied", "SEOUL")]
    [row] = align_claims(rows, {"a": "Reuters"})
    assert row.origins == {"a": None, "b": None, "c": None}  # and "he said" does not rest on the article's report


def test_an_unattributed_claim_rests_on_no_report() -> None:
    [row] = align_claims([claim("a", "asserted"), claim("b", "asserted", "a senior official")], {"a": "Reuters"})
    assert row.origins == {"a": None, "b": "a senior official"}


# --- claims split by their doer ---------------------------------------------------------------


def done_by(
    doc: str,
    entity: str | None,
    subject: str | None = None,
    kind: SubjectKind | None = "name",
    polarity: Polarity = "asserted",
    statement: str | None = None,
) -> ClaimRow:
    """A "land punch" row; the doer as written defaults to the entity's name, the statement to "X landed a punch"."""
    if subject is None:
        subject = entity or ""
    statement = statement or f"{subject} landed a punch".strip()
    return ClaimRow(
        doc, subject, kind, entity, "land", "punch", statement, polarity, None, None, False, statement + "."
    )


def test_one_act_by_two_doers_is_two_claims_and_no_dispute() -> None:
    rows = [done_by("a", "Klitschko"), done_by("b", "Rahman", polarity="negated")]
    found = align_claims(rows, {})
    assert sorted((c.asserted_by, c.negated_by) for c in found) == [([], ["b"]), (["a"], [])]
    assert not any(c.disputed for c in found)


@pytest.mark.parametrize(("subject", "kind"), [("he", "pronoun"), ("it", "unresolved"), ("they", "unresolved")])
def test_a_doer_nobody_can_pin_down_stands_alone(subject: str, kind: SubjectKind) -> None:
    rows = [done_by("a", "Klitschko"), done_by("b", None, subject, kind, "negated")]
    found = align_claims(rows, {})
    assert sorted(c.asserted_by + c.negated_by for c in found) == [["a"], ["b"]]
    assert not any(c.disputed for c in found)


def test_two_unpinned_doers_in_two_documents_stay_apart() -> None:
    rows = [done_by("a", None, "he", "pronoun"), done_by("b", None, "they", "unresolved", "negated")]
    assert len(align_claims(rows, {})) == 2


def test_a_clause_with_no_doer_joins_the_most_widely_carried_doer() -> None:
    rows = [
        done_by("a", "Klitschko"),
        done_by("b", "Klitschko"),
        done_by("c", "Rahman"),
        done_by("c", "Rahman"),  # more rows, but in fewer documents
        done_by("d", None, "", None, "negated", "no punch was landed"),
    ]
    [disputed, other] = align_claims(rows, {})
    assert disputed.asserted_by == ["a", "b"] and disputed.denied_by == ["d"]
    assert disputed.statement == "Klitschko landed a punch"
    assert (other.asserted_by, other.disputed) == (["c"], False)


def test_clauses_with_no_doer_anywhere_are_one_claim() -> None:
    rows = [done_by("a", None, "", None, statement="a punch was landed"), done_by("b", None, "", None, "negated")]
    [row] = align_claims(rows, {})
    assert row.disputed and row.asserted_by == ["a"] and row.denied_by == ["b"]


@pytest.mark.parametrize(
    ("subject", "entity", "statement", "named"),
    [
        ("He", "Wladimir Klitschko", "He landed a punch late", "Wladimir Klitschko landed a punch late"),
        ("she", "Anna Keller", "she landed a punch he never saw", "Anna Keller landed a punch he never saw"),
    ],
)
def test_a_resolved_he_or_she_is_named_in_the_carrier_statement(
    subject: str, entity: str, statement: str, named: str
) -> None:
    row = done_by("a", entity, subject, "pronoun", statement=statement)
    assert statement_of(row) == named
    [found] = align_claims([row], {})
    assert found.carriers[0].statement == named
    assert found.carriers[0].sentence == statement + "."  # the sentence is kept as written


def test_a_resolved_he_joins_the_claim_of_the_person_named() -> None:
    rows = [done_by("a", "Klitschko"), done_by("b", "Klitschko", "he", "pronoun", "negated", "he did not land a punch")]
    [row] = align_claims(rows, {})
    assert row.disputed and row.denied_by == ["b"]
    assert [c.statement for c in row.carriers] == ["Klitschko landed a punch", "Klitschko did not land a punch"]


def test_the_claim_statement_prefers_a_clause_that_names_its_people() -> None:
    rows = [
        done_by("a", "Klitschko", statement="Klitschko landed a punch on him"),
        done_by("b", "Klitschko", statement="Klitschko landed a punch on Rahman in the fifth"),
    ]
    [row] = align_claims(rows, {})
    assert row.statement == "Klitschko landed a punch on Rahman in the fifth"  # longer, but names who was hit


def test_a_resolved_pronoun_counts_as_named_for_the_claim_statement() -> None:
    rows = [
        done_by("a", "Klitschko", statement="Klitschko landed a punch on them"),
        done_by("b", "Klitschko", "he", "pronoun", statement="he landed a punch on Rahman"),
    ]
    [row] = align_claims(rows, {})
    assert row.statement == "Klitschko landed a punch on Rahman"


def test_a_quote_shows_the_description_its_carriers_give_its_speaker() -> None:
    rows = [
        QuoteRow("a", "We will", "Geoff Ramsey", "s", 0, True, "Venezuela expert"),
        QuoteRow("b", "We will", "Geoff Ramsey", "s", 0, True, None),
    ]
    quote = quote_from(rows)
    assert (quote.speaker, quote.speaker_description) == ("Geoff Ramsey", "Venezuela expert")
    assert [c.speaker_description for c in quote.carriers] == ["Venezuela expert", None]
