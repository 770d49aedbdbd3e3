"""Times: date expressions normalized against anchors and the publication date."""

from __future__ import annotations

from datetime import date

from eventdesk.extract.segment import Doc
from eventdesk.records import TimeExpr
from eventdesk.settings import Settings


class TimeFinder:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Doc, published: date | None) -> list[TimeExpr]:
        return []
