"""Relations between events: response_to, follows, part_of, same_as."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.datafiles import DataFileError
from eventdesk.extract.relations import RelationFinder, load_relation_data
from eventdesk.extract.segment import segment
from eventdesk.records import Event, EventDate, Evidence, Location, Relation, Span
from eventdesk.settings import DEFAULT_SETTINGS

STRIKE = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"
ATTACK = "Remote explosive/landmine/IED"


@pytest.fixture(scope="module")
def finder() -> RelationFinder:
    return RelationFinder(DEFAULT_SETTINGS)


def event(text: str, event_id: str, sub_event_type: str, trigger: str, nth: int = 0) -> Event:
    start = -1
    for _ in range(nth + 1):
        start = text.index(trigger, start + 1)
    return Event(event_id, "Explosions/Remote violence", sub_event_type, Span(start, start + len(trigger), trigger))


def triples(relations: list[Relation]) -> set[tuple[str, str, str]]:
    return {(r.kind, r.source, r.target) for r in relations}


def test_response_to_with_anaphoric_source(finder: RelationFinder) -> None:
    text = (
        "Turkish drones hit positions near Qamishli overnight. "
        "The strikes were in response to a mortar attack on a border post that killed two soldiers."
    )
    events = [event(text, "drones", STRIKE, "drones hit"), event(text, "mortar", SHELLING, "mortar attack")]
    relations = finder(segment(text), events)
    assert triples(relations) == {("response_to", "drones", "mortar")}
    [relation] = relations
    sentence = text.index("The strikes")
    assert relation.evidence[0].start == sentence and relation.evidence[0].end == len(text)


def test_follows_with_generic_anaphor_refers_to_the_lead_event(finder: RelationFinder) -> None:
    text = (
        "Israeli aircraft struck targets in Gaza on Sunday. A rocket attack hit Sderot last week. "
        "The military action followed two rocket attacks on southern towns."
    )
    events = [
        event(text, "gaza", STRIKE, "struck targets"),
        event(text, "sderot", SHELLING, "rocket attack"),
        event(text, "two", SHELLING, "rocket attacks"),
    ]
    assert ("follows", "gaza", "two") in triples(finder(segment(text), events))


def test_cue_opening_the_sentence(finder: RelationFinder) -> None:
    text = "In retaliation for the ambush, soldiers shelled three villages near the river."
    events = [event(text, "ambush", "Armed clash", "ambush"), event(text, "shelled", SHELLING, "shelled")]
    assert triples(finder(segment(text), events)) == {("response_to", "shelled", "ambush")}


def test_part_of_series(finder: RelationFinder) -> None:
    text = "The bombing in Mogadishu was the latest in a series of attacks on hotels this year."
    events = [event(text, "bombing", ATTACK, "bombing"), event(text, "attacks", ATTACK, "attacks")]
    assert triples(finder(segment(text), events)) == {("part_of", "bombing", "attacks")}


def test_retaliatory_links_to_the_earlier_event(finder: RelationFinder) -> None:
    text = "Militants fired rockets at the base on Monday. On Tuesday the US launched retaliatory strikes."
    events = [event(text, "rockets", SHELLING, "fired rockets"), event(text, "strikes", STRIKE, "strikes")]
    assert ("response_to", "strikes", "rockets") in triples(finder(segment(text), events))


def test_no_relation_without_two_events_around_the_cue(finder: RelationFinder) -> None:
    text = "After the meeting, the ministers issued a statement. Protests followed in the capital."
    events = [event(text, "protests", "Peaceful protest", "Protests")]
    assert finder(segment(text), events) == []


def test_same_incident_twice_is_linked_not_dropped(finder: RelationFinder) -> None:
    text = "A car bomb exploded in Kabul. Police said the blast in Kabul killed four."
    when = EventDate("2024-03-02", "day", "Saturday")
    where = Location("Kabul", "AF", None, 34.5, 69.2, "city")
    first = event(text, "car", ATTACK, "car bomb")
    second = event(text, "blast", ATTACK, "blast")
    for e in (first, second):
        e.date, e.location = when, where
    first.evidence, second.evidence = [Evidence(0, 29)], [Evidence(30, len(text))]
    relations = finder(segment(text), [first, second])
    assert triples(relations) == {("same_as", "blast", "car")}
    # the merge stays visible: the relation carries the evidence of both mentions
    assert relations[0].evidence == [Evidence(0, 29), Evidence(30, len(text))]
    second.date = EventDate("2024-03-09", "day", "a week later")
    assert finder(segment(text), [first, second]) == []


def test_bad_relation_kind_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "relations.yaml"
    bad.write_text(
        "cues:\n  causes:\n    - because of\nretaliatory: [retaliatory]\nkeywords: [because]\n", encoding="utf-8"
    )
    with pytest.raises(DataFileError, match="unknown relation kind 'causes'"):
        load_relation_data(bad)
