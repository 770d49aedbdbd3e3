"""What an evaluation of one task on one dataset returns."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(slots=True)
class ErrorCase:
    """One wrong or missed prediction, for ``--errors N``. ``cost`` orders the worst first."""

    doc_id: str
    text: str
    expected: str
    predicted: str
    cost: float = 1.0


@dataclass(slots=True)
class TaskReport:
    """Figures for one task on one dataset.

    ``figures`` maps a figure's name to its value (proportions in [0, 1], errors in km); those are
    the numbers compared between runs. ``counts`` holds the sizes they rest on (documents, gold items).
    """

    task: str
    dataset: str
    figures: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[ErrorCase] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"task": self.task, "dataset": self.dataset, "figures": self.figures, "counts": self.counts}


def read_jsonl(path: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """The first ``limit`` rows of a JSON Lines file (all when ``limit`` is None); blank lines skipped."""
    with path.open(encoding="utf-8") as handle:
        count = 0
        for line in handle:
            if limit is not None and count >= limit:
                return
            if line.strip():
                count += 1
                yield json.loads(line)
