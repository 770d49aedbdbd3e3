"""Quotes: direct and indirect speech, and who said it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eventdesk.datafiles import DataFileError
from eventdesk.evaluate.quotes import QuotesOnly, evaluate, speaker_matches
from eventdesk.extract.quotes import QuoteFinder, load_lexicon
from eventdesk.extract.segment import segment
from eventdesk.records import Actor, Quote, Span
from eventdesk.settings import DEFAULT_SETTINGS

POLNEAR_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "quotes" / "PolNeAR" / "PolNeAR_dev.jsonl"


@pytest.fixture(scope="module")
def finder() -> QuoteFinder:
    return QuoteFinder(DEFAULT_SETTINGS)


def quotes_of(finder: QuoteFinder, text: str, actors: list[Actor] | None = None) -> list[Quote]:
    return finder(segment(text), actors or [])


def by_fragment(quotes: list[Quote], fragment: str) -> Quote:
    matches = [q for q in quotes if fragment in q.text]
    assert matches, f"no quote contains {fragment!r}: {[q.text for q in quotes]}"
    return matches[0]


def person(text: str, actor_id: str, name: str, *surfaces: str, kind: str = "official") -> Actor:
    mentions = [Span(m.start(), m.end(), m.group()) for s in surfaces for m in re.finditer(re.escape(s), text)]
    return Actor(actor_id, name, kind, mentions=mentions)  # type: ignore[arg-type]


def test_direct_quote_with_speaker_after(finder: QuoteFinder) -> None:
    text = '"We will not be intimidated by these attacks," the mayor of Kharkiv told reporters on Sunday.'
    quote = by_fragment(quotes_of(finder, text), "intimidated")
    assert quote.kind == "direct"
    assert quote.text == "We will not be intimidated by these attacks"
    assert text[quote.start : quote.end] == quote.text
    assert quote.cue is not None and quote.cue.text == "told"
    assert quote.speaker is not None and quote.speaker.name == "the mayor of Kharkiv"


def test_inverted_attribution_and_anonymous_source(finder: QuoteFinder) -> None:
    text = (
        "“The convoy was hit twice before it reached the border”, said a senior UN official, who spoke on "
        "condition of anonymity because he was not authorised to brief the press."
    )
    quote = by_fragment(quotes_of(finder, text), "convoy was hit")
    assert quote.speaker is not None
    assert quote.speaker.name == "a senior UN official"
    assert quote.speaker.anonymous is True


def test_split_quote_keeps_the_speaker_for_both_halves(finder: QuoteFinder) -> None:
    text = (
        "'We have no information on casualties yet', Mr Okafor said. 'The army is still clearing the "
        "village and we expect a full report tomorrow.'"
    )
    quotes = quotes_of(finder, text)
    first, second = by_fragment(quotes, "no information"), by_fragment(quotes, "clearing the village")
    assert first.speaker is not None and first.speaker.name == "Okafor" and first.speaker.title == "Mr"
    assert second.speaker is not None and second.speaker.name == "Okafor"


def test_speaker_named_in_the_previous_sentence(finder: QuoteFinder) -> None:
    text = (
        "Interior Minister Amina Diallo, who visited the camp on Tuesday, said she was shocked by the "
        'conditions there.\n\n"Nobody should have to live like this."'
    )
    quotes = quotes_of(finder, text)
    indirect = by_fragment(quotes, "shocked by the conditions")
    assert indirect.kind == "indirect"
    assert indirect.speaker is not None and indirect.speaker.name == "Amina Diallo"
    assert indirect.speaker.title == "Interior Minister"
    direct = by_fragment(quotes, "Nobody should have to live")
    assert direct.kind == "direct"
    assert direct.speaker is not None and direct.speaker.name == "Amina Diallo"
    assert direct.confidence < indirect.confidence + 0.05


def test_quote_with_no_speaker_stays_unattributed(finder: QuoteFinder) -> None:
    text = (
        "Ceasefire collapses in the north\n\n"
        '"The shelling started again at dawn and has not stopped since."\n\n'
        "Aid groups have suspended deliveries to the area."
    )
    quote = by_fragment(quotes_of(finder, text), "shelling started again")
    assert quote.speaker is None


def test_paragraph_opening_single_quote_without_closing_mark(finder: QuoteFinder) -> None:
    text = (
        "Protesters gather in the capital\n\n'The government has betrayed every promise it made to us.\n\n"
        "Police said 40 people were detained."
    )
    quote = by_fragment(quotes_of(finder, text), "betrayed every promise")
    assert quote.kind == "direct"
    assert quote.text == "The government has betrayed every promise it made to us."


def test_apostrophes_are_not_quotes(finder: QuoteFinder) -> None:
    text = "The rebels' commander rejected the government's offer, and the 1990s-era truce is now over."
    assert [q for q in quotes_of(finder, text) if q.kind == "direct"] == []


def test_scare_quotes_are_not_speech(finder: QuoteFinder) -> None:
    text = 'The so-called "security zone" along the border has been shelled for weeks.'
    assert [q for q in quotes_of(finder, text) if q.kind == "direct"] == []


def test_fragment_after_called_is_attributed(finder: QuoteFinder) -> None:
    text = 'Sen. Dana Whitfield (D-OR) called the raid "reckless and badly planned".'
    quote = by_fragment(quotes_of(finder, text), "reckless and badly planned")
    assert quote.speaker is not None
    assert quote.speaker.name == "Dana Whitfield" and quote.speaker.title == "Sen."


def test_indirect_speech_skips_time_phrase(finder: QuoteFinder) -> None:
    text = "Foreign Ministry spokesman Li Wen said on Friday the government holds the rebels responsible for the blast."
    quote = by_fragment(quotes_of(finder, text), "holds the rebels")
    assert quote.kind == "indirect"
    assert quote.text == "the government holds the rebels responsible for the blast"
    assert quote.cue is not None and quote.cue.text == "said"
    assert quote.speaker is not None and quote.speaker.name == "Li Wen"


def test_trailing_attribution_without_quote_marks(finder: QuoteFinder) -> None:
    text = "At least 12 fighters were killed in the ambush near the dam, two local officials said."
    quote = by_fragment(quotes_of(finder, text), "fighters were killed")
    assert quote.kind == "indirect"
    assert quote.text == "At least 12 fighters were killed in the ambush near the dam"
    assert quote.speaker is not None and quote.speaker.name == "two local officials"
    assert quote.speaker.anonymous is True


def test_according_to_media(finder: QuoteFinder) -> None:
    text = 'According to Reuters, the drone strike "destroyed two trucks and a weapons depot".'
    quote = by_fragment(quotes_of(finder, text), "destroyed two trucks")
    assert quote.speaker is not None and quote.speaker.name == "Reuters"
    assert quote.cue is not None and quote.cue.text == "According to"


def test_pronoun_resolved_only_when_one_person_is_in_view(finder: QuoteFinder) -> None:
    single = "General Omar Haddad said the offensive would continue. He added that reinforcements had arrived."
    quote = by_fragment(quotes_of(finder, single), "reinforcements had arrived")
    assert quote.speaker is not None and quote.speaker.name == "Omar Haddad"
    assert quote.speaker.start == single.index("He added")

    two = (
        "General Omar Haddad said the offensive would continue. He added that he and Karim Nasser "
        "had agreed on a new timetable."
    )
    actors = [person(two, "a1", "Omar Haddad", "Omar Haddad"), person(two, "a2", "Karim Nasser", "Karim Nasser")]
    quote = by_fragment(quotes_of(finder, two, actors), "new timetable")
    assert quote.speaker is not None and quote.speaker.name == "He"


def test_speaker_linked_to_actor_full_name(finder: QuoteFinder) -> None:
    text = 'Defence Minister Rustam Karimov visited the front on Monday.\n\n"Our positions are holding," Karimov said.'
    actors = [person(text, "act_k", "Rustam Karimov", "Rustam Karimov", "Karimov")]
    actors[0].title = "Defence Minister"
    quote = by_fragment(quotes_of(finder, text, actors), "positions are holding")
    assert quote.speaker is not None
    assert quote.speaker.actor == "act_k" and quote.speaker.name == "Rustam Karimov"
    assert quote.speaker.title == "Defence Minister"


def test_surname_expanded_from_the_text_without_actors(finder: QuoteFinder) -> None:
    text = 'Rustam Karimov visited the front.\n\n"Our positions are holding," Karimov said.'
    quote = by_fragment(quotes_of(finder, text), "positions are holding")
    assert quote.speaker is not None and quote.speaker.name == "Rustam Karimov"


def test_transcript_turns(finder: QuoteFinder) -> None:
    text = "MODERATOR: Will the talks resume next week?\n\nAMBASSADOR KHAN: We are ready whenever they are."
    quotes = quotes_of(finder, text)
    answer = by_fragment(quotes, "We are ready")
    assert answer.speaker is not None and answer.speaker.name == "AMBASSADOR KHAN"


def test_doubled_apostrophes_are_quotation_marks(finder: QuoteFinder) -> None:
    text = "''We will rebuild the bridge before winter,'' Mr. Haddad said on Tuesday."
    quote = by_fragment(quotes_of(finder, text), "rebuild the bridge")
    assert quote.text == "We will rebuild the bridge before winter"
    assert quote.speaker is not None and quote.speaker.name == "Haddad" and quote.speaker.title == "Mr."


def test_participle_attaches_quote_to_the_sentence_subject(finder: QuoteFinder) -> None:
    text = (
        'The Interior Ministry issued a statement on Sunday, saying the raid was "a flagrant violation of the truce".'
    )
    quote = by_fragment(quotes_of(finder, text), "flagrant violation")
    assert quote.cue is not None and quote.cue.text == "saying"
    assert quote.speaker is not None and quote.speaker.name == "Interior Ministry"


def test_claimed_responsibility_is_not_reported_speech(finder: QuoteFinder) -> None:
    text = "The Islamic State claimed responsibility for the bombing of the market in Kabul."
    assert quotes_of(finder, text) == []
    clause = "The Islamic State claimed that its fighters had carried out the bombing."
    [quote] = quotes_of(finder, clause)
    assert quote.text == "its fighters had carried out the bombing"


def test_second_speaker_in_one_sentence_gets_its_own_quote(finder: QuoteFinder) -> None:
    text = (
        "Governor Ana Ruiz said the evacuation would continue through the weekend, "
        "though officials noted that several roads remained closed."
    )
    quotes = quotes_of(finder, text)
    first, second = by_fragment(quotes, "evacuation would continue"), by_fragment(quotes, "roads remained closed")
    assert first.text == "the evacuation would continue through the weekend"
    assert first.speaker is not None and first.speaker.name == "Ana Ruiz"
    assert second.speaker is not None and second.speaker.name == "officials"


def test_one_label_line_is_not_a_transcript(finder: QuoteFinder) -> None:
    text = "BREAKING NEWS: Rebels seize the airport in a dawn assault.\n\nFighting continued into the evening."
    assert all(q.speaker is None or q.speaker.name != "BREAKING NEWS" for q in quotes_of(finder, text))


def test_ids_are_deterministic_and_offsets_exact(finder: QuoteFinder) -> None:
    text = '"The bridge is gone," a resident said. Officials said repairs would take months.'
    first, second = quotes_of(finder, text), quotes_of(finder, text)
    assert [q.id for q in first] == [q.id for q in second]
    for quote in first:
        assert text[quote.start : quote.end] == quote.text
        assert 0.0 <= quote.confidence <= 1.0


def test_lexicon_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "speech.yaml"
    bad.write_text("speech_verbs: [said]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"speech\.yaml"):
        load_lexicon(bad)


def test_speaker_match_uses_name_or_mention() -> None:
    text = "He said the talks failed."
    quote = Quote("q", "the talks failed", 8, 24, "indirect", None)
    assert not speaker_matches(quote, "He", text)
    from eventdesk.records import Speaker

    quote.speaker = Speaker(name="Omar Haddad", start=0, end=2)
    assert speaker_matches(quote, "He", text)
    assert not speaker_matches(quote, "He", text, use_mention=False)
    assert speaker_matches(quote, "General Haddad", text, use_mention=False)


@pytest.mark.skipif(not POLNEAR_DEV.exists(), reason="PolNeAR data not available")
def test_polnear_evaluation_runs_on_a_few_articles(tmp_path: Path) -> None:
    rows = POLNEAR_DEV.read_text(encoding="utf-8").splitlines()[:5]
    sample = tmp_path / "sample.jsonl"
    sample.write_text("\n".join(rows), encoding="utf-8")
    report = evaluate(sample, QuotesOnly(), limit=3)
    assert report.counts["documents"] == 3
    assert report.counts["gold"] > 0
    assert 0.0 < report.figures["content_precision"] <= 1.0
    assert 0.0 <= report.figures["speaker_accuracy"] <= 1.0
    assert {row for row in (json.loads(r)["id"] for r in rows)}


# ---- generalisation: relative clauses, datelines, coordinated verbs, split single quotes ----------


def test_relative_clause_between_quote_and_cue_keeps_the_speaker(finder: QuoteFinder) -> None:
    text = '"They burned the granary before they left," a farmer, who declined to be identified, told AFP.'
    quote = by_fragment(quotes_of(finder, text), "burned the granary")
    assert quote.speaker is not None and quote.speaker.name == "a farmer"
    assert quote.speaker.anonymous is True
    assert quote.cue is not None and quote.cue.text == "told"


def test_apposition_with_a_role_before_the_cue(finder: QuoteFinder) -> None:
    text = '"The road to the port is closed," Ahmed Yusuf, a spokesman for the regional council, said on Sunday.'
    quote = by_fragment(quotes_of(finder, text), "road to the port")
    assert quote.speaker is not None and quote.speaker.name == "Ahmed Yusuf"
    assert not quote.speaker.anonymous


@pytest.mark.parametrize(
    ("dateline", "content"),
    [
        ("LONDON (Reuters) - ", "Britain will send two more minesweepers to the Gulf"),
        ("Feb 26 - ", "Troops shelled two villages near the border"),
        ("BEIRUT, March 5 (AP) -- ", "Israeli jets struck a building south of the city"),
        ("GOMA, Congo - ", "Rebels seized a mining town overnight"),
    ],
)
def test_reported_content_starts_after_the_dateline(finder: QuoteFinder, dateline: str, content: str) -> None:
    text = f"{dateline}{content}, officials said on Tuesday."
    quote = by_fragment(quotes_of(finder, text), content[:20])
    assert quote.kind == "indirect"
    assert quote.text == content
    assert quote.start == len(dateline)


def test_content_before_attribution_with_a_channel_after_the_verb(finder: QuoteFinder) -> None:
    text = "Two soldiers were wounded in the ambush, army spokesman Ali Hassan said in a statement on Monday."
    quote = by_fragment(quotes_of(finder, text), "Two soldiers were wounded")
    assert quote.text == "Two soldiers were wounded in the ambush"
    assert quote.speaker is not None and quote.speaker.name == "Ali Hassan"


def test_role_noun_with_a_prepositional_phrase_is_the_speaker(finder: QuoteFinder) -> None:
    text = "The convoy turned back at the checkpoint, a source in the interior ministry said on Friday."
    quote = by_fragment(quotes_of(finder, text), "convoy turned back")
    assert quote.speaker is not None and quote.speaker.name == "a source"
    assert quote.speaker.anonymous is True


def test_long_anonymity_clause_before_said(finder: QuoteFinder) -> None:
    text = (
        "A doctor at the main hospital, who spoke on condition of anonymity because he feared reprisals, "
        "said at least nine bodies had been brought in."
    )
    quote = by_fragment(quotes_of(finder, text), "nine bodies")
    assert quote.kind == "indirect"
    assert quote.speaker is not None and quote.speaker.name == "A doctor"
    assert quote.speaker.anonymous is True


def test_said_coordinated_with_an_earlier_verb_takes_the_subject(finder: QuoteFinder) -> None:
    text = (
        'Col. Jean Mbala, speaking by phone, rejected the report as "fabricated" and said the troops '
        "had never entered the village."
    )
    quote = by_fragment(quotes_of(finder, text), "never entered the village")
    assert quote.kind == "indirect"
    assert quote.speaker is not None and quote.speaker.name == "Jean Mbala"


def test_single_quoted_quote_split_around_its_attribution(finder: QuoteFinder) -> None:
    text = "'We will answer every provocation,' the ministry spokeswoman told a briefing, 'and they know it.'"
    quotes = quotes_of(finder, text)
    first, second = by_fragment(quotes, "every provocation"), by_fragment(quotes, "they know it")
    assert second.kind == "direct" and second.text.startswith("and they know it")
    assert first.speaker is not None and second.speaker is not None
    assert second.speaker.name == first.speaker.name == "the ministry spokeswoman"


def test_speaker_verb_before_a_trailing_according_to(finder: QuoteFinder) -> None:
    text = "Villagers in Tillaberi said they heard gunfire all night, according to local radio station Sahel FM."
    quote = by_fragment(quotes_of(finder, text), "heard gunfire")
    assert quote.text == "they heard gunfire all night"
    assert quote.speaker is not None and quote.speaker.name == "Villagers"


def test_according_to_a_source_with_no_known_head_noun(finder: QuoteFinder) -> None:
    text = "According to early results of the count by the electoral commission, the ruling party won 61 seats."
    quote = by_fragment(quotes_of(finder, text), "ruling party won")
    assert quote.text == "the ruling party won 61 seats"
    assert quote.speaker is not None and quote.speaker.name == "early results"


def test_participle_cue_takes_the_subject_of_the_sentence(finder: QuoteFinder) -> None:
    text = "The junta on Monday expelled the French ambassador, saying he had interfered in domestic affairs."
    quote = by_fragment(quotes_of(finder, text), "interfered in domestic affairs")
    assert quote.speaker is not None and quote.speaker.name == "The junta"


def test_attribution_as_an_aside_inside_the_content(finder: QuoteFinder) -> None:
    text = "The offensive, the general said, would be over before the rains began."
    quote = by_fragment(quotes_of(finder, text), "would be over")
    assert quote.text == "The offensive, the general said, would be over before the rains began"
    assert quote.speaker is not None and quote.speaker.name == "the general"


def test_relative_pronoun_subject_names_the_antecedent(finder: QuoteFinder) -> None:
    text = "The plan was rejected by opposition lawmakers who say the vote was rigged."
    quote = by_fragment(quotes_of(finder, text), "the vote was rigged")
    assert quote.speaker is not None and quote.speaker.name == "opposition lawmakers"
    assert text[quote.speaker.start or 0 : quote.speaker.end or 0] == "who"


def test_share_of_poll_respondents_and_described_subject(finder: QuoteFinder) -> None:
    text = "Sixty percent said the army should negotiate. The pollster said the margin of error was three points."
    quotes = quotes_of(finder, text)
    assert by_fragment(quotes, "army should negotiate").speaker is not None
    pollster = by_fragment(quotes, "margin of error")
    assert pollster.speaker is not None and pollster.speaker.name == "The pollster"


def test_described_subject_needs_a_plain_speech_verb(finder: QuoteFinder) -> None:
    text = "The registration issue was first reported by the local newspaper last week."
    assert quotes_of(finder, text) == []


def test_content_stops_before_a_later_clause_with_its_own_speaker(finder: QuoteFinder) -> None:
    text = "The governor promised to rebuild the bridge, a week after the rebels said they had blown it up."
    quotes = quotes_of(finder, text)
    assert by_fragment(quotes, "rebuild the bridge").text == "to rebuild the bridge"
    rebels = by_fragment(quotes, "blown it up")
    assert rebels.speaker is not None and rebels.speaker.name == "the rebels"


def test_verb_of_an_anonymity_clause_is_no_speech_cue(finder: QuoteFinder) -> None:
    text = "A trader in Goma, who asked not to be named for fear of reprisals, said the rebels had taxed every truck."
    [quote] = quotes_of(finder, text)
    assert quote.text == "the rebels had taxed every truck"
    assert quote.speaker is not None and quote.speaker.anonymous is True


def test_two_speakers_sharing_the_verb_and_a_trailing_phrase(finder: QuoteFinder) -> None:
    text = "Gunmen abducted 40 people on Thursday, residents and police said, days after a similar raid nearby."
    [quote] = quotes_of(finder, text)
    assert quote.text == "Gunmen abducted 40 people on Thursday"
    assert quote.speaker is not None and quote.speaker.name == "residents and police"


def test_unnamed_organisations_in_a_city_are_not_the_city(finder: QuoteFinder) -> None:
    text = "Families crossed into Lebanon, where aid agencies in Tripoli said they were struggling to house them."
    quote = by_fragment(quotes_of(finder, text), "struggling to house")
    assert quote.speaker is not None and quote.speaker.name == "aid agencies"


# ---- broader attribution: stance verbs, calls, progressives, noun cues, impersonal passives ----------


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        # belief verb with a zero-that clause
        (
            "The defence minister suspects the convoy was diverted to a militia base.",
            "The defence minister",
            "the convoy was diverted to a militia base",
        ),
        # intention with a stance infinitive
        (
            "The governor wants to reopen the schools in Gao by March.",
            "The governor",
            "to reopen the schools in Gao by March",
        ),
        # the cited matter is the content
        (
            "Amina Diallo cited repeated attacks on supply convoys near Kidal.",
            "Amina Diallo",
            "repeated attacks on supply convoys near Kidal",
        ),
        # a call for something: the demand, without "for"
        (
            "The opposition leader called for an independent inquiry into the killings.",
            "The opposition leader",
            "an independent inquiry into the killings",
        ),
        (
            "The opposition leader calls on the army to withdraw from the market towns.",
            "The opposition leader",
            "the army to withdraw from the market towns",
        ),
        # progressive: the subject before the auxiliary
        (
            "Relatives of the detained journalists are demanding that the army release them.",
            "Relatives",
            "the army release them",
        ),
        # cue after the content
        (
            "The ceasefire will not hold past Friday, the envoy speculated.",
            "the envoy",
            "The ceasefire will not hold past Friday",
        ),
        # a worry reported for a named person after her apposition
        (
            "Fatima Keita, a nurse in Mopti, worries that the clinic will run out of insulin.",
            "Fatima Keita",
            "the clinic will run out of insulin",
        ),
        # a lower-case agent noun not in the role list heads the phrase
        (
            "But environmentalists worry that the new mine will pollute the river.",
            "environmentalists",
            "the new mine will pollute the river",
        ),
        # a role noun before "on": 'experts on X', 'police on Monday'
        (
            "Experts on the Sahel said the new junta could not hold the north.",
            "Experts",
            "the new junta could not hold the north",
        ),
        ("Police on Monday said the road to the airport was closed.", "Police", "the road to the airport was closed"),
        # the addressee of "told" is skipped, the article of the reported clause kept
        (
            "The general told reporters the army would withdraw from the town.",
            "The general",
            "the army would withdraw from the town",
        ),
        # a role noun head with a possessive place before it
        (
            "Kano's police commissioner says the abducted pupils were moved across the state line.",
            "Kano's police commissioner",
            "the abducted pupils were moved across the state line",
        ),
    ],
)
def test_attribution_verbs_beyond_said(finder: QuoteFinder, text: str, speaker: str, content: str) -> None:
    quotes = quotes_of(finder, text)
    assert [q.text for q in quotes] == [content]
    assert quotes[0].kind == "indirect"
    assert quotes[0].speaker is not None and quotes[0].speaker.name == speaker


def test_noun_cue_takes_the_owner_as_speaker(finder: QuoteFinder) -> None:
    text = "The strike came days after Mahamat's warning that the militia would pay a heavy price."
    quote = by_fragment(quotes_of(finder, text), "heavy price")
    assert quote.text == "the militia would pay a heavy price"
    assert quote.cue is not None and quote.cue.text == "warning"
    assert quote.speaker is not None and quote.speaker.name == "Mahamat"


def test_impersonal_passive_has_no_speaker(finder: QuoteFinder) -> None:
    text = "It was widely reported that the convoy had been turned back at the border."
    quotes = quotes_of(finder, text)
    assert [q.text for q in quotes] == ["the convoy had been turned back at the border"]
    assert quotes[0].speaker is None


def test_participle_after_attribution_does_not_take_the_content(finder: QuoteFinder) -> None:
    text = (
        "WASHINGTON ― The blockade is an insult to every family in the valley, local lawmakers said on "
        "Friday, adding that it must end."
    )
    quote = by_fragment(quotes_of(finder, text), "insult")
    assert quote.text == "The blockade is an insult to every family in the valley"
    assert quote.speaker is not None and quote.speaker.name == "local lawmakers"


@pytest.mark.parametrize(
    "text",
    [
        "The claim was false.",  # a noun cue without a source or a clause
        "The claim that was circulating online about the convoy was false.",  # relative "that"
        "What the president said at the funeral was broadcast again on Tuesday.",  # the saying, not content
        "The words the president said at the funeral were broadcast again on Tuesday.",
        'The film "Return to the Sahel" opened in Bamako on Friday.',  # a quoted title
        "The minister called the strikes reckless.",  # naming, not a call for something
        "The proposed merger was rejected by regulators.",  # a participle after its article
    ],
)
def test_not_attributions(finder: QuoteFinder, text: str) -> None:
    assert quotes_of(finder, text) == []


def test_participle_after_a_quote_takes_the_speaker_of_the_verb_before_it(finder: QuoteFinder) -> None:
    text = '"The phrase is a problem," Ms. Okoro told the group, adding that it hurts the campaign in the north.'
    quote = by_fragment(quotes_of(finder, text), "hurts the campaign")
    assert quote.kind == "indirect" and quote.text == "it hurts the campaign in the north"
    assert quote.cue is not None and quote.cue.text == "adding"
    assert quote.speaker is not None and quote.speaker.name == "Okoro"


def test_programme_title_after_told_is_not_a_quote(finder: QuoteFinder) -> None:
    text = 'Heading into the debate, Dana Smith told MSNBC\'s "Morning Joe" that nobody would question her record.'
    quotes = quotes_of(finder, text)
    assert [(q.kind, q.text) for q in quotes] == [("indirect", "nobody would question her record")]
    assert quotes[0].speaker is not None and quotes[0].speaker.name == "Dana Smith"


def test_coordinated_verb_takes_the_sentence_subject_not_an_object(finder: QuoteFinder) -> None:
    text = "President Ana Duarte thanked allies for new radar systems and urged partners to speed up deliveries."
    quote = by_fragment(quotes_of(finder, text), "speed up")
    assert quote.speaker is not None and quote.speaker.name == "Ana Duarte"


def test_reduced_passive_is_not_a_cue(finder: QuoteFinder) -> None:
    text = "Police arrested a man suspected of passing army positions to the rebels, the interior ministry said."
    quotes = quotes_of(finder, text)
    assert len(quotes) == 1
    assert quotes[0].text == "Police arrested a man suspected of passing army positions to the rebels"
    assert quotes[0].speaker is not None and quotes[0].speaker.name == "the interior ministry"
    assert quotes_of(finder, "The truce plan proposed by the envoy was signed in Doha on Friday.") == []


def test_call_for_in_a_relative_clause_and_a_channel_after_by(finder: QuoteFinder) -> None:
    text = (
        "The shelling was condemned by the United Nations mission in Chad, which called for an end to the fighting. "
        "The attackers burned the market at dawn, a trader said by phone from Abeche."
    )
    quotes = quotes_of(finder, text)
    call = by_fragment(quotes, "end to")
    assert call.text == "an end to the fighting"
    assert call.speaker is not None and call.speaker.name == "the United Nations mission"
    by_phone = by_fragment(quotes, "burned the market")
    assert by_phone.speaker is not None and by_phone.speaker.name == "a trader"


@pytest.mark.parametrize(
    "text",
    [
        "Said Ellis: we will stay.",
        "He said,said she, (said) 'said' and \"says\" -- told.",
        "unsaid saids résaid x-said said2 _said said",
        "The minister said.\nSaid the aide: no.",
    ],
)
def test_cue_scan_finds_what_the_word_pattern_finds(finder: QuoteFinder, text: str) -> None:
    from eventdesk.extract.quotes import _find_cues

    expected = [m.span() for m in finder._cue_pattern.finditer(text)]
    assert [m.span() for m in _find_cues(text, finder._cue_pattern, finder._cue_scan)] == expected


def test_pronoun_before_the_verb_is_the_speaker_phrase(finder: QuoteFinder) -> None:
    text = "The talks ended late on Sunday. Afterwards  he said the two sides would meet again in March."
    quote = by_fragment(quotes_of(finder, text), "two sides would meet")
    assert quote.speaker is not None and quote.speaker.name == "he"
    assert (quote.speaker.start, quote.speaker.end) == (text.index("he said"), text.index("he said") + 2)


def test_verb_after_and_takes_the_sentence_subject(finder: QuoteFinder) -> None:
    text = "Police arrested two men on Friday and said the pair had been planning an attack on the port."
    quote = by_fragment(quotes_of(finder, text), "planning an attack")
    assert quote.speaker is not None and quote.speaker.name == "Police"
