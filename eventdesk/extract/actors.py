"""Actors: states, forces, armed groups, organisations, media, officials and anonymous sources.

``ActorFinder(settings)(doc)`` returns one ``Actor`` per real-world actor in the article, with every
mention of it (character offsets into ``doc.text``), sorted by first mention. It works in two steps:

1. Dictionary matching. States (pycountry plus ``data/actors/states.yaml``), armed groups
   (``armed_groups.tsv``), organisations, media, government bodies and parties
   (``organizations.tsv``) and well-known leaders (``leaders.tsv``) are compiled at construction into
   ONE case-sensitive trie-shaped regex, so an article is scanned once whatever the dictionary size.
2. Patterns around those hits and over the text (word lists in ``words.yaml``): "<state> forces" ->
   state forces ("Military Forces of Iraq"); "Iran-backed militia" / "pro-Iran groups" -> proxy armed
   groups; "US-led coalition"; unnamed "militants"/"gunmen"; "the military" (the dominant state's);
   titled officials ("Defense Secretary Lloyd Austin", "Sen. Marco Rubio (R-FL)"); "<Name> said";
   "Mr Kirby"; later surname-only references; anonymous sources ("a US official"); civilians.
   The keywords that anchor these patterns are found by a second single trie-regex scan.

Choices a caller should know:
- A state adjective inside a longer actor ("Iran" in "Iran-backed militia", "US" in "US forces",
  "USA" in "a USA official") is ALSO a mention of the state; ``spans.actor_at`` prefers the longest
  mention, so events see the force/proxy/source.
- Capitals are state mentions only as metonyms, i.e. directly followed by a verb such as "said" or
  "grows" ("Tehran grows impatient"); a bare "Tehran" or "Washington" is left to the places stage.
- Government bodies (State Department, Kremlin, Defense Ministry) are kind ``political`` with their
  state as affiliation; proxies ("Iran-backed militia") have their backer as affiliation; an
  official of a group or organisation ("Hamas leader X") has that body as affiliation.
- Plural demonyms ("Palestinians") are civilians of that state ("Civilians (Palestine)"), not the state.
- Unnamed armed actors ("gunmen", "militants") are one "Unidentified Armed Group" per article (per
  country when qualified: "Somali militants"); "the militia" is linked to the armed group named most
  recently before it.
- Ambiguous short aliases ("IS", "AA") count only next to a cue word ("IS fighters"); two-to-four
  letter capitals in an all-caps sentence (a shouted headline: "TELL US") are ignored.
- Armed groups keep the ACLED-style category of the dictionary: ``finder.category_of(actor.name)``.
- Officials take the state from, in order: a qualifier before the title ("US State Department
  spokesman"), a party tag ("(R-FL)"), the leaders file, and a title hint ("Defense Secretary" -> US)
  when the hinted state is the article's most mentioned one. ``affiliation`` is set only when that
  state is itself mentioned in the article; ``country_code`` is set regardless.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from eventdesk.datafiles import LINE_KEY, fail, read_tsv, read_yaml
from eventdesk.extract.patterns import trie_pattern as shared_trie_pattern
from eventdesk.extract.segment import Doc
from eventdesk.records import Actor, ActorKind, Span, stable_id
from eventdesk.settings import Settings

DATA_DIR = Path(__file__).parent / "data" / "actors"

KINDS = frozenset(
    "state state_forces armed_group political official person organization international media civilians "
    "anonymous".split()
)
CATEGORIES = frozenset("rebel political_militia identity_militia jihadist other".split())
# Codes that pycountry does not know but news uses.
EXTRA_CODES = {"XK": "Kosovo"}

# Roles of a dictionary hit: how it became an alias.
STATE, DEMONYM, PEOPLE, GROUP, ORG, LEADER = "state", "demonym", "people", "group", "org", "leader"

_WORD_AFTER = re.compile(r"[ \t]*\(?([\w'’-]+)")
_WORD_BEFORE = re.compile(r"([\w'’-]+)[\s\"“(]*$")
_PARTY_TAG = re.compile(r"\s*\(([RDI])-[A-Z]{2}\)")
_POSSESSIVE_GAP = re.compile(r"(?:['’]s)?\s+$")
_CLOSE_TO = re.compile(r"\s+close\s+to\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s*)+")
_UPPER_RUN = re.compile(r"(?:[A-Z][\w'’-]*\s+)+$")


@dataclass(frozen=True, slots=True)
class Entry:
    """One dictionary actor: what every alias of it resolves to."""

    name: str
    kind: ActorKind
    role: str
    country: str | None = None  # ISO alpha-2, "*" (from context) or None
    category: str | None = None  # armed groups only: ACLED-style category
    title: str | None = None  # leaders only: best-known office


@dataclass(frozen=True, slots=True)
class Alias:
    entry: Entry
    strict: bool  # needs a cue word next to it ("IS" fighters)


@dataclass(slots=True)
class Draft:
    """An actor being assembled: ``mentions`` maps (start, end) to the mention's confidence."""

    name: str
    kind: ActorKind
    country: str | None = None
    title: str | None = None
    affiliation: str | None = None  # canonical name of another draft (resolved to an id at the end)
    mentions: dict[tuple[int, int], float] = field(default_factory=dict)

    def add(self, start: int, end: int, confidence: float) -> None:
        key = (start, end)
        self.mentions[key] = max(confidence, self.mentions.get(key, 0.0))


# ----------------------------------------------------------------------------------------------------
# Building patterns


def _char_pattern(ch: str) -> str:
    if ch == " ":
        return r"\s"
    if ch == "'":
        return "['’]"
    return re.escape(ch)


# Matched text -> dictionary key: any white space is a space, a curly apostrophe is straight.
_KEY_TABLE = str.maketrans({"\n": " ", "\t": " ", "\r": " ", "\f": " ", "\v": " ", "\xa0": " ", "’": "'"})


def _normalize(text: str) -> str:
    """The dictionary key for matched text: single spaces, straight apostrophes."""
    return text.translate(_KEY_TABLE)


def trie_pattern(words: Iterable[str]) -> str:
    """``patterns.trie_pattern`` over dictionary keys: spaces match any white space, apostrophes both kinds."""
    return shared_trie_pattern((_normalize(w) for w in words), char=_char_pattern)


def _bounded(pattern: str) -> re.Pattern[str]:
    """Whole-word matching: no letter/digit right before or after (hyphens are boundaries)."""
    return re.compile(r"(?<![\w])(?:" + pattern + r")(?![\w])")


def _variants(alias: str) -> list[str]:
    """Spelling variants matched as the same alias: "al-X" / "Al-X" both ways."""
    out = [alias]
    if alias.startswith("al-"):
        out.append("Al-" + alias[3:])
    elif alias.startswith("Al-"):
        out.append("al-" + alias[3:])
    return out


def _capitalized(words: Iterable[str]) -> list[str]:
    """Words plus their sentence-initial capitalised forms."""
    out: list[str] = []
    for word in words:
        out.append(word)
        if word[:1].islower():
            out.append(word[0].upper() + word[1:])
    return out


# ----------------------------------------------------------------------------------------------------
# Loading the dictionaries


def _strings(path: Path, line: int | None, value: object, what: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(path, line, f"{what} must be a list of non-empty strings")
    return [v.strip() for v in value]


def _known_code(code: str) -> bool:
    return code in EXTRA_CODES or pycountry.countries.get(alpha_2=code) is not None


@dataclass(slots=True)
class StateInfo:
    code: str
    name: str
    aliases: list[str]
    demonyms: list[str]
    capitals: list[str]
    plurals: list[str]  # "Palestinians": the state's people, not the state
    soft_aliases: list[str]  # pycountry's names: dropped where they clash ("Congo" is DR Congo's alias)
    of_name: str  # the name inside a longer name: "the United States" in "Military Forces of the United States"


def load_states(path: Path) -> tuple[list[StateInfo], list[str]]:
    """States (pycountry + overrides) and the metonym verbs, validated."""
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("states"), dict):
        raise fail(path, None, "expected a mapping with a 'states' mapping")
    exclude = set(_strings(path, data.get(LINE_KEY), data.get("exclude"), "exclude"))
    with_the = set(_strings(path, data.get(LINE_KEY), data.get("with_the"), "with_the"))
    verbs = _strings(path, data.get(LINE_KEY), data.get("metonym_verbs"), "metonym_verbs")
    overrides: dict[str, dict[str, Any]] = {}
    for code, spec in data["states"].items():
        if code == LINE_KEY:
            continue
        line = spec.get(LINE_KEY) if isinstance(spec, dict) else data.get(LINE_KEY)
        if not isinstance(spec, dict) or not _known_code(str(code)):
            raise fail(path, line, f"{code!r}: expected a known ISO alpha-2 code with a mapping")
        unknown = set(spec) - {"name", "aliases", "demonyms", "capitals", "plurals", LINE_KEY}
        if unknown:
            raise fail(path, line, f"{code}: unknown fields {sorted(unknown)}")
        overrides[str(code)] = spec
    states: list[StateInfo] = []
    codes = [(c.alpha_2, c) for c in pycountry.countries] + [(code, None) for code in EXTRA_CODES]
    for code, country in codes:
        if code in exclude:
            continue
        spec = overrides.get(code, {})
        line = spec.get(LINE_KEY)
        base = (getattr(country, "common_name", None) or country.name) if country else EXTRA_CODES[code]
        name = str(spec.get("name") or base)
        aliases = [name, *_strings(path, line, spec.get("aliases"), f"{code} aliases")]
        soft = [
            extra
            for extra in (base, getattr(country, "official_name", None))
            if extra and "," not in extra and "(" not in extra
        ]
        demonyms = _strings(path, line, spec.get("demonyms"), f"{code} demonyms")
        plurals = _strings(path, line, spec.get("plurals"), f"{code} plurals")
        plurals += [d + "s" for d in demonyms if not d.endswith(("s", "sh", "ch", "x", "z", "ese"))]
        states.append(
            StateInfo(
                code=code,
                name=name,
                aliases=aliases,
                demonyms=demonyms,
                capitals=_strings(path, line, spec.get("capitals"), f"{code} capitals"),
                plurals=plurals,
                soft_aliases=soft,
                of_name=f"the {name}" if code in with_the else name,
            )
        )
    return states, verbs


def _split_aliases(cell: str) -> list[tuple[str, bool]]:
    out = []
    for raw in cell.split("|"):
        raw = raw.strip()
        if raw:
            out.append((raw.lstrip("!"), raw.startswith("!")))
    return out


def _check_country(path: Path, row: dict[str, Any], allow_context: bool) -> str | None:
    code = row["country"] or None
    if code is None or (allow_context and code == "*") or _known_code(code):
        return code
    raise fail(path, row[LINE_KEY], f"unknown country code {code!r}")


def _matchable_name(name: str) -> bool:
    # "Dawn (newspaper)": a trailing parenthetical disambiguates the name and is not written in text.
    return not name.endswith(")")


def load_groups(path: Path) -> list[tuple[Entry, list[tuple[str, bool]], int]]:
    rows = read_tsv(path, ["name", "aliases", "country", "category", "note"])
    out = []
    for row in rows:
        if not row["name"] or row["category"] not in CATEGORIES:
            raise fail(path, row[LINE_KEY], f"need a name and a category in {sorted(CATEGORIES)}")
        entry = Entry(row["name"], "armed_group", GROUP, _check_country(path, row, False), row["category"])
        aliases = _split_aliases(row["aliases"])
        if _matchable_name(row["name"]):
            aliases.insert(0, (row["name"], False))
        out.append((entry, aliases, row[LINE_KEY]))
    return out


def load_organizations(path: Path) -> list[tuple[Entry, list[tuple[str, bool]], int]]:
    rows = read_tsv(path, ["name", "kind", "country", "aliases", "note"])
    out = []
    for row in rows:
        if not row["name"] or row["kind"] not in KINDS:
            raise fail(path, row[LINE_KEY], f"need a name and a kind in {sorted(KINDS)}")
        entry = Entry(row["name"], row["kind"], ORG, _check_country(path, row, True))
        aliases = _split_aliases(row["aliases"])
        if _matchable_name(row["name"]):
            aliases.insert(0, (row["name"], False))
        out.append((entry, aliases, row[LINE_KEY]))
    return out


def load_leaders(path: Path) -> list[tuple[Entry, list[tuple[str, bool]], int]]:
    rows = read_tsv(path, ["name", "country", "title", "aliases", "note"])
    out = []
    for row in rows:
        if not row["name"]:
            raise fail(path, row[LINE_KEY], "need a name")
        entry = Entry(row["name"], "official", LEADER, _check_country(path, row, False), title=row["title"] or None)
        out.append((entry, [(row["name"], False), *_split_aliases(row["aliases"])], row[LINE_KEY]))
    return out


@dataclass(slots=True)
class Words:
    """The validated contents of words.yaml."""

    context_after: frozenset[str]
    context_before: frozenset[str]
    force_nouns: dict[str, str]
    bare_force_nouns: list[str]
    force_act_nouns: frozenset[str]
    generic_armed: dict[str, str]
    proxy_nouns: list[str]
    proxy_qualifiers: list[str]
    titles: dict[str, list[str]]
    honorifics: list[str]
    name_particles: list[str]
    not_names: frozenset[str]
    organization_words: frozenset[str]
    speech_verbs: list[str]
    anonymous_determiners: list[str]
    anonymous_ranks: list[str]
    anonymous_nouns: list[str]
    anonymity_cues: list[str]
    civilians: dict[str, str]


def load_words(path: Path) -> Words:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise fail(path, None, "expected a mapping")
    line = data.get(LINE_KEY)

    def strings(key: str) -> list[str]:
        if key not in data:
            raise fail(path, line, f"missing list {key!r}")
        return _strings(path, line, data[key], key)

    def mapping(key: str) -> dict[str, str]:
        value = data.get(key)
        if not isinstance(value, dict):
            raise fail(path, line, f"missing mapping {key!r}")
        out = {}
        for k, v in value.items():
            if k == LINE_KEY:
                continue
            if not isinstance(v, str) and not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
                raise fail(path, value.get(LINE_KEY), f"{key}: bad value for {k!r}")
            out[str(k)] = v
        return out

    titles = mapping("titles")
    for title, hints in titles.items():
        if not isinstance(hints, list) or not all(_known_code(h) for h in hints):
            raise fail(path, data["titles"].get(LINE_KEY), f"titles: {title!r} needs a list of country codes")
    return Words(
        context_after=frozenset(strings("context_after")),
        context_before=frozenset(strings("context_before")),
        force_nouns=mapping("force_nouns"),
        bare_force_nouns=strings("bare_force_nouns"),
        force_act_nouns=frozenset(strings("force_act_nouns")),
        generic_armed=mapping("generic_armed"),
        proxy_nouns=strings("proxy_nouns"),
        proxy_qualifiers=strings("proxy_qualifiers"),
        titles=titles,  # type: ignore[arg-type]
        honorifics=strings("honorifics"),
        name_particles=strings("name_particles"),
        not_names=frozenset(strings("not_names")),
        organization_words=frozenset(strings("organization_words")),
        speech_verbs=strings("speech_verbs"),
        anonymous_determiners=strings("anonymous_determiners"),
        anonymous_ranks=strings("anonymous_ranks"),
        anonymous_nouns=strings("anonymous_nouns"),
        anonymity_cues=strings("anonymity_cues"),
        civilians=mapping("civilians"),
    )


# ----------------------------------------------------------------------------------------------------
# The stage


@dataclass(slots=True)  # not frozen: a frozen dataclass is several times slower to build
class Hit:
    """A dictionary match in the text."""

    start: int
    end: int
    entry: Entry
    confidence: float


class Occupied:
    """Which characters of the text some mention already covers (a byte per character: O(1) to mark,
    a C-level scan to test, instead of comparing against every earlier span)."""

    __slots__ = ("mask",)

    def __init__(self, size: int) -> None:
        self.mask = bytearray(size + 1)

    def add(self, start: int, end: int) -> None:
        self.mask[start:end] = b"\x01" * (end - start)

    def hit(self, start: int, end: int) -> bool:
        return self.mask.find(1, start, end) != -1


# How sure a dictionary match is, by how it was found (a demonym may be an ethnic group, not the state).
_BASE_CONFIDENCE = {STATE: 0.95, DEMONYM: 0.85, PEOPLE: 0.75}

# Keyword categories of the second scan (one trie regex over all the word lists of words.yaml).
COALITION, GENERIC, CIVILIAN, BARE_FORCE, ANON, SPEECH, TITLE, HONORIFIC = (
    "coalition generic civilian bare_force anon speech title honorific".split()
)


class ActorFinder:
    """Finds the actors of an article. Build once (loads and compiles the dictionaries); call per ``Doc``.

    The text is scanned twice whatever the dictionary sizes: once for dictionary names (states, groups,
    organisations, leaders, capitals) and once for the keywords that anchor the patterns (titles,
    "said", "militants", "civilians", "official", "coalition", ...); everything else is anchored
    matching at those positions.
    """

    def __init__(self, settings: Settings, data_dir: Path = DATA_DIR) -> None:
        self.settings = settings
        states, metonym_verbs = load_states(data_dir / "states.yaml")
        self.words = load_words(data_dir / "words.yaml")
        self.state_names = {s.code: s.name for s in states}
        self.state_codes = {s.name: s.code for s in states}
        self.of_names = {s.name: s.of_name for s in states}
        self.aliases: dict[str, Alias] = {}
        self.categories: dict[str, str] = {}
        self._load_aliases(states, data_dir)
        self.capitals = {
            _normalize(capital): Entry(s.name, "state", STATE, s.code) for s in states for capital in s.capitals
        }
        self._compile(metonym_verbs)

    def _load_aliases(self, states: list[StateInfo], data_dir: Path) -> None:
        path = data_dir / "states.yaml"
        for state in states:
            entry = Entry(state.name, "state", STATE, state.code)
            for alias in state.aliases:
                self._add_alias(alias, Alias(entry, False), path, None)
            demonym = Entry(state.name, "state", DEMONYM, state.code)
            for alias in state.demonyms:
                self._add_alias(alias, Alias(demonym, False), path, None)
        for state in states:
            entry = Entry(state.name, "state", STATE, state.code)
            for alias in state.soft_aliases:
                if _normalize(alias) not in self.aliases:
                    self._add_alias(alias, Alias(entry, False), path, None)
            people = Entry(f"Civilians ({state.name})", "civilians", PEOPLE, state.code)
            for alias in state.plurals:
                if _normalize(alias) not in self.aliases:  # "Laos" is a state, not the plural of "Lao"
                    self._add_alias(alias, Alias(people, False), path, None)
        for filename, loader in (
            ("armed_groups.tsv", load_groups),
            ("organizations.tsv", load_organizations),
            ("leaders.tsv", load_leaders),
        ):
            for entry, aliases, line in loader(data_dir / filename):
                if entry.category:
                    self.categories[entry.name] = entry.category
                for alias, strict in aliases:
                    self._add_alias(alias, Alias(entry, strict), data_dir / filename, line)

    def _add_alias(self, alias: str, value: Alias, path: Path, line: int | None) -> None:
        for variant in _variants(alias):
            key = _normalize(variant)
            old = self.aliases.get(key)
            if old is not None and old.entry.name != value.entry.name:
                raise fail(path, line, f"alias {variant!r} already names {old.entry.name!r}")
            if old is None or old.entry.role == DEMONYM:
                self.aliases[key] = value

    def _compile(self, metonym_verbs: list[str]) -> None:
        w = self.words
        self.gazetteer = _bounded(trie_pattern([*self.aliases, *self.capitals]))
        self.keyword_kinds: dict[str, set[str]] = {}
        for kind, words in (
            (COALITION, ["coalition", "Coalition"]),
            (GENERIC, _capitalized(w.generic_armed)),
            (CIVILIAN, _capitalized(w.civilians)),
            (BARE_FORCE, _capitalized(w.bare_force_nouns)),
            (ANON, _capitalized(w.anonymous_nouns)),
            (SPEECH, w.speech_verbs),
            (TITLE, w.titles),
            (HONORIFIC, w.honorifics),
        ):
            for word in words:
                self.keyword_kinds.setdefault(_normalize(word), set()).add(kind)
        self.keywords = _bounded(trie_pattern(self.keyword_kinds))
        self.metonym_verb = re.compile(r"\s+(?:" + trie_pattern(metonym_verbs) + r")(?![\w])")
        self.force_after = re.compile(
            r"(?:['’]s)?[ \t]+(?:(?:own|elite|regular|government|ground|allied|pro-government)[ \t]+)?("
            + trie_pattern(w.force_nouns)
            + r")(?![\w])"
        )
        proxy_nouns = trie_pattern(w.proxy_nouns)
        self.proxy_after = re.compile(
            r"-(" + trie_pattern(w.proxy_qualifiers) + r")\s+(?:[a-z]+\s+)?(" + proxy_nouns + r")(?![\w])"
        )
        self.pro_after = re.compile(r"\s+(?:[a-z]+\s+)?(" + proxy_nouns + r")(?![\w])")
        particles = trie_pattern(w.name_particles)
        # A name token: "Austin", "O'Brien", "al-Sudani", "J." -- but not the possessive "'s".
        word = r"[A-Z][\w-]*(?:['’](?!s(?![\w]))[\w-]+)*"
        token = r"(?:" + word + r"|[A-Z]\.|(?:" + particles + r")-" + word + r")"
        not_name = r"(?!(?:" + trie_pattern(w.not_names) + r")(?![\w]))"
        gap = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # a line break (hard-wrapped text), but not a paragraph break
        particle = r"(?:(?:" + particles + r")" + gap + r")?"
        name = not_name + token + r"(?:" + gap + particle + not_name + token + r"){0,3}"
        self.name = re.compile(name)
        self.name_after = re.compile(gap + r"(" + name + r")")
        self.name_said = re.compile(
            r"(?<![\w'’-])(" + name + r")(?:,[^,.;\n\"“”]{1,80},)?[ \t]+(?:has[ \t]+|had[ \t]+)?$"
        )
        self.named_after = re.compile(r",?[ \t]+" + name)
        self.anonymous_before = re.compile(
            r"(?<![\w])(?:(" + trie_pattern(_capitalized(w.anonymous_determiners)) + r")\s+)?"
            r"(?:(?:" + trie_pattern(w.anonymous_ranks) + r"|" + not_name + r"[A-Z][\w.'’-]*)[ \t]+){0,3}$"
        )
        # ", who spoke on condition of anonymity", "speaking on condition of anonymity"
        self.anonymity_cue = re.compile(
            r"\s*,?\s*(?:who\s+[a-z]+\s+|speaking\s+)?(?:" + trie_pattern(w.anonymity_cues) + r")"
        )

    # ------------------------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> list[Actor]:
        text = doc.text
        drafts: dict[str, Draft] = {}
        hits = self._dictionary_hits(doc)
        keywords = self._keyword_hits(text)
        most, dominant = _main_states(hits)
        taken = Occupied(len(text))  # named (non-state) actors: patterns must not reuse their words
        for hit in hits:
            self._add_hit(drafts, hit, hits, text, dominant)
            if hit.entry.kind != "state":
                taken.add(hit.start, hit.end)
        state_hits = [h for h in hits if h.entry.kind == "state"]
        self._forces_and_proxies(drafts, state_hits, text, taken)
        self._coalitions(drafts, state_hits, keywords.get(COALITION, []), text, taken)
        self._bare_forces(drafts, keywords.get(BARE_FORCE, []), text, dominant, taken)
        self._people(drafts, hits, keywords, text, most, taken)
        self._anonymous(drafts, keywords.get(ANON, []), text, hits, taken)
        self._generic_armed(drafts, keywords.get(GENERIC, []), state_hits, text, taken)
        self._civilians(drafts, keywords.get(CIVILIAN, []), text, taken)
        return self._finish(drafts, doc)

    def category_of(self, name: str) -> str | None:
        """The ACLED-style category of a dictionary armed group ("rebel", "jihadist", ...), by actor name."""
        return self.categories.get(name)

    def _keyword_hits(self, text: str) -> dict[str, list[tuple[int, int, str]]]:
        """Keyword matches by category: {"title": [(start, end, word), ...], "speech": [...], ...}."""
        keywords: dict[str, list[tuple[int, int, str]]] = {}
        for match in self.keywords.finditer(text):
            word = match.group()
            if word not in self.keyword_kinds:
                word = _normalize(word)
            for kind in self.keyword_kinds[word]:
                keywords.setdefault(kind, []).append((match.start(), match.end(), word))
        return keywords

    # --- dictionary -------------------------------------------------------------------------------

    def _dictionary_hits(self, doc: Doc) -> list[Hit]:
        text = doc.text
        shouting: dict[int, bool] = {}
        hits = []
        for match in self.gazetteer.finditer(text):
            start, end = match.span()
            written = match.group()
            alias = self.aliases.get(written) or self.aliases.get(_normalize(written))
            if alias is None:
                # A capital: a state mention only as a metonym ("Tehran grows impatient").
                if self.metonym_verb.match(text, end):
                    hits.append(Hit(start, end, self.capitals[_normalize(written)], 0.7))
                continue
            if alias.strict and not self._licensed(text, start, end):
                continue
            if len(written) <= 4 and written.isupper() and self._shouting(doc, start, shouting):
                continue  # "US" in an all-caps headline may be the word "us"
            entry = alias.entry
            if entry.role == LEADER and not self._standalone_name(text, start, written, entry):
                continue
            base = _BASE_CONFIDENCE.get(entry.role, 0.9)
            hits.append(Hit(start, end, entry, base - (0.2 if alias.strict else 0.0)))
        return hits

    def _licensed(self, text: str, start: int, end: int) -> bool:
        """Whether an ambiguous alias ("IS") has a cue word next to it ("IS fighters", "fighting IS")."""
        after = _WORD_AFTER.match(text, end)
        if after and after.group(1).lstrip("-") in self.words.context_after:
            return True
        before = _WORD_BEFORE.search(text, max(0, start - 30), start)
        return bool(before and before.group(1) in self.words.context_before)

    @staticmethod
    def _shouting(doc: Doc, offset: int, cache: dict[int, bool]) -> bool:
        """Whether the sentence at ``offset`` is in capitals (a headline in upper case)."""
        index = doc.sentence_index(offset)
        if index not in cache:
            sentence = doc.sentences[index] if doc.sentences else None
            chunk = doc.text[sentence.start : sentence.end] if sentence else doc.text
            cache[index] = chunk.isupper()
        return cache[index]

    def _standalone_name(self, text: str, start: int, written: str, entry: Entry) -> bool:
        """A surname alias ("Biden") is not this leader inside a longer name ("Hunter Biden")."""
        return " " in written.strip() or written == entry.name or not self._inside_longer_name(text, start)

    def _inside_longer_name(self, text: str, start: int) -> bool:
        """Whether the word at ``start`` follows another capitalised word that is not a title, a
        sentence opener or a dictionary name ("Hunter Biden", not "President Biden" or "Iraqi Sudani")."""
        before = _WORD_BEFORE.search(text, max(0, start - 30), start)
        if before is None or text[before.end(1) : start].strip(" \t"):
            return False
        word = before.group(1)
        if not word[:1].isupper() or word in self.words.titles or word.rstrip(".") in self.words.not_names:
            return False
        return _normalize(word) not in self.aliases

    def _add_hit(self, drafts: dict[str, Draft], hit: Hit, hits: list[Hit], text: str, dominant: str | None) -> None:
        entry = hit.entry
        name, country = entry.name, entry.country
        if entry.country == "*":
            # "Iraqi Defense Ministry", "Russia's Defence Ministry"; else the article's dominant state.
            country = self._state_before(hits, hit.start, text) or self.state_codes.get(dominant or "")
            name = f"{entry.name} of {self.of_names[self.state_names[country]]}" if country else entry.name
        draft = _draft(drafts, name, entry.kind, country)
        if entry.kind in ("political", "state_forces", "official") and country in self.state_names:
            draft.affiliation = draft.affiliation or self.state_names[country]
        draft.add(hit.start, hit.end, hit.confidence)

    @staticmethod
    def _state_before(hits: list[Hit], start: int, text: str) -> str | None:
        """The code of a state written right before ``start`` ("Iraqi ", "Russia's ", "the US ")."""
        for hit in reversed(hits):
            if hit.end <= start:
                if hit.entry.kind == "state" and (hit.end == start or _POSSESSIVE_GAP.fullmatch(text, hit.end, start)):
                    return hit.entry.country
                return None
        return None

    # --- forces, proxies, coalitions -----------------------------------------------------------------

    def _forces_and_proxies(self, drafts: dict[str, Draft], state_hits: list[Hit], text: str, taken: Occupied) -> None:
        """ "Iraqi forces" -> Military Forces of Iraq; "Iran-backed militia", "pro-Iran groups" -> proxies."""
        for hit in state_hits:
            code, state = hit.entry.country, hit.entry.name
            force = self.force_after.match(text, hit.end)
            if force and force.group(1) in _COLLECTIVE_FORCES and not _verb_or_stop_after(text, force.end()):
                force = None  # "a senior Iranian military figure": an adjective, not the force itself
            if force and not taken.hit(hit.start, force.end()):
                family = self.words.force_nouns[_normalize(force.group(1))]
                draft = _draft(drafts, f"{family} of {self.of_names[state]}", "state_forces", code)
                draft.affiliation = state
                draft.add(hit.start, force.end(), 0.85)
                taken.add(hit.start, force.end())
                continue
            proxy = self.proxy_after.match(text, hit.end)
            if proxy and not taken.hit(hit.start, proxy.end()):
                noun = _singular(_normalize(proxy.group(2)))
                _proxy(drafts, f"{state}-{proxy.group(1)} {noun}", state, hit.start, proxy.end(), taken)
                continue
            if text[max(0, hit.start - 4) : hit.start].lower() == "pro-":
                pro = self.pro_after.match(text, hit.end)
                if pro and not taken.hit(hit.start - 4, pro.end()):
                    noun = _singular(_normalize(pro.group(1)))
                    _proxy(drafts, f"pro-{state} {noun}", state, hit.start - 4, pro.end(), taken)

    def _coalitions(
        self,
        drafts: dict[str, Draft],
        state_hits: list[Hit],
        found: list[tuple[int, int, str]],
        text: str,
        taken: Occupied,
    ) -> None:
        """ "US-led coalition", a named "... Coalition", and "coalition forces"/"the coalition"."""
        for hit in state_hits:
            led = _LED_COALITION.match(text, hit.end)
            if led and not taken.hit(hit.start, led.end()):
                draft = _draft(drafts, f"{hit.entry.name}-led coalition", "international", hit.entry.country)
                draft.add(hit.start, led.end(), 0.85)
                taken.add(hit.start, led.end())
        generic: list[tuple[int, int]] = []
        for start, end, word in found:
            if taken.hit(start, end) or text[start - 1 : start] == "-":
                continue
            run = _UPPER_RUN.search(text, max(0, start - 80), start)
            if word[0] == "C" and run and not run.group().startswith(("The ", "A ")):
                # A named coalition: "International Anti-Jihadi Coalition", "Global Coalition".
                _draft(drafts, text[run.start() : end], "international", None).add(run.start(), end, 0.8)
                taken.add(run.start(), end)
            elif _COALITION_FOLLOW.match(text, end) or text[max(0, start - 4) : start].lower() == "the ":
                generic.append((start, end))
        if generic:
            target = _main_coalition(drafts)
            for start, end in generic:
                target.add(start, end, 0.7)
                taken.add(start, end)

    def _bare_forces(
        self,
        drafts: dict[str, Draft],
        found: list[tuple[int, int, str]],
        text: str,
        dominant: str | None,
        taken: Occupied,
    ) -> None:
        """ "the military launched ..." -> the dominant state's forces, else generic "Military Forces"."""
        for start, end, word in found:
            article = _THE_BEFORE.search(text, max(0, start - 8), start)
            word = word.lower()
            if article is None and word not in _NO_ARTICLE_FORCES:
                continue  # "military" alone is usually an adjective; "police said" is not
            if taken.hit(start, end) or not _verb_or_stop_after(text, end, self.words.force_act_nouns):
                continue
            family = self.words.force_nouns.get(word, "Military Forces")
            code = self.state_codes.get(dominant or "")
            name = f"{family} of {self.of_names[dominant]}" if dominant else family
            draft = _draft(drafts, name, "state_forces", code)
            if dominant:
                draft.affiliation = dominant
            mention_start = article.start() if article else start
            draft.add(mention_start, end, 0.6)
            taken.add(mention_start, end)

    # --- people --------------------------------------------------------------------------------------

    def _people(
        self,
        drafts: dict[str, Draft],
        hits: list[Hit],
        keywords: dict[str, list[tuple[int, int, str]]],
        text: str,
        most: str | None,
        taken: Occupied,
    ) -> None:
        """Titled officials, "<Name> said", "Mr Kirby", then surname-only references to them."""
        leaders = {h.start: h for h in hits if h.entry.role == LEADER}
        named = Occupied(len(text))  # dictionary names other than leaders: never part of a person's name
        for hit in hits:
            if hit.entry.role != LEADER:
                named.add(hit.start, hit.end)
        people: dict[str, Draft] = {d.name: d for d in drafts.values() if d.kind == "official"}
        titles = keywords.get(TITLE, [])
        qualifiers = _qualifier_spans(hits, drafts, titles)
        for start, end, _ in titles:
            tail = self.name_after.match(text, end)
            if tail and tail.group(1).split()[-1] in self.words.organization_words:
                continue  # "General Mining Union Corp": a company named after the word
            if tail and not named.hit(start, tail.end()):
                self._titled(drafts, people, (start, end), tail.span(1), qualifiers, text, most, leaders)
        for start, end, _ in keywords.get(SPEECH, []):
            self._speaker(drafts, people, start, end, text, named, leaders)
        for start, end, _ in keywords.get(HONORIFIC, []):
            tail = self.name_after.match(text, end)
            if tail and not named.hit(*tail.span(1)):
                self._person(drafts, people, tail.group(1), (start, tail.end()), tail.start(1), None, 0.7, leaders)
        self._surnames(drafts, people, text)
        for draft in people.values():
            for span in draft.mentions:
                taken.add(*span)

    def _speaker(
        self,
        drafts: dict[str, Draft],
        people: dict[str, Draft],
        start: int,
        end: int,
        text: str,
        named: Occupied,
        leaders: dict[int, Hit],
    ) -> None:
        """A capitalised name of two or more words before or after a speech verb is a person."""
        before = None
        # Try only where a capitalised word starts: a search over the whole window would run the name
        # pattern at every character.
        for capital in _CAPITAL_START.finditer(text, max(0, start - 140), start):
            before = self.name_said.match(text, capital.start(), start)
            if before is not None:
                break
        after = self.name_after.match(text, end) if before is None else None
        match = before or after
        if match is None:
            return
        n_start, n_end = match.span(1)
        written = match.group(1)
        if " " not in written.strip() or named.hit(n_start, n_end) or _covered(drafts, n_start, n_end):
            return
        if written.split()[-1] in self.words.organization_words:
            # "Federal Express Corp said": a company or body, not a person.
            _draft(drafts, _normalize(written), "organization", None).add(n_start, n_end, 0.6)
            return
        self._person(drafts, people, written, (n_start, n_end), n_start, None, 0.7, leaders)

    def _titled(
        self,
        drafts: dict[str, Draft],
        people: dict[str, Draft],
        title_span: tuple[int, int],
        name_span: tuple[int, int],
        qualifiers: list[Qualifier],
        text: str,
        most: str | None,
        leaders: dict[int, Hit],
    ) -> None:
        """An official: "Defense Secretary Lloyd Austin", "Hamas leader Yahya Sinwar"."""
        title_start, title_end = title_span
        start, end = name_span
        qualifier, country, body = _qualifier(qualifiers, title_start, text)
        title = text[qualifier if qualifier is not None else title_start : title_end]
        if country is None and _PARTY_TAG.match(text, end):
            country = "US"  # "(R-FL)": a party and a US state
        hints = self.words.titles.get(_normalize(text[title_start:title_end]), [])
        if country is None and self.state_codes.get(most or "") in hints:
            country = self.state_codes[most or ""]
        mention_start = qualifier if qualifier is not None else title_start
        draft = self._person(drafts, people, text[start:end], (mention_start, end), start, country, 0.85, leaders)
        draft.kind = "official"
        draft.title = draft.title or title
        if body is not None:
            draft.affiliation = body  # a group's or an organisation's official belongs to it

    def _person(
        self,
        drafts: dict[str, Draft],
        people: dict[str, Draft],
        written: str,
        mention: tuple[int, int],
        name_start: int,
        country: str | None,
        confidence: float,
        leaders: dict[int, Hit],
    ) -> Draft:
        """The draft for a person whose name ``written`` starts at ``name_start``: a known leader, an
        earlier full-name mention whose surname this is, or a new person. Adds ``mention``."""
        written = _normalize(written)
        alias = self.aliases.get(written)
        known = alias.entry if alias and alias.entry.role == LEADER else None
        if known is None and name_start in leaders:
            known = leaders[name_start].entry
        if known is not None:
            draft = _draft(drafts, known.name, "official", known.country)
            country = country or known.country
        else:
            draft = _existing_person(people, written) or _draft(drafts, written, "person", None)
        if country and not draft.country:
            draft.country = country
        if draft.country in self.state_names and not draft.affiliation:
            draft.affiliation = self.state_names[draft.country]
        people[draft.name] = draft
        draft.add(mention[0], mention[1], confidence)
        return draft

    def _surnames(self, drafts: dict[str, Draft], people: dict[str, Draft], text: str) -> None:
        """Later surname-only references ("Austin", "Kirby") become mentions of the full-name person."""
        by_surname: dict[str, Draft] = {}
        for draft in people.values():
            surname = draft.name.split()[-1]
            if len(surname) > 2 and surname[0].isupper():
                by_surname.setdefault(surname, draft)
        if not by_surname:
            return
        occupied = Occupied(len(text))
        for draft in drafts.values():
            for span in draft.mentions:
                occupied.add(*span)
        for surname, draft in by_surname.items():
            for start in _occurrences(text, surname):
                end = start + len(surname)
                if not occupied.hit(start, end) and not self._inside_longer_name(text, start):
                    draft.add(start, end, 0.7)

    # --- anonymous sources, unnamed armed actors, civilians -----------------------------------------

    def _anonymous(
        self, drafts: dict[str, Draft], found: list[tuple[int, int, str]], text: str, hits: list[Hit], taken: Occupied
    ) -> None:
        """Unnamed sources who speak: "a US official, who spoke on condition of anonymity", "officials said"."""
        last: Draft | None = None
        for noun_start, end, noun in found:
            lead = self.anonymous_before.search(text, max(0, noun_start - 80), noun_start)
            start = lead.start() if lead else noun_start
            det = lead.group(1) if lead else None
            cue = self.anonymity_cue.match(text, end)
            if not cue and not _speaking(text, start, end, det is not None):
                continue
            if noun.lower() in _SINGULAR_SOURCES and not _verb_or_stop_after(text, end):
                continue  # "an official visit", "a source of income"
            if self.named_after.match(text, end, end + 60) or taken.hit(start, end):
                continue  # "a senior official, John Smith": a named person
            close = _CLOSE_TO.match(text, end)
            if close:
                end = close.end()
            if det and det.lower() == "the":
                if last is not None:
                    last.add(start, end, 0.6)  # "the official said": the source named before
                continue
            written = text[start:end]
            country = next((h.entry.country for h in hits if start <= h.start < end and h.entry.kind == "state"), None)
            key = "anonymous:" + " ".join(w for w in _normalize(written).lower().split() if w not in _ARTICLES)
            draft = drafts.get(key) or Draft(written, "anonymous", country)
            drafts[key] = draft
            if country in self.state_names:
                draft.affiliation = self.state_names[country]
            draft.add(start, end, 0.9 if cue else 0.75)
            taken.add(start, end)
            last = draft

    def _generic_armed(
        self,
        drafts: dict[str, Draft],
        found: list[tuple[int, int, str]],
        state_hits: list[Hit],
        text: str,
        taken: Occupied,
    ) -> None:
        """Unnamed armed actors: "gunmen", "Somali militants" -> Unidentified Armed Group (Somalia);
        "the militia" -> the armed group named most recently before it, if any."""
        armed = [d for d in drafts.values() if d.kind == "armed_group"]
        group_ends = {e for d in armed for _, e in d.mentions}
        state_before = {h.end: h for h in state_hits}
        for start, end, word in found:
            if taken.hit(start, end) or start in group_ends or start - 1 in group_ends:
                continue  # "Hamas fighters", "M23 rebels": the named group covers it
            before = _WORD_BEFORE.search(text, max(0, start - 30), start)
            if before and before.group(1) in ("the", "The", "these", "those") and armed:
                prior = [(max(s for s, _ in d.mentions if s < start), d) for d in armed if min(d.mentions)[0] < start]
                if prior:
                    max(prior, key=lambda pair: pair[0])[1].add(start, end, 0.55)
                    continue
            family = self.words.generic_armed[word.lower()]
            state = state_before.get(start - 1) if text[start - 1 : start] == " " else None
            if state is not None:
                name, country, mention_start = f"{family} ({state.entry.name})", state.entry.country, state.start
            else:
                name, country, mention_start = family, None, start
            _draft(drafts, name, "armed_group", country).add(mention_start, end, 0.6)
            taken.add(mention_start, end)

    def _civilians(
        self, drafts: dict[str, Draft], found: list[tuple[int, int, str]], text: str, taken: Occupied
    ) -> None:
        """Civilians and crowds, grouped by the names in words.yaml ("protesters" -> Protesters)."""
        for start, end, word in found:
            if taken.hit(start, end):
                continue
            word = word.lower()
            if word == "civilian":
                nxt = _NEXT_WORD.match(text, end)
                if nxt is None or nxt.group(1) in _NOT_PEOPLE:
                    continue  # an adjective of a place or object, not people
                end = nxt.end()
            _draft(drafts, self.words.civilians[word], "civilians", None).add(start, end, 0.7)

    # --- output --------------------------------------------------------------------------------------

    @staticmethod
    def _finish(drafts: dict[str, Draft], doc: Doc) -> list[Actor]:
        by_name: dict[str, Draft] = {}
        for draft in drafts.values():
            if draft.mentions:
                by_name.setdefault(draft.name, draft)
        ids = {name: stable_id("ac", doc.key, name) for name in by_name}
        actors = []
        for draft in by_name.values():
            affiliation = ids.get(draft.affiliation or "") if draft.affiliation != draft.name else None
            actors.append(
                Actor(
                    id=ids[draft.name],
                    name=draft.name,
                    kind=draft.kind,
                    country_code=draft.country if draft.country != "*" else None,
                    mentions=[Span(s, e, doc.text[s:e]) for s, e in _outermost(list(draft.mentions))],
                    confidence=round(max(draft.mentions.values()), 3),
                    title=draft.title,
                    affiliation=affiliation,
                )
            )
        actors.sort(key=lambda a: (a.mentions[0].start, a.name))
        return actors


# ----------------------------------------------------------------------------------------------------
# Small helpers

_NO_ARTICLE_FORCES = frozenset(["police", "security forces"])
_CAPITAL_START = re.compile(r"(?<![\w'’-])[A-Z]")
_LED_COALITION = re.compile(r"-led\s+(?:(?:military|international|multinational)\s+)?coalition(?![\w])")
_COALITION_FOLLOW = re.compile(
    r"[ \t]+(?:forces|troops|personnel|partners|members|aircraft|warplanes|jets|strikes?|air\s?strikes?|"
    r"bases?|soldiers|spokesman|officials?)(?![\w])"
)
_THE_BEFORE = re.compile(r"(?<![\w])(?:[Tt]he|[Ii]ts|[Tt]heir)\s+$")
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)")
_SAID_BEFORE = re.compile(r"(?:said|says|told|according\s+to)\s*$")
_SAID_LATER = re.compile(r"[^.;\"“”]{0,80}?(?<![\w])(?:said|says|told|added|warned)(?![\w])")
_PLURAL_SAID = re.compile(r"\s+(?:said|say|says|told|reported|added|confirmed)(?![\w])")
_ARTICLES = frozenset(["a", "an", "one", "the"])
_SINGULAR_SOURCES = frozenset(["official", "source", "officer", "commander", "aide", "spokesman"])


def _speaking(text: str, start: int, end: int, has_determiner: bool) -> bool:
    """Whether the source at [start, end) speaks: "officials said", "said a US official",
    "a senior official told Reuters"."""
    if _PLURAL_SAID.match(text, end) or _SAID_BEFORE.search(text, max(0, start - 25), start):
        return True
    return has_determiner and _SAID_LATER.match(text, end) is not None


@dataclass(slots=True)
class Qualifier:
    """Something that can stand before a title: a state, a body, a force or another title."""

    start: int
    end: int
    kind: str  # an actor kind, or "title"
    country: str | None
    name: str | None  # the actor's name, for bodies an official belongs to (groups, organisations)


_STATE_BODIES = frozenset(["political", "state_forces"])
_OWN_BODIES = frozenset(["international", "armed_group", "media", "organization"])


def _qualifier_spans(hits: list[Hit], drafts: dict[str, Draft], titles: list[tuple[int, int, str]]) -> list[Qualifier]:
    spans = [
        Qualifier(h.start, h.end, h.entry.kind, h.entry.country if h.entry.country != "*" else None, h.entry.name)
        for h in hits
        if h.entry.role != LEADER
    ]
    for draft in drafts.values():
        if draft.kind == "state_forces":  # "Congolese army spokesman Gen. X"
            spans += [Qualifier(s, e, "state_forces", draft.country, draft.name) for s, e in draft.mentions]
    spans += [Qualifier(s, e, "title", None, None) for s, e, _ in titles]
    spans.sort(key=lambda q: (q.end, -q.start))
    return spans


def _qualifier(qualifiers: list[Qualifier], start: int, text: str) -> tuple[int | None, str | None, str | None]:
    """What is written just before a title at ``start``: (start of the body/title part, country, name of
    a non-state body). "US State Department spokesman" -> (offset of "State", "US", None); "Iraqi Prime
    Minister" -> (None, "IQ", None); "Hamas leader" -> (offset of "Hamas", "PS", "Hamas")."""
    org_start: int | None = None
    country: str | None = None
    body: str | None = None
    cursor = start
    for q in reversed(qualifiers):
        if q.end > cursor:
            continue
        if q.end < cursor - 4 or text[q.end : cursor].strip(" \t'’s"):
            break
        if q.kind == "state":
            country = country or q.country
        elif q.kind in _STATE_BODIES or q.kind in _OWN_BODIES or q.kind == "title":
            org_start = q.start
            country = country or q.country
            if q.kind in _OWN_BODIES:
                body = body or q.name
        else:
            break
        cursor = q.start
    return org_start, country, body


def _main_states(hits: list[Hit]) -> tuple[str | None, str | None]:
    """(most mentioned state, dominant state): the dominant one has at least two mentions and 1.5 times
    as many as any other, so "the military" can be read as its forces."""
    counts = Counter(h.entry.name for h in hits if h.entry.kind == "state")
    top = counts.most_common(2)
    if not top:
        return None, None
    most, count = top[0]
    dominant = count >= 2 and (len(top) == 1 or count >= 1.5 * top[1][1])
    return most, most if dominant else None


def _draft(drafts: dict[str, Draft], name: str, kind: ActorKind, country: str | None) -> Draft:
    draft = drafts.get(name)
    if draft is None:
        draft = drafts[name] = Draft(name, kind, country)
    return draft


def _proxy(drafts: dict[str, Draft], name: str, state: str, start: int, end: int, taken: Occupied) -> None:
    draft = _draft(drafts, name, "armed_group", None)
    draft.affiliation = state  # the backer
    draft.add(start, end, 0.8)
    taken.add(start, end)


def _main_coalition(drafts: dict[str, Draft]) -> Draft:
    """The coalition a bare "the coalition" refers to: the most mentioned one, else a generic one."""
    coalitions = [d for d in drafts.values() if d.kind == "international" and "oalition" in d.name]
    if coalitions:
        return max(coalitions, key=lambda d: len(d.mentions))
    return _draft(drafts, "Coalition", "international", None)


def _existing_person(people: dict[str, Draft], written: str) -> Draft | None:
    """An earlier person this name refers to: "Kirby" -> "John Kirby"; "John Kirby" after a bare
    "Mr Kirby" renames that actor to the fuller name."""
    if written in people:
        return people[written]
    last = written.split()[-1]
    for name, draft in people.items():
        parts = name.split()
        if " " not in written and len(parts) > 1 and parts[-1] == last:
            return draft
        if " " in written and " " not in name and last == name and draft.kind == "person":
            del people[name]
            draft.name = written
            return draft
    return None


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Starts of ``word`` as a whole word in ``text`` (str.find: a few surnames need no regex)."""
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if (start == 0 or not _is_name_char(text[start - 1])) and (end == len(text) or not _is_name_char(text[end])):
            yield start
        start = text.find(word, end)


def _is_name_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_'’-"


def _covered(drafts: dict[str, Draft], start: int, end: int) -> bool:
    return any(s < end and start < e for d in drafts.values() for s, e in d.mentions)


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans without those inside another ("Lloyd Austin" in "Defense Secretary Lloyd Austin")."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if out and start >= out[-1][0] and end <= out[-1][1]:
            continue
        out.append((start, end))
    return out


_SINGULAR = {"militias": "militia", "militiamen": "militia", "groups": "group", "factions": "faction"}


def _singular(noun: str) -> str:
    """One name for "militia"/"militias": the proxy actor is the same whatever number is written."""
    return _SINGULAR.get(noun, noun)


# Words after "civilian" that make it an adjective of a thing, not a person.
_NOT_PEOPLE = frozenset(
    "and or areas area infrastructure targets casualties deaths death toll sites buildings homes houses facilities "
    "objects government rule aircraft airport flights vessels ships status clothes life court courts control "
    "oversight authorities administration".split()
)
# Force nouns that are also adjectives ("military figure", "army base"): they need a verb or a stop after.
_COLLECTIVE_FORCES = frozenset(
    [
        "military",
        "army",
        "Army",
        "police",
        "Police",
        "navy",
        "Navy",
        "air force",
        "Air Force",
        "intelligence",
        "artillery",
    ]
)
_AFTER_FORCE = re.compile(r"\s*(?:([,.;:!?)\"”]|$)|([A-Za-z]+(?:-[A-Za-z]+)*))")
_FORCE_VERBS = frozenset(
    "said says has have had is was were are will would launched carried conducted fired struck attacked arrested "
    "deployed opened shot responded denied claimed announced took seized stormed raided detained killed kills "
    "and of in on at to for with from against over spokesman spokeswoman also later then who familiar close "
    "speaking told".split()
)


def _verb_or_stop_after(text: str, end: int, act_nouns: frozenset[str] = frozenset()) -> bool:
    """ "the military launched" and "police firing" (one of ``act_nouns``) make an actor; "the military
    complex" is an adjective."""
    match = _AFTER_FORCE.match(text, end)
    if match is None or match.group(1) is not None:
        return True
    word = match.group(2)
    return word in _FORCE_VERBS or word.endswith("ed") or word.lower() in act_nouns
