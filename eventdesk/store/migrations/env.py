"""Alembic environment: runs on the connection ``store.db.upgrade`` hands over (no alembic.ini).

To add a revision after changing ``store/models.py`` (compared against a database at the latest
revision)::

    from alembic import command
    from alembic.config import Config
    from eventdesk.store.db import MIGRATIONS, open_store
    store = open_store("sqlite:////tmp/schema.db")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.revision(config, message="what changed", autogenerate=True, rev_id="0002")

Without a handed-over connection it migrates ``-x url=...`` (default sqlite:///eventdesk.db).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from eventdesk.store.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///eventdesk.db")
    with create_engine(url).begin() as conn:
        _migrate(conn)


def _migrate(connection: object) -> None:
    # render_as_batch: SQLite cannot ALTER most things; batch mode rebuilds tables when needed.
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run()
