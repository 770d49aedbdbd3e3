"""The JSON contract: every result validates against eventdesk/schema.json, every offset points at its
text, and ids are the same on every run."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from eventdesk import extract
from eventdesk.errors import InputError

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
SCHEMA = json.loads(files("eventdesk").joinpath("schema.json").read_text(encoding="utf-8"))


def spans_in(result: dict) -> list[dict]:
    """Every {start, end, text} object in a result, wherever it sits."""
    found = []
    for actor in result["actors"]:
        found.extend(actor["mentions"])
    found.extend(result["places"])
    found.extend(result["times"])
    found.extend(e["trigger"] for e in result["events"])
    found.extend(q for q in result["quotes"])
    found.extend(result["flags"])
    return found


@pytest.fixture(scope="module", params=sorted(p.name for p in ARTICLES.glob("*.txt")))
def article(request: pytest.FixtureRequest) -> tuple[str, dict]:
    text = (ARTICLES / request.param).read_text(encoding="utf-8")
    return text, extract(text, published="2024-03-08").to_dict()


def test_result_validates_against_the_schema(article: tuple[str, dict]) -> None:
    _, result = article
    jsonschema.validate(result, SCHEMA)


def test_every_span_points_at_its_text(article: tuple[str, dict]) -> None:
    text, result = article
    spans = spans_in(result)
    assert spans, "a news article with places, dates and people yields spans"
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]
    for record in result["events"] + result["statements"] + result["relations"]:
        for ev in record["evidence"]:
            assert 0 <= ev["start"] < ev["end"] <= len(text)


def test_ids_are_deterministic_and_unique(article: tuple[str, dict]) -> None:
    text, first = article
    second = extract(text, published="2024-03-08").to_dict()
    assert first == second
    for key in ("actors", "places", "times", "events", "quotes", "statements"):
        ids = [item["id"] for item in first[key]]
        assert len(ids) == len(set(ids)), f"duplicate ids in {key}"


def test_references_point_at_records_of_the_same_result(article: tuple[str, dict]) -> None:
    _, result = article
    actor_ids = {a["id"] for a in result["actors"]}
    event_ids = {e["id"] for e in result["events"]}
    for ev in result["events"]:
        assert {ev["actor1"], ev["actor2"]} - {None} <= actor_ids
    for st in result["statements"]:
        assert {st["source_actor"], st["target_actor"]} - {None} <= actor_ids
        assert st["about_event"] is None or st["about_event"] in event_ids
    for rel in result["relations"]:
        assert rel["source"] in event_ids and rel["target"] in event_ids


def test_publication_date_is_reported_and_missing_one_is_null() -> None:
    text = (ARTICLES / "kaduna_attack.txt").read_text(encoding="utf-8")
    assert extract(text, published="2024-03-08").to_dict()["article"]["published"] == "2024-03-08"
    assert extract(text).to_dict()["article"]["published"] is None


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="no text"):
        extract(text)


def test_a_bad_publication_date_is_refused_clearly() -> None:
    with pytest.raises(InputError, match="not an ISO date"):
        extract("Troops clashed with rebels.", published="last Tuesday")
