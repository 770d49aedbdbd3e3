"""Parquet (pyarrow): the ACLED-style columns with fixed types, written in row groups as it streams."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventdesk.export.columns import COLUMNS, acled_row
from eventdesk.store.query import Bundle

ROW_GROUP = 5000
_INTS = {
    "year",
    "time_precision",
    "inter1",
    "inter2",
    "interaction",
    "iso",
    "geo_precision",
    "fatalities",
    "timestamp",
    "n_sources",
    "fatalities_min",
    "fatalities_max",
}
_FLOATS = {"latitude", "longitude", "confidence"}
SCHEMA = pa.schema([(c, pa.int64() if c in _INTS else pa.float64() if c in _FLOATS else pa.string()) for c in COLUMNS])


def write_parquet(bundles: Iterable[Bundle], path: Path) -> int:
    """Write the events to ``path``; returns the number of rows."""
    count = 0
    rows: list[dict[str, Any]] = []
    with pq.ParquetWriter(path, SCHEMA) as writer:
        for bundle in bundles:
            rows.append(acled_row(bundle))
            if len(rows) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(rows, schema=SCHEMA))
                count += len(rows)
                rows = []
        if rows or count == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=SCHEMA))
            count += len(rows)
    return count
