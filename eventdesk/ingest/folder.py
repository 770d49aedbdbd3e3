"""Folders: every readable file below a folder, recursively, in sorted (reproducible) order.

Files whose ending names no format we read are skipped, as are hidden files and folders (".git",
".DS_Store") and symbolic links to folders (which could loop). A file that cannot be read becomes a
``Failure`` and the walk goes on. Ids are paths relative to the folder without the format's ending
("2021/feb/strike" for 2021/feb/strike.txt), so re-reading the folder gives the same ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from eventdesk.ingest.common import Failure, ReadOptions, SourceError
from eventdesk.ingest.files import Records, read_file
from eventdesk.ingest.formats import EXTENSIONS, format_from_name, strip_ending
from eventdesk.records import Article


def read_folder(root: Path, options: ReadOptions, fmt: str | None = None) -> Records:
    """Records of every file below ``root`` (only files of format ``fmt`` when given).

    Raises ``SourceError`` at once when the folder cannot be listed or holds no file we read.
    """
    origin = str(root)
    try:
        next(root.iterdir(), None)
    except OSError as exc:
        raise SourceError(origin, f"cannot read the folder: {exc.strerror or exc}") from None
    found = _walk(root, fmt)
    first = next(found, None)
    if first is None:
        wanted = fmt or ", ".join(EXTENSIONS)
        raise SourceError(origin, f"no input files found in the folder (looked for {wanted})")
    return _read_all(root, chain([first], found), options, fmt)


def _read_all(root: Path, found: Iterator[Path | Failure], options: ReadOptions, fmt: str | None) -> Records:
    for item in found:
        if isinstance(item, Failure):
            yield item
        else:
            yield from _read_one(root, item, options, fmt)


def _read_one(root: Path, path: Path, options: ReadOptions, fmt: str | None) -> Iterator[Article | Failure]:
    stem = _relative_id(root, path)
    try:
        yield from read_file(path, options, fmt, stem=stem)
    except SourceError as exc:
        yield Failure(exc.origin, exc.problem, stem)


def _walk(folder: Path, fmt: str | None) -> Iterator[Path | Failure]:
    """Files to read below ``folder``, depth first in name order; an unlistable subfolder is a Failure."""
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
    except OSError as exc:
        yield Failure(str(folder), f"cannot read the folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink():
                yield from _walk(entry, fmt)
            continue
        found = format_from_name(entry)
        if found is not None and (fmt is None or found == fmt) and entry.is_file():
            yield entry


def _relative_id(root: Path, path: Path) -> str:
    return strip_ending(path.relative_to(root).as_posix())
