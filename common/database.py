"""The one place that builds database engines and sessions (SQLAlchemy 1.4, future mode).

URL: the argument, else the settings' db_url ($RADIX_DB_URL, else SQLite at
$RADIX_DATA_DIR/radix.db). Nothing connects at import time; an engine is created on first use and
cached per URL, and each caller's tables (its own MetaData) are created if missing.

SQLite files and the directories Radix creates for them are private to the user (0600 / 0700):
they hold conversations.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Optional

from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

from common.settings import load_settings

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
# Tables of one MetaData are created at most this many times over (another process may race us).
CREATE_ATTEMPTS = 3


def private_dir(path: Path) -> Path:
    """`path` as a directory only the user can enter (created if missing, tightened if not)."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    os.chmod(path, PRIVATE_DIR_MODE)
    return path


def sqlite_path(url: str) -> Optional[Path]:
    """The file of a SQLite URL (None for other databases and in-memory SQLite)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def private_sqlite_file(url: str) -> None:
    """For a SQLite URL: its file exists, readable and writable by the user only."""
    path = sqlite_path(url)
    if path is None:
        return
    if not path.parent.exists():
        private_dir(path.parent)
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, PRIVATE_FILE_MODE))
    os.chmod(path, PRIVATE_FILE_MODE)


def default_url() -> str:
    settings = load_settings()
    if settings.db_url.startswith("sqlite:///"):
        private_dir(settings.data_dir)
    return settings.db_url


def make_engine(url: str, **connect_args) -> Engine:
    """An engine for `url`. A SQLite file keeps its connections open (a pool) and commits through
    a write-ahead log; other databases get SQLAlchemy's defaults.

    SQLAlchemy 1.4 opens and closes a SQLite file connection per session (NullPool), and the last
    connection closing a WAL database checkpoints it: every turn paid an open, a checkpoint and
    the rollback journal's three syncs. With a pool and WAL a commit appends to one file and
    syncs it once (synchronous stays FULL, so a committed turn survives a power cut), and readers
    do not block the writer.
    """
    if sqlite_path(url) is None:
        return create_engine(url, future=True, connect_args=connect_args)
    engine = create_engine(url, future=True, poolclass=QueuePool, pool_size=4,
                           connect_args={"check_same_thread": False, **connect_args})

    @event.listens_for(engine, "connect")
    def _wal(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    return engine


@functools.lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    private_sqlite_file(url)
    return make_engine(url)


def session_factory(url: str | None = None, metadata: MetaData | None = None) -> sessionmaker:
    """Sessions on ``url`` (default: default_url()); ``metadata``'s tables are created if missing."""
    engine = engine_for(url or default_url())
    if metadata is not None:
        _create_tables(engine, metadata)
    return sessionmaker(bind=engine, future=True, expire_on_commit=False)


def _create_tables(engine: Engine, metadata: MetaData) -> None:
    # Once per engine and metadata: create_all inspects the database each time it runs.
    done = engine.__dict__.setdefault("_radix_tables_created", set())
    if id(metadata) not in done:
        for attempt in range(1, CREATE_ATTEMPTS + 1):
            try:
                metadata.create_all(engine, checkfirst=True)
                break
            except DBAPIError:
                # create_all looks, then creates: two replicas starting together both saw no
                # table and one CREATE failed (PostgreSQL: a duplicate pg_type). Looking again
                # finds the other's table; a real problem fails again and is raised.
                if attempt == CREATE_ATTEMPTS:
                    raise
        done.add(id(metadata))
