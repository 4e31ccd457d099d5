"""Reading, decoding and naming input files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscorpus.errors import InputError
from newscorpus.ingest.inputs import InputFile, decode, discover

ARTICLE = "Nicolás Maduro’s “victory” was disputed — Edmundo González won, observers said.\r\nCafé talk.\r"


def test_decode_utf8_bom_and_newlines() -> None:
    text, encoding = decode("\ufeffLine one\r\nLine two\r".encode(), path="x")
    assert text == "Line one\nLine two\n"
    assert encoding == "utf-8-sig"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (ARTICLE.encode("utf-8-sig"), "utf-8-sig"),
        (ARTICLE.encode("utf-16"), "utf-16"),  # with its byte-order mark
        (ARTICLE.encode("utf-16-be"), "utf-16-be"),  # without one: recognized by charset-normalizer
        (ARTICLE.encode("utf-32"), "utf-32"),
        (ARTICLE.encode("cp1252"), "cp1252"),  # curly quotes and dashes as 0x93/0x94/0x97
    ],
)
def test_decode_recognizes_each_encoding(data: bytes, encoding: str) -> None:
    text, found = decode(data, path="x")
    assert text == ARTICLE.replace("\r\n", "\n").replace("\r", "\n")
    assert found == encoding


def test_decode_utf16_without_a_mark_even_when_ascii() -> None:
    assert decode("Plain ASCII words, in UTF-16 with no mark.\n".encode("utf-16-le"), path="x")[1] == "utf-16-le"


def test_decode_cp1252_euro_and_dashes() -> None:
    text, encoding = decode("Prices rose by €5 – a record, the café’s owner said.".encode("cp1252"), path="x")
    assert (text, encoding) == ("Prices rose by €5 – a record, the café’s owner said.", "cp1252")


def test_decode_latin1_without_windows_punctuation_reads_as_cp1252() -> None:
    text, encoding = decode("Señor Núñez said the café in Mérida was closed. Ça va.".encode("latin-1"), path="x")
    assert text == "Señor Núñez said the café in Mérida was closed. Ça va."
    assert encoding == "cp1252"  # a superset of latin-1 for every printable character


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t ", "empty file"),
        ("  \n ".encode("utf-16"), "empty file (only whitespace, utf-16)"),
        (b"GIF89a\x00\x01", "binary file (a GIF image)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (a PDF document)"),
        (b"\x00\x01\x02\x03\xff\xfe\xfd" * 200, "binary file"),
        (bytes(range(256)) * 20, "binary file"),
    ],
)
def test_decode_refuses_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason.replace("(", r"\(").replace(")", r"\)")) as info:
        decode(data, path="folder/bad.txt")
    assert str(info.value).startswith("folder/bad.txt: ")


def test_discover_names_by_relative_path_and_skips_dotfiles(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("x")
    (tmp_path / "two.md").write_text("x")
    (tmp_path / "skip.xml").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "three.txt").write_text("x")
    found = list(discover([tmp_path]))
    assert [f.doc_id for f in found if isinstance(f, InputFile)] == ["a/one", "two"]
    assert [f.doc_id for f in discover([tmp_path], ("*.xml",)) if isinstance(f, InputFile)] == ["skip"]
