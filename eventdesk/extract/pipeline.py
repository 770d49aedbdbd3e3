"""The extractor: every stage, in order. This is the one place to read the whole extraction.

``Extractor`` loads the dictionaries and gazetteer once (at construction) and is then a pure function
of the article: no I/O and no shared mutable state, so one instance per worker process (or Dask
worker) gives the same results everywhere.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from eventdesk.errors import InputError
from eventdesk.extract.actors import ActorFinder
from eventdesk.extract.casualties import CasualtyFinder
from eventdesk.extract.events import EventFinder
from eventdesk.extract.flags import FlagFinder
from eventdesk.extract.places import PlaceFinder
from eventdesk.extract.quotes import QuoteFinder
from eventdesk.extract.relations import RelationFinder
from eventdesk.extract.segment import segment
from eventdesk.extract.statements import StatementFinder
from eventdesk.extract.times import TimeFinder
from eventdesk.records import Article, Result
from eventdesk.settings import DEFAULT_SETTINGS, Settings


class Extractor:
    """Turns an ``Article`` into a ``Result``. Build one per process; call it for every article."""

    def __init__(self, settings: Settings = DEFAULT_SETTINGS) -> None:
        self.settings = settings
        with _cycle_collector_paused():
            self.find_actors = ActorFinder(settings)
            self.find_places = PlaceFinder(settings)
            self.find_times = TimeFinder(settings)
            self.find_casualties = CasualtyFinder(settings)
            self.find_events = EventFinder(settings)
            self.find_quotes = QuoteFinder(settings)
            self.find_statements = StatementFinder(settings)
            self.find_relations = RelationFinder(settings)
            self.find_flags = FlagFinder(settings)

    def __call__(self, article: Article) -> Result:
        text = article.text
        if not text or not text.strip():
            raise InputError("the article has no text")
        if len(text) > self.settings.max_text_chars:
            raise InputError(
                f"the article has {len(text):,} characters; the limit is "
                f"{self.settings.max_text_chars:,} (Settings.max_text_chars)"
            )
        doc = segment(text)
        actors = self.find_actors(doc)
        places = self.find_places(doc, actors)
        times = self.find_times(doc, article.published)
        casualties = self.find_casualties(doc)
        events = self.find_events(doc, actors, places, times, casualties, published=article.published)
        quotes = self.find_quotes(doc, actors)
        statements = self.find_statements(doc, actors, events, quotes)
        relations = self.find_relations(doc, events)
        flags = self.find_flags(doc, quotes)
        return Result(
            article=article,
            actors=actors,
            places=places,
            times=times,
            events=events,
            statements=statements,
            quotes=quotes,
            relations=relations,
            flags=flags,
            casualties=casualties,
        )


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the stages load. Loading allocates over a million small
    containers (GeoNames towns, dictionary entries) that form no cycles, but every allocation burst
    triggers a collection that rescans all of them: with the collector on, loading takes twice as long."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@lru_cache(maxsize=4)
def get_extractor(settings: Settings = DEFAULT_SETTINGS) -> Extractor:
    """The process's ``Extractor`` for ``settings``, built on first use (building one loads the gazetteer
    and dictionaries, about three seconds; an Extractor never changes once built, so sharing it is safe)."""
    return Extractor(settings)
