"""Statements: verbal events with source, target and the event they are about."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventdesk.datafiles import DataFileError
from eventdesk.extract.quotes import QuoteFinder
from eventdesk.extract.segment import segment
from eventdesk.extract.statements import StatementFinder, load_statement_data
from eventdesk.records import Actor, Event, Span, Statement
from eventdesk.settings import DEFAULT_SETTINGS


@pytest.fixture(scope="module")
def finder() -> StatementFinder:
    return StatementFinder(DEFAULT_SETTINGS)


@pytest.fixture(scope="module")
def quote_finder() -> QuoteFinder:
    return QuoteFinder(DEFAULT_SETTINGS)


def actor(text: str, actor_id: str, name: str, kind: str, *surfaces: str) -> Actor:
    mentions = [Span(m.start(), m.end(), m.group()) for s in surfaces for m in re.finditer(re.escape(s), text)]
    return Actor(actor_id, name, kind, mentions=mentions)  # type: ignore[arg-type]


def event(text: str, event_id: str, sub_event_type: str, trigger: str) -> Event:
    start = text.index(trigger)
    return Event(event_id, "Explosions/Remote violence", sub_event_type, Span(start, start + len(trigger), trigger))


def run(
    finder: StatementFinder,
    quote_finder: QuoteFinder,
    text: str,
    actors: list[Actor],
    events: list[Event] | None = None,
) -> list[Statement]:
    doc = segment(text)
    return finder(doc, actors, events or [], quote_finder(doc, actors))


def kinds(statements: list[Statement]) -> list[str]:
    return [s.kind for s in statements]


def test_accuse_with_source_and_target(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = "Foreign Ministry spokesman Li Wen said on Friday that Beijing holds Manila responsible for the collision."
    actors = [actor(text, "cn", "China", "state", "Beijing"), actor(text, "ph", "Philippines", "state", "Manila")]
    [statement] = run(finder, quote_finder, text, actors)
    assert statement.kind == "accuse"
    assert (statement.source_actor, statement.target_actor) == ("cn", "ph")
    assert statement.cameo == "112" and statement.plover == "ACCUSE"
    assert statement.trigger is not None and statement.trigger.text == "holds Manila responsible"
    assert statement.evidence[0].start == 0


def test_condemn_refers_to_the_strike_event(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = (
        "Israeli jets struck a warehouse in Damascus on Tuesday. Rocket fire hit Haifa a day earlier. "
        "The Syrian government condemned the strikes as a violation of its sovereignty."
    )
    actors = [actor(text, "sy", "Syria", "state", "The Syrian government")]
    events = [
        event(text, "ev_strike", "Air/drone strike", "struck a warehouse"),
        event(text, "ev_rocket", "Shelling/artillery/missile attack", "Rocket fire"),
    ]
    [statement] = run(finder, quote_finder, text, actors, events)
    assert statement.kind == "condemn"
    assert statement.source_actor == "sy"
    # "the strikes" refers back to the strike, not to the rocket fire
    assert statement.about_event == "ev_strike"


def test_negated_and_refused_triggers_are_not_statements(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = (
        "The minister did not blame Kabul for the attack. The opposition refused to condemn the raid. "
        "The army has never accused the militia of the killings."
    )
    actors = [actor(text, "af", "Afghanistan", "state", "Kabul")]
    assert run(finder, quote_finder, text, actors) == []


def test_source_is_the_group_not_the_members_listed_in_an_aside(
    finder: StatementFinder, quote_finder: QuoteFinder
) -> None:
    text = "The rebel factions - including the Free Brigade and the Dawn Front - condemned the ceasefire."
    actors = [
        actor(text, "factions", "rebel factions", "armed_group", "rebel factions"),
        actor(text, "brigade", "Free Brigade", "armed_group", "Free Brigade"),
        actor(text, "dawn", "Dawn Front", "armed_group", "Dawn Front"),
    ]
    [statement] = run(finder, quote_finder, text, actors)
    assert statement.kind == "condemn" and statement.source_actor == "factions"


def test_avoided_passive_and_other_senses_are_not_statements(
    finder: StatementFinder, quote_finder: QuoteFinder
) -> None:
    text = (
        "The president avoids condemning the invasion. The plan has been met with protests. "
        "The offer is likely to appeal to younger voters. The Court of Appeals for the circuit ruled on Monday. "
        'The envoy called for "appropriate assistance" to the region.'
    )
    assert kinds(run(finder, quote_finder, text, [])) == ["demand"]


def test_passive_description_is_not_an_accusation(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = "The armed groups typically blamed for such attacks have stayed silent this week."
    assert "accuse" not in kinds(run(finder, quote_finder, text, []))


def test_quoted_headline_is_not_a_statement(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = 'The paper ran the headline "Opposition leader condemns the army crackdown in the south" on Monday.'
    assert run(finder, quote_finder, text, []) == []


def test_praise_from_a_quoted_judgement(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = 'Senator Ana Ruiz called the operation "necessary and proportionate" in a statement.'
    actors = [actor(text, "ruiz", "Ana Ruiz", "person", "Ana Ruiz")]
    [statement] = run(finder, quote_finder, text, actors)
    assert statement.kind == "praise" and statement.source_actor == "ruiz"
    assert statement.cameo == "051" and statement.plover == "SUPPORT"


def test_agree_negotiate_threaten_demand_deny_claim(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = (
        "Tehran has agreed to indirect talks with Washington. "
        "Ethiopia held talks with Eritrea in Asmara. "
        "The Houthis vowed to retaliate. "
        "The UN called on Russia to open the corridor. "
        "Hamas denied involvement in the blast. "
        "The Islamic State claimed responsibility for the bombing."
    )
    actors = [
        actor(text, "ir", "Iran", "state", "Tehran"),
        actor(text, "us", "United States", "state", "Washington"),
        actor(text, "et", "Ethiopia", "state", "Ethiopia"),
        actor(text, "er", "Eritrea", "state", "Eritrea"),
        actor(text, "hu", "Houthis", "armed_group", "The Houthis"),
        actor(text, "un", "United Nations", "international", "The UN"),
        actor(text, "ru", "Russia", "state", "Russia"),
        actor(text, "ha", "Hamas", "armed_group", "Hamas"),
        actor(text, "is", "Islamic State", "armed_group", "The Islamic State"),
    ]
    found = {s.kind: s for s in run(finder, quote_finder, text, actors)}
    assert set(found) == {"agree", "negotiate", "threaten", "demand", "deny", "claim_responsibility"}
    assert (found["agree"].source_actor, found["agree"].target_actor) == ("ir", "us")
    assert (found["negotiate"].source_actor, found["negotiate"].target_actor) == ("et", "er")
    assert found["threaten"].source_actor == "hu"
    assert (found["demand"].source_actor, found["demand"].target_actor) == ("un", "ru")
    assert found["deny"].source_actor == "ha"
    assert found["claim_responsibility"].source_actor == "is"


def test_statement_inside_a_quote_takes_the_speaker(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = '"We condemn this cowardly attack on civilians," said Prime Minister Sana Malik.'
    actors = [actor(text, "pm", "Sana Malik", "official", "Sana Malik")]
    [statement] = run(finder, quote_finder, text, actors)
    assert statement.kind == "condemn" and statement.source_actor == "pm"


def test_without_actors_statements_are_kept_with_lower_confidence(
    finder: StatementFinder, quote_finder: QuoteFinder
) -> None:
    text = "Local leaders condemned the killings."
    [statement] = run(finder, quote_finder, text, [])
    assert statement.source_actor is None and statement.confidence < 0.6


def test_ids_are_deterministic(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = "Kenya welcomed the ceasefire. Uganda denounced the raids."
    first = run(finder, quote_finder, text, [])
    second = run(finder, quote_finder, text, [])
    assert [s.id for s in first] == [s.id for s in second] and len(first) == 2


def test_bad_pattern_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "statements.yaml"
    bad.write_text("kinds:\n  accuse:\n    cameo: '112'\n    patterns: ['(?:x)y {X}']\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"statements.yaml:3"):
        load_statement_data(bad)


# ---- generalisation: named sources inside the trigger, joint subjects, coordination, rejection -----


def test_charge_denied_by_a_capital_without_an_actor_of_its_own(
    finder: StatementFinder, quote_finder: QuoteFinder
) -> None:
    text = "Azerbaijan accused Armenian forces of shelling its positions overnight, a charge Yerevan denied."
    armenia = actor(text, "am", "Armenia", "state", "Armenian")
    armenia.country_code = "AM"
    actors = [
        actor(text, "az", "Azerbaijan", "state", "Azerbaijan"),
        armenia,
        actor(text, "am-mil", "Military Forces of Armenia", "state_forces", "Armenian forces"),
    ]
    statements = run(finder, quote_finder, text, actors)
    accuse = next(s for s in statements if s.kind == "accuse")
    assert (accuse.source_actor, accuse.target_actor) == ("az", "am-mil")
    deny = next(s for s in statements if s.kind == "deny")
    assert (deny.source_actor, deny.target_actor) == ("am", "az")


def test_joint_subject_meeting_is_a_consultation_between_both(
    finder: StatementFinder, quote_finder: QuoteFinder
) -> None:
    text = "Envoys from Ethiopia and Egypt met in Cairo on Sunday to discuss the dam on the Blue Nile."
    actors = [actor(text, "et", "Ethiopia", "state", "Ethiopia"), actor(text, "eg", "Egypt", "state", "Egypt")]
    [statement] = run(finder, quote_finder, text, actors)
    assert statement.kind == "negotiate"
    assert (statement.source_actor, statement.target_actor) == ("et", "eg")


def test_met_in_without_two_parties_is_no_statement(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = "The Ethiopian delegation met in Cairo on Sunday, a day after the talks were postponed."
    actors = [actor(text, "et", "Ethiopia", "state", "Ethiopian")]
    assert "negotiate" not in kinds(run(finder, quote_finder, text, actors))


def test_passive_condemnation_names_its_source_after_by(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = "The shelling of the market was condemned by the African Union, which called for an inquiry."
    actors = [actor(text, "au", "African Union", "international", "African Union")]
    events = [event(text, "ev1", "Shelling/artillery/missile attack", "shelling")]
    condemn = next(s for s in run(finder, quote_finder, text, actors, events) if s.kind == "condemn")
    assert condemn.source_actor == "au"
    assert condemn.about_event == "ev1"


def test_coordinated_threat_shares_the_subject(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = "The Houthis accused the United States of piracy and vowed to retaliate against American ships."
    actors = [
        actor(text, "hou", "Houthis", "armed_group", "Houthis"),
        actor(text, "us", "United States", "state", "United States", "American"),
    ]
    statements = run(finder, quote_finder, text, actors)
    threat = next(s for s in statements if s.kind == "threaten")
    assert threat.source_actor == "hou"


def test_rejecting_a_proposal_is_reject_not_deny(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = "Hamas rejected an Israeli truce proposal on Monday, a spokesman said."
    actors = [actor(text, "ham", "Hamas", "armed_group", "Hamas"), actor(text, "il", "Israel", "state", "Israeli")]
    [statement] = run(finder, quote_finder, text, actors)
    assert statement.kind == "reject" and statement.plover == "REJECT"
    assert (statement.source_actor, statement.target_actor) == ("ham", "il")


def test_source_is_the_head_not_the_country_in_its_modifier(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = "The European Union envoy for the Sahel, Joao Cravinho, urged Mali's junta to free the detainees."
    actors = [
        actor(text, "eu", "European Union", "international", "European Union"),
        actor(text, "sahel", "Sahel", "state", "Sahel"),
        actor(text, "ml", "Mali", "state", "Mali"),
    ]
    demand = next(s for s in run(finder, quote_finder, text, actors) if s.kind == "demand")
    assert (demand.source_actor, demand.target_actor) == ("eu", "ml")


def test_pattern_prefix_leaves_out_an_optional_letter(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = "Washington will hold Tehran responsible for any attack on its forces, the envoy said."
    actors = [actor(text, "us", "United States", "state", "Washington"), actor(text, "ir", "Iran", "state", "Tehran")]
    accuse = next(s for s in run(finder, quote_finder, text, actors) if s.kind == "accuse")
    assert (accuse.source_actor, accuse.target_actor) == ("us", "ir")


def test_vow_to_crush_is_a_threat_against_the_object(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = "The government vowed on Sunday to crush the uprising led by the Popular Front."
    actors = [
        actor(text, "gov", "Government of Chad", "state", "The government"),
        actor(text, "pf", "Popular Front", "armed_group", "Popular Front"),
    ]
    threat = next(s for s in run(finder, quote_finder, text, actors) if s.kind == "threaten")
    assert (threat.source_actor, threat.target_actor) == ("gov", "pf")


def test_denying_a_clause_has_no_target_inside_the_clause(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = "The army denied that its troops had fired on civilians in the market."
    actors = [
        actor(text, "army", "Military Forces of Chad", "state_forces", "The army"),
        actor(text, "civ", "Civilians", "civilians", "civilians"),
    ]
    deny = next(s for s in run(finder, quote_finder, text, actors) if s.kind == "deny")
    assert (deny.source_actor, deny.target_actor) == ("army", None)


def test_officials_in_a_capital_speak_for_its_state(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = "Refugees keep arriving from Darfur. Officials in N'Djamena have appealed for more international aid."
    chad = actor(text, "td", "Chad", "state", "Chad")
    chad.country_code = "TD"
    [statement] = run(finder, quote_finder, text, [chad])
    assert statement.kind == "appeal" and statement.source_actor == "td"
