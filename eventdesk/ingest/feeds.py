"""RSS and Atom feeds read from a local file or stream (never fetched): one Article per entry.

Entries are streamed: lxml's ``iterparse`` hands over one ``<item>``/``<entry>`` at a time, which feedparser
then reads in a one-entry envelope carrying the feed's namespaces, and the entry is freed before the next
one is parsed -- so memory stays bounded by the largest entry, not the feed. A feed that is not well-formed
XML (common in the wild) is read whole by feedparser's lenient parser instead, when it is within the
per-article size limit.

Each entry gives: text = its content (else its summary) with HTML turned into plain text, title, link as
url, published (else updated) date as written, the feed's title as source, and the entry's id (guid),
else its link, else ``<stem>#<n>`` as id.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterator
from datetime import date
from typing import Any, BinaryIO

from lxml import etree

from eventdesk.ingest.common import (
    Failure,
    ReadOptions,
    SourceError,
    over_limit,
    parse_feed_date,
    read_limited,
)
from eventdesk.ingest.html import html_fragment_to_text
from eventdesk.records import Article

_FEED_ROOTS = frozenset({"rss", "feed", "RDF"})
_ENTRY_TAGS = frozenset({"item", "entry"})
_FEED_HEADS = frozenset({"channel", "feed"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})


def read_feed(stream: BinaryIO, origin: str, stem: str | None, options: ReadOptions) -> Iterator[Article | Failure]:
    """One Article or Failure per feed entry, in feed order.

    Raises ``SourceError`` when the document is not an RSS/Atom feed, or is malformed XML that cannot be
    re-read (a pipe) or is too large to read whole.
    """
    feed = _StreamedFeed(origin)
    count = 0
    try:
        for entry in feed.entries(stream):
            count += 1
            yield _entry_to_record(entry, feed, count, origin, stem, options)
    except etree.XMLSyntaxError as exc:
        if count:
            yield Failure(origin, f"malformed XML after entry {count}, the rest is skipped: {exc}")
            return
        yield from _read_whole(stream, origin, stem, options, exc)


class _StreamedFeed:
    """Walks a feed with iterparse, remembering the root element (for envelopes) and the feed title."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.root: Any = None
        self.title: str | None = None

    def entries(self, stream: BinaryIO) -> Iterator[Any]:
        events = etree.iterparse(
            stream,
            events=("start", "end"),
            resolve_entities=False,  # no entity expansion and nothing fetched: feeds are untrusted input
            no_network=True,
            remove_comments=True,
            remove_pis=True,
        )
        for event, element in events:
            if not isinstance(element.tag, str):
                continue
            name = etree.QName(element).localname
            if event == "start":
                if self.root is None:
                    self._set_root(element, name)
                continue
            if name in _ENTRY_TAGS:
                yield element
                _free(element)
            elif name == "title" and self.title is None and _parent_name(element) in _FEED_HEADS:
                self.title = _clean(element.text)

    def _set_root(self, element: Any, name: str) -> None:
        if name not in _FEED_ROOTS:
            raise SourceError(self.origin, f"not an RSS or Atom feed (the root element is <{name}>)")
        self.root = element

    def envelope(self, entry: Any) -> bytes:
        """The entry alone in a copy of the feed's root (and channel), so feedparser sees its namespaces."""
        shell = etree.Element(self.root.tag, attrib=dict(self.root.attrib), nsmap=self.root.nsmap)
        parent = entry.getparent()
        holder = shell if parent is None or parent is self.root else etree.SubElement(shell, parent.tag)
        holder.append(copy.deepcopy(entry))
        return etree.tostring(shell)


def _entry_to_record(
    entry: Any, feed: _StreamedFeed, number: int, origin: str, stem: str | None, options: ReadOptions
) -> Article | Failure:
    # Imported here: feedparser is only needed for feeds.
    import feedparser

    where = f"{origin}#{number}"
    data = feed.envelope(entry)
    if len(data) > options.max_bytes:
        return Failure(where, f"entry is {over_limit(len(data), options.max_bytes)}")
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        return Failure(where, "feedparser could not read this entry")
    return entry_to_article(parsed.entries[0], where, f"{stem}#{number}" if stem else None, feed.title, options)


def _read_whole(
    stream: BinaryIO, origin: str, stem: str | None, options: ReadOptions, error: Exception
) -> Iterator[Article | Failure]:
    """Read a malformed feed whole with feedparser's lenient parser."""
    import feedparser

    if not stream.seekable():
        raise SourceError(origin, f"malformed XML: {error}")
    stream.seek(0)
    data = read_limited(stream, options.max_bytes, origin)
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.get("version") and not parsed.entries:
        raise SourceError(origin, f"not an RSS or Atom feed (malformed XML: {error})")
    source = _clean(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        fallback = f"{stem}#{number}" if stem else None
        yield entry_to_article(entry, f"{origin}#{number}", fallback, source, options)


def entry_to_article(
    entry: Any, origin: str, fallback_id: str | None, source: str | None, options: ReadOptions
) -> Article | Failure:
    """An Article from a feedparser entry (a dict-like ``FeedParserDict``)."""
    entry_id = _clean(entry.get("id")) or _clean(entry.get("link"))
    text = _entry_text(entry)
    if not text:
        return Failure(origin, "no text in the entry (neither content nor summary)", entry_id)
    if len(text) > options.max_bytes:
        return Failure(origin, f"entry text is {over_limit(len(text), options.max_bytes)}", entry_id)
    return Article(
        text=text,
        id=entry_id or fallback_id,
        title=_entry_title(entry),
        url=_clean(entry.get("link")),
        source=source,
        published=_entry_date(entry) or options.published,
    )


def _entry_text(entry: Any) -> str:
    """The longest content block, else the summary, as plain text."""
    blocks = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content") or []]
    if not any(value.strip() for value, _type in blocks):
        detail = entry.get("summary_detail") or {}
        blocks = [(entry.get("summary") or "", detail.get("type") or "text/html")]
    value, kind = max(blocks, key=lambda block: len(block[0]))
    return html_fragment_to_text(value) if kind in _HTML_TYPES else value.strip()


def _entry_title(entry: Any) -> str | None:
    title = entry.get("title")
    if not title:
        return None
    if (entry.get("title_detail") or {}).get("type") in _HTML_TYPES:
        title = html_fragment_to_text(title)
    return _clean(title)


def _entry_date(entry: Any) -> date | None:
    """The date as written in the feed (publisher's day); feedparser's UTC-normalised date as fallback."""
    for field in ("published", "updated"):
        found = parse_feed_date(entry.get(field))
        if found:
            return found
    for field in ("published_parsed", "updated_parsed"):
        parsed = entry.get(field)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _free(element: Any) -> None:
    """Drop a finished entry and everything before it, so a long feed does not pile up in memory."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]


def _parent_name(element: Any) -> str | None:
    parent = element.getparent()
    return etree.QName(parent).localname if parent is not None else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
