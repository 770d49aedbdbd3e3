"""Relations between events: response_to, follows, part_of, same_as.

A cue from ``data/statements/relations.yaml`` ("in response to", "followed", "after", "the latest in a
series of") links the event before it in its sentence (the source) to the event after it (the target):
"The strikes were in response to a rocket attack in Iraq" gives strikes response_to attack. When a
side names no event by its trigger, a definite noun phrase there ("The strikes", "The US action")
refers back to the most recent earlier event of a matching kind (a generic noun such as "action"
refers to the article's lead event). When the cue opens the sentence ("After the attack, militants
..."), the event right after the cue is the target and the event after the comma the source.

``same_as`` links two events of the same sub-type, place and date that the events stage kept apart,
so that a reader (or the cross-article merge) sees the duplicate rather than losing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from eventdesk.datafiles import fail, read_yaml
from eventdesk.extract.segment import Doc, Sentence
from eventdesk.extract.statements import referent
from eventdesk.records import Event, Evidence, Relation
from eventdesk.settings import Settings

DATA = Path(__file__).parent / "data" / "statements" / "relations.yaml"
EVENT_NOUNS = Path(__file__).parent / "data" / "statements" / "statements.yaml"

_KINDS = ("response_to", "follows", "part_of")
# Words opening a noun phrase that can refer back to an event: "The strikes", "the US action", "this attack".
_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "such"})
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class RelationData:
    """The cues of ``relations.yaml`` and the event nouns of ``statements.yaml``."""

    cue: re.Pattern[str]
    keywords: tuple[str, ...]
    kinds: dict[str, str]  # regex group name -> relation kind
    retaliatory: re.Pattern[str]
    event_nouns: dict[str, tuple[str, ...]]


def load_relation_data(path: Path = DATA, nouns_path: Path = EVENT_NOUNS) -> RelationData:
    """Read and validate ``relations.yaml`` (and the event nouns); errors name the file and line."""
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("cues"), dict):
        raise fail(path, None, "expected a mapping with 'cues'")
    branches: list[str] = []
    kinds: dict[str, str] = {}
    for kind, cues in data["cues"].items():
        if kind == "__line__":
            continue
        if kind not in _KINDS:
            raise fail(path, data["cues"].get("__line__"), f"unknown relation kind {kind!r}; expected one of {_KINDS}")
        if not isinstance(cues, list) or not all(isinstance(c, str) and c.strip() for c in cues):
            raise fail(path, data["cues"].get("__line__"), f"cues of {kind!r} must be a list of patterns")
        for cue in sorted(cues, key=len, reverse=True):
            name = f"c{len(branches)}"
            try:
                re.compile(cue)
            except re.error as exc:
                raise fail(path, data["cues"].get("__line__"), f"invalid cue {cue!r}: {exc}") from exc
            branches.append(f"(?P<{name}>" + cue.replace(" ", r"\s+") + ")")
            kinds[name] = kind
    # Longest cues first so "came after" wins over "after".
    branches.sort(key=len, reverse=True)
    words = data.get("retaliatory")
    if not isinstance(words, list) or not words:
        raise fail(path, None, "'retaliatory' must be a list of words")
    keywords = data.get("keywords")
    if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
        raise fail(path, None, "'keywords' must be a list of word beginnings")
    for kind, cues in data["cues"].items():
        for cue in cues if isinstance(cues, list) else []:
            if not any(k in cue.lower() for k in keywords):
                raise fail(path, data["cues"].get("__line__"), f"cue {cue!r} ({kind}) contains none of the keywords")
    nouns = read_yaml(nouns_path).get("event_nouns") or {}
    return RelationData(
        cue=re.compile(r"\b(?:" + "|".join(branches) + r")\b", re.I),
        keywords=tuple(k.lower() for k in keywords),
        kinds=kinds,
        retaliatory=re.compile(r"\b(?:" + "|".join(re.escape(w.lower()) for w in words) + r")\s+"),
        event_nouns={k: tuple(v) for k, v in nouns.items() if k != "__line__" and isinstance(v, list)},
    )


class RelationFinder:
    """``RelationFinder(settings)(doc, events) -> list[Relation]``."""

    def __init__(self, settings: Settings, data: RelationData | None = None) -> None:
        self.settings = settings
        self.data = data or load_relation_data()

    def __call__(self, doc: Doc, events: list[Event]) -> list[Relation]:
        if len(events) < 2:
            return []
        ordered = sorted(events, key=lambda e: e.trigger.start)
        found: dict[tuple[str, str, str], Relation] = {}
        # Keywords are looked for in lower case (case-sensitive regexes are several times faster);
        # the few texts whose lower-casing changes their length are searched as they are.
        lowered = doc.text.lower()
        if len(lowered) != len(doc.text):
            lowered = doc.text
        for match in self._cues(doc.text, lowered):
            relation = self._cued(doc, ordered, match)
            if relation is not None:
                found.setdefault((relation.kind, relation.source, relation.target), relation)
        for relation in self._retaliatory(doc, ordered, lowered) + _same_as(ordered):
            found.setdefault((relation.kind, relation.source, relation.target), relation)
        return list(found.values())

    def _cues(self, text: str, lowered: str) -> list[re.Match[str]]:
        """Cue matches, looked for only around keyword hits (see ``keywords`` in relations.yaml)."""
        out: list[re.Match[str]] = []
        covered = -1
        for hit in _keyword_hits(lowered, self.data.keywords):
            if hit < covered:
                continue
            for match in self.data.cue.finditer(text, max(0, hit - 40), min(len(text), hit + 60)):
                if match.start() <= hit < match.end() and match.start() >= covered:
                    out.append(match)
                    covered = match.end()
                    break
        return out

    def _cued(self, doc: Doc, events: list[Event], match: re.Match[str]) -> Relation | None:
        text = doc.text
        kind = self.data.kinds[match.lastgroup or ""]
        sentence = doc.sentence_at(match.start())
        opening = not text[sentence.start : match.start()].strip(' ,"“')
        if opening:
            comma = text.find(",", match.end(), sentence.end)
            if comma < 0:
                return None
            target = self._side(text, events, match.end(), comma, match.start(), forward=True)
            source = self._side(text, events, comma + 1, sentence.end, match.start(), forward=True)
        else:
            source = self._side(text, events, sentence.start, match.start(), match.start(), forward=False)
            target = self._side(
                text, events, match.end(), _clause_end(text, match.end(), sentence), match.start(), forward=True
            )
        if source is None or target is None or source.id == target.id:
            return None
        confidence = 0.8 if kind != "follows" or match.group().lower() != "after" else 0.6
        return _relation(kind, source, target, sentence, confidence)

    def _side(self, text: str, events: list[Event], lo: int, hi: int, cue: int, forward: bool) -> Event | None:
        """The event named in [lo, hi) by its trigger (nearest the cue), else by a referring noun."""
        inside = [e for e in events if lo <= e.trigger.start < hi]
        if inside:
            return inside[0] if forward else inside[-1]
        words = [w.group().lower() for w in _WORD.finditer(text, lo, hi)]
        for i, word in enumerate(words):
            if word not in _DETERMINERS:
                continue
            for noun in words[i + 1 : i + 4]:  # "the strikes", "the US action", "this week's attack"
                event = self._referent(events, noun, cue)
                if event is not None:
                    return event
        return None

    def _referent(self, events: list[Event], noun: str, before: int) -> Event | None:
        stems = self.data.event_nouns.get(noun)
        return None if stems is None else referent(events, stems, before)

    def _retaliatory(self, doc: Doc, events: list[Event], lowered: str) -> list[Relation]:
        """'retaliatory strikes': the strikes respond to the latest earlier event of another type."""
        out: list[Relation] = []
        for hit in _keyword_hits(lowered, self.data.keywords):
            match = self.data.retaliatory.match(lowered, hit)
            if match is None:
                continue
            source = next((e for e in events if e.trigger.start == match.end()), None)
            if source is None:
                continue
            kind = source.sub_event_type
            earlier = [e for e in events if e.trigger.start < match.start() and e.sub_event_type != kind]
            if earlier:
                out.append(_relation("response_to", source, earlier[-1], doc.sentence_at(match.start()), 0.5))
        return out


def _keyword_hits(lowered: str, keywords: tuple[str, ...]) -> list[int]:
    """Sorted offsets where a keyword starts a word. ``str.find`` per keyword beats one regex scan."""
    hits: list[int] = []
    for keyword in keywords:
        pos = lowered.find(keyword)
        while pos >= 0:
            if pos == 0 or not lowered[pos - 1].isalpha():
                hits.append(pos)
            pos = lowered.find(keyword, pos + 1)
    hits.sort()
    return hits


def _clause_end(text: str, pos: int, sentence: Sentence) -> int:
    semicolon = text.find(";", pos, sentence.end)
    return semicolon if semicolon >= 0 else sentence.end


def _relation(kind: str, source: Event, target: Event, sentence: Sentence, confidence: float) -> Relation:
    return Relation(
        kind=kind,  # type: ignore[arg-type]
        source=source.id,
        target=target.id,
        evidence=[Evidence(sentence.start, sentence.end)],
        confidence=confidence,
    )


def _same_as(events: list[Event]) -> list[Relation]:
    """Two events of one sub-type with the same named place and the same day: one incident twice."""
    out: list[Relation] = []
    for i, first in enumerate(events):
        for second in events[i + 1 :]:
            if _same_incident(first, second):
                evidence = first.evidence[:1] + second.evidence[:1]
                out.append(Relation("same_as", second.id, first.id, evidence, 0.6))
    return out


def _same_incident(a: Event, b: Event) -> bool:
    if a.sub_event_type != b.sub_event_type or a.location is None or b.location is None:
        return False
    if not a.location.name or a.location.name != b.location.name:
        return False
    if a.date is None or b.date is None or a.date.precision != "day" or a.date.value != b.date.value:
        return False
    return not (a.actor1 and b.actor1 and a.actor1 != b.actor1)
