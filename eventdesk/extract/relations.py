"""Relations between events: response_to, follows, part_of, same_as."""

from __future__ import annotations

from eventdesk.extract.segment import Doc
from eventdesk.records import Event, Relation
from eventdesk.settings import Settings


class RelationFinder:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Doc, events: list[Event]) -> list[Relation]:
        return []
