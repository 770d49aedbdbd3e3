"""Batches of articles as records: JSON Lines, JSON (one object or a list of objects) and CSV/TSV.

Each record's fields are named by ``ReadOptions`` (``text``, ``id``, ``title``, ``url``, ``source``,
``published`` by default). A record that cannot be read -- invalid JSON, not an object, empty text, a
published date that is not ISO 8601, a line over the size limit -- becomes a ``Failure`` and the batch goes
on. A bad date fails the record rather than dropping the date silently: relative dates in the text ("on
Monday") are resolved against it, so a wrong or missing anchor would quietly shift every event.

JSON Lines and CSV stream line by line in bounded memory whatever the file size; a ``.json`` file is
parsed whole and is limited to ``MAX_JSON_BYTES``.

Ids: the record's id field, else ``<stem>:<line>`` (JSONL, CSV: the line the record starts on) or
``<stem>#<n>`` (JSON list, 1-based), so every record of a batch gets a distinct, stable id.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from eventdesk.ingest.common import (
    MAX_JSON_BYTES,
    Failure,
    ReadOptions,
    SourceError,
    date_failure_message,
    decode_text,
    iter_lines,
    over_limit,
    parse_date,
    read_at_most,
    size_text,
    warn_undecodable,
)
from eventdesk.records import Article


def read_jsonl(stream: BinaryIO, origin: str, stem: str | None, options: ReadOptions) -> Iterator[Article | Failure]:
    """One Article or Failure per non-blank line. Raises ``SourceError`` if the file has no records."""
    lines = _DecodedLines(stream, origin, options.max_bytes)
    seen = False
    for number, line in lines:
        where = f"{origin}:{number}"
        if line is None:
            seen = True
            yield Failure(where, f"line is over the {size_text(options.max_bytes)} limit for one article")
            continue
        if not line.strip():
            continue
        seen = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(where, f"invalid JSON: {exc}")
            continue
        except RecursionError:
            yield Failure(where, "invalid JSON: nested too deeply")
            continue
        yield record_to_article(record, where, _child_id(stem, f":{number}"), options)
    if not seen:
        raise SourceError(origin, "empty")


def read_json(stream: BinaryIO, origin: str, stem: str | None, options: ReadOptions) -> Iterator[Article | Failure]:
    """A JSON object (one article) or a list of objects (one Article or Failure each)."""
    data = read_at_most(stream, MAX_JSON_BYTES)
    if len(data) > MAX_JSON_BYTES:
        raise SourceError(
            origin, f"over the {size_text(MAX_JSON_BYTES)} limit for a JSON file; use JSON Lines for big batches"
        )
    text = decode_text(data, origin)
    if not text.strip():
        raise SourceError(origin, "empty")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(origin, f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise SourceError(origin, "invalid JSON: nested too deeply") from None
    if isinstance(value, dict):
        yield record_to_article(value, origin, stem, options)
        return
    if not isinstance(value, list):
        raise SourceError(origin, f"expected a JSON object or a list of objects, found {type(value).__name__}")
    for index, record in enumerate(value, start=1):
        yield record_to_article(record, f"{origin}#{index}", _child_id(stem, f"#{index}"), options)


def read_csv(
    stream: BinaryIO, origin: str, stem: str | None, options: ReadOptions, *, delimiter: str = ","
) -> Iterator[Article | Failure]:
    """One Article or Failure per row after the header row (which must name the text column)."""
    _allow_long_fields(options.max_bytes)
    lines = _DecodedLines(stream, origin, options.max_bytes)
    reader = csv.reader(_CsvFeed(lines), delimiter=delimiter)
    header = _read_header(reader, origin, options.text_field)
    last_line = lines.number
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, _LineTooLong) as exc:
            start = last_line + 1
            last_line = lines.number
            yield Failure(f"{origin}:{start}", _csv_problem(exc, options.max_bytes))
            # A fresh parser: whatever quoting state the bad record left behind is dropped with it.
            reader = csv.reader(_CsvFeed(lines), delimiter=delimiter)
            continue
        start, last_line = last_line + 1, lines.number
        if not any(cell.strip() for cell in row):
            continue
        where = f"{origin}:{start}"
        if len(row) != len(header):
            yield Failure(where, f"expected {len(header)} columns as in the header, found {len(row)}")
            continue
        yield record_to_article(dict(zip(header, row, strict=True)), where, _child_id(stem, f":{start}"), options)


def record_to_article(record: object, origin: str, fallback_id: str | None, options: ReadOptions) -> Article | Failure:
    """An Article from one record (a mapping of field names to values), or a Failure saying what is wrong."""
    if not isinstance(record, Mapping):
        return Failure(origin, f"expected a JSON object, found {type(record).__name__}")
    record_id = _scalar(record.get(options.id_field))
    article_id = record_id or fallback_id
    text = record.get(options.text_field)
    if not isinstance(text, str) or not text.strip():
        return Failure(origin, f"no text in field '{options.text_field}'", record_id)
    if len(text) > options.max_bytes:
        return Failure(origin, f"text is {over_limit(len(text), options.max_bytes)}", record_id)
    raw_date = record.get(options.date_field)
    try:
        published = parse_date(raw_date)
    except ValueError:
        return Failure(origin, date_failure_message(options.date_field, raw_date), record_id)
    return Article(
        text=text,
        id=article_id,
        title=_scalar(record.get(options.title_field)),
        url=_scalar(record.get(options.url_field)),
        source=_scalar(record.get(options.source_field)),
        published=published or options.published,
    )


class _LineTooLong(Exception):
    """Raised through the csv parser when a line is over the size limit."""


class _DecodedLines:
    """(line number, text) for each line of a byte stream; text None for a line over the limit.

    Invalid UTF-8 is replaced, with one ``IngestWarning`` per file (at the first bad line). ``number`` is
    the number of the last line handed out, which is how CSV rows learn where they start.
    """

    def __init__(self, stream: BinaryIO, origin: str, limit: int) -> None:
        self._lines = iter_lines(stream, limit)
        self._origin = origin
        self._warned = False
        self.number = 0

    def __iter__(self) -> Iterator[tuple[int, str | None]]:
        return self

    def __next__(self) -> tuple[int, str | None]:
        number, raw = next(self._lines)
        self.number = number
        if raw is None:
            return number, None
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            return number, raw.decode("utf-8")
        except UnicodeDecodeError:
            if not self._warned:
                self._warned = True
                warn_undecodable(f"{self._origin}:{number}")
            return number, raw.decode("utf-8", errors="replace")


class _CsvFeed:
    """The lines of ``_DecodedLines`` as csv.reader wants them; an over-long line raises ``_LineTooLong``.

    A class rather than a generator because a generator is finished once it has raised, and the reader
    must go on after a bad line.
    """

    def __init__(self, lines: _DecodedLines) -> None:
        self._lines = lines

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        _number, line = next(self._lines)
        if line is None:
            raise _LineTooLong
        return line


def _read_header(reader: Iterator[list[str]], origin: str, text_field: str) -> list[str]:
    """The first non-blank row, which must name the text column."""
    try:
        row = next((row for row in reader if any(cell.strip() for cell in row)), None)
    except (csv.Error, _LineTooLong) as exc:
        raise SourceError(origin, f"cannot read the CSV header: {exc or 'line too long'}") from None
    if row is None:
        raise SourceError(origin, "empty")
    header = [cell.strip() for cell in row]
    if text_field not in header:
        raise SourceError(origin, f"no '{text_field}' column in the header (columns: {', '.join(header)})")
    return header


def _csv_problem(exc: Exception, limit: int) -> str:
    if isinstance(exc, _LineTooLong):
        return f"a line of this record is over the {size_text(limit)} limit for one article"
    return f"invalid CSV: {exc}"


def _allow_long_fields(limit: int) -> None:
    # The csv module refuses fields over 128 kB by default, which long articles exceed. The setting is
    # process-wide; we only ever raise it, to our own per-article limit, so other users are not narrowed.
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def _scalar(value: object) -> str | None:
    """A string field's value, or None when missing or blank (numbers are accepted and written out)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return None


def _child_id(stem: str | None, suffix: str) -> str | None:
    return f"{stem}{suffix}" if stem else None


