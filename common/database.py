"""The one place that builds database engines and sessions (SQLAlchemy 1.4, future mode).

URL: the argument, else the settings' db_url ($RADIX_DB_URL, else SQLite at
$RADIX_DATA_DIR/radix.db). Nothing connects at import time; an engine is created on first use and
cached per URL, and each caller's tables (its own MetaData) are created if missing.
"""
from __future__ import annotations

import functools

from sqlalchemy import MetaData, create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

from common.settings import load_settings


def default_url() -> str:
    settings = load_settings()
    if settings.db_url.startswith("sqlite:///"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    return settings.db_url


@functools.lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    return create_engine(url, future=True)


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
        metadata.create_all(engine, checkfirst=True)
        done.add(id(metadata))
