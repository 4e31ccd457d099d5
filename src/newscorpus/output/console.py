"""The terminal: consoles for data and messages, the global colour and quiet settings, errors, notes, progress.

Data goes to stdout; progress, summaries and errors go to stderr. Text from articles is never
read as Rich markup, and control characters are dropped before they reach a terminal.
"""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stdout
from typing import ClassVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from newscorpus.models import IngestReport

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]|\x1b\[[0-9;?]*[A-Za-z]")


class Settings:
    """What the global options chose: --no-color (NO_COLOR does the same), --quiet, --no-pager."""

    color = True
    quiet = False  # no progress, notes or summaries; errors still print
    pager = True
    paging_width: int | None = None  # set while stdout goes to a pager: the terminal's width
    deferred: ClassVar[list[str]] = []  # notes said while paging, printed after the pager ends


def configure(*, color: bool, quiet: bool, pager: bool = True) -> None:
    """Apply the global options to every console made after this."""
    Settings.color, Settings.quiet, Settings.pager = color, quiet, pager


def pager_command() -> list[str] | None:
    """The pager to use at a terminal, as gh chooses it: NEWSCORPUS_PAGER, else PAGER, else less;
    None when turned off (--no-pager, an empty value or "cat")."""
    command = os.environ.get("NEWSCORPUS_PAGER", os.environ.get("PAGER", "less")).strip()
    if not Settings.pager or command in ("", "cat"):
        return None
    return shlex.split(command)


@contextmanager
def paged(enabled: bool) -> Iterator[None]:
    """Send what is written to stdout inside through the pager when stdout is a terminal (with
    `less`, LESS=FRX: it quits at once when the output fits the screen, and keeps colours)."""
    command = pager_command() if enabled and sys.stdout.isatty() else None
    if command is None:
        yield
        return
    buffer = io.StringIO()
    Settings.paging_width = shutil.get_terminal_size().columns
    try:
        with redirect_stdout(buffer):
            yield
    finally:
        Settings.paging_width = None
        text = buffer.getvalue()
        if text:
            try:
                subprocess.run(command, input=text, text=True, env={"LESS": "FRX", **os.environ}, check=False)
            except OSError:  # no such pager: the text, as it is
                sys.stdout.write(text)
        notes, Settings.deferred = Settings.deferred, []
        for message in notes:  # "12 more: --limit 0 for all" belongs after the table, not before it
            note(message)


def no_color() -> bool | None:
    """Rich's no_color argument: True for --no-color, else None so Rich reads NO_COLOR itself."""
    return True if not Settings.color else None  # None: Rich reads NO_COLOR itself


def stderr() -> Console:
    """The console for progress, summaries and errors."""
    return Console(stderr=True, highlight=False, soft_wrap=True, no_color=no_color())  # one message, one line


def to_terminal() -> bool:
    """Whether stdout is a terminal, or a pager standing in for one."""
    return Settings.paging_width is not None or sys.stdout.isatty()


def stdout() -> Console:
    """The console for data: tables (the other formats are written to sys.stdout as they are)."""
    if Settings.paging_width is not None:  # writing to the pager's buffer, for a terminal
        return Console(highlight=False, no_color=no_color(), force_terminal=True, width=Settings.paging_width)
    return Console(highlight=False, no_color=no_color())


def safe(text: str) -> str:
    """Text with terminal control sequences and characters removed, for table cells."""
    return _CONTROL.sub("", text)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """ "1 source", "2 sources", "1,204 articles"."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def error(message: str, hint: str | None = None) -> None:
    """One error line (and an optional hint line) on stderr."""
    console = stderr()
    console.print(Text("newscorpus: error: " + safe(message), style="red"))
    if hint:
        console.print(Text("hint: " + safe(hint)))


def note(message: str) -> None:
    """One informational line on stderr (none with --quiet)."""
    if Settings.paging_width is not None:
        Settings.deferred.append(message)
    elif not Settings.quiet:
        stderr().print(Text("newscorpus: " + safe(message), style="dim"))


def ingest_summary(report: IngestReport) -> None:
    """The ingest summary on stderr, after one line per failed input."""
    for warning in report.warnings:
        note("warning: " + warning)
    for failure in report.failed:
        error(f"{failure.path}: {failure.reason}")
    if Settings.quiet:
        return
    if report.relabelled:
        note(f"{plural(report.relabelled, 'document')} took an outlet, date or url from a sources file or a correction")
    stderr().print(
        Text(
            f"added {report.added}, replaced {report.replaced}, unchanged {report.unchanged}, "
            f"failed {len(report.failed)}; {report.words:,} words, {report.mentions:,} mentions, "
            f"{report.entities:,} entities, {plural(report.stories, 'story', 'stories')}; {report.seconds:.1f} s"
            + (f" ({report.model})" if report.model else "")
        )
    )


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Callable[[int, int], None]]:
    """A progress callback drawing a bar on stderr when it is a terminal (a no-op otherwise)."""
    console = stderr()
    if not enabled or Settings.quiet or not console.is_terminal:
        yield lambda done, total: None
        return
    with Progress(
        TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True
    ) as bar:
        task = bar.add_task("ingest", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update
