"""Statement kinds across the PLOVER categories: positives and near-misses, on sentences written for
these tests (many countries; negation, modality and non-event senses of the same verbs)."""

from __future__ import annotations

import re

import pytest

from eventdesk.extract.quotes import QuoteFinder
from eventdesk.extract.segment import segment
from eventdesk.extract.statements import StatementFinder
from eventdesk.records import Actor, Span, Statement
from eventdesk.settings import DEFAULT_SETTINGS

# Names the tests mark as actors: state -> surfaces.
_STATES = {
    "ke": ("Kenya", "Nairobi"),
    "et": ("Ethiopia", "Addis Ababa"),
    "pk": ("Pakistan", "Islamabad"),
    "in": ("India", "New Delhi"),
    "br": ("Brazil",),
    "ar": ("Argentina",),
    "ru": ("Russia", "Moscow"),
    "ua": ("Ukraine", "Kyiv"),
    "tr": ("Turkey", "Ankara"),
    "gr": ("Greece", "Athens"),
    "id": ("Indonesia", "Jakarta"),
    "my": ("Malaysia",),
    "co": ("Colombia", "Bogota"),
    "ve": ("Venezuela", "Caracas"),
    "ng": ("Nigeria", "Abuja"),
    "ml": ("Mali",),
    "jp": ("Japan", "Tokyo"),
    "kr": ("South Korea", "Seoul"),
    "kp": ("North Korea", "Pyongyang"),
    "fr": ("France", "Paris"),
    "dz": ("Algeria", "Algiers"),
    "eg": ("Egypt", "Cairo"),
    "sd": ("Sudan", "Khartoum"),
    "us": ("the United States", "Washington"),
    "un": ("the United Nations", "the UN"),
    "eu": ("the European Union", "the EU"),
    "rebels": ("the rebels", "rebels", "the FARC", "the ELN", "M23"),
}


@pytest.fixture(scope="module")
def finder() -> StatementFinder:
    return StatementFinder(DEFAULT_SETTINGS)


@pytest.fixture(scope="module")
def quote_finder() -> QuoteFinder:
    return QuoteFinder(DEFAULT_SETTINGS)


def _actors(text: str) -> list[Actor]:
    out = []
    for actor_id, surfaces in _STATES.items():
        spans: list[Span] = []
        for surface in sorted(surfaces, key=len, reverse=True):
            for m in re.finditer(r"\b" + re.escape(surface) + r"\b", text):
                if not any(s.start <= m.start() < s.end for s in spans):
                    spans.append(Span(m.start(), m.end(), m.group()))
        if spans:
            kind = "state" if len(actor_id) == 2 else "rebel"
            out.append(Actor(actor_id, surfaces[0], kind, mentions=spans))  # type: ignore[arg-type]
    return out


def statements(finder: StatementFinder, quote_finder: QuoteFinder, text: str) -> list[Statement]:
    doc = segment(text)
    actors = _actors(text)
    return finder(doc, actors, [], quote_finder(doc, actors))


def top_plover(found: list[Statement]) -> str | None:
    """The harness's choice: the most confident statement, the first on ties."""
    return max(found, key=lambda s: s.confidence).plover if found else None


POSITIVES = [
    # REQUEST
    ("REQUEST", "Kenya asked Ethiopia to reopen the border crossing at Moyale."),
    ("REQUEST", "Pakistan urged restraint after the clashes along the Line of Control."),
    ("REQUEST", "Brazil appealed to Argentina for help in tracing the missing ship."),
    ("REQUEST", "The European Union demanded that Turkey release the detained journalists."),
    ("REQUEST", "Nigeria requested international assistance to fight the flooding."),
    # REJECT
    ("REJECT", "Greece rejected Turkey's offer of bilateral talks on the islands."),
    ("REJECT", "Russia vetoed the draft resolution on Syria at the Security Council."),
    ("REJECT", "Venezuela refused to recognize the results of the regional vote."),
    ("REJECT", "The rebels turned down the government's amnesty offer on Sunday."),
    # THREATEN
    ("THREATEN", "North Korea warned South Korea of severe consequences if the drills go ahead."),
    ("THREATEN", "Turkey threatened to launch a new military operation in northern Syria."),
    ("THREATEN", "Moscow issued an ultimatum to Kyiv over the grain corridor."),
    ("THREATEN", "Turkey threatened Greece with sanctions over the drilling."),
    ("THREATEN", "Ethiopia warned Sudan against arming the militias."),
    # SUPPORT
    ("SUPPORT", "France expressed support for Mali's transitional authorities."),
    ("SUPPORT", "Japan backed South Korea's bid to host the summit."),
    ("SUPPORT", "Egypt praised Sudan's decision to extend the truce."),
    ("SUPPORT", "Indonesia voiced solidarity with Malaysia after the floods."),
    # CONCEDE; a promise to yield is CAMEO 035, which CAMEO2PLOVER maps to AGREE.
    ("AGREE", "Ethiopia offered to withdraw its troops from the disputed town."),
    ("AGREE", "The junta in Mali promised to release political prisoners before the vote."),
    ("CONCEDE", "The rebels declared a unilateral ceasefire for the holidays."),
    # CONSULT
    ("CONSULT", "The Indian foreign minister met with his Pakistani counterpart in Astana."),
    ("CONSULT", "Algeria's president visited Cairo on Tuesday for the first time in a decade."),
    ("CONSULT", "The Kenyan president telephoned the Ethiopian prime minister on Monday."),
    ("CONSULT", "Japan held consultations with South Korea on the North's missile launches."),
    # AID
    ("AID", "Japan sent humanitarian aid to Indonesia after the earthquake."),
    ("AID", "The European Union provided emergency assistance to Sudan's refugees."),
    ("AID", "The United States donated 2 million vaccine doses to Nigeria."),
    # SANCTION
    ("SANCTION", "The European Union imposed sanctions on Russian officials."),
    ("SANCTION", "Algeria expelled two French diplomats on Thursday."),
    ("SANCTION", "Colombia broke off diplomatic relations with Venezuela."),
    ("SANCTION", "Mali withdrew from the regional defence pact last year."),
    ("SANCTION", "Argentina suspended grain exports to Brazil."),
    # RETREAT
    ("RETREAT", "Russia withdrew its troops from the outskirts of Kyiv."),
    ("RETREAT", "The rebels released 12 hostages on Friday."),
    ("RETREAT", "The FARC pulled out of the town after a week of fighting."),
    # Easing a civil restriction is a concession (PLOVER CONCEDE); lifting a military blockade is RETREAT.
    ("CONCEDE", "Turkey lifted the curfew in the southeastern province."),
    ("CONCEDE", "The junta eased emergency measures in the northern provinces on Monday."),
    ("RETREAT", "Israel lifted the naval blockade of the port after two weeks."),
    # MOBILIZE
    ("MOBILIZE", "India deployed troops along the border with Pakistan."),
    ("MOBILIZE", "North Korea put its artillery units on high alert."),
    ("MOBILIZE", "Venezuela mobilized reservists near the Colombian border."),
    # COOPERATE
    ("COOPERATE", "Kenya and Ethiopia signed an agreement to cooperate on border security."),
    ("COOPERATE", "Indonesia and Malaysia shared intelligence on militant networks."),
    ("AGREE", "Indonesia and Malaysia agreed to hold joint patrols in the Strait of Malacca."),
    ("COOPERATE", "Japan and South Korea held joint naval exercises in the Sea of Japan."),
    # ACCUSE
    ("ACCUSE", "Pakistan accused India of sponsoring militants in Balochistan."),
    ("ACCUSE", "Athens criticized Ankara over the airspace violations."),
    ("ACCUSE", "The United Nations opened an investigation into the killings in Darfur."),
    ("ACCUSE", "Egypt blamed Ethiopia for the failure of the dam negotiations."),
    # AGREE
    ("AGREE", "Ethiopia and Sudan agreed to resume negotiations on the dam."),
    ("AGREE", "Kenya promised to host the next round of the peace process."),
    # Finalising a treaty is verbal SUPPORT in the codebook; a promise to sign is AGREE.
    ("SUPPORT", "Colombia and the ELN signed a peace accord in Havana."),
    ("AGREE", "Pakistan pledged to cooperate with the inquiry."),
    ("AGREE", "Egypt offered talks to Ethiopia on the filling of the reservoir."),
    ("AGREE", "Colombia said it was ready to resume dialogue with the ELN."),
    ("AGREE", "Japan invited South Korea to a trilateral summit in Tokyo."),
    ("ACCUSE", "Prosecutors in Jakarta charged the former minister with embezzlement."),
    ("ACCUSE", "Greece objected to Turkey's survey mission in the Aegean."),
    ("REJECT", "Algeria ruled out any mediation by France."),
    ("REJECT", "Argentina opposed the resolution on the Falklands."),
    ("REQUEST", "Protesters in Khartoum are calling for a civilian government."),
]

# (PLOVER code the sentence must NOT yield, sentence): negated, modal, or another sense of the verb.
NEAR_MISSES = [
    ("REQUEST", "Kenya did not ask Ethiopia to reopen the border."),
    ("REQUEST", "She asked about the weather in Nairobi."),
    ("REJECT", "Greece did not reject the offer outright."),
    ("REJECT", "Russia may veto the resolution next week."),
    ("THREATEN", "The storm threatened crops across the region."),
    ("THREATEN", "Analysts warned that inflation could rise in Turkey."),
    ("SUPPORT", "Prices were supported by strong demand."),
    ("SUPPORT", "Japan has not backed the proposal."),
    ("CONCEDE", "Ethiopia refused to withdraw its troops from the town."),
    ("CONCEDE", "The rebels rejected calls to declare a ceasefire."),
    ("CONSULT", "Ethiopia did not meet with Sudan's delegation."),
    ("CONSULT", "The plan met with resistance in parliament."),
    ("AID", "Japan may send aid to Indonesia next month."),
    ("AID", "Japan has not sent humanitarian aid to Indonesia."),
    ("SANCTION", "The European Union may impose sanctions on Russian officials."),
    ("SANCTION", "Algeria threatened to expel French diplomats."),
    ("SANCTION", "The European Union did not impose sanctions on Russia."),
    ("RETREAT", "Russia refused to withdraw its troops from the region."),
    ("RETREAT", "The United Nations called on Russia to withdraw its troops."),
    ("CONCEDE", "Turkey may lift the curfew next week."),
    ("MOBILIZE", "India could deploy troops along the border."),
    ("MOBILIZE", "India has not deployed additional troops."),
    ("COOPERATE", "Indonesia refused to share intelligence with Malaysia."),
    ("COOPERATE", "Japan and South Korea may hold joint naval exercises."),
    ("ACCUSE", "Pakistan did not accuse India of the attack."),
    ("ACCUSE", "The rebels were accused of looting."),
    ("AGREE", "Ethiopia and Sudan failed to agree on the dam."),
    ("AGREE", "Sudan never promised to host the talks."),
    ("AGREE", "Analysts in Seoul are not ready to draw conclusions."),
    ("ACCUSE", "The battery charged quickly in the cold."),
    ("REJECT", "Voters opposed to the plan in Brazil gathered outside the court."),
    # Noun senses of the same words, and anonymous sourcing.
    ("REQUEST", "Demand for Kenyan tea rose sharply in Pakistan last year."),
    ("REQUEST", "A Nigerian official, who asked not to be named, confirmed the figures."),
    ("SUPPORT", "Price support for Brazilian coffee farmers will end in March."),
    ("CONSULT", "A telephone company in Nairobi raised its tariffs."),
    ("ACCUSE", "The probe found no evidence of fraud in Jakarta."),
    ("RETREAT", "The release of hostages in Mali was delayed again."),
    ("SUPPORT", "Iran-backed militias shelled the base near Erbil."),
    # A future deed is not yet done: "will withdraw" (but "will hold X responsible" is an accusation).
    ("RETREAT", "Russia will withdraw its troops from the border next month."),
]


@pytest.mark.parametrize(("plover", "text"), POSITIVES, ids=[t[:40] for _, t in POSITIVES])
def test_positive_kind_is_top(finder: StatementFinder, quote_finder: QuoteFinder, plover: str, text: str) -> None:
    found = statements(finder, quote_finder, text)
    assert top_plover(found) == plover, [(s.kind, s.plover, s.confidence, s.trigger) for s in found]


@pytest.mark.parametrize(("plover", "text"), NEAR_MISSES, ids=[t[:40] for _, t in NEAR_MISSES])
def test_near_miss_yields_no_such_kind(
    finder: StatementFinder, quote_finder: QuoteFinder, plover: str, text: str
) -> None:
    found = statements(finder, quote_finder, text)
    assert plover not in {s.plover for s in found}, [(s.kind, s.plover, s.trigger) for s in found]


def test_new_kinds_carry_source_and_target(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = "Algeria expelled two French diplomats on Thursday, and Egypt sent aid to Sudan."
    found = {s.plover: s for s in statements(finder, quote_finder, text)}
    assert found["SANCTION"].source_actor == "dz"
    assert (found["AID"].source_actor, found["AID"].target_actor) == ("eg", "sd")
    assert found["AID"].cameo is not None and found["AID"].cameo.startswith("07")


def test_every_kind_has_codes(finder: StatementFinder) -> None:
    for kind, (cameo, plover) in finder.data.codes.items():
        assert cameo and cameo[:2].isdigit(), kind
        if not cameo.startswith("01"):  # CAMEO 01 (public statements) has no PLOVER event
            assert plover, kind


# New pattern classes: (PLOVER code of the top statement, sentence). A finite deed announced for the
# future is a statement of intent (a promise is AGREE, a threat THREATEN); stated refusals are REJECT.
INTENT_AND_MORE = [
    ("AGREE", "Russia said it will withdraw its troops from the border next month."),
    ("AGREE", "Japan will send humanitarian aid to Indonesia after the floods."),
    ("AGREE", "Kenya will host the next round of talks on the border dispute."),
    ("THREATEN", "France plans to impose sanctions on Russia over the annexation."),
    ("THREATEN", "Mali will boycott the summit unless France withdraws its troops."),
    ("REJECT", "Turkey said it would not accept any more refugees from the border camps."),
    ("REJECT", "Venezuela declined to recognize the new government in Bogota."),
    ("REJECT", "Greece is refusing to lift the ban on Turkish fishing boats."),
    ("REJECT", "Egypt is opposed to French mediation in the dam dispute."),
    ("REJECT", "The rebels dismissed an appeal from the United Nations to lay down their arms."),
    ("ACCUSE", "Greece lodged a formal protest with Turkey over the overflights."),
    ("ACCUSE", "Kenya complained to the United Nations about the cross-border raids."),
    ("ACCUSE", "Prosecutors in Nairobi opened fraud investigations against two former ministers."),
    ("ACCUSE", "Algeria denounced as a crime the nuclear tests France carried out in the Sahara."),
    ("ACCUSE", "The United Nations dispatched inspectors to the camps in Sudan."),
    ("AID", "Japan gave Indonesia 5 million dollars of emergency aid."),
    ("AID", "Brazil granted diplomatic asylum to two Argentine officers."),
    ("AID", "Russia supplied weapons to Venezuela last year."),
    ("SANCTION", "Japan halted economic aid to Sudan after the coup."),
    ("SANCTION", "France announced a suspension of flights to Mali."),
    ("CONSULT", "The Algerian president arrived in Cairo on a two-day visit."),
    ("CONSULT", "Kenya launched a mediation effort between Ethiopia and Sudan."),
    ("SUPPORT", "Argentina apologized to Brazil for the incident at sea."),
    ("SUPPORT", "Russia defended Venezuela against Western criticism of the vote."),
    ("COOPERATE", "Turkey shared evidence with Greece about the smuggling ring."),
    ("REQUEST", "Congress is asking the United States to help Ukraine."),
    ("AGREE", "Kenya and Ethiopia agreed in principle to open a second border crossing."),
    ("AGREE", "Sudan and Egypt reached a consensus on sharing the river's water."),
    ("AGREE", "Greece accepted a compromise on the fishing quotas with Turkey."),
    ("AGREE", "Egypt offered its troops to Sudan for the peacekeeping mission."),
    ("AGREE", "France is ready to contribute troops to the mission in Mali."),
    ("AGREE", "Rebel leaders said they would release the hostages before the talks."),
    ("THREATEN", "The rebels swore to fight until the last village in Mali was theirs."),
    ("THREATEN", "Nigeria said it will extend the curfew in the northern states."),
    ("REJECT", "Venezuela reneged on its commitment to hold early elections."),
    ("SUPPORT", "Egypt and Turkey established diplomatic relations in the 1920s."),
    ("REQUEST", "Russia said on Tuesday that Sudan must return the helicopter seized last week."),
    ("AGREE", "The agency said it will send a team to help Kenya identify the victims."),
    ("ACCUSE", "The United States presented evidence against Russia at the Security Council."),
    ("CONSULT", "Kenya and Ethiopia met yesterday in Addis Ababa."),
]

INTENT_NEAR_MISSES = [
    # No one announces it: a schedule, not a promise.
    ("AGREE", "Troops will withdraw from the town next week."),
    ("AGREE", "Kenya will not host the talks this year."),
    ("AGREE", "The will of the people in Kenya must be respected."),
    ("REJECT", "Turkey said it would accept more refugees from the border camps."),
    ("ACCUSE", "Residents complained about the heat in Nairobi."),
    ("ACCUSE", "Students protested against the fee rise in Nairobi."),
    ("ACCUSE", "The alleged attacker was arrested in Nairobi."),
    # The deed someone is asked for, under a condition, or owed is not done nor promised.
    ("RETREAT", "The United Nations demanded that Ethiopia withdraw its troops."),
    ("AGREE", "The United Nations demanded that Ethiopia withdraw its troops."),
    ("AGREE", "Mali will boycott the summit unless France withdraws its troops."),
    ("AGREE", "Ethiopia must agree to the new border terms, Kenya said."),
    ("AGREE", "The army said it was ready to resume shelling rebel positions in Mali."),
    ("THREATEN", "India could deploy troops along the border."),
    ("SANCTION", "France plans to impose sanctions on Russia over the annexation."),
    ("SUPPORT", "Egypt is about to restore full diplomatic ties with Turkey."),
    ("AGREE", "The prisoners will be released next week, a court clerk in Nairobi said."),
    ("THREATEN", "Forecasters said the storm will extend its reach to the coast of Kenya."),
    ("REQUEST", "Kenya said it must defend its borders against the raids."),
    ("REQUEST", "Officials in Nairobi said prices must rise before the harvest."),
    ("AGREE", "The agency will send a team to Kenya next week."),
    # What someone is urged to say is no statement of theirs: the urging is.
    ("REJECT", "Kenya urged Ethiopia to reject the proposal from Sudan."),
]


def test_demand_of_a_subject_has_speaker_and_addressee(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = "France insisted that Mali must hold elections this year."
    demand = next(s for s in statements(finder, quote_finder, text) if s.kind == "demand")
    assert (demand.source_actor, demand.target_actor, demand.trigger.text if demand.trigger else None) == (
        "fr",
        "ml",
        "must hold",
    )


@pytest.mark.parametrize(("plover", "text"), INTENT_AND_MORE, ids=[t[:40] for _, t in INTENT_AND_MORE])
def test_new_class_is_top(finder: StatementFinder, quote_finder: QuoteFinder, plover: str, text: str) -> None:
    found = statements(finder, quote_finder, text)
    assert top_plover(found) == plover, [(s.kind, s.plover, s.confidence, s.trigger) for s in found]


@pytest.mark.parametrize(("plover", "text"), INTENT_NEAR_MISSES, ids=[t[:40] for _, t in INTENT_NEAR_MISSES])
def test_new_class_near_miss(finder: StatementFinder, quote_finder: QuoteFinder, plover: str, text: str) -> None:
    found = statements(finder, quote_finder, text)
    assert plover not in {s.plover for s in found}, [(s.kind, s.plover, s.trigger) for s in found]


def test_intent_keeps_source_and_target(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    text = "Japan will send humanitarian aid to Indonesia. Turkey said it would not accept more refugees from Syria."
    found = {s.kind: s for s in statements(finder, quote_finder, text)}
    assert (found["intend_cooperate"].source_actor, found["intend_cooperate"].target_actor) == ("jp", "id")
    assert found["intend_cooperate"].cameo == "030"
    assert found["reject"].source_actor == "tr"


def test_empathy_is_a_cameo_01_statement(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    found = statements(finder, quote_finder, "Kenya expressed deep sorrow for the victims of the floods in Ethiopia.")
    assert [(s.kind, s.cameo, s.plover, s.source_actor) for s in found] == [("empathize", "018", None, "ke")]
    assert not statements(finder, quote_finder, "The sorrow expressed in Nairobi was deep.")


# Round 2 of the PLOVER typing: each rule with a sentence that must be typed and a near-miss that must not.
ROUND_TWO = [
    # "agreed to share" is a promise to cooperate (the deed after "to" is blocked).
    ("AGREE", "Kenya and Ethiopia agreed to share intelligence on the border militias."),
    # Two modifiers between "agreed" and "to".
    ("AGREE", "Japan agreed in principle on Monday to provide loans to Indonesia."),
    ("AGREE", "Officials from Brazil and Argentina agreed that their countries should cooperate on trade."),
    ("AGREE", "The rebels said they would meet the envoy from Colombia next week."),
    # Giving in to demands and ending one's own pressure campaign (CAMEO 08 accede).
    ("CONCEDE", "Nigeria accepted the demands of the striking oil workers on Tuesday."),
    ("CONCEDE", "The government of Kenya conceded to the demands of the teachers."),
    ("CONCEDE", "The rebels called off their blockade of the highway after talks with Colombia."),
    # Giving back what was seized, freeing people named by role.
    ("RETREAT", "The rebels returned the weapons they had seized from the army of Mali."),
    ("RETREAT", "Russia released the detained journalists from Ukraine on Friday."),
    ("RETREAT", "Egypt evacuated all 12 settlements in the border zone."),
    # Material aid: a long amount before "aid", an aspectual "continued to", "providing".
    ("AID", "The European Union gave the government of Mali 45 million euros of aid for schools."),
    ("AID", "The United States continued to send weapons to Ukraine last year."),
    ("AID", "Japan is providing satellite images and military intelligence to Ukraine."),
    # Reducing aid and refusing entry (CAMEO 16).
    ("SANCTION", "The European Union cut off all aid to the junta in Mali."),
    ("SANCTION", "The United Nations reduced food rations to the camps in Sudan."),
    ("SANCTION", "Turkey denied entry to the delegation from Greece."),
    # Refusing to send troops is a rejection.
    ("REJECT", "Pakistan refused to deploy peacekeepers in Sudan."),
    # A coercive act announced for the future by its author.
    ("THREATEN", "The rebels said they would blockade the capital of Colombia from Monday."),
    # An announced deed under a condition is a threat; without one it is a promise.
    ("THREATEN", "Kenya announced that it will withdraw its troops from Somalia unless the talks resume."),
    ("AGREE", "Kenya announced that it will withdraw its troops from Somalia next year."),
    ("THREATEN", "The police chief in Cairo warned that police will no longer tolerate rallies by the rebels."),
    ("REQUEST", "The United States has been pressuring Nigeria to hold the elections on time."),
    # Making a visit (CAMEO 042).
    ("CONSULT", "The foreign minister of Kenya paid a visit to Ethiopia on Monday."),
    ("CONSULT", "Negotiators from Kenya and Ethiopia return to Geneva this week for talks on the border."),
]

ROUND_TWO_NEAR_MISSES = [
    ("AGREE", "Analysts agreed the report from Kenya was thorough."),
    ("CONCEDE", "The union called off its lunch meeting because of the rain in Nairobi."),
    ("CONCEDE", "Kenya rejected the demands of the striking oil workers."),
    ("RETREAT", "Brazil returned to growth in the third quarter."),
    ("RETREAT", "The ministry released a report on the economy of Kenya."),
    ("AID", "The United States threatened to send weapons to Ukraine."),
    ("SANCTION", "The company reduced prices to attract customers in Kenya."),
    ("REJECT", "A spokesman for Kenya refused to comment on the report."),
    ("THREATEN", "Forecasters said the storm would attack the coast of Kenya by Monday."),
    ("THREATEN", "Kenya announced that it will withdraw its troops from Somalia after the elections."),
    ("REQUEST", "Rising costs have been pressuring farmers in Kenya for years."),
    ("CONSULT", "Exporters in Kenya returned to profit for the first time in years."),
]


@pytest.mark.parametrize(("plover", "text"), ROUND_TWO, ids=[t[:40] for _, t in ROUND_TWO])
def test_round_two_class_is_top(finder: StatementFinder, quote_finder: QuoteFinder, plover: str, text: str) -> None:
    found = statements(finder, quote_finder, text)
    assert top_plover(found) == plover, [(s.kind, s.plover, s.confidence, s.trigger) for s in found]


@pytest.mark.parametrize(("plover", "text"), ROUND_TWO_NEAR_MISSES, ids=[t[:40] for _, t in ROUND_TWO_NEAR_MISSES])
def test_round_two_near_miss(finder: StatementFinder, quote_finder: QuoteFinder, plover: str, text: str) -> None:
    found = statements(finder, quote_finder, text)
    assert plover not in {s.plover for s in found}, [(s.kind, s.plover, s.trigger) for s in found]


def test_a_demand_of_purpose_weighs_less_than_a_main_demand(finder: StatementFinder, quote_finder: QuoteFinder) -> None:
    """'began a hunger strike to demand': the demand explains the deed, so it yields to it in the scorer."""
    main = statements(finder, quote_finder, "Farmers in Kenya demanded the return of their land.")
    purpose = statements(finder, quote_finder, "Farmers began a hunger strike in Kenya to demand the return of land.")
    participle = statements(finder, quote_finder, "Farmers blocked roads in Kenya demanding the return of land.")
    progressive = statements(finder, quote_finder, "Farmers in Kenya are demanding the return of their land.")
    top = {
        name: max(s.confidence for s in found)
        for name, found in (
            ("main", main),
            ("purpose", purpose),
            ("participle", participle),
            ("progressive", progressive),
        )
    }
    assert top["purpose"] < top["main"] and top["participle"] < top["main"]
    assert top["progressive"] == top["main"]
