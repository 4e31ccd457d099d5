"""Sources files: the outlet, date and url the user gives for plain files, and the folder as outlet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newscorpus.errors import InputError
from newscorpus.ingest.inputs import InputFile
from newscorpus.ingest.sources_file import Given, load, metadata

HEADER = "file,outlet,date,url\n"


def _sources(folder: Path, rows: str, header: str = HEADER) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sources.csv"
    path.write_text(header + rows, encoding="utf-8")
    return path


def _files(root: Path, *names: str) -> list[InputFile]:
    """Articles under `root`, named as ingest names them: the path below the folder, no extension."""
    found = []
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Nicolás Maduro spoke in Caracas on Monday.\n", encoding="utf-8")
        found.append(InputFile(path, Path(name).with_suffix("").as_posix()))
    return found


def _outlets(root: Path, *names: str, source_from_parent: bool = False) -> dict[str, str]:
    given, errors = metadata(_files(root, *names), [root], source_from_parent=source_from_parent)
    assert errors == []
    return {doc_id: g.source for doc_id, g in given.items()}


def test_load_reads_each_row_in_file_order(tmp_path: Path) -> None:
    path = _sources(tmp_path, "000_*.txt,The Week,2024-08-12,https://theweek.com/a\nb.txt,Reuters,,\n")
    assert load(path) == [
        ("000_*.txt", Given("The Week", date(2024, 8, 12), "https://theweek.com/a")),
        ("b.txt", Given("Reuters", None, "")),
    ]


def test_load_empty_cells_say_nothing(tmp_path: Path) -> None:
    path = _sources(tmp_path, "a.txt,,2024-08-12,\nb.txt,,,\n,Orphan,,\n")
    rows = load(path)
    assert rows == [("a.txt", Given("", date(2024, 8, 12), "")), ("b.txt", Given())]
    assert not rows[1][1]


def test_load_header_names_ignore_case_spaces_and_order(tmp_path: Path) -> None:
    path = _sources(tmp_path, " AP , a.txt , 2024-08-12 \n", header=" Outlet , FILE,Date\n")
    assert load(path) == [("a.txt", Given("AP", date(2024, 8, 12), ""))]


def test_load_bad_date_names_the_line_and_the_file(tmp_path: Path) -> None:
    path = _sources(tmp_path, "a.txt,AP,2024-08-12,\nb.txt,AP,2024-13-45,\n")
    with pytest.raises(InputError) as caught:
        load(path)
    assert caught.value.message == "line 3: '2024-13-45' is not a date like 2024-08-12"
    assert caught.value.path == str(path)


@pytest.mark.parametrize("header", ["name,outlet,date,url\n", "file\n", ""])
def test_load_header_without_file_and_a_field_is_an_error(tmp_path: Path, header: str) -> None:
    path = _sources(tmp_path, "a.txt,AP,,\n" if header else "", header=header)
    with pytest.raises(InputError, match="needs a header with file") as caught:
        load(path)
    assert caught.value.path == str(path)


def test_load_accepts_a_utf8_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "sources.csv"
    path.write_text(HEADER + "a.txt,Le Monde,,\n", encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert load(path) == [("a.txt", Given("Le Monde", None, ""))]


def test_load_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "sources.csv"
    path.write_bytes(b"file,outlet\n\xff\xfe\xfa,AP\n")
    with pytest.raises(InputError, match="cannot read the sources file"):
        load(path)


def test_metadata_matches_exact_names_and_globs(tmp_path: Path) -> None:
    _sources(tmp_path, "000_abc.txt,The Week,,\n001_*.txt,Herald,2024-08-13,https://h.example/1\n")
    given, errors = metadata(_files(tmp_path, "000_abc.txt", "001_def.txt", "002_ghi.txt"), [tmp_path])
    assert errors == []
    assert given == {
        "000_abc": Given("The Week", None, ""),
        "001_def": Given("Herald", date(2024, 8, 13), "https://h.example/1"),
    }


def test_metadata_first_matching_row_wins(tmp_path: Path) -> None:
    _sources(tmp_path, "a.txt,First,,\n*.txt,Everyone,,\n")
    assert _outlets(tmp_path, "a.txt", "b.txt") == {"a": "First", "b": "Everyone"}


def test_metadata_pattern_with_a_folder_is_relative_to_the_sources_file(tmp_path: Path) -> None:
    _sources(tmp_path, "reuters/*.txt,Reuters,,\n")
    assert _outlets(tmp_path, "reuters/a.txt", "ap/a.txt", "ap/reuters/b.txt") == {"reuters/a": "Reuters"}


def test_metadata_sources_file_in_a_subfolder_applies_below_it_only(tmp_path: Path) -> None:
    _sources(tmp_path / "ap", "*.txt,AP,,\n")
    assert _outlets(tmp_path, "top.txt", "ap/a.txt", "ap/2024/b.txt") == {"ap/a": "AP", "ap/2024/b": "AP"}


def test_metadata_nearest_sources_file_wins(tmp_path: Path) -> None:
    _sources(tmp_path, "*.txt,Corpus,,\n")
    _sources(tmp_path / "ap", "*.txt,AP,,\n")
    assert _outlets(tmp_path, "top.txt", "ap/a.txt") == {"top": "Corpus", "ap/a": "AP"}


def test_metadata_row_patterns_in_a_subfolder_file_are_relative_to_it(tmp_path: Path) -> None:
    _sources(tmp_path / "ap", "2024/*.txt,AP archive,,\n")
    assert _outlets(tmp_path, "ap/2024/a.txt", "ap/b.txt") == {"ap/2024/a": "AP archive"}


def test_metadata_file_no_nearer_row_names_falls_back_to_the_one_above(tmp_path: Path) -> None:
    _sources(tmp_path, "*.txt,Corpus,,\n")
    _sources(tmp_path / "ap", "only.txt,AP,,\n")
    assert _outlets(tmp_path, "ap/only.txt", "ap/other.txt") == {"ap/only": "AP", "ap/other": "Corpus"}


def test_metadata_ignores_a_sources_file_above_the_ingested_folder(tmp_path: Path) -> None:
    _sources(tmp_path, "*.txt,Outside,,\n")
    assert _outlets(tmp_path / "corpus", "a.txt") == {}


def test_metadata_empty_row_gives_nothing(tmp_path: Path) -> None:
    _sources(tmp_path, "a.txt,,,\n")
    assert _outlets(tmp_path, "a.txt") == {}


def test_metadata_broken_sources_file_comes_back_as_an_error(tmp_path: Path) -> None:
    _sources(tmp_path, "*.txt,Corpus,,\n")
    broken = _sources(tmp_path / "ap", "*.txt,AP,2024-13-45,\n")
    given, errors = metadata(_files(tmp_path, "top.txt", "ap/a.txt", "ap/b.txt"), [tmp_path])
    assert [(e.path, e.message) for e in errors] == [
        (str(broken.resolve()), "line 2: '2024-13-45' is not a date like 2024-08-12")
    ]
    assert {doc_id: g.source for doc_id, g in given.items()} == {"top": "Corpus", "ap/a": "Corpus", "ap/b": "Corpus"}


def test_source_from_parent_gives_the_folder_name(tmp_path: Path) -> None:
    outlets = _outlets(tmp_path / "corpus", "reuters/a.txt", "ap/b.txt", source_from_parent=True)
    assert outlets == {"reuters/a": "reuters", "ap/b": "ap"}


def test_source_from_parent_is_off_by_default(tmp_path: Path) -> None:
    assert _outlets(tmp_path / "corpus", "reuters/a.txt") == {}


def test_source_from_parent_keeps_a_sources_file_date_and_url(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _sources(root, "reuters/a.txt,,2024-08-12,https://reuters.example/a\n")
    given, _ = metadata(_files(root, "reuters/a.txt"), [root], source_from_parent=True)
    assert given == {"reuters/a": Given("reuters", date(2024, 8, 12), "https://reuters.example/a")}


def test_sources_file_outlet_wins_over_the_folder_name(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _sources(root, "reuters/*.txt,Reuters,,\n")
    outlets = _outlets(root, "reuters/a.txt", "ap/b.txt", source_from_parent=True)
    assert outlets == {"reuters/a": "Reuters", "ap/b": "ap"}
