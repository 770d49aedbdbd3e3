"""JSON Lines with full provenance: each event with every report, its article and its evidence."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from eventdesk.export.columns import acled_row
from eventdesk.store.query import Bundle


def event_json(bundle: Bundle) -> dict[str, Any]:
    """An event as a JSON object: the flat row's fields plus ``reports`` (one per merged mention)."""
    obj = acled_row(bundle)
    e = bundle.event
    obj.update(
        date={
            "value": e.date_value,
            "precision": e.date_precision,
            "start": _iso(e.date_start),
            "end": _iso(e.date_end),
        },
        country_code=e.country_code,
        geo_precision_name=e.geo_precision,
        n_mentions=e.n_mentions,
        sources=e.sources,
        reports=[
            {
                "mention_id": r.mention.mention_id,
                "merge_score": r.mention.merge_score,
                "merge_reason": r.mention.merge_reason,
                "article": {
                    "id": r.article_id,
                    "title": r.title,
                    "source": r.source,
                    "url": r.url,
                    "published": _iso(r.published),
                },
                "evidence_text": r.evidence,
                "event": r.mention.data,
            }
            for r in bundle.reports
        ],
    )
    return obj


def write_jsonl(bundles: Iterable[Bundle], path: Path) -> int:
    """Write one JSON object per line; returns the number of events."""
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for bundle in bundles:
            handle.write(json.dumps(event_json(bundle), ensure_ascii=False) + "\n")
            count += 1
    return count


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
