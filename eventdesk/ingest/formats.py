"""Which reader a source needs: from the caller's ``fmt``, else the file name, else the first bytes."""

from __future__ import annotations

import re
from pathlib import Path

from eventdesk.errors import InputError
from eventdesk.ingest.html import looks_like_html
from eventdesk.ingest.warc import looks_like_warc

FORMATS = ("text", "html", "jsonl", "json", "csv", "tsv", "feed", "warc")
"""Canonical format names, as accepted by ``read_articles(fmt=...)``."""

_ALIASES = {
    "txt": "text",
    "htm": "html",
    "xhtml": "html",
    "ndjson": "jsonl",
    "rss": "feed",
    "atom": "feed",
    "xml": "feed",
    "warc.gz": "warc",
}

# File endings a folder walk reads; longest first so ".warc.gz" wins over ".gz".
EXTENSIONS: dict[str, str] = {
    ".warc.gz": "warc",
    ".warc": "warc",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}

# The first element (after an XML declaration, comments, processing instructions, a doctype) is the root.
_FEED_ROOT = re.compile(
    rb"^\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?:[\w-]+:)?(?:rss|feed|RDF)[\s>/]", re.S | re.I
)


def normalize_format(fmt: str) -> str:
    """The canonical name of a format the caller asked for; InputError for an unknown one."""
    name = fmt.strip().lower().lstrip(".")
    name = _ALIASES.get(name, name)
    if name not in FORMATS:
        raise InputError(f"unknown input format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return name


def format_from_name(path: Path) -> str | None:
    """The format a file's ending names, or None for an ending we do not read."""
    name = path.name.lower()
    for ending, fmt in EXTENSIONS.items():
        if name.endswith(ending):
            return fmt
    return None


def strip_ending(name: str) -> str:
    """A file name or relative path without the ending that names its format ("a.warc.gz" -> "a")."""
    lowered = name.lower()
    for ending in EXTENSIONS:
        if lowered.endswith(ending):
            return name[: len(name) - len(ending)]
    return name


def sniff_format(sample: bytes) -> str:
    """A best guess from a document's first bytes (after binary data has been ruled out).

    WARC (plain or gzipped), a feed (or other XML), an HTML page, JSON Lines (first line a complete
    object), JSON, else plain text. CSV cannot be told from text; name the file .csv or pass fmt="csv".
    """
    if looks_like_warc(sample):
        return "warc"
    body = sample.lstrip(b"\xef\xbb\xbf \t\r\n")
    if body.startswith(b"<"):
        if _FEED_ROOT.match(body):
            return "feed"
        if looks_like_html(body):
            return "html"
        if body.startswith(b"<?xml"):
            return "feed"  # other XML: the feed reader says clearly that it is not a feed
    if body.startswith(b"["):
        return "json"
    if body.startswith(b"{"):
        first, newline, _rest = body.partition(b"\n")
        return "jsonl" if newline and first.rstrip().endswith(b"}") else "json"
    return "text"
