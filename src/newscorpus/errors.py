"""Errors that reach the user as one line, and the exit codes they map to.

Core code raises these; only the CLI boundary prints them and exits.
"""

from __future__ import annotations

import sqlite3
from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit status of every command."""

    OK = 0  # everything asked for was done
    FAILED = 1  # ran, but some input was rejected or nothing matched; the rest was kept
    USAGE = 2  # could not run: bad options, no spaCy model, unusable database
    INTERRUPTED = 130  # Ctrl-C
    CLOSED_PIPE = 141  # the reader stopped reading (`... | head`): 128 + SIGPIPE, as git and coreutils exit


class NewscorpusError(Exception):
    """A user-facing error: one line, optionally naming a path and a hint."""

    exit_code = ExitCode.USAGE

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def __reduce__(self) -> tuple[object, ...]:
        # raised in a worker process or on a cluster worker, it arrives with its path and hint
        return (self.__class__, (self.message,), self.__dict__)


class InputError(NewscorpusError):
    """One input file could not be read; the others go on."""

    exit_code = ExitCode.FAILED


class ConfigError(NewscorpusError):
    """A settings file (such as the alias file) is unusable: nothing can run until it is fixed."""


class ModelNotFound(NewscorpusError):
    """No usable spaCy pipeline is installed."""


class ClusterError(NewscorpusError):
    """A Dask scheduler cannot be reached, or its workers cannot run the analysis."""


class OutputError(NewscorpusError):
    """An output file cannot be written."""


class DatabaseError(NewscorpusError):
    """The database cannot be opened or is not ours."""


class UsageError(NewscorpusError):
    """A request that cannot be carried out as given (merging an entity with itself)."""


class QueryError(NewscorpusError):
    """A search query SQLite FTS5 cannot read (unbalanced quotes, a bare operator)."""


class NoMatch(NewscorpusError):
    """A query matched nothing."""

    exit_code = ExitCode.FAILED

    def __init__(self, message: str, *, suggestions: list[str] | None = None, hint: str | None = None):
        if suggestions:
            hint = "did you mean: " + ", ".join(suggestions)
        super().__init__(message, hint=hint)
        self.suggestions = suggestions or []


# What the database can raise in the middle of a command (locked, disk full, corrupt page): the
# CLI reports these as one line and exit 2, like a DatabaseError.
STORAGE_ERRORS = (sqlite3.Error,)
