"""The database schema (SQLAlchemy 2 ORM): one schema for SQLite and PostgreSQL.

The migrations in ``eventdesk/store/migrations/versions`` create exactly these tables; change both
together (a new migration, never an edit of a shipped one).

- ``articles``: one row per distinct article text (``text_sha256`` is unique: that is what makes ingest
  idempotent). The text is stored, so every offset below can be shown as the sentence it points at.
- ``event_mentions``: one row per event found in one article, with its full JSON (``data``) and the
  columns the merge and the queries need. ``event_pk`` links it to the merged incident; ``merge_score``
  and ``merge_reason`` say why, so a merge can be explained and undone (``merge.unmerge``).
- ``events``: merged incidents, one row per real-world incident, with the fields chosen by evidence.
- ``actors``, ``quotes``, ``statements``, ``relations``: the rest of each article's ``Result``.
- ``failures``: articles that could not be read, extracted or stored, with the error.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """The metadata every table here belongs to (what the migrations are compared against)."""


class ArticleRow(Base):
    __tablename__ = "articles"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(String(200), index=True)
    text_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(200))
    published: Mapped[date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    n_events: Mapped[int] = mapped_column(Integer, default=0)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)


class ActorRow(Base):
    __tablename__ = "actors"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    actor_id: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(40))
    country_code: Mapped[str | None] = mapped_column(String(2))
    title: Mapped[str | None] = mapped_column(String(200))
    confidence: Mapped[float] = mapped_column(Float)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class IncidentColumns:
    """What an incident is, stored alike for one article's report (``event_mentions``) and for the merged
    event (``events``): type, actors, place, date, the fatality range and a confidence. One definition,
    so the two tables cannot drift apart."""

    event_type: Mapped[str] = mapped_column(String(100))
    sub_event_type: Mapped[str] = mapped_column(String(100))
    actor1: Mapped[str | None] = mapped_column(String(300))
    actor2: Mapped[str | None] = mapped_column(String(300))
    country_code: Mapped[str | None] = mapped_column(String(2))
    admin1: Mapped[str | None] = mapped_column(String(200))
    location: Mapped[str | None] = mapped_column(String(300))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[str] = mapped_column(String(20))
    date_value: Mapped[str | None] = mapped_column(String(20))
    date_precision: Mapped[str] = mapped_column(String(20))
    date_start: Mapped[date | None] = mapped_column(Date)
    date_end: Mapped[date | None] = mapped_column(Date)
    fatalities_min: Mapped[int | None] = mapped_column(Integer)
    fatalities_max: Mapped[int | None] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)


class EventRow(IncidentColumns, Base):
    """A merged incident. ``fatalities`` is the most recent credible report; min/max span all reports."""

    __tablename__ = "events"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(40), unique=True)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    n_sources: Mapped[int] = mapped_column(Integer, default=1)
    n_mentions: Mapped[int] = mapped_column(Integer, default=1)
    sources: Mapped[list[Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    # The merge's blocking query: same country, overlapping date window.
    __table_args__ = (Index("ix_events_country_date", "country_code", "date_start"),)


class MentionRow(IncidentColumns, Base):
    """One event as one article reported it; ``data`` is its JSON (``Event.to_dict()`` plus actor names)."""

    __tablename__ = "event_mentions"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    mention_id: Mapped[str] = mapped_column(String(40), unique=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    event_pk: Mapped[int | None] = mapped_column(ForeignKey("events.pk", ondelete="SET NULL"), index=True)
    merge_score: Mapped[float | None] = mapped_column(Float)
    merge_reason: Mapped[str | None] = mapped_column(Text)
    # What the merge compares: "state:SY" for a state or its forces (so "Syria" and "Syrian Air
    # Force" are one side), else the normalized name.
    actor1_key: Mapped[str | None] = mapped_column(String(300))
    actor2_key: Mapped[str | None] = mapped_column(String(300))
    injuries_min: Mapped[int | None] = mapped_column(Integer)
    injuries_max: Mapped[int | None] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class QuoteRow(Base):
    __tablename__ = "quotes"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    quote_id: Mapped[str] = mapped_column(String(40))
    speaker: Mapped[str | None] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class StatementRow(Base):
    __tablename__ = "statements"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    statement_id: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(60))
    source_actor: Mapped[str | None] = mapped_column(String(300))
    target_actor: Mapped[str | None] = mapped_column(String(300))
    about_mention: Mapped[str | None] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class RelationRow(Base):
    """A link between two mentions of one article (their ``mention_id``s)."""

    __tablename__ = "relations"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    source_mention: Mapped[str] = mapped_column(String(40))
    target_mention: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class FailureRow(Base):
    """An article that could not be read (stage ``read``), extracted (``extract``) or stored."""

    __tablename__ = "failures"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    origin: Mapped[str] = mapped_column(Text)
    article_id: Mapped[str | None] = mapped_column(String(200))
    text_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    stage: Mapped[str] = mapped_column(String(20))
    error: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
