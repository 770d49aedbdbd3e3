"""Events: triggers typed in the ACLED taxonomy, with roles, place, date and casualties."""

from __future__ import annotations

from eventdesk.extract.segment import Doc
from eventdesk.records import Actor, Casualties, Event, Place, TimeExpr
from eventdesk.settings import Settings


class EventFinder:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(
        self,
        doc: Doc,
        actors: list[Actor],
        places: list[Place],
        times: list[TimeExpr],
        casualties: list[Casualties],
    ) -> list[Event]:
        return []
