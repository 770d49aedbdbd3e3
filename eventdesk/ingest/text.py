"""Plain-text articles: the decoded text exactly as given (only a byte-order mark is dropped)."""

from __future__ import annotations

from datetime import date

from eventdesk.ingest.common import SourceError, decode_text
from eventdesk.records import Article


def text_to_article(data: bytes, origin: str, *, article_id: str | None, published: date | None) -> Article:
    """One article from the bytes of a text file. Invalid UTF-8 is replaced (with an ``IngestWarning``);
    binary data and whitespace-only text raise ``SourceError``."""
    text = decode_text(data, origin)
    if not text.strip():
        raise SourceError(origin, "empty")
    return Article(text=text, id=article_id, published=published)
