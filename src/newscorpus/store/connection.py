"""Opening the database, and transactions.

One SQLite file, WAL mode (queries run while an ingest writes), foreign keys on, the schema
migrated on open (schema.py).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newscorpus.errors import DatabaseError
from newscorpus.store.schema import MIGRATIONS, SCHEMA_VERSION

Connection = sqlite3.Connection


def connect(path: Path, *, create: bool = True) -> sqlite3.Connection:
    """Open (and if needed create or migrate) the database at `path`.

    Raises:
        DatabaseError: the file is missing (when not `create`), not a SQLite database, or was
            written by a newer newscorpus.
    """
    if not create and not path.exists():
        raise DatabaseError("no database here", path=str(path), hint="run `newscorpus ingest PATH` first, or pass --db")
    if not create and path.is_file() and path.stat().st_size == 0:
        raise DatabaseError("an empty file, not a database", path=str(path))
    if path.is_dir():
        raise DatabaseError("a folder, not a database file", path=str(path))
    try:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"not a newscorpus database ({exc})", path=str(path)) from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise DatabaseError(
            f"written by a newer newscorpus (schema {version}, this one reads up to {SCHEMA_VERSION})",
            path=str(path),
            hint="upgrade newscorpus",
        )
    if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        conn.close()
        raise DatabaseError("a SQLite database, but not a newscorpus one", path=str(path))
    if version < SCHEMA_VERSION:
        conn.execute("PRAGMA journal_mode = WAL")
        with transaction(conn):
            for migrate in MIGRATIONS[version:]:
                migrate(conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return conn


class transaction:  # noqa: N801 - used as a lower-case context manager, like open()
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
