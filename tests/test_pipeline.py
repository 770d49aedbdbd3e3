"""End to end on articles we wrote: what an analyst would code from them, checked as facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk import extract
from eventdesk.records import Event, Result

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


@pytest.fixture(scope="module")
def kaduna() -> Result:
    # Published on Friday 2024-03-08: "on Tuesday" is 2024-03-05, "last week" is ISO week 2024-W09.
    return extract((ARTICLES / "kaduna_attack.txt").read_text(encoding="utf-8"), published="2024-03-08")


@pytest.fixture(scope="module")
def talks() -> Result:
    # Published on Friday 2024-03-08: "on Thursday" is 2024-03-07, "on Monday" is 2024-03-04.
    return extract((ARTICLES / "strait_talks.txt").read_text(encoding="utf-8"), published="2024-03-08")


def names(result: Result) -> dict[str, str]:
    return {a.id: a.name for a in result.actors}


def events_of(result: Result, sub_event_type: str) -> list[Event]:
    return [e for e in result.events if e.sub_event_type == sub_event_type]


def test_village_attack_is_violence_against_civilians_in_kaduna(kaduna: Result) -> None:
    attacks = events_of(kaduna, "Attack")
    assert len(attacks) == 1, "the headline and the body report one attack"
    attack = attacks[0]
    assert attack.event_type == "Violence against civilians"
    assert attack.location and attack.location.country_code == "NG"
    assert attack.location.admin1 and "Kaduna" in attack.location.admin1
    assert attack.date and attack.date.value == "2024-03-05" and attack.date.precision == "day"
    assert attack.fatalities and attack.fatalities.min == 12
    assert attack.injuries and attack.injuries.min == 5


def test_army_air_strike_answers_the_attack(kaduna: Result) -> None:
    strikes = events_of(kaduna, "Air/drone strike")
    assert len(strikes) == 1
    strike = strikes[0]
    actor1 = names(kaduna).get(strike.actor1 or "", "")
    assert "Nigeria" in actor1
    assert strike.location and strike.location.country_code == "NG"
    assert strike.fatalities and (strike.fatalities.min or 0) >= 12  # "dozens"
    attack = events_of(kaduna, "Attack")[0]
    assert any(r.kind == "response_to" and r.source == strike.id and r.target == attack.id for r in kaduna.relations)


def test_abduction_by_boko_haram_last_week_in_borno(kaduna: Result) -> None:
    abductions = events_of(kaduna, "Abduction/forced disappearance")
    assert len(abductions) == 1
    abduction = abductions[0]
    assert "Boko Haram" in names(kaduna).get(abduction.actor1 or "", "")
    assert abduction.location and abduction.location.admin1 and "Borno" in abduction.location.admin1
    assert abduction.date and abduction.date.value == "2024-W09" and abduction.date.precision == "week"


def test_actors_of_the_attack_article(kaduna: Result) -> None:
    by_name = {a.name: a for a in kaduna.actors}
    boko = [a for a in kaduna.actors if "Boko Haram" in a.name]
    assert boko and boko[0].kind == "armed_group" and boko[0].country_code == "NG"
    assert any(a.kind == "media" and "Associated Press" in a.name for a in kaduna.actors)
    assert any(a.kind == "official" and "Jalige" in a.name for a in kaduna.actors)
    assert "Associated Press" not in {p.text for p in kaduna.places}
    assert by_name  # every actor has a name


def test_anonymous_resident_is_the_speaker_of_the_quote(kaduna: Result) -> None:
    quote = next(q for q in kaduna.quotes if "shot anyone they saw" in q.text)
    assert quote.kind == "direct"
    assert quote.speaker is not None and quote.speaker.anonymous


def test_no_claim_of_responsibility_is_not_a_statement(kaduna: Result) -> None:
    assert not [s for s in kaduna.statements if s.kind == "claim_responsibility"]


def test_talks_article_places_and_dates(talks: Result) -> None:
    geneva = [p for p in talks.places if p.text == "Geneva"]
    assert geneva and geneva[0].country_code == "CH"
    assert geneva[0].lat is not None and abs(geneva[0].lat - 46.2) < 0.5
    values = {t.text: t.value for t in talks.times}
    assert values.get("Thursday") == "2024-03-07" or values.get("on Thursday") == "2024-03-07"


def test_talks_article_statements_and_speaker(talks: Result) -> None:
    actor_names = names(talks)
    accusations = [s for s in talks.statements if s.kind == "accuse"]
    assert any(actor_names.get(s.source_actor or "") == "Azerbaijan" for s in accusations)
    assert any(s.kind == "deny" for s in talks.statements)
    quote = next(q for q in talks.quotes if "closer than we have ever been" in q.text)
    assert quote.speaker and quote.speaker.name and "Mirzoyan" in quote.speaker.name


def test_talks_article_has_no_violent_event_in_geneva(talks: Result) -> None:
    for event in talks.events:
        if event.location and event.location.country_code == "CH":
            assert event.event_type == "Strategic developments"
