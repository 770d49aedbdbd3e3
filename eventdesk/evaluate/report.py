"""What an evaluation of one task on one dataset returns."""

from __future__ import annotations

from dataclasses import dataclass, field
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
