"""Quotes: direct and indirect speech with resolved speakers.

Direct quotes are found by pairing quotation marks within a paragraph (straight and curly double quotes;
single quotes only where they clearly open a quote, e.g. at the start of a paragraph). A quote whose
closing mark is missing runs to the end of its paragraph. Indirect speech is a speech verb with a
subject ("Austin said he was confident ...", "..., officials said", "according to X, ..."); the verbs
include attributed beliefs and stances ("experts suspect ...", "the governor wants to ...", "called for
talks", "are demanding that ..."). A noun of saying with a "that" clause ("Mahamat's warning that ...")
and an impersonal passive ("it was reported that ...", no speaker) report content too.

Speakers are found in the quote's own sentence ("X said", "said X", "X told reporters", "according to
X"); failing that, a quote that stands alone takes the speaker of the quote just before it when that one
ends in the previous sentence. "he"/"she" are resolved only when one person is in view; otherwise the
speaker keeps the pronoun as its name. A quote with no speaker in the text gets ``speaker=None``: no
speaker is ever invented. The words the finder relies on live in ``data/quotes/speech.yaml``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, islice
from operator import itemgetter
from pathlib import Path

from eventdesk.datafiles import fail, read_yaml
from eventdesk.extract.patterns import trie_pattern, word_runs_pattern
from eventdesk.extract.segment import Doc, Sentence
from eventdesk.records import Actor, Quote, Span, Speaker, stable_id
from eventdesk.settings import Settings

DATA = Path(__file__).parent / "data" / "quotes" / "speech.yaml"

_LISTS = (
    "speech_verbs",
    "fragment_verbs",
    "weak_verbs",
    "verb_followers",
    "subject_gap",
    "titles",
    "role_nouns",
    "modifiers",
    "pronouns",
    "anonymity_markers",
    "not_names",
    "not_speakers",
    "object_verbs",
    "participles",
    "unnamed_roles",
    "noun_cues",
    "passive_cues",
)
_TOKEN = re.compile(r"\S+")
_SPAN = re.Match.span  # (start, end) of a match, as a function for ``map``
_START_END = itemgetter(0, 1)
# Punctuation that cannot stand inside the head word of a speaker phrase (but for titles: "Gov.").
_HEAD_BREAKS = frozenset('"“”.!?;:')
_Cue = re.Match[str]  # a speech verb in the text, as matched by QuoteFinder's cue pattern
_EDGE_PUNCT = ',;:!?"“”‘’()[]'
_CONTRACTION = re.compile(r"[’'](?:ve|re|ll|d|m|s|t)$", re.I)
# Words whose "'s" is "is" or "has" rather than a possessive ("Let's", "What's", "Who's").
_S_CONTRACTIONS = frozenset({"let", "what", "who", "where", "how", "why", "there", "here", "that", "everyone"})
_CONNECTORS = frozenset({"of", "al", "al-", "bin", "ibn", "de", "la", "van", "von", "der", "du", "&"})
_DETERMINERS = frozenset({"a", "an", "the", "one", "another"})
_RESOLVABLE = frozenset({"he", "she"})
_PERSON_KINDS = frozenset({"person", "official"})
# Two apostrophes ('') stand for a double quotation mark in some newswire (the New York Times).
_QUOTE_MARK = re.compile(r"''|[\"“”'‘’]")
_DOUBLE_MARK = re.compile(r"''|[\"“”]")
_DOUBLE_CHARS = frozenset('"“”')
_MARK_CHARS = ('"', "“", "”", "‘", "’")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
_THAT = frozenset({"that"})
_CONTINUERS = frozenset({"a", "an", "the", "his", "her", "their", "its"})
# The first word of reported content must look like the start of a clause, not more attribution.
_CONTENT_START = re.compile(r"[\w“\"'‘(]")
# Straight single quote that opens a quote: start of paragraph or after space/bracket/dash/colon, then
# an upper-case letter or digit (so apostrophes such as "'90s" or "rock 'n' roll" are rare misfires).
_OPENERS_BEFORE = " \t\n(—–-:"
# '"..." ― Name': a dash after the closing mark, then the speaker.
_DASH_SPEAKER = re.compile(r"[ \t]*([―—–]|--)[ \t]*(?=[A-Z])")
# Clause boundaries: a cue before one of these does not govern a quote after it.
_DASHES = frozenset({"―", "—", "–", "--"})
# Words that may join a new clause to reported content: ", though she noted ...".
# A past-tense or present verb right after a sentence's subject ("blasted", "urges", "defended").
_VERB_LIKE = re.compile(
    r"[a-z]{3,}(?:ed|es|s)|said|told|sought|made|took|gave|went|came|got|put|spoke|wrote|drew|threw|struck"
    r"|fought|brought|thought|led|left|held|kept|met|sent|set|stood|won|lost|saw|began|became|broke|chose|knew"
)
# Words opening a sentence with a phrase before its subject ("In an interview, ...", "After ...").
_OPENERS = frozenset(
    {
        "in",
        "on",
        "at",
        "after",
        "before",
        "during",
        "since",
        "while",
        "when",
        "as",
        "asked",
        "following",
        "speaking",
        "writing",
        "citing",
        "despite",
        "earlier",
        "later",
    }
)
_AUXILIARIES = frozenset({"is", "was", "has", "had", "have", "are", "were", "will", "would", "also", "then", "later"})
# "the billionaire business mogul ": a determiner and one to five lower-case words.
_DESCRIPTION = re.compile(r"(?:the|a|an|one|another|his|her|their|its|[A-Z][\w.-]*[’']s)(?:\s+[a-z][\w’'-]*){1,5}\s*")
_LOWER_WORDS = re.compile(r"[a-z][\w’'-]*(?: [a-z][\w’'-]*)?")
_FINITE = frozenset(
    "is was were are am will would could should can may might must has have had did does do isn't wasn't "
    "won't can't didn't doesn't don't".split()
)
_PAST = re.compile(r"[a-z]{3,}ed")
# Words opening a relative clause or aside between a speaker and the verb: 'X, who ..., said'.
_RELATIVE_OPENERS = frozenset({"who", "whom", "whose", "which", "speaking", "citing", "writing", "asked"})
# Adjectives between a role noun and its phrase: 'a person familiar with', 'sources close to'.
_PHRASE_ADJECTIVES = frozenset({"familiar", "close", "closest", "knowledgeable", "briefed", "involved", "privy"})
# Unambiguous speech verbs: only these take a described subject ("The actress said"); "states",
# "found" or "observed" after a sentence's first words are more often something else.
_PLAIN_CUES = frozenset(
    "said says told tells added adds argued argues warned warns insisted insists wrote writes".split()
)
# A sentence-opening subject described rather than named: "The actress", "Some advocates for ...".
_OPENING_DESCRIPTION = re.compile(
    r"(?:The|A|An|One|Another|Some|Many|Several|Most|Other|Two|Three|Four|His|Her|Their)"
    r"(?:\s+[a-z][\w’'-]*){1,6}\s*"
)
# Words that end the head of a source phrase: 'early results | of the exit poll conducted by ...'.
_SOURCE_PHRASE_STOPS = frozenset(
    {"of", "by", "from", "for", "in", "on", "at", "with", "conducted", "released", "published", "issued", "that"}
)
# Prepositions that attach a phrase to a role noun: 'a source in the ministry', 'a doctor at the hospital'.
_PHRASE_PREPOSITIONS = frozenset(
    {"in", "at", "on", "with", "from", "for", "of", "to", "inside", "within", "near", "close"}
)
_COORDINATORS = frozenset({"and", "or", "but"})
# "by" after a cue marks a passive ('the plan proposed by the envoy'), but for the channel of a
# statement ('said by phone').
_BY_AFTER = re.compile(r"\s+by\s+(?!phone|telephone|email|e-mail|text|video|letter|satellite|radio)")
# A speech verb coordinated with an earlier verb of the same subject: '... and said', '... and also told'.
_AND_BEFORE = re.compile(r"\band\s+(?:also\s+|later\s+|then\s+)?$")
# A date after a participle: "published Wednesday", "released on Sunday", "filed last week".
_DATE_WORDS = frozenset(
    "on last this late early monday tuesday wednesday thursday friday saturday sunday week month year "
    "today yesterday morning evening night".split()
)
# Words that open a subordinate clause after a comma: ", a day after the group said ...".
_SUBORDINATORS = frozenset(
    {"after", "before", "when", "while", "as", "because", "since", "until", "although", "though"}
)
_CLAUSE_JOINERS = frozenset({"and", "but", "though", "although", "while", "whereas", "as", "yet"})
_CLAUSE_BREAK = re.compile(r",\s+(?:but|and|while|as|when|because|although|though)\b|;|\b(?:while|whereas)\b")
# A transcript turn: an upper-case speaker label and a colon opening the paragraph ("MR. PENCE: ...").
_CAPITALISED_CUES = frozenset(
    {
        "said",
        "says",
        "tells",
        "told",
        "adds",
        "added",
        "writes",
        "wrote",
        "asks",
        "asked",
        "warns",
        "warned",
        "urges",
        "urged",
        "insists",
        "insisted",
    }
)
# One or two capitalised words ending right before a surname ("John Kirby", "Lloyd J. Austin").
_GIVEN_NAMES = re.compile(r"(?<![\w’'-])(?:[A-Z][\w’'.-]+ ){1,2}$")
_INITIAL = re.compile(r"[A-Z]\.$")
# A wire dateline opening an article's first paragraph, which reported content never includes:
# "KADUNA, Nigeria - ", "LONDON (Reuters) - ", "Feb 26 - ", "BEIRUT, March 5 (AP) -- ",
# "Kaduna, Nigeria (AP) - " (a title-case place only with an agency or date in brackets).
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’/-]+(?: [A-Z][A-Z.'’/-]+){0,3}(?:,\s+[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2})?(?:\s+\d{1,2})?"
    r"(?:\s*\([A-Za-z .'’-]{1,30}\))?"
    r"|[A-Z][a-z]{2,8}\.? \d{1,2}(?:\s*\([A-Za-z .'’-]{1,30}\))?"
    r"|[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}(?:,\s+[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2})?"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.? \d{1,2})?\s*\([A-Za-z .'’-]{1,30}\))"
    r"\s*(?:--|[-–—―])\s+"
)
# A call for something ('called for a ceasefire', 'calls on Russia to withdraw') is a demand, reported
# like speech; the other uses of "call" name or describe ('called the strikes "...").
# The auxiliary of a progressive verb ('are demanding', 'has been saying', 'is now urging').
_PROGRESSIVE = re.compile(r"\b(?:is|are|was|were|been|am)\s+(?:(?:also|still|now|not|increasingly|openly)\s+)?$")
# Heads of a clause about the words said rather than a report of them: 'what he said', 'the words she said'.
_SAID_OBJECTS = frozenset(
    {"what", "whatever", "words", "remarks", "comments", "everything", "nothing", "something", "anything"}
)
# Function words left lower-case inside a title ('Return to the Sahel', 'Gone with the Wind').
_TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "with", "by", "from"}
)
# Endings of nouns for people by what they do or hold ('environmentalists', 'physicians'): such a
# lower-case word heads a speaker phrase like a listed role noun.
_AGENT_SUFFIXES = ("ists", "ians", "ist", "ian")
_THAT_CLAUSE = re.compile(r" that\s+")
_CALL_FOR = re.compile(r"\s+(?:for|on|upon)\s+")
_CALLS = frozenset({"called", "calls", "Called", "Calls"})
# The mark ``_said_clause`` leaves on a cue that governs no quote whatever is blocked around it.
_NEVER = -1
_TURN = re.compile(r"[\"“]?([A-Z][A-Z.’' -]{1,30}[A-Z.]):\s+")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists of ``speech.yaml`` as lower-case frozensets."""

    speech_verbs: frozenset[str]
    fragment_verbs: frozenset[str]
    weak_verbs: frozenset[str]
    verb_followers: frozenset[str]
    subject_gap: frozenset[str]
    titles: frozenset[str]
    role_nouns: frozenset[str]
    modifiers: frozenset[str]
    pronouns: frozenset[str]
    anonymity_markers: tuple[str, ...]
    not_names: frozenset[str]
    not_speakers: frozenset[str]
    object_verbs: frozenset[str]
    participles: frozenset[str]
    unnamed_roles: frozenset[str]
    noun_cues: frozenset[str]
    passive_cues: frozenset[str]


def load_lexicon(path: Path = DATA) -> Lexicon:
    """Read and validate ``speech.yaml``; errors name the file and line."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise fail(path, None, "expected a mapping of word lists")
    lists: dict[str, list[str]] = {}
    for name in _LISTS:
        words = data.get(name)
        if not isinstance(words, list) or not words:
            raise fail(path, data.get("__line__"), f"'{name}' must be a non-empty list of words")
        for word in words:
            if not isinstance(word, str) or not word.strip() or word != word.lower():
                raise fail(path, None, f"'{name}' has an entry that is not a lower-case word: {word!r}")
        lists[name] = words
    return Lexicon(
        **{n: frozenset(w) for n, w in lists.items() if n != "anonymity_markers"},
        anonymity_markers=tuple(lists["anonymity_markers"]),
    )


@dataclass(frozen=True, slots=True)
class _Markers:
    """Anonymity markers ("on condition of anonymity") as a case-blind pattern, searched only where one of
    their key words occurs: a case-blind alternation scans slowly, and most stretches hold none."""

    pattern: re.Pattern[str]
    keys: tuple[str, ...]

    @classmethod
    def of(cls, markers: tuple[str, ...]) -> _Markers:
        """Each marker's key word is its longest (the rarest) word."""
        keys = tuple(sorted({max(m.split(), key=len) for m in markers}))
        return cls(re.compile("|".join(map(re.escape, markers)), re.I), keys)

    def search(self, text: str, lo: int, hi: int) -> re.Match[str] | None:
        """As ``pattern.search(text, lo, hi)``."""
        stretch = text[lo:hi].lower()
        for key in self.keys:
            if key in stretch:
                return self.pattern.search(text, lo, hi)
        return None


@dataclass(slots=True)
class _Found:
    """A quote under construction (before ids and final speakers are assigned)."""

    start: int
    end: int
    kind: str
    cue: Span | None
    speaker: Speaker | None
    confidence: float
    unclosed: bool = False
    own_sentence_speaker: bool = False
    notes: list[str] = field(default_factory=list)


class QuoteFinder:
    """``QuoteFinder(settings)(doc, actors) -> list[Quote]`` in text order."""

    def __init__(self, settings: Settings, lexicon: Lexicon | None = None) -> None:
        self.settings = settings
        self.lex = lexicon or load_lexicon()
        verbs = sorted(self.lex.speech_verbs | self.lex.fragment_verbs | self.lex.participles, key=len, reverse=True)
        # Capitalised forms of the commonest verbs too: "Said Ellis:" and headline "Obama Says ...".
        # (Not of all verbs: "States" and "Reports" are nouns far more often than verbs.)
        self._cue_words = frozenset(verbs) | {v.capitalize() for v in verbs if v in _CAPITALISED_CUES}
        self._cue_pattern = word_runs_pattern(self._cue_words)
        # The same words after the non-letter before them: a pattern opening with a character class is
        # scanned by the regex engine's fast loop, where a look-behind is tried at every offset.
        self._cue_scan = re.compile(r"[^A-Za-z](?:" + trie_pattern(self._cue_words) + r")(?![A-Za-z])")
        self._anonymous = _Markers.of(self.lex.anonymity_markers)
        # Words between a sentence's subject and its verb: "also", "on Monday", "last week".
        self._subject_skips = (self.lex.subject_gap | self.lex.verb_followers) - _DETERMINERS - _CONTINUERS
        # Cue words that occur inside an anonymity marker ("asked" in "who asked not to be named").
        self._anonymity_words = frozenset(w for m in self.lex.anonymity_markers for w in m.split()) & self._cue_words
        # 'his claim that ...', 'Trump's view that ...': an owner, perhaps an adjective, a noun cue and "that".
        nouns = "|".join(sorted(map(re.escape, self.lex.noun_cues), key=len, reverse=True))
        passives = "|".join(sorted(map(re.escape, self.lex.passive_cues), key=len, reverse=True))
        self._noun_cue = re.compile(
            rf"\b(?P<owner>[Hh]is|[Hh]er|[Tt]heir|[Tt]he|[A-Z][\w.-]*[’']s)\s+(?:[a-z]+\s+)?(?P<noun>{nouns})\s+that\s+"
            # 'It was reported that ...', 'it is widely believed that ...': no speaker unless named ('by X').
            rf"|\b(?P<it>[Ii]t) (?:is|was|has been|had been) (?:[a-z]+ly )?(?P<passive>{passives}) that\s+"
        )

    def __call__(self, doc: Doc, actors: list[Actor]) -> list[Quote]:
        text = doc.text
        cues = _find_cues(text, self._cue_pattern, self._cue_scan)
        ctx = _Context(doc, actors, self.lex, cues, self._anonymous, self._subject_skips)
        found = self._direct(ctx)
        found += self._indirect(ctx, found)
        found += self._noun_cued(ctx, found)
        found.sort(key=lambda f: f.start)
        self._inherit(ctx, found)
        return [
            Quote(
                id=stable_id("qt", doc.key, f.start, f.end),
                text=text[f.start : f.end],
                start=f.start,
                end=f.end,
                kind=f.kind,  # type: ignore[arg-type]
                speaker=f.speaker,
                confidence=round(f.confidence, 2),
                cue=f.cue,
            )
            for f in found
        ]

    # ---- direct quotes -------------------------------------------------------------------------

    def _direct(self, ctx: _Context) -> list[_Found]:
        found: list[_Found] = []
        turns = {p: self._turn(ctx, *p) for p in ctx.paragraphs}
        # A transcript has several turns; one "BUSTED: ..." line is a headline, not a speaker.
        if sum(1 for t in turns.values() if t) < 2:
            turns = {}
        for p_start, p_end in ctx.paragraphs:
            turn = turns.get((p_start, p_end))
            if turn:
                found.append(turn)
                continue
            marks = ctx.marks_in(p_start, p_end)
            for mark_start, c_start, c_end, mark_end, closed in _quoted_spans(ctx.text, p_start, p_end, marks):
                quote = self._direct_quote(ctx, mark_start, c_start, c_end, mark_end, closed, p_end)
                if quote:
                    found.append(quote)
        return found

    def _direct_quote(
        self, ctx: _Context, ms: int, cs: int, ce: int, me: int, closed: bool, p_end: int
    ) -> _Found | None:
        text = ctx.text
        words = text.count(" ", cs, ce) + 1
        attribution = self._after(ctx, me, p_end) if closed else None
        title = words <= 5 and _title_like(text, cs, ce)
        if attribution is None:
            attribution = self._before(ctx, ms)
            if title and attribution is not None and attribution[0].text.lower() in ("told", "tells"):
                return None  # 'Sanders told MSNBC's "Morning Joe" that ...': the programme, not speech
        if attribution is None and (words < 3 or title):
            return None  # a scare-quoted word or name, or a quoted title ('the film "Return to the Sahel"')
        quote = _Found(cs, ce, "direct", None, None, 0.6, unclosed=not closed)
        if attribution:
            quote.cue, quote.speaker = attribution
            quote.confidence = 0.9
            quote.own_sentence_speaker = True
        else:
            subject = self._subject(ctx, ms)
            if subject is not None:
                quote.cue, quote.speaker = subject
                quote.confidence = 0.55
        return quote

    def _subject(self, ctx: _Context, ms: int) -> tuple[Span, Speaker] | None:
        """'Trump blasted the instructor, calling her a "horrible witness"': a quoted fragment inside a
        sentence that opens with a speaker phrase and its verb is taken to be that subject's words.
        A fallback for quotes with no speech verb in reach, hence the low confidence (0.55)."""
        text = ctx.text
        sentence = ctx.doc.sentence_at(ms)
        if ms - sentence.start < 8 or _QUOTE_MARK.search(text, sentence.start, ms):
            return None
        found = ctx.sentence_subject(sentence.start, ms)
        if found is None:
            return None
        np, verb = found
        if np[2] == "pronoun" and text[np[0]].islower():
            return None
        return Span(verb.start(), verb.end(), verb.group()), ctx.speaker(np[0], np[1], np[2], self._anonymous)

    def _after(self, ctx: _Context, me: int, p_end: int) -> tuple[Span, Speaker] | None:
        """'"...," Mr Kirby said' / '"...," said a US official': attribution right after the mark."""
        text = ctx.text
        dash = _DASH_SPEAKER.match(text, me, p_end)
        if dash:  # '"..." ― Jorge Falcon' (collected reader comments, epigraphs)
            np = ctx.np_after(dash.end() - 1, min(p_end, dash.end() + 60))
            if np is not None and np[2] != "pronoun":
                cue = Span(dash.start(1), dash.end(1), dash.group(1))
                return cue, ctx.speaker(np[0], np[1], np[2], self._anonymous)
        pos = me
        while pos < p_end and text[pos] in " ,—–-":
            pos += 1
        if pos >= p_end or not text[pos].isalpha():
            return None
        according = _ACCORDING.match(text, pos)
        if according:  # '"...," according to Reuters.'
            np = ctx.np_after(according.end() - 1, p_end)
            if np is not None:
                cue = Span(according.start(), according.start() + 12, text[according.start() : according.start() + 12])
                return cue, ctx.speaker(np[0], np[1], np[2], self._anonymous)
        window_end = min(p_end, pos + 160)
        # A verb inside an apposition or relative clause ('a resident, who asked not to be named,
        # told reporters') is not the attribution's verb: take the first cue outside one.
        cue = next((c for c in ctx.cues_in(pos, window_end) if not _in_relative_clause(text, pos, c.start())), None)
        gap = text.count(" ", pos, cue.start()) if cue else 0
        if (
            not cue
            or gap > (16 if "," in text[pos : cue.start()] else 8)
            or _DOUBLE_MARK.search(text, pos, cue.start())
        ):
            return None
        last = me - 1
        while last > 0 and text[last] in "\"”'’":
            last -= 1
        if text[last] == "." and not self._attribution_ends(ctx, cue, p_end):
            # '"... the timing." Gov. Pat McCrory said it would be ...': the quote closed its sentence
            # and the verb after it reports new content; it is not this quote's attribution.
            return None
        cue_span = Span(cue.start(), cue.end(), cue.group())
        if cue.start() == pos:  # inverted: said X
            np = ctx.np_after(cue.end(), p_end)
        else:
            np = ctx.np_before(pos, cue.start()) or _described(text, pos, cue.start())
            # The phrase must start right after the mark, or after a short run-on that ends in a
            # comma ('"..." for criminal behavior, she said').
            run_on = text[pos : np[0]].rstrip() if np else ""
            same_sentence = ctx.doc.sentence_index(pos) == ctx.doc.sentence_index(cue.start())
            # "panel Chairman Rep. Jason Chaffetz said", but not "when he said" (a new clause).
            modifiers = (
                bool(_LOWER_WORDS.fullmatch(run_on))
                and np is not None
                and np[2] != "pronoun"
                and not any(w in self.lex.not_names for w in run_on.split())
            )
            if np is None or (np[0] != pos and not ((run_on.endswith(",") or modifiers) and same_sentence)):
                return None
        if np is None:
            return None
        return cue_span, ctx.speaker(np[0], np[1], np[2], self._anonymous)

    def _attribution_ends(self, ctx: _Context, cue: _Cue, p_end: int) -> bool:
        """True when nothing but a speaker and time or place words follow the verb in its sentence."""
        sentence_end = ctx.doc.sentence_at(cue.start()).end
        pos = ctx.skip_followers(cue.end(), min(p_end, sentence_end), told=cue.group() in ("told", "tells"))
        np = ctx.np_after(cue.end(), sentence_end) if pos == cue.end() else None
        if np is not None:
            pos = np[1]
        rest = ctx.text[pos:sentence_end].lstrip()
        return not rest or rest[0] in ',.;:!?"”'

    def _before(self, ctx: _Context, ms: int) -> tuple[Span, Speaker] | None:
        """'X said: "..."', 'X called the strikes "..."', 'according to X, the strike "..."'."""
        text = ctx.text
        sentence = ctx.doc.sentence_at(ms)
        lo = max(sentence.start, ctx.last_mark_before(ms))
        according = None
        for match in _ACCORDING.finditer(text, lo, ms):
            according = match  # the last one before the quote
        if according:
            np = ctx.np_after(according.end() - 1, ms)
            if np:
                cue = Span(according.start(), according.start() + 12, text[according.start() : according.start() + 12])
                return cue, ctx.speaker(np[0], np[1], np[2], self._anonymous)
        # The nearest cue with a subject wins: 'X said: "..."' (a few words between) or 'X said that
        # the plan was "..."' (the quote is part of reported speech; further away, lower confidence).
        for cue in reversed(ctx.cues_in(lo, ms)):
            gap = text.count(" ", cue.end(), ms)
            if gap > (8 if cue.group() in self.lex.fragment_verbs else 30):
                break
            if gap > 8 and _CLAUSE_BREAK.search(text, cue.end(), ms):
                break
            if cue.group() in self.lex.participles:
                # '..., saying "..."': the speaker is the subject of the sentence's main verb.
                found = ctx.sentence_subject(sentence.start, cue.start())
                if found is not None:
                    np = found[0]
                    return Span(cue.start(), cue.end(), cue.group()), ctx.speaker(np[0], np[1], np[2], self._anonymous)
                continue
            np = ctx.np_before(lo, cue.start())
            if np is not None:
                return Span(cue.start(), cue.end(), cue.group()), ctx.speaker(np[0], np[1], np[2], self._anonymous)
        # 'Pollsters agree - Carl Bialik: "..."': a name and a colon right before the quote.
        colon = text[lo:ms].rstrip()
        if colon.endswith(":"):
            at = lo + len(colon) - 1
            np = ctx.np_before(max(lo, at - 80), at)
            if np is not None and np[2] == "proper":
                return Span(at, at + 1, ":"), ctx.speaker(np[0], np[1], np[2], self._anonymous)
        return None

    def _turn(self, ctx: _Context, p_start: int, p_end: int) -> _Found | None:
        """A transcript turn ('WALLACE: Let's start with ...'): the label is the speaker."""
        match = _TURN.match(ctx.text, p_start, p_end)
        if not match:
            return None
        start, end = _trim(ctx.text, match.end(), p_end)
        if end - start < 2:
            return None
        label = match.group(1)
        if label.lower() in self.lex.not_speakers:
            return None
        cue = Span(match.start(1), match.end(1), label)
        speaker = Speaker(name=label, start=match.start(1), end=match.end(1))
        return _Found(start, end, "direct", cue, speaker, 0.8, own_sentence_speaker=True)

    # ---- indirect speech -----------------------------------------------------------------------

    def _indirect(self, ctx: _Context, direct: list[_Found]) -> list[_Found]:
        blocked = [(f.start - 1, f.end + 1) for f in direct]
        used_cues = {f.cue.start for f in direct if f.cue}
        # A sentence lies inside a direct quote when a quote starting before it ends after it.
        blocked_starts = [a for a, _ in blocked]
        furthest_ends = list(accumulate((b for _, b in blocked), max))
        found: list[_Found] = []
        for sentence in ctx.doc.sentences:
            s_start, s_end = sentence.start, sentence.end
            if not ctx.speech_in(s_start, s_end):
                continue  # most sentences have neither a speech verb nor "according to"
            i = bisect_right(blocked_starts, s_start)
            if i and furthest_ends[i - 1] >= s_end:
                continue  # inside a direct quote
            # 'Residents said they heard blasts, according to local radio': the residents are the
            # speakers, the radio the channel. "according to" speaks only when no verb does.
            according = self._according(ctx, s_start, s_end, blocked)
            if according is None or according.cue is None or according.cue.start < according.end:
                found += [according] if according else self._said_clauses(ctx, s_start, s_end, blocked, used_cues)
                continue
            said = self._said_clauses(ctx, s_start, s_end, blocked, used_cues)
            found += [q for q in said if q.end <= according.cue.start] or [according]
        return found

    def _according(self, ctx: _Context, s_start: int, s_end: int, blocked: list[tuple[int, int]]) -> _Found | None:
        text = ctx.text
        match = ctx.according_in(s_start, s_end)
        if not match or _in_any(blocked, match.start()):
            return None
        at_start = match.start() <= s_start + 1
        np = ctx.np_after(match.end() - 1, s_end) or _source_phrase(text, match.end(), s_end, at_start)
        if np is None:
            return None
        cue = Span(match.start(), match.start() + 12, text[match.start() : match.start() + 12])
        if at_start:  # According to X, CONTENT.
            comma = text.find(",", np[1], s_end)
            if comma < 0 or comma - np[1] > 120:
                return None
            c_start, c_end = _trim(text, comma + 1, s_end)
        else:  # CONTENT, according to X.
            c_start, c_end = _trim(text, s_start, match.start())
            c_start = _skip_dateline(text, c_start, c_end)
        if c_end - c_start < 10 or _overlaps_any(blocked, c_start, c_end):
            return None
        speaker = ctx.speaker(np[0], np[1], np[2], self._anonymous)
        return _Found(c_start, c_end, "indirect", cue, speaker, 0.7, own_sentence_speaker=True)

    def _said_clauses(
        self, ctx: _Context, s_start: int, s_end: int, blocked: list[tuple[int, int]], used_cues: set[int]
    ) -> list[_Found]:
        """Reported speech in one sentence: one quote per speech verb with a subject, each running to
        the next clause that has a speaker of its own ("Lynch said ..., though she noted ...")."""
        found: list[_Found] = []
        # Only the spans touching this sentence can block a cue or content in it.
        taken = [(a, b) for a, b in blocked if a < s_end and b > s_start]
        # Cue start -> the left bound of its subject search when it last gave no quote. Taking more of
        # the sentence only blocks more, so such a cue gives none again unless that bound moved.
        failed: dict[int, int] = {}
        cues = ctx.cues_in(s_start, s_end)
        # A trailing attribution ("..., the source added.") governs the whole sentence, even when the
        # sentence itself reports speech ("Clinton had told police that ..., the source added").
        if len(cues) > 1 and _tail_is_empty(ctx.text, cues[-1].end(), s_end):
            cues = [cues[-1], *cues[:-1]]
        while True:
            quote = self._said_clause(ctx, cues, s_start, s_end, taken, used_cues, failed)
            if quote is None:
                return found
            found.append(quote)
            taken.append((quote.start, quote.end))
            if quote.cue is not None:
                used_cues.add(quote.cue.start)

    def _said_clause(
        self,
        ctx: _Context,
        cues: list[_Cue],
        s_start: int,
        s_end: int,
        blocked: list[tuple[int, int]],
        used_cues: set[int],
        failed: dict[int, int],
    ) -> _Found | None:
        """The first quote that one of ``cues`` (the sentence's, in the order to try them) governs, or
        None; records the cues that give none in ``failed``."""
        text = ctx.text
        for cue in cues:
            at = cue.start()
            if at in used_cues or failed.get(at) == _NEVER or (blocked and _in_any(blocked, at)):
                continue
            if self._never_governs(text, cue, s_start):
                failed[at] = _NEVER  # the same on every later call for this sentence
                continue
            word = cue.group()
            lo = max([s_start] + [b for a, b in blocked if s_start < b <= at]) if blocked else s_start
            if failed.get(at) == lo:
                continue
            failed[at] = lo
            confidence = 0.5 if word in self.lex.weak_verbs else 0.7
            participle = word in self.lex.participles
            progressive = _PROGRESSIVE.search(text, max(lo, cue.start() - 40), cue.start()) if participle else None
            if progressive:
                # 'Democrats are demanding that ...', 'she has been saying ...': the subject before the
                # auxiliary, as for a finite verb.
                np = ctx.np_before(lo, progressive.start())
            elif participle:
                # '..., saying the group must withdraw': the subject of the sentence's main verb, or
                # of the speech verb before the participle ('"...," he told the group, adding that ...').
                subject = ctx.sentence_subject(s_start, cue.start())
                np = subject[0] if subject else self._earlier_speaker(ctx, cues, cue, s_start)
            else:
                np = ctx.np_before(lo, cue.start())
            if np is None and text.find("and", lo, at) >= 0 and _AND_BEFORE.search(text, lo, at):
                # 'X, speaking by phone, dismissed the offer and said ...': the sentence's subject.
                subject = ctx.sentence_subject(s_start, cue.start())
                np = subject[0] if subject else None
            if np is not None and np[0] > lo and _object_relative(text, lo, np[0]):
                continue  # 'What the president said at the funeral was ...': the saying, not its content
            if np is not None:
                # 'Austin, who recommended the strikes, said ...': a relative clause ends at its comma.
                relative_end = text.find(",", cue.end(), s_end) if _after_relative(text, np[1], at) else -1
                clause_end = relative_end if relative_end >= 0 else s_end
                quote = self._clause_after(ctx, cue, np, s_start, clause_end, blocked, confidence)
                if quote:
                    return quote
            elif word in _PLAIN_CUES and (np := _opening_description(text, s_start, cue.start())) is not None:
                # 'The actress said she was tired ...': a described subject opening the sentence.
                quote = self._clause_after(ctx, cue, np, s_start, s_end, blocked, confidence - 0.1)
                if quote:
                    return quote
            elif text[s_start : cue.start()].rstrip().endswith(","):
                # CONTENT, said X.
                np = ctx.np_after(cue.end(), s_end)
                if np and (_tail_is_empty(text, np[1], s_end) or ctx.followers_end(np[1], s_end)):
                    comma = text.rindex(",", s_start, cue.start())
                    return self._content(ctx, cue, np, s_start, comma, blocked, confidence - 0.1)
        return None

    def _never_governs(self, text: str, cue: _Cue, s_start: int) -> bool:
        """Whether the cue cannot report speech whatever its subject: a fragment verb but for 'called for',
        a passive ('proposed by the envoy') or a verb of an anonymity clause ('who asked not to be named')."""
        word = cue.group()
        if word in self.lex.fragment_verbs and not _call_for(text, cue):
            return True  # 'called the strikes "..."' carries a fragment; 'called for talks' a demand
        if _BY_AFTER.match(text, cue.end()):
            return True  # a passive: 'the plan proposed by the envoy', 'a claim denied by the army'
        if word in self._anonymity_words:
            at = cue.start()
            marker = self._anonymous.search(text, max(s_start, at - 12), cue.end() + 30)
            return marker is not None and marker.start() <= at < marker.end()
        return False

    def _earlier_speaker(
        self, ctx: _Context, cues: list[_Cue], participle: _Cue, s_start: int
    ) -> tuple[int, int, str] | None:
        """For '..., adding that ...', the subject of the last speech verb before the comma in the same
        sentence ('he told the group, adding ...'), or None."""
        if not ctx.text[s_start : participle.start()].rstrip().endswith(","):
            return None
        earlier = [c for c in cues if c.end() <= participle.start() and c.group() not in self.lex.participles]
        if not earlier:
            return None
        last = max(earlier, key=lambda c: c.start())
        return ctx.np_before(s_start, last.start())

    def _clause_after(
        self,
        ctx: _Context,
        cue: _Cue,
        np: tuple[int, int, str],
        s_start: int,
        s_end: int,
        blocked: list[tuple[int, int]],
        confidence: float,
    ) -> _Found | None:
        """'X said (on Monday) (that) CONTENT' or 'CONTENT, X said.'"""
        text = ctx.text
        before = text[s_start : np[0]].rstrip()
        pos = ctx.skip_followers(cue.end(), s_end, told=cue.group() in ("told", "tells", "asked", "asks"))
        call_for = _call_for(text, cue)
        if call_for:
            pos = call_for.end()  # 'called for an inquiry': the demand is the content, not "for"
        rest = _skip_space(text, pos + 1, s_end)
        aside = text.startswith(",", pos) and self._clause_follows(text, rest, s_end)
        if before.endswith(",") and aside and _looks_like_clause(text, rest, s_end):
            # 'This campaign, he says, is different': the attribution is an aside inside the content.
            return self._content(ctx, cue, np, s_start, s_end, blocked, confidence - 0.1)
        if before.endswith(",") and ctx.attribution_ends(cue, s_end):
            return self._content(ctx, cue, np, s_start, s_start + len(before) - 1, blocked, confidence - 0.1)
        if aside and not before.endswith(","):
            # 'Rubio says, win or lose in Florida, he is staying': an aside, then the clause.
            closing = text.find(",", rest, s_end)
            if closing < 0 or not _looks_like_clause(text, _skip_space(text, closing + 1, s_end), s_end):
                return None
            pos = rest
        participle = _TOKEN.match(text, pos, s_end) if before.endswith(",") else None
        if participle and participle.group().lower() in self.lex.participles and text[:pos].rstrip().endswith(","):
            # 'CONTENT, officials said on Friday, adding that ...': the participle opens a new report.
            return self._content(ctx, cue, np, s_start, s_start + len(before) - 1, blocked, confidence - 0.1)
        if (
            before.endswith(",")
            and not _looks_like_clause(text, pos, s_end)
            and _looks_like_clause(text, s_start, s_start + len(before))
        ):
            # 'CONTENT, a resident said by phone from Gusau, the state capital.'
            return self._content(ctx, cue, np, s_start, s_start + len(before) - 1, blocked, confidence - 0.1)
        if pos >= s_end or not _CONTENT_START.match(text, pos) or text[pos] in "\"“'‘":
            return None
        if cue.group().lower() in self.lex.object_verbs and not _looks_like_clause(text, pos, s_end):
            return None  # "Islamic State claimed responsibility for the attack": an object, not speech
        return self._content(ctx, cue, np, pos, self._content_end(ctx, pos, s_end), blocked, confidence)

    def _clause_follows(self, text: str, pos: int, s_end: int) -> bool:
        """Whether the words at ``pos`` (after 'X said,') carry on the content, not describe the
        speaker ('who spoke on condition of anonymity', 'speaking by phone', 'according to ...')."""
        first = _TOKEN.match(text, pos, s_end)
        if first is None or not _CONTENT_START.match(first.group()):
            return False
        low = first.group().lower().strip(",")
        return not (
            low in _RELATIVE_OPENERS
            or low in self.lex.participles
            or low.endswith("ing")
            or low in ("according", "adding", "a", "an", "the", "citing")
            or self._anonymous.search(text, pos, min(s_end, pos + 80))
        )

    def _content_end(self, ctx: _Context, pos: int, s_end: int) -> int:
        """Where reported content starting at ``pos`` stops: a semicolon, or a later clause with a
        speaker of its own (", though she noted ...", "; officials said ...")."""
        text = ctx.text
        semicolon = text.find(";", pos, s_end)
        end = semicolon if semicolon >= 0 else s_end
        according = ctx.according_in(pos, end)
        if according and text[pos : according.start()].rstrip().endswith(","):
            end = according.start()
        for cue in ctx.cues_in(pos, end):
            if text.find(",", pos, cue.start()) < 0:
                continue  # no comma before the cue, so none before its subject either
            np = ctx.np_before(pos, cue.start())
            if np is None:
                continue
            comma = text.rfind(",", pos, np[0])
            if comma < 0:
                continue
            between = [w.lower() for w in text[comma + 1 : np[0]].split()]
            # ", though she noted", ", a day after the group said": a clause of its own.
            if all(w in _CLAUSE_JOINERS for w in between) or (
                len(between) <= 8 and any(w in _SUBORDINATORS for w in between)
            ):
                return comma
        return end

    def _content(
        self,
        ctx: _Context,
        cue: _Cue,
        np: tuple[int, int, str],
        start: int,
        end: int,
        blocked: list[tuple[int, int]],
        confidence: float,
    ) -> _Found | None:
        c_start, c_end = _trim(ctx.text, start, end)
        c_start = _skip_dateline(ctx.text, c_start, c_end)
        if ctx.text.count(" ", c_start, c_end) < 2 or _overlaps_any(blocked, c_start, c_end):
            return None
        speaker = ctx.speaker(np[0], np[1], np[2], self._anonymous)
        return _Found(
            c_start,
            c_end,
            "indirect",
            Span(cue.start(), cue.end(), cue.group()),
            speaker,
            confidence,
            own_sentence_speaker=True,
        )

    def _noun_cued(self, ctx: _Context, found: list[_Found]) -> list[_Found]:
        """'Trump's claim that the election was rigged', 'their view that ...': the clause after a noun
        of saying or believing is attributed to the noun's owner ("the claim that ..." has no speaker);
        'it was reported that ...' has no speaker either. Only where no other quote already covers the
        clause."""
        text = ctx.text
        taken = [(f.start, f.end) for f in found]
        out: list[_Found] = []
        for that in _THAT_CLAUSE.finditer(text):
            # Most "that"s follow no noun cue: look up the word before it first, then match the phrase.
            at = that.start()
            before = text[text.rfind(" ", max(0, at - 20), at) + 1 : at]
            if before not in self.lex.noun_cues and before not in self.lex.passive_cues:
                continue
            match = self._noun_cue.search(text, max(0, that.start() - 80), that.end())
            if match is None or match.end() != that.end():
                continue
            pos = match.end()
            if _in_any(taken, pos) or _relative_that(text, pos):
                continue
            sentence = ctx.doc.sentence_at(pos)
            start, end = _trim(text, pos, self._content_end(ctx, pos, sentence.end))
            if text.count(" ", start, end) < 2 or _overlaps_any(taken, start, end):
                continue
            owner = match.group("owner") or "the"
            speaker = None
            if owner.lower() != "the":
                o_start, o_end = match.span("owner")
                if owner.lower() in ("his", "her", "their"):
                    speaker = Speaker(name=owner, start=o_start, end=o_end)
                else:
                    np = ctx.np_before(sentence.start, o_end - 2)  # the name without its "'s"
                    if np is not None:
                        speaker = ctx.speaker(np[0], np[1], np[2], self._anonymous)
            word = "noun" if match.group("noun") else "passive"
            cue = Span(match.start(word), match.end(word), match.group(word))
            out.append(_Found(start, end, "indirect", cue, speaker, 0.5, own_sentence_speaker=speaker is not None))
            taken.append((start, end))
        return out

    # ---- speakers across sentences -------------------------------------------------------------

    def _inherit(self, ctx: _Context, found: list[_Found]) -> None:
        """Give stand-alone quotes the speaker of the quote before them; resolve he/she."""
        doc = ctx.doc
        # A paragraph whose quote runs on without a closing mark is continued by the next paragraph's
        # quote, whose attribution (if any) is the speaker of both.
        for i in range(len(found) - 2, -1, -1):
            cur, nxt = found[i], found[i + 1]
            runs_on = cur.unclosed and cur.speaker is None and nxt.speaker is not None and nxt.kind == "direct"
            if runs_on and doc.sentence_at(nxt.start).paragraph == doc.sentence_at(cur.start).paragraph + 1:
                cur.speaker, cur.cue, cur.confidence = nxt.speaker, nxt.cue, 0.75
        for i, quote in enumerate(found):
            if quote.speaker is not None:
                if quote.speaker.name and quote.speaker.name.lower() in _RESOLVABLE:
                    ctx.resolve_pronoun(quote, found[:i])
                continue
            if quote.kind != "direct":
                continue
            here = doc.sentence_index(quote.start)
            prev = found[i - 1] if i else None
            # A quote attributed by a trailing dash ('"..." ― Name') lends its speaker to no other quote:
            # in such lists, every quote carries its own attribution.
            dashed = prev is not None and prev.cue is not None and prev.cue.text in _DASHES
            if prev and prev.speaker is not None and not dashed and doc.sentence_index(prev.end) >= here - 1:
                quote.speaker = prev.speaker
                quote.cue = prev.cue
                quote.confidence = 0.7
            elif here > 0:
                self._introduced(ctx, quote, doc.sentences[here - 1])

    def _introduced(self, ctx: _Context, quote: _Found, sentence: Sentence) -> None:
        """'Trump wrote on Twitter:' + a quote in the next sentence or paragraph."""
        text = ctx.text
        if not text[sentence.start : sentence.end].rstrip().endswith(":"):
            return
        for cue in reversed(ctx.cues_in(sentence.start, sentence.end)):
            np = ctx.np_before(sentence.start, cue.start())
            if np is not None:
                quote.speaker = ctx.speaker(np[0], np[1], np[2], self._anonymous)
                quote.cue = Span(cue.start(), cue.end(), cue.group())
                quote.confidence = 0.75
                return


class _Context:
    """Per-article helpers: paragraphs, noun phrases around cues and speaker construction."""

    def __init__(
        self,
        doc: Doc,
        actors: list[Actor],
        lex: Lexicon,
        cues: list[_Cue],
        anonymous_re: _Markers,
        subject_skips: frozenset[str] = frozenset(),
    ) -> None:
        """``subject_skips``: words that may stand between a sentence's subject and its verb
        ("also", "on Monday"), built once by ``QuoteFinder``."""
        self.doc = doc
        self.cues = cues
        self._cue_starts = [c.start() for c in cues]
        self._cue_ends = [c.end() for c in cues]
        self._according_starts = _according_starts(doc.text)
        # Actor mentions by start offset, so that finding the actor at a speaker is a bisection.
        self._mentions = sorted(((m.start, m.end, a) for a in actors for m in a.mentions), key=_START_END)
        self._mention_starts = [m[0] for m in self._mentions]
        self._longest_mention = max((m[1] - m[0] for m in self._mentions), default=0)
        self.anonymous_re = anonymous_re
        self.text = doc.text
        self.actors = actors
        self.lex = lex
        self.paragraphs = _paragraph_spans(doc)
        # Every quotation mark (single ones too), and the double ones' starts and ends for bisection.
        self.quote_marks = _quote_marks(self.text)
        self._quote_mark_starts = [k for k, _ in self.quote_marks]
        double = [(k, e) for k, e in self.quote_marks if e - k == 2 or self.text[k] in _DOUBLE_CHARS]
        self._marks = [k for k, _ in double]
        self._mark_ends = [e for _, e in double]
        self._full_names: dict[str, str | None] = {}
        # Speaker phrases found as the antecedent of a relative pronoun ("leaders who say"), with the
        # pronoun's span: the speaker's mention is the pronoun, its name the antecedent (as "he" is
        # resolved to a name). A cache of this article's phrases, like ``_full_names``.
        self._relatives: dict[tuple[int, int], tuple[int, int]] = {}
        self._phrases_before: dict[tuple[int, int], tuple[int, int, str] | None] = {}
        # Speakers of the proper-name phrases looked at by ``resolve_pronoun`` (read, never handed out).
        self._candidates: dict[tuple[int, int], Speaker] = {}
        self._subject_skips = subject_skips
        # Pronouns that ``_np_in`` takes as they stand when they end its window (none is a word it skips).
        self._bare_pronouns = lex.pronouns - lex.subject_gap - _DATE_WORDS - _DETERMINERS - _CONTINUERS - _COORDINATORS
        # Words that, ending the window, make ``_np_in`` find no phrase (none is skipped before the head).
        self._dead_ends = (_DETERMINERS | _CONTINUERS | _COORDINATORS) - lex.subject_gap - _DATE_WORDS

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping [start, end), preferring the longest mention (as
        ``spans.actor_at``, but through the index built at construction)."""
        best: tuple[int, Actor] | None = None
        i = bisect_left(self._mention_starts, start - self._longest_mention)
        while i < len(self._mentions) and self._mentions[i][0] < end:
            m_start, m_end, actor = self._mentions[i]
            if m_end > start and (best is None or m_end - m_start > best[0]):
                best = (m_end - m_start, actor)
            i += 1
        return best[1] if best else None

    def speech_in(self, lo: int, hi: int) -> bool:
        """Whether [lo, hi) holds a speech cue or an "according to"."""
        i = bisect_left(self._cue_starts, lo)
        if i < len(self._cue_starts) and self._cue_starts[i] < hi:
            return True
        j = bisect_left(self._according_starts, lo)
        return j < len(self._according_starts) and self._according_starts[j] < hi

    def according_in(self, lo: int, hi: int) -> re.Match[str] | None:
        """The first "according to" match in [lo, hi), as ``_ACCORDING.search(text, lo, hi)`` gives it,
        but tried only at the offsets found at construction (most sentences have none)."""
        i = bisect_left(self._according_starts, lo)
        while i < len(self._according_starts) and self._according_starts[i] < hi:
            match = _ACCORDING.match(self.text, self._according_starts[i], hi)
            if match:
                return match
            i += 1
        return None

    def cues_in(self, lo: int, hi: int) -> list[_Cue]:
        """The speech cues that lie wholly inside [lo, hi), in text order."""
        # Cues never overlap, so their ends rise with their starts and both bounds are bisections.
        i = bisect_left(self._cue_starts, lo)
        return self.cues[i : bisect_right(self._cue_ends, hi, i)]

    def marks_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The quotation marks (start, end) that lie wholly inside [lo, hi), in text order."""
        i = bisect_left(self._quote_mark_starts, lo)
        j = bisect_left(self._quote_mark_starts, hi, i)
        marks = self.quote_marks[i:j]
        if marks and marks[-1][1] > hi:  # "''" cut by ``hi``: only its first half is inside
            marks[-1] = (marks[-1][0], hi)
        return marks

    def last_mark_before(self, pos: int) -> int:
        """The end of the last double quotation mark before ``pos`` (0 if none)."""
        i = bisect_left(self._marks, pos)
        return self._mark_ends[i - 1] if i else 0

    # -- noun phrases

    def _kind(self, token: str) -> str | None:
        """'pronoun', 'proper', 'role' or None for the head word of a speaker phrase."""
        low = token.lower()
        lex = self.lex
        if low in lex.pronouns:
            return "pronoun"
        if low in lex.role_nouns or (len(low) > 6 and low.endswith(_AGENT_SUFFIXES) and token.islower()):
            return "role"
        if token[:1].isupper() and low not in lex.not_names and not self._contraction(token):
            return "proper"
        return None

    def _contraction(self, token: str) -> bool:
        """ "We've", "It's", "That's" are contractions; "Obama's" is a possessive name."""
        if "'" not in token and "’" not in token:
            return False  # most words (a membership test costs less than the pattern's search)
        match = _CONTRACTION.search(token)
        if match is None:
            return False
        if match.group().lower()[-1] != "s":
            return True
        stem = token[: match.start()].lower()
        return stem in self.lex.not_names or stem in self.lex.pronouns or stem in _S_CONTRACTIONS

    def np_before(self, lo: int, hi: int) -> tuple[int, int, str] | None:
        """The speaker phrase ending right before ``hi`` (a cue), as (start, end, head kind)."""
        # A speaker phrase with its apposition is never longer than this; looking further back only costs.
        window = (max(lo, hi - 200), hi)
        # The same cue is often looked at again (by later clauses, by pronoun resolution): reuse.
        if window not in self._phrases_before:
            self._phrases_before[window] = self._np_in(*window)
        return self._phrases_before[window]

    def _np_in(self, lo: int, hi: int) -> tuple[int, int, str] | None:
        """``np_before`` over exactly the window [lo, hi)."""
        text = self.text
        # 'he said', 'they say': a pronoun right before the cue is the whole phrase, whatever precedes it,
        # so the window need not be split into words (the most frequent phrase, and the cheapest).
        words = text[lo:hi].rstrip()
        tail = words.rsplit(None, 1)
        if tail and tail[-1].lower() in self._bare_pronouns:
            end = lo + len(words)
            return end - len(tail[-1]), end, "pronoun"
        if tail and tail[-1].lower() in self._dead_ends:
            return None  # 'the claim could not be verified', '... and urged': no phrase ends in "the"/"and"
        toks = list(map(_SPAN, _TOKEN.finditer(text, lo, hi)))
        i = len(toks) - 1
        gap = self.lex.subject_gap
        while i >= 0 and _is_gap_word(text[toks[i][0] : toks[i][1]], gap):
            i -= 1
        if i >= 0 and text[toks[i][1] - 1] == ",":
            # 'Lloyd Austin, who ..., said' -> 'Austin,'; when nothing before the comma names a
            # speaker, the phrase is itself the apposition ('One hopeful, Carly Fiorina, says').
            skipped = self._skip_apposition(toks, i)
            if skipped >= 0 or self._kind(text[toks[i][0] : toks[i][1] - 1]) not in ("proper", "role"):
                i = skipped
        while i >= 0 and text[toks[i][0]] == "(" and text[toks[i][1] - 1] == ")":
            i -= 1  # "Sen. Marco Rubio (R-FL) called"
        relative = None
        last = text[toks[i][0] : toks[i][1]].lower() if i > 0 else ""
        if last in _DATE_WORDS:
            i = self._skip_dated_participle(toks, i)
            last = text[toks[i][0] : toks[i][1]].lower() if i > 0 else ""
        if last in ("who", "which"):
            relative = toks[i]
            i -= 1  # "business leaders who say the law ...": the phrase before the relative pronoun
        if i < 0:
            return None
        head_start, head_end = toks[i]
        head = text[head_start:head_end].rstrip(",")
        low = head.lower()
        if not _HEAD_BREAKS.isdisjoint(head) and low not in self.lex.titles:
            return None
        if low in _DETERMINERS or low in _CONTINUERS:
            return None  # "The claim could not be verified": a noun after its article, not a verb
        if low in _COORDINATORS:
            return None  # "X thanked allies for ... and urged": the subject is the sentence's (see _AND_BEFORE)
        kind = self._kind(head.strip("‘’'"))
        if kind in ("role", "proper"):
            # 'a source in the interior ministry said', 'residents of Saravena said': the unnamed
            # people, not the ministry or the town.
            earlier = self._role_before_phrase(toks, i, self.lex.unnamed_roles)
            if earlier >= 0:
                i, kind = earlier, "role"
                head_start, head_end = toks[i]
                head = text[head_start:head_end]
        if kind is None:
            # 'a source in Ukraine's security service said': the role noun before a short
            # prepositional phrase is the head.
            i = self._role_before_phrase(toks, i)
            if i < 0:
                return None
            head_start, head_end = toks[i]
            head = text[head_start:head_end]
            kind = "role"
        end = head_start + len(head)
        start = head_start
        if kind != "pronoun":
            start = self._extend_left(toks, i, kind)
        if relative is not None:
            self._relatives[(start, end)] = relative
        return start, end, kind

    def _skip_dated_participle(self, toks: list[tuple[int, int]], i: int) -> int:
        """'A news report published Wednesday said', 'New polls released on Sunday showed': the
        index of the noun before the participle and its date (or ``i`` unchanged)."""
        text = self.text
        j = i
        while j > i - 3 and j > 0 and text[toks[j][0] : toks[j][1]].lower() in _DATE_WORDS:
            j -= 1
        if j == i or j < 1:
            return i
        participle = text[toks[j][0] : toks[j][1]]
        if not (participle.endswith("ed") and participle.islower()) or j < 1:
            return i
        return j - 1

    def _skip_apposition(self, toks: list[tuple[int, int]], i: int) -> int:
        """'Lloyd Austin, who recommended the strikes, said': the index of 'Austin,' (or -1).
        A relative clause ('who spoke on condition of anonymity because ...') may run longer than
        an apposition, and the phrase before it may end in a prepositional phrase ('a health
        worker at the district hospital, who ...')."""
        text = self.text
        for j in range(i - 1, max(-1, i - 30), -1):
            if text[toks[j][1] - 1] == ",":
                opener = text[toks[j + 1][0] : toks[j + 1][1]].lower()
                if i - j > 13 and opener not in _RELATIVE_OPENERS:
                    return -1
                word = text[toks[j][0] : toks[j][1] - 1]
                if word.isdigit() and j > 0:
                    continue  # an age: "Woodrow Benford, 58, who lives outside Minneapolis, says"
                if self._kind(word) in ("proper", "role"):
                    return j
                return self._role_before_phrase(toks, j)
        return -1

    def _role_before_phrase(self, toks: list[tuple[int, int]], i: int, roles: frozenset[str] | None = None) -> int:
        """For a phrase ending at token ``i`` such as 'a source in Ukraine's SBU security service',
        the index of the role noun ('source') followed by a preposition, or -1 (also when ``roles``
        is given and the noun is not one of them)."""
        text = self.text
        first = max(0, i - 10) + 1
        if first >= i or _PHRASE_PREPOSITIONS.isdisjoint(text[toks[first][0] : toks[i - 1][1]].lower().split()):
            return -1  # no preposition among the words looked at (one test in C instead of a loop)
        for j in range(i - 1, max(0, i - 10), -1):
            token = text[toks[j][0] : toks[j][1]]
            if token[-1] in ',;:"“”).':
                return -1
            if token.lower() not in _PHRASE_PREPOSITIONS:
                continue
            k = j - 1
            if k > 0 and text[toks[k][0] : toks[k][1]].lower() in _PHRASE_ADJECTIVES:
                k -= 1  # "a person familiar with the talks"
            role = text[toks[k][0] : toks[k][1]]
            if self._kind(role) == "role" and (roles is None or role.lower() in roles):
                return k
        return -1

    def _extend_left(self, toks: list[tuple[int, int]], i: int, kind: str) -> int:
        text = self.text
        lex = self.lex
        start = toks[i][0]
        for j in range(i - 1, max(-1, i - 9), -1):
            token = text[toks[j][0] : toks[j][1]]
            low = token.lower()
            if token[-1] in ',;:"“”)' or (token.endswith(".") and low not in lex.titles and len(token) > 4):
                break
            if low == "and" and kind == "role" and j > 0 and start == toks[i][0]:
                # "residents and police said": two speakers sharing the verb.
                other = text[toks[j - 1][0] : toks[j - 1][1]]
                if self._kind(other) == "role" and other.lower() in lex.unnamed_roles | lex.role_nouns:
                    start = toks[j - 1][0]
                    break
            if low in _DETERMINERS:
                start = toks[j][0]
                if low == "the" and kind == "proper" and j > 0 and text[toks[j - 1][0] : toks[j - 1][1]] == "of":
                    continue  # "Mr. Morgan of the Sierra Club"
                break
            proper = token[:1].isupper() and low not in lex.not_names and not self._contraction(token)
            if (
                proper
                or low in lex.titles
                or low in lex.modifiers
                or low in lex.role_nouns
                or (low in _CONNECTORS and kind == "proper")
            ):
                start = toks[j][0]
                continue
            break
        # Never start on a connector ("of State Mike Pompeo" -> "State Mike Pompeo").
        while True:
            first = _TOKEN.match(text, start)
            if first and first.group().lower() in _CONNECTORS and first.end() < toks[i][1]:
                start = first.end() + 1
                continue
            return start

    def np_after(self, pos: int, limit: int) -> tuple[int, int, str] | None:
        """The speaker phrase starting after ``pos`` ('said a US official, who ...', 'according to X')."""
        text = self.text
        toks = list(islice(map(_SPAN, _TOKEN.finditer(text, pos, min(limit, pos + 120))), 9))
        if not toks:
            return None
        start = toks[0][0]
        end = None
        kind = None
        for j, (a, b) in enumerate(toks):
            token = text[a:b]
            bare = token.rstrip('.,;:!?"”’)')
            low = bare.lower()
            if j == 0 and low in _DETERMINERS:
                continue
            if _INITIAL.match(token) or (j == 0 and any(ch.isdigit() for ch in bare)):
                continue  # "Oscar P. Quintero", "9/11 widow Terry Strada"
            k = self._kind(bare) if bare else None
            if k == "pronoun":
                if j == 0:
                    return a, a + len(bare), "pronoun"
                break
            if (
                k in ("proper", "role")
                or low in self.lex.titles
                or low in self.lex.modifiers
                or (low in _CONNECTORS and kind == "proper")
            ):
                if k in ("proper", "role"):
                    end, kind = a + len(bare), k
                if bare != token and low not in self.lex.titles and token.lower() not in self.lex.titles:
                    break  # punctuation closes the phrase (but not the point of "Brig.")
                continue
            break
        if end is None or kind is None:
            return None
        return start, end, kind

    def sentence_subject(self, start: int, limit: int) -> tuple[tuple[int, int, str], re.Match[str]] | None:
        """The speaker phrase that is the subject of the sentence at ``start`` and the verb after it,
        looking past an opening phrase ("In an interview on Thursday, the senator criticized") and an
        apposition ("Donald Trump, her opponent, bemoaned"). None when the sentence does not open so."""
        text = self.text
        first = _TOKEN.match(text, start)
        if first is not None and (first.group().lower() in _OPENERS or first.group().endswith("ing")):
            comma = text.find(",", start, min(limit, start + 100))
            if comma < 0:
                return None
            start = comma + 1
            while start < limit and text[start] == " ":
                start += 1
        np = self.np_after(start, limit)
        if np is None or np[0] != start:
            return None
        pos = np[1]
        if text.startswith(",", pos):  # skip an apposition
            comma = text.find(",", pos + 1, min(limit, pos + 80))
            pos = comma + 1 if comma > 0 else pos
        verb = _TOKEN.match(text, pos + 1) if pos < limit else None
        for _ in range(3):  # "The ministry on Monday expelled", "The army also said"
            if verb is None or verb.group().lower() not in self._subject_skips:
                break
            verb = _TOKEN.match(text, verb.end() + 1)
        if verb is not None and verb.group().lower() in _AUXILIARIES:  # "is labeling", "has called"
            verb = _TOKEN.match(text, verb.end() + 1)
        if verb is None or verb.end() > limit or not _VERB_LIKE.fullmatch(verb.group()):
            return None
        return np, verb

    def attribution_ends(self, cue: _Cue, s_end: int) -> bool:
        """Whether the sentence ends after the speech verb at ``cue`` but for time, place and
        channel words ('..., X said in a statement on Monday.', '..., X told reporters.')."""
        if _tail_is_empty(self.text, cue.end(), s_end):
            return True
        return self.followers_end(cue.end(), s_end, told=cue.group() in ("told", "tells"))

    def followers_end(self, pos: int, s_end: int, told: bool = False) -> bool:
        """Whether only verb followers ('in a statement on Monday') lie between ``pos`` and the end
        of the sentence (closing punctuation aside)."""
        limit = s_end
        while limit > pos and self.text[limit - 1] in " .!?\"”’'\n":
            limit -= 1
        return limit > pos and self.skip_followers(pos, limit, told=told) >= limit

    def skip_followers(self, pos: int, limit: int, told: bool) -> int:
        """The start of the reported clause after a speech verb at ``pos``."""
        text = self.text
        skipped = 0
        prev = ""
        addressee = False  # whether the object of "told" has been passed ('told reporters | the vote ...')
        for m in _TOKEN.finditer(text, pos, limit):
            word = m.group().rstrip(",:")
            low = word.lower()
            if (
                told
                and skipped < 4
                and (
                    self._kind(word.strip('"“”')) in ("proper", "role")  # 'told MSNBC's "Morning Joe" that'
                    or (low in _DETERMINERS and not addressee)
                    or low in ("reporters", "journalists", "me", "us", "him", "her", "them", "parliament", "lawmakers")
                )
            ):
                skipped += 1
                addressee = addressee or low not in _DETERMINERS
                continue
            # Determiners and possessives continue a skipped phrase ("in a statement") but never start
            # one: in "said the US holds", "the" begins the reported clause.
            continues = low not in _CONTINUERS or prev in ("in", "on", "at")
            if skipped < 6 and low in self.lex.verb_followers and continues:
                skipped += 1
                prev = low
                continue
            if low in _THAT:
                nxt = _TOKEN.match(text, m.end() + 1)
                return nxt.start() if nxt else limit
            return m.start()
        return limit

    # -- speakers

    def speaker(self, start: int, end: int, kind: str, anonymous_re: _Markers) -> Speaker:
        """A Speaker for the phrase [start, end): title split off, actor linked, anonymity noted."""
        text = self.text
        phrase = text[start:end]
        if kind == "pronoun":
            return Speaker(name=phrase, start=start, end=end)
        tokens = phrase.split()
        title, name_start = self._split_title(tokens, start)
        if title and title.split()[-1] == "of" and title.split()[0].islower():
            kind, title = "role", None  # "the mayor of Kharkiv": a role, not a person called Kharkiv
        if kind == "role":
            # A role phrase is its own name ("a senior US official"); written all in capitals after
            # its article it names an organisation ("The Interior Ministry").
            name_start, title = start, None
            if len(tokens) > 1 and all(t[:1].isupper() for t in tokens[1:]):
                kind = "proper"
        # Link the actor named by the phrase's head word: "The GOP nominee" is not the party "GOP".
        actor = self.actor_at(start + phrase.rstrip().rfind(" ") + 1, end)
        name = text[name_start:end]
        if kind == "proper" and name.lower().startswith("the "):
            name = name[4:]
        anonymous = False
        if actor is not None:
            name = actor.name
            title = title or actor.title
            anonymous = actor.kind == "anonymous"
        elif kind == "proper":
            name = self.full_name(name)
        if kind == "role" and actor is None:
            sentence = self.doc.sentence_at(end)
            marker = anonymous_re.search(text, end, sentence.end)
            first = tokens[0].lower()
            has_name = any(t[:1].isupper() and t.lower() not in self.lex.titles for t in tokens[1:-1])
            # Only people speak anonymously: "a senior US official", not "the ministry" or "a report".
            head = tokens[-1].lower().strip(",")
            person = head in self.lex.unnamed_roles or head in self.lex.titles
            anonymous = bool(marker) or (person and first not in ("the", "his", "her", "their", "its") and not has_name)
        start, end = self._relatives.get((start, end), (start, end))
        return Speaker(
            name=name, actor=actor.id if actor else None, title=title, anonymous=anonymous, start=start, end=end
        )

    def _split_title(self, tokens: list[str], start: int) -> tuple[str | None, int]:
        """('Defense Secretary', offset of 'Lloyd') for 'Defense Secretary Lloyd Austin'."""
        titles = self.lex.titles
        n = len(tokens)
        first_name = n - 1
        while first_name > 0 and tokens[first_name - 1].lower() not in titles and tokens[first_name - 1][:1].isupper():
            first_name -= 1
        if first_name == 0 or not any(t.lower() in titles for t in tokens[:first_name]):
            return None, start
        offset = start
        pos = 0
        phrase = self.text[start:]
        for t in tokens[:first_name]:
            pos = phrase.index(t, pos) + len(t)
        name_offset = start + phrase.index(tokens[first_name], pos)
        title_start = start
        if tokens[0].lower() in _DETERMINERS:
            title_start = start + len(tokens[0]) + 1
        title = self.text[title_start:name_offset].strip() or None
        del offset
        return title, name_offset

    def full_name(self, name: str) -> str:
        """'Kirby' -> 'John Kirby' when the article names him in full somewhere (a capitalised word or
        two, not titles, right before the surname)."""
        if " " in name or not name[:1].isupper():
            return name
        if name not in self._full_names:
            full = None
            text = self.text
            pos = text.find(name)
            while pos >= 0 and full is None:
                after = pos + len(name)
                if after >= len(text) or not text[after].isalnum():
                    given = _GIVEN_NAMES.search(text, max(0, pos - 40), pos)
                    if given and all(
                        w.lower() not in self.lex.titles and w.lower() not in self.lex.not_names
                        for w in given.group().split()
                    ):
                        full = text[given.start() : after]
                pos = text.find(name, pos + 1)
            self._full_names[name] = full
        return self._full_names[name] or name

    def resolve_pronoun(self, quote: _Found, earlier: list[_Found]) -> None:
        """Replace 'he'/'she' by the one speaker in view: a speaker or subject of a speech verb in the
        previous sentence or earlier in this one. Any other person named anywhere in the two sentences
        (a known person actor) makes the pronoun ambiguous, and it is left as it is."""
        assert quote.speaker is not None
        doc = self.doc
        here = doc.sentence_index(quote.speaker.start or quote.start)
        lo = doc.sentences[max(0, here - 1)].start
        hi = quote.speaker.start if quote.speaker.start is not None else quote.start
        candidates: dict[str, Speaker] = {}
        # Subjects of speech verbs in view count even when their own quote was not kept, and so does
        # the named subject opening this sentence ("Donald Trump, her opponent, bemoaned the unrest
        # and said he thought that ...").
        quoted = [(q.start, q.end) for q in earlier if q.kind == "direct"] + [(quote.start, quote.end)]
        phrases = [
            self.np_before(doc.sentence_at(c.start()).start, c.start())
            for c in self.cues_in(lo, hi)
            if not _in_any(quoted, c.start())  # a verb inside a quote has a subject inside the quote
        ]
        opening = self.sentence_subject(doc.sentences[here].start, hi)
        phrases.append(opening[0] if opening else None)
        for np in phrases:
            if np is not None and np[2] == "proper":
                sp = self._candidates.get(np[:2])
                if sp is None:  # the same phrases are in view of the next pronoun too
                    sp = self._candidates[np[:2]] = self.speaker(np[0], np[1], np[2], self.anonymous_re)
                if sp.name:
                    candidates.setdefault(sp.actor or sp.name.split()[-1], sp)
        for other in earlier:
            sp = other.speaker
            in_view = sp is not None and sp.start is not None and lo <= sp.start < hi
            if in_view and sp and sp.name and sp.name.lower() not in self.lex.pronouns and not sp.anonymous:
                candidates[(sp.actor or sp.name.split()[-1])] = sp
        if len(candidates) != 1:
            return
        only = next(iter(candidates.values()))
        sentence = doc.sentences[here]
        surname = (only.name or "").split()[-1:]
        own_start, own_end = quote.speaker.start or 0, quote.speaker.end or 0
        i = bisect_left(self._mention_starts, sentence.start)
        while i < len(self._mentions) and self._mentions[i][0] < sentence.end:
            m_start, _, actor = self._mentions[i]
            i += 1
            if actor.kind not in _PERSON_KINDS or actor.id == only.actor:
                continue
            if actor.name.split()[-1:] != surname and not own_start <= m_start < own_end:
                return  # another person named in the same sentence: "He added that he and Biden ..."
        quote.speaker = Speaker(
            name=only.name,
            actor=only.actor,
            title=only.title,
            anonymous=False,
            start=quote.speaker.start,
            end=quote.speaker.end,
        )
        quote.confidence = min(quote.confidence, 0.75)


# ---- helpers over text -----------------------------------------------------------------------------


def _find_cues(text: str, cue_words: re.Pattern[str], after_break: re.Pattern[str]) -> list[_Cue]:
    """Every speech verb matched by ``cue_words`` (a ``word_runs_pattern``) in ``text``, in text order,
    as ``cue_words.finditer`` finds them. ``after_break`` is the same trie after one non-letter: it finds
    the cues but the first faster, and each is matched again by ``cue_words`` for a match of the word alone.
    (Cue words are all letters, so the non-letter before a cue is never inside the cue before it.)"""
    first = cue_words.match(text)
    match = cue_words.match
    return ([first] if first else []) + [c for m in after_break.finditer(text) if (c := match(text, m.start() + 1))]


def _paragraph_spans(doc: Doc) -> list[tuple[int, int]]:
    spans: dict[int, tuple[int, int]] = {}
    for s in doc.sentences:
        start = spans[s.paragraph][0] if s.paragraph in spans else s.start
        spans[s.paragraph] = (start, s.end)
    return list(spans.values())


def _quote_marks(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation mark, as ``_QUOTE_MARK.finditer`` finds them ("''" is one mark),
    by ``str.find`` loops: most articles have few marks, and a regex scan of the text costs more."""
    marks: list[tuple[int, int]] = []
    for char in _MARK_CHARS:
        pos = text.find(char)
        while pos >= 0:
            marks.append((pos, pos + 1))
            pos = text.find(char, pos + 1)
    pos = text.find("'")
    while pos >= 0:
        width = 2 if text.startswith("'", pos + 1) else 1
        marks.append((pos, pos + width))
        pos = text.find("'", pos + width)
    marks.sort()
    return marks


def _quoted_spans(
    text: str, p_start: int, p_end: int, marks: list[tuple[int, int]]
) -> list[tuple[int, int, int, int, bool]]:
    """(mark start, content start, content end, mark end, closed) for the quotes of one paragraph, whose
    quotation marks are ``marks`` ((start, end) pairs, see ``_quote_marks``)."""
    out: list[tuple[int, int, int, int, bool]] = []
    open_double: int | None = None
    open_width = 1
    open_single: int | None = None
    had_single = False
    for k, mark_end in marks:
        c = text[k]
        width = mark_end - k
        if c in '"“”' or width == 2:
            if open_single is not None:
                open_single = None  # a double mark inside a single-quoted stretch: it was an apostrophe
            if open_double is None:
                # Some sites open with a closing mark (”Fear. ...”): accept it where an opening fits.
                fits = (k == p_start or text[k - 1].isspace()) and mark_end < p_end and not text[mark_end].isspace()
                if c != "”" or fits:
                    open_double, open_width = k, width
            elif c == "“" and text[open_double] == "“":
                _emit(out, text, open_double, k, False, open_width)
                open_double, open_width = k, width
            else:
                _emit(out, text, open_double, k, True, open_width, width)
                open_double = None
            continue
        if open_double is not None:
            continue  # single marks inside a double quote are nested quotes or apostrophes
        prev = text[k - 1] if k > p_start else " "
        nxt = text[k + 1] if k + 1 < p_end else " "
        if open_single is None:
            opens = (k == p_start or prev in _OPENERS_BEFORE) and (nxt.isupper() or (c == "‘" and nxt.isalpha()))
            # The second half of a quote split around its attribution: "'We will respond,' she
            # said, 'and they know it.'" (lower-case, but only after a single-quoted first half).
            resumes = had_single and prev == " " and text[k - 2 : k - 1] == "," and nxt.isalpha()
            if opens or resumes:
                open_single = k
        elif c in "’'" and not prev.isspace() and not nxt.isalpha():
            _emit(out, text, open_single, k, True)
            open_single = None
            had_single = True
    if open_double is not None:
        _emit(out, text, open_double, p_end, False, open_width)
    if open_single is not None and open_single == p_start:
        _emit(out, text, open_single, p_end, False)
    return out


def _emit(
    out: list[tuple[int, int, int, int, bool]],
    text: str,
    open_at: int,
    close_at: int,
    closed: bool,
    open_width: int = 1,
    close_width: int = 1,
) -> None:
    start, end = open_at + open_width, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    if end > start:
        out.append((open_at, start, end, close_at + close_width if closed else close_at, closed))


def _in_relative_clause(text: str, lo: int, pos: int) -> bool:
    """Whether ``pos`` lies in a comma-opened relative clause or participle phrase that starts after
    ``lo`` and is not yet closed by a comma ('X, who asked not to be named, told ...': 'asked')."""
    comma = text.rfind(",", lo, pos)
    if comma < 0:
        return False
    first = _TOKEN.match(text, comma + 1 + (text[comma + 1 : comma + 2] == " "))
    return first is not None and first.group().lower() in _RELATIVE_OPENERS


def _after_relative(text: str, np_end: int, cue: int) -> bool:
    """Whether the cue at ``cue`` is the verb of a relative clause after the phrase ending at ``np_end``
    ('Austin, who recommended', 'groups which say')."""
    between = text[np_end:cue].replace(",", " ").split()
    return bool(between) and between[0].lower() in ("who", "which")


def _relative_that(text: str, pos: int) -> bool:
    """Whether the "that" before ``pos`` opens a relative clause ('the claim that was circulating'):
    a finite or past-tense verb follows it at once, where reported content would have a subject."""
    first = _TOKEN.match(text, pos)
    if first is None:
        return True
    word = first.group().lower().strip(",")
    return word in _FINITE or bool(_PAST.fullmatch(word))


def _object_relative(text: str, lo: int, np_start: int) -> bool:
    """Whether the speaker phrase at ``np_start`` is the subject of a clause about what was said
    ('what the president said', 'the words he said'): the word before it is such a head."""
    before = text[max(lo, np_start - 20) : np_start].split()
    return bool(before) and before[-1].lower() in _SAID_OBJECTS


def _title_like(text: str, start: int, end: int) -> bool:
    """Whether a quoted stretch reads as a title ('Return to the Sahel'): two or more words, each
    capitalised but for short function words, and no closing punctuation."""
    words = text[start:end].split()
    if len(words) < 2 or not words[0][:1].isupper() or text[end - 1 : end] in ".!?,;:":
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL_WORDS for w in words)


def _call_for(text: str, cue: _Cue) -> re.Match[str] | None:
    """The " for " of 'called for talks' / 'calls on X to ...' after the cue, or None."""
    return _CALL_FOR.match(text, cue.end()) if cue.group() in _CALLS else None


def _is_gap_word(token: str, gap: frozenset[str]) -> bool:
    """A word that may stand between a subject and its verb: listed ones and -ly adverbs."""
    low = token.lower()
    return low in gap or (len(low) > 4 and low.endswith("ly") and token.isalpha() and token.islower())


def _looks_like_clause(text: str, start: int, end: int) -> bool:
    """Whether the words at ``start`` read as a clause ("the attacks would continue") rather than a
    noun phrase ("responsibility for the attack"): "that", or a finite verb among the first words."""
    words = text[start:end].split(None, 8)[:8]
    if words and words[0].lower() == "that":
        return True
    return any(w.lower().strip(",") in _FINITE or (i and _PAST.fullmatch(w.strip(","))) for i, w in enumerate(words))


def _described(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """'"...," the billionaire business mogul told People': between a closing mark and its verb, a
    short determiner phrase is the speaker even when its head is not a known role noun."""
    match = _DESCRIPTION.fullmatch(text, start, end)
    if match is None:
        return None
    return start, start + len(match.group().rstrip()), "role"


def _opening_description(text: str, start: int, cue: int) -> tuple[int, int, str] | None:
    """'The actress', 'Some advocates for stem cell research': a determiner phrase of lower-case
    words that is everything between the sentence's start and its speech verb."""
    while start < cue and text[start] in " \t\n\"“‘'(":
        start += 1
    match = _OPENING_DESCRIPTION.fullmatch(text, start, cue)
    if match is None or any(_not_in_description(w) for w in match.group().split()[1:]):
        return None
    return start, start + len(match.group().rstrip()), "role"


def _not_in_description(word: str) -> bool:
    """A word that makes a clause of what would be a described subject ('The issue was first')."""
    low = word.lower()
    return (
        low in _FINITE
        or low in _AUXILIARIES
        or low in _CLAUSE_JOINERS
        or low in ("or", "not")
        or (len(low) > 4 and low.endswith("ed"))
    )


def _source_phrase(text: str, start: int, s_end: int, at_start: bool) -> tuple[int, int, str] | None:
    """'According to early results of the exit poll, ...': a source phrase with no known head
    noun, cut before its first modifier ('early results'). At a sentence's start it must end at a
    comma; at its end, at the sentence's end."""
    stop = text.find(",", start, s_end) if at_start else s_end
    if stop < 0:
        return None
    words = list(_TOKEN.finditer(text, start, stop))
    if not words or len(words) > 25:
        return None
    end = words[0].end()
    for word in words[1:4]:
        if word.group().lower() in _SOURCE_PHRASE_STOPS:
            break
        end = word.end()
    end = start + len(text[start:end].rstrip('.,;:!?"”’)'))
    return (words[0].start(), end, "role") if end > words[0].start() else None


def _according_starts(text: str) -> list[int]:
    """Offsets of every "according to" / "According to" (a ``str.find`` loop: faster than a regex)."""
    out: list[int] = []
    pos = text.find("ccording to")
    while pos >= 0:
        if pos > 0 and text[pos - 1] in "Aa" and (pos == 1 or not text[pos - 2].isalnum()):
            out.append(pos - 1)
        pos = text.find("ccording to", pos + 11)
    return out


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _skip_dateline(text: str, start: int, end: int) -> int:
    """The offset after a wire dateline at ``start`` ('LONDON (Reuters) - '), or ``start``."""
    match = _DATELINE.match(text, start, end)
    return match.end() if match else start


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:—–-"):
        end -= 1
    return start, end


def _tail_is_empty(text: str, pos: int, end: int) -> bool:
    """Only punctuation (or an anonymity clause after a comma) between ``pos`` and the sentence end."""
    tail = text[pos:end].strip()
    return not tail or (tail[0] in ".,;!?" and (tail[0] != "," or len(tail) < 120))


def _in_any(spans: list[tuple[int, int]], pos: int) -> bool:
    # A loop, not any() over a generator (slower): called for every cue and every quote.
    for a, b in spans:  # noqa: SIM110
        if a <= pos < b:
            return True
    return False


def _overlaps_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    for a, b in spans:  # noqa: SIM110 - as in _in_any
        if a < end and start < b:
            return True
    return False
