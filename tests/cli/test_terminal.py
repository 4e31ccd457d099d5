"""Tables that read at 80 columns: widths, whole headers and ids, --limit, empty results, `show`, a real terminal.

Rich takes the width from COLUMNS when stdout is not a terminal, and `-f table` forces a table under CliRunner;
the last tests run the real entry point in a pseudo-terminal, where the table is the default.
"""

from __future__ import annotations

import csv
import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS, run_cli

with (SEEDS / "sources.csv").open(encoding="utf-8") as _file:
    OUTLETS = sorted(row["outlet"] for row in csv.DictReader(_file))
WIDTHS = [80, 120, 200]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _squash(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Drawn:
    """A table as drawn: the line above it, each column's header (its lines joined), each body line's cells."""

    title: str
    header: list[str]
    lines: list[list[str]]  # [] for a rule between rows

    def column(self, name: str) -> list[str]:
        """The column's cell on every body line, top to bottom."""
        k = self.header.index(name)
        return [cells[k] for cells in self.lines if cells]

    def rows(self, starts: str | None = None) -> list[dict[str, str]]:
        """Each row with each cell's lines joined: a row begins after a rule, or where column `starts` has text."""
        k = self.header.index(starts) if starts else None
        found: list[list[list[str]]] = []
        fresh = True
        for cells in self.lines:
            if not cells:
                fresh = True
                continue
            if fresh or (k is not None and cells[k]):
                found.append([[] for _ in self.header])
                fresh = False
            for cell, parts in zip(cells, found[-1], strict=True):
                parts.extend([cell] if cell else [])
        return [dict(zip(self.header, (" ".join(p) for p in row), strict=True)) for row in found]


def _cells(line: str, bar: str) -> list[str]:
    return [cell.strip() for cell in line.split(bar)[1:-1]]


def drawn(out: str) -> list[Drawn]:
    """Every table in `out`, read back from its box characters."""
    lines = [ANSI.sub("", line).rstrip() for line in out.splitlines()]
    tables = []
    for i, line in enumerate(lines):
        if line.startswith("┏"):
            end = next(j for j in range(i, len(lines)) if lines[j].startswith("└"))
            split = next(j for j in range(i, end) if lines[j].startswith("┡"))
            heads = [_cells(head, "┃") for head in lines[i + 1 : split]]
            header = [_squash(" ".join(parts)) for parts in zip(*heads, strict=True)]
            body = [_cells(x, "│") if x.startswith("│") else [] for x in lines[split + 1 : end]]
            tables.append(Drawn(lines[i - 1].strip() if i else "", header, body))
    return tables


def table(out: str, title: str) -> Drawn:
    return next(t for t in drawn(out) if t.title == title)


def widest(out: str) -> int:
    """The most columns a line of `out` takes on a terminal (wide characters take two)."""
    return max(
        sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in ANSI.sub("", line))
        for line in out.splitlines()
    )


def compare_at(width: int, db: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    return run_cli("compare", "Maduro", "--db", db, "-f", "table").stdout


@pytest.mark.parametrize("width", WIDTHS)
def test_compare_fits_the_width_and_names_every_outlet_once(
    width: int, seeds_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = compare_at(width, seeds_db, monkeypatch)
    assert widest(out) <= width
    coverage = table(out, "Coverage by source")
    assert sorted(row["source"] for row in coverage.rows(starts="mentions")) == OUTLETS  # 5 rows, 5 whole labels
    if width >= 120:
        assert set(OUTLETS) <= set(coverage.column("source")), "each label on one line"


@pytest.mark.parametrize("width", [80, 120, 200])
def test_compare_shows_the_conflicting_figures_as_written_with_their_words(
    width: int, seeds_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conflicts = table(compare_at(width, seeds_db, monkeypatch), "Figure conflicts: sources disagree")
    figures = conflicts.column("figure")
    for figure in ("approximately 2,000", "over 2,400"):
        assert figure in (figures if width >= 120 else " ".join(figures))  # on one line from 120 columns
    words = " ".join(conflicts.column("words around it"))
    assert "arrest of approximately 2,000" in words
    assert "arresting over 2,400" in words


HEADERS = {  # every header a table of the command may show
    "docs": {"id", "source", "title", "published", "story", "words", "mentions", "copy_of", "copies", "removed_lines"},
    "entities": {"id", "name", "type", "mentions", "in", "variants", "note"},
    "figures": {"id", "counts", "source", "figure", "words around it", "sources", "values", "sentence"},
    "quotes": {"id", "quote", "speaker", "carried by"},
    "claims": {"id", "claim", "asserted by", "denied by", "on whose word"},
    "timeline": {"date", "sources", "source: as written, in its sentence"},
    "mentions": {"source", "entity", "label", "in context"},
}
HEADERS["compare"] = {"source", "title", "mentions", "variants", "first sentence"}.union(
    HEADERS["figures"], HEADERS["quotes"], HEADERS["claims"]
)


@pytest.mark.parametrize("command", sorted(HEADERS))
def test_no_header_is_broken_at_80_columns(command: str, seeds_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    args = ["compare", "Maduro"] if command == "compare" else [command]
    out = run_cli(*args, "--db", seeds_db, "-f", "table").stdout
    assert widest(out) <= 80
    tables = drawn(out)
    assert tables
    for drawn_table in tables:  # "publis" over "hed" reads back as "publis hed", "publi…" as itself: neither is known
        assert set(drawn_table.header) <= HEADERS[command], drawn_table.title


def test_docs_table_shows_short_ids_whole_at_80_columns(seeds_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = json.loads(run_cli("docs", "--db", seeds_db, "-f", "json").stdout)
    monkeypatch.setenv("COLUMNS", "80")
    out = run_cli("docs", "--db", seeds_db, "-f", "table").stdout
    ids = table(out, "Documents").column("id")
    assert [cell for cell in ids if cell] == [d["short_id"] for d in docs] == ["000", "001", "002", "003", "004"]
    for doc in docs:
        assert doc["id"].split("_")[1][:4] not in out  # no piece of a full id, whole or split


def _tsv_rows(out: str) -> list[str]:
    header, *rows = out.splitlines()
    assert header.startswith("id\t")
    return rows


def test_limit_cuts_rows_and_says_how_to_see_all(seeds_db: Path) -> None:
    everything = _tsv_rows(run_cli("entities", "--limit", "0", "--db", seeds_db, "-f", "tsv").stdout)
    three = run_cli("entities", "--limit", "3", "--db", seeds_db, "-f", "tsv")
    assert _tsv_rows(three.stdout) == everything[:3]
    assert f"{len(everything) - 3} more entities: --limit 0 for all" in three.stderr


@pytest.mark.parametrize("command", ["entities", "mentions"])  # 38 entities, 258 mentions: more than a terminal's 50
def test_a_pipe_gets_every_row_without_limit(command: str, seeds_db: Path) -> None:
    everything = run_cli(command, "--limit", "0", "--db", seeds_db, "-f", "tsv")
    default = run_cli(command, "--db", seeds_db, "-f", "tsv")
    assert default.stdout == everything.stdout
    assert "more" not in default.stderr + everything.stderr


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("entities", "--min-sources", "6"), "entities"),
        (("claims", "--entity", "Musk", "--disputed"), "claims"),
        (("figures", "--conflicts", "--entity", "Musk"), "figure conflicts"),
        (("timeline", "--entity", "Musk", "--placed-only"), "dates"),
    ],
)
def test_empty_result_is_one_line_on_stderr_not_a_frame(args: tuple[str, ...], what: str, seeds_db: Path) -> None:
    result = run_cli(*args, "--db", seeds_db, "-f", "table", code=1)
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"newscorpus: no {what} to show"]


SHOWABLE: dict[str, tuple[tuple[str, ...], Callable[[Any], dict], str, str]] = {
    # kind: (the listing that gives an id, its first row, the row's field of sources, the noun errors use)
    "claims": (("claims", "--disputed"), lambda data: data[0], "carriers", "claim"),
    "quotes": (("quotes",), lambda data: data[0], "carriers", "quote"),
    "figures": (("figures", "--conflicts"), lambda data: data["conflicts"][0], "values", "figure conflict"),
}


def _first_row(kind: str, db: Path) -> tuple[str, list[dict]]:
    listing, first, sources, _ = SHOWABLE[kind]
    row = first(json.loads(run_cli(*listing, "--db", db, "-f", "json").stdout))
    return row["id"], row[sources]


@pytest.mark.parametrize("kind", sorted(SHOWABLE))
def test_show_prints_every_sentence_in_full(kind: str, seeds_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    row_id, sources = _first_row(kind, seeds_db)
    monkeypatch.setenv("COLUMNS", "80")
    out = run_cli(kind, "show", row_id[:4], "--db", seeds_db, "-f", "table").stdout
    assert widest(out) <= 80
    (detail,) = drawn(out)
    assert [row["sentence, in full"] for row in detail.rows()] == [_squash(s["sentence"]) for s in sources]


@pytest.mark.parametrize("kind", sorted(SHOWABLE))
def test_show_an_unknown_id_fails(kind: str, seeds_db: Path) -> None:
    result = run_cli(kind, "show", "zzzz", "--db", seeds_db, code=1)
    assert f"no {SHOWABLE[kind][3]} has the id 'zzzz'" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("kind", sorted(SHOWABLE))
def test_show_as_tsv_is_one_row_per_source(kind: str, seeds_db: Path) -> None:
    row_id, sources = _first_row(kind, seeds_db)
    header, *lines = run_cli(kind, "show", row_id, "--db", seeds_db, "-f", "tsv").stdout.splitlines()
    assert header == "id\tdoc\tstance\tsays\tsentence"
    fields = [line.split("\t") for line in lines]
    assert [(f[0], f[1], f[4]) for f in fields] == [(row_id, s["doc"], _squash(s["sentence"])) for s in sources]


# --- a real terminal ------------------------------------------------------------------------------------------


def in_terminal(*args: str | Path, cols: int = 80, rows: int = 40) -> str:
    """Run `python -m newscorpus ARGS` with stdout and stderr on a pseudo-terminal of cols x rows; what it showed."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "FORCE_COLOR", "TTY_COMPATIBLE")}
    env |= {"NEWSCORPUS_PAGER": "cat", "NO_COLOR": "1", "TERM": "xterm-256color"}
    command = [sys.executable, "-m", "newscorpus", *map(str, args)]
    proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    chunks = []
    try:
        while select.select([master], [], [], 60)[0]:  # a minute without output: stuck (a pager waiting for keys?)
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the terminal's other end closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        else:
            proc.kill()
    finally:
        os.close(master)
    assert proc.wait(timeout=60) == 0
    return ANSI.sub("", b"".join(chunks).decode()).replace("\r\n", "\n")


@pytest.mark.parametrize("cols", [80, 120])  # 80 is also Rich's fallback: 120 shows the terminal's size is read
def test_compare_at_a_terminal_is_a_table_that_fits(cols: int, seeds_db: Path) -> None:
    out = in_terminal("compare", "Maduro", "--db", seeds_db, cols=cols)
    assert "┏" in out and "┃" in out
    assert widest(out) <= cols
    assert widest(out) > cols - 5  # the tables take the terminal's width
    coverage = table(out, "Coverage by source")
    assert sorted(row["source"] for row in coverage.rows(starts="mentions")) == OUTLETS
    assert "approximately" in out
    assert "2,400" in out


def test_mentions_at_a_terminal_stops_at_50_and_says_so(seeds_db: Path) -> None:
    total = len(run_cli("mentions", "--db", seeds_db, "-f", "tsv").stdout.splitlines()) - 1
    out = in_terminal("mentions", "--db", seeds_db)
    assert widest(out) <= 80
    assert len(table(out, "Mentions").rows(starts="label")) == 50
    assert f"{total - 50} more mentions: --limit 0 for all" in out
