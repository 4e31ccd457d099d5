"""The file side of ingest: find input files, read and decode them, name them.

Yields a SourceText per good file and an InputError per bad one, so one bad file never stops
the others. No NLP, no SQL.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newscorpus.errors import InputError
from newscorpus.models import SourceText

DEFAULT_GLOBS = ("*.txt", "*.md")


@dataclass(frozen=True)
class InputFile:
    """A file to ingest and the document id it will be stored under."""

    path: Path
    doc_id: str


def discover(paths: list[Path], globs: tuple[str, ...] = DEFAULT_GLOBS) -> Iterator[InputFile | InputError]:
    """Expand files and folders into input files, sorted, skipping dot-files.

    A folder is searched recursively for names matching any of `globs`; its files are named by
    their path relative to the folder, without extension. A file given directly is named by its stem.
    """
    seen: set[Path] = set()  # a file given twice (directly, or in two folders given) is read once
    for given in paths:
        if given.is_dir():
            found: set[Path] = set()
            for pattern in globs:
                try:
                    found.update(given.rglob(pattern))
                except (ValueError, NotImplementedError) as exc:
                    yield InputError(f"unusable --glob '{pattern}' ({exc})", path=str(given))
            for path in sorted(found):
                relative = path.relative_to(given)
                if any(part.startswith(".") for part in relative.parts) or not path.is_file():
                    continue
                if path.resolve() not in seen:
                    seen.add(path.resolve())
                    yield _named(path, relative.with_suffix("").as_posix())
        elif given.is_file():
            if given.resolve() not in seen:
                seen.add(given.resolve())
                yield _named(given, given.stem)
        elif given.exists():
            yield InputError("not a regular file", path=display(given))
        else:
            yield InputError("no such file or folder", path=display(given))


def display(path: Path | str) -> str:
    """A path as text that can always be printed (undecodable bytes as \\xNN)."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _named(path: Path, doc_id: str) -> InputFile | InputError:
    try:
        doc_id.encode("utf-8")
    except UnicodeEncodeError:
        return InputError("file name is not valid UTF-8; rename it", path=display(path))
    return InputFile(path, doc_id)


def content_hash(data: bytes) -> str:
    """The sha256 of a file's bytes: a changed file is re-ingested, an unchanged one skipped."""
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes, *, path: str) -> tuple[str, str]:
    """Decode file bytes to text with normalized newlines; return (text, encoding).

    Raises:
        InputError: the file is empty, binary, or not valid UTF-8.
    """
    if not data.strip():
        raise InputError("empty file", path=path)
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not text", path=path)
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(f"not valid UTF-8 (byte 0x{bad} at offset {exc.start})", path=path) from None
    return text.replace("\r\n", "\n").replace("\r", "\n"), "utf-8"


def read(item: InputFile) -> tuple[bytes, str]:
    """Read a file's bytes and hash them.

    Raises:
        InputError: the file cannot be read.
    """
    try:
        data = item.path.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or "cannot be read", path=str(item.path)) from None
    return data, content_hash(data)


def source_text(item: InputFile, data: bytes, sha256: str) -> SourceText:
    """Decode a read file into a SourceText."""
    text, encoding = decode(data, path=str(item.path))
    return SourceText(doc_id=item.doc_id, path=os.fspath(item.path), text=text, sha256=sha256, encoding=encoding)
