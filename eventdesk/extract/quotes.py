"""Quotes: direct and indirect speech with resolved speakers."""

from __future__ import annotations

from eventdesk.extract.segment import Doc
from eventdesk.records import Actor, Quote
from eventdesk.settings import Settings


class QuoteFinder:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Doc, actors: list[Actor]) -> list[Quote]:
        return []
