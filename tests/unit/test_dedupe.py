"""Duplicate detection on the seeds, synthetic copies of them and hand-made word sequences."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from newscorpus.ingest.dedupe import NUM_PERM, THRESHOLD, Copy, find_copies, fingerprint, normalized

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
FOOTER = "This article originally appeared in The Example Times."


def seed(n: int) -> str:
    return SEEDS[n].read_text(encoding="utf-8")


def paragraphs(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def words(start: int, stop: int, prefix: str = "w") -> str:
    """Distinct made-up words, so shingle overlaps are exact counts."""
    return " ".join(f"{prefix}{i}" for i in range(start, stop))


def docs(**texts: str) -> list[tuple[str, str, bytes]]:
    return [(doc_id, *fingerprint(text)) for doc_id, text in texts.items()]


def jaccard(a: str, b: str) -> float:
    return float(np.mean(np.frombuffer(fingerprint(a)[1], "<u8") == np.frombuffer(fingerprint(b)[1], "<u8")))


def change_words(text: str, n: int = 5) -> str:
    tokens = text.split(" ")
    for k in range(1, n + 1):
        tokens[len(tokens) * k // (n + 1)] = "reportedly"
    return " ".join(tokens)


def curl_quotes(text: str) -> str:
    return re.sub(r'"([^"]*)"', r"“\1”", text).replace("'", "’")


def first_ten(text: str) -> str:
    return "\n\n".join(paragraphs(text)[:10])


def all_edits(text: str) -> str:
    """First ten paragraphs minus the fifth, five words changed, re-wrapped, quotes curled, a footer added."""
    kept = paragraphs(text)[:4] + paragraphs(text)[5:10]
    return curl_quotes(textwrap.fill(change_words("\n\n".join(kept)), 70)) + "\n\n" + FOOTER


def test_normalized_folds_case_quotes_dashes_and_line_breaks() -> None:
    assert (
        normalized("“Don’t”  PANIC —\nit’s 3.5%")
        == normalized("\"don't\" panic - it's\n\n3.5 %")
        == "don't panic it's 3.5"
    )
    assert normalized("ﬁnal") == "final"  # NFKC
    assert normalized("3.5%") != normalized("35%")


def test_exact_copy_with_other_whitespace_case_and_quotes() -> None:
    original = seed(4)
    copy = curl_quotes(textwrap.fill(original.upper(), 50))
    assert fingerprint(copy) == fingerprint(original)
    assert find_copies(docs(a=original, b=copy)) == {"b": Copy("a", 1.0, True)}


@pytest.mark.parametrize(
    ("edit", "low", "high"),
    [
        (change_words, 0.75, 1.0),
        (lambda text: text + "\n" + FOOTER, 0.9, 1.0),
    ],
    ids=["5 words changed", "footer added"],
)
@pytest.mark.parametrize("n", range(len(SEEDS)))
def test_small_edits_of_a_seed_are_a_near_copy(n: int, edit, low: float, high: float) -> None:
    found = find_copies(docs(original=seed(n), copy=edit(seed(n))))
    assert found.keys() == {"copy"}
    assert found["copy"].of == "original"
    assert not found["copy"].exact
    assert low <= found["copy"].similarity < high


@pytest.mark.parametrize("n", range(len(SEEDS)))
def test_a_dropped_paragraph_with_every_other_edit_is_still_a_near_copy(n: int) -> None:
    original = first_ten(seed(n))
    found = find_copies(docs(original=original, copy=all_edits(seed(n))))
    assert found.keys() == {"copy"}
    assert THRESHOLD <= found["copy"].similarity < 0.9
    assert not found["copy"].exact


def test_five_outlets_on_one_story_are_not_copies() -> None:
    assert len(SEEDS) == 5
    assert find_copies(docs(**{f"seed{n}": seed(n) for n in range(5)})) == {}
    assert max(jaccard(seed(a), seed(b)) for a, b in combinations(range(5), 2)) < 0.1  # margin below THRESHOLD


def test_a_chain_resolves_to_its_first_document() -> None:
    a, b, c = words(0, 200), words(50, 250), words(100, 300)
    assert jaccard(a, b) >= THRESHOLD and jaccard(b, c) >= THRESHOLD and jaccard(a, c) < THRESHOLD
    found = find_copies(docs(a=a, b=b, c=c))
    assert {doc: copy.of for doc, copy in found.items()} == {"b": "a", "c": "a"}
    assert found["c"].similarity == pytest.approx(jaccard(a, c))  # with the canonical, below the threshold


def test_a_later_document_does_not_merge_two_unlike_canonicals() -> None:
    a, b, c = words(0, 200), words(80, 280), words(40, 240)
    assert jaccard(a, b) < THRESHOLD and jaccard(c, a) >= THRESHOLD and jaccard(c, b) >= THRESHOLD
    assert {doc: copy.of for doc, copy in find_copies(docs(a=a, b=b, c=c)).items()} == {"c": "a"}


def test_an_exact_copy_of_a_near_copy_points_at_the_canonical() -> None:
    original, edited = seed(1), change_words(seed(1))
    found = find_copies(docs(a=original, b=edited, c=edited.upper()))
    assert found["c"] == found["b"]
    assert found["c"].of == "a"
    assert not found["c"].exact


def test_the_first_given_is_the_canonical() -> None:
    original, edited = seed(2), change_words(seed(2))
    assert find_copies(docs(x=original, y=edited)).keys() == {"y"}
    assert find_copies(docs(y=edited, x=original)).keys() == {"x"}
    assert find_copies(docs(later=original, earlier=original.lower())) == {"earlier": Copy("later", 1.0, True)}


def test_short_texts() -> None:
    found = find_copies(docs(a="Breaking news", b="BREAKING  news!", c="Breaking news today", d="", e="...", f="Word"))
    assert found == {"b": Copy("a", 1.0, True), "e": Copy("d", 1.0, True)}
    assert all(len(signature) == NUM_PERM * 8 for _, _, signature in docs(a="", b="one", c="one two three four"))
    assert jaccard("one two three", "one two three four five six") < THRESHOLD


def test_the_same_in_a_fresh_process() -> None:
    """Fixed seeds, no str hashing: another process (another PYTHONHASHSEED) gets the same bytes and copies."""
    texts = {f"s{n}": seed(n) for n in range(5)} | {"c1": change_words(seed(0)), "c2": seed(3).lower()}
    code = (
        "import json, sys; from newscorpus.ingest.dedupe import find_copies, fingerprint\n"
        "given = [(i, *fingerprint(t)) for i, t in json.load(sys.stdin).items()]\n"
        "print(json.dumps([[i, h, s.hex()] for i, h, s in given])); print(json.dumps(find_copies(given)))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], input=json.dumps(texts), capture_output=True, text=True, check=True
    )
    theirs = [json.loads(line) for line in run.stdout.splitlines()]
    given = docs(**texts)
    assert theirs[0] == [[i, h, s.hex()] for i, h, s in given]
    assert theirs[1] == json.loads(json.dumps(find_copies(given)))
    assert theirs[1].keys() == {"c1", "c2"}
    assert docs(**texts) == given


def test_a_signature_of_the_wrong_size_is_refused() -> None:
    with pytest.raises(ValueError, match="signature"):
        find_copies([("a", "h", b"\0" * 8)])
