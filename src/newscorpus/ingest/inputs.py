"""The input side of ingest: find inputs, read them, decode them, and turn each into a SourceText.

Plain text, HTML pages (main text and metadata by trafilatura) and JSON Lines (one article per
line); `-` is standard input. Bad inputs come out as InputError values, never raised past a
generator, so one bad file or line never stops the others. No NLP, no SQL.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO, Literal

from newscorpus import settings
from newscorpus.errors import InputError
from newscorpus.ingest import boilerplate
from newscorpus.models import SourceText
from newscorpus.text import dates
from newscorpus.text.normalize import squash

DEFAULT_GLOBS = ("*.txt", "*.md", "*.html", "*.htm", "*.jsonl")
STDIN = "-"
TITLE_LENGTH = 100
BROKEN_LINK = "a symbolic link that leads nowhere (broken, or a loop)"
Format = Literal["text", "html", "jsonl"]
FORMATS: dict[str, Format] = {".html": "html", ".htm": "html", ".jsonl": "jsonl"}

BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
# What charset-normalizer may call a Western single-byte text. They agree on letters news
# uses; cp1252 also has the curly quotes and dashes that latin-1 lacks, so it is the reading.
WESTERN_SINGLE_BYTE = {
    "cp1252", "cp1250", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_9",
    "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "mac_roman", "mac_latin2",
    "cp437", "cp850", "cp852", "cp858",
}  # fmt: skip
WHITESPACE_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


@dataclass(frozen=True)
class InputFile:
    """A file to ingest (or `-`, standard input) and the document id it will be stored under."""

    path: Path
    doc_id: str


@dataclass(frozen=True)
class RawDocument:
    """One document's bytes as read, before decoding: a file, a JSON Lines record, or stdin."""

    doc_id: str
    path: str  # for messages: the file, "FILE:LINE" for a JSON Lines record, "-" for stdin
    data: bytes
    sha256: str
    format: Format
    fields: Mapping[str, object] | None = None  # a JSON Lines record, its text included


@dataclass(frozen=True)
class Options:
    """What the user chose at ingest that shapes a stored document."""

    keep_boilerplate: bool = False
    source: str = ""  # the outlet, for documents whose metadata names none
    published: date | None = None  # the publication date, for documents whose metadata has none

    def key(self) -> str:
        """A stable text for these options: a document stored under other options is read again."""
        chosen = {
            "keep_boilerplate": self.keep_boilerplate,
            "source": self.source,
            "published": self.published.isoformat() if self.published else "",
        }
        set_ = {name: value for name, value in chosen.items() if value}
        return json.dumps(set_, sort_keys=True) if set_ else ""


def discover(paths: list[Path], globs: tuple[str, ...] = DEFAULT_GLOBS) -> Iterator[InputFile | InputError]:
    """Expand files and folders into input files, sorted, skipping dot-files.

    A folder is searched recursively for names matching any of `globs`; its files are named by
    their path relative to the folder, without extension. A file given directly is named by its
    stem; `-` stands for standard input.
    """
    seen: set[Path] = set()  # a file given twice (directly, or in two folders given) is read once
    for given in paths:
        if str(given) == STDIN:
            if Path(STDIN) not in seen:  # stdin can be read once
                seen.add(Path(STDIN))
                yield InputFile(given, STDIN)
        elif given.is_dir():
            yield from _in_folder(given, globs, seen)
        elif given.is_file():
            if given.resolve() not in seen:
                seen.add(given.resolve())
                yield _named(given, given.stem)
        elif given.exists():
            yield InputError("not a regular file", path=display(given))
        elif given.is_symlink():
            yield InputError(BROKEN_LINK, path=display(given))
        else:
            yield InputError("no such file or folder", path=display(given))


def _in_folder(folder: Path, globs: tuple[str, ...], seen: set[Path]) -> Iterator[InputFile | InputError]:
    """The files under `folder` matching `globs`, sorted, dot-files skipped; adds what it yields to `seen`."""
    found: set[Path] = set()
    for pattern in globs:
        try:
            found.update(folder.rglob(pattern))
        except (ValueError, NotImplementedError) as exc:
            yield InputError(f"unusable --glob '{pattern}' ({exc})", path=str(folder))
    for path in sorted(found):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if not path.is_file():
            if path.is_symlink() and path.absolute() not in seen:  # reported once
                seen.add(path.absolute())
                yield InputError(BROKEN_LINK, path=display(path))
            continue
        if path.resolve() not in seen:
            seen.add(path.resolve())
            yield _named(path, relative.with_suffix("").as_posix())


UNREADABLE_KINDS = {  # what a folder may hold that newscorpus cannot read, and how to make it readable
    ".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".odt": "OpenDocument", ".rtf": "RTF", ".epub": "EPUB",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".webp": "image", ".tif": "image",
    ".tiff": "image", ".mp3": "audio", ".mp4": "video", ".zip": "archive", ".gz": "archive",
}  # fmt: skip


def skipped_kinds(paths: list[Path], globs: tuple[str, ...] = DEFAULT_GLOBS) -> Counter[str]:
    """What kinds of file (PDF, Word, image, ...) the folders in `paths` hold that no glob takes
    and newscorpus cannot read, with how many of each; dot-files aside."""
    found: Counter[str] = Counter()
    for folder in (p for p in paths if str(p) != STDIN and p.is_dir()):
        for path in folder.rglob("*"):
            relative = path.relative_to(folder)
            if any(part.startswith(".") for part in relative.parts) or not path.is_file():
                continue
            kind = UNREADABLE_KINDS.get(path.suffix.lower())
            if kind and not any(path.match(pattern) for pattern in globs):
                found[kind] += 1
    return found


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
    """The sha256 of an input's bytes: a changed input is re-ingested, an unchanged one skipped."""
    return hashlib.sha256(data).hexdigest()


def read(
    item: InputFile, *, stdin: BinaryIO | None = None, jsonl: bool = False, max_bytes: int = settings.MAX_BYTES
) -> Iterator[RawDocument | InputError]:
    """The documents in one input: one for a file or stdin, one per line of a JSON Lines file.

    `jsonl` reads standard input as JSON Lines. A document larger than `max_bytes` (a file, or
    one JSON Lines record) is an error, and is not read into memory.
    """
    if item.doc_id == STDIN:
        data = stdin.read(max_bytes + 1) if stdin is not None else b""
        if len(data) > max_bytes and not jsonl:
            yield InputError(f"more than --max-bytes {max_bytes:,} bytes; skipped", path="<stdin>")
            return
        if jsonl:
            yield from _jsonl_records(data, path="<stdin>", id_prefix=None, max_bytes=max_bytes)
        else:
            fmt: Format = "html" if _looks_like_html(data) else "text"
            yield RawDocument(f"stdin-{content_hash(data)[:12]}", STDIN, data, content_hash(data), fmt)
        return
    path = display(item.path)
    fmt = FORMATS.get(item.path.suffix.lower(), "text")
    try:
        size = item.path.stat().st_size
        if size > max_bytes and fmt != "jsonl":  # a JSON Lines file is checked record by record
            yield InputError(f"{size:,} bytes, more than --max-bytes {max_bytes:,}; skipped", path=path)
            return
        data = item.path.read_bytes()
    except OSError as exc:
        yield InputError(exc.strerror or "cannot be read", path=path)
        return
    if fmt == "jsonl":
        yield from _jsonl_records(data, path=path, id_prefix=item.doc_id, max_bytes=max_bytes)
    else:
        yield RawDocument(item.doc_id, os.fspath(item.path), data, content_hash(data), fmt)


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lower()  # past a byte-order mark, an XML declaration or a "saved from" comment
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and (b"<!doctype html" in head or b"<html" in head)


def _jsonl_records(
    data: bytes, *, path: str, id_prefix: str | None, max_bytes: int = settings.MAX_BYTES
) -> Iterator[RawDocument | InputError]:
    """One document per JSON Lines record. JSON is UTF-8, so each line is decoded on its own:
    one bad line is that line's error, never a guess that garbles the others.

    A record without an `id` is named `ID_PREFIX:LINE`, or by its content hash when there is no
    prefix (stdin, where line numbers say nothing from one run to the next).
    """
    if not data.strip():
        yield InputError("empty file", path=path)
        return
    for number, raw_line in enumerate(data.removeprefix(codecs.BOM_UTF8).split(b"\n"), start=1):
        encoded = raw_line.rstrip(b"\r")
        if not encoded.strip():
            continue
        where = f"{path}:{number}"
        if len(encoded) > max_bytes:
            yield InputError(f"{len(encoded):,} bytes, more than --max-bytes {max_bytes:,}; skipped", path=where)
            continue
        try:
            line = encoded.decode("utf-8")
            record = json.loads(line)
            json.dumps(record, ensure_ascii=False).encode("utf-8")  # a lone surrogate ("\\ud83d") cannot be stored
        except UnicodeError:
            yield InputError("not valid UTF-8 text (JSON Lines must be UTF-8)", path=where)
            continue
        except json.JSONDecodeError as exc:
            yield InputError(f"not valid JSON ({exc.msg} at column {exc.colno})", path=where)
            continue
        except (RecursionError, ValueError):
            yield InputError("not valid JSON (nested too deeply or out of range)", path=where)
            continue
        problem = _record_problem(record)
        if problem:
            yield InputError(problem, path=where)
            continue
        sha256 = content_hash(encoded)
        default_id = f"{id_prefix}:{number}" if id_prefix is not None else f"stdin-{sha256[:12]}"
        doc_id = str(record.get("id")) if record.get("id") not in (None, "") else default_id
        yield RawDocument(doc_id, where, encoded, sha256, "jsonl", record)


def _record_problem(record: object) -> str:
    if not isinstance(record, dict):
        return "not a JSON object"
    if not isinstance(record.get("text"), str):
        return "no 'text' string" if "text" not in record else "'text' is not a string"
    if not record["text"].strip():
        return "'text' is empty"
    for field in ("id", "title", "source", "url", "date", "author"):
        value = record.get(field)
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
            return f"'{field}' is not a string"
    if _TERMINAL_CONTROLS.search(str(record.get("id") or "")):
        return "'id' holds control characters"
    return ""


def decode(data: bytes, *, path: str) -> tuple[str, str]:
    """Decode bytes to text with normalized newlines; return (text, encoding used).

    A byte-order mark is trusted, then UTF-8, then charset-normalizer's best guess.

    Raises:
        InputError: the input is empty, binary, or in no encoding that fits.
    """
    if not data.strip():
        raise InputError("empty file", path=path)
    for magic, kind in MAGIC:
        if data.startswith(magic):
            raise InputError(f"binary file ({kind}), not text", path=path)
    encoding = next((name for bom, name in BOMS if data.startswith(bom)), "")
    if not encoding and b"\x00" in data[:4096]:  # valid UTF-8 can hold NULs; UTF-16 without a mark is full of them
        encoding = _guess(data, path)
    if not encoding:
        try:
            data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = _guess(data, path)
    text = data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
    sample = _ESCAPE_SEQUENCES.sub("", text[:65536])  # colour codes in a text are removed later, not binary
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in WHITESPACE_CONTROLS)
    if controls > max(3, len(sample) // 100):
        raise InputError("binary file (control bytes), not text", path=path)
    if not text.strip():
        raise InputError(f"empty file (only whitespace, {encoding})", path=path)
    return text, encoding


def _guess(data: bytes, path: str) -> str:
    import charset_normalizer  # only for the rare file that is not UTF-8

    best = charset_normalizer.from_bytes(data[:262144]).best()
    if best is None:
        raise InputError("binary file, or text in an encoding that cannot be recognized", path=path)
    encoding = best.encoding
    if b"\x00" in data and not encoding.startswith(("utf_16", "utf_32")):
        raise InputError("binary file (contains NUL bytes), not text", path=path)
    if encoding in WESTERN_SINGLE_BYTE:
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    try:
        data.decode(encoding)
    except UnicodeDecodeError:  # the guess came from a prefix; the rest does not fit it
        raise InputError(f"mixes encodings (not valid {codecs.lookup(encoding).name} throughout)", path=path) from None
    return codecs.lookup(encoding).name


def title_of(text: str) -> str:
    """The first non-empty line, shortened."""
    line = next((squash(line) for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= TITLE_LENGTH else line[: TITLE_LENGTH - 1].rstrip() + "…"


def parse(raw: RawDocument, options: Options) -> SourceText:
    """Decode a document, extract its metadata and separate its body from page furniture.

    Metadata from the document (HTML tags, JSON fields) comes first; `options` fill what it lacks.

    Raises:
        InputError: the document cannot be decoded or holds no article text.
    """
    meta: Mapping[str, object]
    if raw.format == "jsonl":
        meta = raw.fields or {}
        text, encoding = str(meta["text"]).replace("\r\n", "\n"), "utf-8"
    else:
        text, encoding = decode(raw.data, path=raw.path)
        meta = {}
        if raw.format == "html":
            text, meta = _html(text, path=raw.path)
    text = without_terminal_controls(text)
    if options.keep_boilerplate:
        cleaned = boilerplate.Cleaned(text.strip("\n"), [])
    else:
        cleaned = boilerplate.strip(text)
    if not cleaned.body.strip():
        raise InputError("no article text: every line is page furniture (see --keep-boilerplate)", path=raw.path)
    published = dates.parse_date(str(meta.get("date") or "")) or options.published or dates.dateline(text)
    return SourceText(
        doc_id=raw.doc_id,
        path=raw.path,
        text=cleaned.body,
        sha256=raw.sha256,
        encoding=encoding,
        format=raw.format,
        title=_clean(meta.get("title")) or title_of(cleaned.body),
        source=_clean(meta.get("source")) or options.source or boilerplate.outlet(cleaned.removed),
        author=_clean(meta.get("author")),
        url=_clean(meta.get("url")),
        published=published,
        options=options.key(),
        removed=cleaned.removed,
    )


def _clean(value: object) -> str:
    return squash(without_terminal_controls(str(value))) if value else ""


# ANSI/VT escape sequences (CSI, OSC, two-byte), and the C0/C1 control characters that are not whitespace
_ESCAPE_SEQUENCES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]")
_TERMINAL_CONTROLS = re.compile(_ESCAPE_SEQUENCES.pattern + r"|[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def without_terminal_controls(text: str) -> str:
    """Text with terminal escape sequences and control characters removed: article text from the
    web must never move a cursor, set a title or change colours when a table is printed."""
    return _TERMINAL_CONTROLS.sub("", text).replace("\v", "\n").replace("\f", "\n")


def _html(page: str, *, path: str) -> tuple[str, dict[str, object]]:
    import trafilatura  # a maintained main-text extractor; loaded only when there is HTML

    # the date a page states, not one guessed from its copyright line or links
    dated = {"extensive_search": False, "original_date": True}
    found = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, date_extraction_params=dated)
    # a dict comes only with as_dict=True, which is not asked for
    if found is None or isinstance(found, dict) or not (found.text or "").strip():
        raise InputError("no article text found in the HTML page", path=path)
    meta = {"title": found.title, "author": found.author, "url": found.url, "date": found.date}
    return found.text or "", {**meta, "source": found.sitename or found.hostname}
