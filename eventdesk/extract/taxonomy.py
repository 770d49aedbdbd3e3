"""The ACLED event taxonomy (6 event types, 25 sub-event types) and its CAMEO / PLOVER mapping.

Loaded from ``data/events/taxonomy.yaml`` and validated at load: every ACLED sub-type must be
present exactly once, CAMEO codes must be digit strings, ``suppresses`` must name known sub-types.
Build one ``Taxonomy`` per process (``EventFinder`` does) and query it; it is read-only afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from eventdesk.datafiles import LINE_KEY, fail, read_yaml

TAXONOMY_FILE = Path(__file__).parent / "data" / "events" / "taxonomy.yaml"

# ACLED's published structure. The data file must match it: a missing or misspelt sub-type is an
# error at load time rather than a silently untypeable event.
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
SUB_EVENT_TYPES: tuple[str, ...] = tuple(sub for subs in ACLED_TYPES.values() for sub in subs)

_CAMEO_CODE = re.compile(r"\d{2,4}")


@dataclass(frozen=True, slots=True)
class SubEventType:
    """One ACLED sub-event type with its parent type and its CAMEO and PLOVER codes."""

    name: str
    event_type: str
    cameo: str  # the most specific CAMEO code chosen ("195")
    plover: str  # PLOVER event name ("ASSAULT")
    plover_mode: str  # PLOVER mode ("aerial"), "" when none applies
    suppresses: frozenset[str]

    @property
    def cameo_root(self) -> str:
        """The CAMEO root code ("19"): what ``Event.cameo`` reports."""
        return self.cameo[:2]


class Taxonomy:
    """The 25 ACLED sub-event types, looked up by name."""

    def __init__(self, path: Path = TAXONOMY_FILE) -> None:
        self.path = path
        self.sub_types: dict[str, SubEventType] = _load(path)

    def __getitem__(self, sub_event_type: str) -> SubEventType:
        return self.sub_types[sub_event_type]

    def __contains__(self, sub_event_type: object) -> bool:
        return sub_event_type in self.sub_types

    def event_type(self, sub_event_type: str) -> str:
        return self.sub_types[sub_event_type].event_type


def _load(path: Path) -> dict[str, SubEventType]:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise fail(path, None, "expected a mapping of ACLED event types")
    found: dict[str, SubEventType] = {}
    for event_type, subs in data.items():
        if event_type == LINE_KEY:
            continue
        if event_type not in ACLED_TYPES:
            raise fail(path, data[LINE_KEY], f"unknown ACLED event type {event_type!r}")
        if not isinstance(subs, dict):
            raise fail(path, data[LINE_KEY], f"{event_type}: expected a mapping of sub-event types")
        for name, entry in subs.items():
            if name == LINE_KEY:
                continue
            found[name] = _sub_type(path, event_type, name, entry, subs[LINE_KEY])
    missing = [s for s in SUB_EVENT_TYPES if s not in found]
    if missing:
        raise fail(path, None, f"missing ACLED sub-event types: {missing}")
    for sub in found.values():
        unknown = sorted(sub.suppresses - set(found))
        if unknown:
            raise fail(path, None, f"{sub.name}: suppresses unknown sub-event types {unknown}")
    return found


def _sub_type(path: Path, event_type: str, name: str, entry: object, parent_line: int) -> SubEventType:
    if not isinstance(entry, dict):
        raise fail(path, parent_line, f"{name}: expected a mapping with cameo and plover")
    line = entry[LINE_KEY]
    if name not in ACLED_TYPES[event_type]:
        raise fail(path, line, f"{name!r} is not an ACLED sub-event type of {event_type!r}")
    cameo = str(entry.get("cameo", ""))
    if not _CAMEO_CODE.fullmatch(cameo):
        raise fail(path, line, f"{name}: cameo must be a 2-4 digit CAMEO code in quotes, got {cameo!r}")
    plover = entry.get("plover")
    if not isinstance(plover, str) or not plover.isupper():
        raise fail(path, line, f"{name}: plover must be an upper-case PLOVER event name")
    suppresses = entry.get("suppresses") or []
    if not isinstance(suppresses, list):
        raise fail(path, line, f"{name}: suppresses must be a list of sub-event types")
    return SubEventType(
        name=name,
        event_type=event_type,
        cameo=cameo,
        plover=plover,
        plover_mode=str(entry.get("plover_mode") or ""),
        suppresses=frozenset(suppresses),
    )
