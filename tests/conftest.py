"""Shared fixtures: the seeds, a database built from them once, and a CLI runner."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from newscorpus.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str | Path, code: int | None = 0, stdin: str | bytes | None = None) -> Result:
    """Run the CLI in-process; assert the exit code (unless None); re-raise real bugs."""
    result = CliRunner().invoke(app, [str(a) for a in args], input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    if code is not None:
        assert result.exit_code == code, f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return Result(result.exit_code, result.stdout, result.stderr)


CONTENT_TABLES = (
    "documents", "sentences", "mentions", "renames", "entities", "entity_variants",
    "figures", "quotes", "claims", "dates", "removed_lines",
)  # fmt: skip


def db_content(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table that holds what ingest found, less the time of writing, sorted."""
    with closing(sqlite3.connect(db)) as conn:
        tables = {}
        for table in CONTENT_TABLES:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})") if row[1] != "ingested_at"]
            rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            tables[table] = sorted(rows, key=repr)
    return tables


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Never touch a user's ./newscorpus.db, and never inherit their settings."""
    monkeypatch.setenv("NEWSCORPUS_DB", str(tmp_path / "default.db"))
    monkeypatch.delenv("NEWSCORPUS_MODEL", raising=False)
    monkeypatch.delenv("NEWSCORPUS_DEBUG", raising=False)


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with seeds/ ingested, built once per session. Tests must not write to it."""
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    run_cli("ingest", SEEDS, "--db", db)
    return db


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of seeds/ that a test may change."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="session")
def english() -> Language:
    """The installed spaCy pipeline, loaded as ingest loads it."""
    from newscorpus import settings
    from newscorpus.nlp import extract as nlp

    name = settings.model_name(None)
    assert name, "no spaCy English pipeline installed"
    return nlp.load_pipeline(name)
