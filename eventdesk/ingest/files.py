"""One file or standard input -> records: checks on the source as a whole, then the format's reader.

The checks (missing, unreadable, empty, binary, over the size limit) run when ``read_file`` is called, so
``read_articles`` raises at once for a bad source; records are then read lazily, as the caller iterates.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from eventdesk.ingest.batch import read_csv, read_json, read_jsonl
from eventdesk.ingest.common import (
    MAX_JSON_BYTES,
    SAMPLE_BYTES,
    STDIN_ORIGIN,
    Failure,
    ReadOptions,
    SourceError,
    check_sample,
    looks_binary,
    over_limit,
    peek_stream,
    read_limited,
)
from eventdesk.ingest.feeds import read_feed
from eventdesk.ingest.formats import format_from_name, sniff_format, strip_ending
from eventdesk.ingest.html import html_to_article, looks_like_html
from eventdesk.ingest.text import text_to_article
from eventdesk.ingest.warc import read_warc
from eventdesk.records import Article

Records = Iterator[Article | Failure]
StreamReader = Callable[[BinaryIO, str, str | None, ReadOptions], Records]


def _read_tsv(stream: BinaryIO, origin: str, stem: str | None, options: ReadOptions) -> Records:
    return read_csv(stream, origin, stem, options, delimiter="\t")


# Formats read record by record from a stream (text and html are whole single articles).
STREAM_READERS: dict[str, StreamReader] = {
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
    "tsv": _read_tsv,
    "feed": read_feed,
    "warc": read_warc,
}


def read_file(path: Path, options: ReadOptions, fmt: str | None = None, *, stem: str | None = None) -> Records:
    """Records of one file. ``stem`` is the id prefix (default: the file name without its ending).

    Raises ``SourceError`` at once for a missing, unreadable, empty, binary or (single-article formats)
    oversized file; readers may raise it later for problems found while streaming (e.g. a CSV header
    without a text column).
    """
    origin = str(path)
    size = _file_size(path, origin)
    sample = _read_sample(path, origin)
    fmt = fmt or format_from_name(path) or sniff_format(sample)
    stem = stem if stem is not None else _stem(path)
    if fmt in ("text", "html"):
        if size > options.max_bytes:
            raise SourceError(origin, over_limit(size, options.max_bytes))
        data = _read_all(path, origin)
        return iter([_single_article(data, fmt, origin, stem, options)])
    if fmt == "json" and size > MAX_JSON_BYTES:
        raise SourceError(origin, f"{over_limit(size, MAX_JSON_BYTES, 'a JSON file')}; use JSON Lines for big batches")
    if fmt != "warc":
        check_sample(sample, origin, complete=size <= SAMPLE_BYTES)
    return _stream_file(path, origin, stem, STREAM_READERS[fmt], options)


def read_stdin(options: ReadOptions, fmt: str | None = None, stream: BinaryIO | None = None) -> Records:
    """Records from standard input: one text article, or HTML when it looks like a page, unless ``fmt``
    names another format (``jsonl``, ``csv``, ``feed``, ``warc``, ... stream as they do from files)."""
    stream = stream if stream is not None else sys.stdin.buffer
    sample, stream = peek_stream(stream)
    fmt = fmt or ("html" if looks_like_html(sample) else "text")
    if fmt in ("text", "html"):
        data = read_limited(stream, options.max_bytes, STDIN_ORIGIN)
        return iter([_single_article(data, fmt, STDIN_ORIGIN, None, options)])
    if fmt != "warc":
        check_sample(sample, STDIN_ORIGIN, complete=len(sample) < SAMPLE_BYTES)
    return STREAM_READERS[fmt](stream, STDIN_ORIGIN, None, options)


def _single_article(data: bytes, fmt: str, origin: str, stem: str | None, options: ReadOptions) -> Article:
    if not data.strip():
        raise SourceError(origin, "empty")
    if looks_binary(data[:SAMPLE_BYTES]):
        raise SourceError(origin, "looks like binary data, not text")
    if fmt == "html":
        return html_to_article(data, origin, article_id=stem, published=options.published)
    return text_to_article(data, origin, article_id=stem, published=options.published)


def _stream_file(path: Path, origin: str, stem: str | None, reader: StreamReader, options: ReadOptions) -> Records:
    try:
        with path.open("rb") as stream:
            yield from reader(stream, origin, stem, options)
    except OSError as exc:
        raise SourceError(origin, f"cannot read: {exc.strerror or exc}") from None


def _file_size(path: Path, origin: str) -> int:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise SourceError(origin, "no such file") from None
    except OSError as exc:
        raise SourceError(origin, f"cannot read: {exc.strerror or exc}") from None
    if not path.is_file():
        raise SourceError(origin, "not a file")
    if info.st_size == 0:
        raise SourceError(origin, "empty")
    return info.st_size


def _read_sample(path: Path, origin: str) -> bytes:
    try:
        with path.open("rb") as stream:
            return stream.read(SAMPLE_BYTES)
    except OSError as exc:
        raise SourceError(origin, f"cannot read: {exc.strerror or exc}") from None


def _read_all(path: Path, origin: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(origin, f"cannot read: {exc.strerror or exc}") from None


def _stem(path: Path) -> str:
    """The file name without the ending that named its format (unknown endings: ``Path.stem``)."""
    return strip_ending(path.name) if format_from_name(path) else path.stem
