"""Reading the event table: filters shared by ``events``, ``export`` and the API, and event details.

``iter_bundles`` streams events with their reports in chunks (constant memory, so exports of any size
stream); ``event_detail`` gives one event with its merged reports and their source sentences.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import pycountry
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from eventdesk.errors import InputError
from eventdesk.store.models import ArticleRow, EventRow, FailureRow, MentionRow, StatementRow


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to list. Every field is optional; ``country`` is ISO alpha-2 (or alpha-3, or a name)."""

    country: str | None = None
    since: date | None = None
    until: date | None = None
    type: str | None = None
    actor: str | None = None
    limit: int | None = None


@dataclass(slots=True)
class Report:
    """One article's report of an event: the stored mention and its article's metadata."""

    mention: MentionRow
    article_id: str
    title: str | None
    source: str | None
    url: str | None
    published: date | None

    @property
    def evidence(self) -> str:
        return str(self.mention.data.get("evidence_text") or "")


@dataclass(slots=True)
class Bundle:
    """An event with every report merged into it (oldest report first)."""

    event: EventRow
    reports: list[Report] = field(default_factory=list)
    statements: list[StatementRow] = field(default_factory=list)  # filled by ``event_detail`` only


def country_code(value: str) -> str:
    """ISO alpha-2 code for a code or name ("IQ", "IRQ", "Iraq"); ``InputError`` when unknown."""
    text = value.strip()
    if len(text) == 2 and text.isalpha():
        return text.upper()
    try:
        found = pycountry.countries.lookup(text)
    except LookupError:
        raise InputError(f"unknown country {value!r}: use an ISO code such as IQ or SY") from None
    return str(found.alpha_2)


def select_events(f: EventFilter) -> Select[tuple[EventRow]]:
    """The query for events matching ``f``, newest first (then by id, so the order is stable)."""
    query = select(EventRow)
    if f.country:
        query = query.where(EventRow.country_code == country_code(f.country))
    if f.since:
        query = query.where(EventRow.date_end >= f.since)
    if f.until:
        query = query.where(EventRow.date_start <= f.until)
    if f.type:
        wanted = f.type.casefold()
        query = query.where(
            or_(func.lower(EventRow.sub_event_type) == wanted, func.lower(EventRow.event_type) == wanted)
        )
    if f.actor:
        pattern = f"%{f.actor.casefold()}%"
        query = query.where(or_(func.lower(EventRow.actor1).like(pattern), func.lower(EventRow.actor2).like(pattern)))
    query = query.order_by(EventRow.date_start.desc().nulls_last(), EventRow.pk)
    if f.limit:
        query = query.limit(f.limit)
    return query


def list_events(session: Session, f: EventFilter) -> list[EventRow]:
    return list(session.scalars(select_events(f)))


def iter_bundles(session: Session, f: EventFilter, chunk: int = 500) -> Iterator[Bundle]:
    """Every matching event with its reports, read ``chunk`` events at a time."""
    events: list[EventRow] = []
    for event in session.scalars(select_events(f).execution_options(yield_per=chunk)):
        events.append(event)
        if len(events) >= chunk:
            yield from _with_reports(session, events)
            events = []
    if events:
        yield from _with_reports(session, events)


def _with_reports(session: Session, events: list[EventRow]) -> Iterator[Bundle]:
    bundles = {e.pk: Bundle(e) for e in events}
    query = (
        select(
            MentionRow, ArticleRow.article_id, ArticleRow.title, ArticleRow.source, ArticleRow.url, ArticleRow.published
        )
        .join(ArticleRow, ArticleRow.pk == MentionRow.article_pk)
        .where(MentionRow.event_pk.in_(list(bundles)))
        .order_by(ArticleRow.published.nulls_last(), MentionRow.pk)
    )
    for mention, article_id, title, source, url, published in session.execute(query):
        bundles[mention.event_pk].reports.append(Report(mention, article_id, title, source, url, published))
    yield from bundles.values()


def event_detail(session: Session, event_id: str) -> Bundle | None:
    """One event (by ``event_id``, or a unique prefix of it) with its reports; None if not found."""
    event = session.scalar(select(EventRow).where(EventRow.event_id == event_id))
    if event is None and len(event_id) >= 6:
        matches = list(session.scalars(select(EventRow).where(EventRow.event_id.like(f"{event_id}%")).limit(2)))
        event = matches[0] if len(matches) == 1 else None
    if event is None:
        return None
    bundle = next(_with_reports(session, [event]))
    mention_ids = [r.mention.mention_id for r in bundle.reports]
    bundle.statements = list(
        session.scalars(
            select(StatementRow).where(StatementRow.about_mention.in_(mention_ids)).order_by(StatementRow.pk)
        )
    )
    return bundle


def list_failures(session: Session, limit: int | None = None) -> list[FailureRow]:
    query = select(FailureRow).order_by(FailureRow.pk)
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))
