"""Flags: warnings for the reader (truncated sentences, unattributed quotes, ambiguous speakers)."""

from __future__ import annotations

from eventdesk.extract.segment import Doc
from eventdesk.records import Flag, Quote
from eventdesk.settings import Settings


class FlagFinder:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Doc, quotes: list[Quote]) -> list[Flag]:
        return []
