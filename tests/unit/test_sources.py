"""Reading, decoding and naming input files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscorpus.errors import InputError
from newscorpus.sources import InputFile, decode, discover


def test_decode_utf8_bom_and_newlines() -> None:
    text, encoding = decode("\ufeffLine one\r\nLine two\r".encode(), path="x")
    assert text == "Line one\nLine two\n"
    assert encoding == "utf-8"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t ", "empty file"),
        (b"GIF89a\x00\x01", "binary file"),
        (b"na\xefve", "not valid UTF-8 (byte 0xef at offset 2)"),
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
    (tmp_path / "skip.html").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "three.txt").write_text("x")
    found = list(discover([tmp_path]))
    assert [f.doc_id for f in found if isinstance(f, InputFile)] == ["a/one", "two"]
    assert [f.doc_id for f in discover([tmp_path], ("*.html",)) if isinstance(f, InputFile)] == ["skip"]
