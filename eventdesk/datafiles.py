"""Reading the dictionaries eventdesk ships (YAML and TSV beside the code that uses them).

Errors name the file and line, so a bad edit to a dictionary is found in seconds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from eventdesk.errors import DataFileError

LINE_KEY = "__line__"


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records, in every mapping, the 1-based line it starts on."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


def read_yaml(path: Path) -> Any:
    """Parse a YAML file; every mapping in it gets a ``__line__`` key with its line number."""
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_LineLoader)  # _LineLoader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise DataFileError(f"{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from exc
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {exc.strerror}") from exc


def fail(path: Path, line: int | None, message: str) -> DataFileError:
    """An error for entry ``line`` of ``path``, to raise from a validator."""
    return DataFileError(f"{path}:{line}: {message}" if line else f"{path}: {message}")


def read_tsv(path: Path, columns: list[str]) -> list[dict[str, str]]:
    """Rows of a tab-separated file with the given columns; ``#`` starts a comment line.

    Each row dict also has ``__line__``. Missing trailing columns are empty strings.
    """
    rows: list[dict[str, str]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {exc.strerror}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) > len(columns):
            raise fail(path, number, f"{len(cells)} columns, expected at most {len(columns)}: {columns}")
        row: dict[str, Any] = dict(zip(columns, [c.strip() for c in cells] + [""] * len(columns), strict=False))
        row[LINE_KEY] = number
        rows.append(row)
    return rows
