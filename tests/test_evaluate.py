"""The evaluation harness: scorers, tables, result files and the comparison gate.

Scoring logic is checked with a fake extractor on sentences written here; the real extractor runs on
a small slice of every public dataset (skipped when ../shared/data is absent) so the harness cannot rot.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventdesk.cli import cli
from eventdesk.evaluate import events, harness
from eventdesk.evaluate.report import TaskReport
from eventdesk.extract.pipeline import Extractor
from eventdesk.records import Actor, Article, Casualties, Event, Result, Span, Statement

DATA = harness.data_root()
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason=f"labeled data not found at {DATA}")


# --------------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def real_extractor() -> Extractor:
    """One real extractor for the module: building one loads every dictionary and the gazetteer."""
    return Extractor()


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def event(text: str, word: str, **fields: Any) -> Event:
    start = text.index(word)
    defaults: dict[str, Any] = {"event_type": "Battles", "sub_event_type": "Armed clash", "confidence": 0.7}
    return Event(id=f"ev_{start}", trigger=Span(start, start + len(word), word), **(defaults | fields))


class FakeExtractor:
    """Returns, for each text, the records a test scripted for it (nothing for other texts)."""

    def __init__(self, script: dict[str, Result]) -> None:
        self.script = script
        self.calls = 0

    def __call__(self, article: Article) -> Result:
        self.calls += 1
        return self.script.get(article.text) or Result(article=article)


def result(text: str, events_: list[Event] = (), statements: list[Statement] = (), actors: list[Actor] = ()) -> Result:
    return Result(article=Article(text=text), events=list(events_), statements=list(statements), actors=list(actors))


def results_file(path: Path, figures: dict[str, float], limit: int | None = None) -> Path:
    data = {"format": harness.RESULTS_FORMAT, "limit": limit, "tasks": {"events": {"plover_gsr": {"figures": figures}}}}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- PLOVER GSR

CLASH = "Rebels fought government troops near the border town on Tuesday, the army said."
TALKS = "The two foreign ministers demanded that the talks resume before the end of the month."
PRAISE = "The opposition leader criticised the new budget as a gift to the rich."


def test_plover_maps_old_names_on_both_sides_and_scores_top_prediction(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "plover_gsr_cameo.jsonl",
        [
            {"id": "a", "text": CLASH, "labels": {"event": "FIGHT"}},  # old name of ASSAULT
            {"id": "b", "text": TALKS, "labels": {"event": "DEMAND"}},  # old name of REQUEST
            {"id": "c", "text": PRAISE, "labels": {"event": "DISAPPROVE"}},  # nothing predicted
        ],
    )
    fake = FakeExtractor(
        {
            CLASH: result(CLASH, [event(CLASH, "fought", plover="ASSAULT", confidence=0.9)]),
            # The more confident statement (old name DEMAND) wins over a weaker CONSULT event.
            TALKS: result(
                TALKS,
                [event(TALKS, "talks", plover="CONSULT", confidence=0.4)],
                [
                    Statement(
                        "st_1", "demand", None, None, trigger=Span(31, 39, "demanded"), plover="DEMAND", confidence=0.8
                    )
                ],
            ),
        }
    )
    report = events.evaluate(path, fake)
    assert report.figures["accuracy"] == pytest.approx(2 / 3)
    assert report.figures["coverage"] == pytest.approx(2 / 3)
    assert report.figures["any_match"] == pytest.approx(2 / 3)
    # ASSAULT and REQUEST have F1 1.0; ACCUSE (missed) 0.0; CONSULT was never predicted as top.
    assert report.figures["macro_f1"] == pytest.approx(2 / 3)
    assert report.figures["weighted_f1"] == pytest.approx(2 / 3)
    assert [(e.doc_id, e.expected, e.predicted) for e in report.errors] == [("c", "ACCUSE", "none")]


def test_plover_falls_back_to_the_cameo_root_when_a_record_has_no_plover_name(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "plover_gsr_cameo.jsonl", [{"id": "a", "text": CLASH, "labels": {"event": "FIGHT"}}])
    fake = FakeExtractor({CLASH: result(CLASH, [event(CLASH, "fought", cameo="19")])})
    assert events.evaluate_plover(path, fake).figures["accuracy"] == 1.0


def test_plover_limit_reads_only_the_first_rows(tmp_path: Path) -> None:
    rows = [{"id": str(n), "text": f"Sentence number {n} is here.", "labels": {"event": "AGREE"}} for n in range(5)]
    fake = FakeExtractor({})
    report = events.evaluate_plover(write_jsonl(tmp_path / "plover_gsr_cameo.jsonl", rows), fake, limit=2)
    assert fake.calls == 2
    assert report.counts["sentences"] == 2
    assert report.figures["coverage"] == 0.0


# ------------------------------------------------------------------------------- PETRARCH

VISIT = "The prime minister of Gondor arrived in Arnor on Monday for a three-day visit."
DENY = "Gondor denied that it had ever planned to attack Arnor."
QUIET = "The weather in the capital was mild for the time of year."


def test_petrarch_scores_cameo_roots_and_no_event_sentences(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "petr_unittest.jsonl",
        [
            {
                "id": "v",
                "text": VISIT,
                "labels": {"events": [{"cameo": "042"}], "no_events": False, "date": "19950102"},
            },
            {"id": "d", "text": DENY, "labels": {"events": [{"cameo": "0231"}, {"cameo": "128"}], "no_events": False}},
            {"id": "q", "text": QUIET, "labels": {"events": [], "no_events": True}},
            # Only a test-only code: skipped, never run.
            {
                "id": "t",
                "text": "Arnor and Gondor tested.",
                "labels": {"events": [{"cameo": "900"}], "no_events": False},
            },
        ],
    )
    fake = FakeExtractor(
        {
            VISIT: result(VISIT, [event(VISIT, "arrived", cameo="042")]),
            DENY: result(DENY, [event(DENY, "attack", cameo="19", confidence=0.9)]),
            QUIET: result(QUIET, [event(QUIET, "mild", cameo="01")]),
        }
    )
    report = events.evaluate(path, fake)
    assert fake.calls == 3
    assert report.dataset == "petrarch_unittest"
    assert report.figures["root_accuracy"] == 0.5  # VISIT right, DENY's top root 19 is not gold
    assert report.figures["root_precision"] == 0.5  # {04} right, {19} wrong
    assert report.figures["root_recall"] == pytest.approx(1 / 3)  # gold {04}, {02, 12}
    assert report.figures["no_event_precision"] == 0.0  # QUIET produced an event
    assert report.counts["skipped_test_codes"] == 1
    assert {e.doc_id for e in report.errors} == {"d", "q"}


def test_cameo_root_pads_and_truncates() -> None:
    assert events.cameo_root("190") == "19"
    assert events.cameo_root("4") == "04"
    assert events.cameo_root(None) is None


# ------------------------------------------------------------------------- IndiaPoliceEvents

POLICE_TEXT = "Police opened fire on a mob in the old city, killing two people, and arrested 40 rioters."


def police_result(**fields: Any) -> Result:
    police = Actor("ac_police", "Police", "state_forces")
    mob = Actor("ac_mob", "mob", "civilians")
    return result(POLICE_TEXT, [event(POLICE_TEXT, "opened fire", **fields)], actors=[police, mob])


def test_police_labels_follow_the_documented_mapping() -> None:
    killed = Casualties("fatalities", 2, 2, 48, 63, "killing two people")
    labels, why = events.police_labels(
        police_result(
            event_type="Violence against civilians", sub_event_type="Attack", actor1="ac_police", fatalities=killed
        )
    )
    assert labels == {"KILL", "FORCE", "ANY_ACTION"}
    assert "opened fire" in why[0]
    # The same attack by the mob says nothing about the police.
    labels, _ = events.police_labels(
        police_result(
            event_type="Violence against civilians", sub_event_type="Attack", actor1="ac_mob", fatalities=killed
        )
    )
    assert labels == set()
    labels, _ = events.police_labels(police_result(event_type="Strategic developments", sub_event_type="Arrests"))
    assert labels == {"ARREST", "ANY_ACTION"}
    labels, _ = events.police_labels(
        police_result(event_type="Protests", sub_event_type="Protest with intervention", actor1="ac_mob")
    )
    assert labels == {"FORCE", "ANY_ACTION"}


def test_india_police_scores_per_label_and_reports_fail_unscored(tmp_path: Path) -> None:
    calm = "The municipal council approved the new water scheme for the eastern wards."
    path = write_jsonl(
        tmp_path / "ipe_docs.jsonl",
        [
            {"id": "1", "text": POLICE_TEXT, "labels": {"police_event_types": ["ANY_ACTION", "ARREST", "FAIL"]}},
            {"id": "2", "text": calm, "labels": {"police_event_types": []}},
        ],
    )
    fake = FakeExtractor({POLICE_TEXT: police_result(event_type="Strategic developments", sub_event_type="Arrests")})
    report = events.evaluate(path, fake)
    assert report.figures["arrest_f1"] == 1.0
    assert report.figures["any_action_recall"] == 1.0
    assert report.figures["kill_precision"] == 0.0
    assert report.counts["gold_FAIL_unscored"] == 1
    assert not [f for f in report.figures if f.startswith("fail")]
    assert report.errors == []


def test_align_locates_sentences_that_differ_only_in_spacing() -> None:
    text = "ahmedabad: police fired.  two died.\n\nthe curfew stays."
    spans = events.align(text, ["ahmedabad:", "police fired. ", "two died.", "\n\n", "the curfew  stays."])
    assert spans is not None
    assert [text[s:e] for s, e in spans] == ["ahmedabad:", "police fired.", "two died.", "", "the curfew stays."]
    assert events.align(text, ["ahmedabad: police fired."]) is None  # does not cover the text


def test_india_police_sentences_credit_the_sentence_holding_the_trigger(tmp_path: Path) -> None:
    calm = "The curfew was relaxed for four hours on Sunday."
    text = f"{calm} {POLICE_TEXT}"
    write_jsonl(tmp_path / "ipe_docs.jsonl", [{"id": "ipe-doc-3", "text": text, "labels": {"police_event_types": []}}])
    path = write_jsonl(
        tmp_path / "ipe_sents.jsonl",
        [
            {"id": "ipe-sent-3-0", "doc_id": 3, "text": calm + " ", "labels": {"police_event_types": ["ANY_ACTION"]}},
            {"id": "ipe-sent-3-1", "doc_id": 3, "text": POLICE_TEXT, "labels": {"police_event_types": ["ARREST"]}},
        ],
    )
    arrest = event(text, "arrested", event_type="Strategic developments", sub_event_type="Arrests")
    fake = FakeExtractor({text: result(text, [arrest])})
    report = events.evaluate(path, fake)
    assert report.counts["sentences"] == 2
    assert report.figures["arrest_f1"] == 1.0
    # The arrest also counts as ANY_ACTION, but in the second sentence, not the first.
    assert report.figures["any_action_precision"] == 0.0 and report.figures["any_action_recall"] == 0.0
    assert {e.doc_id for e in report.errors} == {"ipe-doc-3#0", "ipe-doc-3#1"}


# ---------------------------------------------------------------------------- own sentences


def test_own_sentences_reads_tables_in_either_column_order(tmp_path: Path) -> None:
    module = tmp_path / "test_event_types.py"
    module.write_text(
        "POSITIVE = [\n"
        f"    ('Armed clash', {CLASH!r}),\n"
        "    ('Troops stormed the village and shot three farmers dead.', 'Attack'),\n"
        "]\n"
        f"NEAR_MISS = [({TALKS!r}, 'Armed clash')]\n",
        encoding="utf-8",
    )
    fake = FakeExtractor(
        {CLASH: result(CLASH, [event(CLASH, "fought")]), TALKS: result(TALKS, [event(TALKS, "talks")])}
    )
    report = events.evaluate_own_sentences(module, fake)
    assert report.figures["accuracy"] == 0.5
    assert report.figures["sub_types"] == pytest.approx(1 / 25)
    assert report.figures["near_miss_rejection"] == 0.0


def test_own_sentences_reads_a_mapping_of_sub_type_to_sentences(tmp_path: Path) -> None:
    module = tmp_path / "test_event_types.py"
    module.write_text(f"POSITIVES = {{'Armed clash': [{CLASH!r}, {TALKS!r}], 'Not a sub-type': ['x y z.']}}\n")
    fake = FakeExtractor({CLASH: result(CLASH, [event(CLASH, "fought")])})
    report = events.evaluate_own_sentences(module, fake)
    assert report.counts["positive"] == 2 and report.figures["accuracy"] == 0.5
    assert "near_miss_rejection" not in report.figures


def test_own_sentences_reads_a_cases_mapping_of_positives_and_near_misses(tmp_path: Path) -> None:
    module = tmp_path / "test_event_types.py"
    module.write_text(f"CASES = {{'Armed clash': ([{CLASH!r}, {TALKS!r}], [{PRAISE!r}])}}\n", encoding="utf-8")
    fake = FakeExtractor({CLASH: result(CLASH, [event(CLASH, "fought")]), PRAISE: result(PRAISE, [])})
    report = events.evaluate_own_sentences(module, fake)
    assert (report.counts["positive"], report.counts["near_miss"]) == (2, 1)
    assert report.figures["near_miss_rejection"] == 1.0
    assert report.figures["typing_accuracy"] == pytest.approx(2 / 3)


def test_own_sentences_without_tables_is_not_available(tmp_path: Path) -> None:
    module = tmp_path / "test_event_types.py"
    module.write_text("def test_nothing():\n    pass\n", encoding="utf-8")
    dataset = harness.Dataset(
        "events", "own_sentences", str(module), "eventdesk.evaluate.events:evaluate_own_sentences"
    )
    outcome = harness.run_one(dataset, tmp_path, lambda: FakeExtractor({}), None)
    assert outcome.status == "not available"
    assert "POSITIVE" in outcome.note


# ------------------------------------------------------------------------------- harness


def test_missing_scorer_module_and_missing_data_are_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text("{}\n", encoding="utf-8")
    missing_module = harness.Dataset("geo", "X", "x.jsonl", "eventdesk.evaluate.no_such_module:evaluate")
    missing_file = harness.Dataset("events", "plover_gsr", "nope.jsonl", "eventdesk.evaluate.events:evaluate_plover")
    outcomes = harness.run([missing_module, missing_file], tmp_path, extractor=FakeExtractor({}))
    assert [o.status for o in outcomes] == ["not available", "no data"]
    table = harness.format_tables(outcomes)
    assert "X: not available" in table and "plover_gsr: no data" in table


def test_a_crashing_extractor_is_a_failed_outcome_naming_the_document(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "p.jsonl", [{"id": "row-7", "text": CLASH, "labels": {"event": "FIGHT"}}])

    def crash(article: Article) -> Result:
        raise KeyError("boom")

    dataset = harness.Dataset("events", "plover_gsr", "p.jsonl", "eventdesk.evaluate.events:evaluate_plover")
    (outcome,) = harness.run([dataset], tmp_path, extractor=crash)
    assert outcome.status == "failed"
    assert "row-7" in outcome.note


def test_select_rejects_unknown_names() -> None:
    assert {d.name for d in harness.select("geo")} == {"GeoVirus", "TR-News"}
    assert [d.name for d in harness.select("all", "geovirus")] == ["GeoVirus"]
    with pytest.raises(ValueError, match="choose one of"):
        harness.select("weather")
    with pytest.raises(ValueError, match="GeoVirus"):
        harness.select("geo", "plover_gsr")


def test_tables_and_errors_show_figures_counts_and_text() -> None:
    report = TaskReport("events", "plover_gsr", {"accuracy": 0.5, "mean_error_km": 123.45}, {"sentences": 2})
    report.errors = [
        events.ErrorCase("a", "A short sentence.", "AGREE", "none", cost=1.0),
        events.ErrorCase("b", "A confidently wrong sentence.", "AGREE", "ASSAULT", cost=1.9),
    ]
    outcome = harness.Outcome(harness.DATASETS[0], "ok", report=report, seconds=1.0)
    table = harness.format_tables([outcome])
    assert "accuracy" in table and "0.500" in table and "123.5" in table and "sentences=2" in table
    shown = harness.format_errors([outcome], 1)
    assert "A confidently wrong sentence." in shown and "A short sentence." not in shown


# ------------------------------------------------------------------------------ compare gate


def test_a_three_point_drop_fails_the_gate_and_names_the_figure(tmp_path: Path) -> None:
    before = results_file(tmp_path / "before.json", {"accuracy": 0.80, "coverage": 0.90})
    after = results_file(tmp_path / "after.json", {"accuracy": 0.77, "coverage": 0.90})
    verdict = harness.compare(harness.read_results(before), harness.read_results(after))
    assert not verdict.passed
    assert [r.figure for r in verdict.regressions] == ["accuracy"]
    assert "events/plover_gsr accuracy" in harness.format_comparison(verdict, "before.json")


def test_a_one_point_drop_passes_the_gate(tmp_path: Path) -> None:
    before = results_file(tmp_path / "before.json", {"accuracy": 0.80, "coverage": 0.90})
    after = results_file(tmp_path / "after.json", {"accuracy": 0.79, "coverage": 0.95})
    verdict = harness.compare(harness.read_results(before), harness.read_results(after))
    assert verdict.passed and verdict.compared == 2


def test_error_figures_fail_when_they_rise_more_than_two_percent() -> None:
    assert harness.lower_is_better("mean_error_km")
    assert harness.regressed("mean_error_km", 100.0, 103.0)
    assert not harness.regressed("mean_error_km", 100.0, 101.5)
    assert not harness.regressed("mean_error_km", 100.0, 50.0)
    assert harness.regressed("documents_matched", 150.0, 140.0)  # not a proportion: 2% relative
    assert not harness.regressed("documents_matched", 150.0, 148.0)


def test_geocoding_auc_is_an_error_area() -> None:
    assert harness.lower_is_better("auc")
    assert not harness.regressed("auc", 0.264, 0.233)  # a smaller area under the error curve is better
    assert harness.regressed("auc", 0.233, 0.264)


def test_speed_figures_are_not_gated() -> None:
    before = {"tasks": {"quotes": {"PolNeAR_dev": {"figures": {"ms_per_article": 5.0, "content_f1": 0.8}}}}}
    after = {"tasks": {"quotes": {"PolNeAR_dev": {"figures": {"ms_per_article": 9.0, "content_f1": 0.8}}}}}
    verdict = harness.compare(before, after)
    assert verdict.passed and verdict.compared == 1


def test_a_vanished_figure_fails_the_gate(tmp_path: Path) -> None:
    before = results_file(tmp_path / "before.json", {"accuracy": 0.80})
    after = results_file(tmp_path / "after.json", {})
    verdict = harness.compare(harness.read_results(before), harness.read_results(after))
    assert [(r.figure, r.after) for r in verdict.regressions] == [("accuracy", None)]


def test_cli_writes_results_and_compare_exit_status(
    tmp_path: Path, real_extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command on a data root written here (the real extractor, two sentences of our own)."""
    monkeypatch.setattr(harness, "Extractor", lambda: real_extractor)  # build it once per module
    rows = [
        {"id": "1", "text": CLASH, "labels": {"event": "FIGHT"}},
        {"id": "2", "text": TALKS, "labels": {"event": "DEMAND"}},
    ]
    write_jsonl(tmp_path / "data" / harness.select("events", "plover_gsr")[0].path, rows)
    output = tmp_path / "out.json"
    runner = CliRunner()
    args = ["evaluate", "events", "--dataset", "plover_gsr", "--data", str(tmp_path / "data"), "-o", str(output)]
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "== events ==" in first.output
    written = harness.read_results(output)
    entry = written["tasks"]["events"]["plover_gsr"]
    assert entry["status"] == "ok", entry
    assert entry["counts"]["sentences"] == 2
    # A previous run that claims one point more than any figure can reach now must fail the gate.
    previous = tmp_path / "previous.json"
    entry["figures"] = {name: value + 0.03 for name, value in entry["figures"].items()}
    previous.write_text(json.dumps(written), encoding="utf-8")
    gated = runner.invoke(cli, [*args, "--compare", str(previous)])
    assert gated.exit_code == 1
    assert "FAILED" in gated.output
    bad = runner.invoke(cli, ["evaluate", "events", "--dataset", "nonesuch"])
    assert bad.exit_code == 2


# --------------------------------------------------------------------- real data, small slice


@needs_data
def test_every_dataset_runs_on_a_small_slice(real_extractor: Extractor) -> None:
    outcomes = harness.run(harness.DATASETS, DATA, limit=3, extractor=real_extractor)
    for outcome in outcomes:
        where = f"{outcome.dataset.task}/{outcome.dataset.name}"
        assert outcome.status in ("ok", "not available", "no data"), f"{where}: {outcome.note}"
        if outcome.dataset.root == "data" and outcome.status == "no data":
            pytest.fail(f"{where}: the registry points at a file that does not exist: {outcome.note}")
        for name, value in (outcome.report.figures if outcome.report else {}).items():
            if not harness.lower_is_better(name) and not harness.is_timing(name):
                assert 0.0 <= value <= 1.0, f"{where} {name}={value}"
    ran = {o.dataset.name for o in outcomes if o.status == "ok"}
    assert {"plover_gsr", "petrarch_unittest", "petrarch2_validation", "india_police_events"} <= ran
