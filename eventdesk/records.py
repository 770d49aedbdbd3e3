"""The records eventdesk produces: plain data classes whose ``to_dict()`` is the JSON contract.

Every extracted value points back at the article through character offsets (``start``/``end`` are
Python string indices into ``Article.text`` exactly as given) and carries a ``confidence`` in [0, 1].
Identifiers are deterministic: the same article text gives the same ids on every run (``stable_id``).

The contract is described in ``../shared/seed/README.md`` and checked by ``eventdesk/schema.json``.
Field names here are the JSON field names; adding a field is fine, renaming one breaks users.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

ActorKind = Literal[
    "state",
    "state_forces",
    "armed_group",
    "political",
    "official",
    "person",
    "organization",
    "international",
    "media",
    "civilians",
    "anonymous",
]
Precision = Literal["day", "week", "month", "year", "unknown"]
GeoPrecision = Literal["point", "city", "admin1", "country", "unknown"]
Feature = Literal["country", "admin1", "city", "region", "other"]


def stable_id(prefix: str, *parts: object) -> str:
    """A short deterministic id such as ``ev_3f2a9c01b7d4`` built from ``parts``.

    Callers pass what identifies the record within the corpus: normally the article's text hash and
    the record's span, so re-running the extractor gives the same ids.
    """
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:12]}"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """Offsets of a passage that supports a record (usually its sentence)."""

    start: int
    end: int


@dataclass(slots=True)
class Article:
    """One input document. ``text`` is the text that every offset indexes."""

    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id or self.text_sha256[:16],
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "text_sha256": self.text_sha256,
        }


@dataclass(slots=True)
class Actor:
    """Someone who acts, speaks or is acted on, with every mention of them in the article.

    ``affiliation`` is the id of another actor this one belongs to (an official's state, a force's
    country); ``title`` is an official's title as written ("Defense Secretary").
    """

    id: str
    name: str
    kind: ActorKind
    country_code: str | None = None
    mentions: list[Span] = field(default_factory=list)
    confidence: float = 1.0
    title: str | None = None
    affiliation: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Place:
    """One place mention in the text, geocoded (``lat``/``lon`` are None when it could not be)."""

    id: str
    name: str
    start: int
    end: int
    text: str
    country_code: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: Feature = "other"
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class TimeExpr:
    """A date or time expression with its TimeML-style value.

    ``value`` is ISO 8601 truncated to ``precision`` ("2021-02-17", "2021-W07", "2021-02", "2021"),
    or None when it cannot be resolved (e.g. "on Monday" with no publication date).
    """

    id: str
    start: int
    end: int
    text: str
    value: str | None
    precision: Precision
    confidence: float = 1.0
    type: Literal["date", "time", "duration", "set"] = "date"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Casualties:
    """A count of people killed or injured, possibly vague ("up to a handful": min None, max 5)."""

    kind: Literal["fatalities", "injuries"]
    min: int | None
    max: int | None
    start: int
    end: int
    text: str
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"min": self.min, "max": self.max, "text": self.text}


@dataclass(slots=True)
class Location:
    """Where an event happened; ``place`` is the id of the supporting ``Place`` mention."""

    name: str | None
    country_code: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: GeoPrecision
    place: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class EventDate:
    """When an event happened; ``time`` is the id of the supporting ``TimeExpr`` (None if defaulted)."""

    value: str | None
    precision: Precision
    text: str | None
    time: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Event:
    """One incident reported in the article, typed in the ACLED taxonomy.

    ``actor1`` acted, ``actor2`` was the target (actor ids or None). ``cameo`` is a CAMEO root code
    ("19") and ``plover`` a PLOVER event name ("ASSAULT").
    """

    id: str
    event_type: str
    sub_event_type: str
    trigger: Span
    actor1: str | None = None
    actor2: str | None = None
    location: Location | None = None
    date: EventDate | None = None
    fatalities: Casualties | None = None
    injuries: Casualties | None = None
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5
    cameo: str | None = None
    plover: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "location": self.location.to_dict() if self.location else None,
            "date": self.date.to_dict() if self.date else None,
            "fatalities": self.fatalities.to_dict() if self.fatalities else None,
            "injuries": self.injuries.to_dict() if self.injuries else None,
            "trigger": asdict(self.trigger),
            "evidence": [asdict(e) for e in self.evidence],
            "confidence": self.confidence,
            "cameo": self.cameo,
            "plover": self.plover,
        }


@dataclass(slots=True)
class Speaker:
    """Who a quote is from. ``actor`` is an actor id when the speaker is a known actor."""

    name: str | None
    actor: str | None = None
    title: str | None = None
    anonymous: bool = False
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Quote:
    """Direct ("...", said X) or indirect (X said that ...) speech. ``text`` is the content span."""

    id: str
    text: str
    start: int
    end: int
    kind: Literal["direct", "indirect"]
    speaker: Speaker | None
    confidence: float = 0.5
    cue: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "confidence": self.confidence,
            "cue": asdict(self.cue) if self.cue else None,
        }


@dataclass(slots=True)
class Statement:
    """A verbal event: ``source_actor`` accuses/condemns/praises/... ``target_actor``."""

    id: str
    kind: str
    source_actor: str | None
    target_actor: str | None
    about_event: str | None = None
    trigger: Span | None = None
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5
    cameo: str | None = None
    plover: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Relation:
    """A link between two events: ``source`` response_to/follows/part_of/same_as ``target``."""

    kind: Literal["response_to", "follows", "part_of", "same_as"]
    source: str
    target: str
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Flag:
    """A warning for the reader about a passage (truncated sentence, unattributed quote, ...)."""

    kind: str
    start: int
    end: int
    text: str
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Result:
    """Everything extracted from one article."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    casualties: list[Casualties] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract (see ``../shared/seed/README.md``)."""
        return {
            "article": self.article.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "places": [p.to_dict() for p in self.places],
            "times": [t.to_dict() for t in self.times],
            "events": [e.to_dict() for e in self.events],
            "statements": [s.to_dict() for s in self.statements],
            "quotes": [q.to_dict() for q in self.quotes],
            "relations": [r.to_dict() for r in self.relations],
            "flags": [f.to_dict() for f in self.flags],
        }
