"""Flags: reader warnings about truncated sentences, unattributed quotes and unclear speakers."""

from __future__ import annotations

import pytest

from eventdesk.extract.flags import FlagFinder
from eventdesk.extract.quotes import QuoteFinder
from eventdesk.extract.segment import segment
from eventdesk.records import Actor, Flag, Span
from eventdesk.settings import DEFAULT_SETTINGS


@pytest.fixture(scope="module")
def finder() -> FlagFinder:
    return FlagFinder(DEFAULT_SETTINGS)


@pytest.fixture(scope="module")
def quote_finder() -> QuoteFinder:
    return QuoteFinder(DEFAULT_SETTINGS)


def flags_of(finder: FlagFinder, quote_finder: QuoteFinder, text: str) -> list[Flag]:
    doc = segment(text)
    return finder(doc, quote_finder(doc, []))


def of_kind(flags: list[Flag], kind: str) -> list[Flag]:
    return [f for f in flags if f.kind == kind]


def test_paragraph_cut_on_a_title(finder: FlagFinder, quote_finder: QuoteFinder) -> None:
    text = "Several lawmakers welcomed the deal.\n\nOther Democrats, including Rep.\n\nRep. Jo Lin said it was overdue."
    [flag] = of_kind(flags_of(finder, quote_finder, text), "truncated_sentence")
    assert flag.text == "Other Democrats, including Rep."
    assert text[flag.start : flag.end] == flag.text


def test_paragraph_cut_on_a_dangling_word(finder: FlagFinder, quote_finder: QuoteFinder) -> None:
    text = "The convoy was attacked near the town of\n\nNo group has claimed the attack."
    [flag] = of_kind(flags_of(finder, quote_finder, text), "truncated_sentence")
    assert flag.text == "The convoy was attacked near the town of"


def test_normal_endings_are_not_truncated(finder: FlagFinder, quote_finder: QuoteFinder) -> None:
    text = (
        "Troops arrived from the U.S.\n\nThe talks ended at 5 p.m.\n\nA militia leader was killed in Marib\n\n"
        "Officials said the road was reopened."
    )
    assert of_kind(flags_of(finder, quote_finder, text), "truncated_sentence") == []


def test_unattributed_quote(finder: FlagFinder, quote_finder: QuoteFinder) -> None:
    text = 'Fighting resumes\n\n"The city will not fall while we are standing."\n\nShelling continued overnight.'
    [flag] = of_kind(flags_of(finder, quote_finder, text), "unattributed_quote")
    assert flag.text == "The city will not fall while we are standing."


def test_attributed_quote_is_not_flagged(finder: FlagFinder, quote_finder: QuoteFinder) -> None:
    text = '"The city will not fall," the governor said.'
    assert flags_of(finder, quote_finder, text) == []


def test_ambiguous_pronoun_speaker(finder: FlagFinder) -> None:
    text = (
        "General Omar Haddad said the offensive would continue. He added that he and Karim Nasser "
        "had agreed on a new timetable."
    )
    doc = segment(text)
    actors = [
        Actor("a1", "Omar Haddad", "official", mentions=[Span(8, 19, "Omar Haddad")]),
        Actor("a2", "Karim Nasser", "person", mentions=[Span(text.index("Karim"), text.index(" had"), "Karim Nasser")]),
    ]
    quotes = QuoteFinder(DEFAULT_SETTINGS)(doc, actors)
    [flag] = of_kind(finder(doc, quotes), "ambiguous_speaker")
    assert flag.text == "He" and text[flag.start : flag.end] == "He"
    assert "Omar Haddad" in (flag.note or "")


def test_pronoun_with_nobody_in_view_is_not_flagged(finder: FlagFinder, quote_finder: QuoteFinder) -> None:
    text = 'The base was shelled overnight. "We expect more attacks before the rains," he said.'
    assert of_kind(flags_of(finder, quote_finder, text), "ambiguous_speaker") == []


def test_unbalanced_quotes_but_not_multi_paragraph_quotes(finder: FlagFinder, quote_finder: QuoteFinder) -> None:
    runs_on = '"We held the bridge for three days.\n\n"Then the ammunition ran out," the commander said.'
    assert of_kind(flags_of(finder, quote_finder, runs_on), "unbalanced_quotes") == []
    broken = '"We held the bridge for three days.\n\nThe commander later withdrew.'
    [flag] = of_kind(flags_of(finder, quote_finder, broken), "unbalanced_quotes")
    assert flag.start == 0


def test_repeated_headline_line(finder: FlagFinder, quote_finder: QuoteFinder) -> None:
    text = (
        "Clashes erupt on the northern border\n\n  • Clashes erupt on the northern border\n\n"
        "Clashes erupted on Friday along the border."
    )
    [flag] = of_kind(flags_of(finder, quote_finder, text), "repeated_line")
    assert flag.text == "• Clashes erupt on the northern border"
