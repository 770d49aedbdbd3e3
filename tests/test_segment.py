"""Sentence splitting: abbreviations, paragraphs, quotes, and offsets into the text as given."""

from __future__ import annotations

import pytest

from eventdesk.extract.segment import segment


def sentences(text: str) -> list[str]:
    doc = segment(text)
    return [doc.sentence_text(s) for s in doc.sentences]


def test_titles_and_initials_do_not_end_sentences() -> None:
    text = "Sen. Maria Lopez (D-NM) met Gen. John F. Smith in the U.S. capital. They spoke for an hour."
    assert sentences(text) == [
        "Sen. Maria Lopez (D-NM) met Gen. John F. Smith in the U.S. capital.",
        "They spoke for an hour.",
    ]


def test_paragraph_ending_on_an_abbreviation_stays_a_sentence_of_its_own() -> None:
    text = "Other Democrats, including Rep.\n\nRep. Ana Ruiz said the vote was close."
    assert sentences(text) == ["Other Democrats, including Rep.", "Rep. Ana Ruiz said the vote was close."]


def test_closing_quote_after_the_period_belongs_to_the_sentence() -> None:
    text = '"We will not back down." The minister left. "Never," he said.'
    assert sentences(text) == ['"We will not back down."', "The minister left.", '"Never," he said.']


def test_headline_lines_without_punctuation_are_separate_paragraphs() -> None:
    text = "Troops retake border town\nMarch 3, 2024\nGovernment troops retook the town on Sunday."
    assert sentences(text) == [
        "Troops retake border town",
        "March 3, 2024",
        "Government troops retook the town on Sunday.",
    ]


def test_hard_wrapped_newswire_lines_are_joined_into_sentences() -> None:
    text = (
        "The central bank raised its key rate by half a point on\n"
        "Tuesday, citing inflation that has stayed above its target\n"
        "for most of the year, the bank said in a statement issued\n"
        "after the meeting. Markets had expected a smaller move from\n"
        "the bank this month, traders said.\n"
    )
    result = sentences(text)
    assert len(result) == 2
    assert result[0].startswith("The central bank") and result[0].endswith("after the meeting.")


@pytest.mark.parametrize("text", ["Fighting resumed.", "  Fighting resumed.  \n", "A. B. C."])
def test_offsets_index_the_text_as_given(text: str) -> None:
    doc = segment(text)
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == doc.text[s.start : s.end].strip() != ""
    assert doc.sentence_at(doc.sentences[-1].end - 1) == doc.sentences[-1]
