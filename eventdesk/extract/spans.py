"""Small helpers over spans shared by the stages: which actor or place sits at a stretch of text."""

from __future__ import annotations

from collections.abc import Iterable

from eventdesk.records import Actor, Place, Span


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def actor_at(actors: Iterable[Actor], start: int, end: int) -> Actor | None:
    """The actor with a mention overlapping [start, end), preferring the longest mention."""
    best: tuple[int, Actor] | None = None
    for actor in actors:
        for mention in actor.mentions:
            if overlaps(mention.start, mention.end, start, end):
                length = mention.end - mention.start
                if best is None or length > best[0]:
                    best = (length, actor)
    return best[1] if best else None


def mentions_in(actors: Iterable[Actor], start: int, end: int) -> list[tuple[Span, Actor]]:
    """Every (mention, actor) inside [start, end), in text order."""
    found = [(m, a) for a in actors for m in a.mentions if start <= m.start and m.end <= end]
    return sorted(found, key=lambda pair: pair[0].start)


def place_at(places: Iterable[Place], start: int, end: int) -> Place | None:
    for place in places:
        if overlaps(place.start, place.end, start, end):
            return place
    return None
