"""GeoJSON FeatureCollection for maps: one Point feature per located event (others are left out)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from eventdesk.export.columns import acled_row
from eventdesk.store.query import Bundle


def write_geojson(bundles: Iterable[Bundle], path: Path) -> int:
    """Write a FeatureCollection, streaming feature by feature; returns the number of features."""
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"type": "FeatureCollection", "features": [\n')
        for bundle in bundles:
            e = bundle.event
            if e.lat is None or e.lon is None:
                continue
            props = {k: v for k, v in acled_row(bundle).items() if k not in ("latitude", "longitude")}
            feature = {
                "type": "Feature",
                # GeoJSON order is longitude, latitude (RFC 7946)
                "geometry": {"type": "Point", "coordinates": [e.lon, e.lat]},
                "properties": props,
            }
            handle.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
            count += 1
        handle.write("\n]}\n")
    return count
