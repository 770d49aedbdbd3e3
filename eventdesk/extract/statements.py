"""Statements: verbal events (accuse, condemn, praise, threaten, demand, deny, agree ...)."""

from __future__ import annotations

from eventdesk.extract.segment import Doc
from eventdesk.records import Actor, Event, Quote, Statement
from eventdesk.settings import Settings


class StatementFinder:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Doc, actors: list[Actor], events: list[Event], quotes: list[Quote]) -> list[Statement]:
        return []
