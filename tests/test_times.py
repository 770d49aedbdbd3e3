"""The times stage: date/time expressions and their TimeML values, and the MEANTIME evaluation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventdesk.errors import DataFileError
from eventdesk.extract.segment import segment
from eventdesk.extract.times import TimeFinder
from eventdesk.records import TimeExpr
from eventdesk.settings import DEFAULT_SETTINGS

MEANTIME = Path("/work/shared/data/time/MEANTIME-en/MEANTIME-en.jsonl")

# Friday 26 February 2021.
PUB = date(2021, 2, 26)


@pytest.fixture(scope="module")
def finder() -> TimeFinder:
    return TimeFinder(DEFAULT_SETTINGS)


def found(finder: TimeFinder, text: str, published: date | None = PUB) -> dict[str, TimeExpr]:
    doc = segment(text)
    times = finder(doc, published)
    for t in times:
        assert text[t.start : t.end] == t.text
        assert 0.0 <= t.confidence <= 1.0
    return {t.text: t for t in times}


# (sentence, expression, value, precision, type) with the publication date PUB.
CASES = [
    # absolute dates
    ("The image was taken on February 19, 2021 in Arbil.", "February 19, 2021", "2021-02-19", "day", "date"),
    ("Talks were held on 19 Feb 2021 in Vienna.", "19 Feb 2021", "2021-02-19", "day", "date"),
    ("The ceasefire began on 3rd of March 2020.", "3rd of March 2020", "2020-03-03", "day", "date"),
    ("The report is dated 2021-02-19.", "2021-02-19", "2021-02-19", "day", "date"),
    ("The convoy was hit on 7/8/20 near the border.", "7/8/20", "2020-07-08", "day", "date"),
    ("A rally on Friday, February 12, 2021 drew crowds.", "Friday, February 12, 2021", "2021-02-12", "day", "date"),
    ("In January 2020, the military launched a strike.", "January 2020", "2020-01", "month", "date"),
    ("The group was founded in 2015.", "2015", "2015", "year", "date"),
    ("Iran breached the 2015 deal, officials said.", "2015", "2015", "year", "date"),
    ("Fighting resumed in mid-2019.", "mid-2019", "2019", "year", "date"),
    ("Revenue fell in the first quarter of 2020.", "the first quarter of 2020", "2020-Q1", "year", "date"),
    ("The insurgency dates back to the 1990s.", "the 1990s", "199", "unknown", "date"),
    # month and day without a year: anchor's year, previous year if it would be in the future (past tense)
    ("Rockets struck the base on Feb. 19, police said.", "Feb. 19", "2021-02-19", "day", "date"),
    ("The militia attacked the town on December 28, residents said.", "December 28", "2020-12-28", "day", "date"),
    ("Elections will be held on March 14.", "March 14", "2021-03-14", "day", "date"),
    ("The deal may be signed on 2 April.", "2 April", "2021-04-02", "day", "date"),
    ("Protests have continued since November.", "November", "2020-11", "month", "date"),
    ("The offensive began in early January.", "early January", "2021-01", "month", "date"),
    ("The troops will withdraw in October.", "October", "2021-10", "month", "date"),
    ("Clashes erupted last September.", "last September", "2020-09", "month", "date"),
    ("The vote is due in June of next year.", "June of next year", "2022-06", "month", "date"),
    # deictic and relative expressions against the publication date
    ("Two soldiers were killed yesterday.", "yesterday", "2021-02-25", "day", "date"),
    ("The minister spoke today in Baghdad.", "today", "2021-02-26", "day", "date"),
    ("Talks resume tomorrow.", "tomorrow", "2021-02-27", "day", "date"),
    ("A car bomb exploded two days ago.", "two days ago", "2021-02-24", "day", "date"),
    ("The strike happened a week ago.", "a week ago", "2021-02-19", "day", "date"),
    ("The ministry reported the attack three months ago.", "three months ago", "2020-11", "month", "date"),
    ("The group was formed five years ago.", "five years ago", "2016", "year", "date"),
    ("Gunmen stormed the village last week.", "last week", "2021-W07", "week", "date"),
    ("Talks continued this week.", "this week", "2021-W08", "week", "date"),
    ("Elections are due next month.", "next month", "2021-03", "month", "date"),
    ("The budget was cut this year.", "this year", "2021", "year", "date"),
    ("Attacks doubled last year.", "last year", "2020", "year", "date"),
    ("Raids intensified earlier this month.", "earlier this month", "2021-02", "month", "date"),
    ("Casualties rose in the last quarter.", "the last quarter", "2020-Q4", "year", "date"),
    ("Rebels regrouped over the weekend.", "the weekend", "2021-W07-WE", "week", "date"),
    ("Markets reopen this weekend.", "this weekend", "2021-W08-WE", "week", "date"),
    ("Police raided the camp this morning.", "this morning", "2021-02-26TMO", "day", "time"),
    ("Shelling was heard last night.", "last night", "2021-02-25TNI", "day", "time"),
    ("Attacks have recently increased.", "recently", "PAST_REF", "unknown", "date"),
    ("The region is currently calm.", "currently", "PRESENT_REF", "unknown", "date"),
    ("A decision will come soon.", "soon", "FUTURE_REF", "unknown", "date"),
    # weekdays: most recent on or before the anchor, the next one when the clause speaks of the future
    ("Protesters gathered on Monday outside the embassy.", "Monday", "2021-02-22", "day", "date"),
    ("The rebels attacked on Friday.", "Friday", "2021-02-26", "day", "date"),
    ("The council will meet on Tuesday.", "Tuesday", "2021-03-02", "day", "date"),
    ("The parliament is scheduled to vote on Wednesday.", "Wednesday", "2021-03-03", "day", "date"),
    ("Markets stay closed until Monday.", "Monday", "2021-03-01", "day", "date"),
    ("Apple announced Thursday that it will give refunds.", "Thursday", "2021-02-25", "day", "date"),
    ("Officials said last Friday that the base was hit.", "last Friday", "2021-02-19", "day", "date"),
    ("Troops will deploy next Monday.", "next Monday", "2021-03-01", "day", "date"),
    ("Fighting flared on Tuesday night near the airport.", "Tuesday night", "2021-02-23TNI", "day", "time"),
    ("Stocks fell on Monday. The index closed the day down 3%.", "the day", "2021-02-22", "day", "date"),
    ("A report came out on Tuesday. Markets rose on the same day.", "the same day", "2021-02-23", "day", "date"),
    ("The class of '11 graduated.", "'11", "2011", "year", "date"),
    ("He recalled the crash of '87.", "'87", "1987", "year", "date"),
    # clock times
    ("The blast was heard at 10 a.m. in the capital.", "10 a.m.", "2021-02-26T10:00", "day", "time"),
    ("The curfew starts at 6:30 p.m. daily.", "6:30 p.m.", "2021-02-26T18:30", "day", "time"),
    ("The markets closed at 16:00 UTC today.", "16:00 UTC today", "2021-02-26T16:00Z", "day", "time"),
    ("On Tuesday the statement came at 18:00 UTC.", "18:00 UTC", "2021-02-23T18:00Z", "day", "time"),
    # durations and sets
    ("The siege lasted three days.", "three days", "P3D", "unknown", "duration"),
    ("Aid was blocked for the past nine days.", "the past nine days", "P9D", "unknown", "duration"),
    ("It ended a fifty-year conflict.", "fifty-year", "P50Y", "unknown", "duration"),
    ("The truce held for almost two and a half years.", "almost two and a half years", "P2.5Y", "unknown", "duration"),
    ("Negotiations took 18 months.", "18 months", "P18M", "unknown", "duration"),
    ("The operation took thirty minutes.", "thirty minutes", "PT30M", "unknown", "duration"),
    ("The war lasted several years.", "several years", "PXY", "unknown", "duration"),
    ("Violence has grown over the past decade.", "the past decade", "P10Y", "unknown", "duration"),
    ("The militia holds weekly meetings.", "weekly", "P1W", "unknown", "set"),
    ("The plant makes 15 tankers a year.", "a year", "P1Y", "unknown", "set"),
    ("Markets fell for six straight days.", "six straight days", "P6D", "unknown", "duration"),
]


@pytest.mark.parametrize(("sentence", "expression", "value", "precision", "kind"), CASES)
def test_expression_value(
    finder: TimeFinder, sentence: str, expression: str, value: str, precision: str, kind: str
) -> None:
    times = found(finder, sentence)
    assert expression in times, f"{expression!r} not found in {sorted(times)}"
    t = times[expression]
    assert (t.value, t.precision, t.type) == (value, precision, kind)


# Sentences with no date or time expression at all.
NEGATIVE = [
    "Theresa May met the foreign minister.",
    "May I ask what happened?",
    "The march ended peacefully near the square.",
    "About 2,500 troops are stationed there.",
    "The budget reached $2015 million.",
    "Turnout was 2010 voters in the district.",
    "The soldiers fall back under fire.",
    "A second attack hit the convoy.",
    "Ambassador August Schmidt resigned.",
    "The crash is remembered as Black Monday.",
    "Veterans marked Bloody Sunday in Derry.",
    "The anniversary of the day of the massacre passed.",
]


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_no_expression(finder: TimeFinder, sentence: str) -> None:
    times = found(finder, sentence)
    # "2010 voters" is a year by form; every other sentence must give nothing.
    assert not [t for t in times.values() if t.text not in ("2010",)], times


def test_relative_expression_anchors_on_explicit_date_in_sentence(finder: TimeFinder) -> None:
    text = (
        "This file image grab taken from Kurdistan 24 TV channel on February 19, 2021 shows damage "
        "following a rocket attack two days ago targeting a military complex."
    )
    times = found(finder, text, date(2021, 2, 26))
    assert times["two days ago"].value == "2021-02-17"
    # In another sentence the same expression falls back on the publication date.
    later = finder(segment(text + " Another rocket hit two days ago."), date(2021, 2, 26))
    assert [t.value for t in later if t.text == "two days ago"] == ["2021-02-17", "2021-02-24"]


def test_without_publication_date_relative_values_are_none(finder: TimeFinder) -> None:
    times = found(finder, "Gunmen attacked on Monday and two days ago. The first raid was on March 3, 2020.", None)
    for expression in ("Monday", "two days ago"):
        assert times[expression].value is None
        assert times[expression].precision == "unknown"
        assert times[expression].confidence <= 0.3
    assert times["March 3, 2020"].value == "2020-03-03"


def test_expressions_do_not_cross_line_breaks(finder: TimeFinder) -> None:
    times = found(finder, "Markets stay closed until Friday\nSeptember 18, 2008\nThe government said so.")
    assert times["Friday"].value is not None
    assert times["September 18, 2008"].value == "2008-09-18"


def test_ids_are_stable_and_offsets_exact(finder: TimeFinder) -> None:
    text = "On Monday, two days after the attack of 3 March 2021, talks began."
    first = finder(segment(text), PUB)
    second = finder(segment(text), PUB)
    assert [t.id for t in first] == [t.id for t in second]
    assert all(t.id.startswith("tm_") for t in first)
    assert len({t.id for t in first}) == len(first)


def test_bad_vocabulary_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "vocabulary.yaml"
    bad.write_text("months:\n  January: 13\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"vocabulary\.yaml:\d+"):
        TimeFinder(DEFAULT_SETTINGS, bad)


@pytest.mark.skipif(not MEANTIME.exists(), reason="MEANTIME data not available")
def test_meantime_value_f1_floor(finder: TimeFinder) -> None:
    from types import SimpleNamespace

    from eventdesk.evaluate.dates import evaluate

    # Only the times stage is used by this evaluation, so the other stages need not be built.
    report = evaluate(MEANTIME, SimpleNamespace(find_times=finder))  # type: ignore[arg-type]
    assert report.counts["gold"] == 488
    # Measured 0.846; the floor leaves room for rule changes but catches regressions.
    assert report.figures["value_f1"] >= 0.80
    assert report.figures["relaxed_f1"] >= 0.88
