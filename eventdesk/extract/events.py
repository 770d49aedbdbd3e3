"""Events: triggers typed in the ACLED taxonomy, with roles, place, date and casualties.

``EventFinder(settings)(doc, actors, places, times, casualties, published=...)`` returns one ``Event``
per distinct incident in the article:

1. **Triggers.** The trigger lexicon (``data/events/triggers.yaml``) is compiled once: its patterns
   are grouped by the first three characters a match can start with, and one scan of the lower-cased
   text finds the words that can start a trigger; only those try their (small) group. Each hit is
   typed by the first lexicon entry whose context rules pass (required/excluded words, agent, words
   right before/after); hits that are negated ("did not strike"), irrealis ("threatened to
   strike") or generic ("such attacks") are dropped. Property destruction that killed someone
   becomes an Attack.
2. **Sentence resolution.** Within a sentence a precise sub-type suppresses vaguer ones describing
   the same incident (``suppresses`` in ``data/events/taxonomy.yaml``).
3. **Attachment.** Each mention gets actor1/actor2 (actors stage), the place nearest the trigger,
   the date attached to it and the casualty counts of its sentence.
   - Reported speech: the pronoun subject of a clause reported by X ("the army said on Wednesday it
     had launched", "the Arakan Army said its fighters had captured") is X (a ministry speaking for
     its state: the state's forces); a state named right before a force word ("a Malian army
     convoy") is that state's force when the article names it, and in violence a bare state acts
     through its military ("a Russian missile struck"). A subject set off by a parenthetical ("M23
     rebels, who are backed by Rwanda, seized") or followed by an acronym in brackets ("the Allied
     Democratic Forces (ADF) killed") still acts; a backer ("backed by Rwanda") never does. A trigger
     that names its target ("killed 12 CODECO militiamen") gives actor2.
   - Places: of a containment phrase ("Nigeria's Kaduna state", "Kaduna state, Nigeria", "near
     Maiduguri in Borno state") the finest place locates the event; a place across "after/before/
     since" belongs to another clause ("met in Geneva ... after fighting along their border"); a
     toponym the places stage could not resolve gives way to a resolved one nearby ("the village of
     Zhelanne in the Donetsk region"). Fighting or a truce "along their border" with no place named
     is located in the first party's country, at country precision.
   - Dates: "said on Wednesday" dates the statement, a dateline ("YANGON, Feb 16 -") the report and
     "since November" a period's start; none of them dates an incident. "Two weeks after <trigger>"
     dates the trigger two weeks before the clause's own day (else the publication date), at the
     duration unit's precision (week).
4. **Merging.** Mentions of the same sub-type with compatible place, date and count merge into one
   event ("the strikes" later in the text); a mention that is only a re-mention (``antecedent:
   true``) never creates an event on its own. The headline (a first paragraph of one sentence
   without final punctuation) merges last and loosely into the first body incident of its sub-type:
   its counts are ignored ("kill 12 in attack"), an undated headline agrees with any date and a
   country with any place inside it. A perpetrator's bare own account of an incident already
   reported ("the RSF said its forces had clashed with fighters in the area": no place, date or toll
   of its own, pointing back at the scene) is evidence for that incident, not a second event; so is
   burning or looting by the same perpetrators told right after an attack ("The attackers ... set
   fire to dozens of shelters").

Events without a date of their own get the publication date at week precision ("this week"), with
``text`` None: a strike the army "said on Wednesday" it had launched is dated to the publication week
(its own day is unknown), not to Wednesday. An accusation ("X accused Y of violating the truce on
Monday") creates no event here: ACLED codes an alleged incident only with corroborating reports, so
it is left to the statements stage. Events scoring below ``settings.min_event_confidence`` are dropped.
"""

from __future__ import annotations

import re
import re._parser as re_parser  # the first-character index of the trigger scanner
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import TypeVar

from eventdesk.datafiles import LINE_KEY, fail, read_yaml
from eventdesk.extract.patterns import trie_pattern
from eventdesk.extract.segment import Doc, Sentence
from eventdesk.extract.taxonomy import Taxonomy
from eventdesk.records import (
    Actor,
    Casualties,
    Event,
    EventDate,
    Evidence,
    GeoPrecision,
    Location,
    Place,
    Span,
    TimeExpr,
    stable_id,
)
from eventdesk.settings import Settings

T = TypeVar("T")

TRIGGERS_FILE = Path(__file__).parent / "data" / "events" / "triggers.yaml"

_MACRO = re.compile(r"@([A-Z_]+)")
_AGENTS = frozenset({"state", "nonstate", "not_nonstate"})
_RULE_KEYS = frozenset(
    {
        "type",
        "confidence",
        "patterns",
        "require",
        "exclude",
        "not_before",
        "not_after",
        "agent",
        "antecedent",
        "police_agent",
    }
)

# Clause boundaries: modality and negation do not reach across them ("Rebels, who had threatened to
# attack, stormed the town" reports the storming).
# An infinitive phrase ending where a passive auxiliary starts the trigger's own verb group is one too:
# "ramsevaks who tried to sneak into town were arrested" reports the arrests.
_CLAUSE_BREAK = re.compile(
    r"""[,;:()"“”]|\s[-–—]\s|\b(?:and|but|after|before|while|when|since|because|which|who|whom|where)\b"""
    r"""|\bto\s+(?!be\b|have\b)\w+\b[^,;]*?(?=\b(?:was|were)\s+(?:\w+ly\s+)?$)""",
    re.IGNORECASE,
)
# A determiner on the trigger noun itself ("the strikes", "the US airstrike"), not on a phrase
# that contains it ("in the wake of kidnappings").
_DEFINITE = re.compile(
    r"\b(?:the|these|those|this|that|its|their|his|her|last\s+\w+'s|such|both)\s+"
    r"(?:(?!(?:of|in|on|at|for|from|to|by|with|after|before|had|has|have|was|were|is|are|been|did)\b)[\w.-]+\s+){0,2}$",
    re.IGNORECASE,
)
_COUNT_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "several": 3, "multiple": 3, "dozens": 24, "a series of": 3, "a string of": 3,
    "a wave of": 3, "a spate of": 3,
}  # fmt: skip
# "three rocket attacks" counts attacks; "kill 12 in attack" counts victims: a preposition or a
# casualty word between the number and the trigger means the number is not about the trigger.
_COUNT = re.compile(
    r"\b(\d+|" + "|".join(re.escape(w) for w in _COUNT_WORDS) + r")\s+"
    r"(?:(?!(?:in|on|at|of|for|from|to|by|with|after|during|near|and|as|was|were|killed|dead|kill|kills|"
    r"wounded|injured|people|civilians|soldiers|villagers)\b)[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# A place that names a newspaper or a channel is not where anything happened ("the Washington Post").
_MEDIA_AFTER = re.compile(
    r"\s*(?:\d+\s+)?(?:Post|Times|Journal|Herald|Tribune|Gazette|TV|Television|channel|News|Radio|Daily|Press|"
    r"Chronicle|Observer|Telegraph|Guardian|Standard|Today)\b"
)
# The place right after one of these belongs to the trigger ("strikes in Syria", "attack near Goma").
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|inside|outside|on|across|around|of|over|into|toward|towards|"
    r"north|south|east|west|northern|southern|eastern|western|central|outskirts|province|district|city|town|village)"
    r"\s+(?:the\s+)?(?:[\w'-]+\s+){0,3})$",
    re.IGNORECASE,
)
# Stricter than _LOCATIVE, for counting where an article is set ("of the U.S." is not a setting).
_WHERE = re.compile(
    r"\b(?:in|at|near|inside|outside|across|around|throughout|into)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}$", re.IGNORECASE
)
# A time right after a speech verb dates the statement, not the incident ("said on Monday").
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|announced|stated|reported|added|confirmed)\s+(?:on\s+)?$", re.I)
_BACKED = re.compile(r"-(?:backed|aligned|allied|linked|affiliated|led|supported|sponsored|funded)\b", re.I)
_SHORT_PAREN = re.compile(r"\([\w.'/-]{1,12}\)")
# "M23 rebels, who are backed by Rwanda, seized", "The attackers, armed with machetes, set fire": the
# subject stands before a parenthetical phrase set off by commas.
_PARENTHETICAL_BEFORE = re.compile(
    r",\s+(?:who|which|whose|armed|backed|supported|led|riding|wearing|dressed|believed|suspected|thought|"
    r"an?|the|one|many|some|most|all|both|mostly|reportedly|allegedly|apparently)\b[^,;.]{0,100},\s*"
    r"(?:(?:had|have|has|then|also|later|reportedly|allegedly)\s+)*$",
    re.IGNORECASE,
)
# "M23 rebels, who are backed by Rwanda, seized ...": the backer plays no role in the act.
_BACKER_BEFORE = re.compile(
    r"\b(?:backed|supported|armed|funded|sponsored|aided|allied)\s+(?:by|with|to)\s+(?:the\s+)?$", re.IGNORECASE
)
_PASSIVE_BY = re.compile(r"^\s*(?:\S+\s+){0,3}?by\s+(?:the\s+)?$", re.IGNORECASE)
_PASSIVE_AUX = re.compile(
    r"\b(?:was|were|been|being|is|are|got)\s+\w+(?:ed|en|wn|ht|lt)\s+(?:\w+\s+){0,3}$", re.IGNORECASE
)
# A target named as members of a group ("arrested 12 suspected members of the Clan del Golfo").
_MEMBERS_OF = (
    r"|(?:(?:the|a|an|at\s+least|\d+|two|three|four|five|six|seven|eight|nine|ten|dozens|several|some)\s+){0,2}"
    r"(?:(?:suspected|alleged|senior|top|local)\s+)?(?:members?|leaders?|commanders?|fighters|supporters|"
    r"militants|operatives|suspects)\s+(?:of|from|linked\s+to)\s+(?:the\s+)?"
)
# What may stand between a trigger and its target: a target preposition and up to two words that are
# not themselves locative ("attacks on facilities in Iraq": Iraq is where, not whom), or, after a
# verb trigger, only determiners and numbers ("kidnapped 30 students").
_TARGET_GAP = re.compile(
    r"\s*(?:(?:against|on|upon|targeting|at|toward|towards|with|between|hitting|killing|of)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:(?!(?:in|at|near|inside|outside|from|to)\b)[\w'-]+\s+){0,2}"
    r"|(?:(?:the|a|an|at\s+least|\d+|two|three|four|five|six|seven|eight|nine|ten|dozens\s+of|several)\s+){0,3}"
    + _MEMBERS_OF
    + r")$",
    re.IGNORECASE,
)
# Between an actor and a trigger, these words mean the actor did something else ("the US action
# followed three rocket attacks", "Iran denied the attack").
_NOT_AGENT_GAP = re.compile(
    r"\b(?:followed|following|after|before|response|retaliation|blamed|blames|accused|accuses|condemned|"
    r"condemns|denied|denies|said|says|told|claimed|reported|warned|responsible|recommended|called|"
    r"praised|criticised|criticized)\b",
    re.IGNORECASE,
)
_PLACE_LEAD = re.compile(r"\b(?:in|at|near|inside|outside|across|from|into)\s+(?:the\s+)?$", re.IGNORECASE)
# A verb trigger right after a passive auxiliary ("was arrested", "were abducted").
_IMMEDIATE_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_BETWEEN = re.compile(r"^\s*between\s+(?:the\s+)?$", re.IGNORECASE)
# "X said (on Wednesday) (that) it/they/its forces had launched ...": the pronoun subject of a reported
# clause is the speaker. Matched on the sentence up to the trigger; "subj" is the pronoun phrase.
_REPORTED_SUBJECT = re.compile(
    r"\b(?P<verb>said|says|announced|claimed|reported|confirmed|stated|added|insisted|acknowledged)\s+"
    r"(?:(?:late\s+|early\s+)?on\s+\w+\s+|in\s+a\s+(?:statement|post|video)\s+|on\s+social\s+media\s+)*"
    r"(?:that\s+)?(?P<subj>it|they|(?:its|their)\s+(?:own\s+)?(?:[\w-]+\s+)?[\w-]+)\s+"
    # Only auxiliaries, adverbs and verbs of carrying out may follow: "it had documented 40 attacks"
    # reports what others did.
    r"(?:(?:had|has|have|was|were|also|already|successfully|then|later|carried\s+out|launched|conducted|"
    r"staged|mounted|an?|the|several|multiple|\d+|two|three|four|five|new|fresh|series\s+of|wave\s+of)\s+){0,5}$",
    re.IGNORECASE,
)
# Cheap substring pre-check for _REPORTED_SUBJECT (its verbs, as usually written: lower case).
_SPEECH_VERBS = (
    "said",
    "says",
    "announced",
    "claimed",
    "reported",
    "confirmed",
    "stated",
    "added",
    "insisted",
    "acknowledged",
)
# A state named right before a force word is that state's force ("a Malian army convoy").
_FORCE_WORD = re.compile(
    r"\s+(?:(?P<police>police|policemen|gendarmes|gendarmerie)|army|military|troops|soldiers|forces|"
    r"security\s+forces|navy|air\s+force|marines|warplanes?|jets?|drones?)\b",
    re.IGNORECASE,
)
# The police named as agent right after a trigger: "shot dead by police", "killed in an encounter with the police".
_POLICE_AFTER = re.compile(
    r"\s+(?:(?:in|during)\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:encounter|firing|shoot-?out|operation|raid)\s+)?"
    r"(?:by|with)\s+(?:the\s+)?(?:local\s+|state\s+|city\s+|riot\s+|armed\s+)?"
    r"(?:police|policemen|cops|constables?|jawans|crpf|paramilitary\s+forces)\b",
    re.IGNORECASE,
)
# A trigger that itself reports injuries ("injured in police firing"): deaths after it belong elsewhere.
_INJURY_TRIGGER = re.compile(r"\b(?:injured|wounded|hurt)\b", re.IGNORECASE)
# A trigger that itself states a death ("killed in police firing", "fell to police bullets", "custodial deaths").
_DEATH_WORD = re.compile(r"\b(?:killed|killings?|died|dead|deaths?|fell\s+to|perished|murdered)\b", re.IGNORECASE)
# The police as the subject right before a verb trigger ("police lathi-charged", "the policemen then beat").
_POLICE_BEFORE = re.compile(
    r"\b(?:police|policemen|cops|constables|jawans|crpf)\s+(?:(?:then|also|allegedly|reportedly|later)\s+)?$",
    re.IGNORECASE,
)
# A trigger that begins with its agent, the police ("policemen who killed", "police opened fire").
_POLICE_LEAD = re.compile(r"(?:the\s+)?(?:police|policemen|cops|constables?|jawans|crpf)\b", re.IGNORECASE)
# A dateline ("YANGON, Feb 16 (Reuters) - ") dates the report, not an incident.
_DATELINE_AFTER = re.compile(r"\s*(?:\([^()\n]{1,30}\)\s*)?[-–—]\s")
# "since November", "until Monday": the bound of a period, not the day of an incident.
_PERIOD_BOUND_BEFORE = re.compile(r"\b(?:since|until|till)\s+(?:(?:early|late|mid|last)\s+)?$", re.IGNORECASE)
# "two weeks after a ceasefire": a duration measured back (or forward) from the clause's own date.
_RELATIVE_AFTER = re.compile(r"\s+(?P<dir>after|before)\s", re.IGNORECASE)
_DURATION = re.compile(r"^P(\d+)([DWMY])$")
# Background to the news: an incident named in a relative clause ("whom they had taken hostage") or as
# the cause of something else ("in retaliation for an air raid"); the sentence's main act outranks it.
_BACKGROUND_BEFORE = re.compile(
    r"(?:\b(?:who|whom|which)(?:\s+[\w'’-]+){0,2}?\s+(?:had|have|has|were|was)(?:\s+been)?"
    r"|\bin\s+(?:retaliation|response|revenge|reprisal)\s+for|\bin\s+the\s+wake\s+of)"
    r"(?:\s+[\w'’.-]+){0,4}?\s*$",
    re.IGNORECASE,
)
_BACKGROUND_PENALTY = 0.15
# A place before the trigger but across one of these belongs to another clause ("met in Geneva ...
# two weeks after fighting along the border").
_OTHER_CLAUSE = re.compile(r"\b(?:after|before|since|while|whereas|until)\b", re.IGNORECASE)
# Containment between two place mentions: "Nigeria's Kaduna state", "Kaduna state, Nigeria",
# "near Maiduguri in Borno state"; the finer of the two locates the event.
_REGION_WORD = r"(?:(?:restive\s+|far\s+)?(?:north|south|east|west|central)[\w-]*\s+)?"
_CONTAINS_NEXT = re.compile(r"^(?:'s|’s|')\s+" + _REGION_WORD + "$", re.IGNORECASE)
_WITHIN_NEXT = re.compile(r"^\s*(?:,|\s+in|\s+of)\s+(?:the\s+)?" + _REGION_WORD + "$", re.IGNORECASE)
# ", an ethnic armed group active in the state, said": an appositive between a speaker and the verb.
_APPOSITIVE_OPEN = re.compile(r",\s+(?:an?|the|which|who|whose|one\s+of)\b", re.IGNORECASE)
# Two sides fighting "along their border": the coordinated pair of the sentence are the parties.
_PAIR_GAP = re.compile(r"^\s+and\s+(?:the\s+)?$", re.IGNORECASE)
# ... and only when the trigger's phrase points back at both ("their border", "each other").
_RECIPROCAL_AFTER = re.compile(
    r"[^.;]{0,40}?\b(?:their|each\s+other|one\s+another|between\s+them|the\s+two\s+(?:sides|countries|neighbou?rs))\b",
    re.IGNORECASE,
)
_BORDER_AFTER = re.compile(r"[^.;]{0,40}?\b(?:along|on|across|near)\s+(?:the|their)\s+(?:[\w-]+\s+)?border\b", re.I)
# An account that points back at a scene already reported ("in the area", "there") or denies part of
# it: a party's version of that incident.
_ANAPHORIC_SCENE = re.compile(
    r"\b(?:(?:in|near|at|around)\s+the\s+(?:area|vicinity|village|town|camp|scene)\b|there\b|den(?:y|ied|ies)\b)",
    re.IGNORECASE,
)
_REMOTE_TYPES = frozenset(
    {
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
    }
)
_PAIR_TYPES = frozenset({"Armed clash", "Agreement"})
_BATTLE_TYPES = frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"})
# ACLED never codes a bare state as the perpetrator of violence: its forces act ("Russia" -> its military).
_FORCE_ACTED_TYPES = _REMOTE_TYPES | _BATTLE_TYPES | frozenset({"Attack", "Disrupted weapons use", "Arrests"})
_STATE_VOICES = frozenset({"political", "official"})
_FORCE_KINDS = frozenset({"state_forces", "armed_group"})
_NO_ROLE_KINDS = frozenset({"media", "anonymous"})
_STATE_KINDS = frozenset({"state", "state_forces"})
_PRECISION_RANK = {"day": 4, "week": 3, "month": 2, "year": 1, "unknown": 0}
_GEO_RANK = {"point": 4, "city": 3, "admin1": 2, "country": 1, "unknown": 0}
_GEO_OF_FEATURE = {"country": "country", "admin1": "admin1", "city": "city", "region": "admin1", "other": "point"}
# Casualty counts describe violence; an agreement or an arrest does not "kill".
_NON_VIOLENT_TYPES = frozenset({"Strategic developments"})
_WORD_HEAD = re.compile(r"\b(?=(\w.{0,2}))", re.DOTALL)  # the first three characters at each word start
_UPPER_LITERAL = re.compile(r"(?<!\\)[A-Z]")
_KEY = 3  # characters of a word that select its trigger bucket
_MAX_STARTS = 400  # more possible starts than this: the pattern is tried at every word
_STOP = "\x00"  # marks a prefix that cannot grow (followed by a class or a repeat)
_CONTEXT = 160  # characters each side of a trigger that count as its sentence for require/exclude
_WINDOW = 90  # characters scanned on each side of a trigger for roles and blockers


@dataclass(frozen=True, slots=True)
class Guard:
    """A context regex that starts at a word boundary, with the word starts a match can begin with.

    When none of those starts occurs in the sentence the regex cannot match and is not run: most
    context words (business, court, anniversary ...) are absent from most sentences, and running
    ~10 alternations of dozens of words per trigger would cost more than the whole scan.
    """

    pattern: re.Pattern[str]
    starts: frozenset[str] | None  # None: could start anywhere

    def search(self, text: str, keys: frozenset[str], pos: int, endpos: int) -> bool:
        if self.starts is not None and self.starts.isdisjoint(keys):
            return False
        return self.pattern.search(text, pos, endpos) is not None


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One lexicon entry: a sub-event type and the context in which its patterns report it."""

    sub_event_type: str
    confidence: float
    line: int
    require: Guard | None = None
    exclude: Guard | None = None
    not_before: Guard | None = None
    not_after: re.Pattern[str] | None = None
    agent: str | None = None
    antecedent: bool = False
    police_agent: bool = False  # the trigger names the police as its agent ("killed in police firing")


@dataclass(slots=True)
class Mention:
    """One accepted trigger hit with what was attached to it."""

    rule: TriggerRule
    start: int
    end: int
    sentence: Sentence
    definite: bool
    count: int
    actor1: str | None = None
    actor2: str | None = None
    place: Place | None = None
    loose_place: Place | None = None  # for a re-mention: the nearest place even if not attached
    time: TimeExpr | None = None
    fatalities: Casualties | None = None
    injuries: Casualties | None = None
    headline: bool = False  # in the article's title line: merges loosely into a body mention
    relative: EventDate | None = None  # "two weeks after <trigger>": a date measured from the clause's date
    reported_by_actor1: bool = False  # "X said its forces had ...": actor1's own account

    def sentence_text(self, text: str) -> str:
        """The rest of the mention's sentence from the trigger on."""
        return text[self.start : self.sentence.end]

    @property
    def sub_event_type(self) -> str:
        return self.rule.sub_event_type


@dataclass(slots=True)
class _Incident:
    """Mentions merged into one incident, in text order; ``head`` is the one that created it."""

    head: Mention
    mentions: list[Mention] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Hit:
    """A trigger pattern matching at ``start``: ``index`` is the pattern, ``members`` the patterns of its
    bucket (to try the next one when this one's rules reject the hit)."""

    start: int
    end: int
    index: int
    members: tuple[int, ...]


class Lexicon:
    """The trigger lexicon, compiled: patterns indexed by their first characters, with their rules.

    ``rules[i]`` are the entries listing pattern ``i``, in file order; patterns are numbered longest
    first, so at one position the most specific pattern is tried first.
    """

    def __init__(self, path: Path, taxonomy: Taxonomy) -> None:
        data = read_yaml(path)
        if not isinstance(data, dict) or not isinstance(data.get("triggers"), list):
            raise fail(path, None, "expected 'macros', 'blockers' and a 'triggers' list")
        self.macros = _macros(path, data.get("macros") or {})
        blockers = [
            self._compile(path, data.get(LINE_KEY), f"blockers.{name}", rx, flags=re.VERBOSE)
            for name, rx in (data.get("blockers") or {}).items()
            if name != LINE_KEY
        ]
        # One search instead of one per blocker: each is anchored at the trigger ($), so sre tries
        # every position of the clause; doing that once matters at ~40 hits per article.
        union = "|".join(f"(?:{b.pattern})" for b in blockers) or "(?!)"
        flags = re.VERBOSE
        self.blocker = Guard(re.compile(union, flags), _guard_starts(union, flags))
        self.state_agent = re.compile(r"\b" + self.macros.get("STATE", "(?!)") + r"\b", re.IGNORECASE)
        self.nonstate_agent = re.compile(r"\b" + self.macros.get("NONSTATE", "(?!)") + r"\b", re.IGNORECASE)
        rules_by_pattern: dict[str, list[TriggerRule]] = {}
        for entry in data["triggers"]:
            rule, patterns = self._rule(path, entry, taxonomy)
            for pattern in patterns:
                rules_by_pattern.setdefault(pattern, []).append(rule)
        # Longer patterns first: at one position the more specific alternative is tried first.
        ordered = sorted(rules_by_pattern, key=len, reverse=True)
        self.rules: list[list[TriggerRule]] = [rules_by_pattern[p] for p in ordered]
        self.buckets = _buckets(path, ordered)
        self.singles = [re.compile(rf"(?:{_lower_regex(p)})\b") for p in ordered]
        # Candidate words are found by one C-level scan with a trie of the bucket keys; only they
        # reach Python, where one small alternation is tried instead of ~200.
        self.candidates = re.compile(r"\b(?=" + trie_pattern(self.buckets) + ")")

    def scan(self, low: str) -> list[Hit]:
        """The first (longest) pattern matching at each word of ``low`` (``lowered(text)``); hits at
        different words may overlap (a long hit rejected by its context rules may hide a short one)."""
        hits: list[Hit] = []
        buckets = self.buckets
        for word in self.candidates.finditer(low):
            pos = word.start()
            key = low[pos : pos + _KEY]
            bucket = buckets.get(key) or buckets.get(key[:2]) or buckets.get(key[:1]) or buckets.get("")
            if bucket is None:
                continue
            match = bucket[0].match(low, pos)
            if match is not None and match.lastgroup:
                hits.append(Hit(pos, match.end(), int(match.lastgroup[1:]), bucket[1]))
        return hits

    def alternatives(self, low: str, hit: Hit) -> list[tuple[int, int]]:
        """(pattern, end) of the other, shorter patterns that also match at the hit, in order."""
        after = hit.members[hit.members.index(hit.index) + 1 :]
        found = []
        for i in after:
            match = self.singles[i].match(low, hit.start)
            if match is not None:
                found.append((i, match.end()))
        return found

    def _rule(self, path: Path, entry: object, taxonomy: Taxonomy) -> tuple[TriggerRule, list[str]]:
        if not isinstance(entry, dict):
            raise fail(path, None, f"each trigger must be a mapping, got {entry!r}")
        line = entry[LINE_KEY]
        unknown = set(entry) - _RULE_KEYS - {LINE_KEY}
        if unknown:
            raise fail(path, line, f"unknown keys {sorted(unknown)}; allowed: {sorted(_RULE_KEYS)}")
        sub = entry.get("type")
        if sub not in taxonomy:
            raise fail(path, line, f"type {sub!r} is not an ACLED sub-event type")
        confidence = entry.get("confidence", 0.7)
        if not isinstance(confidence, int | float) or not 0 < confidence <= 1:
            raise fail(path, line, f"confidence must lie in (0, 1], got {confidence!r}")
        agent = entry.get("agent")
        if agent is not None and agent not in _AGENTS:
            raise fail(path, line, f"agent must be one of {sorted(_AGENTS)}, got {agent!r}")
        patterns = entry.get("patterns")
        if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
            raise fail(path, line, "patterns must be a non-empty list of strings")
        expanded = [self._expand(path, line, p) for p in patterns]
        for pattern in expanded:
            self._compile(path, line, "pattern", pattern)

        def optional(key: str) -> re.Pattern[str] | None:
            value = entry.get(key)
            if value is None:
                return None
            return self._compile(path, line, key, self._expand(path, line, str(value)))

        def guard(key: str) -> Guard | None:
            value = entry.get(key)
            if value is None:
                return None
            # Context words start at word boundaries (which is what lets a Guard skip its regex).
            rx = rf"\b(?:{self._expand(path, line, str(value))})"
            compiled = self._compile(path, line, key, rx)
            return Guard(compiled, _guard_starts(compiled.pattern, 0))

        rule = TriggerRule(
            sub_event_type=sub,
            confidence=float(confidence),
            line=line,
            require=guard("require"),
            exclude=guard("exclude"),
            not_before=guard("not_before"),
            not_after=optional("not_after"),
            agent=agent,
            antecedent=bool(entry.get("antecedent", False)),
            police_agent=bool(entry.get("police_agent", False)),
        )
        return rule, expanded

    def _expand(self, path: Path, line: int | None, rx: str) -> str:
        def substitute(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self.macros:
                raise fail(path, line, f"unknown macro @{name}")
            return self.macros[name]

        return _MACRO.sub(substitute, rx)

    @staticmethod
    def _compile(path: Path, line: int | None, what: str, rx: str, flags: int = 0) -> re.Pattern[str]:
        """Compile a lexicon regex for lower-cased text (see ``lowered``): its letters are lower-cased."""
        try:
            return re.compile(_lower_regex(rx), flags)
        except re.error as exc:
            raise fail(path, line, f"{what}: invalid regular expression {rx!r}: {exc}") from exc


def _buckets(path: Path, ordered: list[str]) -> dict[str, tuple[re.Pattern[str], tuple[int, ...]]]:
    """Alternations keyed by the (lower-case) first ``_KEY`` characters a match can start with.

    A pattern whose possible starts are shorter (it may be shorter than ``_KEY`` characters) or cannot
    be enumerated also goes under its shorter key (``""``: any word); every bucket keeps the global
    longest-pattern-first order, so a bucket answers exactly as the full alternation would.
    """
    starts = [_starts(p) for p in ordered]
    keys = {k for ks in starts for k in ks}
    buckets: dict[str, tuple[re.Pattern[str], tuple[int, ...]]] = {}
    for key in keys:
        members = [i for i, ks in enumerate(starts) if any(key.startswith(k) for k in ks)]
        alternation = "|".join(f"(?P<g{i}>{_lower_regex(ordered[i])})" for i in members)
        try:
            buckets[key] = (re.compile(rf"(?:{alternation})\b"), tuple(members))
        except re.error as exc:
            raise fail(path, None, f"trigger patterns do not compile together: {exc}") from exc
    return buckets


def _starts(pattern: str, flags: int = 0) -> set[str]:
    """The lower-case strings of up to ``_KEY`` characters a match of ``pattern`` can start with.

    Reads the pattern with the standard library's regex parser (``re._parser``); a construct it cannot
    enumerate (a character class such as ``\\w``) ends the prefix there, ``{""}`` meaning "any".
    """
    try:
        parsed = re_parser.parse(_lower_regex(pattern), flags)
    except re.error:
        return {""}
    found = {k.split(_STOP)[0][:_KEY] for k in _prefixes(list(parsed), {""})}
    return found if len(found) <= _MAX_STARTS else {""}


def lowered(text: str) -> str:
    """``text`` lower-cased with every offset kept: the lexicon's regexes run on this copy.

    Matching lower-case text without re.IGNORECASE is ~4x faster in sre. The few characters whose
    lower case is longer than one character (e.g. "İ") are left as they are.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _lower_regex(rx: str) -> str:
    """Lower-case the letters of a regex, leaving escapes (\\S, \\W, \\B, \\D) alone."""
    return _UPPER_LITERAL.sub(lambda m: m.group().lower(), rx)


def _guard_starts(pattern: str, flags: int) -> frozenset[str] | None:
    """Word starts of a Guard's regex; None when it may start anywhere."""
    starts = _starts(pattern, flags)
    return None if "" in starts else frozenset(starts)


def _word_keys(text: str, start: int, end: int) -> frozenset[str]:
    """The first 1, 2 and 3 characters (lower-case) of every word in text[start:end]."""
    heads = _WORD_HEAD.findall(text[start:end].lower())
    return frozenset([*heads, *(h[:2] for h in heads), *(h[:1] for h in heads)])


def _prefixes(items: list, heads: set[str]) -> set[str]:
    """Extend each of ``heads`` by what the parsed sequence ``items`` can match next (up to _KEY chars)."""
    done = {h for h in heads if len(h) >= _KEY or _STOP in h}
    open_ = heads - done
    for op, arg in items:
        if not open_ or len(open_) > _MAX_STARTS:
            break
        open_ = _extend(str(op), arg, open_)
        done |= {h for h in open_ if len(h) >= _KEY or _STOP in h}
        open_ = {h for h in open_ if len(h) < _KEY and _STOP not in h}
    return done | open_


def _extend(op: str, arg: object, heads: set[str]) -> set[str]:
    """Heads extended by one parsed item; a head that cannot be extended is kept but frozen short."""
    if op == "LITERAL":
        return {h + chr(arg).lower() for h in heads}  # type: ignore[arg-type]
    if op == "IN":
        chars: set[str] = set()
        for sub_op, sub_arg in arg:  # type: ignore[attr-defined]
            if str(sub_op) == "LITERAL":
                chars.add(chr(sub_arg).lower())
            elif str(sub_op) == "RANGE" and sub_arg[1] - sub_arg[0] < 12:
                chars |= {chr(c).lower() for c in range(sub_arg[0], sub_arg[1] + 1)}
            else:
                return _frozen(heads)
        return {h + c for h in heads for c in chars}
    if op == "BRANCH":
        return {x for branch in arg[1] for x in _prefixes(list(branch), heads)}  # type: ignore[index]
    if op == "SUBPATTERN":
        return _prefixes(list(arg[3]), heads)  # type: ignore[index]
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, body = arg  # type: ignore[misc]
        once = _prefixes(list(body), heads)
        if low == 0:
            return once | heads
        if high == 1:
            return once
        return _frozen(once)  # repeated: the prefix may continue with the body again; stop here
    if op == "AT":
        return heads
    return _frozen(heads)


def _frozen(heads: set[str]) -> set[str]:
    """Pad heads so no later item extends them: they stay short keys (matched by prefix)."""
    return {h + _STOP for h in heads}


def _macros(path: Path, raw: object) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise fail(path, None, "macros must be a mapping of NAME: regex")
    macros: dict[str, str] = {}
    for name, rx in raw.items():
        if name == LINE_KEY:
            continue
        if not isinstance(rx, str) or not re.fullmatch(r"[A-Z_]+", str(name)):
            raise fail(path, raw.get(LINE_KEY), f"macro {name!r} must be an UPPER_CASE name with a regex")
        # Folded YAML joins lines with spaces; regex alternations must not contain them.
        body = re.sub(r"\|\s+", "|", rx.strip())
        try:
            re.compile(body)
        except re.error as exc:
            raise fail(path, raw.get(LINE_KEY), f"macro {name}: invalid regular expression: {exc}") from exc
        macros[name] = body
    return macros


class EventFinder:
    """Finds, types and attaches events. Build once per process (loads the lexicon); call per article."""

    def __init__(self, settings: Settings, triggers: Path = TRIGGERS_FILE, taxonomy: Taxonomy | None = None) -> None:
        self.settings = settings
        self.taxonomy = taxonomy or Taxonomy()
        try:
            self.lexicon = Lexicon(triggers, self.taxonomy)
        except (TypeError, KeyError, AttributeError) as exc:  # a malformed entry that slipped past checks
            raise fail(triggers, None, f"malformed trigger file: {exc}") from exc

    def __call__(
        self,
        doc: Doc,
        actors: list[Actor],
        places: list[Place],
        times: list[TimeExpr],
        casualties: list[Casualties],
        published: date | None = None,
    ) -> list[Event]:
        mentions = self._mentions(doc, actors)
        if not mentions:
            return []
        usable_places = _event_places(doc.text, places, actors)
        # Only calendar values date an incident ("PRESENT_REF" and unresolved expressions do not).
        dated = [
            t for t in times if t.type == "date" and t.value and t.value[:1].isdigit() and t.precision != "unknown"
        ]
        actor_spans = {(m.start, m.end) for a in actors for m in a.mentions}
        role_spans = sorted(
            ((m.start, m.end, a) for a in actors if a.kind not in _NO_ROLE_KINDS for m in a.mentions),
            key=lambda sp: (sp[0], sp[1]),
        )
        durations = [t for t in times if t.type == "duration" and t.value and _DURATION.match(t.value)]
        police = _police_actor(actors)
        for mention in mentions:
            mention.actor1, mention.actor2, mention.reported_by_actor1 = _roles(doc.text, mention, role_spans, actors)
            if mention.actor1 is None and police is not None and _names_police(doc.text, mention):
                mention.actor1 = police.id
                if mention.actor2 == police.id:
                    mention.actor2 = None
            mention.place = _place_for(doc.text, mention, usable_places, actor_spans, strict=mention.definite)
            if mention.place is None and mention.definite:
                mention.loose_place = _place_for(doc.text, mention, usable_places, actor_spans, strict=False)
            relative = _relative_date(doc.text, mention, durations, dated, published)
            if relative is not None:
                mention.relative, anchor_end = relative
                # Times before "two weeks after" date the main clause, not this trigger.
                mention.time = _time_for(doc.text, mention, [t for t in dated if t.start >= anchor_end])
            else:
                mention.time = _time_for(doc.text, mention, dated)
        mentions = _retype_deadly_destruction(mentions, casualties)
        _attach_casualties(mentions, casualties, self.taxonomy, doc.text)
        _implied_deaths(mentions, doc.text)
        incidents = _merge(mentions, doc.text)
        dominant = _dominant_place(doc.text, usable_places)
        events = [self._event(doc, incident, dominant, published, actors) for incident in incidents]
        return [e for e in events if e.confidence >= self.settings.min_event_confidence]

    # -- step 1 and 2: typed, unblocked, resolved mentions --------------------------------------
    def _mentions(self, doc: Doc, actors: list[Actor]) -> list[Mention]:
        text = lowered(doc.text)  # every lexicon regex reads the lower-cased copy (same offsets)
        accepted: list[Mention] = []
        keys_of: dict[int, frozenset[str]] = {}  # sentence start -> its word keys
        headline = _headline(doc)
        for hit in self.lexicon.scan(text):
            start = hit.start
            sentence = doc.sentence_at(start)
            if hit.end > sentence.end:
                continue
            keys = keys_of.get(sentence.start)
            if keys is None:
                keys = keys_of[sentence.start] = _word_keys(text, sentence.start, sentence.end)
            if self._blocked(text, sentence, start, keys):
                continue
            rule, end = self._typed(hit, text, sentence, keys, actors)
            if rule is None:
                continue
            before = text[max(sentence.start, start - 40) : start]
            count = _count(before)
            mention = Mention(rule, start, end, sentence, bool(_DEFINITE.search(before)), count)
            mention.headline = sentence == headline
            accepted.append(mention)
        return self._resolve(_outermost(accepted))

    def _typed(
        self, hit: Hit, text: str, sentence: Sentence, keys: frozenset[str], actors: list[Actor]
    ) -> tuple[TriggerRule | None, int]:
        """The first entry whose context rules accept the hit, trying shorter patterns matching at
        the same word when every entry of the longest one rejects it; and the trigger's end."""
        for rule in self.lexicon.rules[hit.index]:
            if self._applies(rule, text, sentence, hit.start, hit.end, keys, actors):
                return rule, hit.end
        for index, end in self.lexicon.alternatives(text, hit):
            if end > sentence.end:
                continue
            for rule in self.lexicon.rules[index]:
                if self._applies(rule, text, sentence, hit.start, end, keys, actors):
                    return rule, end
        return None, hit.end

    def _blocked(self, text: str, sentence: Sentence, start: int, keys: frozenset[str]) -> bool:
        window = _clause_before(text, sentence, start)
        return self.lexicon.blocker.search(window, keys, 0, len(window))

    def _applies(
        self,
        rule: TriggerRule,
        text: str,
        sentence: Sentence,
        start: int,
        end: int,
        keys: frozenset[str],
        actors: list[Actor],
    ) -> bool:
        # "In the sentence" means near the trigger: a long wire sentence can hold several incidents.
        lo, hi = max(sentence.start, start - _CONTEXT), min(sentence.end, end + _CONTEXT)
        if rule.require is not None and not rule.require.search(text, keys, lo, hi):
            return False
        if rule.exclude is not None and rule.exclude.search(text, keys, lo, hi):
            return False
        # not_before patterns end in $: they describe the words right before the trigger.
        if rule.not_before is not None and rule.not_before.search(text, keys, max(sentence.start, start - 40), start):
            return False
        if rule.not_after is not None and rule.not_after.match(text, end, sentence.end):
            return False
        if rule.agent is not None:
            agent = self._agent(text, sentence, start, end, actors)
            if rule.agent == "state" and agent != "state":
                return False
            if rule.agent == "nonstate" and agent != "nonstate":
                return False
            if rule.agent == "not_nonstate" and agent == "nonstate":
                return False
        return True

    def _agent(self, text: str, sentence: Sentence, start: int, end: int, actors: list[Actor]) -> str | None:
        """Who performed the trigger ("state"/"nonstate"): "by/to X" after it, else the force before it."""
        after = text[end : min(sentence.end, end + 60)]
        if text[start:end].endswith((" to", " by")):  # "fell to rebels" (text is lower-cased)
            lead = re.match(r"\s*(?:the\s+)?", after)
        else:
            lead = re.match(r"\s*(?:\S+\s+){0,3}?(?:by|to)\s+(?:the\s+)?", after)
        if lead:
            rest = after[lead.end() :]
            kind = _agent_kind(actors, end + lead.end(), end + lead.end() + 40)
            if kind:
                return kind
            found = self._agent_in(rest[:40], first=True)
            if found:
                return found
        kind = _agent_kind(actors, max(sentence.start, start - _WINDOW), start, last=True, text=text)
        if kind:
            return kind
        return self._agent_in(text[max(sentence.start, start - _WINDOW) : start], first=False)

    def _agent_in(self, window: str, first: bool) -> str | None:
        state = [m.start() for m in self.lexicon.state_agent.finditer(window)]
        nonstate = [m.start() for m in self.lexicon.nonstate_agent.finditer(window)]
        if not state and not nonstate:
            return None
        pick = min if first else max
        s = pick(state) if state else None
        n = pick(nonstate) if nonstate else None
        if s is None:
            return "nonstate"
        if n is None:
            return "state"
        return "state" if (s < n) == first else "nonstate"

    def _resolve(self, mentions: list[Mention]) -> list[Mention]:
        """Drop mentions whose sub-type a more precise one in the same sentence suppresses.

        Police violence named as the police's own act ("police firing" beside "the mob attacked") is a
        second incident by another actor: it is never suppressed, and arrests beside it stay events."""
        by_sentence: dict[int, set[str]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence.start, set()).add(m.sub_event_type)
        police_acts = {(m.sentence.start, m.sub_event_type) for m in mentions if m.rule.police_agent}
        kept = []
        for m in mentions:
            present = by_sentence[m.sentence.start]
            if not m.rule.police_agent and any(
                m.sub_event_type in self.taxonomy[o].suppresses
                for o in present
                if o != m.sub_event_type
                and not (m.sub_event_type == "Arrests" and (m.sentence.start, o) in police_acts)
            ):
                continue
            kept.append(m)
        return kept

    # -- step 4: one Event per incident ---------------------------------------------------------
    def _event(
        self, doc: Doc, incident: _Incident, dominant: Place | None, published: date | None, actors: list[Actor]
    ) -> Event:
        head = incident.head
        # The body reports an incident more precisely than its headline: body values come first, and
        # a headline's place counts only when the body gives none.
        body = [m for m in incident.mentions if not m.headline]
        mentions = body + [m for m in incident.mentions if m.headline]
        sub = self.taxonomy[head.sub_event_type]
        place = _best(body, lambda m: m.place, lambda p: _GEO_RANK[_geo_precision(p)]) or _best(
            mentions, lambda m: m.place, lambda p: _GEO_RANK[_geo_precision(p)]
        )
        time = _best(mentions, lambda m: m.time, lambda t: _PRECISION_RANK.get(t.precision, 0))
        relative = _first(m.relative for m in mentions)
        confidence = head.rule.confidence
        confidence += 0.05 * min(2, sum(1 for m in mentions if m is not head and not m.rule.antecedent))
        confidence += 0.05 if place else -0.05
        if _BACKGROUND_BEFORE.search(doc.text, max(head.sentence.start, head.start - 60), head.start):
            confidence -= _BACKGROUND_PENALTY
        if place is None:  # an event first named by a re-mention ("in the wake of the kidnappings")
            place = head.loose_place
        actor1 = _first(m.actor1 for m in mentions)
        actor2 = _first(m.actor2 for m in mentions if m.actor2 != actor1)
        location: Location | None = None
        if place is None and dominant is None and sub.name in _PAIR_TYPES:
            location = _border_location(doc.text, mentions, actors, actor1, actor2)
        defaulted = place is None and dominant is not None
        if defaulted:
            place = dominant  # the article's main country, at country precision
            confidence -= 0.05
        evidence: list[Evidence] = []
        for m in mentions:
            ev = Evidence(m.sentence.start, m.sentence.end)
            if ev not in evidence:
                evidence.append(ev)
        return Event(
            id=stable_id("ev", doc.key, head.start, head.end, sub.name),
            event_type=sub.event_type,
            sub_event_type=sub.name,
            trigger=Span(head.start, head.end, doc.text[head.start : head.end]),
            actor1=actor1,
            actor2=actor2,
            location=_location(place, precise=not defaulted) or location,
            date=_event_date(time, published) if time is not None or relative is None else relative,
            fatalities=_first(m.fatalities for m in mentions),
            injuries=_first(m.injuries for m in mentions),
            evidence=evidence,
            confidence=round(max(0.0, min(0.99, confidence)), 3),
            cameo=sub.cameo_root,
            plover=sub.plover,
        )


# -- helpers: blockers and mention shape ----------------------------------------------------------
def _clause_before(text: str, sentence: Sentence, start: int) -> str:
    window = text[max(sentence.start, start - _WINDOW) : start]
    if "(" in window:  # "the Allied Democratic Forces (ADF) killed": an acronym in brackets is no clause break
        window = _SHORT_PAREN.sub(lambda m: " " + m.group()[1:-1] + " ", window)
    last = None
    for last in _CLAUSE_BREAK.finditer(window):  # noqa: B007 - we want the last break
        pass
    return window[last.end() :] if last else window


def _count(before: str) -> int:
    match = _COUNT.search(before)
    if not match:
        return 1
    word = match.group(1).lower()
    return int(word) if word.isdigit() else _COUNT_WORDS.get(word, 1)


def _outermost(mentions: list[Mention]) -> list[Mention]:
    """Drop a mention lying inside a longer one ("strikes" in "air strikes")."""
    mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in mentions:
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept


# -- helpers: roles --------------------------------------------------------------------------------
def _backer(text: str, start: int) -> bool:
    """Whether the actor mention at ``start`` is named as a backer ("backed by Rwanda")."""
    lead = max(0, start - 8)
    if not text.endswith(("by ", "with ", "to ", "by the ", "with the ", "to the "), lead, start):
        return False  # most mentions: no regex needed
    return _BACKER_BEFORE.search(text, max(0, start - 25), start) is not None


def _agent_kind(actors: list[Actor], start: int, end: int, last: bool = False, text: str | None = None) -> str | None:
    found = [
        (mention.start, a.kind) for a in actors for mention in a.mentions
        if start <= mention.start < end
        and (text is None or not _backer(text, mention.start))
    ]  # fmt: skip
    found = [f for f in found if f[1] in _STATE_KINDS or f[1] == "armed_group"]
    if not found:
        return None
    found.sort()
    kind = found[-1][1] if last else found[0][1]
    return "state" if kind in _STATE_KINDS else "nonstate"


def _roles(
    text: str, mention: Mention, role_spans: list[tuple[int, int, Actor]], actors: list[Actor]
) -> tuple[str | None, str | None, bool]:
    """actor1 (who acted) and actor2 (the target) for one mention, as actor ids, and whether actor1 is
    also the one reporting it.

    actor1 is the nearest actor before the trigger in its clause (or the "by X" agent of a passive),
    actor2 the first actor after a target preposition ("against/on/targeting X"); "fighting between
    X and Y" gives both; violence against civilians takes the civilians as actor2 when they are named.
    A pronoun subject of a reported clause ("the army said it had launched", "its fighters") is the
    speaker; a state named right before a force word ("a Malian army convoy") is that state's force.
    """
    spans_used: dict[str, tuple[int, int]] = {}
    in_sentence = _sentence_spans(role_spans, mention.sentence)
    actor1, actor2 = _roles_by_position(text, mention, in_sentence, spans_used)
    speaker = _reported_speaker(text, mention, in_sentence, actors)
    own_account = False
    if speaker is not None:
        subject, speaker_actor = speaker
        used = spans_used.get("actor1")
        if actor1 is None or (used is not None and subject[0] <= used[0] and used[1] <= subject[1]):
            actor1, own_account = speaker_actor, True
    if (
        actor1 is None
        and actor2 is None
        and mention.sub_event_type in _PAIR_TYPES
        and _RECIPROCAL_AFTER.match(text, mention.end, mention.sentence.end)
    ):
        actor1, actor2 = _coordinated_pair(text, in_sentence)
        if mention.sub_event_type == "Armed clash":  # states fight through their forces
            actor1, actor2 = _military_of(actor1, actors), _military_of(actor2, actors)
    if mention.sub_event_type in _REMOTE_TYPES and actor2 is None:
        actor2 = next(
            (sp[2] for sp in in_sentence if sp[0] >= mention.end and sp[2].kind == "civilians"),
            None,
        )  # fmt: skip
    actor1 = _as_force(text, actor1, spans_used.get("actor1"), actors)
    actor2 = _as_force(text, actor2, spans_used.get("actor2"), actors)
    if mention.sub_event_type in _FORCE_ACTED_TYPES and mention.sub_event_type != "Arrests":
        actor1 = _military_of(actor1, actors)
    if mention.sub_event_type in _BATTLE_TYPES:
        actor2 = _military_of(actor2, actors)
    if actor1 is not None and actor2 is not None and actor1.id == actor2.id:
        actor2 = None
    return (actor1.id if actor1 else None), (actor2.id if actor2 else None), own_account


def _sentence_spans(role_spans: list[tuple[int, int, Actor]], sentence: Sentence) -> list[tuple[int, int, Actor]]:
    lo = bisect_left(role_spans, sentence.start, key=lambda sp: sp[0])
    hi = bisect_left(role_spans, sentence.end, key=lambda sp: sp[0])
    return [sp for sp in role_spans[lo:hi] if sp[1] <= sentence.end]


def _roles_by_position(
    text: str, mention: Mention, spans: list[tuple[int, int, Actor]], spans_used: dict[str, tuple[int, int]]
) -> tuple[Actor | None, Actor | None]:
    """actor1 and actor2 from where actors stand around the trigger; records in ``spans_used`` the
    mention each role came from (for the reported-speech and state-force corrections)."""
    if not spans:
        return None, None
    sentence = mention.sentence
    # "Iran-backed militia": Iran qualifies the militia and plays no role itself.
    spans = [sp for sp in spans if not _BACKED.match(text, sp[1]) and not _backer(text, sp[0])]
    clause = _clause_before(text, sentence, mention.start)
    clause_start = mention.start - len(clause)
    # A trigger pattern may begin with its agent ("gunmen killed"): that actor counts as before it.
    before = [
        sp for sp in spans if clause_start <= sp[0] and (sp[1] <= mention.start or sp[0] <= mention.start < sp[1])
    ]
    after = [sp for sp in spans if sp[0] >= mention.end and sp[0] - mention.end <= _WINDOW]
    agent_after = next((sp for sp in after if _PASSIVE_BY.match(text[mention.end : sp[0]])), None)
    targets = [sp for sp in after if sp is not agent_after and _TARGET_GAP.match(text[mention.end : sp[0]])]
    if not targets:  # a trigger that names its target ("killed 12 CODECO militiamen")
        targets = [sp for sp in spans if mention.start < sp[0] and sp[1] <= mention.end]
    picked = _pick_actor(before, text, mention.start)
    if picked is None:
        picked = _subject_before_parenthetical(text, mention, spans)
    actor1 = picked[2] if picked else None
    actor2 = targets[0][2] if targets else None
    if picked is not None:
        spans_used["actor1"] = (picked[0], picked[1])
    if targets:
        spans_used["actor2"] = (targets[0][0], targets[0][1])
    if actor1 is not None and agent_after is None and _IMMEDIATE_PASSIVE.search(text, clause_start, mention.start):
        actor1, actor2 = None, actor1  # "a missionary was arrested in Lebanon": the subject is the target
        if "actor1" in spans_used:
            spans_used["actor2"] = spans_used.pop("actor1")
    if agent_after is not None:
        if actor1 is not None and _PASSIVE_AUX.search(text[min(before[-1][1], mention.start) : mention.start]):
            actor2 = actor1  # "Five soldiers were killed in an ambush by rebels"
            if "actor1" in spans_used:
                spans_used["actor2"] = spans_used["actor1"]
        actor1 = agent_after[2]
        spans_used["actor1"] = (agent_after[0], agent_after[1])
    elif targets and _BETWEEN.match(text[mention.end : targets[0][0]]):
        partner = next((sp for sp in after if sp[0] > targets[0][1]
                        and re.fullmatch(r"\s*and\s+(?:the\s+)?", text[targets[0][1] : sp[0]])), None)  # fmt: skip
        if partner is not None:  # "fighting between X and Y"
            actor1, actor2 = targets[0][2], partner[2]
            spans_used["actor1"] = (targets[0][0], targets[0][1])
            spans_used["actor2"] = (partner[0], partner[1])
    if mention.rule.sub_event_type in ("Attack", "Sexual violence", "Abduction/forced disappearance"):
        civilians = next((sp for sp in spans if sp[2].kind == "civilians"), None)
        if civilians is not None:
            actor2 = civilians[2]
            spans_used["actor2"] = (civilians[0], civilians[1])
    return actor1, actor2


def _subject_before_parenthetical(
    text: str, mention: Mention, spans: list[tuple[int, int, Actor]]
) -> tuple[int, int, Actor] | None:
    """ "M23 rebels, who are backed by Rwanda, seized the town": the actor right before the parenthetical."""
    match = _PARENTHETICAL_BEFORE.search(text, max(mention.sentence.start, mention.start - 140), mention.start)
    if match is None:
        return None
    opening = match.start()
    found = [sp for sp in spans if opening - 2 <= sp[1] <= opening and sp[2].kind != "civilians"]
    return found[-1] if found else None


def _reported_speaker(
    text: str, mention: Mention, spans: list[tuple[int, int, Actor]], actors: list[Actor]
) -> tuple[tuple[int, int], Actor] | None:
    """For "X said (on Wednesday) it/they/its forces had <trigger>": the pronoun subject's span and X.

    X is the actor named nearest before the speech verb in the sentence; a generic description
    ("an ethnic armed group that ...", an appositive) gives way to a named actor before it.
    """
    sentence = mention.sentence
    lo = max(sentence.start, mention.start - 160)
    if not spans or not any(text.find(verb, lo, mention.start) >= 0 for verb in _SPEECH_VERBS):
        return None  # most triggers: no speech verb before them, no regex needed
    match = _REPORTED_SUBJECT.search(text, lo, mention.start)
    if match is None:
        return None
    verb_start = match.start("verb")
    candidates = [sp for sp in spans if sp[1] <= verb_start and sp[2].kind != "civilians"]
    if not candidates:
        return None
    candidates.sort(key=lambda sp: (sp[1], sp[1] - sp[0]))
    if text[sentence.start : verb_start].rstrip().endswith(","):
        opening = _APPOSITIVE_OPEN.search(text, sentence.start, verb_start)
        if opening is not None:  # the speaker stands before the appositive that describes it
            candidates = [sp for sp in candidates if sp[1] <= opening.start()] or candidates
    nearest = candidates[-1]
    if nearest[2].name.startswith("Unidentified"):
        named = [sp for sp in candidates if not sp[2].name.startswith("Unidentified")]
        nearest = named[-1] if named else nearest
    speaker = nearest[2]
    if speaker.kind == "state":  # "the Nigerian army said": the army, not Nigeria
        same_end = [sp[2] for sp in candidates if sp[1] == nearest[1]]
        force = next((a for a in same_end if a.kind in _FORCE_KINDS and a.affiliation == speaker.id), None)
        speaker = force or speaker
    elif speaker.kind in _STATE_VOICES and speaker.country_code and mention.sub_event_type in _FORCE_ACTED_TYPES:
        # "Russia's defence ministry said its forces had captured": the state's forces acted.
        state = next((a for a in actors if a.kind == "state" and a.country_code == speaker.country_code), None)
        speaker = _military_of(state, actors) or speaker
    return (match.start("subj"), match.end("subj")), speaker


def _coordinated_pair(text: str, in_sentence: list[tuple[int, int, Actor]]) -> tuple[Actor | None, Actor | None]:
    """The parties of a clash or an agreement named as "X and Y" elsewhere in the sentence ("ministers
    from Armenia and Azerbaijan met ... after fighting along their border"), as their forces when the
    article names them for a clash."""
    spans = [sp for sp in in_sentence if sp[2].kind in ("state", *_FORCE_KINDS)]
    for left, right in pairwise(spans):
        if left[2].id != right[2].id and _PAIR_GAP.match(text[left[1] : right[0]]):
            return left[2], right[2]
    return None, None


def _military_of(actor: Actor | None, actors: list[Actor]) -> Actor | None:
    """A state's military forces when the article names them, else the state itself."""
    if actor is None or actor.kind != "state":
        return actor
    forces = [a for a in actors if a.kind == "state_forces" and a.affiliation == actor.id]
    return next((a for a in forces if not a.name.startswith("Police")), actor)


def _as_force(text: str, actor: Actor | None, span: tuple[int, int] | None, actors: list[Actor]) -> Actor | None:
    """A state named right before a force word ("a Malian army convoy") stands for that state's force."""
    if actor is None or span is None or actor.kind != "state":
        return actor
    word = _FORCE_WORD.match(text, span[1])
    if word is None:
        return actor
    if not word.group("police"):
        return _military_of(actor, actors)
    forces = [a for a in actors if a.kind == "state_forces" and a.affiliation == actor.id]
    return next((a for a in forces if a.name.startswith("Police")), actor)


def _pick_actor(before: list[tuple[int, int, Actor]], text: str, trigger_start: int) -> tuple[int, int, Actor] | None:
    """The nearest actor before the trigger in its clause (with its mention's span); a force beats the
    bare state it belongs to."""
    usable = [
        sp for sp in before
        if sp[2].kind != "civilians"
        and not _NOT_AGENT_GAP.search(text, sp[1], trigger_start)
        and not _PLACE_LEAD.search(text, max(0, sp[0] - 12), sp[0])  # "forces in Syria bombed": Syria is where
    ]  # fmt: skip
    if not usable:
        return None
    nearest = usable[-1]
    if nearest[2].kind == "state":
        for sp in reversed(usable):
            if sp[2].kind in _FORCE_KINDS and sp[2].affiliation == nearest[2].id:
                return sp
    return nearest


def _police_actor(actors: list[Actor]) -> Actor | None:
    """The article's police: its first state-forces actor named "Police ..." (None when it names none;
    the army is not taken for them)."""
    return next((a for a in actors if a.kind == "state_forces" and a.name.startswith("Police")), None)


def _names_police(text: str, mention: Mention) -> bool:
    """Whether the trigger names the police as the ones who acted: a ``police_agent`` entry, a trigger
    that begins with the police ("policemen who killed") or comes right after them ("police lathi-charged"),
    or "by/with the police" right after the trigger ("shot dead by police", "killed in an encounter with
    the police")."""
    if mention.rule.police_agent or _POLICE_LEAD.match(text, mention.start, mention.end):
        return True
    if _POLICE_BEFORE.search(text, max(mention.sentence.start, mention.start - 40), mention.start):
        return True
    return _POLICE_AFTER.match(text, mention.end, mention.sentence.end) is not None


# -- helpers: places and dates ---------------------------------------------------------------------
def _event_places(text: str, places: list[Place], actors: list[Actor]) -> list[Place]:
    """Places that can locate an event: not part of a media or organisation name."""
    named = [
        (m.start, m.end) for a in actors if a.kind in ("media", "organization", "international") for m in a.mentions
    ]
    usable = []
    for place in places:
        if any(s < place.end and place.start < e for s, e in named):
            continue
        if _MEDIA_AFTER.match(text, place.end):
            continue
        usable.append(place)
    return usable


def _place_for(
    text: str, mention: Mention, places: list[Place], actor_spans: set[tuple[int, int]], strict: bool
) -> Place | None:
    """The place nearest the trigger in its sentence, preferring one attached by in/at/near.

    A country named as an actor ("United States conducts airstrikes", "airstrikes against Iran") is
    not a location unless a locative word leads it. A re-mention ("the strikes") takes only an
    attached place, so a place merely mentioned in the same sentence cannot move an incident.
    """
    sentence = mention.sentence
    best: tuple[float, Place] | None = None
    in_sentence = [p for p in places if sentence.start <= p.start and p.end <= sentence.end]
    for place in in_sentence:
        lead = text[max(sentence.start, place.start - 30) : place.start]
        located = bool(_LOCATIVE.search(lead))
        if not located and (place.start, place.end) in actor_spans:
            continue
        if text.startswith("-", place.end):  # "U.S.-flagged tanker", "Saudi-led coalition": a modifier
            continue
        if place.start >= mention.end:
            gap = text[mention.end : place.start]
            attached = located and len(gap) <= 70
            score = len(gap) * (1.0 if attached else 2.5)
        else:
            gap = text[place.end : mention.start]
            attached = len(gap.strip()) <= 2  # "a Kabul suicide bombing"
            if not (attached or _WHERE.search(lead)):
                continue  # a place before the trigger without in/at/near is a topic, not a location
            if _OTHER_CLAUSE.search(gap):
                continue  # "met in Geneva ... after fighting along the border": another clause's place
            score = len(gap) * (1.0 if attached else 1.5)
        if strict and not attached:
            continue
        if _unresolved(place):
            score += 60  # an unresolved village locates less than the resolved province named beside it
        if best is None or score < best[0]:
            best = (score, place)
    return _finest(text, best[1], in_sentence) if best else None


def _finest(text: str, place: Place, places: list[Place]) -> Place:
    """The finest place linked to ``place`` by containment: "Nigeria's Kaduna state" and "Kaduna state,
    Nigeria" give Kaduna state, "near Maiduguri in Borno state" Maiduguri (same country only)."""
    seen = {place.id}
    changed = len(places) > 1
    while changed:
        changed = False
        rank = _GEO_RANK[_geo_precision(place)]
        for other in places:
            if other.id in seen or _GEO_RANK[_geo_precision(other)] <= rank or _unresolved(other):
                continue
            if place.country_code and other.country_code and place.country_code != other.country_code:
                continue
            if other.start >= place.end:
                linked = _CONTAINS_NEXT.match(text[place.end : other.start]) is not None
            else:
                linked = _WITHIN_NEXT.match(text[other.end : place.start]) is not None
            if linked:
                seen.add(other.id)
                place, changed = other, True
                break
    return place


def _unresolved(place: Place) -> bool:
    """A toponym the places stage could not pin down (no coordinates, or only its country's)."""
    return place.lat is None or (place.feature == "other" and place.admin1 is None)


def _time_for(text: str, mention: Mention, times: list[TimeExpr]) -> TimeExpr | None:
    """The date expression nearest the trigger in its sentence, skipping dates of speech ("said on Monday")."""
    sentence = mention.sentence
    best: tuple[int, TimeExpr] | None = None
    for t in times:
        if not (sentence.start <= t.start and t.end <= sentence.end):
            continue
        if _SPEECH_BEFORE.search(text, max(sentence.start, t.start - 20), t.start):
            continue
        if _PERIOD_BOUND_BEFORE.search(text, max(sentence.start, t.start - 20), t.start):
            continue
        if _is_dateline(text, sentence, t):
            continue
        distance = t.start - mention.end if t.start >= mention.end else mention.start - t.end
        if mention.definite and distance > 30:
            continue
        if best is None or distance < best[0]:
            best = (distance, t)
    return best[1] if best else None


def _is_dateline(text: str, sentence: Sentence, t: TimeExpr) -> bool:
    """ "YANGON, Feb 16 (Reuters) - ...": the date of the report at the head of the first paragraph."""
    return t.start - sentence.start <= 40 and _DATELINE_AFTER.match(text, t.end) is not None


def _relative_date(
    text: str, mention: Mention, durations: list[TimeExpr], dated: list[TimeExpr], published: date | None
) -> tuple[EventDate, int] | None:
    """ "(met on Thursday,) two weeks after <trigger>": the trigger's date is the clause's date (the day
    named before the duration, else the publication date) minus two weeks, at the duration's unit's
    precision; and where the duration ends (earlier dates belong to the main clause)."""
    sentence = mention.sentence
    for t in durations:
        if not (sentence.start <= t.start and t.end <= mention.start and mention.start - t.end <= 100):
            continue
        direction = _RELATIVE_AFTER.match(text, t.end)
        unit = _DURATION.match(t.value or "")
        if direction is None or unit is None:
            continue
        anchor = _anchor_day(text, sentence, t, dated) or published
        if anchor is None:
            return None
        n = int(unit.group(1)) * (-1 if direction.group("dir").lower() == "after" else 1)
        return _shifted(anchor, n, unit.group(2), t), t.end
    return None


def _anchor_day(text: str, sentence: Sentence, duration: TimeExpr, dated: list[TimeExpr]) -> date | None:
    """The day-precision date nearest before ``duration`` in its sentence (not a dateline)."""
    before = [
        t for t in dated
        if sentence.start <= t.start and t.end <= duration.start and t.precision == "day"
        and not _is_dateline(text, sentence, t)
    ]  # fmt: skip
    if not before:
        return None
    try:
        return date.fromisoformat((before[-1].value or "")[:10])
    except ValueError:
        return None


def _shifted(anchor: date, n: int, unit: str, t: TimeExpr) -> EventDate:
    """``anchor`` moved by ``n`` units (D/W/M/Y), at that unit's precision."""
    if unit in ("D", "W"):
        day = anchor + timedelta(days=n * (7 if unit == "W" else 1))
        if unit == "D":
            return EventDate(day.isoformat(), "day", t.text, t.id)
        year, week, _ = day.isocalendar()
        return EventDate(f"{year}-W{week:02d}", "week", t.text, t.id)
    if unit == "M":
        months = anchor.year * 12 + anchor.month - 1 + n
        return EventDate(f"{months // 12:04d}-{months % 12 + 1:02d}", "month", t.text, t.id)
    return EventDate(f"{anchor.year + n:04d}", "year", t.text, t.id)


def _headline(doc: Doc) -> Sentence | None:
    """The article's title line: a first paragraph of one sentence without final punctuation,
    followed by a body."""
    sentences = doc.sentences
    if len(sentences) < 2 or sentences[1].paragraph == sentences[0].paragraph:
        return None
    first = sentences[0]
    if doc.text[first.start : first.end].rstrip()[-1:] in ".!?\"”'’":
        return None
    return first


def _border_location(
    text: str, mentions: list[Mention], actors: list[Actor], actor1: str | None, actor2: str | None
) -> Location | None:
    """Fighting or a truce "along their border" between two countries, with no place named: the first
    party's country, at country precision (ACLED codes border events to one side's territory)."""
    if not any(_BORDER_AFTER.match(text, m.end) for m in mentions):
        return None
    by_id = {a.id: a for a in actors}
    first, second = by_id.get(actor1 or ""), by_id.get(actor2 or "")
    if first is None or second is None or not first.country_code or first.country_code == second.country_code:
        return None
    state = first if first.kind == "state" else by_id.get(first.affiliation or "")
    name = state.name if state is not None else first.country_code
    return Location(name, first.country_code, None, None, None, "country", None)


def _dominant_place(text: str, places: list[Place]) -> Place | None:
    """The country most often named as where something is ("in Syria", "near Goma"), as its first
    country-level mention, when it has more than half of such mentions: the last-resort location.
    Countries named as actors ("the US said") do not count, or a story about Washington's policy
    would place every event in the US."""
    counts: dict[str, int] = {}
    for p in places:
        if p.country_code and _WHERE.search(text, max(0, p.start - 30), p.start):
            counts[p.country_code] = counts.get(p.country_code, 0) + 1
    if not counts:
        return None
    top = max(counts, key=lambda code: counts[code])
    # A wrong country is worse than none: default only to a country that clearly dominates.
    if counts[top] < 2 or counts[top] * 2 <= sum(counts.values()):
        return None
    return next((p for p in places if p.country_code == top and p.feature == "country"), None)


def _geo_precision(place: Place) -> GeoPrecision:
    """ACLED-style precision of a place mention from its gazetteer feature."""
    return _GEO_OF_FEATURE.get(place.feature, "unknown")  # type: ignore[return-value]


def _location(place: Place | None, precise: bool) -> Location | None:
    if place is None:
        return None
    precision = _geo_precision(place) if precise else "country"
    return Location(place.name, place.country_code, place.admin1, place.lat, place.lon, precision, place.id)


def _event_date(time: TimeExpr | None, published: date | None) -> EventDate:
    if time is not None:
        return EventDate(time.value, time.precision, time.text, time.id)
    if published is not None:
        year, week, _ = published.isocalendar()
        return EventDate(f"{year}-W{week:02d}", "week", None)
    return EventDate(None, "unknown", None)


# -- helpers: casualties and merging ---------------------------------------------------------------
def _retype_deadly_destruction(mentions: list[Mention], casualties: list[Casualties]) -> list[Mention]:
    """Property destruction that killed people is an attack on them (ACLED codes looting and
    burning as Strategic developments only when nobody was killed or hurt in the same incident)."""
    out = []
    for m in mentions:
        if m.sub_event_type == "Looting/property destruction" and any(
            m.sentence.start <= c.start < m.sentence.end and (c.max or c.min or 0) > 0 for c in casualties
        ):
            m = replace(m, rule=replace(m.rule, sub_event_type="Attack", confidence=m.rule.confidence - 0.05))
        out.append(m)
    return out


def _attach_casualties(mentions: list[Mention], casualties: list[Casualties], taxonomy: Taxonomy, text: str) -> None:
    """Give each casualty count to the nearest violent mention before it in its sentence (else after it)."""
    for cas in casualties:
        same = [
            m for m in mentions
            if m.sentence.start <= cas.start < m.sentence.end
            and taxonomy.event_type(m.sub_event_type) not in _NON_VIOLENT_TYPES
        ]  # fmt: skip
        if not same:
            continue
        # A trigger inside the count's own words ("two persons were [killed in police firing]") is its incident.
        overlapping = [m for m in same if m.start < cas.end and cas.start < m.end]
        preceding = [m for m in same if m.start <= cas.start]
        target = overlapping[0] if overlapping else preceding[-1] if preceding else same[0]
        if (
            cas.kind == "fatalities"
            and target.end <= cas.start
            and _INJURY_TRIGGER.search(text, target.start, target.end)
        ):
            continue  # "six were injured in police firing, 12 were killed by the rioters": another incident's dead
        if cas.kind == "fatalities" and target.fatalities is None:
            target.fatalities = cas
        elif cas.kind == "injuries" and target.injuries is None:
            target.injuries = cas


def _implied_deaths(mentions: list[Mention], text: str) -> None:
    """A police killing stated without a count ("fell to police bullets", "died in police custody") had
    at least one death: such a mention without fatalities gets min 1 (max unknown) on its trigger's words."""
    for m in mentions:
        if m.fatalities is None and m.rule.police_agent and _DEATH_WORD.search(text, m.start, m.end):
            m.fatalities = Casualties("fatalities", 1, None, m.start, m.end, text[m.start : m.end], confidence=0.6)


def _merge(mentions: list[Mention], text: str) -> list[_Incident]:
    """Group mentions into incidents, in text order; re-mentions join the latest compatible incident.

    Headline mentions are merged last, into the first body incident of their sub-type that they
    agree with (place, date; a headline's counts are of victims as often as of incidents), so that
    "Gunmen kill 12 in attack on village" and the body's account of it are one event.
    """
    incidents: list[_Incident] = []
    for m in mentions:
        if m.headline:
            continue
        target = next((inc for inc in reversed(incidents) if _compatible(inc, m)), None)
        if target is None and incidents and _part_of_previous(m, incidents[-1]):
            # "The attackers ... set fire to dozens of shelters before fleeing": burning and looting
            # during an attack, told next with no place, date or toll of its own, are part of it.
            target = incidents[-1]
        if target is None and _bare_own_account(m) and _ANAPHORIC_SCENE.search(m.sentence_text(text)):
            # "The RSF said its forces had clashed with fighters in the area": the perpetrator's own
            # version of an incident already reported, adding no place, date or toll of its own, is
            # evidence for that incident (ACLED codes one event per incident), not a second event.
            # Only an account that contradicts others' report: two reports by the actor itself ("the army
            # said it had killed ... The army said it had shelled ...") are two incidents.
            target = next(
                (
                    inc for inc in reversed(incidents)
                    if inc.head.actor1 == m.actor1 and not inc.head.reported_by_actor1
                    and inc.head.sub_event_type != m.sub_event_type
                ),
                None,
            )  # fmt: skip
        if target is not None:
            target.mentions.append(m)
        elif not m.rule.antecedent:
            incidents.append(_Incident(head=m, mentions=[m]))
    for m in mentions:
        if not m.headline:
            continue
        target = next((inc for inc in incidents if _compatible(inc, m, loose=True)), None)
        if target is not None:
            target.mentions.append(m)
        elif not m.rule.antecedent:
            incidents.append(_Incident(head=m, mentions=[m]))
    for inc in incidents:  # the first report in the text names the incident (its trigger and id)
        inc.mentions.sort(key=lambda m: m.start)
        inc.head = next(m for m in inc.mentions if not m.rule.antecedent)
    incidents.sort(key=lambda inc: inc.head.start)
    return incidents


def _part_of_previous(m: Mention, incident: _Incident) -> bool:
    last = incident.mentions[-1]
    return (
        m.sub_event_type == "Looting/property destruction"
        and incident.head.sub_event_type != m.sub_event_type
        and m.place is None
        and m.time is None
        and m.fatalities is None
        and m.actor1 is not None
        and m.actor1 == incident.head.actor1  # the same perpetrators ("the attackers") went on
        and m.sentence.paragraph - last.sentence.paragraph <= 1
    )


def _bare_own_account(m: Mention) -> bool:
    return (
        m.reported_by_actor1
        and m.actor1 is not None
        and m.place is None
        and m.time is None
        and m.relative is None
        and m.fatalities is None
        and m.injuries is None
    )


def _compatible(incident: _Incident, m: Mention, loose: bool = False) -> bool:
    """Whether mention ``m`` can report ``incident``: same sub-type, agreeing place and date; an
    undated mention agrees with any date, a country with any place inside it."""
    # A headline's "police firing" is the body's police firing whether or not its sentence names the crowd.
    police_headline = loose and m.rule.police_agent and incident.head.rule.police_agent
    if incident.head.sub_event_type != m.sub_event_type and not police_headline:
        return False
    if incident.head.rule.police_agent != m.rule.police_agent:
        return False  # "four were burnt to death and two were killed in police firing": two incidents
    if not loose and m.count != incident.head.count and not m.definite:
        return False  # "three rocket attacks" is not the "rocket attack" reported before
    for other in incident.mentions:
        if m.place and other.place and not _places_agree(m.place, other.place, loose):
            return False
        if m.time and other.time and not _dates_agree(m.time.value, other.time.value):
            return False
    return True


def _places_agree(a: Place, b: Place, loose: bool = False) -> bool:
    """Same country, and not two different cities; ``loose`` (a headline): two places in one
    province agree too ("in Syria's Idlib" and "in Saraqeb")."""
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    if loose and a.admin1 and a.admin1 == b.admin1:
        return True
    # Two different cities are two incidents; a city and its country are one.
    return not (a.feature == "city" and b.feature == "city" and a.name != b.name)


def _dates_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    if "W" in a or "W" in b:
        return a[:4] == b[:4]
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _best(mentions: list[Mention], value: Callable[[Mention], T | None], rank: Callable[[T], int]) -> T | None:
    """The highest-ranked non-None value among mentions (the earliest on ties)."""
    best: T | None = None
    for m in mentions:
        v = value(m)
        if v is not None and (best is None or rank(v) > rank(best)):
            best = v
    return best


def _first(values: Iterable[T | None]) -> T | None:
    """The first value that is not None."""
    return next((v for v in values if v is not None), None)
