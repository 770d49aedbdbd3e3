"""Alembic migrations of the eventdesk schema, run programmatically by ``store.db.open_store``."""
