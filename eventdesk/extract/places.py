"""Places: every toponym in the text, geocoded offline.

Recognition walks the capitalised tokens once and looks each stretch up in the gazetteer, longest
first (one dict access per candidate length). A match is dropped when it is really part of another
name: a person's ("Lloyd Austin", "Mr Kirby"), a medium's or organisation's ("the Washington Post",
"Kurdistan 24 TV"), or an actor mention from the actors stage. Unknown capitalised phrases count as
places when the text says so ("the village of X", "near X", "X province", "in X, <known place>").

Resolution ranks each name's namesakes by a prior (population, or the weight of a country or
division), the countries the article names, "City, State" patterns, names listed together and
feature words ("X province"), and gives every mention of one name in an article the same reading.

Feature words: "Kaduna state", "the Kursk region", "Idlib governorate" make the name a division
(admin1), decisively when a division of that name exists, including the division a town gives its
name to as its largest town ("Kursk" -> Kursk oblast). The span stays the name alone ("Kaduna"):
the lower-case feature word is evidence, not part of the name. A bare "Kaduna" or "Gao" is then
the town, even in an article that also says "Kaduna state". Arabic names spelled unlike any
gazetteer form ("Khan Sheikhoun") are matched by their consonant skeleton. Unknown villages are
placed in their container (", <place>"), else in the one division or country their sentence names,
else in the article's dominant country: coordinates of the container, feature "other", low
confidence; a sentence naming several countries leaves them without coordinates.

Small towns (below the main table's population floor: "Edmonton", Queensland; "Paris", Missouri)
are readings only where the article backs them: the text puts the name in their state ("Edmonton,
Ky."), the article names their state, or another of its towns lies within MINOR_REACH_KM. Local
news names such towns bare, and a big namesake elsewhere must not win by population alone.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from eventdesk.extract.gazetteer import (
    ALIAS_PENALTY,
    SHORT_FORM_PENALTY,
    TOKEN_RE,
    Entry,
    Gazetteer,
    Name,
    fold,
    km,
    skeleton,
    skeleton_word,
)
from eventdesk.extract.segment import Doc
from eventdesk.records import Actor, Place, stable_id
from eventdesk.settings import Settings

# Lower-case words allowed inside a multi-word name ("Bosnia and Herzegovina", "Rio de Janeiro").
CONNECTORS = frozenset(
    "of and de del della la le les el al ad ar as an ash az at ez es ed the upon on da do dos das di du "
    "des sur am im y e i bin ibn van von der den aan".split()
)
# Arabic-style names may start with a lower-case article: "al-Qaim", "as-Sulaymaniyah".
_ARTICLE_PREFIX = re.compile(r"(?:al|el|ad|ar|as|an|ash|az|at|ez|es|ed)-[A-Z]")
_ARTICLES = frozenset("al el ad ar as an ash az at ez es ed".split())
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
# A letter outside ASCII ("ô", "ī") or a typographic apostrophe: its token needs real folding.
_NON_ASCII_LETTER = re.compile(r"[^\x00-\x7f](?<=\w)|[’ʻʼ‘]")
_DEMONYM_LIKE = re.compile(r"(?:ian|ians|ese|ish|ans|ic|ics)$")
# Words that turn a following feature word into a division or a settlement hint.
_DIVISION_WORDS = frozenset(
    "province district county governorate region oblast state prefecture department territory emirate canton".split()
    # "New York Governor Andrew Cuomo", "the Alberta Premier": offices of a division.
    + "governor gov premier legislature statehouse".split()
)
_SETTLEMENT_WORDS = frozenset("city town village township municipality borough".split())
_HINT_SUFFIXES = {"division": ("state", "province", "governorate", "region", "oblast"), "settlement": ("city",)}

# Actor kinds whose mention, when it contains a name, makes the name part of that actor's name.
_VETO_KINDS_ANY = frozenset({"media", "organization", "armed_group"})
_VETO_KINDS_NOT_COUNTRY = frozenset({"media", "organization", "armed_group", "person", "international"})

# Scoring weights (log10-population scale; see gazetteer priors).
COUNTRY_VOTE_BONUS = 1.5
ADMIN1_VOTE_BONUS = 1.5
HINT_BONUS = 2.5
SAME_COUNTRY_AS_CONTAINER = 4.0
NEAR_CONTAINER = 2.0
# How far a place may lie from the centre of the division said to contain it.
NEAR_CONTAINER_KM = 800.0
CONTAINS_BONUS = 3.0
# Names listed together ("between Gao and Menaka") favour namesakes in the country of the other.
LIST_SIBLING_BONUS = 1.5
# Towns of an article lie near each other ("Edmonton" and "Enfield" in London, not in Alberta and
# Connecticut): a namesake near another name's namesake scores this much per such name (up to 2).
PROXIMITY_BONUS = 1.5
PROXIMITY_CELL_DEGREES = 1.0
# Only the most likely namesakes of a name take part in the proximity test (it must stay cheap).
PROXIMITY_CANDIDATES = 8
ANCHOR_KINDS = frozenset({"country"})
# A small town (``Gazetteer.minor``) is a reading only within this distance of another of the article's towns.
MINOR_REACH_KM = 100.0
MINOR_REACH_DEGREES = MINOR_REACH_KM / 111.0  # the same reach in latitude: a cheap first test
# Where a town resolved for another name counts as near, when small towns compete.
NEAR_ANCHOR_KM = 150.0
_LOCAL_KINDS = frozenset({"city", "county", "state_county"})
# Local places whose coordinates say where they are (not a state's centre): proximity evidence.
_POINT_KINDS = frozenset({"city", "county"})
# Company suffixes, often written in lower case in newswire ("Norton co").
_CORPORATE = frozenset({"inc", "corp", "co", "ltd", "plc", "llc"})
_LIST_SEPARATORS = frozenset({", ", " and ", ", and ", " or ", ", or "})
_CONTAINER_KINDS = frozenset({"country", "admin1", "subdivision", "region", "county", "state_county"})
# Words of an Arabic name matched by its consonant skeleton, and how sure such a match is.
SKELETON_RUN = 4
SKELETON_CONFIDENCE = 0.7
# How many capitalised words after a name may lead to an organisation's head ("Sudan Doctors Network").
ORG_RUN = 3


@dataclass(slots=True)
class _Mention:
    """A recognised stretch of text and its gazetteer readings (none for an unknown name)."""

    start: int
    end: int
    key: str
    names: list[Name]
    hint: str | None = None  # "division" | "settlement", from a feature word after the name
    explicit: bool = False  # the hint is the text's own word ("Kaduna state"), not a guess from a list
    confidence: float = 0.9
    weak: bool = False  # an unknown name after "in": kept only when ", <known place>" follows
    container: _Mention | None = None  # the place after ", " ("Paris, Texas")
    contains: list[_Mention] = field(default_factory=list)  # the places before ", <this>"
    siblings: list[_Mention] = field(default_factory=list)  # listed with this one ("Gao and Menaka")
    entry: Entry | None = None
    margin: float = 0.0
    inside: Entry | None = None  # geocoded to this container: no namesake of ours lies in it
    unplaced: bool = False  # an unknown name whose sentence names places in several countries
    # Towns too small for the main table with this name ("Edmonton", Queensland): readings only when
    # the article's other places lie near them. A mention with ``minor`` but no ``names`` is dropped
    # unless one of them is so supported.
    minor: list[Name] = field(default_factory=list)
    fallback: bool = False  # without a backed small town, still an unknown place marked by context

    @property
    def hint_words(self) -> tuple[str, ...]:
        """Words a division's or settlement's longer name ends with, for the hint."""
        return _HINT_SUFFIXES.get(self.hint or "", ())


class _Tokens:
    """The article's tokens: spans, text and folded text; ``lower_words`` (made on first use) is
    the set of words the article writes in lower case somewhere."""

    __slots__ = ("_lower_words", "folded", "spans", "text", "words")

    def __init__(self, text: str, spans: list[tuple[int, int]], words: list[str], folded: list[str]) -> None:
        self.text = text
        self.spans = spans
        self.words = words
        self.folded = folded
        self._lower_words: set[str] | None = None

    @property
    def lower_words(self) -> set[str]:
        if self._lower_words is None:
            self._lower_words = set(_LOWER_WORD.findall(self.text))
        return self._lower_words


class PlaceFinder:
    """Finds and geocodes the places of an article. Build once per process (it loads the
    gazetteer, 1-2 s); calls are pure functions of (doc, actors).

    ``finder(doc, actors)`` returns every place mention in text order. Each ``Place`` has offsets
    into ``doc.text``, the id ``stable_id("pl", doc.key, start, end)``, the chosen gazetteer
    reading (name, country, admin1, lat/lon, GeoNames id when from GeoNames, feature) and a
    confidence: about 0.9 for a clear reading, less when namesakes competed, 0.2-0.5 for names the
    gazetteer lacks. Those are placed in the place the text puts them in ("Pandi, Bulacan"), else
    in the article's dominant country, else left without coordinates.
    ``actors`` (the actors stage's output, may be empty) vetoes names inside media, organisation,
    armed-group and person mentions; countries stay places even when listed as state actors.
    """

    def __init__(self, settings: Settings, gazetteer: Gazetteer | None = None) -> None:
        self.settings = settings
        self.gazetteer = gazetteer or Gazetteer(settings.min_city_population)
        self.words = self.gazetteer.words

    def __call__(self, doc: Doc, actors: list[Actor]) -> list[Place]:
        text = doc.text
        tokens = _tokenize(text)
        vetoes = _actor_spans(actors)
        pending: list[int] = []
        mentions = self._recognise(text, tokens, vetoes, pending)
        if pending:
            mentions = self._add_small_towns(text, tokens, vetoes, mentions, pending)
        self._link_containers(text, mentions)
        self._hint_lists(text, mentions)
        mentions = [m for m in mentions if not m.weak or m.minor or _has_known_container(m)]
        self._resolve(mentions)
        mentions = [
            m
            for m in mentions
            if m.names or m.entry is not None or not m.minor or (m.fallback and (not m.weak or _has_known_container(m)))
        ]
        dominant = self._dominant_country(mentions)
        self._place_unknowns(doc, mentions, dominant)
        return [_place(doc, text, m, dominant) for m in mentions]

    # -- recognition ------------------------------------------------------------------------

    def _recognise(
        self, text: str, tokens: _Tokens, vetoes: list[tuple[int, int, str]], pending: list[int]
    ) -> list[_Mention]:
        """One left-to-right pass over the tokens that can start a name: the longest gazetteer
        match, unless a veto makes it part of another name; else an unknown name marked by context.
        Tokens that found no main-table name but may start a small town's are added to ``pending``."""
        mentions: list[_Mention] = []
        persons: set[str] = set()  # names seen as part of a person's name ("Barack Obama")
        words, spans, folded = tokens.words, tokens.spans, tokens.folded
        minor_heads = self.gazetteer.minor_heads
        known, prefixes = self.gazetteer.names, self.gazetteer.prefixes
        common_words = self.words.common_words
        count = len(words)
        # Names start at a capital ("Iraq") or at an Arabic article ("al-Qaim").
        starts = [k for k, word in enumerate(words) if word[0].isupper() or word in _ARTICLES]
        i = 0
        for start_index in starts:
            if start_index < i:
                continue
            i = start_index
            if words[i] in _ARTICLES and not _ARTICLE_PREFIX.match(text, spans[i][0]):
                continue
            # Most capitalised words start no name: one set test each spares the walk.
            head = folded[i]
            found = self._longest_match(text, tokens, i, mentions) if head in known or head in prefixes else None
            if found is None:
                if head in minor_heads:
                    pending.append(i)  # maybe a small town's name: decided once the article is read
                # Only a run of two or more words is matched by its skeleton (as ``_skeleton_match``
                # extends it), and none starts with a common word ("The", "New", "Prime").
                two = (
                    i + 1 < count
                    and _gap(text, spans, i, i + 1) in (" ", "")
                    and (words[i + 1][0].isupper() or words[i + 1] in _ARTICLES or words[i + 1] == "-")
                    and head not in common_words
                )
                by_skeleton = self._skeleton_match(text, tokens, i) if two else None
                if by_skeleton is not None:
                    mention, last = by_skeleton
                    if not _vetoed_by_actor(vetoes, mention.start, mention.end, is_country=False):
                        mentions.append(mention)
                    i = last + 1
                    continue
                unknown = self._unknown_place(text, tokens, i)
                if unknown is not None:
                    mention, last = unknown
                    if not _vetoed_by_actor(vetoes, mention.start, mention.end, is_country=False):
                        mentions.append(mention)
                    i = last + 1
                continue
            last, names = found
            start, end = spans[i][0], spans[last][1]
            veto = self._name_veto(text, tokens, i, last, names, mentions)
            skip_to = None
            if veto is not None:
                skip_to, is_person = veto
                # "Khan Sheikhoun": "Khan" is a town somewhere, but the longer name is Syria's.
                by_skeleton = None if _strong(names) else self._skeleton_match(text, tokens, i)
                if by_skeleton is not None and by_skeleton[1] > last:
                    mention, last = by_skeleton
                    if not _vetoed_by_actor(vetoes, mention.start, mention.end, is_country=False):
                        mentions.append(mention)
                    i = last + 1
                    continue
                if is_person and not _strong(names):
                    persons.add(" ".join(tokens.folded[i : last + 1]))
            elif not _modifier_compound(text, tokens, last):  # "Seattle-based Starbucks" names Seattle
                is_country = any(n.entry.kind == "country" for n in names)
                if _vetoed_by_actor(vetoes, start, end, is_country, _strong(names), last == i):
                    skip_to = last
            if (
                skip_to is None
                and last == i
                and not _strong(names)
                and tokens.folded[i] in tokens.lower_words
                and _sentence_initial(text, start)
            ):
                skip_to = last  # "Mobile phones ..." at a sentence start
            if skip_to is not None:
                i = skip_to + 1
                continue
            nxt = last + 1
            if (
                nxt < count
                and _gap(text, spans, last, nxt) == " "
                and words[nxt][:1].isupper()
                and tokens.folded[nxt] in self.words.landmark_words
            ):
                # "Islington Bay", "Centennial Park": another, smaller place than the town.
                mentions.append(_Mention(start, spans[nxt][1], "", [], confidence=0.45))
                i = nxt + 1
                continue
            mention = _Mention(start, end, " ".join(tokens.folded[i : last + 1]), names)
            if not _strong(names):
                mention.minor = self.gazetteer.minor.get(mention.key, [])
            self._set_hint(mention, self._feature_hint(text, tokens, i, last), explicit=True)
            mentions.append(mention)
            i = last + 1
        # "Obama said": a bare surname whose full name appeared elsewhere in the article.
        return [m for m in mentions if m.key not in persons or _strong(m.names)]

    def _add_small_towns(
        self,
        text: str,
        tokens: _Tokens,
        vetoes: list[tuple[int, int, str]],
        mentions: list[_Mention],
        pending: list[int],
    ) -> list[_Mention]:
        """``mentions`` with the small towns' names (``Gazetteer.minor``) starting at the ``pending``
        tokens, in text order. Only names with a namesake the article may back are taken: in a
        division it names unambiguously, or near a namesake of another of its names (a cheap
        pre-test; ``_resolve_minor`` decides). A name the context already made an unknown place
        ("near Hinton") gets the small towns as readings."""
        admin1_votes = _admin1_votes(mentions)
        cells = {
            cell
            for mention in mentions
            for name in mention.names[:PROXIMITY_CANDIDATES]
            if (cell := _cell(name.entry)) is not None
        }
        if not cells and not admin1_votes:
            return mentions
        starts = [m.start for m in mentions]
        for i in pending:
            small = self._minor_mention(text, tokens, i, vetoes, admin1_votes, cells, mentions, starts)
            if small is None:
                continue
            index = bisect_right(starts, small.start)
            before = mentions[index - 1] if index else None
            if before is not None and before.start == small.start and before.end == small.end and not before.names:
                before.minor, before.fallback = small.minor, True
            elif (before is None or before.end <= small.start) and (
                index >= len(mentions) or mentions[index].start >= small.end
            ):
                mentions.insert(index, small)
                starts.insert(index, small.start)
        return mentions

    def _minor_mention(
        self,
        text: str,
        tokens: _Tokens,
        i: int,
        vetoes: list[tuple[int, int, str]],
        admin1_votes: set[str],
        cells: set[tuple[int, int]],
        mentions: list[_Mention],
        starts: list[int],
    ) -> _Mention | None:
        """The longest name of a small town starting at token i, as a mention without main
        readings; None when no such name starts here, none of its towns lies in ``admin1_votes`` or
        in or next to one of ``cells``, or it is part of a person's or an organisation's name, the
        subject of a verb of saying ("Scott told officers"), or a word the article also writes in
        lower case."""
        words, spans, folded = tokens.words, tokens.spans, tokens.folded
        if words[i].isupper():
            return None  # "Hugo" is a town; "HUGO" in a headline is too weak to tell
        minor = self.gazetteer.minor
        prefixes = self.gazetteer.prefixes
        best: tuple[int, list[Name]] | None = None
        key = folded[i]
        j = i
        while True:
            entries = minor.get(key)
            if entries:
                best = (j, entries)
            if key not in prefixes:
                break
            j += 1
            if j >= len(words) or j - i >= self.gazetteer.max_tokens or _gap(text, spans, j - 1, j) != " ":
                break
            if not words[j][0].isupper() and folded[j] not in CONNECTORS:
                break
            key = f"{key} {folded[j]}"
        if best is None:
            return None
        last, names = best
        if not any(_maybe_backed(n.entry, admin1_votes, cells) for n in names):
            return None
        start, end = spans[i][0], spans[last][1]
        earlier = mentions[: bisect_right(starts, start)]
        nxt = last + 1
        if (
            (nxt < len(words) and folded[nxt] in self.words.person_verbs and _gap(text, spans, last, nxt) == " ")
            or (last == i and folded[i] in tokens.lower_words)
            or _vetoed_by_actor(vetoes, start, end, is_country=False, one_word=last == i)
            or _modifier_compound(text, tokens, last)
            or self._name_veto(text, tokens, i, last, names, earlier) is not None
        ):
            return None
        return _Mention(start, end, " ".join(folded[i : last + 1]), [], confidence=0.7, minor=names)

    def _skeleton_match(self, text: str, tokens: _Tokens, i: int) -> tuple[_Mention, int] | None:
        """ "Maarat al-Numan", "Khan Sheikhoun": an Arabic town's name spelled unlike any of the
        gazetteer's forms, found by its consonant skeleton. The longest run of up to SKELETON_RUN
        capitalised words (with articles and hyphens between them) that matches wins. A lone word
        is not tried: its skeleton matches other names too ("Alexander" / "Alexandria")."""
        words, spans = tokens.words, tokens.spans
        if not words[i][0].isupper() or skeleton_word(tokens.folded[i]) not in self.gazetteer.skeleton_heads:
            return None
        last = i
        ends = [i]
        while last + 1 < len(words) and len(ends) < SKELETON_RUN:
            gap = _gap(text, spans, last, last + 1)
            word = words[last + 1]
            if gap not in (" ", "") or not (word[0].isupper() or word in _ARTICLES or word == "-"):
                break
            last += 1
            if word[0].isupper():
                ends.append(last)
        for end_index in reversed(ends[1:]):
            start, end = spans[i][0], spans[end_index][1]
            key = skeleton(fold(text[start:end]))
            if key is None:
                continue
            names = self.gazetteer.skeletons.get(key)
            if names:
                return _Mention(start, end, key, list(names), confidence=SKELETON_CONFIDENCE), end_index
        return None

    def _longest_match(
        self, text: str, tokens: _Tokens, i: int, mentions: list[_Mention]
    ) -> tuple[int, list[Name]] | None:
        """The last token index and readings of the longest gazetteer name starting at token i."""
        words, spans, folded = tokens.words, tokens.spans, tokens.folded
        gazetteer = self.gazetteer
        lookup = gazetteer.names.get
        prefixes = gazetteer.prefixes
        best: tuple[int, list[Name]] | None = None
        key = folded[i]
        j = i
        while True:
            names = lookup(key)
            if names:
                usable = _usable(text, spans[i][0], spans[j][1], names, mentions)
                if usable:
                    best = (j, usable)
            if key not in prefixes:
                break
            j += 1
            if j >= len(words) or j - i >= gazetteer.max_tokens:
                break
            gap = text[spans[j - 1][1] : spans[j][0]]
            if gap not in ("", " "):
                break
            word = words[j]
            if word[0].isalpha() and not word[0].isupper() and folded[j] not in CONNECTORS and word[1:2] not in "'’":
                break  # a lower-case word ends a name, except "of", "de", ... and "d'Ivoire"
            key = f"{key} {folded[j]}"
        # A lone common word ("March", "Police") is not a town, whatever the gazetteer says.
        if best is not None and best[0] == i and folded[i] in self.words.common_words and not _strong(best[1]):
            return None
        return best

    def _name_veto(
        self, text: str, tokens: _Tokens, i: int, last: int, names: list[Name], mentions: list[_Mention]
    ) -> tuple[int, bool] | None:
        """None when the match stands; else (the last token index to skip, whether the name was
        found to be a person's: then its other, bare mentions are persons too)."""
        words, spans, folded = tokens.words, tokens.spans, tokens.folded
        w = self.words
        # "Mr Kirby", "Sen. Marco Rubio", "President Lincoln".
        if i >= 1 and _gap(text, spans, i - 1, i) == " " and folded[i - 1] in w.titles:
            return last, True
        # "Sen. Marco Rubio", "George W. Bush": a title or an initial before the name.
        if i >= 2 and words[i - 1] == "." and _gap(text, spans, i - 2, i - 1) == "":
            before = words[i - 2]
            if folded[i - 2] in w.titles or (len(before) == 1 and before.isupper() and not _broad(names)):
                return last, True
        broad = _broad(names)
        # "Lloyd Austin": an unknown capitalised word right before a town's name makes a person.
        if i >= 1 and _gap(text, spans, i - 1, i) == " " and not broad:
            before = words[i - 1]
            after_place = bool(mentions) and mentions[-1].end == spans[i - 1][1]
            if (
                before[:1].isupper()
                and before.isalpha()
                and not before.isupper()
                and not after_place
                and folded[i - 1] not in w.harmless_before
                and folded[i - 1] not in w.place_cue_nouns  # "SOS Children's Village Malakal"
            ):
                if not _sentence_initial(text, spans[i - 1][0]):
                    return last, True
                # "Overall Edmonton received a B": a sentence-initial word is capitalised anyway;
                # it is a first name only if the article never writes it in lower case.
                if folded[i - 1] not in w.common_words and folded[i - 1] not in tokens.lower_words:
                    return last, False
        nxt = last + 1
        if nxt >= len(words) or _gap(text, spans, last, nxt) != " ":
            return None
        following = folded[nxt]
        # "the Washington Post", "Texas Rangers", "Norton Co" (but not "Baghdad news").
        if following in w.org_heads and (words[nxt][:1].isupper() or following in _CORPORATE):
            return nxt, False
        # "Marburg virus", "Lassa fever": named after the place, not about it.
        if following in w.named_after_words:
            return nxt, False
        # "Kurdistan 24 TV", "Kurdistan 24 reported": a channel named with a number.
        if following.isdigit() and len(following) <= 3 and nxt + 1 < len(words):
            after = words[nxt + 1]
            if _gap(text, spans, nxt, nxt + 1) == " " and (after[:1].isupper() or fold(after) in w.org_heads):
                return nxt, False
        # "Sudan Doctors Network", "Kenya Red Cross Society": a country's name that opens an
        # organisation's (a town's stays a place: "Santa Ana Unified School District").
        org_end = self._organisation_end(text, tokens, nxt) if _broad(names) else None
        if org_end is not None:
            return org_end, False
        # "David Nabarro", "Abu Shok": a town's name followed by an unknown capitalised word
        # starts a person's or a longer place's name ("Glasgow Police" and "Texas Governor" stand).
        if (
            not _strong(names)
            and last == i
            and words[nxt][:1].isupper()
            and words[nxt].isalpha()
            and not words[nxt].isupper()
            and not any(
                following in group
                for group in (w.harmless_before, w.feature_words, w.titles, w.common_words, w.landmark_words)
            )
            and not _strong(self.gazetteer.lookup(following))
        ):
            return last, False
        return None

    def _organisation_end(self, text: str, tokens: _Tokens, nxt: int) -> int | None:
        """The index of a capitalised organisation head ("Network", "Party") that ends a run of at
        most ORG_RUN capitalised words starting at token ``nxt``, else None."""
        words, spans, folded = tokens.words, tokens.spans, tokens.folded
        k = nxt
        while k < len(words) and k - nxt < ORG_RUN and words[k][:1].isupper() and words[k].isalpha():
            if k > nxt and folded[k] in self.words.org_heads:
                return k
            if k + 1 >= len(words) or _gap(text, spans, k, k + 1) != " ":
                break
            k += 1
        return None

    def _feature_hint(self, text: str, tokens: _Tokens, i: int, last: int) -> str | None:
        """ "division" or "settlement" when a feature word follows the name ("Idlib province") or
        precedes it with "of" ("the state of Washington")."""
        folded, spans = tokens.folded, tokens.spans
        nxt = last + 1
        word = ""
        if nxt < len(folded) and _gap(text, spans, last, nxt) == " ":
            word = folded[nxt]
        if word not in _DIVISION_WORDS and word not in _SETTLEMENT_WORDS and i >= 2 and folded[i - 1] == "of":
            word = folded[i - 2]
        if word in _DIVISION_WORDS:
            return "division"
        if word in _SETTLEMENT_WORDS:
            return "settlement"
        return None

    def _set_hint(self, mention: _Mention, hint: str | None, explicit: bool = False) -> None:
        """Record a division/settlement hint; a division may be listed under a longer name
        ("Washington state", "the state of Washington" -> "Washington State"). ``explicit``: the
        text's own feature word ("Kaduna state"), which may also name the division a town lends
        its name to; a hint guessed from a list or a comma does not."""
        if hint is None:
            return
        mention.hint = hint
        mention.explicit = explicit
        lookup = self.gazetteer.lookup
        extra = [n for word in mention.hint_words for n in lookup(f"{mention.key} {word}")]
        if hint == "division" and explicit:
            # "Kaduna state", "Kursk region": the division the town gives its name to.
            seats = (self.gazetteer.seat_division(n.entry) for n in mention.names)
            extra.extend(Name(seat) for seat in seats if seat is not None)
        known = {id(n.entry) for n in mention.names}
        for name in extra:
            if id(name.entry) not in known:
                known.add(id(name.entry))
                mention.names = [*mention.names, name]

    def _link_containers(self, text: str, mentions: list[_Mention]) -> None:
        """ "Paris, Texas" / "Pandi, Bulacan" / "Buffalo, New York": a place directly after ", "
        contains the one before when it can be a division or a country."""
        for index, (before, after) in enumerate(itertools.pairwise(mentions)):
            if text[before.end : after.start] not in (", ", ","):
                continue
            # A list of countries or of divisions ("Kenya, Uganda", "Nyanza, Rift Valley",
            # "Washington, Pennsylvania and California") is not a containment: the first must be
            # able to be a town, the second a division or country that does not go on the list.
            if before.names and (_broad(before.names) or not any(n.entry.kind in _LOCAL_KINDS for n in before.names)):
                continue
            if _continues_list(text, after, mentions[index + 2 : index + 3]):
                continue
            if not _can_contain(after.names) and after.names:
                self._set_hint(after, "division")  # "New York" -> "New York State"
            if _can_contain(after.names):
                before.container = after
                after.contains.append(before)

    def _hint_lists(self, text: str, mentions: list[_Mention]) -> None:
        """ "Oregon, Washington and Idaho": a name listed next to divisions is a division too."""
        for before, after in itertools.pairwise(mentions):
            if text[before.end : after.start] not in _LIST_SEPARATORS:
                continue
            before.siblings.append(after)
            after.siblings.append(before)
            for one, other in ((before, after), (after, before)):
                if (
                    one.hint is None
                    and one.names
                    and one.container is None
                    and _division_first(other.names)
                    and not self._seat_first(one.names)
                ):
                    self._set_hint(one, "division")

    def _has_seat(self, names: list[Name]) -> bool:
        """True when a reading is a town that gives its name to the division it is the largest
        town of ("Kharkiv" -> Kharkiv oblast)."""
        return any(n.entry.kind == "city" and self.gazetteer.seat_division(n.entry) is not None for n in names)

    def _seat_first(self, names: list[Name]) -> bool:
        """True when a name's likeliest reading on priors is a town that gives its name to the
        division it is the largest town of ("Gao"): listed next to divisions, it stays the town."""
        best = max(names, key=lambda n: n.entry.prior - (ALIAS_PENALTY if n.alias else 0.0))
        return best.entry.kind == "city" and self.gazetteer.seat_division(best.entry) is not None

    def _unknown_place(self, text: str, tokens: _Tokens, i: int) -> tuple[_Mention, int] | None:
        """A capitalised phrase the gazetteer lacks that the context marks as a place: "the village
        of X", "near X", "X province", or "in X" when ", <known place>" follows (checked later)."""
        words, spans, folded = tokens.words, tokens.spans, tokens.folded
        w = self.words
        if not words[i].isalpha() or words[i].isupper():
            return None
        before = folded[i - 1] if i >= 1 and _gap(text, spans, i - 1, i) == " " else ""
        cue_noun = before == "of" and i >= 2 and folded[i - 2] in w.place_cue_nouns
        if not cue_noun and before not in w.place_cues and w.feature_words.isdisjoint(folded[i + 1 : i + 5]):
            return None  # no cue before and no feature word after: the usual case, decided cheaply
        last = i
        while (
            last + 1 < len(words)
            and last - i < 3
            and _gap(text, spans, last, last + 1) == " "
            and words[last + 1][:1].isupper()
            and words[last + 1].isalpha()
            and folded[last + 1] not in w.feature_words
        ):
            last += 1
        nxt = last + 1
        feature = nxt < len(words) and folded[nxt] in w.feature_words and _gap(text, spans, last, nxt) == " "
        if not (feature or cue_noun or before in w.place_cues):
            return None
        phrase = folded[i : last + 1]
        if any(p in w.common_words or p in w.titles for p in phrase):
            return None
        if any(_DEMONYM_LIKE.search(p) for p in phrase) and (feature or last == i):
            return None  # "Philippine Department", "in English"
        start, end = spans[i][0], spans[last][1]
        if feature:
            # "Metcalfe County", "Idlib province": a feature word after the name.
            if words[nxt][:1].isupper():
                end = spans[nxt][1]
            hint = "settlement" if folded[nxt] in _SETTLEMENT_WORDS else "division"
            return _Mention(start, end, "", [], hint=hint, confidence=0.5), last
        if cue_noun:
            return _Mention(start, end, "", [], confidence=0.5), last
        if before in w.place_cues_strong:
            return _Mention(start, end, "", [], confidence=0.45), last
        return _Mention(start, end, "", [], confidence=0.4, weak=True), last

    # -- resolution -------------------------------------------------------------------------

    def _place_unknowns(self, doc: Doc, mentions: list[_Mention], dominant: Entry | None) -> None:
        """An unknown name with no container of its own ("near the village of Sotk") lies in the
        place its sentence names, when that is clear: when all its places lie in one country, the
        town it names (towns within MINOR_REACH_KM of each other count as one), else the one
        division it names, else that country. A sentence naming places in several
        countries ("... near Sotk, a charge Yerevan denied", with Azerbaijan) leaves it unplaced.
        When the article has a dominant country, a sentence about another country does not
        override it ("a rally in Victoria Park, chanting 'free Syria'"): ``_place`` falls back to it."""
        for mention in mentions:
            if mention.names or mention.entry is not None or mention.inside is not None:
                continue
            if mention.container is not None and mention.container.entry is not None:
                continue
            sentence = doc.sentence_at(mention.start)
            entries = [
                m.entry
                for m in mentions
                if m.entry is not None and sentence.start <= m.start < sentence.end and m.entry.country_code
            ]
            countries = {e.country_code for e in entries}
            if len(countries) > 1:
                mention.unplaced = True
                continue
            if not countries:
                continue
            code = next(iter(countries))
            if dominant is not None and dominant.country_code != code:
                continue
            towns = [e for e in entries if e.kind in _POINT_KINDS]
            if towns and all(_near(town, towns[0], MINOR_REACH_KM) for town in towns[1:]):
                # "the Cairns suburbs of Edmonton and Bentley Park": the one locality it names.
                mention.inside = towns[0]
                continue
            divisions = {id(e): e for e in entries if e.kind in ("admin1", "subdivision")}
            container = next(iter(divisions.values())) if len(divisions) == 1 else self.gazetteer.countries.get(code)
            mention.inside = container

    def _resolve(self, mentions: list[_Mention]) -> None:
        votes = _country_votes(mentions)
        top_vote = max(votes.values(), default=0.0)
        admin1_votes = _admin1_votes(mentions)
        by_key = _group_by_name(mentions, self._has_seat)
        cells = _proximity_cells(by_key)
        # Containers first: "Paris, Texas" needs Texas resolved before Paris.
        order = sorted(by_key.items(), key=lambda item: not any(m.contains for m in item[1]))
        for key, group in order:
            # A hint may have added readings to some mentions only ("Washington state").
            names = list(dict.fromkeys(n for m in group for n in m.names))
            if any(m.hint == "division" and m.explicit for m in group):
                # "Kaduna state", "Kharkiv region": the text says it is a division; a town of that
                # name is only a reading when no division has it.
                divisions = [n for n in names if n.entry.feature in ("admin1", "region")]
                names = divisions or names
            scored = sorted(
                (
                    (
                        self._score(name, group, votes, top_vote, admin1_votes) + _proximity(name.entry, key, cells),
                        index,
                    )
                    for index, name in enumerate(names)
                ),
                reverse=True,
            )
            best_score, best_index = scored[0]
            margin = best_score - scored[1][0] if len(scored) > 1 else 5.0
            entry = names[best_index].entry
            # "EDMONTON, Ky.": when the text puts the name in a place where none of our namesakes
            # lies, the town is missing from the gazetteer; its container is the best point.
            inside = None
            if entry.kind in _LOCAL_KINDS:
                inside = next(
                    (
                        m.container.entry
                        for m in group
                        if m.container is not None
                        and m.container.entry is not None
                        and m.container.entry.kind in _CONTAINER_KINDS
                        and not _compatible(entry, m.container.entry)
                    ),
                    None,
                )
            for mention in group:
                mention.entry = entry if inside is None else None
                mention.inside = inside
                mention.margin = margin
        self._resolve_minor(mentions, votes, top_vote, admin1_votes)

    def _resolve_minor(
        self,
        mentions: list[_Mention],
        votes: dict[str, float],
        top_vote: float,
        admin1_votes: set[str],
    ) -> None:
        """Small towns (``_Mention.minor``) compete with a name's chosen reading only when the
        article backs them: the text puts the name in their division ("Edmonton, Ky."), the
        article names their division, or another of its towns lies within MINOR_REACH_KM ("Edmonton,
        south of Cairns"). Then the usual score decides, with the proximity bonus counted against
        the towns the article's other names were resolved to (small ones included, in text order);
        unbacked, they are ignored."""
        if not any(m.minor for m in mentions):
            return
        anchors = [
            (m.key, m.entry)
            for m in mentions
            if m.entry is not None and m.entry.kind in _POINT_KINDS and m.entry.lat is not None
        ]
        groups: dict[tuple[str, int], list[_Mention]] = defaultdict(list)
        for mention in mentions:
            if mention.minor:
                groups[(mention.key, id(mention.entry))].append(mention)
        for (key, _), group in groups.items():
            backed = [n for n in group[0].minor if _backed(n.entry, key, group, anchors, admin1_votes)]
            if not backed:
                continue
            current = group[0].entry
            candidates = backed + [n for n in group[0].names if n.entry is current]
            scored = sorted(
                (
                    (
                        self._score(n, group, votes, top_vote, admin1_votes) + _anchor_proximity(n.entry, key, anchors),
                        index,
                    )
                    for index, n in enumerate(candidates)
                ),
                reverse=True,
            )
            best_score, best_index = scored[0]
            entry = candidates[best_index].entry
            if entry is current:
                continue
            margin = best_score - scored[1][0] if len(scored) > 1 else 1.0
            for mention in group:
                mention.entry = entry
                mention.inside = None
                mention.margin = margin
            if entry.lat is not None:
                anchors.append((key, entry))

    def _score(
        self,
        name: Name,
        group: list[_Mention],
        votes: dict[str, float],
        top_vote: float,
        admin1_votes: set[str],
    ) -> float:
        entry = name.entry
        score = entry.prior - (SHORT_FORM_PENALTY if name.short else ALIAS_PENALTY if name.alias else 0.0)
        if entry.country_code and top_vote > 0:
            score += COUNTRY_VOTE_BONUS * votes.get(entry.country_code, 0.0) / top_vote
        if entry.admin1 and entry.kind in _LOCAL_KINDS and entry.admin1 in admin1_votes:
            score += ADMIN1_VOTE_BONUS
        bonus = 0.0
        for mention in group:
            found = 0.0
            if (mention.hint == "division" and entry.feature in ("admin1", "region")) or (
                mention.hint == "settlement" and entry.feature == "city"
            ):
                found += HINT_BONUS
            container = mention.container.entry if mention.container is not None else None
            if container is not None and container is not entry and _same_country(entry, container):
                found += SAME_COUNTRY_AS_CONTAINER
                if container.kind != "country" and _near(entry, container, NEAR_CONTAINER_KM):
                    found += NEAR_CONTAINER
            # "Atlanta, Georgia": a container that holds a namesake of the place before it.
            if entry.kind != "city" and any(
                _compatible(n.entry, entry) for inner in mention.contains for n in inner.names
            ):
                found += CONTAINS_BONUS
            # "between Gao and Menaka": places listed together lie in one country (a list of
            # countries says nothing: "Niger, Nigeria and Togo").
            if entry.country_code and any(
                _only_country(sibling.names) == entry.country_code and not _broad(sibling.names)
                for sibling in mention.siblings
            ):
                found += LIST_SIBLING_BONUS
            bonus = max(bonus, found)
        return score + bonus

    def _dominant_country(self, mentions: list[_Mention]) -> Entry | None:
        """The country most of the article's resolved places lie in, if one clearly leads."""
        counts: dict[str, int] = defaultdict(int)
        for mention in mentions:
            if mention.entry is not None and mention.entry.country_code:
                counts[mention.entry.country_code] += 1
        if not counts:
            return None
        code, top = max(counts.items(), key=lambda item: item[1])
        return self.gazetteer.countries.get(code) if top * 2 > sum(counts.values()) else None


# -- helpers ----------------------------------------------------------------------------------


_MATCH_SPAN = re.Match.span
_MATCH_TEXT = re.Match.group


def _tokenize(text: str) -> _Tokens:
    """One regex pass; folded words are the words in lower case (``map`` over C methods, the
    cheapest way Python has), and tokens with non-ASCII letters such as "Côte" are folded one by one."""
    matches = list(TOKEN_RE.finditer(text))
    spans = list(map(_MATCH_SPAN, matches))
    words = list(map(_MATCH_TEXT, matches))
    if text.isascii():
        return _Tokens(text, spans, words, list(map(str.lower, words)))
    if len(text.lower()) != len(text):
        return _Tokens(text, spans, words, [fold(w) for w in words])
    folded = list(map(str.lower, words))
    for match in _NON_ASCII_LETTER.finditer(text):
        index = bisect_right(spans, (match.start(), len(text))) - 1
        if index >= 0 and spans[index][0] <= match.start() < spans[index][1]:
            folded[index] = fold(words[index])
    return _Tokens(text, spans, words, folded)


def _modifier_compound(text: str, tokens: _Tokens, last: int) -> bool:
    """True for "Seattle-based", "US-led": the name followed by "-" and a lower-case word."""
    nxt = last + 1
    return (
        nxt + 1 < len(tokens.words)
        and tokens.words[nxt] == "-"
        and _gap(text, tokens.spans, last, nxt) == ""
        and tokens.words[nxt + 1].islower()
    )


def _gap(text: str, spans: list[tuple[int, int]], a: int, b: int) -> str:
    return text[spans[a][1] : spans[b][0]]


def _strong(names: list[Name]) -> bool:
    """True when a reading is a country, a division or a region: names that are rarely words."""
    return any(n.entry.kind in ("country", "admin1", "region", "continent") for n in names)


def _broad(names: list[Name]) -> bool:
    """Countries, continents and regions: not vetoed by a capitalised word before them."""
    return any(n.entry.kind in ("country", "continent", "region") for n in names)


def _usable(text: str, start: int, end: int, names: list[Name], mentions: list[_Mention]) -> list[Name]:
    """The readings whose spelling rules the text satisfies (abbreviations, "<place>, Ky.")."""
    surface = None
    after_comma = None
    usable = []
    for name in names:
        if name.exact is not None:
            if surface is None:
                surface = text[start:end]
            if surface != name.exact:
                continue
        if name.after_comma:
            if after_comma is None:
                after_comma = bool(mentions) and text[mentions[-1].end : start] in (", ", ",")
            if not after_comma:
                continue
        usable.append(name)
    return usable


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?\n:"


def _actor_spans(actors: list[Actor]) -> list[tuple[int, int, str]]:
    spans = [(m.start, m.end, a.kind) for a in actors for m in a.mentions if a.kind in _VETO_KINDS_NOT_COUNTRY]
    spans.extend((m.start, m.end, "official_title") for a in actors if a.kind == "official" for m in a.mentions)
    return spans


def _vetoed_by_actor(
    vetoes: list[tuple[int, int, str]],
    start: int,
    end: int,
    is_country: bool,
    strong: bool = False,
    one_word: bool = True,
) -> bool:
    """True when an actor mention makes [start, end) part of a non-place name.

    Countries stay places inside officials' and persons' mentions ("US Defense Secretary") and when
    the actors stage lists them as states; only media, organisations and armed groups that carry a
    country's name ("Voice of America", "Islamic State of Iraq") absorb it. An official's mention
    absorbs a name that is not at its start ("Defense Secretary Lloyd Austin", not "Texas Governor").
    A person's mention absorbs a town inside it ("Lloyd Austin") or a one-word name it equals
    ("Kirby"), but not a division or region, nor a multi-word place name it merely repeats: a
    guess of the actors stage such as "Gaza Strip" or "Cedar City" as a person is not trusted.
    """
    for a_start, a_end, kind in vetoes:
        if a_start >= end or start >= a_end:
            continue
        longer = a_end - a_start > end - start
        if kind == "official_title":
            if not is_country and start > a_start:
                return True
        elif is_country:
            if kind in _VETO_KINDS_ANY and longer:
                return True
        elif kind == "person":
            if not strong and (longer or (a_start == start and a_end == end and one_word)):
                return True
        elif longer or kind == "media":
            return True
    return False


def _cell(entry: Entry) -> tuple[int, int] | None:
    if entry.lat is None or entry.lon is None or entry.kind not in _POINT_KINDS:
        return None
    return int(entry.lat // PROXIMITY_CELL_DEGREES), int(entry.lon // PROXIMITY_CELL_DEGREES)


def _proximity_cells(by_key: dict[str, list[_Mention]]) -> dict[tuple[int, int], set[str]]:
    """Grid cell -> the names with a likely namesake (town or county) in it."""
    cells: dict[tuple[int, int], set[str]] = defaultdict(set)
    for key, group in by_key.items():
        names = group[0].names
        if len(names) > PROXIMITY_CANDIDATES:
            names = sorted(names, key=lambda n: -n.entry.prior)[:PROXIMITY_CANDIDATES]
        for name in names:
            cell = _cell(name.entry)
            if cell is not None:
                cells[cell].add(key)
    return cells


def _proximity(entry: Entry, key: str, cells: dict[tuple[int, int], set[str]]) -> float:
    """PROXIMITY_BONUS for each other name (up to two) with a namesake in or next to entry's cell."""
    cell = _cell(entry)
    if cell is None or len(cells) < 2:
        return 0.0
    near: set[str] = set()
    lat, lon = cell
    for d_lat in (-1, 0, 1):
        for d_lon in (-1, 0, 1):
            near.update(cells.get((lat + d_lat, lon + d_lon), ()))
    near.discard(key)
    return PROXIMITY_BONUS * min(len(near), 2)


def _group_by_name(mentions: list[_Mention], has_seat: Callable[[list[Name]], bool]) -> dict[str, list[_Mention]]:
    """Mentions of one name share one reading ("EDMONTON, Ky." then "Edmonton police"), unless the
    text puts them in different places ("Paris, Texas" and "Paris, France"): then each container
    gets its own group, and bare mentions join the first. A town that names the division it is
    the largest town of (``has_seat``) is two places: "Kharkiv region" and "Kharkiv" are the
    division and the city; "New York state" and "New York" stay one."""
    by_key: dict[str, list[_Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.names:
            division = mention.hint == "division" and mention.explicit and has_seat(mention.names)
            by_key[mention.key + ("|division" if division else "")].append(mention)
    for key, group in list(by_key.items()):
        containers = list(dict.fromkeys(m.container.key for m in group if m.container is not None))
        if len(containers) > 1:
            del by_key[key]
            for mention in group:
                where = mention.container.key if mention.container is not None else containers[0]
                by_key[f"{key}|{where}"].append(mention)
    return by_key


def _maybe_backed(entry: Entry, admin1_votes: set[str], cells: set[tuple[int, int]]) -> bool:
    """True when a small town lies in a division the article names or in or next to a grid cell
    holding a namesake of one of its names: it may be backed (``_backed``)."""
    if entry.admin1 is not None and entry.admin1 in admin1_votes:
        return True
    if entry.lat is None or entry.lon is None:
        return False
    lat, lon = int(entry.lat // PROXIMITY_CELL_DEGREES), int(entry.lon // PROXIMITY_CELL_DEGREES)
    return any((lat + d_lat, lon + d_lon) in cells for d_lat in (-1, 0, 1) for d_lon in (-1, 0, 1))


def _anchor_proximity(entry: Entry, key: str, anchors: list[tuple[str, Entry]]) -> float:
    """PROXIMITY_BONUS for each other name (up to two) resolved to a town within NEAR_ANCHOR_KM."""
    if entry.lat is None or entry.kind not in _POINT_KINDS:
        return 0.0
    lat = entry.lat
    near = {
        other
        for other, anchor in anchors
        if other != key
        and abs((anchor.lat or 0.0) - lat) <= NEAR_ANCHOR_KM / 111.0
        and _near(entry, anchor, NEAR_ANCHOR_KM)
    }
    return PROXIMITY_BONUS * min(len(near), 2)


def _has_known_container(mention: _Mention) -> bool:
    return mention.container is not None and bool(mention.container.names)


def _backed(
    entry: Entry, key: str, group: list[_Mention], anchors: list[tuple[str, Entry]], admin1_votes: set[str]
) -> bool:
    """True when the article backs a small town: its text puts the name in the town's division
    or country, names the town's division, or names another town within MINOR_REACH_KM of it."""
    if entry.admin1 is not None and entry.admin1 in admin1_votes:
        return True
    for mention in group:
        container = mention.container.entry if mention.container is not None else None
        if container is not None and _compatible(entry, container):
            return True
    lat = entry.lat or 0.0
    return any(
        other != key and abs(anchor.lat - lat) <= MINOR_REACH_DEGREES and _near(entry, anchor, MINOR_REACH_KM)
        for other, anchor in anchors
    )


def _only_country(names: list[Name]) -> str | None:
    """The country every reading of a name lies in, if they agree."""
    codes = {n.entry.country_code for n in names}
    return next(iter(codes)) if len(codes) == 1 else None


def _can_contain(names: list[Name]) -> bool:
    return any(n.entry.kind in _CONTAINER_KINDS and n.entry.country_code for n in names)


def _continues_list(text: str, mention: _Mention, following: list[_Mention]) -> bool:
    """True when ``mention`` and the next one are both divisions in a list ("..., Pennsylvania and
    California")."""
    return bool(following) and (
        text[mention.end : following[0].start] in _LIST_SEPARATORS
        and _division_first(mention.names)
        and _division_first(following[0].names)
    )


def _division_first(names: list[Name]) -> bool:
    """True when a name's likeliest reading, on priors alone, is a division ("Oregon")."""
    if not names:
        return False
    best = max(names, key=lambda n: n.entry.prior - (ALIAS_PENALTY if n.alias else 0.0))
    return best.entry.kind in ("admin1", "subdivision")


def _same_country(a: Entry, b: Entry) -> bool:
    return a.country_code is not None and a.country_code == b.country_code


def _compatible(inner: Entry, outer: Entry) -> bool:
    """Can ``inner`` lie in ``outer``? Same country, and near the centre of a division."""
    if not _same_country(inner, outer):
        return False
    return outer.kind == "country" or inner.admin1 == outer.admin1 or _near(inner, outer, NEAR_CONTAINER_KM)


def _admin1_votes(mentions: list[_Mention]) -> set[str]:
    """Divisions the article names ("Texas", and "Missouri", though a town somewhere bears the
    name too): when a name's likeliest reading on priors is one division, its towns are preferred."""
    found: set[str] = set()
    for mention in mentions:
        if not mention.names:
            continue
        best = max(mention.names, key=lambda n: n.entry.prior - (ALIAS_PENALTY if n.alias else 0.0))
        if best.entry.kind in ("admin1", "subdivision") and best.entry.admin1:
            found.add(best.entry.admin1)
    return found


def _country_votes(mentions: list[_Mention]) -> dict[str, float]:
    """How strongly the article is about each country: named countries count most."""
    votes: dict[str, float] = defaultdict(float)
    for mention in mentions:
        names = mention.names
        if not names:
            continue
        countries = {n.entry.country_code for n in names}
        if len(countries) == 1 and None not in countries:
            code = next(iter(countries))
            votes[code] += 2.0 if any(n.entry.kind in ANCHOR_KINDS for n in names) else 1.0
        else:
            ranked = sorted((n.entry.prior - n.alias for n in names), reverse=True)
            top = max(names, key=lambda n: n.entry.prior - n.alias)
            if top.entry.country_code and (len(ranked) == 1 or ranked[0] - ranked[1] >= 1.5):
                votes[top.entry.country_code] += 0.5
    return votes


def _near(a: Entry, b: Entry, limit_km: float) -> bool:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    return km(a.lat, a.lon, b.lat, b.lon) <= limit_km


def _confidence(mention: _Mention) -> float:
    if mention.entry is None:
        return mention.confidence
    certainty = 1.0 - math.exp(-max(mention.margin, 0.0))
    return round(mention.confidence * (0.6 + 0.4 * certainty), 3)


def _place(doc: Doc, text: str, mention: _Mention, dominant: Entry | None) -> Place:
    common = {
        "id": stable_id("pl", doc.key, mention.start, mention.end),
        "start": mention.start,
        "end": mention.end,
        "text": text[mention.start : mention.end],
    }
    entry = mention.entry
    if entry is not None:
        return Place(
            name=entry.name,
            country_code=entry.country_code,
            admin1=entry.admin1,
            lat=entry.lat,
            lon=entry.lon,
            geonameid=entry.geonameid,
            feature=entry.feature,
            confidence=_confidence(mention),
            **common,
        )
    container = mention.inside or (mention.container.entry if mention.container is not None else None)
    if container is not None:
        # An unknown village inside a known place: geocoded to that place, at lower confidence;
        # the feature says what the text calls it ("X province"), else "other".
        return Place(
            name=common["text"],
            country_code=container.country_code,
            admin1=container.admin1,
            lat=container.lat,
            lon=container.lon,
            feature="admin1" if mention.hint == "division" else "other",
            confidence=round(mention.confidence * 0.8, 3),
            **common,
        )
    feature = "city" if mention.hint == "settlement" else "admin1" if mention.hint == "division" else "other"
    if dominant is not None and not mention.unplaced:
        # An unknown place in an article about one country: the country is the best point we have.
        country = dominant
        return Place(
            name=common["text"],
            country_code=country.country_code,
            lat=country.lat,
            lon=country.lon,
            feature=feature,
            confidence=round(mention.confidence * 0.6, 3),
            **common,
        )
    return Place(name=common["text"], feature=feature, confidence=mention.confidence, **common)
