"""The casualties stage: killed and injured counts, bounds, vague amounts, negation and hypotheticals."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.errors import DataFileError
from eventdesk.extract.casualties import CasualtyFinder
from eventdesk.extract.segment import segment
from eventdesk.records import Casualties
from eventdesk.settings import DEFAULT_SETTINGS


@pytest.fixture(scope="module")
def finder() -> CasualtyFinder:
    return CasualtyFinder(DEFAULT_SETTINGS)


def counts(finder: CasualtyFinder, text: str) -> list[Casualties]:
    found = finder(segment(text))
    for c in found:
        assert text[c.start : c.end] == c.text
        assert 0.0 <= c.confidence <= 1.0
    return found


# (sentence, kind, min, max, counted phrase)
CASES = [
    # exact numbers, active and passive
    ("The attack killed one civilian contractor.", "fatalities", 1, 1, "killed one civilian contractor"),
    ("The rocket injured a USA service personnel.", "injuries", 1, 1, "injured a USA service personnel"),
    ("A sniper wounded a soldier near the checkpoint.", "injuries", 1, 1, "wounded a soldier"),
    (
        "The drone strike ended up killing a senior Iranian military figure.",
        "fatalities",
        1,
        1,
        "killing a senior Iranian military figure",
    ),
    ("Rebels killed the deputy chief of the militia.", "fatalities", 1, 1, "killed the deputy chief"),
    ("The soldier killed in the attack was buried.", "fatalities", 1, 1, "The soldier killed"),
    ("A 12-year-old boy was killed by shrapnel.", "fatalities", 1, 1, "A 12-year-old boy was killed"),
    ("The attack left 5 people dead and 12 injured.", "injuries", 12, 12, "12 injured"),
    ("The attack killed 3 and injured 10.", "injuries", 10, 10, "injured 10"),
    ("Twelve people were killed in the blast.", "fatalities", 12, 12, "Twelve people were killed"),
    ("Gunmen killed 23 villagers overnight.", "fatalities", 23, 23, "killed 23 villagers"),
    ("Twenty-five civilians died in the shelling.", "fatalities", 25, 25, "Twenty-five civilians died"),
    ("The bombing killed 1,500 people over a month.", "fatalities", 1500, 1500, "killed 1,500 people"),
    ("Four soldiers were seriously wounded.", "injuries", 4, 4, "Four soldiers were seriously wounded"),
    ("At the market, 9 were hurt.", "injuries", 9, 9, "9 were hurt"),
    ("Police said 14 protesters were shot dead.", "fatalities", 14, 14, "14 protesters were shot dead"),
    ("The clashes caused five deaths.", "fatalities", 5, 5, "five deaths"),
    ("Militants said 7 fighters lost their lives.", "fatalities", 7, 7, "7 fighters lost their lives"),
    # bounds
    ("At least 12 people were killed in the attack.", "fatalities", 12, None, "At least 12 people were killed"),
    ("The strike left up to 30 dead.", "fatalities", None, 30, "up to 30 dead"),
    ("More than 40 people were injured.", "injuries", 41, None, "More than 40 people were injured"),
    ("Nearly 30 people died in the fire.", "fatalities", None, 30, "Nearly 30 people died"),
    ("As many as 200 were killed.", "fatalities", None, 200, "As many as 200 were killed"),
    ("Between 10 and 15 people were killed.", "fatalities", 10, 15, "Between 10 and 15 people were killed"),
    ("The raid killed 10 to 15 militants.", "fatalities", 10, 15, "killed 10 to 15 militants"),
    ("Officials said 20-25 people were wounded.", "injuries", 20, 25, "20-25 people were wounded"),
    ("About 50 people were killed.", "fatalities", 50, 50, "About 50 people were killed"),
    # vague amounts (see data/casualties/lexicon.yaml for the chosen bounds)
    ("Dozens were killed in the airstrikes.", "fatalities", 24, None, "Dozens were killed"),
    ("Scores of people were wounded.", "injuries", 40, None, "Scores of people were wounded"),
    ("Hundreds died in the fighting.", "fatalities", 200, None, "Hundreds died"),
    ("A handful of guards were injured.", "injuries", 1, 5, "A handful of guards were injured"),
    (
        "The strike was believed to have killed up to a handful of people.",
        "fatalities",
        None,
        5,
        "killed up to a handful of people",
    ),
    ("Several soldiers were killed.", "fatalities", 3, None, "Several soldiers were killed"),
    ("A dozen people were killed.", "fatalities", 12, 12, "A dozen people were killed"),
    # tolls
    ("The death toll rose to 40 on Sunday.", "fatalities", 40, 40, "death toll rose to 40"),
    ("The toll has climbed to at least 112.", "fatalities", 112, None, "toll has climbed to at least 112"),
    # coordinated counts are added
    (
        "Two policemen and three civilians were killed.",
        "fatalities",
        5,
        5,
        "Two policemen and three civilians were killed",
    ),
    (
        "The bomb killed two policemen and three civilians.",
        "fatalities",
        5,
        5,
        "killed two policemen and three civilians",
    ),
    # zero
    ("No one was hurt in the explosion.", "injuries", 0, 0, "No one was hurt"),
    ("Nobody was killed, police said.", "fatalities", 0, 0, "Nobody was killed"),
    ("There were no casualties.", "fatalities", 0, 0, "no casualties"),
    ("There were no casualties.", "injuries", 0, 0, "no casualties"),
]


@pytest.mark.parametrize(("sentence", "kind", "low", "high", "phrase"), CASES)
def test_count(
    finder: CasualtyFinder, sentence: str, kind: str, low: int | None, high: int | None, phrase: str
) -> None:
    found = [c for c in counts(finder, sentence) if c.kind == kind]
    assert found, f"no {kind} in {sentence!r}"
    assert [(c.min, c.max, c.text) for c in found] == [(low, high, phrase)]


def test_dead_and_wounded_pairs(finder: CasualtyFinder) -> None:
    found = counts(finder, "Officials reported 12 dead, 30 wounded after the blast.")
    assert [(c.kind, c.min, c.max) for c in found] == [("fatalities", 12, 12), ("injuries", 30, 30)]


def test_killed_and_wounded_in_one_sentence(finder: CasualtyFinder) -> None:
    found = counts(finder, "Gunmen killed 5 people and wounded 12 others at the market.")
    assert [(c.kind, c.min, c.text) for c in found] == [
        ("fatalities", 5, "killed 5 people"),
        ("injuries", 12, "wounded 12 others"),
    ]


# Sentences that report no count: hypotheticals, threats, negations, numbers that are not people.
NEGATIVE = [
    "Militants threatened to kill 20 hostages.",
    "The attack could have killed dozens.",
    "Such a bomb could kill hundreds of people.",
    "Five soldiers were not injured.",
    "The group vowed to kill more soldiers.",
    "Three rockets killed nobody.",
    "He was killed in 2019.",
    "The convoy was hit three days ago.",
    "Officials feared a massacre.",
    "They killed a lot of time waiting.",
    "The report was wounded pride for the army.",
    "Troops killed the gunmen who stormed the base.",
    "It said 20 people were killed or wounded.",
    "The shelling ended, killing or wounding 50.",
]


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_no_count(finder: CasualtyFinder, sentence: str) -> None:
    assert [(c.kind, c.min, c.max, c.text) for c in counts(finder, sentence) if c.min or c.max] == []


def test_count_stays_in_its_sentence(finder: CasualtyFinder) -> None:
    found = counts(finder, "The army sent 300 troops. Two were killed on arrival.")
    assert [(c.min, c.text) for c in found] == [(2, "Two were killed")]


def test_bad_lexicon_names_file_and_line(tmp_path: Path) -> None:
    source = (Path(__file__).parents[1] / "eventdesk/extract/data/casualties/lexicon.yaml").read_text("utf-8")
    bad = tmp_path / "lexicon.yaml"
    bad.write_text(source.replace("killed: {kind: fatalities, form: active}", "killed: {kind: deaths}"), "utf-8")
    with pytest.raises(DataFileError, match=r"lexicon\.yaml:\d+: cue 'killed'"):
        CasualtyFinder(DEFAULT_SETTINGS, bad)
