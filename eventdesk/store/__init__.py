"""Storing results: SQLite by default, PostgreSQL for teams; events merged across articles.

One module per concern: ``models`` (the schema), ``db`` (URLs, engine, migrations on open),
``writer`` (a batch of results in one transaction), ``merge`` (mentions -> events, undo),
``ingest`` (the parallel ingest run), ``query`` (filters and event details), ``commands`` (the CLI).
"""
