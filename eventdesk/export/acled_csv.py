"""ACLED-style CSV: ACLED's column names and codes, then eventdesk's own columns (see ``columns``)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from eventdesk.export.columns import COLUMNS, acled_row
from eventdesk.store.query import Bundle


def write_acled_csv(bundles: Iterable[Bundle], path: Path) -> int:
    """Write one row per event to ``path`` (UTF-8, header first); returns the number of rows."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for bundle in bundles:
            writer.writerow(acled_row(bundle))
            count += 1
    return count
