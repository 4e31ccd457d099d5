"""The word lists in data/: each file read by one named accessor of text/lexicon.py, none empty."""

from __future__ import annotations

import inspect
from importlib import resources

import pytest

from newscorpus.text import lexicon

ACCESSORS = [
    f
    for name, f in vars(lexicon).items()
    if callable(f) and not name.startswith("_") and getattr(f, "__module__", "") == lexicon.__name__ and name != "event"
]
LISTS = sorted(
    p.name for p in resources.files("newscorpus").joinpath("data").iterdir() if p.name.endswith((".txt", ".tsv"))
)


def test_every_list_has_one_accessor() -> None:
    sources = {f.__name__: inspect.getsource(inspect.unwrap(f)) for f in ACCESSORS}
    for filename in LISTS:
        readers = [name for name, source in sources.items() if f'"{filename}"' in source]
        assert len(readers) == 1, f"{filename} is read by {readers or 'nothing'}"


@pytest.mark.parametrize("accessor", ACCESSORS, ids=lambda f: f.__name__)
def test_accessor_is_documented_cached_and_not_empty(accessor) -> None:
    assert accessor.__doc__
    assert accessor() is accessor()  # read once
    assert len(accessor()) > 0


@pytest.mark.parametrize(
    "accessor",
    [
        lexicon.speech_verbs,
        lexicon.denial_verbs,
        lexicon.light_verbs,
        lexicon.report_nouns,
        lexicon.hedges,
        lexicon.people_nouns,
        lexicon.pronouns,
        lexicon.generational_suffixes,
        lexicon.org_heads,
        lexicon.org_suffixes,
    ],
    ids=lambda f: f.__name__,
)
def test_plain_lists_are_lower_case_single_entries(accessor) -> None:
    for word in accessor():
        assert word == word.lower() and "\t" not in word, word


def test_the_generic_reader_is_gone() -> None:
    assert not hasattr(lexicon, "words")
