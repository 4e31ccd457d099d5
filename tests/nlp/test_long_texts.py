"""A text longer than spaCy should take at once is analysed in parts, offsets into the whole kept right."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from newscorpus.nlp.extract import extract_many, split_long
from tests.conftest import SEEDS, run_cli


def test_parts_are_cut_after_a_blank_line_then_a_line_then_a_sentence() -> None:
    text = "One two three. Four five six.\n\nSeven eight nine. Ten eleven.\nTwelve thirteen fourteen."
    parts = split_long(text, 40)
    assert "".join(part for _, part in parts) == text
    assert all(len(part) <= 40 for _, part in parts)
    assert parts[0][1].endswith("\n\n") and parts[1][1].endswith("\n")
    assert [start for start, _ in parts] == [0, len(parts[0][1]), len(parts[0][1]) + len(parts[1][1])]


def test_one_giant_word_is_cut_anywhere() -> None:
    assert [len(part) for _, part in split_long("x" * 25, 10)] == [10, 10, 5]


def test_a_run_on_line_is_cut_into_short_parts_at_spaces() -> None:
    text = "Merkel met Macron and " * 1000  # 22,000 characters, no sentence end
    parts = split_long(text, 10_000)
    assert "".join(part for _, part in parts) == text
    assert all(len(part) <= 5_000 and part.endswith(" ") for _, part in parts[:-1])


def test_records_of_parts_point_into_the_whole_text(english: Language) -> None:
    text = (SEEDS / "002_a714db34920ac294.txt").read_text(encoding="utf-8")
    whole = next(extract_many([text], english))
    parts = next(extract_many([text], english, part_chars=800))
    assert len(split_long(text, 800)) > 3
    assert [m.text for m in parts.mentions] == [text[m.start : m.end] for m in parts.mentions]
    assert len(parts.mentions) == pytest.approx(len(whole.mentions), abs=3)
    assert all(parts.sentences[m.sent][0] <= m.start < parts.sentences[m.sent][1] for m in parts.mentions)
    assert all(b <= c for (_, b), (c, _) in zip(parts.sentences, parts.sentences[1:], strict=False))
    assert all(text[f.start : f.end] == f.text for f in parts.figures)
    assert all(text[q.start : q.end] == q.text for q in parts.quotes)
    assert all(text[d.start : d.end] == d.text for d in parts.dates)
    assert {c.predicate for c in parts.claims} >= {"offer"}


@pytest.mark.slow  # 1.2 MB of text through spaCy: about a minute
def test_a_long_article_is_analysed_whole(tmp_path: Path) -> None:
    seed = (SEEDS / "002_a714db34920ac294.txt").read_text(encoding="utf-8")
    article = "\n\n".join(seed.replace("Maduro", f"Maduro{i}") for i in range(400))[:1_200_000]
    article += "\n\nAt the very end, Angela Merkel spoke in Berlin.\n"
    (tmp_path / "long.txt").write_text(article, encoding="utf-8")
    db = tmp_path / "t.db"
    run_cli("ingest", tmp_path / "long.txt", "--db", db, "--keep-boilerplate")  # every line, repeated or not
    last = run_cli("mentions", "--entity", "Angela Merkel", "--db", db, "-f", "tsv").stdout.splitlines()[1].split("\t")
    start, end = int(last[1]), int(last[2])
    stored = run_cli("docs", "--show-text", "long", "--db", db).stdout
    assert len(stored) > 1_200_000 and stored[start:end] == "Angela Merkel"
