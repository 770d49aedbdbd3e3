"""The evaluation harness: runs the task scorers over the labeled datasets, prints tables, writes and
compares result files.

Registry
    ``DATASETS`` lists every (task, dataset) pair, the file it reads (relative to the data root, or to
    the repository for the project's own sentences) and its scorer, ``"module:function"`` with the
    signature ``(path: Path, extractor: Extractor, limit: int | None) -> TaskReport``. Scorer modules
    are imported lazily: a module that is missing or raises ImportError makes its datasets
    "not available" instead of breaking the run.

Data root
    ``--data`` / ``data_root``, else the ``EVENTDESK_DATA`` environment variable, else
    ``../shared/data`` beside the repository. A dataset whose file is absent is reported "no data".

Comparison gate (``compare``)
    Every figure of a dataset that the current run evaluated is compared with the previous run:
      - higher-is-better proportions (values in [0, 1]) fail when they drop by more than 0.02
        (two points);
      - lower-is-better figures (names ending in ``_km``, containing ``error``, or ``auc``, the geoparsing
        area under the error curve) fail when they rise by more than 2% of the previous value;
      - other higher-is-better figures fail when they drop by more than 2% of the previous value;
      - a figure the previous run had and the current run lacks (scorer failed or vanished) fails;
      - speed figures (``ms_per_article``, ``*_ms``, ``*_seconds``, ``*per_second``) are shown but not
        compared: they depend on the machine and its load, and bench/throughput.py gates speed.
    Datasets the current run did not evaluate (other task, ``--dataset``) are not compared. Runs
    with different ``limit`` values are compared anyway, with a warning: their figures rest on
    different slices.
"""

from __future__ import annotations

import importlib
import json
import os
import textwrap
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from eventdesk.evaluate.report import ErrorCase, TaskReport
from eventdesk.extract.pipeline import Extractor

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_ROOT = REPO_ROOT.parent / "shared" / "data"
DATA_ENV = "EVENTDESK_DATA"
RESULTS_FORMAT = "eventdesk-evaluation/1"

PROPORTION_DROP = 0.02  # two points on a [0, 1] figure
RELATIVE_CHANGE = 0.02  # 2% of the previous value, for figures that are not proportions
_EPSILON = 1e-9  # so that a change of exactly the tolerance passes despite float rounding

Status = Literal["ok", "not available", "no data", "failed"]


@dataclass(frozen=True, slots=True)
class Dataset:
    """One dataset of one task. ``root`` says what ``path`` is relative to."""

    task: str
    name: str
    path: str
    scorer: str
    root: Literal["data", "repo"] = "data"

    def file(self, data_root: Path) -> Path:
        return (REPO_ROOT if self.root == "repo" else data_root) / self.path


_EVENTS = "eventdesk.evaluate.events"
DATASETS: tuple[Dataset, ...] = (
    Dataset("events", "plover_gsr", "events/plover_gsr_cameo/plover_gsr_cameo.jsonl", f"{_EVENTS}:evaluate_plover"),
    Dataset(
        "events",
        "petrarch_unittest",
        "events/petrarch_unittest/petr_unittest.jsonl",
        f"{_EVENTS}:evaluate_petrarch_unittest",
    ),
    Dataset(
        "events",
        "petrarch2_validation",
        "events/petrarch2_gsr_validation/petr2_gsr_validation.jsonl",
        f"{_EVENTS}:evaluate_petrarch_validation",
    ),
    Dataset(
        "events",
        "india_police_events",
        "events/india_police_events/ipe_docs.jsonl",
        f"{_EVENTS}:evaluate_india_police",
    ),
    Dataset(
        "events",
        "india_police_sentences",
        "events/india_police_events/ipe_sents.jsonl",
        f"{_EVENTS}:evaluate_india_police_sentences",
    ),
    Dataset("events", "own_sentences", "tests/test_event_types.py", f"{_EVENTS}:evaluate_own_sentences", "repo"),
    Dataset("geo", "GeoVirus", "geo/GeoVirus/GeoVirus.jsonl", "eventdesk.evaluate.geo:evaluate"),
    Dataset("geo", "TR-News", "geo/TR-News/TR-News.jsonl", "eventdesk.evaluate.geo:evaluate"),
    Dataset("dates", "MEANTIME-en", "time/MEANTIME-en/MEANTIME-en.jsonl", "eventdesk.evaluate.dates:evaluate"),
    Dataset("quotes", "PolNeAR_dev", "quotes/PolNeAR/PolNeAR_dev.jsonl", "eventdesk.evaluate.quotes:evaluate"),
)
TASKS: tuple[str, ...] = tuple(dict.fromkeys(d.task for d in DATASETS))

Scorer = Callable[[Path, Extractor, int | None], TaskReport]


@dataclass(slots=True)
class Outcome:
    """What running one dataset gave: a report when ``status`` is "ok", else a ``note`` saying why not."""

    dataset: Dataset
    status: Status
    report: TaskReport | None = None
    note: str = ""
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Regression:
    """One figure that got worse by more than the gate allows (``after`` is None when it vanished)."""

    task: str
    dataset: str
    figure: str
    before: float
    after: float | None

    def __str__(self) -> str:
        where = f"{self.task}/{self.dataset} {self.figure}"
        if self.after is None:
            return f"{where}: was {self.before:.4f}, now missing"
        return f"{where}: {self.before:.4f} -> {self.after:.4f} ({self.after - self.before:+.4f})"


@dataclass(slots=True)
class Comparison:
    """The gate's verdict: it passes when ``regressions`` is empty. ``warnings`` do not fail it."""

    regressions: list[Regression] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    compared: int = 0

    @property
    def passed(self) -> bool:
        return not self.regressions


# ----------------------------------------------------------------------------------- selection


def data_root(option: str | Path | None = None) -> Path:
    """The data root: the explicit option, else $EVENTDESK_DATA, else ../shared/data beside the repo."""
    if option:
        return Path(option)
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else DEFAULT_DATA_ROOT


def select(task: str = "all", dataset: str | None = None) -> list[Dataset]:
    """The datasets of ``task`` ("all" for every task), optionally only the one named ``dataset``.

    Raises ValueError naming the valid choices when nothing matches.
    """
    if task != "all" and task not in TASKS:
        raise ValueError(f"unknown task {task!r}; choose one of: all, {', '.join(TASKS)}")
    chosen = [d for d in DATASETS if task in ("all", d.task)]
    if dataset is not None:
        names = [d.name for d in chosen]
        chosen = [d for d in chosen if d.name.lower() == dataset.lower()]
        if not chosen:
            raise ValueError(f"unknown dataset {dataset!r} for task {task}; choose one of: {', '.join(names)}")
    return chosen


# ------------------------------------------------------------------------------------------ run


def load_scorer(spec: str) -> Scorer:
    """Import ``"module:function"``. ImportError (module missing or failing to import) propagates."""
    module_name, _, function = spec.partition(":")
    module = importlib.import_module(module_name)
    scorer = getattr(module, function, None)
    if scorer is None:
        raise ImportError(f"{module_name} has no function {function}")
    return scorer


def run_one(dataset: Dataset, root: Path, get_extractor: Callable[[], Extractor], limit: int | None) -> Outcome:
    """Run one dataset's scorer; never raises for a missing scorer, missing file or scorer crash.

    ``get_extractor`` is called only when the dataset can actually run (building one loads the
    dictionaries and gazetteer).
    """
    path = dataset.file(root)
    if not path.exists():
        return Outcome(dataset, "no data", note=f"{path} not found")
    try:
        scorer = load_scorer(dataset.scorer)
    except ImportError as exc:
        return Outcome(dataset, "not available", note=str(exc))
    started = time.perf_counter()
    try:
        report = scorer(path, get_extractor(), limit)
    except ImportError as exc:  # a scorer may import lazily, or find its data structure missing
        return Outcome(dataset, "not available", note=str(exc), seconds=time.perf_counter() - started)
    except Exception as exc:  # a scorer or stage crash is a result to show, not a reason to stop the run
        return Outcome(dataset, "failed", note=f"{type(exc).__name__}: {exc}", seconds=time.perf_counter() - started)
    # The registry's names are the keys results are compared by, whatever the scorer called itself.
    report.task, report.dataset = dataset.task, dataset.name
    return Outcome(dataset, "ok", report=report, seconds=time.perf_counter() - started)


def run(
    datasets: Iterable[Dataset],
    root: Path,
    limit: int | None = None,
    extractor: Extractor | None = None,
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Run every dataset in order with one extractor (built on first need) and return the outcomes.

    ``progress`` is called with each outcome as soon as it is known.
    """
    built: list[Extractor] = [extractor] if extractor is not None else []

    def shared_extractor() -> Extractor:
        if not built:
            built.append(Extractor())
        return built[0]

    outcomes = []
    for dataset in datasets:
        outcome = run_one(dataset, root, shared_extractor, limit)
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return outcomes


# -------------------------------------------------------------------------------- result files


def results(outcomes: list[Outcome], limit: int | None, root: Path) -> dict[str, Any]:
    """The JSON-ready result of a run: ``tasks -> dataset -> {status, note, seconds, figures, counts}``."""
    tasks: dict[str, dict[str, Any]] = {}
    for outcome in outcomes:
        entry: dict[str, Any] = {"status": outcome.status, "seconds": round(outcome.seconds, 2)}
        if outcome.note:
            entry["note"] = outcome.note
        if outcome.report is not None:
            entry["figures"] = {k: round(float(v), 6) for k, v in outcome.report.figures.items()}
            entry["counts"] = dict(outcome.report.counts)
        tasks.setdefault(outcome.dataset.task, {})[outcome.dataset.name] = entry
    return {
        "format": RESULTS_FORMAT,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "limit": limit,
        "data_root": str(root),
        "tasks": tasks,
    }


def write_results(data: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=False) + "\n", encoding="utf-8")


def read_results(path: Path) -> dict[str, Any]:
    """A result file written by ``write_results``; ValueError when it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read results: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("tasks"), dict):
        raise ValueError(f"{path}: not an eventdesk results file (no 'tasks' mapping)")
    return data


# ------------------------------------------------------------------------------------- compare


def lower_is_better(figure: str) -> bool:
    """Figures that measure an error (km off, error rates, the area under the geocoding error curve)
    improve when they fall."""
    return figure.endswith("_km") or "error" in figure or figure == "auc"


def is_timing(figure: str) -> bool:
    """Speed figures ("ms_per_article"): shown, never gated; they vary with the machine and its load,
    and bench/throughput.py is the speed gate."""
    return "ms_per" in figure or figure.endswith(("_ms", "_seconds", "per_second"))


def regressed(figure: str, before: float, after: float) -> bool:
    """Whether moving from ``before`` to ``after`` is worse than the gate allows (see module doc)."""
    if lower_is_better(figure):
        return after > before + abs(before) * RELATIVE_CHANGE + _EPSILON
    if 0.0 <= before <= 1.0 and 0.0 <= after <= 1.0:
        return before - after > PROPORTION_DROP + _EPSILON
    return after < before - abs(before) * RELATIVE_CHANGE - _EPSILON


def compare(previous: dict[str, Any], current: dict[str, Any]) -> Comparison:
    """Compare two result files' data; a figure worse by more than the tolerance is a regression."""
    verdict = Comparison()
    if previous.get("limit") != current.get("limit"):
        verdict.warnings.append(
            f"the runs used different limits ({previous.get('limit')} before, {current.get('limit')} now): "
            "figures rest on different slices"
        )
    for task, datasets in current["tasks"].items():
        for name, entry in datasets.items():
            before_entry = previous["tasks"].get(task, {}).get(name)
            if not before_entry:
                verdict.warnings.append(f"{task}/{name}: not in the previous results")
                continue
            after = entry.get("figures", {})
            for figure, before in before_entry.get("figures", {}).items():
                if is_timing(figure):
                    continue
                verdict.compared += 1
                if figure not in after:
                    verdict.regressions.append(Regression(task, name, figure, before, None))
                elif regressed(figure, before, after[figure]):
                    verdict.regressions.append(Regression(task, name, figure, before, after[figure]))
    return verdict


# ------------------------------------------------------------------------------------- display


def format_figure(figure: str, value: float) -> str:
    return f"{value:.1f}" if figure.endswith("_km") or is_timing(figure) else f"{value:.3f}"


def format_tables(outcomes: list[Outcome], width: int = 110) -> str:
    """One table per task: a row per dataset, a column per figure (wrapped into blocks that fit
    ``width``), then each dataset's counts and time."""
    blocks: list[str] = []
    for task in dict.fromkeys(o.dataset.task for o in outcomes):
        rows = [o for o in outcomes if o.dataset.task == task]
        blocks.append(_task_table(task, rows, width))
    return "\n\n".join(blocks)


def _task_table(task: str, rows: list[Outcome], width: int) -> str:
    figures = list(dict.fromkeys(f for o in rows if o.report for f in o.report.figures))
    name_width = max(len("dataset"), *(len(o.dataset.name) for o in rows))
    lines = [f"== {task} =="]
    ok_rows = [o for o in rows if o.report]
    for chunk in _column_chunks(figures, width - name_width - 2) if ok_rows else []:
        widths = [max(len(f), 7) for f in chunk]
        lines.append(_row("dataset".ljust(name_width), chunk, widths))
        for outcome in ok_rows:
            values = outcome.report.figures if outcome.report else {}
            cells = [format_figure(f, values[f]) if f in values else "-" for f in chunk]
            lines.append(_row(outcome.dataset.name.ljust(name_width), cells, widths))
    for outcome in rows:
        if outcome.report:
            counts = " ".join(f"{k}={v}" for k, v in outcome.report.counts.items())
            lines.append(f"  {outcome.dataset.name}: {counts} ({outcome.seconds:.1f} s)")
        else:
            lines.append(f"  {outcome.dataset.name}: {outcome.status}: {outcome.note}")
    return "\n".join(lines)


def _row(first: str, cells: list[str], widths: list[int]) -> str:
    return "  ".join([first, *(cell.rjust(width) for cell, width in zip(cells, widths, strict=True))])


def _column_chunks(figures: list[str], room: int) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    used = 0
    for figure in figures:
        cell = max(len(figure), 7) + 2
        if chunks[-1] and used + cell > room:
            chunks.append([])
            used = 0
        chunks[-1].append(figure)
        used += cell
    return chunks if chunks[0] else [[]]


def worst_errors(outcome: Outcome, count: int) -> list[ErrorCase]:
    """The ``count`` costliest error cases of an outcome (stable: ties keep the scorer's order)."""
    if not outcome.report or count <= 0:
        return []
    return sorted(outcome.report.errors, key=lambda e: -e.cost)[:count]


def format_errors(outcomes: list[Outcome], count: int, text_chars: int = 400) -> str:
    """The ``count`` worst error cases of every dataset, each with its (shortened) text."""
    blocks: list[str] = []
    for outcome in outcomes:
        cases = worst_errors(outcome, count)
        if not cases:
            continue
        total = len(outcome.report.errors) if outcome.report else 0
        lines = [f"-- worst {len(cases)} of {total} errors: {outcome.dataset.task}/{outcome.dataset.name} --"]
        for case in cases:
            lines.append(
                f"[{case.doc_id}] expected: {case.expected} | predicted: {case.predicted} (cost {case.cost:.2f})"
            )
            text = " ".join(case.text.split())
            if len(text) > text_chars:
                text = text[: text_chars - 1] + "…"
            lines.append(textwrap.indent(textwrap.fill(text, 106), "    "))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def format_comparison(verdict: Comparison, against: str) -> str:
    lines = [f"warning: {w}" for w in verdict.warnings]
    if verdict.passed:
        lines.append(f"compare with {against}: passed ({verdict.compared} figures, none dropped beyond tolerance)")
    else:
        lines.append(f"compare with {against}: FAILED, {len(verdict.regressions)} figure(s) regressed:")
        lines.extend(f"  {r}" for r in verdict.regressions)
    return "\n".join(lines)


# ------------------------------------------------------------------------------------ one call


def evaluate(
    task: str = "all",
    dataset: str | None = None,
    limit: int | None = None,
    errors: int = 0,
    output: Path | None = None,
    previous: Path | None = None,
    data: str | Path | None = None,
    echo: Callable[[str], None] = print,
    progress: Callable[[str], None] | None = None,
) -> int:
    """What ``eventdesk evaluate`` and ``bench/accuracy.py`` do: run, print the tables (and the
    ``errors`` worst cases per dataset), write ``output``, compare with ``previous``.

    Returns the exit status: 1 when the comparison found a regression, else 0. Raises ValueError
    for an unknown task or dataset or an unreadable previous results file (checked before running).
    """
    chosen = select(task, dataset)
    before = read_results(previous) if previous else None
    root = data_root(data)

    def report_progress(outcome: Outcome) -> None:
        if progress is not None:
            note = f": {outcome.note}" if outcome.note and outcome.status != "ok" else ""
            progress(f"{outcome.dataset.task}/{outcome.dataset.name}: {outcome.status}{note} ({outcome.seconds:.1f} s)")

    outcomes = run(chosen, root, limit, progress=report_progress)
    echo(format_tables(outcomes))
    if errors:
        shown = format_errors(outcomes, errors)
        if shown:
            echo("\n" + shown)
    current = results(outcomes, limit, root)
    if output is not None:
        write_results(current, output)
        echo(f"\nresults written to {output}")
    if before is not None and previous is not None:
        verdict = compare(before, current)
        echo("\n" + format_comparison(verdict, str(previous)))
        return 0 if verdict.passed else 1
    return 0
