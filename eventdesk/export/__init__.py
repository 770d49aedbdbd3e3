"""Exports of the event table: ACLED-style CSV, JSON Lines with full provenance, GeoJSON, Parquet.

Each writer takes an iterable of ``store.query.Bundle`` (an event with its reports) and streams it, so
an export of any size runs in constant memory. ``EXPORTERS`` maps a ``--format`` name to its writer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from eventdesk.export.acled_csv import write_acled_csv
from eventdesk.export.geojson import write_geojson
from eventdesk.export.jsonl import write_jsonl
from eventdesk.export.parquet import write_parquet
from eventdesk.store.query import Bundle

Exporter = Callable[[Iterable[Bundle], Path], int]

EXPORTERS: dict[str, Exporter] = {
    "acled-csv": write_acled_csv,
    "jsonl": write_jsonl,
    "geojson": write_geojson,
    "parquet": write_parquet,
}
