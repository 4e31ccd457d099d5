"""Story grouping on small hand-made articles: the pure functions of resolve/stories.py."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import pytest

from newscorpus.resolve.stories import MAX_GAP_DAYS, StoryDoc, corrections_without, describe, group, terms

QUAKE_DAY = date(2019, 3, 9)


def doc(
    doc_id: str,
    text: str,
    entities: Mapping[str, int] | None = None,
    *,
    published: date | None = None,
    months: frozenset[str] = frozenset(),
    copy_of: str | None = None,
) -> StoryDoc:
    return StoryDoc(doc_id, terms(text), dict(entities or {}), months, published, copy_of)


QUAKE_NAMES = {"Ostrevo": 4, "Halvek Province": 1, "Tomas Velikan": 2, "Irena Dovrak": 1}
TRIAL_NAMES = {"Adrian Keller": 3, "Keller Freight": 2, "Helena Varga": 1, "Dravisk": 1}


def quake(doc_id: str, published: date | None = QUAKE_DAY, **kwargs: object) -> StoryDoc:
    texts = {
        "q1": "A magnitude 6.1 earthquake struck Ostrevo, killing 12 people. Rescuers searched the rubble of "
        "collapsed stone houses. Velikan said aftershocks shook the valley and landslides blocked roads.",
        "q2": "An earthquake killed eight people in Ostrevo. Rescue crews pulled survivors from the rubble and "
        "aftershocks rattled the valley. Governor Dovrak said landslides cut off villages.",
        "q3": "Ostrevo counted its dead after the earthquake. Velikan said rescuers had searched every collapsed "
        "house and the rubble of the bell tower; aftershocks continued in the valley.",
    }
    return doc(doc_id, texts[doc_id], QUAKE_NAMES, published=published, months=frozenset({"2019-03"}), **kwargs)


def trial(doc_id: str, published: date | None = date(2021, 11, 8)) -> StoryDoc:
    texts = {
        "t1": "Adrian Keller went on trial accused of fraud. Prosecutor Varga said the shipping contracts were "
        "fake and investors were defrauded of 48 million euros. Keller denies the charges.",
        "t2": "A former accountant testified at the fraud trial of Keller that the shipping contracts were fake. "
        "The prosecutor said investors and pension funds lost millions. The judge adjourned the hearing.",
    }
    return doc(doc_id, texts[doc_id], TRIAL_NAMES, published=published, months=frozenset({"2021-11"}))


def corpus() -> list[StoryDoc]:
    return [quake("q1"), trial("t1"), quake("q2"), trial("t2"), quake("q3")]


# --- terms ------------------------------------------------------------------------------------


def test_terms_drops_stop_words_and_reporting_words() -> None:
    found = terms("The police said on Monday that they were there, and the officers had left.")
    assert "the" not in found and "said" not in found and "monday" not in found and "they" not in found
    assert found["police"] == 1
    assert found["officer"] == 1


def test_terms_counts_words_folded_to_lower_case() -> None:
    assert terms("Earthquake EARTHQUAKE earthquake") == {"earthquake": 3}


def test_terms_cuts_a_plural_s_and_ies() -> None:
    found = terms("riots riot cities city aftershocks")
    assert found == {"riot": 2, "city": 2, "aftershock": 1}


def test_terms_keeps_words_that_only_end_in_s() -> None:
    found = terms("glass virus analysis bus")
    assert set(found) == {"glass", "virus", "analysis", "bus"}


def test_terms_folds_accents() -> None:
    assert terms("Zürich Café Zurich cafe São") == {"zurich": 2, "cafe": 2, "sao": 1}


def test_terms_cuts_a_possessive_and_skips_numbers_and_short_words() -> None:
    found = terms("Ostrevo's mayor, 2019, 6.1 km at 4:17 a.m.")
    assert found == {"ostrevo": 1, "mayor": 1}


# --- group ------------------------------------------------------------------------------------


def test_documents_sharing_names_and_words_are_one_story_and_unrelated_ones_apart() -> None:
    assert group(corpus()) == [["q1", "q2", "q3"], ["t1", "t2"]]


def test_stories_are_most_articles_first_whatever_the_input_order() -> None:
    assert group(list(reversed(corpus()))) == [["q3", "q2", "q1"], ["t2", "t1"]]


def test_every_document_is_in_exactly_one_story() -> None:
    found = group(corpus())
    ids = [d for story in found for d in story]
    assert sorted(ids) == sorted(d.doc for d in corpus())


def test_a_document_sharing_nothing_is_a_story_of_its_own() -> None:
    lone = doc("x", "Tomatoes and basil grow well in sunny gardens.", {"Bramblewick Allotments": 1})
    assert group([*corpus(), lone]) == [["q1", "q2", "q3"], ["t1", "t2"], ["x"]]


def test_one_shared_name_does_not_join_two_events() -> None:
    # the province names in both, nothing else is shared
    flood = doc(
        "f1",
        "Floodwaters from the swollen river swept away bridges and drowned livestock on farms.",
        {"Halvek Province": 1, "Lisna": 3},
        published=QUAKE_DAY,
    )
    assert group([quake("q1"), quake("q2"), flood]) == [["q1", "q2"], ["f1"]]


def test_no_documents_no_stories() -> None:
    assert group([]) == []


def test_a_copy_goes_with_its_original_whatever_its_words() -> None:
    # its words are the trial's: only copy_of puts it with the quake
    copy = StoryDoc("c1", trial("t1").terms, dict(TRIAL_NAMES), copy_of="q2")
    assert group([*corpus(), copy]) == [["q1", "q2", "q3", "c1"], ["t1", "t2"]]


def test_a_copy_of_a_missing_original_is_a_story_of_its_own() -> None:
    copy = StoryDoc("c1", quake("q1").terms, dict(QUAKE_NAMES), copy_of="gone")
    assert group([*corpus(), copy]) == [["q1", "q2", "q3"], ["t1", "t2"], ["c1"]]


def test_two_copies_of_one_original_both_follow_it() -> None:
    copies = [StoryDoc(f"c{i}", {}, copy_of="t1") for i in (1, 2)]
    assert group([*corpus(), *copies]) == [["t1", "t2", "c1", "c2"], ["q1", "q2", "q3"]]


# --- corrections ------------------------------------------------------------------------------


def test_merge_joins_the_stories_of_the_two_documents() -> None:
    assert group(corpus(), [("merge", "q1", "t2")]) == [["q1", "t1", "q2", "t2", "q3"]]


def test_move_takes_one_document_into_the_story_of_the_other() -> None:
    assert group(corpus(), [("move", "t1", "q3")]) == [["q1", "t1", "q2", "q3"], ["t2"]]


def test_split_takes_a_document_out_into_a_story_of_its_own() -> None:
    assert group(corpus(), [("split", "q2", "q2")]) == [["q1", "q3"], ["t1", "t2"], ["q2"]]


def test_split_documents_together_go_together() -> None:
    found = group(corpus(), [("split", "q2", "q2"), ("split", "q3", "q2")])
    assert found == [["q2", "q3"], ["t1", "t2"], ["q1"]]


def test_corrections_are_applied_in_the_order_given() -> None:
    moved_then_split = group(corpus(), [("move", "t1", "q1"), ("split", "t1", "t1")])
    split_then_moved = group(corpus(), [("split", "t1", "t1"), ("move", "t1", "q1")])
    assert moved_then_split == [["q1", "q2", "q3"], ["t1"], ["t2"]]
    assert split_then_moved == [["q1", "t1", "q2", "q3"], ["t2"]]


def test_a_merge_then_a_split_out_of_the_merged_story() -> None:
    found = group(corpus(), [("merge", "t1", "q1"), ("split", "q2", "q2")])
    assert found == [["q1", "t1", "t2", "q3"], ["q2"]]


def test_corrections_naming_unknown_documents_are_skipped() -> None:
    corrections = [("merge", "q1", "gone"), ("move", "gone", "t1"), ("split", "gone", "gone")]
    assert group(corpus(), corrections) == group(corpus())


def test_a_second_split_run_is_a_story_apart_from_the_first() -> None:
    corrections = [("split", "q1", "q1"), ("split", "q2", "q1"), ("split", "q1", "q1"), ("split", "q3", "q1")]
    assert group(corpus(), corrections) == [["q1", "q3"], ["t1", "t2"], ["q2"]]


UNCORRECTED = [["q1", "q2", "q3"], ["t1", "t2"]]


def test_a_correction_about_a_removed_document_goes_with_it() -> None:
    corrections = [("move", "t1", "q1"), ("merge", "q1", "t2")]
    assert corrections_without(corrections, {"t1"}, UNCORRECTED) == [("merge", "q1", "t2")]


def test_a_removed_stand_in_is_replaced_by_another_article_of_its_uncorrected_story() -> None:
    corrections = [("merge", "q1", "t1"), ("move", "q3", "t1")]
    kept = corrections_without(corrections, {"t1"}, UNCORRECTED)
    assert kept == [("merge", "q1", "t2"), ("move", "q3", "t2")]
    assert corrections_without(corrections, {"t1", "t2"}, UNCORRECTED) == []  # nothing left of that story


def test_a_split_run_whose_first_document_goes_starts_at_the_next() -> None:
    corrections = [("split", "q1", "q1"), ("split", "q2", "q1"), ("split", "q3", "q1")]
    kept = corrections_without(corrections, {"q1"}, UNCORRECTED)
    assert kept == [("split", "q2", "q2"), ("split", "q3", "q2")]
    corpus_left = [d for d in corpus() if d.doc != "q1"]
    assert group(corpus_left, kept) == group(corpus_left, [("split", "q2", "q2"), ("split", "q3", "q2")])


def test_corrections_apply_to_copies_too() -> None:
    copy = StoryDoc("c1", {}, copy_of="q1")
    found = group([*corpus(), copy], [("move", "c1", "t1")])
    assert found == [["q1", "q2", "q3"], ["t1", "t2", "c1"]]


# --- time -------------------------------------------------------------------------------------


def test_documents_published_more_than_max_gap_days_apart_are_not_joined() -> None:
    late = QUAKE_DAY + timedelta(days=MAX_GAP_DAYS + 1)
    assert group([quake("q1"), quake("q2", published=late)]) == [["q1"], ["q2"]]


def test_documents_published_max_gap_days_apart_are_joined() -> None:
    edge = QUAKE_DAY + timedelta(days=MAX_GAP_DAYS)
    assert group([quake("q1"), quake("q2", published=edge)]) == [["q1", "q2"]]


def test_a_gap_counts_both_ways() -> None:
    early = QUAKE_DAY - timedelta(days=MAX_GAP_DAYS + 1)
    assert group([quake("q1"), quake("q2", published=early)]) == [["q1"], ["q2"]]


def test_a_document_with_no_date_is_compared_with_any() -> None:
    late = QUAKE_DAY + timedelta(days=10 * MAX_GAP_DAYS)
    assert group([quake("q1"), quake("q2", published=None), quake("q3", published=late)]) == [["q1", "q2", "q3"]]


def test_documents_far_apart_join_only_through_one_between_them() -> None:
    # q1 and q3 are never compared (counted 0), but each is close in time to q2
    middle = QUAKE_DAY + timedelta(days=MAX_GAP_DAYS)
    late = QUAKE_DAY + timedelta(days=2 * MAX_GAP_DAYS)
    apart = group([quake("q1"), quake("q3", published=late)])
    bridged = group([quake("q1"), quake("q2", published=middle), quake("q3", published=late)])
    assert apart == [["q1"], ["q3"]]
    assert bridged == [["q1", "q2", "q3"]]


def test_a_merge_joins_documents_far_apart_in_time() -> None:
    late = QUAKE_DAY + timedelta(days=4 * 365)
    docs = [quake("q1"), quake("q2", published=late)]
    assert group(docs, [("merge", "q1", "q2")]) == [["q1", "q2"]]


# --- describe ---------------------------------------------------------------------------------


@pytest.fixture
def labels() -> list[str]:
    docs = {d.doc: d for d in corpus()}
    return describe(group(list(docs.values())), docs)


def test_describe_gives_a_label_per_story(labels: list[str]) -> None:
    assert len(labels) == 2


def test_describe_names_the_story_then_its_words(labels: list[str]) -> None:
    quake_label, trial_label = labels
    names, words = quake_label.split(" · ")
    assert "Ostrevo" in names.split(", ")
    assert len(names.split(", ")) == 3
    assert len(words.split(", ")) == 2
    assert set(words.split(", ")) <= set().union(*(quake(d).terms for d in ("q1", "q2", "q3")))
    assert "Adrian Keller" in trial_label.split(" · ")[0].split(", ")


def test_describe_gives_only_names_and_words_of_the_story(labels: list[str]) -> None:
    quake_label, trial_label = labels
    assert not {"Adrian Keller", "Keller Freight", "Helena Varga", "Dravisk"} & set(
        quake_label.split(" · ")[0].split(", ")
    )
    assert not set(QUAKE_NAMES) & set(trial_label.split(" · ")[0].split(", "))
    trial_words = set(trial_label.split(" · ")[1].split(", "))
    assert trial_words <= set(trial("t1").terms) | set(trial("t2").terms)


def test_describe_does_not_repeat_a_name_as_a_word(labels: list[str]) -> None:
    for label in labels:
        names, words = label.split(" · ")
        name_words = {w for name in names.split(", ") for w in terms(name)}
        assert not name_words & set(words.split(", "))


def test_describe_prefers_what_few_other_stories_share() -> None:
    # "Halvek Province" is named in both stories; the two towns only in theirs
    docs = {
        "a": StoryDoc("a", {"rubble": 2}, {"Halvek Province": 5, "Ostrevo": 1}),
        "b": StoryDoc("b", {"warehouse": 2}, {"Halvek Province": 5, "Kalnitsa": 1}),
    }
    first, second = describe([["a"], ["b"]], docs)
    assert first.split(" · ")[0].split(", ")[0] == "Ostrevo"
    assert second.split(" · ")[0].split(", ")[0] == "Kalnitsa"


def test_describe_without_names_gives_words_and_without_either_says_so() -> None:
    docs = {"a": StoryDoc("a", {"rubble": 1, "aftershock": 1}), "b": StoryDoc("b", {})}
    assert describe([["a"], ["b"]], docs) == ["aftershock, rubble", "(no words)"]
