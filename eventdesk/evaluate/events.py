"""Scoring event typing on the event datasets under ``../shared/data/events``.

Each scorer has the harness signature ``(path, extractor, limit) -> TaskReport``; ``evaluate`` picks
one by the file's name. Every row of these datasets is one sentence (IndiaPoliceEvents: one
document) and is run through the extractor as a whole article.

PLOVER GSR (``plover_gsr_cameo.jsonl``)
    Gold: one PLOVER event per sentence, coded in PLOVER 0.5. Old names are mapped to the current
    (POLECAT) set on BOTH sides with ``PLOVER_RENAMES``: FIGHT -> ASSAULT, DISAPPROVE -> ACCUSE,
    INVESTIGATE -> ACCUSE, DEMAND -> REQUEST. Predictions: ``Event.plover`` and ``Statement.plover``
    of the sentence; a record without ``plover`` but with a CAMEO root gets the PLOVER event of that
    root (``CAMEO_ROOT_TO_PLOVER``, from CAMEO2PLOVER-2021). The top prediction is the most
    confident one (the earliest on ties). Figures: ``accuracy`` (top == gold, over all sentences),
    ``any_match`` (gold among the predictions), ``macro_f1``/``weighted_f1`` (per-class F1 of the
    top prediction over the classes seen in gold or predictions; weights are gold support; a
    sentence without prediction is a miss of its gold class), ``coverage`` (share of sentences with
    any prediction).

PETRARCH2 unit tests and GSR validation records (``petr_unittest.jsonl``, ``petr2_gsr_validation.jsonl``)
    Gold: CAMEO codes; only the root (first two digits) is scored. Test-only codes whose root is not
    a CAMEO root 01-20 (the unit tests' 21/22/34/80/90/91 prefixes) are left out; a sentence left
    with no gold event is skipped. Predictions: the CAMEO roots of ``Event.cameo`` and
    ``Statement.cameo``. Figures: ``root_accuracy`` (the most confident predicted root is one of the
    gold roots, over sentences with gold events), ``root_precision``/``root_recall``/``root_f1``
    (distinct roots per sentence against distinct gold roots), ``coverage``, and
    ``no_event_precision``: the share of sentences marked "no event" for which the extractor
    produces no event and no statement at all (the brief's name; it is the specificity of
    "produces an event").

IndiaPoliceEvents documents (``ipe_docs.jsonl``)
    Gold: document labels KILL, ARREST, FORCE, FAIL, ANY_ACTION. Predicted labels (``event_police_labels``):
      KILL   an event with fatalities (min or max > 0) whose actor1 is a state-forces actor
             (police are state forces in the actor gazetteer);
      ARREST an event of sub-type "Arrests";
      FORCE  an event of sub-type "Excessive force against protesters" or "Protest with
             intervention", or a violent event (Battles, Explosions/Remote violence, Violence
             against civilians) whose actor1 is a state-forces actor, or any KILL;
      ANY_ACTION any KILL/ARREST/FORCE, or any event whose actor1 is a state-forces actor (the
             dataset's ANY_ACTION covers every police action, e.g. deployments and curfews);
      FAIL   (police failed to intervene) is not predicted: its gold count is reported and no
             figure is made for it.
    Figures: ``<label>_precision``/``_recall``/``_f1`` per predicted label, and ``macro_f1`` over them.

IndiaPoliceEvents sentences (``ipe_sents.jsonl``)
    The same labels and figures per sentence: documents are extracted whole and each event's labels
    go to the gold sentence holding its trigger (the sentence rows spell the document up to white
    space, which is how they are located in it).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from eventdesk.errors import EventdeskError
from eventdesk.evaluate.report import ErrorCase, TaskReport, read_jsonl
from eventdesk.extract.pipeline import Extractor
from eventdesk.extract.taxonomy import SUB_EVENT_TYPES
from eventdesk.records import Article, Event, Result, Statement

TASK = "events"

# PLOVER 0.5 names (the GSR's) -> current POLECAT names. Applied to gold and predictions alike.
PLOVER_RENAMES: dict[str, str] = {
    "FIGHT": "ASSAULT",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "DEMAND": "REQUEST",
}

# CAMEO root -> PLOVER event, from the root lines of CAMEO2PLOVER-2021.txt. 01 (public statement)
# has no PLOVER event; 02 (appeal) is a request; 08 maps to CONCEDE and RETREAT there, CONCEDE is
# the general one. Used only for records that carry a CAMEO code but no PLOVER name.
CAMEO_ROOT_TO_PLOVER: dict[str, str] = {
    "02": "REQUEST",
    "03": "AGREE",
    "04": "CONSULT",
    "05": "SUPPORT",
    "06": "COOPERATE",
    "07": "AID",
    "08": "CONCEDE",
    "09": "ACCUSE",
    "10": "REQUEST",
    "11": "ACCUSE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "ASSAULT",
    "20": "ASSAULT",
}
CAMEO_ROOTS = frozenset(f"{n:02d}" for n in range(1, 21))

IPE_LABELS = ("KILL", "ARREST", "FORCE", "ANY_ACTION")
IPE_UNPREDICTED = ("FAIL",)
FORCE_SUB_TYPES = frozenset({"Excessive force against protesters", "Protest with intervention"})
VIOLENT_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
STATE_FORCES = "state_forces"


# ---------------------------------------------------------------------------------------- shared


def extract(extractor: Extractor, row_id: str, text: str, published: date | None = None) -> Result | None:
    """Run the extractor on one row; None when it refuses the text as input (e.g. empty).

    Any other exception propagates with the row's id added, so a crash names its document.
    """
    try:
        return extractor(Article(text=text, id=row_id, published=published))
    except EventdeskError:
        return None
    except Exception as exc:
        raise RuntimeError(f"extractor failed on {row_id}: {type(exc).__name__}: {exc}") from exc


def _records(result: Result | None) -> list[Event | Statement]:
    """Events and statements of a result in text order (statements without trigger last)."""
    if result is None:
        return []
    records: list[Event | Statement] = [*result.events, *result.statements]
    return sorted(records, key=lambda r: r.trigger.start if r.trigger else len(result.article.text))


def cameo_root(code: str | None) -> str | None:
    """The two-digit CAMEO root of a code ("190" -> "19", "4" -> "04"); None for no code."""
    if not code:
        return None
    code = code.strip()
    if len(code) == 1:
        code = "0" + code
    return code[:2] if code[:2].isdigit() else None


def plover_name(record: Event | Statement) -> str | None:
    """The record's PLOVER event in current names (from its CAMEO root when it has no name)."""
    if record.plover:
        name = record.plover.strip().upper()
        return PLOVER_RENAMES.get(name, name)
    root = cameo_root(record.cameo)
    return CAMEO_ROOT_TO_PLOVER.get(root) if root else None


def _top(scored: list[tuple[float, str]]) -> str | None:
    """The label with the highest confidence; the first one on ties (``max`` keeps the first)."""
    return max(scored, key=lambda item: item[0])[1] if scored else None


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1; 0.0 where a denominator is zero."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass(slots=True)
class _Confusion:
    """Per-class counts of a single-label classification where a prediction may be missing."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    support: Counter[str] = field(default_factory=Counter)

    def add(self, gold: str, predicted: str | None) -> None:
        self.support[gold] += 1
        if predicted == gold:
            self.tp[gold] += 1
            return
        self.fn[gold] += 1
        if predicted is not None:
            self.fp[predicted] += 1

    def macro_and_weighted_f1(self) -> tuple[float, float]:
        classes = set(self.support) | set(self.fp)
        if not classes:
            return 0.0, 0.0
        f1 = {c: prf(self.tp[c], self.fp[c], self.fn[c])[2] for c in classes}
        total = sum(self.support.values())
        weighted = sum(f1[c] * self.support[c] for c in classes) / total if total else 0.0
        return sum(f1.values()) / len(classes), weighted


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _parse_date(value: str | None) -> date | None:
    """Dates as the datasets write them: "2002-03-10" or "19950101"; None when unparseable."""
    if not value:
        return None
    digits = value.replace("-", "")
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


# --------------------------------------------------------------------------------------- PLOVER


def evaluate_plover(path: Path, extractor: Extractor, limit: int | None = None) -> TaskReport:
    """PLOVER GSR: accuracy, macro/weighted F1 and coverage of the top PLOVER prediction."""
    report = TaskReport(task=TASK, dataset="plover_gsr")
    confusion = _Confusion()
    sentences = correct = any_correct = covered = 0
    for row in read_jsonl(path, limit):
        gold_raw = (row["labels"].get("event") or "").strip().upper()
        if not gold_raw:
            continue
        gold = PLOVER_RENAMES.get(gold_raw, gold_raw)
        result = extract(extractor, row["id"], row["text"])
        scored = [(r.confidence, name) for r in _records(result) if (name := plover_name(r))]
        top = _top(scored)
        sentences += 1
        covered += bool(scored)
        correct += top == gold
        any_correct += any(name == gold for _, name in scored)
        confusion.add(gold, top)
        if top != gold:
            others = sorted({name for _, name in scored} - {top or ""})
            predicted = (top or "none") + (f" (also {', '.join(others)})" if others else "")
            confidence = max((c for c, _ in scored), default=0.0)
            report.errors.append(ErrorCase(row["id"], row["text"], gold, predicted, cost=1.0 + confidence))
    macro, weighted = confusion.macro_and_weighted_f1()
    report.figures = {
        "accuracy": _share(correct, sentences),
        "any_match": _share(any_correct, sentences),
        "macro_f1": macro,
        "weighted_f1": weighted,
        "coverage": _share(covered, sentences),
    }
    report.counts = {"sentences": sentences, "correct": correct, "covered": covered, "classes": len(confusion.support)}
    return report


# ------------------------------------------------------------------------------------- PETRARCH


def evaluate_petrarch(path: Path, extractor: Extractor, limit: int | None = None, dataset: str = "") -> TaskReport:
    """PETRARCH2 unit tests or validation records: CAMEO root accuracy, P/R/F1 and no-event precision."""
    report = TaskReport(task=TASK, dataset=dataset or path.stem)
    sentences = correct = covered = tp = fp = fn = 0
    no_event_rows = no_event_clean = skipped_codes = 0
    for row in read_jsonl(path, limit):
        labels = row["labels"]
        codes = [e.get("cameo") for e in labels.get("events") or []]
        gold = {root for code in codes if (root := cameo_root(code)) in CAMEO_ROOTS}
        skipped_codes += sum(1 for code in codes if cameo_root(code) not in CAMEO_ROOTS)
        if not gold and not labels.get("no_events"):
            continue  # only test-only codes: nothing this project can be scored on
        result = extract(extractor, row["id"], row["text"], _parse_date(labels.get("date")))
        records = _records(result)
        if labels.get("no_events") and not gold:
            no_event_rows += 1
            no_event_clean += not records
            if records:
                found = ", ".join(f"{r.cameo or '-'} {r.trigger.text if r.trigger else ''}" for r in records)
                report.errors.append(ErrorCase(row["id"], row["text"], "no event", found, cost=1.0))
            continue
        scored = [(r.confidence, root) for r in records if (root := cameo_root(r.cameo))]
        predicted = {root for _, root in scored}
        top = _top(scored)
        sentences += 1
        covered += bool(scored)
        correct += top in gold
        tp += len(predicted & gold)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
        if top not in gold:
            cost = 1.0 + max((c for c, _ in scored), default=0.0)
            shown = ", ".join(sorted(predicted)) or "none"
            report.errors.append(ErrorCase(row["id"], row["text"], ", ".join(sorted(gold)), shown, cost=cost))
    precision, recall, f1 = prf(tp, fp, fn)
    report.figures = {
        "root_accuracy": _share(correct, sentences),
        "root_precision": precision,
        "root_recall": recall,
        "root_f1": f1,
        "coverage": _share(covered, sentences),
    }
    if no_event_rows:
        report.figures["no_event_precision"] = _share(no_event_clean, no_event_rows)
    report.counts = {
        "sentences": sentences,
        "correct": correct,
        "no_event_sentences": no_event_rows,
        "skipped_test_codes": skipped_codes,
    }
    return report


def evaluate_petrarch_unittest(path: Path, extractor: Extractor, limit: int | None = None) -> TaskReport:
    """PETRARCH2's unit-test records (fictional countries; test-only codes skipped)."""
    return evaluate_petrarch(path, extractor, limit, dataset="petrarch_unittest")


def evaluate_petrarch_validation(path: Path, extractor: Extractor, limit: int | None = None) -> TaskReport:
    """PETRARCH2's GSR validation records (real-world sentences)."""
    return evaluate_petrarch(path, extractor, limit, dataset="petrarch2_validation")


# ----------------------------------------------------------------------------- IndiaPoliceEvents


def event_police_labels(event: Event, kinds: dict[str, str]) -> set[str]:
    """The IndiaPoliceEvents labels one event implies (``kinds``: actor id -> kind; see module doc)."""
    by_forces = kinds.get(event.actor1 or "") == STATE_FORCES
    found: set[str] = set()
    deaths = event.fatalities
    if by_forces and deaths is not None and max(deaths.min or 0, deaths.max or 0) > 0:
        found |= {"KILL", "FORCE"}
    if event.sub_event_type == "Arrests":
        found.add("ARREST")
    if event.sub_event_type in FORCE_SUB_TYPES or (by_forces and event.event_type in VIOLENT_EVENT_TYPES):
        found.add("FORCE")
    if found or by_forces:
        found.add("ANY_ACTION")
    return found


def police_events(result: Result | None) -> list[tuple[Event, set[str]]]:
    """The result's events that imply at least one IndiaPoliceEvents label, with those labels."""
    if result is None:
        return []
    kinds = {actor.id: actor.kind for actor in result.actors}
    pairs = [(event, event_police_labels(event, kinds)) for event in result.events]
    return [(event, labels) for event, labels in pairs if labels]


def police_labels(result: Result | None) -> tuple[set[str], list[str]]:
    """The labels the whole result implies and, for error analysis, which event gave which."""
    found = police_events(result)
    labels = set().union(*(labels for _, labels in found)) if found else set()
    why = [f"{'/'.join(sorted(ls))} <- {e.sub_event_type} '{e.trigger.text}'" for e, ls in found]
    return labels, why


@dataclass(slots=True)
class _LabelScores:
    """Per-label true/false positives and false negatives of a multi-label prediction."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def add(self, gold: set[str], predicted: set[str]) -> None:
        for label in IPE_LABELS:
            self.tp[label] += label in gold and label in predicted
            self.fp[label] += label not in gold and label in predicted
            self.fn[label] += label in gold and label not in predicted

    def figures(self) -> dict[str, float]:
        figures: dict[str, float] = {}
        for label in IPE_LABELS:
            precision, recall, f1 = prf(self.tp[label], self.fp[label], self.fn[label])
            key = label.lower()
            figures |= {f"{key}_precision": precision, f"{key}_recall": recall, f"{key}_f1": f1}
        figures["macro_f1"] = sum(figures[f"{label.lower()}_f1"] for label in IPE_LABELS) / len(IPE_LABELS)
        return figures


_NON_SPACE = re.compile(r"\S")


def align(text: str, pieces: list[str]) -> list[tuple[int, int]] | None:
    """Spans of ``pieces`` in ``text`` when the pieces, in order, spell ``text`` up to white space
    (IndiaPoliceEvents' sentences differ from their document only in spacing); None otherwise."""
    positions = [m.start() for m in _NON_SPACE.finditer(text)]
    spans: list[tuple[int, int]] = []
    used = 0
    for piece in pieces:
        size = len(_NON_SPACE.findall(piece))
        if used + size > len(positions):
            return None
        if size == 0:
            at = positions[used] if used < len(positions) else len(text)
            spans.append((at, at))
            continue
        spans.append((positions[used], positions[used + size - 1] + 1))
        used += size
    return spans if used == len(positions) else None


@dataclass(slots=True)
class _IpeSentence:
    start: int
    end: int
    labels: set[str]


def _ipe_sentences(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Sentence rows of ``ipe_sents.jsonl`` grouped by document id ("ipe-doc-<n>"), in order."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in read_jsonl(path):
        by_doc.setdefault(f"ipe-doc-{row['doc_id']}", []).append(row)
    for rows in by_doc.values():
        rows.sort(key=lambda r: int(str(r["id"]).rsplit("-", 1)[-1]))
    return by_doc


def _sentence_spans(doc: dict[str, Any], rows: list[dict[str, Any]]) -> list[_IpeSentence]:
    """A document's gold sentences as spans of its text (empty when they do not align)."""
    spans = align(doc["text"], [r["text"] for r in rows]) or []
    return [
        _IpeSentence(start, end, set(row["labels"].get("police_event_types") or []))
        for (start, end), row in zip(spans, rows, strict=False)
    ]


def _evidence(text: str, sentences: list[_IpeSentence], found: list[tuple[Event, set[str]]]) -> str:
    """For an error case: the gold-labelled sentences and the sentences of the predicting events."""
    parts = [f"[gold {','.join(sorted(s.labels))}] {text[s.start : s.end]}" for s in sentences if s.labels]
    for event, labels in found[:5]:
        start = max(0, event.trigger.start - 120)
        parts.append(f"[predicted {','.join(sorted(labels))}] …{text[start : event.trigger.end + 120]}…")
    return "\n".join(parts) if parts else text


def evaluate_india_police(path: Path, extractor: Extractor, limit: int | None = None) -> TaskReport:
    """IndiaPoliceEvents documents: per-label precision, recall and F1 (FAIL reported, not predicted).

    Error cases show the gold-labelled sentences (from ``ipe_sents.jsonl`` beside ``path``, when
    present) and the passages of the events that gave a wrong label.
    """
    report = TaskReport(task=TASK, dataset="india_police_events")
    sentences_path = path.with_name("ipe_sents.jsonl")
    sentence_rows = _ipe_sentences(sentences_path) if sentences_path.exists() else {}
    scores = _LabelScores()
    gold_counts: Counter[str] = Counter()
    documents = 0
    for row in read_jsonl(path, limit):
        gold_all = set(row["labels"].get("police_event_types") or [])
        gold_counts.update(gold_all)
        gold = gold_all & set(IPE_LABELS)
        result = extract(extractor, row["id"], row["text"], _parse_date(row["labels"].get("date")))
        found = police_events(result)
        predicted = set().union(*(labels for _, labels in found)) if found else set()
        documents += 1
        scores.add(gold, predicted)
        wrong = gold ^ predicted
        if wrong:
            sentences = _sentence_spans(row, sentence_rows.get(row["id"], []))
            wrong_events = [(e, ls) for e, ls in found if ls - gold]
            text = _evidence(row["text"], sentences, wrong_events)
            shown, expected = ", ".join(sorted(predicted)) or "none", ", ".join(sorted(gold)) or "none"
            report.errors.append(ErrorCase(row["id"], text, expected, shown, cost=float(len(wrong))))
    report.figures = scores.figures()
    report.counts = {"documents": documents} | {f"gold_{label}": gold_counts[label] for label in IPE_LABELS}
    report.counts |= {f"gold_{label}_unscored": gold_counts[label] for label in IPE_UNPREDICTED}
    return report


def evaluate_india_police_sentences(path: Path, extractor: Extractor, limit: int | None = None) -> TaskReport:
    """IndiaPoliceEvents sentences (``ipe_sents.jsonl``): the same labels per sentence.

    Each document (``ipe_docs.jsonl`` beside ``path``) is extracted whole, so events keep their
    context; an event's labels go to the gold sentence that holds its trigger. ``limit`` counts
    documents. Documents whose sentences do not align with their text are skipped and counted.
    """
    report = TaskReport(task=TASK, dataset="india_police_sentences")
    by_doc = _ipe_sentences(path)
    scores = _LabelScores()
    gold_counts: Counter[str] = Counter()
    documents = sentences_seen = unaligned = 0
    for doc in read_jsonl(path.with_name("ipe_docs.jsonl"), limit):
        rows = by_doc.get(doc["id"], [])
        sentences = _sentence_spans(doc, rows)
        if len(sentences) != len(rows):
            unaligned += 1
            continue
        result = extract(extractor, doc["id"], doc["text"], _parse_date(doc["labels"].get("date")))
        found = police_events(result)
        documents += 1
        for number, sentence in enumerate(sentences):
            inside = [(e, ls) for e, ls in found if sentence.start <= e.trigger.start < sentence.end]
            predicted = set().union(*(ls for _, ls in inside)) if inside else set()
            gold = sentence.labels & set(IPE_LABELS)
            gold_counts.update(sentence.labels)
            sentences_seen += 1
            scores.add(gold, predicted)
            wrong = gold ^ predicted
            if wrong:
                text = doc["text"][sentence.start : sentence.end]
                shown = ", ".join(sorted(predicted)) or "none"
                if inside:
                    shown += " [" + "; ".join(f"{e.sub_event_type} '{e.trigger.text}'" for e, _ in inside[:3]) + "]"
                expected = ", ".join(sorted(gold)) or "none"
                report.errors.append(ErrorCase(f"{doc['id']}#{number}", text, expected, shown, float(len(wrong))))
    report.figures = scores.figures()
    report.counts = {"documents": documents, "sentences": sentences_seen, "unaligned_documents": unaligned}
    report.counts |= {f"gold_{label}": gold_counts[label] for label in (*IPE_LABELS, *IPE_UNPREDICTED)}
    return report


# ------------------------------------------------------------------------------ own sentences

# The 25 ACLED sub-event types, to tell a label from a sentence in test tables.
ACLED_SUB_TYPES = frozenset(SUB_EVENT_TYPES)
POSITIVE_NAMES = ("POSITIVE", "POSITIVES")
NEAR_MISS_NAMES = ("NEAR_MISS", "NEAR_MISSES", "NEGATIVE", "NEGATIVES")


def _load_module(path: Path) -> Any:
    """Import a Python file by path (the test module is not part of the package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"_eventdesk_eval_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"{path}: cannot be imported")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sentence_table(items: Any) -> list[tuple[str, str]]:
    """(sentence, sub-type) pairs from a test table whose rows hold a sentence and a sub-type name in
    any order: tuples, lists, ``pytest.param`` objects or dicts. Rows without both are skipped."""
    pairs: list[tuple[str, str]] = []
    for item in items:
        values = getattr(item, "values", item)  # pytest.param keeps its arguments in .values
        if isinstance(values, dict):
            values = list(values.values())
        if not isinstance(values, list | tuple):
            continue
        strings = [v for v in values if isinstance(v, str)]
        labels = [v for v in strings if v in ACLED_SUB_TYPES]
        sentences = [v for v in strings if v not in ACLED_SUB_TYPES]
        if labels and sentences:
            pairs.append((max(sentences, key=len), labels[0]))
    return pairs


def _table(module: Any, names: tuple[str, ...]) -> list[tuple[str, str]] | None:
    """The first of the module-level tables ``names`` as (sentence, sub-type) pairs: a list of rows
    (see ``sentence_table``) or a mapping of sub-type -> sentences."""
    for name in names:
        table = getattr(module, name, None)
        if isinstance(table, dict):
            return [
                (sentence, label)
                for label, sentences in table.items()
                if label in ACLED_SUB_TYPES
                for sentence in ([sentences] if isinstance(sentences, str) else sentences)
                if isinstance(sentence, str)
            ]
        if isinstance(table, list | tuple):
            return sentence_table(table)
    return None


def _cases(module: Any) -> tuple[list[tuple[str, str]], list[tuple[str, str]]] | None:
    """Positive and near-miss (sentence, sub-type) pairs from a module-level ``CASES`` mapping of
    sub-type -> (sentences, near-misses); None when the module has no such mapping."""
    cases = getattr(module, "CASES", None)
    if not isinstance(cases, dict):
        return None
    positive: list[tuple[str, str]] = []
    near_miss: list[tuple[str, str]] = []
    for label, value in cases.items():
        if label not in ACLED_SUB_TYPES or not isinstance(value, list | tuple) or len(value) != 2:
            continue
        positive += [(s, label) for s in value[0] if isinstance(s, str)]
        near_miss += [(s, label) for s in value[1] if isinstance(s, str)]
    return positive, near_miss


def evaluate_own_sentences(path: Path, extractor: Extractor, limit: int | None = None) -> TaskReport:
    """The project's own sub-type test sentences (``tests/test_event_types.py``), through the whole
    extractor.

    Reads the module-level ``CASES`` mapping (sub-type -> (sentences that must be typed as it,
    near-misses that must not be)), else tables ``POSITIVE`` and ``NEAR_MISS`` of (sentence,
    sub-type) rows. Figures: ``accuracy`` (the most confident event has the expected sub-type),
    ``any_match`` (some event has it), ``sub_types`` (share of the 25 with at least one correct top
    prediction), ``near_miss_rejection`` (share of near-misses without an event of the forbidden
    sub-type) and ``typing_accuracy`` (any_match over sentences plus rejections over near-misses,
    divided by all cases: the definition of the test module's overall accuracy and of the issue's
    0.85 bar). ``limit`` applies to each list. Raises ImportError when the module has no tables, so
    the harness reports the dataset as not available.
    """
    module = _load_module(path)
    tables = _cases(module)
    if tables is None:
        positive_table = _table(module, POSITIVE_NAMES)
        if positive_table is None:
            raise ImportError(f"{path.name} defines no module-level CASES or {' or '.join(POSITIVE_NAMES)} table")
        tables = (positive_table, _table(module, NEAR_MISS_NAMES) or [])
    positive, near_miss = tables
    if limit is not None:
        positive, near_miss = positive[:limit], near_miss[:limit]
    report = TaskReport(task=TASK, dataset="own_sentences")
    correct = any_correct = 0
    reached: set[str] = set()
    for number, (sentence, expected) in enumerate(positive):
        result = extract(extractor, f"own-{number}", sentence)
        events = result.events if result else []
        top = _top([(e.confidence, e.sub_event_type) for e in events])
        correct += top == expected
        any_correct += any(e.sub_event_type == expected for e in events)
        if top == expected:
            reached.add(expected)
        else:
            report.errors.append(ErrorCase(f"own-{number}", sentence, expected, top or "none"))
    rejected = 0
    for number, (sentence, forbidden) in enumerate(near_miss):
        result = extract(extractor, f"near-{number}", sentence)
        hits = [e for e in (result.events if result else []) if e.sub_event_type == forbidden]
        rejected += not hits
        if hits:
            report.errors.append(ErrorCase(f"near-{number}", sentence, f"not {forbidden}", forbidden))
    report.figures = {
        "accuracy": _share(correct, len(positive)),
        "any_match": _share(any_correct, len(positive)),
        "sub_types": len(reached) / len(ACLED_SUB_TYPES),
    }
    if near_miss:
        report.figures["near_miss_rejection"] = _share(rejected, len(near_miss))
    report.figures["typing_accuracy"] = _share(any_correct + rejected, len(positive) + len(near_miss))
    report.counts = {"positive": len(positive), "correct": correct, "near_miss": len(near_miss), "rejected": rejected}
    return report


# ------------------------------------------------------------------------------------ dispatcher

SCORERS = {
    "plover_gsr_cameo.jsonl": evaluate_plover,
    "petr_unittest.jsonl": evaluate_petrarch_unittest,
    "petr2_gsr_validation.jsonl": evaluate_petrarch_validation,
    "ipe_docs.jsonl": evaluate_india_police,
    "ipe_sents.jsonl": evaluate_india_police_sentences,
}


def evaluate(path: Path, extractor: Extractor, limit: int | None = None) -> TaskReport:
    """Score the event dataset at ``path``, recognised by its file name (see ``SCORERS``)."""
    scorer = SCORERS.get(path.name)
    if scorer is None:
        raise ValueError(f"{path}: not an event dataset this module knows ({', '.join(SCORERS)})")
    return scorer(path, extractor, limit)
