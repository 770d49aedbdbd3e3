"""Blind generalisation check for event typing.

The sentences below were written in one sitting, before any lexicon change made for them, and are kept
separate from ``test_event_types.py`` (whose sentences the lexicon was tuned on). For each of ACLED's 25
sub-event types there are 3 news-style sentences that must be typed as it and 2 near-misses that must not.
The first run's figure is the honest generalisation estimate; sentences still wrong after general fixes are
marked ``xfail(strict=True)`` with the reason, so a later fix shows up as an unexpected pass.

Run with ``-s`` to print the per-sub-type table.
"""

from __future__ import annotations

import pytest

from eventdesk.extract.events import EventFinder
from eventdesk.extract.segment import segment
from eventdesk.extract.taxonomy import SUB_EVENT_TYPES
from eventdesk.settings import Settings

# First run (before any change made for these sentences): typed 64/75, near-misses rejected 48/50, accuracy
# 0.896. After the general fixes: 74/75, 50/50, 0.992. The floor sits below that, so a broad regression fails
# while the xfail below documents the rest.
BLIND_ACCURACY_FLOOR = 0.95

# sub-event type -> (sentences reporting it, near-misses that must not be typed as it)
BLIND_CASES: dict[str, tuple[list[str], list[str]]] = {
    "Armed clash": (
        [
            "Troops and separatist fighters traded gunfire for most of Friday on the outskirts of Bamenda.",
            "A firefight between border guards and smugglers near Zakho left two guards dead.",
            "Rival armed groups battled each other in the hills above the town, killing at least seven fighters.",
        ],
        [
            "The finance minister clashed with central bank officials over interest rates.",
            "Fans of the rival teams fought with bottles after the final whistle.",
        ],
    ),
    "Government regains territory": (
        [
            "Army units recaptured the river port of Kalemie from the insurgents after a two-day offensive.",
            "Government troops pushed the militants out of the district capital and regained control of it.",
            "The military said soldiers had retaken three villages that the rebels had held since March.",
        ],
        [
            "The governing coalition regained its majority after a by-election in the north.",
            "The defence minister promised that troops would recapture the valley by the end of the year.",
        ],
    ),
    "Non-state actor overtakes territory": (
        [
            "Insurgents seized the district headquarters after police abandoned their posts overnight.",
            "Rebel fighters took over the gold-mining town of Nyabibwe, local officials said.",
            "The militia captured two border crossings after a brief battle with customs guards.",
        ],
        [
            "A hedge fund took control of the troubled airline after buying a majority stake.",
            "Residents fear the rebels may try to capture the airport in the coming weeks.",
        ],
    ),
    "Chemical weapon": (
        [
            "Medics said victims of the chlorine attack on the suburb struggled to breathe.",
            "Investigators concluded that a nerve agent was used in the bombing of the rebel-held village.",
            "Dozens were poisoned when shells filled with toxic gas hit the town, opposition activists said.",
        ],
        [
            "Riot police fired tear gas at students marching towards the presidential palace.",
            "A tanker spilled chlorine on the motorway, forcing the evacuation of nearby homes.",
        ],
    ),
    "Air/drone strike": (
        [
            "Fighter jets bombed a militant training camp in the mountains, the air force said.",
            "A drone attack on a fuel depot in the port city killed two workers.",
            "Warplanes carried out several raids on villages in the rebel-held north overnight.",
        ],
        [
            "Dock workers at the port began an indefinite strike over wages.",
            "The air force displayed its new drones at a parade in the capital.",
        ],
    ),
    "Suicide bomb": (
        [
            "A bomber wearing a suicide vest blew himself up at the gates of the police academy.",
            "A suicide attacker detonated a truck packed with explosives at a military checkpoint.",
            "Three people died when a suicide bomber struck a crowded bus station in the capital.",
        ],
        [
            "Police said the man arrested at the border had been training as a suicide bomber.",
            "A new report looks at suicide prevention among young farmers.",
        ],
    ),
    "Shelling/artillery/missile attack": (
        [
            "Enemy artillery shelled the frontline town through the night, damaging dozens of homes.",
            "A missile hit an apartment block in the city centre, killing at least five residents.",
            "Militants fired mortars at the army base, wounding four soldiers.",
        ],
        [
            "The navy successfully test-fired a new anti-ship missile off the coast.",
            "The oil major Shell reported record quarterly profits.",
        ],
    ),
    "Remote explosive/landmine/IED": (
        [
            "A homemade bomb hidden in a rubbish bin exploded near the market, wounding eleven people.",
            "A farmer lost his leg when he stepped on a landmine while tending his cattle.",
            "An IED blast hit a patrol vehicle on the highway, killing two soldiers.",
        ],
        [
            "Bomb disposal experts safely defused an explosive device found under a bridge.",
            "A boiler explosion at a textile factory killed three workers.",
        ],
    ),
    "Grenade": (
        [
            "An attacker on a motorbike threw a grenade into a police station, wounding two constables.",
            "A grenade exploded at a crowded bus stop, injuring nine people.",
            "Militants hurled a hand grenade at an army bunker in the old city.",
        ],
        [
            "Police fired stun grenades to break up a crowd of stone-throwing youths.",
            "Soldiers found a cache of grenades and rifles buried in a farm.",
        ],
    ),
    "Sexual violence": (
        [
            "Witnesses said the armed men raped several women before setting the huts on fire.",
            "Two soldiers have been charged with raping a girl at a roadblock.",
            "Displaced women told investigators they had been sexually assaulted by militiamen.",
        ],
        [
            "Lawmakers debated a bill on sexual harassment in the workplace.",
            "The charity opened a clinic offering counselling to survivors of domestic abuse.",
        ],
    ),
    "Attack": (
        [
            "Gunmen opened fire on a minibus carrying farmers, killing six passengers.",
            "Armed assailants raided a village at dawn and killed nine residents.",
            "A local councillor was stabbed to death by unknown attackers outside his home.",
        ],
        [
            "The opposition leader attacked the government's budget plans in a speech.",
            "Hackers attacked the bank's website, disrupting online payments for hours.",
        ],
    ),
    "Abduction/forced disappearance": (
        [
            "Gunmen kidnapped twelve students from their dormitory in a pre-dawn raid.",
            "Armed men abducted a priest on the road to the parish and demanded a ransom.",
            "Relatives say the activist was taken away by men in plain clothes and has not been seen since.",
        ],
        [
            "The film tells the story of a journalist kidnapped during the civil war.",
            "Police freed five hostages after a raid on a farmhouse.",
        ],
    ),
    "Peaceful protest": (
        [
            "Thousands of teachers marched through the capital demanding higher salaries.",
            "Farmers staged a sit-in outside the agriculture ministry over fertiliser prices.",
            "Residents held a peaceful demonstration against water shortages on Saturday.",
        ],
        [
            "The government protested to the ambassador over the border incident.",
            "The band will march in the independence day parade.",
        ],
    ),
    "Protest with intervention": (
        [
            "Police dispersed a rally by opposition supporters and detained several organisers.",
            "Security forces broke up a sit-in by unemployed graduates outside parliament.",
            "Officers arrested dozens of climate activists who were blocking a main road.",
        ],
        [
            "The protest by nurses ended peacefully in the afternoon.",
            "Police escorted the marchers along the agreed route without incident.",
        ],
    ),
    "Excessive force against protesters": (
        [
            "Security forces opened fire on demonstrators, killing four people.",
            "Soldiers shot dead two protesters at a rally against the military government.",
            "Police beat marchers with batons and fired live rounds, leaving dozens wounded.",
        ],
        [
            "Police used loudspeakers to ask the protesters to go home.",
            "Protesters threw stones at police, who did not respond.",
        ],
    ),
    "Violent demonstration": (
        [
            "Protesters set fire to the mayor's office and torched several police cars.",
            "Angry demonstrators hurled rocks at security forces and blocked roads with burning tyres.",
            "Rioters smashed shop windows during the protest against fuel prices.",
        ],
        [
            "The demonstration passed off peacefully, organisers said.",
            "The novel describes the riots of 1968 in Paris.",
        ],
    ),
    "Mob violence": (
        [
            "A mob lynched a man suspected of stealing a motorcycle.",
            "Villagers beat two alleged cattle thieves to death.",
            "An angry crowd attacked a woman accused of witchcraft and set her house on fire.",
        ],
        [
            "A crowd gathered outside the stadium to celebrate the victory.",
            "Police warned residents against taking the law into their own hands.",
        ],
    ),
    "Agreement": (
        [
            "The government and the rebel alliance signed a ceasefire agreement in the capital.",
            "The warring factions agreed to a truce brokered by regional mediators.",
            "Both sides signed a prisoner exchange deal on Tuesday.",
        ],
        [
            "Talks between the government and the rebels collapsed without agreement.",
            "The ceasefire agreement was violated within hours.",
        ],
    ),
    "Arrests": (
        [
            "Police arrested the former mayor on corruption charges.",
            "Security forces detained three suspected militants in a raid on a house.",
            "A journalist was taken into custody after publishing a report on the army.",
        ],
        [
            "The court released the detained opposition leader on bail.",
            "The rebels took two soldiers prisoner during the ambush.",
        ],
    ),
    "Change to group/activity": (
        [
            "The armed group announced it was disbanding and handing over its weapons.",
            "Two rebel factions merged to form a new coalition.",
            "Thousands of reservists were mobilised after the border incident.",
        ],
        [
            "The company announced a merger with its largest competitor.",
            "The football club changed its name after the takeover.",
        ],
    ),
    "Disrupted weapons use": (
        [
            "Air defences shot down three drones over the capital overnight.",
            "Army engineers defused a roadside bomb planted near the bridge.",
            "Security forces foiled a plot to bomb a church and seized the explosives.",
        ],
        [
            "The bomb exploded before the experts could reach it.",
            "The army tested a new air defence system at a range in the desert.",
        ],
    ),
    "Headquarters or base established": (
        [
            "The militants set up a new base in the forest near the border.",
            "The army established a forward operating base in the district.",
            "The armed group opened a headquarters in the captured town.",
        ],
        [
            "The company established its headquarters in the capital.",
            "The bank opened a new branch in the market town.",
        ],
    ),
    "Looting/property destruction": (
        [
            "Armed men looted shops and burned houses in the village.",
            "Militiamen ransacked a health centre and stole medicines.",
            "Attackers torched a school and set fire to the teachers' quarters.",
        ],
        [
            "The museum displayed artefacts looted during the colonial era.",
            "A fire caused by an electrical fault destroyed the market.",
        ],
    ),
    "Non-violent transfer of territory": (
        [
            "Government troops withdrew from the town, handing it over to the rebels without a fight.",
            "The militia handed control of the border post to the army under the peace deal.",
            "Soldiers pulled out of the base, which was then occupied by the insurgents.",
        ],
        [
            "The company pulled out of the country because of sanctions.",
            "The team withdrew from the tournament.",
        ],
    ),
    "Other": (
        [
            "The authorities imposed a curfew on the city after the violence.",
            "The president declared a state of emergency in three provinces.",
            "Officials declared martial law in the region.",
        ],
        [
            "The curfew was lifted after a week of calm.",
            "The state of emergency expired on Monday.",
        ],
    ),
}

# (sub-event type, sentence) -> reason the sentence is still wrong after the general fixes.
KNOWN_MISSES: dict[tuple[str, str], str] = {
    (
        "Government regains territory",
        "Government troops pushed the militants out of the district capital and regained control of it.",
    ): "the agent of a coordinated verb is read as the force nearest before it (the militants, the object of"
    " the first verb), so the retaking is typed as the militants'",
}


@pytest.fixture(scope="module")
def finder() -> EventFinder:
    return EventFinder(Settings())


def types_in(finder: EventFinder, sentence: str) -> set[str]:
    """Sub-event types of the events the finder reports for one sentence on its own (no other stages)."""
    return {e.sub_event_type for e in finder(segment(sentence), [], [], [], [])}


def _params(positive: bool) -> list[object]:
    """One pytest param per case, strict xfail where KNOWN_MISSES gives a reason."""
    params: list[object] = []
    for sub, (positives, negatives) in BLIND_CASES.items():
        for sentence in positives if positive else negatives:
            reason = KNOWN_MISSES.get((sub, sentence))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(sub, sentence, marks=marks))
    return params


def test_every_sub_type_has_blind_cases() -> None:
    assert set(BLIND_CASES) == set(SUB_EVENT_TYPES)
    for sub, (positives, negatives) in BLIND_CASES.items():
        assert len(positives) == 3 and len(negatives) == 2, sub


def test_blind_typing_accuracy(finder: EventFinder) -> None:
    typed = rejected = 0
    for sub, (positives, negatives) in BLIND_CASES.items():
        typed_here = [sub in types_in(finder, s) for s in positives]
        rejected_here = [sub not in types_in(finder, s) for s in negatives]
        typed += sum(typed_here)
        rejected += sum(rejected_here)
        print(f"{sub:38s} typed {sum(typed_here)}/3 rejected {sum(rejected_here)}/2")
    n_pos = sum(len(p) for p, _ in BLIND_CASES.values())
    n_neg = sum(len(n) for _, n in BLIND_CASES.values())
    accuracy = (typed + rejected) / (n_pos + n_neg)
    print(f"blind typing {typed}/{n_pos}, near-miss rejection {rejected}/{n_neg}, accuracy {accuracy:.3f}")
    assert accuracy >= BLIND_ACCURACY_FLOOR


@pytest.mark.parametrize(("sub", "sentence"), _params(positive=True))
def test_blind_sentence_is_typed(finder: EventFinder, sub: str, sentence: str) -> None:
    assert sub in types_in(finder, sentence)


@pytest.mark.parametrize(("sub", "sentence"), _params(positive=False))
def test_blind_near_miss_is_not_typed(finder: EventFinder, sub: str, sentence: str) -> None:
    assert sub not in types_in(finder, sentence)
