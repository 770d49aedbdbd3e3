"""Casualties: counts of people killed and injured, including vague and bounded amounts.

One regex (built at construction from ``data/casualties/lexicon.yaml``) finds the cue words
("killed", "were wounded", "dead", "death toll", "no one was hurt"); the count is then read next to
each cue with small anchored patterns:

* active cues take the count after them ("killed one civilian contractor", "wounding 12"), and
  otherwise the one before ("12 killed");
* passive cues take the count before them ("at least 12 people were killed", "30 dead");
* tolls take the count after an optional verb ("the death toll rose to 40");
* coordinated counts are added ("two policemen and three civilians were killed" -> 5).

``min``/``max`` keep bounds: "at least 12" -> (12, None), "up to 30" -> (None, 30), "10 to 15" ->
(10, 15), "dozens" -> (24, None), "up to a handful" -> (None, 5); see the lexicon for every choice.
Base verb forms ("could kill", "threatened to kill") are not cues, and a hypothetical or negating
word just before a cue ("could have killed", "were not hurt") drops it. ``start``/``end`` cover the
counted phrase: count through cue for passives, cue through the counted noun phrase for actives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from eventdesk.datafiles import LINE_KEY, fail, read_yaml
from eventdesk.extract.segment import Doc
from eventdesk.records import Casualties
from eventdesk.settings import Settings

DATA = Path(__file__).parent / "data" / "casualties" / "lexicon.yaml"

Kind = Literal["fatalities", "injuries"]
Bounds = tuple[int | None, int | None]

CONF_DIGITS = 0.9
CONF_WORDS = 0.85
CONF_ARTICLE = 0.75  # "a soldier"
CONF_VAGUE = 0.6  # "dozens", "about 30"
CONF_ZERO = 0.8

# Words that end a counted noun phrase: "two policemen [and] three civilians [were] killed".
_STOP = (
    "and or but nor were was are is be been being have has had who whom which that in on at by from with "
    "during after before when while as the a an to of their its his her this these those near over under "
    "overnight across inside outside into onto around along through since amid among including across "
    "yesterday today tonight earlier later last when where there here also mostly according per after "
    "until within without against toward towards behind beside"
)
_OR_JOINED = re.compile(r"(?i)\s+or\s+(?:killed|killing|dead|died|injured|injuring|wounded|wounding|hurt)\b")
_OR_BEFORE = re.compile(r"(?i)\b(?:killed|killing|dead|injured|injuring|wounded|wounding|hurt)\s+or\s+$")
_WINDOW = 110  # characters searched around a cue for its count
_TOKEN = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|n't")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The validated contents of ``lexicon.yaml`` (all keys lower-case)."""

    cues: dict[str, tuple[Kind, str]]
    between: frozenset[str]
    toll_verbs: frozenset[str]
    modifiers: dict[str, str]
    vague: dict[str, Bounds]
    numbers: dict[str, int]
    person_nouns: frozenset[str]
    not_people: frozenset[str]
    hypothetical: frozenset[str]
    zero: dict[str, str]


@dataclass(frozen=True, slots=True)
class _Count:
    start: int
    end: int
    bounds: Bounds
    confidence: float


class CasualtyFinder:
    """Finds killed/injured counts in an article; build once, call per article."""

    def __init__(self, settings: Settings, path: Path = DATA) -> None:
        self.settings = settings
        self.lex = load_lexicon(path)
        lex = self.lex
        zero = _alt(lex.zero)
        cues = _alt(lex.cues)
        # The leading class of first letters lets the regex engine skip most positions quickly (it
        # halves the scan time of a 3,000-character article).
        initials = sorted({p[0].lower() for p in [*lex.cues, *lex.zero]})
        first = "[" + "".join(initials) + "".join(initials).upper() + "]"
        self.cue = re.compile(rf"(?={first})(?i:\b(?:(?P<zero>{zero})|(?P<cue>{cues}))\b)")
        number = (
            r"\d{1,3}(?:,\d{3})+|\d+|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-[a-z]+)"
            rf"(?:[ -]{_alt(lex.numbers)})?|{_alt(lex.numbers)}(?:[ -](?:hundred|thousand))?"
        )
        quantity = (
            rf"(?:(?P<mod>{_alt(lex.modifiers)})\s+)?"
            rf"(?:between\s+(?P<lo>{number})\s+and\s+(?P<hi>{number})"
            rf"|(?P<lo2>{number})\s+(?:to|or)\s+(?P<hi2>{number})(?![\w,])"
            r"|(?P<lo3>\d+)\s*[-–]\s*(?P<hi3>\d+)(?![\w,])"
            rf"|(?P<vague>{_alt(lex.vague)})|(?P<num>{number})|(?P<article>an?|the))"
        )
        # A noun word is not a function word, a cue ("12 dead, 30 wounded") or a number ("people three
        # days ago").
        not_noun = "|".join([*_STOP.split(), *(re.escape(c) for c in lex.cues), *lex.numbers, *lex.vague])
        noun = rf"(?!(?:{not_noun})\b)(?:[A-Za-z]|\d+-[A-Za-z])[\w'-]*"  # "12-year-old" too
        # The counted noun phrase: up to four words ("civilian contractor", "of people", "senior
        # Iranian military figure").
        nouns = rf"(?P<nouns>(?:\s+(?:of\s+)?{noun}){{0,4}})"
        between = rf"(?:\s+(?:{_alt(lex.between)}))*"
        self.before_cue = re.compile(rf"(?i)(?<![\w,.$]){quantity}{nouns}{between}\s*$")
        self.after_cue = re.compile(rf"(?i)\s+{quantity}{nouns}\b")
        self.after_toll = re.compile(rf"(?i)(?:\s+(?:{_alt(lex.toll_verbs)}))*\s+{quantity}{nouns}\b")
        self.joined_before = re.compile(rf"(?i)(?<![\w,.$]){quantity}{nouns}\s*(?:,\s*(?:and\s+)?|\s+and\s+)$")
        self.joined_after = re.compile(rf"(?i)(?:\s*,\s*(?:and\s+)?|\s+and\s+){quantity}{nouns}\b")

    def __call__(self, doc: Doc) -> list[Casualties]:
        text = doc.text
        found: list[Casualties] = []
        for m in self.cue.finditer(text):
            sentence = doc.sentence_at(m.start())
            if m.group("zero"):
                found.extend(self._zero(text, m))
                continue
            if _OR_JOINED.match(text, m.end()) or _OR_BEFORE.search(text, max(0, m.start() - 16), m.start()):
                continue  # "20 people were killed or wounded": neither count alone
            kind, form = self.lex.cues[_norm(m.group("cue"))]
            count = self._count(text, m, form, sentence.start, sentence.end)
            if count is None or self._hypothetical(text, m, count, sentence.start):
                continue
            start, end = min(count.start, m.start()), max(count.end, m.end())
            found.append(
                Casualties(
                    kind=kind,
                    min=count.bounds[0],
                    max=count.bounds[1],
                    start=start,
                    end=end,
                    text=text[start:end],
                    confidence=count.confidence,
                )
            )
        return found

    # -- reading counts --------------------------------------------------------------------------

    def _count(self, text: str, cue: re.Match[str], form: str, lo: int, hi: int) -> _Count | None:
        if form == "toll":
            return self._after(text, cue, hi, self.after_toll, join=False)
        if form == "active":
            return self._after(text, cue, hi, self.after_cue, join=True) or self._before(text, cue, lo)
        return self._before(text, cue, lo)

    def _after(self, text: str, cue: re.Match[str], hi: int, pattern: re.Pattern[str], join: bool) -> _Count | None:
        m = pattern.match(text, cue.end(), min(hi, cue.end() + _WINDOW))
        first = self._read(m) if m else None
        if m is None or first is None:
            return None
        counts = [first]
        end = m.end()
        while join:
            more = self.joined_after.match(text, end, min(hi, end + _WINDOW))
            extra = self._read(more) if more else None
            if more is None or extra is None:
                break
            counts.append(extra)
            end = more.end()
        return _sum(counts, m.start("mod") if m.group("mod") else _quantity_start(m), end)

    def _before(self, text: str, cue: re.Match[str], lo: int) -> _Count | None:
        window_start = max(lo, cue.start() - _WINDOW)
        m = self.before_cue.search(text, window_start, cue.start())
        first = self._read(m) if m else None
        if m is None or first is None:
            return None
        counts = [first]
        start = m.start()
        while True:
            more = self.joined_before.search(text, max(lo, start - _WINDOW), start)
            extra = self._read(more) if more else None
            if more is None or extra is None:
                break
            counts.append(extra)
            start = more.start()
        return _sum(counts, start, cue.end())

    def _read(self, m: re.Match[str]) -> _Count | None:
        """The bounds of a quantity match, or None when it does not count people."""
        nouns = m.group("nouns") or ""
        words = [w.lower() for w in nouns.split() if w.lower() != "of"]
        if words and words[0] in self.lex.not_people:
            return None
        if m.group("article"):
            # "a"/"an"/"the" is one person only before a singular person noun: "wounded a soldier",
            # "killed the deputy chief"; not "killed a lot", "killed the soldiers".
            if not words or words[-1] not in self.lex.person_nouns:
                return None
            confidence = CONF_ARTICLE if m.group("article").lower() != "the" else CONF_VAGUE
            return _Count(m.start(), m.end(), (1, 1), confidence)
        if m.group("vague"):
            bounds, confidence = self.lex.vague[_norm(m.group("vague"))], CONF_VAGUE
        elif m.group("lo") or m.group("lo2") or m.group("lo3"):
            low = self._number(m.group("lo") or m.group("lo2") or m.group("lo3"))
            high = self._number(m.group("hi") or m.group("hi2") or m.group("hi3"))
            if low is None or high is None or high < low:
                return None
            bounds, confidence = (low, high), CONF_WORDS
        else:
            value = self._number(m.group("num"))
            if value is None or _looks_like_year(m.group("num"), words):
                return None
            bounds = (value, value)
            confidence = CONF_DIGITS if m.group("num")[0].isdigit() else CONF_WORDS
        if m.group("mod"):
            bounds, confidence = _modify(self.lex.modifiers[_norm(m.group("mod"))], bounds, confidence)
        return _Count(m.start(), m.end(), bounds, confidence)

    def _number(self, raw: str) -> int | None:
        """1,500 -> 1500; "twenty-five" -> 25; "two hundred" -> 200."""
        raw = raw.lower().replace(",", "")
        if raw.isdigit():
            return int(raw)
        total = 0
        for part in re.split(r"[\s-]+", raw):
            value = self.lex.numbers.get(part)
            if value is None:
                return None
            total = total * value if value in (100, 1000) and total else total + value
        return total

    # -- filters ---------------------------------------------------------------------------------

    def _hypothetical(self, text: str, cue: re.Match[str], count: _Count, lo: int) -> bool:
        """Whether a modal, intention or negation word sits just before the cue ("could have
        killed", "threatened to kill", "were not hurt") in its clause."""
        start = max(lo, min(count.start, cue.start()) - 30)
        head = text[start : cue.start()]
        comma = max(head.rfind(","), head.rfind(";"))
        if comma >= 0 and start + comma < count.start:
            head = text[max(start + comma + 1, start) : cue.start()]
        return any(token.lower() in self.lex.hypothetical for token in _TOKEN.findall(head))

    def _zero(self, text: str, m: re.Match[str]) -> list[Casualties]:
        kind = self.lex.zero[_norm(m.group("zero"))]
        kinds: list[Kind] = ["fatalities", "injuries"] if kind == "both" else [kind]  # type: ignore[list-item]
        return [Casualties(k, 0, 0, m.start(), m.end(), text[m.start() : m.end()], CONF_ZERO) for k in kinds]


# -- helpers ---------------------------------------------------------------------------------------


def _modify(modifier: str, bounds: Bounds, confidence: float) -> tuple[Bounds, float]:
    low, high = bounds
    if modifier == "min":
        return (low, None), confidence
    if modifier == "above":
        return ((low + 1) if low is not None else None, None), confidence
    if modifier == "max":
        return (None, high), confidence
    if modifier == "below":
        return (None, (high - 1) if high is not None else None), confidence
    return bounds, min(confidence, CONF_VAGUE)  # "about 30"


def _sum(counts: list[_Count], start: int, end: int) -> _Count:
    if len(counts) == 1:
        only = counts[0]
        return _Count(start, end, only.bounds, only.confidence)
    lows = [c.bounds[0] for c in counts]
    highs = [c.bounds[1] for c in counts]
    low = sum(v for v in lows if v is not None) if all(v is not None for v in lows) else None
    high = sum(v for v in highs if v is not None) if all(v is not None for v in highs) else None
    return _Count(start, end, (low, high), min(c.confidence for c in counts) * 0.95)


def _quantity_start(m: re.Match[str]) -> int:
    for group in ("lo", "lo2", "lo3", "vague", "num", "article"):
        if m.group(group):
            return m.start(group)
    return m.start()


def _looks_like_year(raw: str, words: list[str]) -> bool:
    """ "in 2019 killed ..." : a bare 19xx/20xx number with no noun after it is a year, not a count."""
    return len(raw) == 4 and raw.isdigit() and 1900 <= int(raw) <= 2100 and not words


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _alt(words: Any) -> str:
    """Alternation of phrases, longest first; inner spaces match any white space."""
    phrases = sorted({w for w in words if w != LINE_KEY}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in phrases) + ")"


# -- data ------------------------------------------------------------------------------------------


def load_lexicon(path: Path = DATA) -> Lexicon:
    """Read and validate ``lexicon.yaml``; errors name the file and line."""
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise fail(path, None, "expected a mapping of sections")
    line = raw.get(LINE_KEY)

    def section(name: str, kind: type) -> Any:
        value = raw.get(name)
        if not isinstance(value, kind):
            raise fail(path, line, f"section {name!r} must be a {kind.__name__}")
        return value

    def words(name: str) -> frozenset[str]:
        items = section(name, list)
        if not all(isinstance(w, str) for w in items):
            raise fail(path, line, f"section {name!r} must be a list of words (quote yes/no/on/off)")
        return frozenset(w.lower() for w in items)

    cues: dict[str, tuple[Kind, str]] = {}
    for phrase, entry in section("cues", dict).items():
        if phrase == LINE_KEY:
            continue
        if (
            not isinstance(entry, dict)
            or entry.get("kind") not in ("fatalities", "injuries")
            or entry.get("form") not in ("active", "passive", "toll")
        ):
            where = entry.get(LINE_KEY) if isinstance(entry, dict) else line
            raise fail(path, where, f"cue {phrase!r} needs kind fatalities|injuries and form active|passive|toll")
        cues[_norm(phrase)] = (entry["kind"], entry["form"])
    modifiers = {_norm(k): v for k, v in section("modifiers", dict).items() if k != LINE_KEY}
    for phrase, op in modifiers.items():
        if op not in ("min", "above", "max", "below", "about"):
            raise fail(path, raw["modifiers"].get(LINE_KEY), f"modifier {phrase!r}: unknown bound {op!r}")
    vague: dict[str, Bounds] = {}
    for phrase, bounds in section("vague", dict).items():
        if phrase == LINE_KEY:
            continue
        if not (isinstance(bounds, list) and len(bounds) == 2 and all(b is None or isinstance(b, int) for b in bounds)):
            raise fail(path, raw["vague"].get(LINE_KEY), f"vague {phrase!r} must be [min, max] (null allowed)")
        vague[_norm(phrase)] = (bounds[0], bounds[1])
    numbers = {_norm(k): v for k, v in section("numbers", dict).items() if k != LINE_KEY}
    if not all(isinstance(v, int) for v in numbers.values()):
        raise fail(path, raw["numbers"].get(LINE_KEY), "numbers must map words to integers")
    zero = {_norm(k): v for k, v in section("zero", dict).items() if k != LINE_KEY}
    for phrase, kind in zero.items():
        if kind not in ("fatalities", "injuries", "both"):
            raise fail(path, raw["zero"].get(LINE_KEY), f"zero {phrase!r}: kind must be fatalities|injuries|both")
    return Lexicon(
        cues=cues,
        between=words("between"),
        toll_verbs=words("toll_verbs"),
        modifiers=modifiers,
        vague=vague,
        numbers=numbers,
        person_nouns=words("person_nouns"),
        not_people=words("not_people"),
        hypothetical=words("hypothetical"),
        zero=zero,
    )
