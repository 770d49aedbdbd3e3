"""Sample articles for ``eventdesk demo``: short fictional wire reports written for eventdesk.

Several of them report the same incidents with different wording, dates written differently and
different casualty counts, so the demo shows the merge at work. ``samples.jsonl`` has one article per
line with the same fields as ``eventdesk extract`` reads (``id``, ``title``, ``source``, ``published``,
``text``).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from eventdesk.records import Article

SAMPLES = Path(__file__).with_name("samples.jsonl")


def load_samples(path: Path = SAMPLES) -> list[Article]:
    """The bundled sample articles, in file order."""
    articles: list[Article] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        published = record.get("published")
        articles.append(
            Article(
                text=record["text"],
                id=record.get("id"),
                title=record.get("title"),
                url=record.get("url"),
                source=record.get("source"),
                published=date.fromisoformat(published) if published else None,
            )
        )
    return articles
