"""Times: date and time expressions normalized TimeML-style against anchors and the publication date.

One compiled regular expression (built at construction from ``data/times/vocabulary.yaml``) finds
every candidate in a single pass; pure-Python date arithmetic then gives each a TIMEX3 value. The
rules follow HeidelTime's news strategy:

* Absolute dates ("February 19, 2021", "19 Feb 2021", "2021-02-19", "January 2020", "2015") need no
  anchor.
* Relative expressions ("two days ago", "on Monday", "last week", "Feb. 19", "10 a.m.") are resolved
  against the nearest explicit day-precision date in the same sentence when there is one ("taken on
  February 19, 2021 ... two days ago" -> 2021-02-17), else against the publication date. With no
  publication date they get ``value=None``, ``precision="unknown"`` and a low confidence: never today.
* Weekdays and year-less months mean the most recent such day/month on or before the anchor, unless
  the clause speaks of the future ("will", "next", "scheduled", ...), then the next one on or after.

Values and precisions (``precision`` is the granularity of ``value``):

* day: ``2021-02-17``; with a part of day ``2021-02-16TNI`` or a clock time ``2021-02-19T10:00``
  (both ``type="time"``).
* week: ``2021-W07``, a weekend ``2021-W07-WE``.
* month: ``2021-02``.
* year: ``2021``, and sub-year periods that have no precision of their own: quarters ``2021-Q1``,
  seasons ``2021-SU``.
* unknown: decades (``199``), TimeML references (``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``),
  durations (``P3D``, ``PXY``; ``type="duration"``), sets (``P1W``; ``type="set"``), unresolved ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from eventdesk.datafiles import LINE_KEY, fail, read_yaml
from eventdesk.extract.segment import Doc
from eventdesk.records import Precision, TimeExpr, stable_id
from eventdesk.settings import Settings

DATA = Path(__file__).parent / "data" / "times" / "vocabulary.yaml"

# How sure we are, by how the value was obtained.
CONF_ABSOLUTE = 0.95
CONF_ANCHORED = 0.85
CONF_TENSE = 0.75  # the year or the direction (past/future) came from the tense heuristic
CONF_VAGUE = 0.6
CONF_UNANCHORED = 0.3  # a relative expression without any anchor: value None

_MODIFIERS = r"early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|end\s+of"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
# Word tokens for the trigger scan; a year and its "s" ("1990s") are two tokens, which is fine.
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_NUMBER_GLUE = frozenset(",.:/-")
# What follows a number: punctuation inside a date/time/range ("7/8", "16:00", "2.5", "20-25",
# "1st", "1990s"), or the next word.
_AFTER_NUMBER = re.compile(r"(?:[-/:.–]\d|(?:st|nd|rd|th|s)\b)|[ \t\xa0-]*(?P<word>[A-Za-z][A-Za-z.']*)")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_DAY_BLOCKERS = frozenset("after before of when that which on in before following earlier later".split())
# Words of the fixed patterns (modifiers, determiners) that may precede a trigger word.
_PREFIX_WORDS = """
    the this last next past previous coming following over nearly almost more less than about around some at least
    early mid late end beginning start middle of earlier later and half first second third fourth final
    twenty thirty forty fifty sixty seventy eighty ninety straight consecutive trading business working full whole
    long in right very each every per
"""
# How many words (and characters) before a trigger an expression may start: "more than two and a
# half years".
_LOOKBACK = 6
_LOOKBACK_CHARS = 60
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”]")
# An amount right before "a year" makes it a frequency: "15 a year", "twice a year", "$5bn a year".
_AMOUNT_BEFORE = re.compile(r"(?:\d|\bonce|\btwice|\btimes|illion|bn|\bm)(?:\s+[A-Za-z]+)?\s*$")
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The validated contents of ``vocabulary.yaml`` (keys lower-cased except months/weekdays)."""

    months: dict[str, int]
    ambiguous_months: frozenset[str]
    month_cues: frozenset[str]
    weekdays: dict[str, int]
    named_day_prefixes: frozenset[str]
    numbers: dict[str, int]
    vague_numbers: frozenset[str]
    units: dict[str, str]
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    deictic: dict[str, dict[str, Any]]
    future_cues: tuple[str, ...]
    past_cues: frozenset[str]
    participle_auxiliaries: frozenset[str]
    sets: dict[str, str]


TimeType = Literal["date", "time", "duration", "set"]


@dataclass(frozen=True, slots=True)
class _Value:
    """A resolved expression before it becomes a ``TimeExpr``."""

    value: str | None
    precision: Precision
    confidence: float
    type: TimeType = "date"


class TimeFinder:
    """Finds every date/time expression of an article; build once, call per article."""

    def __init__(self, settings: Settings, path: Path = DATA) -> None:
        self.settings = settings
        self.vocab = load_vocabulary(path)
        self.pattern = build_pattern(self.vocab)
        self.future = re.compile(
            r"(?i)(?<![\w'])(?:" + "|".join(_phrase(c) for c in _longest_first(self.vocab.future_cues)) + r")\b"
        )
        self.triggers = _trigger_words(self.vocab)
        self.trigger = _trigger_pattern(self.triggers, frozenset(self.vocab.months) | frozenset(self.vocab.weekdays))
        self.prefixes = _prefix_words(self.vocab)
        self.number_followers = _number_followers(self.vocab)

    def __call__(self, doc: Doc, published: date | None) -> list[TimeExpr]:
        """Every expression in ``doc``, in text order; ``published`` anchors relative ones."""
        matches = self._scan(doc.text)
        anchors = self._sentence_anchors(doc, matches)
        found: list[TimeExpr] = []
        clocks: dict[int, str] = {}
        last_day: date | None = None  # the latest day date found: "the same day" refers to it
        for m in matches:
            anchor, from_sentence = _nearest_anchor(anchors.get(doc.sentence_index(m.start()), []), m, published)
            if last_day is not None and m.lastgroup == "deictic" and self._anaphoric(m):
                anchor, from_sentence = last_day, True
            resolved = self._resolve(doc, m, anchor)
            if resolved is None:
                continue
            found.append(_expression(doc, m, resolved, from_sentence))
            if m.lastgroup == "clock":
                clocks[len(found) - 1] = _clock_value(m)
            elif resolved.precision == "day" and resolved.value and resolved.type == "date":
                last_day = date.fromisoformat(resolved.value[:10])
        _date_clocks(doc, found, clocks)
        return _merge_time_with_date(doc, found)

    def _sentence_anchors(self, doc: Doc, matches: list[re.Match[str]]) -> dict[int, list[tuple[int, date]]]:
        """Explicit day dates with a year, by sentence index: they anchor their sentence's relative
        expressions ("taken on February 19, 2021 ... two days ago")."""
        anchors: dict[int, list[tuple[int, date]]] = {}
        for m in matches:
            if m.lastgroup in ("iso", "slash", "mdy", "dmy"):
                day = self._explicit_day(m)
                if day is not None:
                    anchors.setdefault(doc.sentence_index(m.start()), []).append((m.start(), day))
        return anchors

    def _scan(self, text: str) -> list[re.Match[str]]:
        """Every accepted expression, left to right, without overlaps.

        Running the big pattern at every character is ~10x too slow, so it is only tried where a
        trigger stands (a number, a month, a weekday, a unit, a deictic word; found by one
        prefix-tree regex): anchored at the trigger or at one of the few words before it (for "the
        past nine days", "early June"), earliest start first, so the longest reading wins.
        """
        prefixes, weekdays = self.prefixes, self.vocab.weekdays
        found: list[re.Match[str]] = []
        last_end = 0
        for trigger in self.trigger.finditer(text):
            start = trigger.start()
            if start < last_end:
                continue
            if text[start].isdigit() and not self._date_number(text, start, trigger.end()):
                continue
            starts = [start]
            window = max(last_end, start - _LOOKBACK_CHARS)
            before = [(w.start(), w.group()) for w in _TOKEN.finditer(text, window, start)]
            if before and before[0][0] == window > 0 and text[window - 1].isalnum():
                before.pop(0)  # a word cut by the window's edge
            for position, word in reversed(before[-_LOOKBACK:]):
                if not (word[0].isdigit() or word.lower() in prefixes or word in weekdays):
                    break
                starts.insert(0, position)
            if start > last_end and text[start - 1] == "'":
                starts.insert(len(starts) - 1, start - 1)  # '82, the '70s
            for position in starts:
                m = self.pattern.match(text, position)
                if m and m.end() > start and self._accept(text, m):
                    found.append(m)
                    last_end = m.end()
                    break
        return found

    def _date_number(self, text: str, start: int, end: int) -> bool:
        """Whether the number text[start:end] can be part of a date, time or duration; a cheap test
        that spares the big pattern the many amounts, prices and scores of news text."""
        if start > 1 and text[start - 1] in _NUMBER_GLUE and text[start - 2].isdigit():
            return False  # the "500" of "2,500" or "3.5"
        digits = end - start
        if digits == 4 and 1500 <= int(text[start:end]) <= 2099:
            return True  # a year, "the 1990s"
        if digits > 4 or (start and text[start - 1] == "'"):
            return digits == 2  # '82
        after = _AFTER_NUMBER.match(text, end)
        if after is None:
            return False
        word = after.group("word")
        if word is None:
            return digits <= 2  # 7/8/20, 16:00, 1st, 2.5, 20-25
        return word.lower().rstrip(".") in self.number_followers

    # -- filtering -------------------------------------------------------------------------------

    def _accept(self, text: str, m: re.Match[str]) -> bool:
        """Drop matches that are more likely something else than a date."""
        kind = m.lastgroup
        if kind == "month":
            name = m.group("mo_m")
            if m.group("mo_y") or m.group("mo_rel") or m.group("mo_mod"):
                return True
            if name not in self.vocab.ambiguous_months and len(name) > 4:
                return True
            before = _word_before(text, m.start())
            return before in self.vocab.month_cues and len(name) > 3
        if kind == "weekday" and not m.group("wd_det"):
            before = re.search(r"([A-Z][a-z]+)\s+$", text[max(0, m.start() - 12) : m.start()])
            return not (before and before.group(1) in self.vocab.named_day_prefixes)  # "Black Monday"
        if kind == "deictic" and m.group("deictic").lower().endswith(" day"):
            # "the day after the attack", "the day of the vote", "the day when ...": not the anchor's day.
            return _word_after(text, m.end()) not in _DAY_BLOCKERS
        if kind == "duration" and m.group("du_u").lower() == "second":
            # "a second attack": the ordinal, not a second of time
            return (m.group("du_n") or "").lower() not in ("a", "an")
        if kind == "set" and m.group("set").lower().startswith(("a ", "a\t")):
            # "a year" is a frequency only after an amount: "15 a year", "twice a year", "$5bn a year".
            return _AMOUNT_BEFORE.search(text, max(0, m.start() - 30), m.start()) is not None
        # "fall" is a season only with a determiner or a year: "last fall", "the fall of 2011".
        is_bare_fall = kind == "season" and m.group("se_s").lower() == "fall"
        return not (is_bare_fall and not (m.group("se_det") or m.group("se_y")))

    # -- resolution ------------------------------------------------------------------------------

    def _explicit_day(self, m: re.Match[str]) -> date | None:
        """The date of an absolute day expression that carries its year, else None."""
        kind = m.lastgroup
        if kind == "iso":
            return _safe_date(int(m.group("iso_y")), int(m.group("iso_m")), int(m.group("iso_d")))
        if kind == "slash":
            return _slash_date(m)
        if kind in ("mdy", "dmy"):
            p = "md" if kind == "mdy" else "dm"
            year = m.group(f"{p}_y")
            if year:
                return _safe_date(int(year), self.vocab.months[m.group(f"{p}_m")], int(m.group(f"{p}_d")))
        return None

    def _resolve(self, doc: Doc, m: re.Match[str], anchor: date | None) -> _Value | None:
        kind = m.lastgroup
        handler = getattr(self, f"_r_{kind}")
        return handler(doc, m, anchor)

    def _tense(self, doc: Doc, m: re.Match[str]) -> str | None:
        """The tense of the clause around ``m``: "future", "past" or None (HeidelTime's heuristic).

        The clause is approximated by the text between the nearest punctuation marks around ``m``
        (within its sentence, at most ~150 characters before and 60 after), so in "The talks will
        resume Friday, officials said on Tuesday" Tuesday is past. The nearest cue wins: "Apple
        announced Friday that it will ..." is past.
        """
        text = doc.text
        sentence = doc.sentence_at(m.start())
        lo = max(sentence.start, m.start() - 150)
        hi = min(sentence.end, m.end() + 60)
        before = _CLAUSE_BREAK.search(text[lo : m.start()][::-1])
        if before:
            lo = m.start() - before.start()
        after = _CLAUSE_BREAK.search(text, m.end(), hi)
        if after:
            hi = after.start()
        best: tuple[int, str] | None = None
        for cue in self.future.finditer(text, lo, hi):
            best = _closer(best, _distance(cue.start(), cue.end(), m), "future")
        previous = ""
        for word in _WORD.finditer(text, lo, hi):
            if m.start() <= word.start() < m.end():
                continue
            token = word.group().lower()
            is_past = token in self.vocab.past_cues or (token.endswith("ed") and len(token) > 4)
            if is_past and previous not in self.vocab.participle_auxiliaries:
                best = _closer(best, _distance(word.start(), word.end(), m), "past")
            previous = token
        return best[1] if best else None

    def _future(self, doc: Doc, m: re.Match[str]) -> bool:
        return self._tense(doc, m) == "future"

    def _r_iso(self, doc: Doc, m: re.Match[str], anchor: date | None) -> _Value | None:
        day = self._explicit_day(m)
        return _Value(day.isoformat(), "day", CONF_ABSOLUTE) if day else None

    _r_slash = _r_iso

    def _r_mdy(self, doc: Doc, m: re.Match[str], anchor: date | None) -> _Value | None:
        return self._month_day(doc, m, anchor, "md")

    def _r_dmy(self, doc: Doc, m: re.Match[str], anchor: date | None) -> _Value | None:
        return self._month_day(doc, m, anchor, "dm")

    def _month_day(self, doc: Doc, m: re.Match[str], anchor: date | None, p: str) -> _Value | None:
        month, day = self.vocab.months[m.group(f"{p}_m")], int(m.group(f"{p}_d"))
        if not 1 <= day <= 31:
            return None
        if m.group(f"{p}_y"):
            found = _safe_date(int(m.group(f"{p}_y")), month, day)
            return _Value(found.isoformat(), "day", CONF_ABSOLUTE) if found else None
        if anchor is None:
            return _Value(None, "unknown", CONF_UNANCHORED)
        tense = self._tense(doc, m)
        year = anchor.year
        candidate = _safe_date(year, month, day) or _safe_date(year, month, 28)
        if candidate is None:
            return None
        if tense == "future" and candidate < anchor:
            year += 1
        elif tense == "past" and candidate > anchor:
            year -= 1
        found = _safe_date(year, month, day)
        return _Value(found.isoformat(), "day", CONF_TENSE) if found else None

    def _r_month(self, doc: Doc, m: re.Match[str], anchor: date | None) -> _Value | None:
        month = self.vocab.months[m.group("mo_m")]
        if m.group("mo_y"):
            return _Value(f"{m.group('mo_y')}-{month:02d}", "month", CONF_ABSOLUTE)
        if anchor is None:
            return _Value(None, "unknown", CONF_UNANCHORED)
        det = (m.group("mo_det") or "").lower()
        year = anchor.year
        if m.group("mo_rel"):  # "October of next year"
            year += {"last": -1, "next": 1}.get(m.group("mo_rel").lower(), 0)
            return _Value(f"{year}-{month:02d}", "month", CONF_ANCHORED)
        if det == "last":
            year = year if month < anchor.month else year - 1
        elif det == "next":
            year = year if month > anchor.month else year + 1
        elif det != "this":
            tense = self._tense(doc, m)
            if tense == "future" and month < anchor.month:
                year += 1
            elif tense == "past" and month > anchor.month:
                year -= 1
        return _Value(f"{year}-{month:02d}", "month", CONF_TENSE)

    def _r_quarter(self, doc: Doc, m: re.Match[str], anchor: date | None) -> _Value | None:
        ordinal = m.group("q_ord").lower()
        if m.group("q_y"):
            quarter = _ORDINALS.get(ordinal, 4)
            return _Value(f"{m.group('q_y')}-Q{quarter}", "year", CONF_ABSOLUTE)
        if anchor is None:
            return _Value(None, "unknown", CONF_UNANCHORED)
        current = (anchor.month - 1) // 3 + 1
        year = anchor.year + {"last": -1, "next": 1}.get((m.group("q_rel") or "").lower(), 0)
        if ordinal == "last" and not m.group("q_rel"):
            quarter, year = (current - 1, year) if current > 1 else (4, year - 1)
            return _Value(f"{year}-Q{quarter}", "year", CONF_TENSE)
        quarter = _ORDINALS.get(ordinal, 4)
        if not m.group("q_rel") and quarter > current and self._tense(doc, m) == "past":
            year -= 1
        return _Value(f"{year}-Q{quarter}", "year", CONF_TENSE)

    def _r_year(self, doc: Doc, m: re.Match[str], anchor: date | None) -> _Value | None:
        return _Value(m.group("y_y"), "year", CONF_ABSOLUTE if not m.group("y_mod") else CONF_ANCHORED)

    def _r_shortyear(self, doc: Doc, m: re.Match[str], anchor: date | None) -> _Value | None:
        """'82 -> 1982: the century that puts the year nearest the anchor (1900s without one)."""
        two = int(m.group("sy_y"))
        reference = anchor.year if anchor else 1950
        year = min((c + two for c in (1900, 2000, 2100)), key=lambda y: abs(y - reference))
        return _Value(str(year), "year", CONF_VAGUE)

    def _r_decade(self, doc: Doc, m: re.Match[str], anchor: date | None) -> _Value | None:
        digits = m.group("dc_y")
        if len(digits) == 2:
            digits = ("20" if anchor and int(digits) <= anchor.year % 100 - 10 else "19") + digits
        return _Value(digits[:3], "unknown", CONF_ANCHORED)

    def _r_relative(self, doc: Doc, m: re.Match[str], anchor: date | None) -> _Value | None:
        """this/last/next/earlier this ... week|weekend|month|year|quarter."""
        if anchor is None:
            return _Value(None, "unknown", CONF_UNANCHORED)
        det = re.sub(r"\s+", " ", m.group("rl_det").lower())
        unit = m.group("rl_u").lower()
        step = -1 if det in ("last", "past", "previous", "the last", "the previous", "the past") else 0
        if det in ("next", "coming", "the next", "the coming", "following", "the following"):
            step = 1
        return _shift_unit(anchor, unit, step, self._future(doc, m))

    def _r_weekday(self, doc: Doc, m: re.Match[str], anchor: date | None) -> _Value | None:
        part = m.group("wd_part")
        kind = "time" if part else "date"
        if anchor is None:
            return _Value(None, "unknown", CONF_UNANCHORED, kind)
        weekday = self.vocab.weekdays[m.group("wd_d")]
        det = (m.group("wd_det") or "").lower()
        back = (anchor.isoweekday() - weekday) % 7
        if det == "last" or det == "past":
            day = anchor - timedelta(days=back or 7)
        elif det in ("next", "coming"):
            day = anchor + timedelta(days=(weekday - anchor.isoweekday()) % 7 or 7)
        elif det == "this" or self._future(doc, m):
            day = anchor + timedelta(days=(weekday - anchor.isoweekday()) % 7)
        else:
            day = anchor - timedelta(days=back)
        value = day.isoformat()
        if part:
            value += "T" + self.vocab.parts_of_day[part.lower()]
        return _Value(value, "day", CONF_TENSE, kind)

    def _r_clock(self, doc: Doc, m: re.Match[str], anchor: date | None) -> _Value | None:
        if anchor is None:
            return _Value(None, "unknown", CONF_UNANCHORED, "time")
        return _Value(f"{anchor.isoformat()}T{_clock_value(m)}", "day", CONF_TENSE, "time")

    def _r_ago(self, doc: Doc, m: re.Match[str], anchor: date | None) -> _Value | None:
        amount = self._amount(m.group("ag_n"))
        unit = self.vocab.units[_singular(m.group("ag_u").lower())]
        if anchor is None or amount is None or amount != int(amount):
            return _Value(None, "unknown", CONF_UNANCHORED)
        n = int(amount)
        if unit in ("D", "W", "2W"):
            days = n * {"D": 1, "W": 7, "2W": 14}[unit]
            return _Value((anchor - timedelta(days=days)).isoformat(), "day", CONF_ANCHORED)
        if unit == "M":
            return _Value(_month_value(anchor.year, anchor.month - n), "month", CONF_ANCHORED)
        if unit.endswith("Y"):
            years = n * int(unit[:-1] or 1)
            return _Value(str(anchor.year - years), "year", CONF_ANCHORED)
        return _Value(None, "unknown", CONF_VAGUE)

    def _r_duration(self, doc: Doc, m: re.Match[str], anchor: date | None) -> _Value | None:
        raw = m.group("du_n")
        unit = self.vocab.units[_singular(m.group("du_u").lower())]
        bare = raw and raw.lower() in ("a", "an") and m.end() - m.start() == len(raw) + 1 + len(m.group("du_u"))
        if bare and _AMOUNT_BEFORE.search(doc.text, max(0, m.start() - 30), m.start()):
            return _Value(_duration_value(1, unit), "unknown", CONF_ANCHORED, "set")
        amount = self._amount(raw) if raw else None
        return _Value(_duration_value(amount, unit), "unknown", CONF_ANCHORED if amount else CONF_VAGUE, "duration")

    def _r_duration2(self, doc: Doc, m: re.Match[str], anchor: date | None) -> _Value | None:
        years = 100 if m.group("du2_u").lower() == "century" else 10
        return _Value(f"P{years}Y", "unknown", CONF_ANCHORED, "duration")

    def _anaphoric(self, m: re.Match[str]) -> bool:
        return bool(self.vocab.deictic[re.sub(r"\s+", " ", m.group("deictic").lower())].get("anaphoric"))

    def _r_deictic(self, doc: Doc, m: re.Match[str], anchor: date | None) -> _Value | None:
        entry = self.vocab.deictic[re.sub(r"\s+", " ", m.group("deictic").lower())]
        if "ref" in entry:
            return _Value(entry["ref"], "unknown", CONF_VAGUE)
        part = entry.get("part")
        kind = "time" if part else "date"
        if anchor is None:
            return _Value(None, "unknown", CONF_UNANCHORED, kind)
        value = (anchor + timedelta(days=int(entry["days"]))).isoformat()
        return _Value(value + (f"T{part}" if part else ""), "day", CONF_ANCHORED, kind)

    def _r_weekend(self, doc: Doc, m: re.Match[str], anchor: date | None) -> _Value | None:
        if anchor is None:
            return _Value(None, "unknown", CONF_UNANCHORED)
        det = m.group("we_det").lower()
        if det == "last" or (det == "the" and anchor.isoweekday() < 6 and self._tense(doc, m) == "past"):
            anchor -= timedelta(days=7)
        elif det == "next":
            anchor += timedelta(days=7)
        year, week, _ = anchor.isocalendar()
        return _Value(f"{year}-W{week:02d}-WE", "week", CONF_TENSE)

    def _r_season(self, doc: Doc, m: re.Match[str], anchor: date | None) -> _Value | None:
        code = self.vocab.seasons[m.group("se_s").lower()]
        if m.group("se_y"):
            return _Value(f"{m.group('se_y')}-{code}", "year", CONF_ABSOLUTE)
        if anchor is None:
            return _Value(None, "unknown", CONF_UNANCHORED)
        year = anchor.year + {"last": -1, "next": 1}.get((m.group("se_det") or "").lower(), 0)
        return _Value(f"{year}-{code}", "year", CONF_VAGUE)

    def _r_set(self, doc: Doc, m: re.Match[str], anchor: date | None) -> _Value | None:
        value = self.vocab.sets[re.sub(r"\s+", " ", m.group("set").lower())]
        return _Value(value, "unknown", CONF_ANCHORED, "set")

    def _amount(self, raw: str) -> float | None:
        """The number in "two", "twenty-five", "2.5", "two and a half"; None for vague amounts."""
        raw = re.sub(r"\s+", " ", raw.lower().strip())
        half = 0.0
        if raw.endswith(" and a half"):
            raw, half = raw[: -len(" and a half")], 0.5
        if raw in self.vocab.vague_numbers:
            return None
        if re.fullmatch(r"\d+(?:\.\d+)?", raw):
            return float(raw) + half
        if raw in self.vocab.numbers:
            return self.vocab.numbers[raw] + half
        tens, _, ones = raw.partition("-")
        if tens in self.vocab.numbers and ones in self.vocab.numbers:
            return self.vocab.numbers[tens] + self.vocab.numbers[ones] + half
        return None


# -- pattern ---------------------------------------------------------------------------------------


def build_pattern(v: Vocabulary) -> re.Pattern[str]:
    """One regex whose alternatives are named after the ``TimeFinder._r_<name>`` resolver.

    Order matters: at a given position the first alternative that matches wins, so longer forms come
    first ("February 19, 2021" before "February 2021" before "2021").
    """
    month = _alt(v.months, case=True)
    weekday = _alt(v.weekdays, case=True)
    number = _number_pattern(v)
    vague = _alt(v.vague_numbers)
    units = r"(?:" + _alt(v.units) + r")s?|centuries"
    parts = _alt(v.parts_of_day)
    seasons = _alt(v.seasons)
    deictic = _alt(v.deictic)
    sets = _alt(v.sets)
    day = r"(?:[0-2]?\d|3[01])"
    # The period of an abbreviated month ("Feb. 19"), never a sentence's final period after "May".
    abbrev_dot = r"(?:(?<=\b[A-Z][a-z]{2})(?<!May)\.|(?<=\bSept)\.)?"
    alternatives = [
        rf"(?P<iso>\b(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>[0-2]\d|3[01])\b)",
        r"(?P<slash>\b(?P<sl_a>\d{1,2})/(?P<sl_b>\d{1,2})/(?P<sl_y>\d{4}|\d{2})\b)",
        rf"(?P<mdy>(?:{weekday}\s*,?\s+)?\b(?P<md_m>{month})\b{abbrev_dot}\s+(?P<md_d>{day})(?:st|nd|rd|th)?\b"
        rf"(?:\s*,?\s*(?P<md_y>{_YEAR})\b)?)",
        rf"(?P<dmy>(?:{weekday}\s*,?\s+)?\b(?P<dm_d>{day})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm_m>{month})\b{abbrev_dot}"
        rf"(?:\s*,?\s*(?P<dm_y>{_YEAR})\b)?)",
        r"(?P<quarter>(?i:(?:the\s+)?(?P<q_ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[-\s]quarter"
        rf"(?:\s+of\s+(?:(?P<q_y>{_YEAR})|(?P<q_rel>this|last|next)\s+year))?)\b)",
        r"(?P<clock>\b(?:(?P<ck_h>1[0-2]|0?[1-9])(?::(?P<ck_mi>[0-5]\d))?\s*(?P<ck_ap>(?i:[ap]\.m\.|[ap]m\b))"
        r"|(?P<ck_h24>[01]?\d|2[0-3]):(?P<ck_m24>[0-5]\d)\b|(?P<ck_hh>[01]\d|2[0-3])(?P<ck_mm>[0-5]\d)(?=\s*(?:GMT|UTC|hrs|hours)\b)"
        r"|(?P<ck_word>(?i:noon|midnight)))"
        r"(?:\s*(?P<ck_z>UTC|GMT|Z)\b)?(?:\s*\(\s*(?:GMT|UTC)\s*[+-]\s*\d{1,2}\s*\))?)",
        rf"(?P<ago>(?i:\b(?P<ag_n>{number})\s+(?P<ag_u>{units})\s+ago\b))",
        rf"(?P<duration>(?i:(?:\b(?:the\s+(?:past|last|next|previous|coming|first|final)|over|nearly|almost|more\s+than"
        rf"|less\s+than|about|around|some|at\s+least)\s+)?\b(?:(?P<du_n>{number}(?:\s+and\s+a\s+half)?)[-\s]+"
        rf"|(?:{vague})\s+)(?:(?:straight|consecutive|trading|business|working|full|whole|more|long)\s+)?"
        rf"(?P<du_u>{units})\b(?:-(?:long|old))?))",
        r"(?P<duration2>(?i:\b(?:the\s+(?:past|last)\s+)(?P<du2_u>decade|century)\b))",
        r"(?P<weekend>(?i:\b(?P<we_det>this|last|next|the)\s+weekend\b))",
        r"(?P<relative>(?i:\b(?:(?:earlier|later|late|early)\s+|(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+)?"
        r"(?P<rl_det>this|last|next|past|previous|coming|the\s+previous|the\s+last|the\s+coming|the\s+following)\s+"
        r"(?P<rl_u>week|month|year|quarter)\b))",
        rf"(?P<month>(?:(?:(?P<mo_mod>(?i:{_MODIFIERS}))[-\s]+)|(?P<mo_det>(?i:last|next|this))\s+)?"
        rf"\b(?P<mo_m>{month})\b{abbrev_dot}(?:\s*,?\s*(?:of\s+)?(?P<mo_y>{_YEAR})\b"
        r"|\s+of\s+(?P<mo_rel>(?i:this|last|next))\s+year\b)?)",
        rf"(?P<weekday>(?:(?P<wd_det>(?i:last|next|this|past|coming))\s+)?\b(?P<wd_d>{weekday})\b"
        rf"(?:\s+(?P<wd_part>(?i:{parts})))?)",
        rf"(?P<season>(?i:(?:(?P<se_det>this|last|next|early|late|the)\s+)?\b(?P<se_s>{seasons})\b"
        rf"(?:\s+(?:of\s+)?(?P<se_y>{_YEAR})\b)?))",
        r"(?P<decade>(?:\bthe\s+|(?<![\w'])'|\b)(?P<dc_y>1[5-9]\d0|20\d0|[1-9]0)s\b)",
        rf"(?P<year>(?:(?P<y_mod>(?i:{_MODIFIERS}))[-\s]+|(?<![\d.,$£€/-]))\b(?P<y_y>{_YEAR})\b"
        r"(?![.,]\d|\s*%|\s*(?i:percent)|-\d{2}-))",
        r"(?P<shortyear>(?<![\w'])'(?P<sy_y>\d\d)\b)",
        rf"(?P<deictic>(?i:\b(?:{deictic})\b)(?<![Pp]ast(?=\s+(?:{number}|{vague}|decade|century|(?:{units})\b))))",
        rf"(?P<set>(?i:\b(?:{sets})\b))",
    ]
    # Expressions never run across a line break: a title ending in "Friday" is not part of the
    # date line under it.
    pattern = "|".join(alternatives).replace(r"[-\s]", r"[- \t\xa0]").replace(r"\s", r"[ \t\xa0]")
    return re.compile(pattern)


def _trigger_words(v: Vocabulary) -> frozenset[str]:
    """Words where an expression can end or hinge: month and weekday names (as written), the last
    word of every unit, deictic and set phrase (lower-cased), and a few heads of fixed patterns.
    Digits are triggers too (checked separately)."""
    words = set(v.months) | set(v.weekdays)
    words |= {u for u in v.units} | {u + "s" for u in v.units} | {"centuries", "weekend", "noon", "midnight"}
    words |= set(v.seasons) | set(v.parts_of_day)
    for phrase in [*v.deictic, *v.sets]:
        words.add(phrase.split()[-1])
    return frozenset(words)


def _trigger_pattern(triggers: frozenset[str], names: frozenset[str]) -> re.Pattern[str]:
    """A regex finding numbers and trigger words as whole tokens.

    Month and weekday names match as written; other triggers in lower case, Capitalised or UPPER.
    The words are compiled as a prefix tree and the first letter is checked up front: Python's regex
    engine tries alternatives one by one, and this keeps the scan near the speed of plain
    tokenisation while returning only the ~20 triggers of an article instead of its ~500 words.
    """
    forms: set[str] = set()
    for word in triggers:
        forms |= {word} if word in names else {word, word.capitalize(), word.upper()}
    initials = "".join(sorted({w[0] for w in forms}))
    return re.compile(rf"(?<![A-Za-z0-9])(?:\d+|(?=[{initials}]){_prefix_tree(forms)}(?![A-Za-z]))")


def _prefix_tree(words: set[str]) -> str:
    """An alternation of ``words`` factored by common prefixes: "day|days|decade" -> "d(?:ay(?:s)?|ecade)"."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


def _number_followers(v: Vocabulary) -> frozenset[str]:
    """Lower-cased words that may follow a number inside an expression: units ("3 days"), months
    ("19 Feb"), clock words ("10 a.m.", "0800 GMT") and the words of "2 and a half", "5 trading days"."""
    words = {u for u in v.units} | {u + "s" for u in v.units} | {m.lower() for m in v.months}
    words |= {"centuries", "a.m", "p.m", "am", "pm", "gmt", "utc", "hrs", "hours", "o'clock", "and", "of"}
    words |= set(_PREFIX_WORDS.split())
    return frozenset(words)


def _prefix_words(v: Vocabulary) -> frozenset[str]:
    """Lower-cased words that can stand before a trigger inside an expression ("the past nine days",
    "early June", "more than two and a half years"); the scan looks back over these only."""
    words = set(_PREFIX_WORDS.split()) | set(v.numbers) | set(v.parts_of_day) | set(v.seasons)
    for phrase in [*v.numbers, *v.vague_numbers, *v.deictic, *v.sets]:
        words.update(phrase.split())
    return frozenset(w.lower() for w in words)


def _number_pattern(v: Vocabulary) -> str:
    words = _alt(v.numbers)
    tens = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)"
    return rf"\d+(?:\.\d+)?|{tens}|{words}"


def _alt(words: Any, case: bool = False) -> str:
    """An alternation of ``words`` (longest first), matched case-insensitively unless ``case``."""
    body = "|".join(_phrase(w) for w in _longest_first(w for w in words if w != LINE_KEY))
    return f"(?:{body})" if case else f"(?i:{body})"


def _phrase(words: str) -> str:
    return r"\s+".join(re.escape(w) for w in words.split())


def _longest_first(words: Any) -> list[str]:
    return sorted(set(words), key=lambda w: (-len(w), w))


# -- date arithmetic -------------------------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _slash_date(m: re.Match[str]) -> date | None:
    a, b, y = int(m.group("sl_a")), int(m.group("sl_b")), m.group("sl_y")
    year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 50 else 1900 + int(y))
    # US order (month/day) as in most English-language wires, unless the first number cannot be a month.
    month, day = (a, b) if a <= 12 else (b, a)
    return _safe_date(year, month, day)


def _month_value(year: int, month: int) -> str:
    """ISO month for a month number that may have run past either end of the year."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return f"{year}-{month:02d}"


def _shift_unit(anchor: date, unit: str, step: int, future: bool) -> _Value:
    if unit == "week":
        year, week, _ = (anchor + timedelta(weeks=step)).isocalendar()
        return _Value(f"{year}-W{week:02d}", "week", CONF_ANCHORED)
    if unit == "month":
        return _Value(_month_value(anchor.year, anchor.month + step), "month", CONF_ANCHORED)
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + step
        return _Value(f"{index // 4}-Q{index % 4 + 1}", "year", CONF_ANCHORED)
    return _Value(str(anchor.year + step), "year", CONF_ANCHORED)


def _clock_value(m: re.Match[str]) -> str:
    """The clock part of a time value: "18:40", "08:30Z" (UTC/GMT)."""
    hour, minute = _clock(m)
    return f"{hour:02d}:{minute:02d}" + ("Z" if m.group("ck_z") else "")


def _clock(m: re.Match[str]) -> tuple[int, int]:
    if m.group("ck_word"):
        return (12 if m.group("ck_word").lower() == "noon" else 0), 0
    if m.group("ck_h"):
        hour = int(m.group("ck_h")) % 12
        if m.group("ck_ap").lower().startswith("p"):
            hour += 12
        return hour, int(m.group("ck_mi") or 0)
    if m.group("ck_h24"):
        return int(m.group("ck_h24")), int(m.group("ck_m24"))
    if m.group("ck_hh"):
        return int(m.group("ck_hh")), int(m.group("ck_mm"))
    return 0, 0


def _duration_value(amount: float | None, unit: str) -> str:
    """TimeML duration: P3D, P2.5Y, PT30M, P10Y (decade), PXY (vague)."""
    if unit in ("H", "TM", "S"):
        letter = "M" if unit == "TM" else unit
        return f"PT{_fmt(amount)}{letter}"
    multiplier, letter = (int(unit[:-1]), unit[-1]) if len(unit) > 1 else (1, unit)
    return f"P{_fmt(amount * multiplier if amount is not None else None)}{letter}"


def _fmt(amount: float | None) -> str:
    if amount is None:
        return "X"
    return str(int(amount)) if amount == int(amount) else f"{amount:g}"


def _singular(unit: str) -> str:
    if unit == "centuries":
        return "century"
    return unit[:-1] if unit.endswith("s") else unit


def _word_after(text: str, offset: int) -> str:
    match = _NEXT_WORD.match(text, offset)
    return match.group(1).lower() if match else ""


def _word_before(text: str, offset: int) -> str:
    """The lower-cased word just before ``offset`` (hyphen-joined prefixes like "mid-" included)."""
    head = text[max(0, offset - 20) : offset].rstrip(" -")
    match = re.search(r"([A-Za-z]+)$", head)
    return match.group(1).lower() if match else ""


def _expression(doc: Doc, m: re.Match[str], resolved: _Value, from_sentence: bool) -> TimeExpr:
    confidence = resolved.confidence
    if from_sentence and confidence < CONF_ABSOLUTE:
        confidence = min(confidence, CONF_ANCHORED)  # anchored on a date of the same sentence
    start, end = m.start(), m.end()
    return TimeExpr(
        id=stable_id("tm", doc.key, start, end),
        start=start,
        end=end,
        text=doc.text[start:end],
        value=resolved.value,
        precision=resolved.precision,
        confidence=confidence,
        type=resolved.type,
    )


def _distance(start: int, end: int, m: re.Match[str]) -> int:
    return m.start() - end if end <= m.start() else start - m.end()


def _closer(best: tuple[int, str] | None, distance: int, tense: str) -> tuple[int, str]:
    return (distance, tense) if best is None or distance < best[0] else best


def _nearest_anchor(
    anchors: list[tuple[int, date]], m: re.Match[str], published: date | None
) -> tuple[date | None, bool]:
    """The explicit day date of the sentence closest to ``m`` (not ``m`` itself), else ``published``."""
    best: tuple[int, date] | None = None
    for offset, day in anchors:
        if offset == m.start():
            continue
        distance = abs(offset - m.start())
        if best is None or distance < best[0]:
            best = (distance, day)
    return (best[1], True) if best else (published, False)


def _date_clocks(doc: Doc, found: list[TimeExpr], clocks: dict[int, str]) -> None:
    """Give a clock time ("at 18:00 UTC") the date of the nearest day expression of its sentence
    ("on Tuesday"), which is what it refers to far more often than the publication date.

    ``clocks`` maps indexes into ``found`` to the clock part of their value ("18:00Z").
    """
    for index, hour in clocks.items():
        clock = found[index]
        sentence = doc.sentence_index(clock.start)
        days = [
            t
            for t in found
            if t.type == "date" and t.precision == "day" and t.value and doc.sentence_index(t.start) == sentence
        ]
        if not days:
            continue
        nearest = min(days, key=lambda t: abs(t.start - clock.start))
        found[index] = TimeExpr(
            id=clock.id,
            start=clock.start,
            end=clock.end,
            text=clock.text,
            value=f"{nearest.value}T{hour}",
            precision="day",
            confidence=min(CONF_ANCHORED, nearest.confidence),
            type="time",
        )


def _merge_time_with_date(doc: Doc, found: list[TimeExpr]) -> list[TimeExpr]:
    """Join a clock time and the date right after it ("12:00 UTC Monday") into one time expression."""
    if not found:
        return found
    merged: list[TimeExpr] = []
    skip = False
    for current, following in zip(found, [*found[1:], None], strict=True):
        if skip:
            skip = False
            continue
        gap = doc.text[current.end : following.start] if following else ""
        if (
            following is not None
            and current.type == "time"
            and following.type == "date"
            and following.precision == "day"
            and re.fullmatch(r"[ \t]+", gap)
            and current.value
            and following.value
        ):
            clock = current.value.partition("T")[2]
            start, end = current.start, following.end
            merged.append(
                TimeExpr(
                    id=stable_id("tm", doc.key, start, end),
                    start=start,
                    end=end,
                    text=doc.text[start:end],
                    value=f"{following.value}T{clock}",
                    precision="day",
                    confidence=min(current.confidence, following.confidence),
                    type="time",
                )
            )
            skip = True
            continue
        merged.append(current)
    return merged


# -- data ------------------------------------------------------------------------------------------


def load_vocabulary(path: Path = DATA) -> Vocabulary:
    """Read and validate ``vocabulary.yaml``; errors name the file and line."""
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise fail(path, None, "expected a mapping of sections")
    line = raw.get(LINE_KEY)

    def mapping(name: str, kind: type) -> dict[str, Any]:
        section = raw.get(name)
        if not isinstance(section, dict):
            raise fail(path, line, f"section {name!r} must be a mapping")
        out = {}
        for key, value in section.items():
            if key == LINE_KEY:
                continue
            if not isinstance(value, kind):
                raise fail(path, section.get(LINE_KEY), f"{name}: {key!r} must map to a {kind.__name__}")
            out[str(key)] = value
        return out

    def words(name: str) -> list[str]:
        section = raw.get(name)
        if not isinstance(section, list) or not all(isinstance(w, str) for w in section):
            raise fail(path, line, f"section {name!r} must be a list of words")
        return section

    months = mapping("months", int)
    for name, number in months.items():
        if not 1 <= number <= 12:
            raise fail(path, raw["months"].get(LINE_KEY), f"months: {name!r} -> {number} is not a month")
    weekdays = mapping("weekdays", int)
    deictic = mapping("deictic", dict)
    for name, entry in deictic.items():
        if ("ref" in entry) == ("days" in entry):
            raise fail(path, entry.get(LINE_KEY), f"deictic: {name!r} needs exactly one of 'days' or 'ref'")
    return Vocabulary(
        months=months,
        ambiguous_months=frozenset(words("ambiguous_months")),
        month_cues=frozenset(w.lower() for w in words("month_cues")),
        weekdays=weekdays,
        named_day_prefixes=frozenset(words("named_day_prefixes")),
        numbers={k.lower(): v for k, v in mapping("numbers", int).items()},
        vague_numbers=frozenset(w.lower() for w in words("vague_numbers")),
        units={k.lower(): v for k, v in mapping("units", str).items()},
        parts_of_day={k.lower(): v for k, v in mapping("parts_of_day", str).items()},
        seasons={k.lower(): v for k, v in mapping("seasons", str).items()},
        deictic={k.lower(): v for k, v in deictic.items()},
        future_cues=tuple(words("future_cues")),
        past_cues=frozenset(w.lower() for w in words("past_cues")),
        participle_auxiliaries=frozenset(w.lower() for w in words("participle_auxiliaries")),
        sets={k.lower(): v for k, v in mapping("sets", str).items()},
    )
