"""Writing extraction results to the database, one batch per transaction.

``write_batch`` stores a batch of ``Result``s and failures and merges the batch's event mentions into
the events table, all in one transaction: a process killed mid-run loses at most the open batch, and
a rerun (which skips articles whose text hash is stored) completes it without duplicates. One article
that cannot be stored is rolled back alone (a savepoint) and recorded in ``failures``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from eventdesk.records import Actor, Event, Quote, Relation, Result, Statement, stable_id
from eventdesk.store.db import Store
from eventdesk.store.merge import Merger, actor_key, date_interval, merge_mentions
from eventdesk.store.models import (
    ActorRow,
    ArticleRow,
    FailureRow,
    MentionRow,
    QuoteRow,
    RelationRow,
    StatementRow,
)

EVIDENCE_CHARS = 1000  # evidence text kept with each mention (for notes, ``show`` and exports)


@dataclass(slots=True)
class FailedArticle:
    """An article that could not be read or extracted: where it came from and why."""

    origin: str
    stage: str
    error: str
    article_id: str | None = None
    text_sha256: str | None = None


@dataclass(slots=True)
class BatchOutcome:
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    mentions: int = 0
    new_events: int = 0


def stored_hashes(session: Session, hashes: Iterable[str]) -> set[str]:
    """Those of ``hashes`` whose article is already stored."""
    wanted = list(set(hashes))
    found: set[str] = set()
    for i in range(0, len(wanted), 500):  # stay far below any bound-parameter limit
        chunk = wanted[i : i + 500]
        found.update(session.scalars(select(ArticleRow.text_sha256).where(ArticleRow.text_sha256.in_(chunk))))
    return found


STORE_ERRORS = (SQLAlchemyError, ValueError, TypeError, KeyError, AttributeError)


def write_batch(
    store: Store, items: Sequence[Result | FailedArticle], merger: Merger, *, merge: bool = True
) -> BatchOutcome:
    """Store ``items`` and merge their events, in one transaction; returns what happened.

    Fast path: the whole batch at once. If any article cannot be stored, the transaction is rolled
    back and the batch is written again with one savepoint per article, so only that article fails.
    """
    try:
        return _write(store, items, merger, merge=merge, isolate=False)
    except STORE_ERRORS:
        return _write(store, items, merger, merge=merge, isolate=True)


def _write(
    store: Store, items: Sequence[Result | FailedArticle], merger: Merger, *, merge: bool, isolate: bool
) -> BatchOutcome:
    outcome = BatchOutcome()
    with store.session() as session:
        results = [i for i in items if isinstance(i, Result)]
        known = stored_hashes(session, (r.article.text_sha256 for r in results))
        mentions: list[MentionRow] = []
        stored: list[str] = []
        fresh: list[Result] = []  # the fast path stores these all at once
        for item in items:
            if isinstance(item, FailedArticle):
                record_failure(session, item)
                outcome.failed += 1
                continue
            sha = item.article.text_sha256
            if sha in known:
                outcome.skipped += 1
                continue
            known.add(sha)
            if not isolate:
                fresh.append(item)
            else:
                try:
                    with session.begin_nested():
                        mentions.extend(store_results(session, [item]))
                except STORE_ERRORS as exc:
                    error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                    record_failure(session, FailedArticle(_origin(item), "store", error, item.article.id, sha))
                    outcome.failed += 1
                    continue
            outcome.stored += 1
            stored.append(sha)
        if fresh:
            mentions.extend(store_results(session, fresh))
        if stored:  # an article that failed on an earlier run and now went through
            session.execute(delete(FailureRow).where(FailureRow.text_sha256.in_(stored)))
        outcome.mentions = len(mentions)
        if merge and mentions:
            decisions = merge_mentions(session, mentions, merger)
            outcome.new_events = sum(1 for d in decisions if d.score is None)
    return outcome


def store_results(session: Session, results: Sequence[Result]) -> list[MentionRow]:
    """Add the articles' results (article, actors, mentions, quotes, statements, relations).

    Two round trips per batch, not per article: articles first (for their keys), then the rest.
    Returns the new mention rows, flushed (the merge needs their keys).
    """
    now = datetime.now()
    rows = [_article_row(r, now) for r in results]
    session.add_all(rows)
    session.flush()
    mentions: list[MentionRow] = []
    actors: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    statements: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    for row, result in zip(rows, results, strict=True):
        by_id = {a.id: a for a in result.actors}
        names = {a.id: a.name for a in result.actors}
        mention_ids = _mention_ids(row.text_sha256, result.events)
        mentions.extend(_mention_row(row.pk, e, mention_ids[e.id], by_id, row.text) for e in result.events)
        actors.extend(_actor_values(row.pk, a) for a in result.actors)
        quotes.extend(_quote_values(row.pk, q, names) for q in result.quotes)
        statements.extend(_statement_values(row.pk, st, names, mention_ids) for st in result.statements)
        relations.extend(
            _relation_values(row.pk, rel, mention_ids)
            for rel in result.relations
            # a relation to an event that was dropped has nothing to link
            if rel.source in mention_ids and rel.target in mention_ids
        )
    session.add_all(mentions)
    # Rows nobody updates later go in as plain bulk inserts (no ORM objects to track).
    for table, values in ((ActorRow, actors), (QuoteRow, quotes), (StatementRow, statements),
                          (RelationRow, relations)):  # fmt: skip
        if values:
            session.execute(insert(table), values)
    session.flush()
    return mentions


def _article_row(result: Result, now: datetime) -> ArticleRow:
    article = result.article
    return ArticleRow(
        article_id=article.id or article.text_sha256[:16],
        text_sha256=article.text_sha256,
        title=article.title,
        url=article.url,
        source=article.source,
        published=article.published,
        text=article.text,
        n_events=len(result.events),
        ingested_at=now,
    )


def _actor_values(article_pk: int, actor: Actor) -> dict[str, Any]:
    return {
        "article_pk": article_pk,
        "actor_id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "country_code": actor.country_code,
        "title": actor.title,
        "confidence": actor.confidence,
        "data": actor.to_dict(),
    }


def _quote_values(article_pk: int, quote: Quote, names: dict[str, str]) -> dict[str, Any]:
    speaker = quote.speaker.name if quote.speaker else None
    if quote.speaker and quote.speaker.actor in names:
        speaker = names[quote.speaker.actor]
    return {
        "article_pk": article_pk,
        "quote_id": quote.id,
        "speaker": speaker,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "data": quote.to_dict(),
    }


def _statement_values(
    article_pk: int, statement: Statement, names: dict[str, str], mention_ids: dict[str, str]
) -> dict[str, Any]:
    return {
        "article_pk": article_pk,
        "statement_id": statement.id,
        "kind": statement.kind,
        "source_actor": names.get(statement.source_actor or ""),
        "target_actor": names.get(statement.target_actor or ""),
        "about_mention": mention_ids.get(statement.about_event or ""),
        "data": statement.to_dict(),
    }


def _relation_values(article_pk: int, relation: Relation, mention_ids: dict[str, str]) -> dict[str, Any]:
    return {
        "article_pk": article_pk,
        "kind": relation.kind,
        "source_mention": mention_ids[relation.source],
        "target_mention": mention_ids[relation.target],
        "data": relation.to_dict(),
    }


def _mention_ids(sha: str, events: list[Event]) -> dict[str, str]:
    # Stored ids are unique across the corpus even if an extractor reused an id in two articles.
    return {e.id: stable_id("mn", sha, e.id) for e in events}


def _mention_row(article_pk: int, event: Event, mention_id: str, actors: dict[str, Any], text: str) -> MentionRow:
    loc, when = event.location, event.date
    actor1 = actors.get(event.actor1 or "")
    actor2 = actors.get(event.actor2 or "")
    spans = event.evidence or [event.trigger]
    start, end = min(s.start for s in spans), max(s.end for s in spans)
    data = event.to_dict()
    data["actor1_name"] = actor1.name if actor1 else None
    data["actor1_kind"] = actor1.kind if actor1 else None
    data["actor2_name"] = actor2.name if actor2 else None
    data["actor2_kind"] = actor2.kind if actor2 else None
    interval = date_interval(when.value if when else None)
    data["evidence_text"] = " … ".join(text[s.start : s.end].strip() for s in spans)[:EVIDENCE_CHARS]
    return MentionRow(
        mention_id=mention_id,
        article_pk=article_pk,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        actor1=actor1.name if actor1 else None,
        actor2=actor2.name if actor2 else None,
        actor1_key=actor_key(actor1.name, actor1.kind, actor1.country_code) if actor1 else None,
        actor2_key=actor_key(actor2.name, actor2.kind, actor2.country_code) if actor2 else None,
        country_code=loc.country_code if loc else None,
        admin1=loc.admin1 if loc else None,
        location=loc.name if loc else None,
        lat=loc.lat if loc else None,
        lon=loc.lon if loc else None,
        geo_precision=loc.precision if loc else "unknown",
        date_value=when.value if when else None,
        date_precision=when.precision if when and when.value else "unknown",
        date_start=interval[0] if interval else None,
        date_end=interval[1] if interval else None,
        fatalities_min=event.fatalities.min if event.fatalities else None,
        fatalities_max=event.fatalities.max if event.fatalities else None,
        injuries_min=event.injuries.min if event.injuries else None,
        injuries_max=event.injuries.max if event.injuries else None,
        confidence=event.confidence,
        start=start,
        end=end,
        data=data,
    )


def _origin(result: Result) -> str:
    a = result.article
    return a.url or a.id or a.text_sha256[:16]


def record_failure(session: Session, f: FailedArticle) -> None:
    """Record a failure, replacing an earlier record of the same article (a rerun fails it again)."""
    same = (
        FailureRow.text_sha256 == f.text_sha256
        if f.text_sha256
        else (FailureRow.origin == f.origin) & (FailureRow.stage == f.stage)
    )
    session.execute(delete(FailureRow).where(same))
    session.add(_failure_row(f))


def _failure_row(f: FailedArticle) -> FailureRow:
    return FailureRow(
        origin=f.origin,
        article_id=f.article_id,
        text_sha256=f.text_sha256,
        stage=f.stage,
        error=f.error,
        created_at=datetime.now(),
    )
