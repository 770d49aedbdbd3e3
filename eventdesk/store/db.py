"""Opening the event database: URL handling, engine settings, migrations on open.

``open_store(url)`` is the one entry point: it accepts an SQLAlchemy URL (``sqlite:///path.db``,
``postgresql://user@host/db``) or a bare file path (taken as SQLite), brings the schema to the latest
migration, and returns a ``Store`` whose ``session()`` opens a transaction.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from eventdesk.errors import StoreError

DEFAULT_URL = "sqlite:///eventdesk.db"
MIGRATIONS = Path(__file__).with_name("migrations")


@dataclass(slots=True)
class Store:
    """An open database. ``session()`` is a context manager: commit on success, rollback on error.
    The store itself is one too: ``with open_store(url) as store:`` closes it on the way out."""

    url: str
    engine: Engine
    _sessions: sessionmaker[Session]

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def normalize_url(url: str | None) -> str:
    """An SQLAlchemy URL for ``url``: None gives the default, a path gives an SQLite URL."""
    if not url:
        return DEFAULT_URL
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith("postgres://"):  # Heroku-style URLs; SQLAlchemy only knows "postgresql"
        return "postgresql://" + url[len("postgres://") :]
    return url


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """Open (creating if needed) the database at ``url`` and migrate it to the latest schema.

    Raises ``StoreError`` with a one-line message when the URL is malformed or the server refuses.
    """
    url = normalize_url(url)
    try:
        engine = _engine(url)
        if migrate:
            upgrade(engine)
    except (ArgumentError, OperationalError, SQLAlchemyError, ImportError) as exc:
        message = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise StoreError(f"cannot open database {_redact(url)}: {message}") from exc
    return Store(url=url, engine=engine, _sessions=sessionmaker(engine, expire_on_commit=False))


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the shipped alembic migrations on ``engine`` up to ``revision``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(_with_driver(url), pool_pre_ping=True)


def _with_driver(url: str) -> str:
    """``postgresql://`` with the driver that is installed (SQLAlchemy 2.1 assumes psycopg 3;
    eventdesk's ``postgres`` extra installs psycopg2)."""
    if not url.startswith("postgresql://"):
        return url
    for module, dialect in (("psycopg", "postgresql+psycopg"), ("psycopg2", "postgresql+psycopg2")):
        if importlib.util.find_spec(module) is not None:
            return dialect + url[len("postgresql") :]
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers (``eventdesk events``) run during an ingest; NORMAL sync is still crash-safe
    # in WAL mode (a power cut may lose the last commit, never corrupt the file).
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    # Python's sqlite3 module opens transactions lazily and would let the RELEASE of a savepoint
    # commit the whole transaction; we emit BEGIN ourselves (SQLAlchemy's documented recipe), so a
    # batch is one transaction and a per-article savepoint is only a savepoint.
    dbapi_connection.isolation_level = None


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def _redact(url: str) -> str:
    """The URL without its password, for error messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}@{host}"
    return url
