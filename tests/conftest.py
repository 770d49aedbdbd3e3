"""Fixtures for the store, merge, export and ingest tests: a fresh database and hand-built results."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from eventdesk.extract.pipeline import Extractor
from eventdesk.records import (
    Actor,
    Article,
    Casualties,
    Event,
    EventDate,
    Evidence,
    Location,
    Result,
    Span,
    stable_id,
)
from eventdesk.store.db import Store, open_store

TYPES = {
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Armed clash": "Battles",
    "Attack": "Violence against civilians",
    "Peaceful protest": "Protests",
}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'events.db'}")
    yield opened
    opened.close()


@pytest.fixture
def make_result() -> Callable[..., Result]:
    """Build a ``Result`` for one article from short event specs (see ``_build``)."""
    return _build


def _build(
    text: str,
    *,
    source: str | None = None,
    published: str | None = None,
    events: list[dict[str, Any]] | None = None,
    url: str | None = None,
) -> Result:
    """events: dicts with ``sub`` (sub-event type), ``trigger`` (a word of ``text``), and optionally
    ``place`` (name, country, admin1, lat, lon, precision), ``date`` (value, precision),
    ``actor1``/``actor2`` (names), ``killed`` (min, max), ``confidence``."""
    article = Article(
        text=text,
        id=None,
        title=text[:40],
        url=url,
        source=source,
        published=date.fromisoformat(published) if published else None,
    )
    key = article.text_sha256[:16]
    actors: dict[str, Actor] = {}
    out: list[Event] = []
    for spec in events or []:
        start = text.index(spec["trigger"])
        trigger = Span(start, start + len(spec["trigger"]), spec["trigger"])
        roles = []
        for role in ("actor1", "actor2"):
            name = spec.get(role)
            if name is None:
                roles.append(None)
                continue
            actor_id = stable_id("ac", key, name)
            kind = spec.get(f"{role}_kind", "state_forces")
            country = spec.get(f"{role}_country")
            actors.setdefault(actor_id, Actor(id=actor_id, name=name, kind=kind, country_code=country))
            roles.append(actor_id)
        place = spec.get("place")
        location = Location(*place) if place else None
        when = spec.get("date")
        killed = spec.get("killed")
        sentence_end = text.find(".", start)
        out.append(
            Event(
                id=stable_id("ev", key, trigger.start),
                event_type=TYPES[spec["sub"]],
                sub_event_type=spec["sub"],
                trigger=trigger,
                actor1=roles[0],
                actor2=roles[1],
                location=location,
                date=EventDate(when[0], when[1], None) if when else None,
                fatalities=Casualties("fatalities", killed[0], killed[1], start, start + 1, "x") if killed else None,
                evidence=[Evidence(0, sentence_end + 1 if sentence_end >= 0 else len(text))],
                confidence=spec.get("confidence", 0.8),
            )
        )
    return Result(article=article, actors=list(actors.values()), events=out)


IDLIB = ("Idlib", "SY", "Idlib", 35.93, 36.63, "city")
SARMIN = ("Sarmin", "SY", "Idlib", 35.90, 36.72, "city")  # ~9 km east of Idlib
MAARET = ("Maarat al-Numan", "SY", "Idlib", 35.64, 36.67, "city")  # ~33 km south of Idlib
IDLIB_PROVINCE = ("Idlib Governorate", "SY", "Idlib", 35.83, 36.50, "admin1")
ALEPPO = ("Aleppo", "SY", "Aleppo", 36.20, 37.16, "city")  # ~57 km from Idlib
SYRIA = ("Syria", "SY", None, 35.0, 38.0, "country")
GAO = ("Gao", "ML", "Gao", 16.27, -0.04, "city")
MOSUL = ("Mosul", "IQ", "Nineveh", 36.34, 43.13, "city")


@pytest.fixture(scope="session")
def shared_extractor() -> Extractor:
    return Extractor()


@pytest.fixture
def one_extractor(monkeypatch: pytest.MonkeyPatch, shared_extractor: Extractor) -> Extractor:
    """In-process ingests in this test reuse one Extractor (building one takes seconds)."""
    monkeypatch.setattr("eventdesk.store.ingest.Extractor", lambda *_args, **_kw: shared_extractor)
    return shared_extractor
