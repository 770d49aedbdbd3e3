"""The database: migrations on open, URLs, idempotent batches, failures, queries; PostgreSQL for real."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from conftest import GAO, IDLIB, MOSUL
from sqlalchemy import func, inspect, select, text

from eventdesk.errors import StoreError
from eventdesk.records import Quote, Relation, Speaker, Statement
from eventdesk.store.db import Store, normalize_url, open_store
from eventdesk.store.merge import Merger
from eventdesk.store.models import ArticleRow, Base, FailureRow, MentionRow, QuoteRow, RelationRow, StatementRow
from eventdesk.store.query import EventFilter, country_code, event_detail, list_events
from eventdesk.store.writer import FailedArticle, write_batch

TABLES = {"articles", "actors", "event_mentions", "events", "quotes", "statements", "relations", "failures"}


def three_incidents(make_result):
    return [
        make_result(
            "Warplanes struck a market in Idlib on Tuesday, killing 12 people.",
            source="Northwire",
            published="2024-03-05",
            events=[
                {
                    "sub": "Air/drone strike",
                    "trigger": "struck",
                    "place": IDLIB,
                    "date": ("2024-03-05", "day"),
                    "actor1": "Syrian Air Force",
                    "killed": (12, 12),
                }
            ],
        ),
        make_result(
            "Militants clashed with soldiers near Gao on Saturday.",
            source="Sahel Monitor",
            published="2024-03-10",
            events=[
                {
                    "sub": "Armed clash",
                    "trigger": "clashed",
                    "place": GAO,
                    "date": ("2024-03-09", "day"),
                    "actor1": "ISSP",
                    "actor1_kind": "armed_group",
                    "actor2": "Malian Army",
                }
            ],
        ),
        make_result(
            "A roadside bomb hit an army patrol near Mosul on Thursday.",
            source="Levant Post",
            published="2024-03-07",
            events=[
                {
                    "sub": "Remote explosive/landmine/IED",
                    "trigger": "bomb",
                    "place": MOSUL,
                    "date": ("2024-03-07", "day"),
                    "killed": (2, 2),
                }
            ],
        ),
    ]


def test_open_creates_every_table_at_the_latest_migration(store: Store) -> None:
    names = set(inspect(store.engine).get_table_names())
    assert names >= TABLES | {"alembic_version"}
    with store.engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar() == "0001"


def test_reopening_keeps_data(tmp_path: Path, make_result) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    first = open_store(url)
    write_batch(first, three_incidents(make_result), Merger())
    first.close()
    again = open_store(url)
    with again.session() as s:
        assert s.scalar(select(func.count()).select_from(ArticleRow)) == 3
    again.close()


def test_urls() -> None:
    assert normalize_url(None) == "sqlite:///eventdesk.db"
    assert normalize_url("data/x.db") == "sqlite:///data/x.db"
    assert normalize_url("postgres://u@h/db") == "postgresql://u@h/db"
    assert normalize_url("postgresql://u@h/db") == "postgresql://u@h/db"


def test_bad_url_is_a_one_line_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open database nosuchdb://") as info:
        open_store("nosuchdb://x")
    assert "\n" not in str(info.value)


def test_unreachable_server_message_hides_the_password() -> None:
    with pytest.raises(StoreError) as info:
        open_store("postgresql://me:secret@127.0.0.1:1/nothing")
    assert "secret" not in str(info.value) and "me@127.0.0.1:1" in str(info.value)


def test_a_batch_written_twice_is_stored_once(store: Store, make_result) -> None:
    merger = Merger()
    first = write_batch(store, three_incidents(make_result), merger)
    second = write_batch(store, three_incidents(make_result), merger)
    assert (first.stored, first.skipped, first.mentions) == (3, 0, 3)
    assert (second.stored, second.skipped, second.mentions) == (0, 3, 0)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(MentionRow)) == 3
        assert len(list_events(s, EventFilter())) == 3


def test_failures_are_recorded_and_the_rest_of_the_batch_stored(store: Store, make_result) -> None:
    items = [*three_incidents(make_result), FailedArticle("feed.xml:7", "read", "no text in entry", "e7")]
    outcome = write_batch(store, items, Merger())
    assert (outcome.stored, outcome.failed) == (3, 1)
    with store.session() as s:
        [failure] = s.scalars(select(FailureRow)).all()
        assert (failure.origin, failure.stage, failure.error) == ("feed.xml:7", "read", "no text in entry")
    # The same failure on a rerun replaces the old record instead of adding another.
    write_batch(store, items[3:], Merger())
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(FailureRow)) == 1


def test_an_article_that_cannot_be_stored_is_rolled_back_alone(store: Store, make_result) -> None:
    good = three_incidents(make_result)
    bad = make_result(
        "An article whose event points at text that is not there.",
        source="X",
        published="2024-03-05",
        events=[{"sub": "Attack", "trigger": "event"}],
    )
    bad.events[0].event_type = None  # type: ignore[assignment]  # violates NOT NULL at insert
    outcome = write_batch(store, [good[0], bad, good[1]], Merger())
    assert (outcome.stored, outcome.failed) == (2, 1)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(ArticleRow)) == 2
        [failure] = s.scalars(select(FailureRow)).all()
        assert failure.stage == "store" and failure.text_sha256 == bad.article.text_sha256


def test_quotes_statements_and_relations_are_stored_with_names(store: Store, make_result) -> None:
    result = three_incidents(make_result)[0]
    actor = result.actors[0]
    ev = result.events[0]
    result.quotes.append(
        Quote("qt_1", "We hit military targets", 0, 10, "direct", Speaker("a spokesman", actor=actor.id), 0.9)
    )
    result.statements.append(Statement("st_1", "deny", actor.id, None, about_event=ev.id))
    result.relations.append(Relation("follows", ev.id, ev.id))
    result.relations.append(Relation("same_as", ev.id, "ev_dropped"))  # target not stored: skipped
    write_batch(store, [result], Merger())
    with store.session() as s:
        quote = s.scalars(select(QuoteRow)).one()
        statement = s.scalars(select(StatementRow)).one()
        mention = s.scalars(select(MentionRow)).one()
        relations = s.scalars(select(RelationRow)).all()
    assert quote.speaker == "Syrian Air Force"
    assert statement.source_actor == "Syrian Air Force" and statement.about_mention == mention.mention_id
    assert [(r.kind, r.source_mention) for r in relations] == [("follows", mention.mention_id)]
    assert mention.data["id"] == ev.id and mention.data["actor1_name"] == "Syrian Air Force"


def test_filters(store: Store, make_result) -> None:
    write_batch(store, three_incidents(make_result), Merger())
    with store.session() as s:

        def ids(**kw: object) -> list[str | None]:
            return [e.location for e in list_events(s, EventFilter(**kw))]  # type: ignore[arg-type]

        assert ids() == ["Gao", "Mosul", "Idlib"]  # newest first
        assert ids(country="iq") == ["Mosul"]
        assert ids(country="Mali") == ["Gao"]
        assert ids(since=date(2024, 3, 6)) == ["Gao", "Mosul"]
        assert ids(until=date(2024, 3, 6)) == ["Idlib"]
        assert ids(type="air/drone strike") == ["Idlib"]
        assert ids(type="Battles") == ["Gao"]
        assert ids(actor="malian") == ["Gao"]
        assert ids(limit=1) == ["Gao"]


def test_country_code_rejects_unknown_names() -> None:
    assert country_code("IRQ") == "IQ"
    with pytest.raises(Exception, match="unknown country"):
        country_code("Atlantis")


def test_event_detail_by_id_or_prefix(store: Store, make_result) -> None:
    write_batch(store, three_incidents(make_result), Merger())
    with store.session() as s:
        event = list_events(s, EventFilter(country="SY"))[0]
        bundle = event_detail(s, event.event_id)
        assert bundle is not None and bundle.reports[0].source == "Northwire"
        assert bundle.reports[0].evidence.startswith("Warplanes struck a market in Idlib")
        assert event_detail(s, event.event_id[:10]) is not None
        assert event_detail(s, "evt_nothing") is None


PG_URL = os.environ.get("EVENTDESK_TEST_PG_URL")


@pytest.mark.skipif(not PG_URL, reason="EVENTDESK_TEST_PG_URL is not set (see .ci/postgres.sh)")
def test_postgresql_end_to_end(make_result) -> None:
    assert PG_URL is not None
    store = open_store(PG_URL)
    with store.engine.begin() as conn:  # start from an empty schema: migrations run for real
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    store.close()
    store = open_store(PG_URL)
    try:
        merger = Merger()
        results = three_incidents(make_result)
        again = make_result(
            "Government jets bombed a market in Idlib, killing 14.",
            source="Other",
            published="2024-03-06",
            events=[
                {
                    "sub": "Air/drone strike",
                    "trigger": "bombed",
                    "place": IDLIB,
                    "date": ("2024-03-05", "day"),
                    "killed": (14, 14),
                }
            ],
        )
        write_batch(store, results, merger)
        write_batch(store, [again, *results], merger)
        with store.session() as s:
            events = list_events(s, EventFilter())
            assert len(events) == 3
            idlib = next(e for e in events if e.location == "Idlib")
            assert (idlib.n_sources, idlib.fatalities, idlib.fatalities_min, idlib.fatalities_max) == (2, 14, 12, 14)
            assert [e.location for e in list_events(s, EventFilter(actor="MALIAN"))] == ["Gao"]
    finally:
        store.close()


def test_migrations_match_the_models(store: Store) -> None:
    # A model change without a migration (or the reverse) shows up here as a difference.
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_event_detail_lists_statements_about_the_event(store: Store, make_result) -> None:
    result = three_incidents(make_result)[0]
    result.statements.append(Statement("st_1", "deny", result.actors[0].id, None, about_event=result.events[0].id))
    write_batch(store, [result], Merger())
    with store.session() as s:
        event = list_events(s, EventFilter())[0]
        bundle = event_detail(s, event.event_id)
    assert bundle is not None
    assert [(st.kind, st.source_actor) for st in bundle.statements] == [("deny", "Syrian Air Force")]
