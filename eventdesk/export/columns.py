"""One event as a flat row with ACLED's column names (where ACLED has the column) plus eventdesk's own.

ACLED conventions followed: ``time_precision`` 1 = the day, 2 = the week, 3 = the month or vaguer
(the date is then the middle of the period); ``geo_precision`` 1 = a town, 2 = part of a region,
3 = a province or larger; ``fatalities`` is 0 when no report gives a number (eventdesk's
``fatalities_min``/``fatalities_max`` stay empty then, so "none reported" and "zero" differ);
``interaction`` is the two inter codes, lower first (e.g. 12: state forces vs rebels). ``region``,
``admin2``, ``admin3``, ``source_scale`` and ``tags`` are empty: eventdesk does not code them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pycountry

from eventdesk.store.query import Bundle

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]  # fmt: skip
OWN_COLUMNS = ["n_sources", "fatalities_min", "fatalities_max", "confidence", "event_id"]
COLUMNS = ACLED_COLUMNS + OWN_COLUMNS

TIME_PRECISION = {"day": 1, "week": 2}  # anything vaguer: 3
GEO_PRECISION = {"point": 1, "city": 1, "admin1": 3, "country": 3}  # unknown: empty
# ACLED's inter codes by eventdesk actor kind. Armed groups default to 2 (rebel groups): eventdesk
# cannot tell rebels from political or identity militias.
INTER = {"state_forces": 1, "state": 1, "armed_group": 2, "civilians": 7, "international": 8}
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
DISORDER_BY_SUB = {  # where ACLED's disorder type follows the sub-type rather than the type
    "Mob violence": "Political violence",
    "Excessive force against protesters": "Political violence; Demonstrations",
}
NOTES_CHARS = 800


def acled_row(bundle: Bundle) -> dict[str, Any]:
    """The export row of one event (values are str, int, float or None)."""
    e = bundle.event
    country = pycountry.countries.get(alpha_2=e.country_code) if e.country_code else None
    kind1, kind2 = _kinds(bundle, e.actor1, "actor1"), _kinds(bundle, e.actor2, "actor2")
    inter1, inter2 = INTER.get(kind1 or ""), INTER.get(kind2 or "")
    day = _event_date(e.date_value, e.date_precision, e.date_start, e.date_end)
    civilian = e.event_type == "Violence against civilians" or kind2 == "civilians"
    return {
        "event_id_cnty": f"{country.alpha_3 if country else 'XXX'}{e.pk}",
        "event_date": day.isoformat() if day else None,
        "year": day.year if day else None,
        "time_precision": TIME_PRECISION.get(e.date_precision, 3),
        "disorder_type": DISORDER_BY_SUB.get(e.sub_event_type) or DISORDER.get(e.event_type),
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "actor1": e.actor1,
        "assoc_actor_1": _associated(bundle, e.actor1, "actor1"),
        "inter1": inter1,
        "actor2": e.actor2,
        "assoc_actor_2": _associated(bundle, e.actor2, "actor2"),
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civilian else None,
        "iso": int(country.numeric) if country else None,
        "region": None,
        "country": (getattr(country, "common_name", None) or country.name) if country else None,
        "admin1": e.admin1,
        "admin2": None,
        "admin3": None,
        "location": e.location,
        "latitude": e.lat,
        "longitude": e.lon,
        "geo_precision": GEO_PRECISION.get(e.geo_precision),
        "source": "; ".join(e.sources or []),
        "source_scale": None,
        "notes": _notes(bundle),
        "fatalities": e.fatalities or 0,
        "tags": None,
        "timestamp": int(e.updated_at.timestamp()) if isinstance(e.updated_at, datetime) else None,
        "n_sources": e.n_sources,
        "fatalities_min": e.fatalities_min,
        "fatalities_max": e.fatalities_max,
        "confidence": e.confidence,
        "event_id": e.event_id,
    }


def _event_date(value: str | None, precision: str, start: date | None, end: date | None) -> date | None:
    if precision == "day" and value:
        return date.fromisoformat(value)
    if start and end:  # ACLED: a vaguer date is set to the middle of its period
        return start + timedelta(days=(end - start).days // 2)
    return start


def _kinds(bundle: Bundle, name: str | None, role: str) -> str | None:
    for r in bundle.reports:
        if name and r.mention.data.get(f"{role}_name") == name:
            return r.mention.data.get(f"{role}_kind")
    return None


def _associated(bundle: Bundle, chosen: str | None, role: str) -> str | None:
    """Other names reports gave for this role (ACLED's assoc_actor: "; "-separated)."""
    others: list[str] = []
    for r in bundle.reports:
        name = getattr(r.mention, role)
        if name and name != chosen and name not in others:
            others.append(name)
    return "; ".join(others) or None


def _interaction(a: int | None, b: int | None) -> int | None:
    if a is None and b is None:
        return None
    codes = sorted(c for c in (a, b) if c is not None)
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def _notes(bundle: Bundle) -> str | None:
    """The best-scoring report's evidence text, like ACLED's one-paragraph notes."""
    if not bundle.reports:
        return None
    best = max(bundle.reports, key=lambda r: (r.mention.confidence, -r.mention.pk))
    return best.evidence[:NOTES_CHARS] or None
