"""Merging event mentions across articles: the rules, the incremental database merge, undo."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import ALEPPO, GAO, IDLIB, IDLIB_PROVINCE, MAARET, MOSUL, SARMIN, SYRIA
from sqlalchemy import func, select

from eventdesk.errors import DataFileError
from eventdesk.records import Relation, Result
from eventdesk.store.db import Store
from eventdesk.store.merge import RULES_PATH, MentionView, Merger, date_interval, unmerge
from eventdesk.store.models import EventRow, MentionRow
from eventdesk.store.writer import write_batch

STRIKE = "Government warplanes struck a market in Idlib, killing civilians."


@pytest.fixture(scope="module")
def merger() -> Merger:
    return Merger()


def strike(
    make: Callable[..., Result],
    n: int,
    *,
    source: str,
    published: str,
    place: tuple = IDLIB,
    when: tuple | None = ("2024-03-05", "day"),
    sub: str = "Air/drone strike",
    actor1: str | None = "Syrian Air Force",
    killed: tuple | None = None,
    confidence: float = 0.8,
) -> Result:
    # A distinct text per report: same incident, different article.
    text = f"Report {n}: {STRIKE} More details followed."
    return make(
        text,
        source=source,
        published=published,
        events=[
            {
                "sub": sub,
                "trigger": "struck",
                "place": place,
                "date": when,
                "actor1": actor1,
                "killed": killed,
                "confidence": confidence,
            }
        ],
    )


def events(store: Store) -> list[EventRow]:
    with store.session() as s:
        return list(s.scalars(select(EventRow).order_by(EventRow.pk)))


def test_date_interval_covers_each_precision() -> None:
    assert date_interval("2024-03-05") == (date(2024, 3, 5), date(2024, 3, 5), "day")
    assert date_interval("2024-W10") == (date(2024, 3, 4), date(2024, 3, 10), "week")
    assert date_interval("2024-02") == (date(2024, 2, 1), date(2024, 2, 29), "month")
    assert date_interval("2024") == (date(2024, 1, 1), date(2024, 12, 31), "year")
    assert date_interval("2024-13-40") is None
    assert date_interval(None) is None


def test_three_reports_of_one_strike_become_one_event(store: Store, make_result, merger: Merger) -> None:
    write_batch(store, [strike(make_result, 1, source="Northwire", published="2024-03-05", killed=(12, 12))], merger)
    write_batch(
        store,
        [
            strike(
                make_result,
                2,
                source="Levant Post",
                published="2024-03-06",
                when=("2024-03-06", "day"),
                place=SARMIN,
                killed=(15, 15),
            )
        ],
        merger,
    )
    write_batch(
        store,
        [
            strike(
                make_result,
                3,
                source="Global Wire",
                published="2024-03-08",
                when=("2024-W10", "week"),
                place=IDLIB_PROVINCE,
                killed=(None, 17),
            )
        ],
        merger,
    )
    [event] = events(store)
    assert event.n_sources == 3 and event.n_mentions == 3
    assert event.sources == ["Global Wire", "Levant Post", "Northwire"]
    # The most precise place and date win; ties go to the more confident report.
    assert event.geo_precision == "city" and event.date_precision == "day"
    assert event.date_value in ("2024-03-05", "2024-03-06")
    # Fatalities: the most recent report (17, "up to 17" -> max), with the range of all reports.
    assert (event.fatalities, event.fatalities_min, event.fatalities_max) == (17, 12, 17)


def test_merge_decisions_are_recorded_with_score_and_reason(store: Store, make_result, merger: Merger) -> None:
    write_batch(
        store,
        [
            strike(make_result, 1, source="A", published="2024-03-05"),
            strike(make_result, 2, source="B", published="2024-03-06", when=("2024-03-06", "day")),
        ],
        merger,
    )
    with store.session() as s:
        first, second = s.scalars(select(MentionRow).order_by(MentionRow.pk)).all()
    assert first.merge_score is None and first.merge_reason == "first report of this event"
    assert second.merge_score is not None and merger.threshold <= second.merge_score <= 1
    assert "same sub-event type" in second.merge_reason and "1 day(s) apart" in second.merge_reason
    assert first.event_pk == second.event_pk


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"place": ALEPPO}, "57 km is beyond the 25 km city limit"),
        ({"place": GAO}, "another country"),
        ({"when": ("2024-03-09", "day")}, "4 days apart, limit 2"),
        ({"when": ("2024", "year")}, "a year is too vague to merge"),
        ({"sub": "Armed clash"}, "incompatible sub-event type"),
        ({"actor1": "Islamic State"}, "contradicting actor1"),
    ],
)
def test_different_incidents_stay_apart(store: Store, make_result, merger: Merger, change: dict, why: str) -> None:
    write_batch(store, [strike(make_result, 1, source="A", published="2024-03-05")], merger)
    write_batch(store, [strike(make_result, 2, source="B", published="2024-03-09", **change)], merger)
    assert len(events(store)) == 2, why


@pytest.mark.parametrize(
    "change",
    [
        {"place": MAARET, "when": ("2024-03-07", "day")},  # 33 km but one is a province-level report
        {"sub": "Shelling/artillery/missile attack"},  # compatible sub-type
        {"actor1": None},  # unnamed perpetrator does not contradict
        {"actor1": "the Syrian air force"},  # same actor written differently
        {"when": ("2024-03", "month")},  # "in March" overlaps March 5
        {"when": None},  # undated report published within the week
        {"place": SYRIA},  # only the country named: joins the finer event
    ],
)
def test_compatible_reports_merge(store: Store, make_result, merger: Merger, change: dict) -> None:
    base = {"place": IDLIB_PROVINCE} if change.get("place") == MAARET else {}
    write_batch(store, [strike(make_result, 1, source="A", published="2024-03-05", **base)], merger)
    write_batch(store, [strike(make_result, 2, source="B", published="2024-03-07", **change)], merger)
    [event] = events(store)
    assert event.n_sources == 2


def test_two_events_of_one_article_never_merge(store: Store, make_result, merger: Merger) -> None:
    text = "Warplanes struck Idlib in the morning. Warplanes struck Idlib again at night."
    spec = {"sub": "Air/drone strike", "place": IDLIB, "date": ("2024-03-05", "day")}
    result = make_result(
        text,
        source="A",
        published="2024-03-05",
        events=[{**spec, "trigger": "struck Idlib in"}, {**spec, "trigger": "struck Idlib again"}],
    )
    write_batch(store, [result], merger)
    assert len(events(store)) == 2


def test_same_outlet_twice_counts_as_one_source(store: Store, make_result, merger: Merger) -> None:
    write_batch(
        store,
        [
            strike(make_result, 1, source="Northwire", published="2024-03-05"),
            strike(make_result, 2, source="northwire ", published="2024-03-06"),
        ],
        merger,
    )
    [event] = events(store)
    assert (event.n_mentions, event.n_sources) == (2, 1)


def test_low_confidence_report_only_widens_the_range(store: Store, make_result, merger: Merger) -> None:
    write_batch(
        store,
        [
            strike(make_result, 1, source="A", published="2024-03-05", killed=(12, 12)),
            strike(make_result, 2, source="B", published="2024-03-07", killed=(40, 40), confidence=0.3),
        ],
        merger,
    )
    [event] = events(store)
    assert (event.fatalities, event.fatalities_min, event.fatalities_max) == (12, 12, 40)


def test_unmerge_splits_a_report_and_recomputes_the_event(store: Store, make_result, merger: Merger) -> None:
    write_batch(
        store,
        [
            strike(make_result, 1, source="A", published="2024-03-05", killed=(12, 12)),
            strike(make_result, 2, source="B", published="2024-03-06", killed=(15, 15)),
        ],
        merger,
    )
    with store.session() as s:
        second = s.scalars(select(MentionRow).order_by(MentionRow.pk.desc())).first()
        assert second is not None
        new = unmerge(s, second.mention_id, merger)
        assert new.n_sources == 1 and new.fatalities == 15
    rows = events(store)
    assert len(rows) == 2
    assert sorted((e.n_sources, e.fatalities) for e in rows) == [(1, 12), (1, 15)]


def test_assign_blocks_by_country_and_week_so_cost_is_linear(merger: Merger) -> None:
    # 2,000 mentions of 1,000 incidents spread over ~3 years: each is compared with a handful of
    # candidates from its own blocks, never with all others.
    calls = 0
    original = merger.score

    def counting(m: MentionView, c: object) -> object:
        nonlocal calls
        calls += 1
        return original(m, c)  # type: ignore[arg-type]

    merger.score = counting  # type: ignore[method-assign]
    try:
        views = []
        for i in range(2000):
            incident = i % 1000
            day = date(2021, 1, 1).toordinal() + incident
            views.append(
                MentionView(
                    key=i,
                    article=i,
                    source=f"s{i % 7}",
                    published=None,
                    event_type="Battles",
                    sub_event_type="Armed clash",
                    country="SY",
                    lat=35.0 + (incident % 10) * 0.5,
                    lon=38.0,
                    geo_precision="city",
                    date_value=date.fromordinal(day).isoformat(),
                    date_precision="day",
                    start=day,
                    end=day,
                )
            )
        decisions = merger.assign(views)
    finally:
        del merger.score
    assert len({id(d.cluster) for d in decisions}) == 1000
    assert calls < 20 * len(views)


def test_mentions_without_country_or_date_get_their_own_event(store: Store, make_result, merger: Merger) -> None:
    write_batch(
        store,
        [
            strike(make_result, 1, source="A", published=None, when=None),
            strike(make_result, 2, source="B", published=None, when=None),
        ],
        merger,
    )
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(EventRow)) == 2


def test_same_incident_near_mosul_not_confused_with_syria(store: Store, make_result, merger: Merger) -> None:
    write_batch(
        store,
        [
            strike(make_result, 1, source="A", published="2024-03-05", place=MOSUL),
            strike(make_result, 2, source="B", published="2024-03-05", place=IDLIB),
        ],
        merger,
    )
    assert sorted(e.country_code for e in events(store)) == ["IQ", "SY"]


def test_same_as_in_one_article_merges_its_two_mentions(store: Store, make_result, merger: Merger) -> None:
    text = "Warplanes struck Idlib on Tuesday. The raid on Idlib destroyed a market."
    spec = {"sub": "Air/drone strike", "place": IDLIB, "date": ("2024-03-05", "day")}
    result = make_result(
        text,
        source="A",
        published="2024-03-05",
        events=[{**spec, "trigger": "struck"}, {**spec, "trigger": "raid", "place": None}],
    )
    result.relations.append(Relation("same_as", result.events[1].id, result.events[0].id))
    write_batch(store, [result], merger)
    [event] = events(store)
    assert (event.n_mentions, event.n_sources, event.location) == (2, 1, "Idlib")
    with store.session() as s:
        reasons = [m.merge_reason for m in s.scalars(select(MentionRow).order_by(MentionRow.pk))]
    assert reasons == ["first report of this event", "the same article calls it the same incident (same_as)"]


def test_a_state_and_its_forces_are_one_side(store: Store, make_result, merger: Merger) -> None:
    first = strike(make_result, 1, source="A", published="2024-03-05")
    first.actors[0].kind, first.actors[0].country_code = "state_forces", "SY"  # "Syrian Air Force"
    second = strike(make_result, 2, source="B", published="2024-03-06", actor1="Syria")
    second.actors[0].kind, second.actors[0].country_code = "state", "SY"
    write_batch(store, [first, second], merger)
    [event] = events(store)
    assert event.n_sources == 2


def clash(make: Callable[..., Result], n: int, actor1: str | None, actor2: str | None) -> Result:
    text = f"Report {n}: fighters clashed with troops near Gao on Saturday."
    spec = {"sub": "Armed clash", "trigger": "clashed", "place": GAO, "date": ("2024-03-09", "day")}
    return make(text, source=f"S{n}", published="2024-03-10", events=[{**spec, "actor1": actor1, "actor2": actor2}])


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        (("ISSP", None), ("Malian Army", "ISSP"), True),  # the other side reports first
        (("ISSP", None), ("Malian Army", None), True),  # each names one side: two sides in all
        (("ISSP", "Malian Army"), ("JNIM", "Burkina Army"), False),  # four sides: another clash
        (("ISSP", "Malian Army"), ("JNIM", None), False),  # a third side
    ],
)
def test_clash_reports_may_name_sides_in_any_order(
    store: Store, make_result, merger: Merger, first: tuple, second: tuple, merged: bool
) -> None:
    write_batch(store, [clash(make_result, 1, *first), clash(make_result, 2, *second)], merger)
    assert len(events(store)) == (1 if merged else 2)


def test_bad_rules_file_names_file_and_line(tmp_path: Path) -> None:
    text = RULES_PATH.read_text(encoding="utf-8").replace("  date: 0.25", "  date: 0.75")
    bad = tmp_path / "rules.yaml"
    bad.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if row.startswith("weights:"))
    with pytest.raises(DataFileError, match=rf"rules\.yaml:{line + 1}: weights must be .* summing to 1"):
        Merger(bad)


def test_the_date_most_reports_give_wins(store: Store, make_result, merger: Merger) -> None:
    reports = [
        strike(make_result, 1, source="A", published="2024-03-06", when=("2024-03-06", "day"), confidence=0.95),
        strike(make_result, 2, source="B", published="2024-03-06", when=("2024-03-05", "day")),
        strike(make_result, 3, source="C", published="2024-03-07", when=("2024-03-05", "day")),
    ]
    write_batch(store, reports, merger)
    [event] = events(store)
    assert (event.n_sources, event.date_value) == (3, "2024-03-05")
