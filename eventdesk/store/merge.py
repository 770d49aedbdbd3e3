"""Merging event mentions from different articles into one event per real-world incident.

A mention joins an existing event when four checks pass and their weighted score reaches the
threshold (rules and thresholds: ``data/merge_rules.yaml``):

- type: the same sub-event type, or a pair listed as compatible (e.g. Armed clash / Attack);
- place: same country; when both are located finer than the country, within a distance that depends
  on the coarser precision (point/city 25 km, admin1 150 km) and in the same admin1 if both name one;
  a country-only report may join a finer event in that country (only then is country-level enough);
- date: the gap between the two date intervals is within the coarser precision's slack (day 2 days,
  week 3, month: the intervals must overlap); year-precision dates never merge;
- actors: no contradicting actor1 (a different actor1 vetoes the merge). A state and its forces
  count as one actor ("Syria" = "Syrian Air Force"). For symmetric sub-types such as Armed clash,
  reports may name the sides in either order or only one side; they contradict only when together
  they name more than two sides.

Two mentions from the same article never merge by score (an article listing two attacks means two
attacks); they merge only when the article itself links them with a ``same_as`` relation.

Cost: mentions are compared only with events in the same blocks (country, group of compatible
sub-types, 7-day date block), so merging grows linearly with the number of mentions, never with all
pairs; the database side loads only the events in those blocks (an index range scan). ``Merger.assign`` is the pure,
in-memory algorithm; ``merge_mentions`` runs it incrementally against the database (loading only the
candidate events of the batch's blocks); ``unmerge`` undoes a decision.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session

from eventdesk.datafiles import fail, read_yaml
from eventdesk.records import stable_id
from eventdesk.store.models import ArticleRow, EventRow, MentionRow, RelationRow

RULES_PATH = Path(__file__).with_name("data") / "merge_rules.yaml"

GEO_RANK = {"point": 4, "city": 3, "admin1": 2, "country": 1, "unknown": 0}
DATE_RANK = {"day": 4, "week": 3, "month": 2, "year": 1, "unknown": 0}
MAX_INTERVAL_DAYS = 31  # longest mergeable date interval (a month)
# Width of a date block: a mention is compared only with events in the blocks its window touches.
BLOCK_DAYS = 7
Block = tuple[str, str, int]  # (country, type group, date block)

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_ARTICLE_WORDS = re.compile(r"^(the|a|an)\s+")


def date_interval(value: str | None) -> tuple[date, date, str] | None:
    """First day, last day and precision of an ISO value ("2021-02-17", "2021-W07", "2021-02", "2021")."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day, "day"
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6), "week"
        if m := _MONTH.match(value):
            first = date(int(m[1]), int(m[2]), 1)
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1), "month"
        if m := _YEAR.match(value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31), "year"
    except ValueError:
        return None
    return None


def normalize_actor(name: str | None) -> str | None:
    """Actor names compared case-insensitively, without a leading article."""
    if not name:
        return None
    return _ARTICLE_WORDS.sub("", name.casefold().strip()) or None


def actors_agree(a: str, b: str) -> bool:
    """Two normalized names for one actor: equal, or one's words contained in the other's."""
    if a == b:
        return True
    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa


def actor_key(name: str | None, kind: str | None, country: str | None) -> str | None:
    """What the merge compares an actor by: a state and its forces are one side ("state:SY"),
    anyone else is their normalized name."""
    if kind in ("state", "state_forces") and country:
        return f"state:{country.upper()}"
    return normalize_actor(name)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(slots=True)
class MentionView:
    """What the merge needs to know about one mention (from a fresh ``Event`` or a stored row).

    ``start``/``end`` are day ordinals of the date interval used for matching (for an undated mention,
    the week before publication); None when the mention cannot be dated at all.
    """

    key: int
    article: int
    source: str
    published: date | None
    event_type: str
    sub_event_type: str
    outlet: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: str = "unknown"
    date_value: str | None = None
    date_precision: str = "unknown"
    start: int | None = None
    end: int | None = None
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    confidence: float = 0.5
    same_as: frozenset[int] = frozenset()  # keys of mentions its own article calls the same incident
    actor1_key: str | None = None  # what actors are compared by (see ``actor_key``); None: the name
    actor2_key: str | None = None

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None and GEO_RANK[self.geo_precision] >= 2

    @property
    def match_precision(self) -> str:
        """Precision of ``start``/``end`` for matching (undated mentions count as a week)."""
        return self.date_precision if self.date_value else "week"


@dataclass(slots=True)
class Cluster:
    """An event being built: its member mentions, and ``key`` (the stored event's pk; None if new)."""

    members: list[MentionView]
    key: int | None = None
    changed: bool = False
    blocks: set[Block] = field(default_factory=set)

    def best_place(self) -> MentionView:
        """The most precise location; among equally precise ones the most reported, then the surest."""
        votes = Counter((m.location, m.geo_precision) for m in self.members)
        return max(
            self.members,
            key=lambda m: (GEO_RANK[m.geo_precision], votes[(m.location, m.geo_precision)], m.confidence, -m.key),
        )

    def best_date(self) -> MentionView:
        """The most precise date; among equally precise ones the most reported, then the surest."""
        dated = [m for m in self.members if m.start is not None]
        pool = dated or self.members
        votes = Counter(m.date_value for m in pool)
        return max(pool, key=lambda m: (DATE_RANK[m.date_precision], votes[m.date_value], m.confidence, -m.key))


@dataclass(slots=True)
class Decision:
    """Where one mention went: into ``cluster``, with ``score`` and ``reason`` (score None: new event)."""

    mention: MentionView
    cluster: Cluster
    score: float | None
    reason: str


@dataclass(frozen=True, slots=True)
class Summary:
    """The merged event's fields, chosen from its members by evidence."""

    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    country: str | None
    admin1: str | None
    location: str | None
    lat: float | None
    lon: float | None
    geo_precision: str
    date_value: str | None
    date_precision: str
    date_start: date | None
    date_end: date | None
    fatalities: int | None
    fatalities_min: int | None
    fatalities_max: int | None
    n_sources: int
    n_mentions: int
    sources: list[str]
    confidence: float


class Merger:
    """The merge rules (loaded once from ``merge_rules.yaml``) and the algorithm applying them."""

    def __init__(self, rules_path: Path = RULES_PATH) -> None:
        rules = read_yaml(rules_path)
        self._validate(rules_path, rules)
        self.threshold: float = float(rules["threshold"])
        self.weights: dict[str, float] = {k: float(v) for k, v in rules["weights"].items() if k != "__line__"}
        self.max_km: dict[str, float] = {k: float(v) for k, v in rules["max_km"].items() if k != "__line__"}
        self.max_gap: dict[str, int] = {k: int(v) for k, v in rules["max_gap_days"].items() if k != "__line__"}
        self.undated_window: int = int(rules["undated_window_days"])
        self.credible: float = float(rules["credible_confidence"])
        self.compatible_score: float = float(rules["compatible_score"])
        self.compatible: frozenset[frozenset[str]] = frozenset(frozenset(p) for p in rules["compatible"])
        self.symmetric: frozenset[str] = frozenset(rules["symmetric"])
        self._reach = max(self.max_gap.values())
        self._group = _type_groups(self.compatible)

    @staticmethod
    def _validate(path: Path, rules: Any) -> None:
        if not isinstance(rules, dict):
            raise fail(path, None, "expected a mapping of rules")
        for key in (
            "threshold",
            "weights",
            "max_km",
            "max_gap_days",
            "undated_window_days",
            "credible_confidence",
            "compatible_score",
            "compatible",
            "symmetric",
        ):
            if key not in rules:
                raise fail(path, rules.get("__line__"), f"missing rule {key!r}")
        for key in ("weights", "max_km", "max_gap_days"):
            if not isinstance(rules[key], dict):
                raise fail(path, None, f"{key} must be a mapping")
        weights = {k: v for k, v in rules["weights"].items() if k != "__line__"}
        if set(weights) != {"type", "place", "date", "actors"} or abs(sum(weights.values()) - 1) > 1e-6:
            raise fail(path, rules["weights"]["__line__"], "weights must be type/place/date/actors summing to 1")
        if set(rules["max_km"]) - {"__line__"} != {"point", "city", "admin1"}:
            raise fail(path, rules["max_km"]["__line__"], "max_km needs point, city and admin1")
        if set(rules["max_gap_days"]) - {"__line__"} != {"day", "week", "month"}:
            raise fail(path, rules["max_gap_days"]["__line__"], "max_gap_days needs day, week and month")
        if not 1 <= int(rules["undated_window_days"]) <= MAX_INTERVAL_DAYS:
            raise fail(path, rules.get("__line__"), f"undated_window_days must lie in 1..{MAX_INTERVAL_DAYS}")
        for pair in rules["compatible"]:
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
                raise fail(path, None, f"compatible: {pair!r} is not a pair of sub-event types")

    # -- matching -------------------------------------------------------------------------------

    def date_window(self, published: date | None, value: str | None) -> tuple[int, int] | None:
        """Day ordinals used for matching: the date's interval, or the week before publication."""
        interval = date_interval(value)
        if interval is not None:
            if interval[2] == "year":
                return None
            return interval[0].toordinal(), interval[1].toordinal()
        if published is not None:
            return published.toordinal() - self.undated_window + 1, published.toordinal()
        return None

    def blocks(self, m: MentionView, slack: int = 0) -> list[Block]:
        """The (country, type group, date block) cells a mention's date window (widened by
        ``slack``) touches. A type group is a set of mutually compatible sub-types, so mentions
        that could never merge on type are never compared."""
        if m.country is None or m.start is None or m.end is None:
            return []
        group = self._group.get(m.sub_event_type, m.sub_event_type)
        first, last = (m.start - slack) // BLOCK_DAYS, (m.end + slack) // BLOCK_DAYS
        return [(m.country, group, b) for b in range(first, last + 1)]

    def score(self, m: MentionView, c: Cluster) -> tuple[float, str] | None:
        """Score and explanation of ``m`` joining ``c``, or None when a hard check fails."""
        if any(x.article == m.article for x in c.members):
            return None
        type_part = self._type_score(m, c)
        if type_part is None:
            return None
        place = self._place_score(m, c)
        if place is None:
            return None
        when = self._date_score(m, c)
        if when is None:
            return None
        actors = self._actor_score(m, c)
        if actors is None:
            return None
        w = self.weights
        total = w["type"] * type_part[0] + w["place"] * place[0] + w["date"] * when[0] + w["actors"] * actors[0]
        if total < self.threshold:
            return None
        return round(total, 3), "; ".join((type_part[1], place[1], when[1], actors[1]))

    def _type_score(self, m: MentionView, c: Cluster) -> tuple[float, str] | None:
        subs = {x.sub_event_type for x in c.members}
        if m.sub_event_type in subs:
            return 1.0, "same sub-event type"
        if any(frozenset((m.sub_event_type, s)) in self.compatible for s in subs):
            return self.compatible_score, "compatible sub-event type"
        return None

    def _place_score(self, m: MentionView, c: Cluster) -> tuple[float, str] | None:
        best = c.best_place()
        if m.country != best.country:
            return None
        if m.located and best.located:
            if m.admin1 and best.admin1 and m.admin1 != best.admin1:
                return None
            coarser = min((m.geo_precision, best.geo_precision), key=GEO_RANK.__getitem__)
            limit = self.max_km[coarser]
            km = haversine_km(m.lat, m.lon, best.lat, best.lon)  # type: ignore[arg-type]
            if km > limit:
                return None
            return 0.4 + 0.6 * (1 - km / limit), f"{km:.0f} km apart (limit {limit:.0f})"
        if m.admin1 and best.admin1:
            if m.admin1 != best.admin1:
                return None
            return 0.6, f"same admin1 ({m.admin1})"
        # Country-level only: the place cannot tell incidents apart, so this part scores low and the
        # other parts must carry the match.
        return 0.3, f"same country ({m.country})"

    def _date_score(self, m: MentionView, c: Cluster) -> tuple[float, str] | None:
        best = c.best_date()
        if m.start is None or m.end is None or best.start is None or best.end is None:
            return None
        gap = max(0, max(m.start, best.start) - min(m.end, best.end))
        coarser = min((m.match_precision, best.match_precision), key=DATE_RANK.__getitem__)
        allowed = self.max_gap.get(coarser)
        if allowed is None or gap > allowed:
            return None
        score = 1.0 - gap / (allowed + 1)
        if coarser != "day":
            score *= 0.8  # a vague date agrees with many incidents: weaker evidence
        return score, ("dates overlap" if gap == 0 else f"dates {gap} day(s) apart") + f" ({coarser})"

    def _actor_score(self, m: MentionView, c: Cluster) -> tuple[float, str] | None:
        a1, a2 = m.actor1_key or normalize_actor(m.actor1), m.actor2_key or normalize_actor(m.actor2)
        firsts = {n for x in c.members if (n := x.actor1_key or normalize_actor(x.actor1))}
        seconds = {n for x in c.members if (n := x.actor2_key or normalize_actor(x.actor2))}
        if m.sub_event_type in self.symmetric:
            return self._sides_score({a for a in (a1, a2) if a}, firsts | seconds)
        if a1 and firsts and not any(actors_agree(a1, f) for f in firsts):
            return None
        if a1 and firsts:
            if a2 and seconds and not any(actors_agree(a2, s) for s in seconds):
                return 0.5, "actor1 agrees, actor2 differs"
            return 1.0, "actor1 agrees"
        return 0.5, "actor1 not named in both"

    @staticmethod
    def _sides_score(mine: set[str], theirs: set[str]) -> tuple[float, str] | None:
        """Symmetric sub-types (a clash): reports may name either side first, or one side only.
        They contradict only when together they name more than two sides."""
        if not mine or not theirs:
            return 0.5, "sides not named in both"
        sides = list(theirs)
        for name in mine:
            if not any(actors_agree(name, s) for s in sides):
                sides.append(name)
        if len(sides) > 2:
            return None
        shared = any(actors_agree(a, b) for a in mine for b in theirs)
        return (1.0, "a side agrees") if shared else (0.6, "each names a different side")

    # -- assigning ----------------------------------------------------------------------------

    def assign(self, mentions: Iterable[MentionView], clusters: Iterable[Cluster] = ()) -> list[Decision]:
        """Put each mention into the best-matching cluster (existing or made by an earlier mention).

        Mentions that cannot be placed (no country or no date) get a cluster of their own.
        Clusters that gain a member are marked ``changed``.
        """
        index: dict[Block, list[Cluster]] = {}
        for cluster in clusters:
            for member in cluster.members:
                self._index(index, cluster, member)
        decisions: list[Decision] = []
        placed: dict[int, Cluster] = {}
        for m in mentions:
            told = next((placed[k] for k in m.same_as if k in placed), None)
            if told is not None:
                # The article itself says these are one incident (a same_as relation): trust it.
                told.members.append(m)
                told.changed = True
                decisions.append(Decision(m, told, 1.0, "the same article calls it the same incident (same_as)"))
                placed[m.key] = told
                self._index(index, told, m)
                continue
            best: tuple[float, str, Cluster] | None = None
            seen: set[int] = set()
            for block in self.blocks(m, self._reach):
                for cluster in index.get(block, ()):
                    if id(cluster) in seen:
                        continue
                    seen.add(id(cluster))
                    match = self.score(m, cluster)
                    if match and (best is None or match[0] > best[0]):
                        best = (match[0], match[1], cluster)
            if best is None:
                cluster = Cluster(members=[m], changed=True)
                decisions.append(Decision(m, cluster, None, "first report of this event"))
            else:
                cluster = best[2]
                cluster.members.append(m)
                cluster.changed = True
                decisions.append(Decision(m, cluster, best[0], best[1]))
            placed[m.key] = cluster
            self._index(index, cluster, m)
        return decisions

    def _index(self, index: dict[Block, list[Cluster]], cluster: Cluster, m: MentionView) -> None:
        for block in self.blocks(m):
            if block not in cluster.blocks:
                cluster.blocks.add(block)
                index.setdefault(block, []).append(cluster)

    # -- summarizing --------------------------------------------------------------------------

    def summarize(self, members: Sequence[MentionView]) -> Summary:
        """The merged event's fields: most precise place and date, most common type and actors,
        fatalities from the most recent credible report with the range over all reports."""
        cluster = Cluster(members=list(members))
        place, when = cluster.best_place(), cluster.best_date()
        sub = _most_common([(m.sub_event_type, m.confidence) for m in members])
        event_type = next(m.event_type for m in members if m.sub_event_type == sub)
        actor1 = _most_common([(m.actor1, m.confidence) for m in members if m.actor1])
        actor2 = _most_common([(m.actor2, m.confidence) for m in members if m.actor2])
        fatalities, low, high = self._fatalities(members)
        # Count outlets by normalized name; show each as first written.
        outlets: dict[str, str] = {}
        for m in members:
            outlets.setdefault(m.source, m.outlet or m.source)
        sources = sorted(outlets.values())
        date_start = date.fromordinal(when.start) if when.start is not None else None
        date_end = date.fromordinal(when.end) if when.end is not None else None
        confidence = 1.0 - math.prod(1.0 - min(max(m.confidence, 0.0), 1.0) for m in members)
        return Summary(
            event_type=event_type,
            sub_event_type=sub or members[0].sub_event_type,
            actor1=actor1,
            actor2=actor2,
            country=place.country,
            admin1=place.admin1,
            location=place.location,
            lat=place.lat,
            lon=place.lon,
            geo_precision=place.geo_precision,
            date_value=when.date_value,
            date_precision=when.date_precision if when.date_value else "unknown",
            date_start=date_start,
            date_end=date_end,
            fatalities=fatalities,
            fatalities_min=low,
            fatalities_max=high,
            n_sources=len(sources),
            n_mentions=len(members),
            sources=sources,
            confidence=round(confidence, 3),
        )

    def _fatalities(self, members: Sequence[MentionView]) -> tuple[int | None, int | None, int | None]:
        reports = [m for m in members if m.fatalities_min is not None or m.fatalities_max is not None]
        if not reports:
            return None, None, None
        credible = [m for m in reports if m.confidence >= self.credible] or reports
        latest = max(credible, key=lambda m: (m.published or date.min, m.confidence, m.key))
        value = latest.fatalities_min if latest.fatalities_min is not None else latest.fatalities_max
        lows = [m.fatalities_min if m.fatalities_min is not None else m.fatalities_max for m in reports]
        highs = [m.fatalities_max if m.fatalities_max is not None else m.fatalities_min for m in reports]
        return value, min(x for x in lows if x is not None), max(x for x in highs if x is not None)


def _type_groups(pairs: Iterable[frozenset[str]]) -> dict[str, str]:
    """Each sub-type in a compatible pair -> a name for its connected group (union-find)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for pair in pairs:
        a, b = sorted(pair)
        parent[root(b)] = root(a)
    return {x: root(x) for x in parent}


def _most_common(values: list[tuple[str | None, float]]) -> str | None:
    """The value reported most often (by normalized form); ties go to the higher confidence."""
    if not values:
        return None
    counts = Counter(normalize_actor(v) for v, _ in values)
    best = max(values, key=lambda vc: (counts[normalize_actor(vc[0])], vc[1]))
    return best[0]


# -- the database side ------------------------------------------------------------------------


def view_of(
    row: Any,
    article: ArticleRow | None,
    merger: Merger,
    *,
    source: str | None = None,
    published: date | None = None,
) -> MentionView:
    """A ``MentionView`` of a stored mention: a ``MentionRow`` or a result row with its columns
    (``source``/``published`` given when ``article`` is not)."""
    if article is not None:
        source, published = article.source, article.published
    window = merger.date_window(published, row.date_value)
    return MentionView(
        key=row.pk,
        article=row.article_pk,
        source=(source or "").strip().casefold() or f"article {row.article_pk}",
        published=published,
        outlet=(source or "").strip() or None,
        event_type=row.event_type,
        sub_event_type=row.sub_event_type,
        actor1=row.actor1,
        actor2=row.actor2,
        actor1_key=row.actor1_key,
        actor2_key=row.actor2_key,
        country=row.country_code,
        admin1=row.admin1,
        location=row.location,
        lat=row.lat,
        lon=row.lon,
        geo_precision=row.geo_precision,
        date_value=row.date_value,
        date_precision=row.date_precision,
        start=window[0] if window else None,
        end=window[1] if window else None,
        fatalities_min=row.fatalities_min,
        fatalities_max=row.fatalities_max,
        confidence=row.confidence,
    )


def merge_mentions(session: Session, rows: Sequence[MentionRow], merger: Merger) -> list[Decision]:
    """Merge freshly stored (flushed) mentions into the events table, incrementally.

    Loads only the events in the blocks the new mentions touch (one query per country), then
    creates or updates event rows and links each mention with its score and reason.
    """
    if not rows:
        return []
    article_pks = {r.article_pk for r in rows}
    articles = {a.pk: a for a in session.scalars(select(ArticleRow).where(ArticleRow.pk.in_(article_pks)))}
    views = [view_of(r, articles[r.article_pk], merger) for r in rows]
    by_key = {r.pk: r for r in rows}
    _link_same_as(session, views, by_key, article_pks)
    clusters = _candidate_clusters(session, views, merger)
    decisions = merger.assign(views, clusters)
    _write_clusters(session, decisions, by_key, merger)
    return decisions


def _link_same_as(
    session: Session, views: list[MentionView], rows: dict[int, MentionRow], article_pks: set[int]
) -> None:
    """Fill ``same_as`` from the batch's same_as relations (both directions)."""
    query = select(RelationRow.source_mention, RelationRow.target_mention).where(
        RelationRow.kind == "same_as", RelationRow.article_pk.in_(article_pks)
    )
    pairs = list(session.execute(query))
    if not pairs:
        return
    key_of = {r.mention_id: pk for pk, r in rows.items()}
    links: dict[int, set[int]] = {}
    for source, target in pairs:
        a, b = key_of.get(source), key_of.get(target)
        if a is not None and b is not None and a != b:
            links.setdefault(a, set()).add(b)
            links.setdefault(b, set()).add(a)
    for view in views:
        if view.key in links:
            view.same_as = frozenset(links[view.key])


def _candidate_clusters(session: Session, views: list[MentionView], merger: Merger) -> list[Cluster]:
    """Stored events sharing a block with any of ``views``, with their members."""
    windows: dict[str, tuple[int, int]] = {}
    for v in views:
        if v.country is None or v.start is None or v.end is None:
            continue
        lo, hi = windows.get(v.country, (v.start, v.end))
        windows[v.country] = (min(lo, v.start), max(hi, v.end))
    if not windows:
        return []
    reach = merger._reach  # stored events carry their chosen date interval: no block rounding
    # The lower bound on date_start is what keeps this an index range scan of a few weeks rather
    # than of the country's whole history. An event's interval is at most a month long (year-
    # precision dates never merge).
    conditions = [
        and_(
            EventRow.country_code == country,
            EventRow.date_start >= date.fromordinal(lo - reach - MAX_INTERVAL_DAYS),
            EventRow.date_start <= date.fromordinal(hi + reach),
            EventRow.date_end >= date.fromordinal(lo - reach),
        )
        for country, (lo, hi) in windows.items()
    ]
    event_pks = list(session.scalars(select(EventRow.pk).where(or_(*conditions))))
    if not event_pks:
        return []
    members: dict[int, list[MentionView]] = {}
    for row in session.execute(_members_query(MentionRow.event_pk.in_(event_pks))):
        view = view_of(row, None, merger, source=row.source, published=row.published)
        members.setdefault(row.event_pk, []).append(view)
    return [Cluster(members=ms, key=pk) for pk, ms in members.items()]


# Only the columns a MentionView needs (not the JSON): loading candidates is the merge's main cost.
_VIEW_COLUMNS = (
    MentionRow.pk, MentionRow.article_pk, MentionRow.event_pk, MentionRow.event_type,
    MentionRow.sub_event_type, MentionRow.actor1, MentionRow.actor2, MentionRow.actor1_key,
    MentionRow.actor2_key, MentionRow.country_code,
    MentionRow.admin1, MentionRow.location, MentionRow.lat, MentionRow.lon, MentionRow.geo_precision,
    MentionRow.date_value, MentionRow.date_precision, MentionRow.fatalities_min, MentionRow.fatalities_max,
    MentionRow.confidence, ArticleRow.source, ArticleRow.published,
)  # fmt: skip


def _members_query(where: ColumnElement[bool]) -> Select[Any]:
    return select(*_VIEW_COLUMNS).join(ArticleRow, ArticleRow.pk == MentionRow.article_pk).where(where)


def _write_clusters(session: Session, decisions: list[Decision], rows: dict[int, MentionRow], merger: Merger) -> None:
    now = datetime.now()
    new_rows: dict[int, EventRow] = {}
    changed: dict[int, Cluster] = {}
    for d in decisions:
        changed[id(d.cluster)] = d.cluster
    existing = [c.key for c in changed.values() if c.key is not None]
    stored = {e.pk: e for e in session.scalars(select(EventRow).where(EventRow.pk.in_(existing)))} if existing else {}
    for cluster in changed.values():
        summary = merger.summarize(cluster.members)
        if cluster.key is None:
            first = rows[cluster.members[0].key]
            event = EventRow(
                event_id=stable_id("evt", first.mention_id),
                sources=[],
                updated_at=now,
                geo_precision="unknown",
                date_precision="unknown",
                event_type="",
                sub_event_type="",
                confidence=0.0,
            )
            session.add(event)
            new_rows[id(cluster)] = event
        else:
            event = stored[cluster.key]
        apply_summary(event, summary, now)
    if new_rows:
        session.flush()
    for d in decisions:
        row = rows[d.mention.key]
        event = new_rows.get(id(d.cluster))
        row.event_pk = event.pk if event is not None else d.cluster.key
        row.merge_score = d.score
        row.merge_reason = d.reason


def apply_summary(event: EventRow, s: Summary, now: datetime) -> None:
    """Copy a ``Summary`` onto an event row."""
    event.event_type = s.event_type
    event.sub_event_type = s.sub_event_type
    event.actor1 = s.actor1
    event.actor2 = s.actor2
    event.country_code = s.country
    event.admin1 = s.admin1
    event.location = s.location
    event.lat = s.lat
    event.lon = s.lon
    event.geo_precision = s.geo_precision
    event.date_value = s.date_value
    event.date_precision = s.date_precision
    event.date_start = s.date_start
    event.date_end = s.date_end
    event.fatalities = s.fatalities
    event.fatalities_min = s.fatalities_min
    event.fatalities_max = s.fatalities_max
    event.n_sources = s.n_sources
    event.n_mentions = s.n_mentions
    event.sources = s.sources
    event.confidence = s.confidence
    event.updated_at = now


def refresh_event(session: Session, event: EventRow, merger: Merger) -> bool:
    """Recompute an event from its members; deletes it and returns False when none remain."""
    rows = session.execute(_members_query(MentionRow.event_pk == event.pk))
    members = [view_of(r, None, merger, source=r.source, published=r.published) for r in rows]
    if not members:
        session.delete(event)
        return False
    apply_summary(event, merger.summarize(members), datetime.now())
    return True


def unmerge(session: Session, mention_id: str, merger: Merger) -> EventRow:
    """Undo a merge: move mention ``mention_id`` out of its event into a new event of its own.

    The old event is recomputed from its remaining members. Returns the new event. Raises
    ``KeyError`` when no such mention exists.
    """
    row = session.scalar(select(MentionRow).where(MentionRow.mention_id == mention_id))
    if row is None:
        raise KeyError(mention_id)
    old = session.get(EventRow, row.event_pk) if row.event_pk is not None else None
    event = EventRow(
        event_id=stable_id("evt", row.mention_id, "split"),
        sources=[],
        updated_at=datetime.now(),
        geo_precision="unknown",
        date_precision="unknown",
        event_type="",
        sub_event_type="",
        confidence=0.0,
    )
    session.add(event)
    session.flush()
    row.event_pk = event.pk
    row.merge_score = None
    row.merge_reason = "split from its event by unmerge"
    session.flush()
    refresh_event(session, event, merger)
    if old is not None:
        refresh_event(session, old, merger)
    return event
