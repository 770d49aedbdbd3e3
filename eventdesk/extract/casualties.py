"""Casualties: killed and injured counts, including vague amounts."""

from __future__ import annotations

from eventdesk.extract.segment import Doc
from eventdesk.records import Casualties
from eventdesk.settings import Settings


class CasualtyFinder:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Doc) -> list[Casualties]:
        return []
