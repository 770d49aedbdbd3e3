"""What every reader shares: options, the ``Failure`` record, limits, decoding and date parsing.

Readers report problems in two ways:
- ``SourceError`` (an ``InputError``) for the source as a whole (missing, empty, binary, too large);
- ``Failure`` for one record of a batch, so the batch goes on.

Text that is not valid UTF-8 is decoded with U+FFFD replacement characters and reported with
``warnings.warn(..., IngestWarning)`` naming the file (the CLI shows warnings on stderr; a caller that wants
them as data uses ``warnings.catch_warnings(record=True)``).
"""

from __future__ import annotations

import codecs
import email.utils
import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import BinaryIO

from eventdesk.errors import InputError

MEGABYTE = 1_000_000
DEFAULT_MAX_BYTES = 10 * MEGABYTE
"""Largest single article (a text or HTML file, a JSONL line, a WARC payload, a feed entry)."""

MAX_JSON_BYTES = 200 * MEGABYTE
"""A ``.json`` file is parsed whole, so it has its own ceiling; bigger batches belong in JSON Lines."""

SAMPLE_BYTES = 8192
"""How much of a source is looked at to tell text from binary data and to sniff its format."""

STDIN_ORIGIN = "<stdin>"
_CHUNK_BYTES = 1 << 16

# Control bytes that do not occur in text (tab, newlines, form feed, vertical tab and ESC do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1b") + b"\x7f"
_MAX_CONTROL_SHARE = 0.10
_MAX_REPLACEMENT_SHARE = 0.30
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class IngestWarning(UserWarning):
    """Input was read, but not exactly as given (e.g. invalid UTF-8 replaced by U+FFFD)."""


class SourceError(InputError):
    """The source as a whole cannot be read. ``str()`` is "origin: problem"; both parts are kept."""

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


@dataclass(slots=True)
class Failure:
    """A record that could not be read: where it came from and why.

    ``origin`` is the file (``path``), a line of a line-based batch (``path:12``) or the n-th record of a
    file of records (``path#3``, 1-based); ``message`` says what is wrong without repeating the origin;
    ``id`` is the record's id when it could be read.
    """

    origin: str
    message: str
    id: str | None = None


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """The caller's choices that every reader needs (field names apply to JSON, JSONL and CSV)."""

    published: date | None = None
    text_field: str = "text"
    date_field: str = "published"
    id_field: str = "id"
    title_field: str = "title"
    url_field: str = "url"
    source_field: str = "source"
    max_bytes: int = DEFAULT_MAX_BYTES

    def __post_init__(self) -> None:
        if self.max_bytes < 1:
            raise InputError("max_bytes must be at least 1")


def size_text(size: int) -> str:
    """A byte count for messages: "12.3 MB", "512 bytes"."""
    if size >= MEGABYTE:
        return f"{size / MEGABYTE:.1f} MB".replace(".0 MB", " MB")
    if size >= 1000:
        return f"{size / 1000:.1f} kB".replace(".0 kB", " kB")
    return f"{size} bytes"


def over_limit(size: int, limit: int, what: str = "one article") -> str:
    return f"{size_text(size)}, over the {size_text(limit)} limit for {what}"


def looks_binary(sample: bytes) -> bool:
    """True for data that is not text: NUL bytes (outside UTF-16) or many control bytes."""
    if not sample or sample.startswith(_UTF16_BOMS):
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > _MAX_CONTROL_SHARE * len(sample)


def check_sample(sample: bytes, origin: str, *, complete: bool) -> None:
    """Raise ``SourceError`` when the start of a source shows it is binary, or (when ``complete``, i.e.
    the sample is the whole source) empty or whitespace-only."""
    if looks_binary(sample):
        raise SourceError(origin, "looks like binary data, not text")
    if complete and not sample.strip():
        raise SourceError(origin, "empty")


def decode_text(data: bytes, origin: str) -> str:
    """Decode UTF-8 (a UTF-8 or UTF-16 byte-order mark is honoured and dropped).

    Invalid bytes become U+FFFD and an ``IngestWarning`` names the origin; data that is mostly invalid
    raises ``SourceError`` ("looks like binary data") instead of producing noise.
    """
    encoding = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith(_UTF16_BOMS):
        encoding = "utf-16"  # the codec reads and drops the BOM
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        text = data.decode(encoding, errors="replace")
        if text.count("\ufffd") > _MAX_REPLACEMENT_SHARE * max(len(text), 1):
            raise SourceError(origin, "looks like binary data, not text") from None
        warn_undecodable(origin, exc.start, "UTF-16" if encoding == "utf-16" else "UTF-8")
        return text


def warn_undecodable(origin: str, offset: int | None = None, encoding: str = "UTF-8") -> None:
    """Tell the caller (``IngestWarning``) that bytes of ``origin`` were replaced with U+FFFD."""
    where = f" (first bad byte at offset {offset})" if offset is not None else ""
    warnings.warn(
        IngestWarning(f"{origin}: not valid {encoding}{where}; undecodable bytes were replaced with U+FFFD"),
        stacklevel=3,
    )


def parse_date(value: object) -> date | None:
    """An ISO 8601 date or date-time ("2021-02-26", "2021-02-26T10:00:00Z") as the date written.

    The date is the one in the value's own time zone (no conversion to UTC): that is the publisher's
    calendar day, which is what "yesterday" in the article is counted from. None for None or "".
    Raises ValueError for anything else.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date string, got {type(value).__name__}")
    text = value.strip()
    if not text:
        return None
    if len(text) <= 10:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text).date()


def parse_feed_date(value: str | None) -> date | None:
    """A feed or WARC date: ISO 8601 (Atom, WARC) or RFC 822 (RSS); None when unreadable."""
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def date_failure_message(field: str, value: object) -> str:
    return (
        f"bad date in field '{field}': {value!r} "
        "(expected ISO 8601, e.g. 2021-02-26 or 2021-02-26T10:00:00Z)"
    )


class Rejoined(io.RawIOBase):
    """A stream that yields ``prefix`` and then the rest of ``stream``: lets us sniff a pipe and still
    read it from the start."""

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        self._prefix = prefix
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        if self._prefix:
            count = min(len(view), len(self._prefix))
            view[:count] = self._prefix[:count]
            self._prefix = self._prefix[count:]
            return count
        data = self._stream.read(len(view))
        view[: len(data)] = data
        return len(data)


def peek_stream(stream: BinaryIO, size: int = SAMPLE_BYTES) -> tuple[bytes, BinaryIO]:
    """The first ``size`` bytes of ``stream`` and a stream that still starts at the beginning."""
    sample = stream.read(size)
    return sample, io.BufferedReader(Rejoined(sample, stream))


def read_at_most(stream: BinaryIO, limit: int) -> bytes:
    """The rest of ``stream``, but no more than ``limit + 1`` bytes (so the caller can tell it was over).

    Read in chunks: ``stream.read(limit + 1)`` would allocate the whole limit up front.
    """
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = stream.read(min(_CHUNK_BYTES, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def read_limited(stream: BinaryIO, limit: int, origin: str) -> bytes:
    """All of ``stream``, refusing (``SourceError``) once it passes ``limit`` bytes."""
    data = read_at_most(stream, limit)
    if len(data) > limit:
        raise SourceError(origin, f"more than {size_text(limit)}, over the limit for one article")
    return data


def iter_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line bytes) for every line, in bounded memory.

    A line longer than ``limit`` bytes is skipped without being held in memory and given as
    ``(number, None)`` so the caller can report it.
    """
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(SAMPLE_BYTES)
            yield number, None
            continue
        yield number, line
