"""Outlets, dates and links for files whose text names none: a sources file beside the corpus, or
the folder a file sits in.

A sources file is `sources.csv` in an ingested folder (or any folder below it; the nearest one
above a file wins), with a header and one row per file or glob, relative to the sources file:

    file,outlet,date,url
    000_*.txt,The Week,2024-08-12,https://theweek.com/...
    reuters/*.txt,Reuters,,

Empty cells say nothing. What a sources file gives wins over what the page says (a site name in
its HTML, an outlet named in its furniture): it is the user's word.
"""

from __future__ import annotations

import csv
import fnmatch
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newscorpus.errors import InputError
from newscorpus.ingest.inputs import InputFile, display

SOURCES_FILE = "sources.csv"
COLUMNS = ("file", "outlet", "date", "url")


@dataclass(frozen=True)
class Given:
    """Metadata the user gives for one file; empty fields say nothing."""

    source: str = ""
    published: date | None = None
    url: str = ""

    def __bool__(self) -> bool:
        return bool(self.source or self.published or self.url)


def load(path: Path) -> list[tuple[str, Given]]:
    """The rows of a sources file: (file pattern, what it gives), in file order.

    Raises:
        InputError: the file cannot be read, lacks the `file` column, or a row has a bad date
            (the message names the file and line).
    """
    where = display(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the sources file ({exc})", path=where) from None
    reader = csv.DictReader(text.splitlines())
    header = [name.strip().lower() for name in reader.fieldnames or []]
    if "file" not in header or not {"outlet", "date", "url"} & set(header):
        raise InputError(
            f"a sources file needs a header with file and outlet, date or url: {', '.join(COLUMNS)}", path=where
        )
    reader.fieldnames = header
    rows = []
    for line, row in enumerate(reader, start=2):
        pattern = (row.get("file") or "").strip()
        if not pattern:
            continue
        published = (row.get("date") or "").strip()
        try:
            day = date.fromisoformat(published) if published else None
        except ValueError:
            raise InputError(f"line {line}: '{published}' is not a date like 2024-08-12", path=where) from None
        rows.append((pattern, Given((row.get("outlet") or "").strip(), day, (row.get("url") or "").strip())))
    return rows


def metadata(
    files: list[InputFile], roots: list[Path], *, source_from_parent: bool = False, project_file: Path | None = None
) -> tuple[dict[str, Given], list[InputError]]:
    """Doc id -> what the user gives for it: the first matching row of the nearest sources file
    between the file and the folder it was found in, else of the project's sources file
    (`project_file`, its patterns relative to its folder), else (with `source_from_parent`) the
    name of the folder it sits in as its outlet. Unusable sources files come back as errors."""
    folders = [root.resolve() for root in roots if root.is_dir()]
    tables: dict[Path, list[tuple[str, Given]]] = {}
    errors: list[InputError] = []
    given: dict[str, Given] = {}
    project_rows: list[tuple[str, Given]] = []
    if project_file is not None:
        try:
            project_rows = load(project_file)
        except InputError as error:
            errors.append(error)
    for item in files:
        path = item.path.resolve()
        root = next((f for f in folders if f in path.parents), None)
        found = _from_sources_file(path, root, tables, errors) if root else Given()
        if not found and project_rows and project_file is not None:
            found = _matching(path, project_file.resolve().parent, project_rows)
        if not found.source and source_from_parent and item.path.parent.name:
            found = Given(item.path.resolve().parent.name, found.published, found.url)
        if found:
            given[item.doc_id] = found
    return given, errors


def _from_sources_file(
    path: Path, root: Path, tables: dict[Path, list[tuple[str, Given]]], errors: list[InputError]
) -> Given:
    for folder in path.parents:
        if folder not in tables:
            candidate = folder / SOURCES_FILE
            try:
                tables[folder] = load(candidate) if candidate.is_file() else []
            except InputError as error:
                errors.append(error)
                tables[folder] = []
        row = _matching(path, folder, tables[folder])
        if row or folder == root:
            return row
    return Given()


def _matching(path: Path, folder: Path, rows: list[tuple[str, Given]]) -> Given:
    """The first row whose pattern matches `path` (relative to `folder`, or by its name)."""
    relative = path.relative_to(folder).as_posix() if folder in path.parents else path.name
    for pattern, row in rows:
        if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(path.name, pattern):
            return row
    return Given()
