"""Properties that must hold for any input, checked by hypothesis on generated cases."""

from __future__ import annotations

import datetime
import string
from contextlib import closing
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from newscorpus import store
from newscorpus.models import DocRecords, MentionIn, MentionRecord, SourceText
from newscorpus.resolve import clusters, names
from newscorpus.text import numbers

# names as news text writes them: letters with accents, hyphens, apostrophes, dots, titles
name_text = st.text(alphabet=string.ascii_letters + "áéíóúñçüÁÉÑ .-'’&", min_size=1, max_size=40)
word = st.text(alphabet=string.ascii_lowercase, min_size=2, max_size=10)


@given(name_text)
def test_normalize_is_idempotent(text: str) -> None:
    once = names.normalize(text)
    assert names.normalize(once) == once


@given(name_text)
def test_name_key_is_idempotent(text: str) -> None:
    once = names.name_key(text)
    assert names.name_key(once) == once


@given(st.lists(word, min_size=1, max_size=4), st.lists(word, min_size=1, max_size=4))
def test_person_matching_is_symmetric(a: list[str], b: list[str]) -> None:
    assert clusters.persons_compatible(a, b) == clusters.persons_compatible(b, a)


def _different_surnames(a: list[str], b: list[str]) -> bool:
    """Surnames that are not one spelling of the other, and neither name extends the other."""
    short, long = sorted((a, b), key=len)
    return long[: len(short)] != short and fuzz.ratio(a[-1], b[-1]) < clusters.SURNAME_SIMILARITY


@given(st.lists(word, min_size=2, max_size=3), st.lists(word, min_size=2, max_size=3))
def test_different_surnames_never_match(a: list[str], b: list[str]) -> None:
    if _different_surnames(a, b):
        assert not clusters.persons_compatible(a, b)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(word, min_size=2, max_size=3), min_size=2, max_size=8))
def test_resolution_never_merges_people_with_different_surnames(names: list[list[str]]) -> None:
    mentions = [
        MentionIn(i, f"d{i % 3}", i * 20, " ".join(w.capitalize() for w in name), "PERSON")
        for i, name in enumerate(names)
    ]
    for cluster in clusters.resolve(mentions):
        members = [names[mention_id] for mention_id, _ in cluster.mentions]
        for a in members:
            for b in members:
                assert not _different_surnames(a, b), (cluster.name, members)


@given(st.integers(min_value=0, max_value=10**12))
def test_formatted_integers_parse_back(value: int) -> None:
    amount = numbers.parse_amount(numbers.format_value(value))
    assert amount is not None and amount.value == value


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
def test_formatted_decimals_parse_back(value: object) -> None:
    number = float(value)  # type: ignore[arg-type]
    amount = numbers.parse_amount(numbers.format_value(number))
    assert amount is not None and amount.value == number


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["thousand", "million", "billion"]))
def test_scaled_numbers_parse_back(count: int, scale: str) -> None:
    factor = {"thousand": 10**3, "million": 10**6, "billion": 10**9}[scale]
    amount = numbers.parse_amount(f"{count} {scale}")
    assert amount is not None and amount.value == count * factor


any_text = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=200)  # no lone surrogates


@st.composite
def stored_document(draw: st.DrawFn) -> tuple[SourceText, DocRecords]:
    text = draw(any_text)
    spans = sorted(
        {tuple(sorted(draw(st.tuples(st.integers(0, len(text)), st.integers(0, len(text)))))) for _ in range(3)}
    )
    source = SourceText(
        # ids come from file names, JSON Lines ids (control characters refused) or hashes
        doc_id=draw(st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=30)),
        path=draw(any_text),
        text=text,
        sha256="0" * 64,
        encoding="utf-8",
        title=draw(any_text),
        source=draw(st.text(st.characters(exclude_categories=["Cs"]), max_size=30)),
        author=draw(st.text(st.characters(exclude_categories=["Cs"]), max_size=30)),
        url=draw(st.text(st.characters(exclude_categories=["Cs"]), max_size=30)),
        published=draw(st.none() | st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 1, 1))),
    )
    mentions = [
        MentionRecord(
            start=start, end=end, text=text[start:end], label=draw(st.sampled_from(["PERSON", "ORG", "GPE"])), sent=0
        )
        for start, end in spans
    ]
    return source, DocRecords(sentences=[(0, len(text))], mentions=mentions)


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stored_document())
def test_store_round_trip(tmp_path: Path, document: tuple[SourceText, DocRecords]) -> None:
    source, records = document
    db = tmp_path / "round_trip.db"
    db.unlink(missing_ok=True)
    with closing(store.connect(db)) as conn:
        store.save_documents(conn, [(source, records, ("", b""))], model="test")
        assert store.document_text(conn, source.doc_id) == source.text
        (row,) = store.list_documents(conn, [source.doc_id])
        assert (row.id, row.title, row.source, row.author, row.url, row.published, row.path) == (
            source.doc_id, source.title, source.source, source.author, source.url, source.published, source.path,
        )  # fmt: skip
        stored = [(m.start, m.end, m.text, m.label) for m in store.iter_mentions(conn, doc_id=source.doc_id)]
        assert stored == sorted((m.start, m.end, m.text, m.label) for m in records.mentions)
