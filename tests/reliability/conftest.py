"""A corpus big enough to stop an ingest in the middle of, and a way to run newscorpus as a process."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from newscorpus.ingest import boilerplate
from tests.conftest import SEEDS


@pytest.fixture(scope="session")
def paragraphs_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Articles of two seed paragraphs each, in four pairings: ~240 documents, four batches."""
    folder = tmp_path_factory.mktemp("paragraphs")
    paragraphs = [
        p
        for seed in sorted(SEEDS.glob("*.txt"))
        for p in seed.read_text(encoding="utf-8").split("\n")
        if len(p.split()) >= 12
    ]
    for k in range(4):  # two documents share at most one paragraph: none is a near copy of another
        for i, paragraph in enumerate(paragraphs):
            text = f"{paragraph}\n\n{paragraphs[(i + 7 * k + 1) % len(paragraphs)]}\n"
            if boilerplate.strip(text).body.strip():  # an ingest of them all succeeds
                (folder / f"{k}_{i:03}.txt").write_text(text, encoding="utf-8")
    assert len(list(folder.iterdir())) > 3 * 64
    return folder


def start(*args: str | Path, **popen: object) -> subprocess.Popen[bytes]:
    """`newscorpus ARGS` as a child process, its stderr kept."""
    command = [sys.executable, "-m", "newscorpus", *map(str, args)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **popen)  # type: ignore[call-overload]


def stored_documents(db: Path) -> int:
    """Documents committed so far (0 while the database does not exist yet)."""
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(db, timeout=5)) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is still being created
        return 0


def wait_until(condition: object, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    """Poll `condition()` until true; fail if the process ends first or time runs out."""
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert process.poll() is None, "the ingest finished before it could be stopped: make the corpus bigger"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)
