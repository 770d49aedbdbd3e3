"""Places: toponyms found in the text and geocoded offline."""

from __future__ import annotations

from eventdesk.extract.segment import Doc
from eventdesk.records import Actor, Place
from eventdesk.settings import Settings


class PlaceFinder:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Doc, actors: list[Actor]) -> list[Place]:
        return []
