"""Reading articles from files, folders, feeds, batches and web archives (one reader per format).

``read_articles(source)`` yields an ``Article`` or a ``Failure`` per input record, in input order; a record
that cannot be read never stops the others. (Work in progress: only plain text for now.)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eventdesk.errors import InputError
from eventdesk.records import Article


@dataclass(slots=True)
class Failure:
    """A record that could not be read: where it came from (path, path:line) and why."""

    origin: str
    message: str
    id: str | None = None


def read_articles(source: str | Path, *, published: date | None = None) -> Iterator[Article | Failure]:
    path = Path(source)
    if not path.exists():
        raise InputError(f"{source}: no such file or directory")
    yield Article(text=path.read_text(encoding="utf-8"), id=path.stem, published=published)
