"""eventdesk: news articles in, a geocoded, deduplicated, source-linked event table out.

    >>> from eventdesk import extract
    >>> result = extract("Gunmen killed three people in Kano on Monday.", published="2024-03-06")
    >>> result.to_dict()["events"][0]["sub_event_type"]
    'Attack'
"""

from __future__ import annotations

from datetime import date

from eventdesk.errors import EventdeskError, InputError
from eventdesk.extract.pipeline import Extractor, get_extractor
from eventdesk.records import Article, Result
from eventdesk.settings import Settings

__all__ = ["Article", "EventdeskError", "Extractor", "InputError", "Result", "Settings", "extract"]
__version__ = "0.1.0"


def extract(
    text: str,
    *,
    published: date | str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    id: str | None = None,  # the JSON field name
    settings: Settings | None = None,
) -> Result:
    """Extract actors, places, times, events, quotes, statements, relations and flags from ``text``.

    ``published`` (a date or an ISO string) anchors relative dates ("on Monday"); without it they
    stay unresolved rather than being guessed from today's date. Raises ``InputError`` for empty or
    oversized text.
    """
    if isinstance(published, str):
        try:
            published = date.fromisoformat(published[:10])
        except ValueError as exc:
            raise InputError(f"published date {published!r} is not an ISO date (YYYY-MM-DD)") from exc
    article = Article(text=text, id=id, title=title, url=url, source=source, published=published)
    return get_extractor(settings or Settings())(article)
