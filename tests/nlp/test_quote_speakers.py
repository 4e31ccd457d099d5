"""Who speaks a quote, on invented texts parsed by the real spaCy model: quotes that go on from the one
before, the marks a quote can sit between, cues, labels and credits, pronouns, outlets, descriptions."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newscorpus.models import QuoteRecord
from newscorpus.nlp import extract as nlp
from newscorpus.text import lexicon


def quotes(text: str, english: Language) -> list[QuoteRecord]:
    found = nlp.extract(text, english).quotes
    for quote in found:  # offsets always point back into the text
        assert text[quote.start : quote.end] == quote.text
        if quote.speaker_start is not None:
            assert text[quote.speaker_start : quote.speaker_end] == quote.speaker
    return found


def spoken(text: str, english: Language) -> list[tuple[str, str | None, str | None]]:
    """(quote, speaker, kind) for each quote in the text."""
    return [(q.text, q.speaker, q.speaker_kind) for q in quotes(text, english)]


def entities(text: str, english: Language) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in english(text).ents]


# --- a quote with no cue goes on from the one before --------------------------------------------


def test_a_second_quote_in_the_same_paragraph_takes_the_first_quotes_speaker(english: Language) -> None:
    text = '"The bridge will open next spring," Maria Lopez said. "We have waited long enough for it."'
    assert spoken(text, english) == [
        ("The bridge will open next spring", "Maria Lopez", "name"),
        ("We have waited long enough for it.", "Maria Lopez", "name"),
    ]


def test_the_continued_quote_points_at_the_same_speaker_span(english: Language) -> None:
    text = '"The bridge will open next spring," Maria Lopez said. "We have waited long enough for it."'
    first, second = quotes(text, english)
    assert (second.speaker_start, second.speaker_end) == (first.speaker_start, first.speaker_end)


@pytest.mark.parametrize(
    "text",
    [
        '"We will not give up on this project," Maria Lopez said.\n"The town deserves a safe crossing."',
        '"We will not give up on this project," Maria Lopez said.\n\n"The town deserves a safe crossing."',
        "“We will not give up on this project,” Maria Lopez said.\n“The town deserves a safe crossing.”",
    ],
    ids=["newline", "blank-line", "curly"],
)
def test_a_paragraph_opening_with_a_quote_takes_the_speaker_of_the_paragraph_before(
    text: str, english: Language
) -> None:
    assert spoken(text, english) == [
        ("We will not give up on this project", "Maria Lopez", "name"),
        ("The town deserves a safe crossing.", "Maria Lopez", "name"),
    ]


def test_a_run_of_quoted_paragraphs_all_take_the_first_speaker(english: Language) -> None:
    text = (
        '"The river has flooded the lower town twice this year," Maria Lopez said.\n'
        '"We need a new levee before the next storm arrives."\n'
        '"And we need it this year, not next year."'
    )
    assert [speaker for _, speaker, _ in spoken(text, english)] == ["Maria Lopez"] * 3


@pytest.mark.parametrize(
    "between",
    ["Tom Baker disagreed.", "Mr. Okafor disagreed."],
)
def test_a_person_named_between_two_quotes_stops_the_continuation(between: str, english: Language) -> None:
    text = f'"The budget is balanced this year," Maria Lopez said. {between} "The numbers do not add up at all."'
    first, second = quotes(text, english)
    assert first.speaker == "Maria Lopez"
    assert second.text == "The numbers do not add up at all."
    assert second.speaker_start != first.speaker_start
    assert "Lopez" not in (second.speaker or "")


def test_a_person_the_model_does_not_tag_still_stops_the_continuation(english: Language) -> None:
    text = (
        '"The budget is balanced this year," Maria Lopez said. Ana Ruiz disagreed. "The numbers do not add up at all."'
    )
    first, second = quotes(text, english)
    assert first.speaker == "Maria Lopez"
    assert "Lopez" not in (second.speaker or "")


def test_a_quote_after_a_surname_and_another_named_person_is_not_hers(english: Language) -> None:
    text = '"The budget is balanced this year," Lopez said. Tom Baker disagreed. "The numbers do not add up at all."'
    first, second = quotes(text, english)
    assert first.speaker == "Lopez"
    assert "Lopez" not in (second.speaker or "")


@pytest.mark.parametrize(
    "opening",
    ["Critics were unconvinced. ", "On Tuesday, a neighbor wrote: "],
    ids=["sentence-first", "words-before-the-mark"],
)
def test_a_paragraph_that_opens_with_other_words_does_not_continue_the_quote(opening: str, english: Language) -> None:
    text = f'"The budget is balanced this year," Maria Lopez said.\n{opening}"The numbers do not add up at all."'
    first, second = quotes(text, english)
    assert first.speaker == "Maria Lopez"
    assert second.text == "The numbers do not add up at all."
    assert "Lopez" not in (second.speaker or "")


# --- quote marks --------------------------------------------------------------------------------


def test_new_york_times_double_apostrophe_quotes_are_found_with_their_speaker(english: Language) -> None:
    text = "''We are not going anywhere,'' Maria Lopez said on Monday."
    assert spoken(text, english) == [("We are not going anywhere", "Maria Lopez", "name")]


def test_new_york_times_quotes_continue_like_any_other(english: Language) -> None:
    text = "''The river has flooded the lower town,'' Maria Lopez said. ''We need a new levee.''"
    assert spoken(text, english) == [
        ("The river has flooded the lower town", "Maria Lopez", "name"),
        ("We need a new levee.", "Maria Lopez", "name"),
    ]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("«We are staying here for good,» Maria Lopez said.", "We are staying here for good"),
        ("«Nous restons ici pour toujours», Maria Lopez said.", "Nous restons ici pour toujours"),
    ],
)
def test_guillemet_quotes_are_found_with_their_speaker(text: str, quote: str, english: Language) -> None:
    assert spoken(text, english) == [(quote, "Maria Lopez", "name")]


def test_a_straight_opening_mark_closed_by_a_curly_one_is_one_quote(english: Language) -> None:
    text = '"We are staying here for good,” Maria Lopez said. "Nobody can make us leave this town."'
    assert spoken(text, english) == [
        ("We are staying here for good", "Maria Lopez", "name"),
        ("Nobody can make us leave this town.", "Maria Lopez", "name"),
    ]


@pytest.mark.parametrize(
    ("opening", "closing"),
    [('"', '"'), ("“", "”"), ("''", "''")],
    ids=["straight", "curly", "new-york-times"],
)
def test_a_quotation_running_over_two_paragraphs_gives_both_the_same_speaker(
    opening: str, closing: str, english: Language
) -> None:
    # the first paragraph leaves its quote open; the second reopens it, as news style does
    text = (
        f"Maria Lopez said: {opening}The river has flooded the lower town twice this year.\n"
        f"{opening}We need a new levee before the next storm arrives.{closing}"
    )
    first, second = quotes(text, english)
    assert first.text == "The river has flooded the lower town twice this year."
    assert second.text == "We need a new levee before the next storm arrives."
    assert first.speaker == second.speaker == "Maria Lopez"
    assert (first.speaker_start, first.speaker_end) == (second.speaker_start, second.speaker_end)


# --- cues ---------------------------------------------------------------------------------------


def test_a_short_question_with_he_asked_after_it_goes_to_the_man_named_before(english: Language) -> None:
    text = 'Tom Baker walked into the council chamber late. "Why now?" he asked.'
    assert spoken(text, english) == [("Why now?", "Tom Baker", "name")]


@pytest.mark.parametrize(
    ("text", "lemma", "quote"),
    [
        ('"That is one way to lose an election," quipped Ana Ruiz.', "quip", "That is one way to lose an election"),
        ('Ana Ruiz interjected: "That is not what the report says."', "interject", "That is not what the report says."),
        ('Ana Ruiz shot back, "That is not what the report says."', "shoot", "That is not what the report says."),
    ],
    ids=["after-comma", "before-colon", "before-comma"],
)
def test_a_verb_set_off_from_the_quote_by_punctuation_is_its_cue(
    text: str, lemma: str, quote: str, english: Language
) -> None:
    assert lemma not in lexicon.speech_verbs()  # the cue is found by where it stands, not by the list
    assert spoken(text, english) == [(quote, "Ana Ruiz", "name")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'The mayor, Sarah Mitchell, sent a blunt message to Tom Baker: "Your plan will never pass this council."',
            "Sarah Mitchell",
        ),
        (
            'Mayor Sarah Mitchell sent a blunt message to Tom Baker: "Your plan will never pass this council."',
            "Sarah Mitchell",
        ),
    ],
    ids=["appositive", "title"],
)
def test_the_clause_before_a_colon_speaks_the_quote_not_the_person_it_addresses(
    text: str, speaker: str, english: Language
) -> None:
    assert spoken(text, english) == [("Your plan will never pass this council.", speaker, "name")]


def test_the_person_addressed_before_a_colon_is_never_the_speaker(english: Language) -> None:
    # the model does not tag "Ana Ruiz"; whoever gets the quote, it is not the one it was sent to
    text = 'The mayor, Ana Ruiz, sent a blunt message to Tom Baker: "Your plan will never pass this council."'
    [found] = quotes(text, english)
    assert found.speaker != "Tom Baker"


def test_a_short_phrase_quoted_mid_sentence_does_not_take_the_sentences_verb(english: Language) -> None:
    assert quotes('The council waited as "evidence emerges" he lost the vote.', english) == []


def test_a_short_phrase_quoted_mid_sentence_is_not_spoken_by_a_said_with_its_own_object(english: Language) -> None:
    assert quotes('The council waited as "evidence emerges" he said nothing.', english) == []


# --- labels and credits -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'Sarah Mitchell: "We will rebuild the harbor wall before winter."',
        '"We will rebuild the harbor wall before winter." ― Sarah Mitchell',
        '"We will rebuild the harbor wall before winter." — Sarah Mitchell',
        '"We will rebuild the harbor wall before winter." (Sarah Mitchell)',
    ],
    ids=["label", "horizontal-bar", "em-dash", "parentheses"],
)
def test_a_name_labelling_or_crediting_a_quote_is_its_speaker(text: str, english: Language) -> None:
    assert ("Sarah Mitchell", "PERSON") in entities(text, english)
    assert spoken(text, english) == [("We will rebuild the harbor wall before winter.", "Sarah Mitchell", "name")]


@pytest.mark.parametrize(
    "text",
    [
        'Ana Ruiz: "We will rebuild the harbor wall before winter."',
        '"We will rebuild the harbor wall before winter." ― Ana Ruiz',
        '"We will rebuild the harbor wall before winter." (Ana Ruiz)',
    ],
    ids=["label", "horizontal-bar", "parentheses"],
)
def test_a_name_the_model_does_not_tag_still_labels_or_credits_a_quote(text: str, english: Language) -> None:
    assert spoken(text, english) == [("We will rebuild the harbor wall before winter.", "Ana Ruiz", "name")]


# --- pronouns -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meeting", "pronoun", "speaker"),
    [
        ("Mr. Baker met Ms. Ruiz", "she", "Ruiz"),
        ("Mr. Baker met Ms. Ruiz", "he", "Baker"),
        ("Ms. Ruiz met Mr. Baker", "she", "Ruiz"),
        ("Ms. Ruiz met Mr. Baker", "he", "Baker"),
    ],
)
def test_a_pronoun_goes_to_the_last_person_whose_title_matches_its_gender(
    meeting: str, pronoun: str, speaker: str, english: Language
) -> None:
    text = f'{meeting} at the harbor office on Monday. "The wall will hold through the winter," {pronoun} said.'
    assert spoken(text, english) == [("The wall will hold through the winter", speaker, "name")]


@pytest.mark.parametrize(
    ("pair", "pronoun", "speaker"),
    [
        ("John Baker and Mary Ruiz", "he", "John Baker"),
        ("Mary Ruiz and John Baker", "she", "Mary Ruiz"),
    ],
)
def test_a_given_name_tells_the_gender_a_pronoun_must_match(
    pair: str, pronoun: str, speaker: str, english: Language
) -> None:
    text = f'{pair} toured the flooded streets. "The wall will hold through the winter," {pronoun} said.'
    assert spoken(text, english) == [("The wall will hold through the winter", speaker, "name")]


def test_a_surname_alone_takes_the_gender_of_its_full_mention(english: Language) -> None:
    # "Baker" is the last person named, but "John Baker" made him a man
    text = (
        "John Baker met Mary Ruiz at the harbor. Later Ruiz thanked Baker for his help. "
        '"The wall will hold through the winter," she said.'
    )
    assert spoken(text, english) == [("The wall will hold through the winter", "Mary Ruiz", "name")]


@pytest.mark.parametrize(
    ("text", "pronoun"),
    [
        ('"The wall will hold through the winter," he said.', "he"),
        ('The storm passed overnight. "The wall will hold through the winter," he said.', "he"),
        ('Mr. Baker spoke to the crowd at the harbor. "The wall will hold through the winter," she said.', "she"),
    ],
    ids=["no-one-before", "no-person-before", "no-one-of-her-gender"],
)
def test_a_pronoun_with_no_one_to_stand_for_stays_a_pronoun(text: str, pronoun: str, english: Language) -> None:
    assert spoken(text, english) == [("The wall will hold through the winter", pronoun, "pronoun")]


# --- outlets and descriptions -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outlet", "noun"),
    [
        ("The Daily Herald", "newspaper"),
        ("The Ellery Times", "newspaper"),
        ("The Port Ellery Post", "paper"),
    ],
)
def test_the_newspaper_said_is_credited_to_the_outlet_named_before(outlet: str, noun: str, english: Language) -> None:
    text = (
        f"{outlet} reported on Monday that the harbor wall had cracked. "
        f'"Repairs will take at least a year," the {noun} said.'
    )
    assert (outlet, "ORG") in entities(text, english)
    [found] = quotes(text, english)
    assert (found.speaker, found.speaker_kind) == (outlet, "name")
    assert found.speaker_start == text.index(outlet)


@pytest.mark.parametrize(
    "text",
    [
        '"Repairs will take at least a year," a spokeswoman for the city council said.',
        '"Repairs will take at least a year," said a spokeswoman for the city council.',
    ],
    ids=["subject-first", "verb-first"],
)
def test_an_unnamed_speaker_is_kept_as_the_description_that_names_her(text: str, english: Language) -> None:
    assert spoken(text, english) == [
        ("Repairs will take at least a year", "spokeswoman for the city council", "description")
    ]


@pytest.mark.parametrize(
    ("text", "speaker", "description"),
    [
        (
            '"The tide is rising fast," said Tom Baker, a harbor engineer in Port Ellery.',
            "Tom Baker",
            "harbor engineer",
        ),
        ('A harbor engineer, Tom Baker, said: "The tide is rising fast."', "Tom Baker", "harbor engineer"),
        ('"The tide is rising fast," Tom Baker said.', "Tom Baker", None),
    ],
    ids=["name-then-description", "description-then-name", "name-only"],
)
def test_a_named_speaker_keeps_what_the_text_says_he_is(
    text: str, speaker: str, description: str | None, english: Language
) -> None:
    [found] = quotes(text, english)
    assert found.speaker == speaker
    if description is None:
        assert found.speaker_description is None
    else:
        assert found.speaker_description is not None and description in found.speaker_description


def test_a_continued_quote_keeps_the_description_too(english: Language) -> None:
    text = '"The tide is rising fast," said Tom Baker, a harbor engineer. "We need the wall by winter."'
    first, second = quotes(text, english)
    assert (second.speaker, second.speaker_description) == (first.speaker, first.speaker_description)


def test_extraction_leaves_no_cache_on_the_doc(english: Language) -> None:
    """The caches hold spans of the doc: left on it, they would keep every parsed doc alive."""
    text = '"The tide is rising fast," said Tom Baker, a harbor engineer. He closed the old bridge.'
    doc = english(text)
    nlp.records_from_doc(doc, text)
    assert not [key for key in doc.user_data if str(key).startswith("newscorpus.")]
