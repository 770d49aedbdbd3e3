"""The places stage: recognition, vetoes, disambiguation and geocoding, and its evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventdesk.errors import DataFileError
from eventdesk.evaluate import geo
from eventdesk.extract.gazetteer import Gazetteer, fold, km, load_words, name_key
from eventdesk.extract.places import PlaceFinder
from eventdesk.extract.segment import segment
from eventdesk.records import Actor, Place, Span
from eventdesk.settings import DEFAULT_SETTINGS

GEOVIRUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "geo" / "GeoVirus" / "GeoVirus.jsonl"


@pytest.fixture(scope="module")
def finder() -> PlaceFinder:
    return PlaceFinder(DEFAULT_SETTINGS)


def places(finder: PlaceFinder, text: str, actors: list[Actor] | None = None) -> list[Place]:
    return finder(segment(text), actors or [])


def by_text(found: list[Place]) -> dict[str, Place]:
    return {p.text: p for p in found}


def near(place: Place, lat: float, lon: float, radius_km: float = 50.0) -> bool:
    return place.lat is not None and place.lon is not None and km(place.lat, place.lon, lat, lon) <= radius_km


# -- recognition and geocoding -----------------------------------------------------------------


def test_countries_cities_and_spelling_variants(finder: PlaceFinder) -> None:
    text = (
        "Rockets struck a base near the Arbil airport in northern Iraq on Tuesday, a week after "
        "drones hit Erbil. Officials in Baghdad and Tehran traded blame, while China urged restraint."
    )
    found = by_text(places(finder, text))
    assert found["Iraq"].country_code == "IQ" and found["Iraq"].feature == "country"
    assert found["Arbil"].name == "Erbil" and near(found["Arbil"], 36.19, 44.01)
    assert found["Arbil"].geonameid == found["Erbil"].geonameid is not None
    assert near(found["Baghdad"], 33.34, 44.40) and found["Baghdad"].feature == "city"
    assert found["Tehran"].country_code == "IR"
    assert found["China"].country_code == "CN"
    assert "northern" not in found


def test_offsets_ids_and_confidence(finder: PlaceFinder) -> None:
    text = "Troops moved from Aleppo to Idlib province, then crossed into Turkey."
    first = places(finder, text)
    again = places(finder, text)
    assert [p.id for p in first] == [p.id for p in again]
    assert {p.text for p in first} >= {"Aleppo", "Idlib", "Turkey"}
    for place in first:
        assert text[place.start : place.end] == place.text
        assert 0.0 <= place.confidence <= 1.0
        assert place.id.startswith("pl_")


def test_conflict_regions(finder: PlaceFinder) -> None:
    text = (
        "Fighting spread from the Gaza Strip to the West Bank, while shelling continued in Donbas and "
        "Crimea. Aid agencies warned about Darfur, the Sahel and Tigray."
    )
    found = by_text(places(finder, text))
    for name in ("Gaza Strip", "West Bank", "Donbas", "Crimea", "Darfur", "Sahel", "Tigray"):
        assert name in found, name
        assert found[name].lat is not None and found[name].feature in ("region", "admin1")
    assert found["Gaza Strip"].country_code == "PS"
    assert near(found["Tigray"], 14.0, 38.5, 200)


def test_abbreviations_must_be_written_in_capitals(finder: PlaceFinder) -> None:
    found = by_text(places(finder, "The U.S. and the UK sent envoys; let us hope they succeed."))
    assert found["U.S."].country_code == "US"
    assert found["UK"].country_code == "GB"
    assert "us" not in found


# -- not places ------------------------------------------------------------------------------------


def test_media_persons_titles_and_organisations_are_not_places(finder: PlaceFinder) -> None:
    text = (
        "Defense Secretary Lloyd Austin spoke to the Washington Post on Friday. Mr Jackson, an "
        "Iranian diplomat, said the Islamic State group was weakened, and the State Department "
        "agreed. Footage from Kurdistan 24 TV showed the damage."
    )
    found = places(finder, text)
    assert found == [], [(p.text, p.name) for p in found]


def test_actor_mentions_veto_overlapping_names_but_countries_stay(finder: PlaceFinder) -> None:
    text = "Voice of America reported that Iraq and the Kurdistan Workers' Party were talking."
    voa = Actor("ac_1", "Voice of America", "media", mentions=[Span(0, 16, "Voice of America")])
    pkk_start = text.index("Kurdistan")
    pkk = Actor(
        "ac_2", "PKK", "armed_group", mentions=[Span(pkk_start, pkk_start + 24, text[pkk_start : pkk_start + 24])]
    )
    iraq_start = text.index("Iraq")
    iraq = Actor("ac_3", "Iraq", "state", "IQ", mentions=[Span(iraq_start, iraq_start + 4, "Iraq")])
    found = by_text(places(finder, text, [voa, pkk, iraq]))
    assert set(found) == {"Iraq"}


def test_surnames_seen_with_a_first_name_stay_persons(finder: PlaceFinder) -> None:
    text = (
        "Nurse Maria Whitley treated the patients. Whitley said the UN team arrived late, and "
        "the Norton co clinic in Kenya ran out of vaccine."
    )
    found = by_text(places(finder, text))
    assert set(found) == {"Kenya"}


def test_person_mentions_from_the_actors_stage(finder: PlaceFinder) -> None:
    text = "Lloyd Austin visited the Gaza Strip and the Seattle-based charity."

    def person(name: str) -> Actor:
        start = text.index(name)
        return Actor(f"ac_{start}", name, "person", mentions=[Span(start, start + len(name), name)])

    # The actors stage may mistake a two-word place for a person; a town inside a real person's
    # name and a "-based" modifier are told apart by the places stage itself.
    actors = [person("Lloyd Austin"), person("Gaza Strip"), person("Seattle-based charity")]
    found = by_text(places(finder, text, actors))
    assert set(found) == {"Gaza Strip", "Seattle"}


# -- disambiguation --------------------------------------------------------------------------------


def test_names_listed_with_states_are_states(finder: PlaceFinder) -> None:
    found = places(finder, "Cases were confirmed in Oregon, Washington and Idaho on Friday.")
    washington = by_text(found)["Washington"]
    assert washington.feature == "admin1" and near(washington, 47.4, -120.5, 200)
    capital = by_text(places(finder, "Envoys flew from Tehran to Washington for talks."))["Washington"]
    assert near(capital, 38.9, -77.0)


def test_city_state_pattern_and_article_context(finder: PlaceFinder) -> None:
    texas = by_text(places(finder, "A tornado damaged homes in Paris, Texas, on Sunday."))
    assert texas["Paris"].country_code == "US" and texas["Paris"].admin1 == "Texas"
    france = by_text(places(finder, "Protesters marched in Paris as France debated the pension law."))
    assert france["Paris"].country_code == "FR"
    both = places(finder, "Twin towns: Paris, Texas, and Paris, France, signed a pact.")
    assert [p.country_code for p in both if p.text == "Paris"] == ["US", "FR"]


def test_state_readings_from_context(finder: PlaceFinder) -> None:
    text = "A girl from Buffalo, New York, fell ill. New York Governor Kathy Hochul ordered tests."
    found = places(finder, text)
    states = [p for p in found if p.text == "New York"]
    assert len(states) == 2 and all(p.feature == "admin1" and p.name == "New York State" for p in states)
    assert by_text(found)["Buffalo"].admin1 == "New York"


def test_namesakes_follow_the_article(finder: PlaceFinder) -> None:
    us = by_text(places(finder, "Flooding hit Atlanta, Georgia, and spread across the state of Georgia."))
    assert us["Georgia"].country_code == "US"
    caucasus = by_text(places(finder, "Russia and Georgia fought over South Ossetia; Tbilisi appealed for help."))
    assert caucasus["Georgia"].country_code == "GE"


def test_town_missing_from_gazetteer_is_placed_in_its_state(finder: PlaceFinder) -> None:
    # A town too small for the gazetteer shares its name with a big city elsewhere: the
    # "<town>, <state>" pattern must win over population.
    found = by_text(places(finder, "Firefighters in Edmonton, Ky., battled a barn fire overnight."))
    assert found["Edmonton"].country_code == "US"
    assert near(found["Edmonton"], 37.5, -85.0, 300)
    dateline = by_text(places(finder, "EDMONTON, Ky (WBKO) -- A barn burned down overnight."))
    assert dateline["EDMONTON"].country_code == "US"
    # Postal abbreviations only count after "<place>, ".
    assert places(finder, "The Ky. delegation met the Pa. team.") == []


# -- places beyond the gazetteer --------------------------------------------------------------------


def test_unknown_names_marked_as_places_by_context(finder: PlaceFinder) -> None:
    text = (
        "Gunmen attacked the village of Tal Marzouqa overnight, and shells fell near Kharbat Oumia. "
        "Residents of Qasr Yelbin district fled to Syria."
    )
    found = by_text(places(finder, text))
    assert "Tal Marzouqa" in found and "Kharbat Oumia" in found
    assert any(t.startswith("Qasr Yelbin") for t in found)
    assert found["Tal Marzouqa"].geonameid is None
    # Only one country is named, so the unknown places are placed in it.
    assert found["Tal Marzouqa"].country_code == "SY"


def test_unknown_name_after_in_needs_a_known_container(finder: PlaceFinder) -> None:
    found = by_text(places(finder, "Two farmers died in Bexwarden, Ontario, and a meeting was held in English."))
    assert found["Bexwarden"].country_code == "CA" and found["Bexwarden"].lat is not None
    assert "English" not in found


# -- data files -------------------------------------------------------------------------------------


def test_name_keys_fold_accents_and_punctuation() -> None:
    assert name_key("Côte d’Ivoire") == name_key("Cote d'Ivoire") == "cote d'ivoire"
    assert name_key("Washington, D.C.") == "washington , d.c."


def test_bad_word_list_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "words.yaml"
    bad.write_text("common_words: [may]\ntitles: 3\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"words\.yaml"):
        load_words(bad)


def test_bad_division_row_names_file_and_line(tmp_path: Path, finder: PlaceFinder) -> None:
    bad = tmp_path / "admin1.tsv"
    bad.write_text("# comment\nIQ\tAnbar\tnorth\t42.4\n", encoding="utf-8")
    gazetteer = Gazetteer.__new__(Gazetteer)
    gazetteer.names = {}
    gazetteer.countries = finder.gazetteer.countries
    gazetteer.words = finder.gazetteer.words
    with pytest.raises(DataFileError, match=r"admin1.tsv:2: lat is not a number"):
        gazetteer._add_divisions(bad, "admin1", 7.0)


# -- evaluation -------------------------------------------------------------------------------------


class _Stage:
    def __init__(self, finder: PlaceFinder) -> None:
        self.find_places = finder


def test_evaluate_scores_recognition_and_distance(tmp_path: Path, finder: PlaceFinder) -> None:
    text = "Cholera spread from Nairobi to Mombasa, and Kenya asked for help. Freedonia Post said so."
    gold = [
        {
            "start": text.index("Nairobi"),
            "end": text.index("Nairobi") + 7,
            "text": "Nairobi",
            "lat": -1.28,
            "lon": 36.82,
        },
        # Gold says Mombasa lies in Nairobi: a geocoding error of ~440 km.
        {
            "start": text.index("Mombasa"),
            "end": text.index("Mombasa") + 7,
            "text": "Mombasa",
            "lat": -1.28,
            "lon": 36.82,
        },
        {
            "start": text.index("Freedonia"),
            "end": text.index("Freedonia") + 9,
            "text": "Freedonia",
            "lat": 0.0,
            "lon": 0.0,
        },
    ]
    path = tmp_path / "tiny.jsonl"
    path.write_text(json.dumps({"id": "d1", "text": text, "toponyms": gold}) + "\n", encoding="utf-8")
    report = geo.evaluate(path, _Stage(finder))  # type: ignore[arg-type]
    figures = report.figures
    assert report.counts["gold"] == 3 and report.counts["predicted"] == 3
    assert figures["recognition_precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert figures["recognition_recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert figures["acc161"] == pytest.approx(0.5)
    assert figures["acc161_all"] == pytest.approx(1 / 3, abs=1e-3)
    assert 200 < figures["mean_error_km"] < 240  # (~0 + ~440) / 2
    worst = report.errors[0]
    assert "Mombasa" in worst.expected and worst.cost > 400


@pytest.mark.skipif(not GEOVIRUS.exists(), reason="shared GeoVirus data not available")
def test_geovirus_sample_stays_accurate(finder: PlaceFinder) -> None:
    report = geo.evaluate(GEOVIRUS, _Stage(finder), limit=40)  # type: ignore[arg-type]
    assert report.figures["acc161"] >= 0.8
    assert report.figures["recognition_f1"] >= 0.8


# -- conflict-news forms: datelines, "<name> state", villages placed by their sentence ----------


@pytest.mark.parametrize(
    ("text", "dateline", "country", "lat", "lon"),
    [
        (
            "BEIRUT, March 5 (AP) -- Israeli jets struck a building in the southern suburbs.",
            "BEIRUT",
            "LB",
            33.89,
            35.50,
        ),
        ("DAMASCUS (Reuters) - Air defences intercepted missiles over the capital.", "DAMASCUS", "SY", 33.51, 36.29),
        ("KHARTOUM, Sudan (AP) — Shelling hit a market on Monday.", "KHARTOUM", "SD", 15.55, 32.53),
    ],
)
def test_uppercase_datelines(
    finder: PlaceFinder, text: str, dateline: str, country: str, lat: float, lon: float
) -> None:
    place = by_text(places(finder, text))[dateline]
    assert place.start == 0 and place.country_code == country and place.feature == "city"
    assert near(place, lat, lon)


def test_name_state_is_the_division_and_the_bare_name_the_city(finder: PlaceFinder) -> None:
    text = (
        "KADUNA, Nigeria - Gunmen killed 12 villagers in Nigeria's Kaduna state on Tuesday. "
        "Troops were also sent to the Kursk region, and a drone hit Kharkiv after strikes on the Kharkiv region."
    )
    found = places(finder, text)
    kaduna = [p for p in found if fold(p.text) == "kaduna"]
    assert [p.feature for p in kaduna] == ["city", "admin1"]
    assert kaduna[1].country_code == "NG" and kaduna[1].text == "Kaduna"  # the span is the name only
    assert near(kaduna[0], 10.52, 7.44) and near(kaduna[1], 10.4, 7.7, 150)
    kursk = by_text(found)["Kursk"]
    assert kursk.feature == "admin1" and kursk.country_code == "RU" and near(kursk, 51.7, 36.2, 150)
    kharkiv = [p for p in found if p.text == "Kharkiv"]
    assert [p.feature for p in kharkiv] == ["city", "admin1"]


def test_a_division_named_after_its_largest_town_means_the_town_when_bare(finder: PlaceFinder) -> None:
    found = by_text(places(finder, "A convoy was ambushed between Gao and Kidal, north of Mopti."))
    for name, lat, lon in (("Gao", 16.27, -0.04), ("Kidal", 18.44, 1.41), ("Mopti", 14.48, -4.18)):
        assert found[name].feature == "city" and near(found[name], lat, lon), found[name]


def test_unknown_village_placed_in_the_division_its_sentence_names(finder: PlaceFinder) -> None:
    text = (
        "Azerbaijani troops shelled positions near the village of Sotk on Monday, the defence ministry in "
        "Armenia said. Fighters entered Umm Sayala in North Kordofan on Tuesday."
    )
    found = by_text(places(finder, text))
    sotk = found["Sotk"]
    assert sotk.country_code == "AM" and sotk.lat is not None and sotk.feature == "other" and sotk.confidence <= 0.5
    assert sotk.geonameid is None


def test_unknown_village_in_a_sentence_naming_two_countries_is_left_unplaced(finder: PlaceFinder) -> None:
    text = (
        "Azerbaijan said its troops held the ridge. Azerbaijan accused Armenian forces of violating the "
        "truce near the village of Sotk, a charge Yerevan denied. Baku and Azerbaijan's army said more."
    )
    sotk = by_text(places(finder, text))["Sotk"]
    assert sotk.lat is None and sotk.country_code is None


def test_unknown_village_takes_the_one_division_of_its_sentence(finder: PlaceFinder) -> None:
    found = by_text(places(finder, "Gunmen raided the village of Kuryan Dutse, in Zamfara state, killing five."))
    village = found["Kuryan Dutse"]
    assert village.country_code == "NG" and near(village, 12.1, 6.2, 100) and village.confidence <= 0.5


def test_country_opening_an_organisation_name_is_not_a_place(finder: PlaceFinder) -> None:
    found = by_text(places(finder, "The Sudan Doctors Network said 27 people were killed in Omdurman."))
    assert "Sudan" not in found and found["Omdurman"].country_code == "SD"


def test_arabic_article_left_out(finder: PlaceFinder) -> None:
    found = by_text(places(finder, "Turkish drones struck a car near Qamishli, and a bomb went off in Raqqa."))
    assert near(found["Qamishli"], 37.05, 41.23) and found["Qamishli"].feature == "city"
    assert near(found["Raqqa"], 35.95, 39.01)


def test_congo_follows_its_towns(finder: PlaceFinder) -> None:
    found = by_text(places(finder, "GOMA, Congo (Reuters) - Rebels advanced towards Goma from Rutshuru."))
    assert found["Congo"].country_code == "CD" and found["GOMA"].country_code == "CD"
    found = by_text(places(finder, "BRAZZAVILLE, Congo (Reuters) - Protesters marched in the capital."))
    assert found["Congo"].country_code == "CG"


def test_arabic_names_spelled_unlike_the_gazetteer(finder: PlaceFinder) -> None:
    text = "Air strikes hit Jisr al-Shughur and Khan Sheikhoun in Idlib province, residents said."
    found = by_text(places(finder, text))
    assert near(found["Jisr al-Shughur"], 35.81, 36.32) and found["Jisr al-Shughur"].country_code == "SY"
    assert near(found["Khan Sheikhoun"], 35.44, 36.65) and found["Khan Sheikhoun"].confidence < 0.8
    # A lone word is not matched by its skeleton: "Alexander" is not Alexandria.
    assert "Alexander" not in by_text(places(finder, "Alexander Rahman said the talks would resume."))


# -- small towns (below the main table's population floor) ------------------------------------------


def test_small_town_near_the_articles_other_towns(finder: PlaceFinder) -> None:
    text = "A man was stabbed at a house in Edmonton, south of Cairns, in November. Cairns detectives charged a woman."
    edmonton = by_text(places(finder, text))["Edmonton"]
    assert edmonton.country_code == "AU" and near(edmonton, -17.02, 145.74, 20)
    brisbane = by_text(places(finder, "A boy on a scooter was hit by a car in Kingston, south of Brisbane, on Sunday."))
    assert near(brisbane["Kingston"], -27.67, 153.12, 20)


def test_small_town_named_with_its_state(finder: PlaceFinder) -> None:
    found = by_text(places(finder, "Firefighters in Edmonton, Ky., battled a barn fire overnight."))
    assert found["Edmonton"].admin1 == "Kentucky" and near(found["Edmonton"], 36.98, -85.61, 20)
    assert found["Edmonton"].geonameid is not None


def test_small_town_only_the_small_table_knows(finder: PlaceFinder) -> None:
    found = by_text(places(finder, "Cattle were stolen from a farm near Mareeba, west of Cairns, on Tuesday."))
    assert near(found["Mareeba"], -16.99, 145.42, 20)


def test_small_town_names_without_backing_or_as_persons_are_not_places(finder: PlaceFinder) -> None:
    # No place of the article lies near any town called Mareeba.
    assert "Mareeba" not in by_text(places(finder, "In Toronto, Mareeba opened a bakery last year."))
    # Scott, Louisiana lies next to Lafayette, but here Scott is a person.
    text = "Lafayette police said Scott told officers he had been at home. Chief Jim Scott said little."
    assert "Scott" not in by_text(places(finder, text))
    # Edmonton without Australian neighbours stays the Canadian city.
    canada = by_text(places(finder, "Oil workers in Edmonton and Calgary lost their jobs."))
    assert canada["Edmonton"].country_code == "CA"


def test_short_form_of_a_longer_name_weighs_like_a_name(finder: PlaceFinder) -> None:
    # "Newcastle" is how news names Newcastle upon Tyne; the article's country decides.
    uk = by_text(places(finder, "Doctors in Newcastle have developed a new IVF technique, the UK regulator said."))
    assert uk["Newcastle"].country_code == "GB" and near(uk["Newcastle"], 54.97, -1.61, 20)
    australia = by_text(places(finder, "Surfers flocked to the beaches of Newcastle as Sydney sweltered."))
    assert australia["Newcastle"].country_code == "AU"


def test_counties_and_small_towns_follow_the_state_the_article_names(finder: PlaceFinder) -> None:
    text = (
        "Deputies arrested a Paris, Missouri, man on Friday. He was booked into the Monroe County jail "
        "and later held in Marion County."
    )
    found = by_text(places(finder, text))
    assert near(found["Paris"], 39.48, -92.0, 20)
    assert found["Monroe County"].admin1 == "Missouri" and found["Marion County"].admin1 == "Missouri"


def test_unknown_place_lies_in_the_one_town_its_sentence_names(finder: PlaceFinder) -> None:
    found = by_text(places(finder, "Police found the stolen car near Kellerbrook, just outside Cairns, on Monday."))
    assert near(found["Kellerbrook"], -16.92, 145.77, 20)
    # Two towns far apart: the village is in neither for sure.
    apart = by_text(places(finder, "Troops camped near Kellerbrook on the road between Cairns and Brisbane."))
    assert not near(apart["Kellerbrook"], -16.92, 145.77, 100) and not near(apart["Kellerbrook"], -27.47, 153.03, 100)
