"""Events stage: roles, location, date and casualty attachment, merging, non-events, data-file checks.

Inputs from the other stages (actors, places, times, casualties) are built by hand here, so these tests
exercise the events stage alone; one test at the end runs the whole pipeline on the seed article.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from eventdesk.errors import DataFileError
from eventdesk.extract.events import TRIGGERS_FILE, EventFinder
from eventdesk.extract.segment import segment
from eventdesk.extract.taxonomy import SUB_EVENT_TYPES, TAXONOMY_FILE, Taxonomy
from eventdesk.records import Actor, Casualties, Event, Place, Span, TimeExpr
from eventdesk.settings import Settings

SEED = Path("/work/shared/seed/article.txt")


@pytest.fixture(scope="module")
def finder() -> EventFinder:
    return EventFinder(Settings())


# -- hand-built inputs ---------------------------------------------------------------------------
def spans(text: str, phrase: str, nth: int | None = None) -> list[Span]:
    """Every occurrence of ``phrase`` in ``text`` as a Span (or only the nth one)."""
    found, start = [], text.find(phrase)
    while start >= 0:
        found.append(Span(start, start + len(phrase), phrase))
        start = text.find(phrase, start + 1)
    assert found, f"{phrase!r} not in text"
    return [found[nth]] if nth is not None else found


def actor(text: str, ident: str, phrase: str, kind: str, **extra: object) -> Actor:
    return Actor(id=ident, name=phrase, kind=kind, mentions=spans(text, phrase), **extra)  # type: ignore[arg-type]


def places(text: str, *rows: tuple[str, str, str, float, float]) -> list[Place]:
    """Places for every occurrence of each (phrase, country_code, feature, lat, lon)."""
    out = []
    for phrase, cc, feature, lat, lon in rows:
        for i, sp in enumerate(spans(text, phrase)):
            out.append(
                Place(f"pl_{phrase}_{i}", phrase, sp.start, sp.end, phrase, cc, None, lat, lon, None, feature)  # type: ignore[arg-type]
            )
    return out


def when(text: str, phrase: str, value: str, precision: str) -> TimeExpr:
    sp = spans(text, phrase)[0]
    return TimeExpr(f"tm_{sp.start}", sp.start, sp.end, phrase, value, precision)  # type: ignore[arg-type]


def toll(text: str, phrase: str, kind: str, low: int | None, high: int | None) -> Casualties:
    sp = spans(text, phrase)[0]
    return Casualties(kind, low, high, sp.start, sp.end, phrase)  # type: ignore[arg-type]


def run(finder: EventFinder, text: str, **inputs: object) -> list[Event]:
    return finder(
        segment(text),
        inputs.get("actors", []),  # type: ignore[arg-type]
        inputs.get("places", []),  # type: ignore[arg-type]
        inputs.get("times", []),  # type: ignore[arg-type]
        inputs.get("casualties", []),  # type: ignore[arg-type]
        published=inputs.get("published"),  # type: ignore[arg-type]
    )


def only(events: list[Event], sub: str) -> Event:
    matching = [e for e in events if e.sub_event_type == sub]
    assert len(matching) == 1, [(e.sub_event_type, e.trigger.text) for e in events]
    return matching[0]


# -- roles -----------------------------------------------------------------------------------------
def test_actor1_subject_actor2_target_skipping_the_backer(finder: EventFinder) -> None:
    text = "Turkey launched airstrikes against Iran-backed militia fighters near the Iraqi border on Sunday."
    actors = [
        actor(text, "tr", "Turkey", "state"),
        actor(text, "ir", "Iran", "state"),
        actor(text, "mil", "Iran-backed militia fighters", "armed_group"),
    ]
    event = only(run(finder, text, actors=actors), "Air/drone strike")
    assert (event.actor1, event.actor2) == ("tr", "mil")
    assert event.cameo == "19" and event.plover == "ASSAULT"
    assert event.event_type == "Explosions/Remote violence"


def test_passive_agent_becomes_actor1(finder: EventFinder) -> None:
    text = "Five soldiers were killed in an ambush by Boko Haram fighters near Maiduguri."
    actors = [actor(text, "army", "soldiers", "state_forces"), actor(text, "bh", "Boko Haram fighters", "armed_group")]
    event = only(run(finder, text, actors=actors), "Armed clash")
    assert (event.actor1, event.actor2) == ("bh", "army")


def test_passive_without_agent_makes_the_subject_the_target(finder: EventFinder) -> None:
    text = "A Canadian missionary was arrested in Beirut on Tuesday."
    actors = [actor(text, "mis", "Canadian missionary", "person")]
    event = only(run(finder, text, actors=actors), "Arrests")
    assert (event.actor1, event.actor2) == (None, "mis")


def test_fighting_between_two_forces(finder: EventFinder) -> None:
    text = "Heavy fighting erupted between the Sudanese army and the Rapid Support Forces in Omdurman."
    actors = [
        actor(text, "saf", "Sudanese army", "state_forces"),
        actor(text, "rsf", "Rapid Support Forces", "armed_group"),
    ]
    event = only(run(finder, text, actors=actors), "Armed clash")
    assert (event.actor1, event.actor2) == ("saf", "rsf")


def test_violence_against_civilians_targets_the_civilians(finder: EventFinder) -> None:
    text = "Gunmen killed 14 farmers in an attack on a village in Benue state, police said."
    actors = [actor(text, "gun", "Gunmen", "armed_group"), actor(text, "civ", "farmers", "civilians")]
    event = only(run(finder, text, actors=actors), "Attack")
    assert (event.actor1, event.actor2) == ("gun", "civ")


def test_force_preferred_over_its_bare_state(finder: EventFinder) -> None:
    text = "The United States military carried out a drone strike on al-Shabaab near Jilib."
    actors = [
        actor(text, "us", "United States", "state"),
        actor(text, "usmil", "United States military", "state_forces", affiliation="us"),
        actor(text, "shb", "al-Shabaab", "armed_group"),
    ]
    event = only(run(finder, text, actors=actors), "Air/drone strike")
    assert (event.actor1, event.actor2) == ("usmil", "shb")


def test_state_named_as_a_place_is_not_actor1(finder: EventFinder) -> None:
    text = "Russian forces in Syria shelled rebel positions near Idlib."
    actors = [actor(text, "ru", "Russian forces", "state_forces"), actor(text, "sy", "Syria", "state")]
    event = only(run(finder, text, actors=actors), "Shelling/artillery/missile attack")
    assert event.actor1 == "ru"


def test_actor_of_another_verb_is_not_actor1(finder: EventFinder) -> None:
    text = "The US response followed three rocket attacks on bases in Iraq."
    actors = [actor(text, "us", "US", "state")]
    event = only(run(finder, text, actors=actors), "Shelling/artillery/missile attack")
    assert event.actor1 is None


# -- location ----------------------------------------------------------------------------------------
def test_location_is_the_attached_place_not_the_actor_country(finder: EventFinder) -> None:
    text = "United States conducts airstrikes against Iran-backed militia in Syria"
    actors = [actor(text, "us", "United States", "state"), actor(text, "mil", "Iran-backed militia", "armed_group")]
    pl = places(text, ("United States", "US", "country", 39.8, -98.6), ("Syria", "SY", "country", 35.0, 38.0))
    event = only(run(finder, text, actors=actors, places=pl), "Air/drone strike")
    assert event.location is not None
    assert (event.location.country_code, event.location.precision) == ("SY", "country")
    assert event.location.place == "pl_Syria_0"


def test_location_prefers_city_inside_over_media_name(finder: EventFinder) -> None:
    text = (
        "Footage aired by Kurdistan 24 TV showed damage after a rocket attack targeting a military complex "
        "inside the Erbil airport."
    )
    actors = [actor(text, "k24", "Kurdistan 24", "media")]
    pl = places(text, ("Kurdistan", "IQ", "admin1", 36.0, 44.0), ("Erbil", "IQ", "city", 36.19, 44.01))
    event = only(run(finder, text, actors=actors, places=pl), "Shelling/artillery/missile attack")
    assert event.location is not None and event.location.name == "Erbil"
    assert event.location.precision == "city"


def test_newspaper_and_topic_places_do_not_locate(finder: EventFinder) -> None:
    text = (
        "Israeli warplanes struck targets in Gaza overnight. "
        "According to the Washington Post, the strike killed up to a handful of people. "
        "Officials said the airstrike was a message sent from Tehran to Washington about China."
    )
    actors = [actor(text, "wp", "Washington Post", "media")]
    pl = places(
        text,
        ("Gaza", "PS", "city", 31.5, 34.47),
        ("Washington", "US", "city", 38.9, -77.0),
        ("Tehran", "IR", "city", 35.7, 51.4),
        ("China", "CN", "country", 35.0, 103.0),
    )
    events = run(finder, text, actors=actors, places=pl)
    assert len(events) == 1
    assert events[0].location is not None and events[0].location.country_code == "PS"
    assert len(events[0].evidence) == 3


def test_hyphenated_modifier_is_not_a_location(finder: EventFinder) -> None:
    text = "A missile attack on a U.S.-flagged tanker damaged its hull, the Pentagon said."
    pl = places(text, ("U.S.", "US", "country", 39.8, -98.6))
    event = only(run(finder, text, places=pl), "Shelling/artillery/missile attack")
    assert event.location is None


def test_event_first_named_in_a_phrase_takes_the_sentence_place(finder: EventFinder) -> None:
    text = "Diplomats saw few targets in Lebanon now that most Americans have left in the wake of kidnappings."
    pl = places(text, ("Lebanon", "LB", "country", 33.9, 35.9))
    event = only(run(finder, text, places=pl), "Abduction/forced disappearance")
    assert event.location is not None and event.location.country_code == "LB"


# -- dates -------------------------------------------------------------------------------------------
def test_nearest_date_wins_and_speech_dates_are_skipped(finder: EventFinder) -> None:
    text = (
        "A photo taken on February 19, 2021 shows damage following a rocket attack two days ago near Erbil. "
        "Police said on Monday that a car bomb exploded in Kirkuk."
    )
    times = [
        when(text, "February 19, 2021", "2021-02-19", "day"),
        when(text, "two days ago", "2021-02-17", "day"),
        when(text, "Monday", "2021-02-22", "day"),
    ]
    events = run(finder, text, times=times, published=date(2021, 2, 26))
    rocket = only(events, "Shelling/artillery/missile attack")
    assert rocket.date is not None and (rocket.date.value, rocket.date.text) == ("2021-02-17", "two days ago")
    bomb = only(events, "Remote explosive/landmine/IED")
    assert bomb.date is not None and (bomb.date.value, bomb.date.precision, bomb.date.text) == (
        "2021-W08",
        "week",
        None,
    )


def test_month_precision_is_kept_and_no_publication_date_means_unknown(finder: EventFinder) -> None:
    text = "In January 2020, the military launched a strike killing a senior commander in Baghdad."
    times = [when(text, "January 2020", "2020-01", "month")]
    event = only(run(finder, text, times=times), "Air/drone strike")
    assert event.date is not None and (event.date.value, event.date.precision) == ("2020-01", "month")
    undated = only(run(finder, "Rebels shelled the town of Kidal."), "Shelling/artillery/missile attack")
    assert undated.date is not None and (undated.date.value, undated.date.precision) == (None, "unknown")


# -- casualties ----------------------------------------------------------------------------------------
def test_casualties_go_to_the_incident_they_describe(finder: EventFinder) -> None:
    text = (
        "US warplanes struck militia positions in Syria. "
        "The strikes were in response to a rocket attack in Iraq that killed one civilian contractor and "
        "injured a US service member. "
        "According to officials, the strike was believed to have killed up to a handful of people."
    )
    pl = places(text, ("Syria", "SY", "country", 35.0, 38.0), ("Iraq", "IQ", "country", 33.0, 44.0))
    cas = [
        toll(text, "killed one civilian contractor", "fatalities", 1, 1),
        toll(text, "injured a US service member", "injuries", 1, 1),
        toll(text, "killed up to a handful of people", "fatalities", None, 5),
    ]
    events = run(finder, text, places=pl, casualties=cas)
    strike = only(events, "Air/drone strike")
    rocket = only(events, "Shelling/artillery/missile attack")
    assert strike.fatalities is not None and strike.fatalities.max == 5
    assert strike.injuries is None
    assert rocket.fatalities is not None and rocket.fatalities.min == 1
    assert rocket.injuries is not None and rocket.injuries.min == 1
    assert strike.location is not None and strike.location.country_code == "SY"
    assert rocket.location is not None and rocket.location.country_code == "IQ"


def test_destruction_that_kills_is_an_attack(finder: EventFinder) -> None:
    text = "Militiamen torched dozens of houses in Djugu, killing five people. Herders burned crops near Dinder."
    cas = [toll(text, "killing five people", "fatalities", 5, 5)]
    events = run(finder, text, casualties=cas)
    attack = only(events, "Attack")
    assert attack.fatalities is not None and attack.fatalities.min == 5
    assert attack.event_type == "Violence against civilians"
    assert only(events, "Looting/property destruction").fatalities is None


def test_dominant_place_is_where_things_happen_not_the_actor_country(finder: EventFinder) -> None:
    text = (
        "The United States said it was monitoring the situation in Mali. "
        "Gunmen killed 12 villagers overnight, officials said. The United States urged calm. "
        "Attacks have multiplied in central Mali since 2015."
    )
    actors = [actor(text, "us", "United States", "state"), actor(text, "gm", "Gunmen", "armed_group")]
    pl = places(text, ("United States", "US", "country", 39.8, -98.6), ("Mali", "ML", "country", 17.0, -4.0))
    event = only(run(finder, text, actors=actors, places=pl), "Attack")
    assert event.location is not None
    assert (event.location.country_code, event.location.precision) == ("ML", "country")


# -- merging -------------------------------------------------------------------------------------------
def test_repeated_title_and_re_mentions_merge(finder: EventFinder) -> None:
    title = "Saudi-led coalition airstrikes hit Houthi positions in Yemen"
    text = f"{title}\n\n{title}\n\nThe airstrikes came after a drone attack on Jazan. The strikes were condemned."
    pl = places(text, ("Yemen", "YE", "country", 15.5, 48.0))
    strikes = [e for e in run(finder, text, places=pl) if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1
    assert strikes[0].trigger.start == text.index("airstrikes")
    assert len(strikes[0].evidence) == 4


def test_distinct_incidents_stay_distinct(finder: EventFinder) -> None:
    text = (
        "US airstrikes hit militia positions in Syria this week. "
        "In January 2020, a US drone strike killed a general in Baghdad. "
        "A rocket attack hit Erbil. The US action followed three rocket attacks on bases in Iraq."
    )
    pl = places(
        text,
        ("Syria", "SY", "country", 35.0, 38.0),
        ("Baghdad", "IQ", "city", 33.34, 44.4),
        ("Erbil", "IQ", "city", 36.19, 44.01),
        ("Iraq", "IQ", "country", 33.0, 44.0),
    )
    times = [when(text, "January 2020", "2020-01", "month")]
    events = run(finder, text, places=pl, times=times)
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    rockets = [e for e in events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert sorted(e.location.name for e in strikes if e.location) == ["Baghdad", "Syria"]
    assert len(rockets) == 2  # "three rocket attacks" is not the single attack on Erbil


def test_ids_are_deterministic_and_offsets_exact(finder: EventFinder) -> None:
    text = "Militants kidnapped 30 students from a school in Kaduna state. Police arrested two suspects."
    first, second = run(finder, text), run(finder, text)
    assert [e.id for e in first] == [e.id for e in second]
    assert len({e.id for e in first}) == 2
    for e in first:
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        assert 0 <= e.confidence <= 1
        assert all(0 <= ev.start < ev.end <= len(text) for ev in e.evidence)


# -- non-events ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The Pentagon said US aircraft did not strike the convoy.",
        "The group denied carrying out the airstrike on the market.",
        "We will respond on our timeline, the minister said of possible airstrikes.",
        "Iran threatened to strike US bases in the region.",
        "The army could launch airstrikes if the rebels advance on the capital.",
        "Militias typically blamed for such rocket attacks have been quiet.",
        "Negotiators hope to strike a deal on prisoner releases.",
        "Dockworkers went on a labour strike over pay.",
        "The opposition leader launched an attack on the government's policy.",
        "The air force showed its new strike aircraft at the parade.",
    ],
)
def test_no_violent_event_in_non_events(finder: EventFinder, text: str) -> None:
    violent = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
    assert [e.sub_event_type for e in run(finder, text) if e.event_type in violent] == []


def test_hunger_strike_is_a_protest(finder: EventFinder) -> None:
    events = run(finder, "Dozens of detainees began a hunger strike at the prison in Bahrain.")
    assert [e.sub_event_type for e in events] == ["Peaceful protest"]
    assert events[0].plover == "PROTEST" and events[0].cameo == "14"


def test_min_event_confidence_drops_weak_events() -> None:
    text = "Military officials said the strike hit a depot."  # bare "strike": a weak cue
    assert run(EventFinder(Settings()), text)
    assert run(EventFinder(Settings(min_event_confidence=0.9)), text) == []


# -- data files -------------------------------------------------------------------------------------
def test_taxonomy_has_all_acled_sub_types_with_codes() -> None:
    taxonomy = Taxonomy()
    assert set(taxonomy.sub_types) == set(SUB_EVENT_TYPES) and len(SUB_EVENT_TYPES) == 25
    assert taxonomy["Air/drone strike"].cameo == "195" and taxonomy["Air/drone strike"].plover == "ASSAULT"
    assert taxonomy["Peaceful protest"].plover == "PROTEST" and taxonomy["Arrests"].plover == "COERCE"
    assert taxonomy["Agreement"].plover == "AGREE"


def test_bad_taxonomy_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "taxonomy.yaml"
    bad.write_text(TAXONOMY_FILE.read_text(encoding="utf-8").replace('cameo: "195"', "cameo: 19x5"), encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"{bad}:\d+: Air/drone strike: cameo"):
        Taxonomy(bad)


def test_bad_trigger_entry_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "triggers.yaml"
    original = TRIGGERS_FILE.read_text(encoding="utf-8")
    bad.write_text(original.replace("  - type: Grenade\n", "  - type: Hand grenade\n"), encoding="utf-8")
    line = original[: original.index("  - type: Grenade\n")].count("\n") + 1
    with pytest.raises(DataFileError, match=rf"{bad}:{line}: type 'Hand grenade'"):
        EventFinder(Settings(), triggers=bad)
    bad.write_text(original.replace("'grenades?'", "'grenades?('"), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"invalid regular expression"):
        EventFinder(Settings(), triggers=bad)


def test_a_rejected_long_pattern_falls_back_to_a_shorter_one(tmp_path: Path) -> None:
    lexicon = tmp_path / "triggers.yaml"
    lexicon.write_text(
        "macros:\n"
        "  NONSTATE: '(?:rebels|militants)'  # who counts as a non-state agent\n"
        "blockers: {}\n"
        "triggers:\n"
        "  - type: Abduction/forced disappearance\n"
        "    patterns: ['detained (?:\\w+ ){0,3}(?:journalists|activists)']\n"
        "    agent: nonstate\n"
        "  - type: Arrests\n"
        "    patterns: ['detained']\n",
        encoding="utf-8",
    )
    finder = EventFinder(Settings(), triggers=lexicon)
    by_police = run(finder, "Police detained three journalists in Asmara.")
    assert [(e.sub_event_type, e.trigger.text) for e in by_police] == [("Arrests", "detained")]
    by_rebels = run(finder, "Rebels detained three journalists near Bamenda.")
    assert [e.sub_event_type for e in by_rebels] == ["Abduction/forced disappearance"]


# -- speed ---------------------------------------------------------------------------------------------
def test_speed_on_a_3000_character_article(finder: EventFinder) -> None:
    paragraph = (
        "Gunmen killed 12 villagers in Zamfara state on Tuesday, police said. Security forces later clashed "
        "with the attackers near the village, and the army said its aircraft struck their camp. Residents "
        "said hundreds of people fled to the state capital, where officials met community leaders. "
    )
    text = (paragraph * 12)[:3000]
    doc = segment(text)
    finder(doc, [], [], [], [])
    rounds = 30
    started = time.perf_counter()
    for _ in range(rounds):
        finder(doc, [], [], [], [])
    per_article = (time.perf_counter() - started) / rounds
    print(f"\nevents stage: {per_article * 1000:.2f} ms per 3,000-character article")
    assert per_article < 0.010  # generous for a shared CI machine; ~1 ms on an idle core


# -- the whole pipeline on the seed article -------------------------------------------------------------
@pytest.mark.skipif(not SEED.exists(), reason="the seed article is not available")
def test_seed_article_events() -> None:
    from eventdesk.extract.pipeline import Extractor
    from eventdesk.records import Article

    result = Extractor()(Article(SEED.read_text(encoding="utf-8"), published=date(2021, 2, 26)))
    names = {a.id: a.name for a in result.actors}
    strikes = [e for e in result.events if e.sub_event_type == "Air/drone strike"]
    rockets = [e for e in result.events if e.sub_event_type == "Shelling/artillery/missile attack"]
    syria = [e for e in strikes if e.location and e.location.country_code == "SY"]
    if not syria or not result.actors:
        pytest.skip("an earlier stage (actors/places) is still a stub")
    assert "United States" in names.get(syria[0].actor1 or "", "")
    assert syria[0].fatalities is not None and syria[0].fatalities.max == 5
    assert any(e.date and e.date.value == "2021-02-17" for e in rockets)
    assert any(e.date and e.date.value == "2020-01" and e.date.precision == "month" for e in strikes)
    assert not any(e.location and e.location.country_code == "CN" for e in result.events)
