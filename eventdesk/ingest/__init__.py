"""Reading articles from files, folders, standard input, batches, feeds and web archives.

``read_articles(source)`` yields an ``Article`` or a ``Failure`` per input record, in input order; a record
that cannot be read never stops the others. Problems with the source as a whole raise ``InputError`` (a
``SourceError``, whose message is "<file>: <problem>").

One module per format: ``text`` (plain text), ``html`` (trafilatura), ``batch`` (JSON Lines, JSON, CSV,
TSV), ``feeds`` (RSS/Atom), ``warc`` (web archives); ``files`` checks a single file or stdin and picks the
reader, ``folder`` walks folders, ``formats`` names formats and sniffs them, ``common`` holds what they
share; ``python -m eventdesk.ingest.bench`` measures speed and memory per format.

Text that is not valid UTF-8 is read with U+FFFD replacement characters and an ``IngestWarning``
(``warnings.warn``) naming the file and, for batches, the line.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from eventdesk.errors import InputError
from eventdesk.ingest.common import (
    DEFAULT_MAX_BYTES,
    MAX_JSON_BYTES,
    Failure,
    IngestWarning,
    ReadOptions,
    SourceError,
)
from eventdesk.ingest.files import Records, read_file, read_stdin
from eventdesk.ingest.folder import read_folder
from eventdesk.ingest.formats import EXTENSIONS, FORMATS, normalize_format
from eventdesk.records import Article

__all__ = [
    "DEFAULT_MAX_BYTES",
    "EXTENSIONS",
    "FORMATS",
    "MAX_JSON_BYTES",
    "Failure",
    "IngestWarning",
    "ReadOptions",
    "SourceError",
    "read_article",
    "read_articles",
]


def read_articles(
    source: str | Path,
    *,
    published: date | None = None,
    fmt: str | None = None,
    text_field: str = "text",
    date_field: str = "published",
    id_field: str = "id",
    title_field: str = "title",
    url_field: str = "url",
    source_field: str = "source",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Records:
    """Every article in ``source``: an ``Article`` per record, or a ``Failure`` for one that cannot be read.

    source: a file, a folder (read recursively: .txt .text .html .htm .json .jsonl .ndjson .csv .tsv .xml
        .rss .atom .warc .warc.gz; other files skipped), or "-" for standard input (text, or HTML when it
        looks like a page).
    published: the publication date for records that carry none of their own.
    fmt: one of ``FORMATS`` (aliases such as "txt", "ndjson", "rss" accepted); default: from the file's
        ending, else sniffed from its first bytes. For a folder, only files of that format are read.
    *_field: the field names of JSON, JSON Lines and CSV records.
    max_bytes: the limit for one article (a text or HTML file, a JSONL line, a feed entry, an archived
        page); bigger ones are refused without being read whole.

    Raises ``InputError`` at once for a missing path, an unreadable folder, an empty, binary or oversized
    file; the records themselves are read lazily as the caller iterates (batches stream).
    """
    options = ReadOptions(
        published=published,
        text_field=text_field,
        date_field=date_field,
        id_field=id_field,
        title_field=title_field,
        url_field=url_field,
        source_field=source_field,
        max_bytes=max_bytes,
    )
    wanted = normalize_format(fmt) if fmt else None
    if str(source) == "-":
        return read_stdin(options, wanted)
    path = Path(source)
    if path.is_dir():
        return read_folder(path, options, wanted)
    return read_file(path, options, wanted)


def read_article(
    source: str | Path, *, published: date | None = None, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article:
    """The one article in ``source`` (a text or HTML file, "-" for stdin, or a batch of one record).

    Raises ``InputError`` when the source cannot be read, its record fails, or it holds several articles.
    """
    records = read_articles(source, published=published, fmt=fmt, max_bytes=max_bytes)
    try:
        first = next(records, None)
        if first is None:
            raise InputError(f"{source}: no article found")
        if isinstance(first, Failure):
            raise SourceError(first.origin, first.message)
        if next(records, None) is not None:
            raise InputError(f"{source}: holds more than one article; read it with read_articles")
    finally:
        close = getattr(records, "close", None)
        if close is not None:
            close()
    return first
