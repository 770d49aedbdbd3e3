"""Web archives (WARC and WARC.gz, via warcio): one Article per archived HTML page.

Only ``response`` records with an HTML content type and a 2xx status are articles; other records (requests,
metadata, images, redirects, error pages) are skipped silently. An HTML page without article text, or whose
payload is over the per-article limit, is a ``Failure`` and the archive goes on.

url = the record's WARC-Target-URI (what was fetched); published = the page's own date, else the
WARC-Date (when it was archived), else the caller's ``published``; id = ``<stem>#<n>``, n being the
record's 1-based position among all records of the archive (``origin`` uses the same position).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from eventdesk.ingest.common import (
    Failure,
    ReadOptions,
    SourceError,
    parse_feed_date,
    peek_stream,
    read_at_most,
    size_text,
)
from eventdesk.ingest.html import html_to_article
from eventdesk.records import Article

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# WARC records start with their version line; ARC files (WARC's predecessor, also read by warcio) with
# "filedesc://". Checked up front because warcio reads any text as a record rather than refusing it.
_ARCHIVE_STARTS = (b"WARC/", b"filedesc://")
_GZIP_MAGIC = b"\x1f\x8b"


def looks_like_warc(sample: bytes) -> bool:
    """True when the first bytes are those of a WARC or ARC file, plain or gzipped."""
    if sample.startswith(_GZIP_MAGIC):
        try:
            sample = zlib.decompressobj(wbits=31).decompress(sample, 16)
        except zlib.error:
            return False
    return sample.startswith(_ARCHIVE_STARTS)


def read_warc(stream: BinaryIO, origin: str, stem: str | None, options: ReadOptions) -> Iterator[Article | Failure]:
    """One Article or Failure per archived HTML page, in archive order.

    Raises ``SourceError`` when the data is not a WARC file; damage after the first record ends the
    archive with a ``Failure``.
    """
    # Imported here: warcio is only needed for archives.
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    sample, stream = peek_stream(stream, 4096)
    if not looks_like_warc(sample):
        raise SourceError(origin, "not a readable WARC file (it does not start with a WARC record)")
    number = 0
    records = iter(ArchiveIterator(stream))
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
            if number == 0:
                raise SourceError(origin, f"not a readable WARC file: {_one_line(exc)}") from None
            yield Failure(origin, f"damaged after record {number}, the rest is skipped: {_one_line(exc)}")
            return
        number += 1
        if _is_html_page(record):
            yield _record_to_article(record, f"{origin}#{number}", f"{stem}#{number}" if stem else None, options)


def _is_html_page(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return status.startswith("2") and content_type.startswith(_HTML_TYPES)


def _record_to_article(record: Any, where: str, article_id: str | None, options: ReadOptions) -> Article | Failure:
    payload = read_at_most(record.content_stream(), options.max_bytes)
    if len(payload) > options.max_bytes:
        return Failure(where, f"page is over the {size_text(options.max_bytes)} limit for one article", article_id)
    url = record.rec_headers.get_header("WARC-Target-URI")
    archived = parse_feed_date(record.rec_headers.get_header("WARC-Date"))
    try:
        return html_to_article(
            payload, where, article_id=article_id, url=url, published=archived or options.published
        )
    except SourceError as exc:
        return Failure(where, exc.problem, article_id)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
