"""Storing results: SQLite by default, PostgreSQL for teams; events merged across articles."""
