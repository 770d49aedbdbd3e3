"""Quotes and statements on wire-style articles written for this test (tests/fixtures/articles/qs_*.txt).

Each row is a fact an analyst would take from the article: who said a quoted or reported passage
(a name, or an anonymous source), and which verbal events (statements) it reports, by whom, against
whom. The articles cover AP and Reuters datelines, UK-style single quotes, quotes split around their
attribution, a quote running over two paragraphs, "according to", claims of responsibility, denials,
threats, demands and appeals by the UN, armed groups, ministries and officials.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from eventdesk import extract
from eventdesk.records import Quote, Result

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
ANONYMOUS = "<anonymous>"


@cache
def result(name: str) -> Result:
    return extract((ARTICLES / f"qs_{name}.txt").read_text(encoding="utf-8"), published="2024-03-08")


def quote_with(res: Result, fragment: str) -> Quote:
    found = [q for q in res.quotes if fragment in q.text]
    assert found, f"no quote holds {fragment!r}: {[q.text[:60] for q in res.quotes]}"
    return found[0]


# (article, words of the quote, speaker: a part of the name or ANONYMOUS, kind)
QUOTES = [
    ("mali_market", "appalled by the killing of civilians", "Dujarric", "direct"),
    ("mali_market", "Those responsible must be held accountable", "Dujarric", "direct"),
    ("mali_market", "We are sending reinforcements", "Dembele", "direct"),
    ("mali_market", "the wounded were still arriving", ANONYMOUS, "indirect"),
    ("belgorod_drones", "This is a legitimate military target", ANONYMOUS, "direct"),
    ("belgorod_drones", "The depot supplied fuel", ANONYMOUS, "direct"),
    ("belgorod_drones", "two people were wounded by falling debris", "Gladkov", "indirect"),
    ("belgorod_drones", "Russia launched 40 drones", "Ukrain", "indirect"),
    ("belgorod_drones", "We will respond to every strike", "Zakharova", "direct"),
    ("belgorod_drones", "the Kyiv regime knows it", "Zakharova", "direct"),
    ("belgorod_drones", "Ukrainian drones struck an oil depot", ANONYMOUS, "indirect"),
    ("sudan_fasher", "We have given the army every chance", "Dagalo", "direct"),
    ("sudan_fasher", "We extended our hand", "Dagalo", "direct"),
    ("sudan_fasher", "the responsibility for what happens in El Fasher", "Dagalo", "direct"),
    ("sudan_fasher", "the army would continue its operations", "Abdallah", "indirect"),
    ("arauca_eln", "There can be no negotiation", "Petro", "direct"),
    ("arauca_eln", "the government was suspending peace talks", "Petro", "indirect"),
    ("arauca_eln", "Dialogue is the only way out", "Ruiz Massieu", "direct"),
    # Written after the fixes above and run once: a held-out check of the same methods.
    ("rakhine_junta", "Those who attack the state", "Zaw Min Tun", "direct"),
    ("rakhine_junta", "We will not negotiate with terrorists", "Zaw Min Tun", "direct"),
    pytest.param(
        "rakhine_junta",
        "it had captured a border town",
        "Arakan",
        "indirect",
        marks=pytest.mark.xfail(strict=True, reason="actors stage: 'the ethnic armed group' not linked to Arakan Army"),
    ),
    ("rakhine_junta", "its fighters had seized Paletwa", "Arakan", "indirect"),
    ("rakhine_junta", "navy ships had shelled villages", ANONYMOUS, "indirect"),
    ("rakhine_junta", "The children are terrified", "Khin Myint", "direct"),
    ("rakhine_junta", "We hear the guns every night", "Khin Myint", "direct"),
    ("rakhine_junta", "Nobody is coming to help us", "Khin Myint", "direct"),
    ("rakhine_junta", "more than 50,000 people have been displaced", "United Nations", "indirect"),
]


@pytest.mark.parametrize(("article", "fragment", "speaker", "kind"), QUOTES)
def test_quote_speaker(article: str, fragment: str, speaker: str, kind: str) -> None:
    quote = quote_with(result(article), fragment)
    assert quote.kind == kind
    assert quote.speaker is not None, "the article names who said it"
    if speaker == ANONYMOUS:
        assert quote.speaker.anonymous
    else:
        assert speaker in (quote.speaker.name or ""), quote.speaker
        assert not quote.speaker.anonymous


# (article, words that open the reported content after the dateline)
DATELINED = [
    ("mali_market", "Gunmen attacked a crowded market"),
    ("belgorod_drones", "Ukrainian drones struck an oil depot"),
]


@pytest.mark.parametrize(("article", "opening"), DATELINED)
def test_reported_content_leaves_out_the_dateline(article: str, opening: str) -> None:
    quote = quote_with(result(article), opening)
    assert quote.text.startswith(opening)
    assert result(article).article.text[quote.start : quote.end] == quote.text


# (article, statement kind, source: any of these in the actor's name, target likewise or None)
STATEMENTS = [
    ("mali_market", "claim_responsibility", ("JNIM", "Nusrat"), None),
    ("mali_market", "condemn", ("Guterres", "United Nations"), None),
    ("mali_market", "demand", ("Guterres", "United Nations"), None),
    ("mali_market", "accuse", ("Mali",), None),
    ("mali_market", "threaten", ("Mali",), None),
    ("belgorod_drones", "deny", ("Russia",), None),
    # The actors stage spells him "Zelensky" whatever the article writes.
    ("belgorod_drones", "demand", ("Zelensk", "Ukrain"), None),
    # Turning down an offer is CAMEO 12 "reject", not 016 "deny".
    ("sudan_fasher", "reject", ("Sudan",), ("Rapid Support",)),
    ("sudan_fasher", "threaten", ("Rapid Support",), None),
    ("sudan_fasher", "demand", ("Sudan",), ("Rapid Support",)),
    ("sudan_fasher", "appeal", ("Lamamra", "United Nations"), None),
    ("arauca_eln", "claim_responsibility", ("National Liberation Army", "ELN"), None),
    ("arauca_eln", "threaten", ("National Liberation Army", "ELN"), None),
    ("arauca_eln", "accuse", ("Velasquez", "Colombia"), ("National Liberation Army", "ELN")),
    # The actors stage files the Central General Staff under "FARC dissidents".
    ("arauca_eln", "deny", ("Central General Staff", "FARC"), None),
    ("arauca_eln", "condemn", ("United Nations",), None),
    ("rakhine_junta", "threaten", ("Myanmar",), ("Arakan",)),
    ("rakhine_junta", "demand", ("China",), None),
    pytest.param(
        "rakhine_junta",
        "deny",
        ("Myanmar",),
        None,
        marks=pytest.mark.xfail(strict=True, reason="actors stage: 'The junta' is no actor"),
    ),
]


@pytest.mark.parametrize(("article", "kind", "source", "target"), STATEMENTS)
def test_statement(article: str, kind: str, source: tuple[str, ...], target: tuple[str, ...] | None) -> None:
    res = result(article)
    names = {a.id: a.name for a in res.actors}
    found = [
        (names.get(s.source_actor or "", ""), names.get(s.target_actor or "", ""))
        for s in res.statements
        if s.kind == kind
    ]
    assert any(
        any(want in src for want in source) and (target is None or any(want in tgt for want in target))
        for src, tgt in found
    ), found
