"""Events on wire-style articles the extractor has never been tuned on (tests/fixtures/articles/ev_*.txt).

Each fact below is what an analyst would code from the article, written down before the extractor
was run on it; one test per fact, so the pass count is the share of facts the events stage gets right.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from eventdesk import extract
from eventdesk.records import Actor, Event, Result, Span

ARTICLES = Path(__file__).parent / "fixtures" / "articles"

# Every article is dated a Friday: "on Tuesday" etc. resolve within the days before it.
PUBLISHED = {
    "ev_sahel_ambush": "2024-05-10",
    "ev_myanmar_rakhine": "2024-02-16",
    "ev_colombia_arauca": "2024-07-19",
    "ev_sudan_gezira": "2024-06-07",
    # Written after the first round of fixes, as a second held-out check.
    "ev_ukraine_odesa": "2024-09-13",
    "ev_drc_beni": "2024-10-18",
    # Police violence in South Asian wire style (written for the IndiaPoliceEvents recall work).
    "ev_india_police": "2024-03-15",
}


@cache
def result(name: str) -> Result:
    text = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
    return extract(text, published=PUBLISHED[name])


def of(r: Result, sub_event_type: str) -> list[Event]:
    return [e for e in r.events if e.sub_event_type == sub_event_type]


def one(r: Result, sub_event_type: str) -> Event | None:
    found = of(r, sub_event_type)
    return found[0] if len(found) == 1 else None


def actor(r: Result, actor_id: str | None) -> Actor | None:
    return next((a for a in r.actors if a.id == actor_id), None)


def is_named(r: Result, actor_id: str | None, name: str) -> bool:
    a = actor(r, actor_id)
    return a is not None and name.lower() in a.name.lower()


def is_forces(r: Result, actor_id: str | None, country: str) -> bool:
    """State forces (army, police) of ``country``."""
    a = actor(r, actor_id)
    return a is not None and a.kind == "state_forces" and a.country_code == country


def is_kind(r: Result, actor_id: str | None, kind: str) -> bool:
    a = actor(r, actor_id)
    return a is not None and a.kind == kind


def placed(e: Event | None, country: str, admin1: str | None = None) -> bool:
    if e is None or e.location is None or e.location.country_code != country:
        return False
    return admin1 is None or admin1.lower() in (e.location.admin1 or "").lower()


def dated(e: Event | None, value: str) -> bool:
    return e is not None and e.date is not None and e.date.value == value


def killed(e: Event | None, low: int, high: int | None = None) -> bool:
    """At least ``low`` (and at most ``high``) killed by the count's lower or upper bound."""
    if e is None or e.fatalities is None:
        return False
    n = e.fatalities.min if e.fatalities.min is not None else e.fatalities.max
    return n is not None and n >= low and (high is None or n <= high)


def hurt(e: Event | None, n: int) -> bool:
    return e is not None and e.injuries is not None and e.injuries.min == n


Fact = Callable[[Result], bool]
FAKE = Event("none", "", "", Span(0, 0, ""))  # stands in for a missing event in one-line facts

SAHEL: dict[str, Fact] = {
    "one ambush (headline and body merged)": lambda r: one(r, "Armed clash") is not None,
    "ambush by JNIM on the Malian army": lambda r: (e := one(r, "Armed clash")) is not None
    and is_named(r, e.actor1, "Nusrat") and is_forces(r, e.actor2, "ML"),
    "ambush in Mopti, Mali": lambda r: placed(one(r, "Armed clash"), "ML", "Mopti"),
    "ambush on Tuesday 2024-05-07": lambda r: dated(one(r, "Armed clash"), "2024-05-07"),
    "ambush killed 15": lambda r: killed(one(r, "Armed clash"), 15, 15),
    "ambush wounded 8": lambda r: hurt(one(r, "Armed clash"), 8),
    "one air strike, by the Malian army": lambda r: (e := one(r, "Air/drone strike")) is not None
    and is_forces(r, e.actor1, "ML"),
    "air strike killed about 30": lambda r: killed(one(r, "Air/drone strike"), 30, 30),
    "one abduction, by IS Sahel": lambda r: (e := one(r, "Abduction/forced disappearance")) is not None
    and is_named(r, e.actor1, "Islamic State Sahel"),
    "abduction on Sunday 2024-05-05 in Mali": lambda r: dated(one(r, "Abduction/forced disappearance"), "2024-05-05")
    and placed(one(r, "Abduction/forced disappearance"), "ML"),
    "three incidents in all": lambda r: len(r.events) == 3,
}

MYANMAR: dict[str, Fact] = {
    "one air strike (headline, body and 'a fighter jet dropped bombs')": lambda r: one(r, "Air/drone strike")
    is not None,
    "air strike by Myanmar's military on civilians": lambda r: (e := one(r, "Air/drone strike")) is not None
    and is_forces(r, e.actor1, "MM") and is_kind(r, e.actor2, "civilians"),
    "air strike in Rakhine": lambda r: placed(one(r, "Air/drone strike"), "MM", "Rakhine"),
    "air strike on Monday 2024-02-12 killed 17": lambda r: dated(one(r, "Air/drone strike"), "2024-02-12")
    and killed(one(r, "Air/drone strike"), 17, 17),
    "Arakan Army captured a base on Thursday 2024-02-15": lambda r: (
        e := one(r, "Non-state actor overtakes territory")
    ) is not None and is_named(r, e.actor1, "Arakan Army") and dated(e, "2024-02-15") and placed(e, "MM"),
    "PDF ambush ('they ambushed', reported by the PDF)": lambda r: (e := one(r, "Armed clash")) is not None
    and is_named(r, e.actor1, "People's Defence"),
    "PDF ambush in Sagaing on Wednesday 2024-02-14 killed 9": lambda r: placed(one(r, "Armed clash"), "MM", "Sagaing")
    and dated(one(r, "Armed clash"), "2024-02-14") and killed(one(r, "Armed clash"), 9, 9),
    "three incidents in all": lambda r: len(r.events) == 3,
}

COLOMBIA: dict[str, Fact] = {
    "one clash (headline, body and 'the fighting')": lambda r: one(r, "Armed clash") is not None,
    "clash between the ELN and Colombia's army": lambda r: (e := one(r, "Armed clash")) is not None
    and {is_named(r, e.actor1, "National Liberation Army"), is_named(r, e.actor2, "National Liberation Army")}
    == {True, False}
    and (is_forces(r, e.actor1, "CO") or is_forces(r, e.actor2, "CO")),
    "clash in Arauca": lambda r: placed(one(r, "Armed clash"), "CO", "Arauca"),
    "clash on Wednesday 2024-07-17, 4 killed and 6 wounded": lambda r: dated(one(r, "Armed clash"), "2024-07-17")
    and killed(one(r, "Armed clash"), 4, 4) and hurt(one(r, "Armed clash"), 6),
    "police arrested Clan del Golfo members": lambda r: (e := one(r, "Arrests")) is not None
    and is_forces(r, e.actor1, "CO") and is_named(r, e.actor2, "Clan del Golfo"),
    "arrests in Antioquia on Thursday 2024-07-18": lambda r: placed(one(r, "Arrests"), "CO", "Antioquia")
    and dated(one(r, "Arrests"), "2024-07-18"),
    "two incidents in all": lambda r: len(r.events) == 2,
}

SUDAN: dict[str, Fact] = {
    "one attack (headline and body merged), RSF on civilians": lambda r: (e := one(r, "Attack")) is not None
    and is_named(r, e.actor1, "Rapid Support") and is_kind(r, e.actor2, "civilians"),
    "attack in Gezira": lambda r: placed(one(r, "Attack"), "SD")
    and any(k in (one(r, "Attack").location.admin1 or "").lower() for k in ("jaz", "gezira")),  # type: ignore[union-attr]
    "attack on Wednesday 2024-06-05 killed more than 100": lambda r: dated(one(r, "Attack"), "2024-06-05")
    and killed(one(r, "Attack"), 100),
    "army shelled the RSF": lambda r: (e := one(r, "Shelling/artillery/missile attack")) is not None
    and is_forces(r, e.actor1, "SD") and is_named(r, e.actor2, "Rapid Support"),
    "shelling in Sudan killed dozens": lambda r: placed(one(r, "Shelling/artillery/missile attack"), "SD")
    and killed(one(r, "Shelling/artillery/missile attack"), 12),
    "two incidents in all (the RSF's counter-claim and the war's toll are not events)": lambda r: len(r.events) == 2,
}

UKRAINE: dict[str, Fact] = {
    "one missile strike (headline and body merged)": lambda r: one(r, "Shelling/artillery/missile attack")
    is not None,
    "missile strike by Russia's forces": lambda r: is_forces(
        r, (one(r, "Shelling/artillery/missile attack") or FAKE).actor1, "RU"
    ),
    "missile strike in Odesa province": lambda r: placed(one(r, "Shelling/artillery/missile attack"), "UA", "Odes"),
    "missile strike on Thursday 2024-09-12": lambda r: dated(one(r, "Shelling/artillery/missile attack"), "2024-09-12"),
    "missile strike killed 4 and wounded 11": lambda r: killed(one(r, "Shelling/artillery/missile attack"), 4, 4)
    and hurt(one(r, "Shelling/artillery/missile attack"), 11),
    "Russian forces' capture of a village in Donetsk is a battle": lambda r: any(
        e.event_type == "Battles" and is_forces(r, e.actor1, "RU") and placed(e, "UA", "Donets") for e in r.events
    ),
    "drones shot down by Ukraine's forces": lambda r: (e := one(r, "Disrupted weapons use")) is not None
    and is_forces(r, e.actor1, "UA"),
    "clash in Kursk on Wednesday 2024-09-11 between the two sides' forces": lambda r: any(
        e.sub_event_type == "Armed clash" and placed(e, "RU", "Kursk") and dated(e, "2024-09-11")
        and {actor(r, e.actor1).country_code, actor(r, e.actor2).country_code} == {"UA", "RU"}  # type: ignore[union-attr]
        for e in r.events if e.actor1 and e.actor2
    ),
    "arrest by Ukraine's police": lambda r: (e := one(r, "Arrests")) is not None and is_forces(r, e.actor1, "UA"),
    "arrest in Kharkiv": lambda r: placed(one(r, "Arrests"), "UA", "Khark"),
    "five incidents in all": lambda r: len(r.events) == 5,
}

DRC: dict[str, Fact] = {
    "one camp attack (headline and body merged), ADF on civilians": lambda r: (e := one(r, "Attack")) is not None
    and is_named(r, e.actor1, "Allied Democratic Forces") and is_kind(r, e.actor2, "civilians"),
    "camp attack in North Kivu killed at least 20": lambda r: placed(one(r, "Attack"), "CD", "Kivu")
    and killed(one(r, "Attack"), 20),
    "camp attack dated overnight before Thursday or the publication week": lambda r: any(
        dated(one(r, "Attack"), v) for v in ("2024-10-16", "2024-10-17", "2024-W42")
    ),
    "M23 seized Kalembe on Tuesday 2024-10-15": lambda r: (e := one(r, "Non-state actor overtakes territory"))
    is not None and is_named(r, e.actor1, "M23") and dated(e, "2024-10-15") and placed(e, "CD", "Kivu"),
    "army operation against CODECO in Ituri on Wednesday killed 12": lambda r: any(
        e.event_type == "Battles" and is_forces(r, e.actor1, "CD") and is_named(r, e.actor2, "CODECO")
        and placed(e, "CD", "Ituri") and dated(e, "2024-10-16") and killed(e, 12, 12)
        for e in r.events
    ),
    "three incidents in all (burning shelters is part of the attack)": lambda r: len(r.events) == 3,
}



def police_kill(r: Result, e: Event) -> bool:
    """An event by the police with at least one death."""
    a = actor(r, e.actor1)
    return a is not None and a.kind == "state_forces" and a.name.startswith("Police") and killed(e, 1)


INDIA_POLICE: dict[str, Fact] = {
    "police firing on the mob killed 2 (the firing, not a crowd's attack)": lambda r: any(
        police_kill(r, e) and killed(e, 2, 2) and e.event_type in ("Protests", "Violence against civilians")
        for e in r.events
    ),
    "police firing in Meerut on Thursday 2024-03-14 or that week": lambda r: any(
        police_kill(r, e) and placed(e, "IN") and (e.location.name or "").lower() == "meerut"  # type: ignore[union-attr]
        and (dated(e, "2024-03-14") or dated(e, "2024-W11"))
        for e in r.events
    ),
    "custody death in Hapur on Tuesday 2024-03-12 by the police": lambda r: any(
        police_kill(r, e) and placed(e, "IN", "Uttar Pradesh") and dated(e, "2024-03-12") for e in r.events
    ),
    "police arrested people": lambda r: (e := one(r, "Arrests")) is not None and is_named(r, e.actor1, "Police"),
    "curfew imposed": lambda r: one(r, "Other") is not None,
}

# Facts another stage gets wrong (the events stage passes on what it is given); strict, so a fix shows.
KNOWN_GAPS = {
    ("ev_sahel_ambush", "ambush wounded 8"): "casualties stage reads 'wounding eight others, two security "
    "sources said' as 10 injured",
    ("ev_ukraine_odesa", "missile strike in Odesa province"): "places stage gives the city Odesa no admin1",
    ("ev_ukraine_odesa", "arrest by Ukraine's police"): "actors stage makes 'police in Kharkiv' Russia's police",
    ("ev_india_police", "police firing in Meerut on Thursday 2024-03-14 or that week"): "places stage resolves "
    "'Kotwali police station' to Kotwali, Bangladesh, so the firing is placed there",
}

FACTS = [
    pytest.param(
        article,
        check,
        id=f"{article}: {label}",
        marks=[pytest.mark.xfail(reason=KNOWN_GAPS[article, label], strict=True)]
        if (article, label) in KNOWN_GAPS
        else [],
    )
    for article, facts in (
        ("ev_sahel_ambush", SAHEL),
        ("ev_myanmar_rakhine", MYANMAR),
        ("ev_colombia_arauca", COLOMBIA),
        ("ev_sudan_gezira", SUDAN),
        ("ev_ukraine_odesa", UKRAINE),
        ("ev_drc_beni", DRC),
        ("ev_india_police", INDIA_POLICE),
    )
    for label, check in facts.items()
]


def table(r: Result) -> str:
    names = {a.id: a.name for a in r.actors}
    return "\n".join(
        f"{e.sub_event_type} | {names.get(e.actor1 or '')} | {names.get(e.actor2 or '')} | "
        f"{e.location and (e.location.name, e.location.country_code, e.location.admin1)} | "
        f"{e.date and e.date.value} | {e.fatalities and e.fatalities.to_dict()} | {e.trigger.text!r}"
        for e in r.events
    )


@pytest.mark.parametrize(("article", "check"), FACTS)
def test_fact(article: str, check: Fact) -> None:
    r = result(article)
    assert check(r), "events found:\n" + table(r)


# -- the lead's fixtures (tests/fixtures/articles): what the events stage must code there -----------------
def test_strait_talks_codes_the_border_fighting_and_the_ceasefire() -> None:
    # Published Friday 2024-03-08; the ministers met on Thursday 2024-03-07, "two weeks after a ceasefire
    # agreement ended three days of fighting": both dated to the week of 2024-02-22 (2024-W08).
    text = (ARTICLES / "strait_talks.txt").read_text(encoding="utf-8")
    r = extract(text, published="2024-03-08")
    clash, agreement = one(r, "Armed clash"), one(r, "Agreement")
    assert clash is not None and agreement is not None, table(r)
    for e in (clash, agreement):
        assert e.date is not None and (e.date.value, e.date.precision) == ("2024-W08", "week")
        assert e.location is not None and e.location.country_code in ("AM", "AZ")  # the border, not Geneva
        sides = {actor(r, e.actor1).country_code, actor(r, e.actor2).country_code}  # type: ignore[union-attr]
        assert sides == {"AM", "AZ"}
    # Azerbaijan's accusation of a truce violation on Monday is left to the statements stage.
    assert not [e for e in r.events if e.date and e.date.value == "2024-03-04"]


def test_kaduna_headline_merges_and_the_army_is_the_striker() -> None:
    r = extract((ARTICLES / "kaduna_attack.txt").read_text(encoding="utf-8"), published="2024-03-08")
    attack = one(r, "Attack")
    assert attack is not None and placed(attack, "NG", "Kaduna"), table(r)
    assert dated(attack, "2024-03-05") and killed(attack, 12)
    strike = one(r, "Air/drone strike")
    assert strike is not None and is_forces(r, strike.actor1, "NG")
    # "said on Wednesday" dates the announcement; the strike's own day is unknown: publication week.
    assert strike.date is not None and (strike.date.value, strike.date.precision) == ("2024-W10", "week")
