"""Actors: states, forces, armed groups, organisations, media, officials and anonymous sources."""

from __future__ import annotations

from eventdesk.extract.segment import Doc
from eventdesk.records import Actor
from eventdesk.settings import Settings


class ActorFinder:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Doc) -> list[Actor]:
        return []
