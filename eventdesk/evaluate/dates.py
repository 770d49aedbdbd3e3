"""Date evaluation: the times stage against MEANTIME's TIMEX3 annotations (English Wikinews).

Run it with::

    .venv/bin/python -m eventdesk.evaluate.dates /work/shared/data/time/MEANTIME-en/MEANTIME-en.jsonl

Each document's ``dct`` (document creation time) is passed as the publication date, exactly as the
extractor receives ``Article.published``. The DCT line itself is a gold timex in most documents and
is scored like any other expression. MEANTIME annotates only the beginning of each article (title,
date line and the first sentences: no gold timex lies beyond the sixth line of ``text``), so only
predictions starting within the first ``ANNOTATED_LINES`` lines are scored. Gold timexes without a
text span (MEANTIME's "empty" timexes,
inferred by annotators) cannot be found in the text and are not counted.

Figures (proportions in [0, 1]):

* ``strict_p/r/f1``: predicted spans equal to a gold span.
* ``relaxed_p/r/f1``: predicted spans overlapping a gold span (one-to-one).
* ``value_p/r/f1``: a prediction is right when it overlaps a gold timex and its value equals the gold
  value exactly; precision is over all predictions, recall over all gold timexes.
* ``type_accuracy``: among overlapping pairs, TimeML type (date/time/duration/set) equal.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventdesk.errors import EventdeskError
from eventdesk.evaluate.report import ErrorCase, TaskReport, read_jsonl
from eventdesk.extract.segment import segment
from eventdesk.extract.times import TimeFinder
from eventdesk.records import TimeExpr
from eventdesk.settings import DEFAULT_SETTINGS

if TYPE_CHECKING:
    from eventdesk.extract.pipeline import Extractor

DEFAULT_PATH = Path("/work/shared/data/time/MEANTIME-en/MEANTIME-en.jsonl")
ANNOTATED_LINES = 6


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    value: str
    type: str


@dataclass(slots=True)
class _Tally:
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    value_right: int = 0
    type_right: int = 0


def evaluate(path: Path, extractor: Extractor, limit: int | None = None) -> TaskReport:
    """Score ``extractor``'s times stage on a MEANTIME-style JSON Lines file (the first ``limit`` documents).

    Only the times stage is run (on the segmented text, with the DCT as publication date), so the
    figures do not depend on the other stages.
    """
    tally = _Tally()
    errors: list[ErrorCase] = []
    documents = 0
    for row in read_jsonl(path, limit):
        documents += 1
        text = row["text"]
        gold = _gold(row)
        limit_offset = _annotated_end(text)
        predicted = [
            t for t in extractor.find_times(segment(text), parse_dct(row.get("dct"))) if t.start < limit_offset
        ]
        _score(str(row.get("id")), text, gold, predicted, tally, errors)
    report = TaskReport(task="dates", dataset=path.parent.name or str(path))
    report.figures.update(_prf("strict", tally.strict, tally.predicted, tally.gold))
    report.figures.update(_prf("relaxed", tally.relaxed, tally.predicted, tally.gold))
    report.figures.update(_prf("value", tally.value_right, tally.predicted, tally.gold))
    report.figures["type_accuracy"] = tally.type_right / tally.relaxed if tally.relaxed else 0.0
    report.counts.update(documents=documents, gold=tally.gold, predicted=tally.predicted)
    report.errors = sorted(errors, key=lambda e: -e.cost)
    return report


def parse_dct(raw: str | None) -> date | None:
    """MEANTIME's document date: ISO ``2008-03-01`` or, in one file, ``03-02-2009`` (day first)."""
    if not raw:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", raw):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", raw):
        return date(int(m[3]), int(m[2]), int(m[1]))
    return None


def _annotated_end(text: str) -> int:
    """Offset where the annotated region (the first ``ANNOTATED_LINES`` lines) ends."""
    offset = -1
    for _ in range(ANNOTATED_LINES):
        offset = text.find("\n", offset + 1)
        if offset < 0:
            return len(text)
    return offset


def _gold(row: dict[str, Any]) -> list[GoldTimex]:
    gold = []
    for t in row.get("timexes", []):
        if t.get("start") is None or t.get("end") is None:
            continue  # an "empty" timex: inferred by the annotator, no text to find
        value = t["value"]
        if re.fullmatch(r"\d{2}-\d{2}-\d{4}", value):
            value = str(parse_dct(value))  # the one day-first DCT value: compare as ISO
        gold.append(GoldTimex(t["start"], t["end"], t.get("text", ""), value, t["type"].lower()))
    return gold


def _score(
    doc_id: str, text: str, gold: list[GoldTimex], predicted: list[TimeExpr], tally: _Tally, errors: list[ErrorCase]
) -> None:
    tally.gold += len(gold)
    tally.predicted += len(predicted)
    spans = {(g.start, g.end) for g in gold}
    tally.strict += sum(1 for p in predicted if (p.start, p.end) in spans)
    used: set[int] = set()
    for g in gold:
        match = next(
            (i for i, p in enumerate(predicted) if i not in used and p.start < g.end and g.start < p.end), None
        )
        if match is None:
            errors.append(ErrorCase(doc_id, _context(text, g.start, g.end), f"{g.text!r} {g.value}", "(missed)", 1.0))
            continue
        used.add(match)
        p = predicted[match]
        tally.relaxed += 1
        tally.type_right += p.type == g.type
        if p.value == g.value:
            tally.value_right += 1
        else:
            errors.append(
                ErrorCase(doc_id, _context(text, g.start, g.end), f"{g.text!r} {g.value}", f"{p.text!r} {p.value}", 0.8)
            )
    for i, p in enumerate(predicted):
        if i not in used:
            errors.append(ErrorCase(doc_id, _context(text, p.start, p.end), "(none)", f"{p.text!r} {p.value}", 0.5))


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"{left}[[{text[start:end]}]]{right}"


def _prf(name: str, right: int, predicted: int, gold: int) -> dict[str, float]:
    p = right / predicted if predicted else 0.0
    r = right / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {f"{name}_p": p, f"{name}_r": r, f"{name}_f1": f}


def _times_only_extractor() -> Extractor:
    """The full extractor, or, when another stage cannot be built, one whose times stage is real.

    Only ``find_times`` is used here, so a broken dictionary elsewhere must not stop this evaluation.
    """
    try:
        from eventdesk.extract.pipeline import Extractor

        return Extractor()
    except (EventdeskError, ImportError, SyntaxError) as exc:
        print(f"note: full extractor unavailable ({exc}); evaluating the times stage alone", file=sys.stderr)
        return _TimesOnly()  # type: ignore[return-value]


class _TimesOnly:
    """Stands in for ``Extractor`` when only its times stage can be built."""

    def __init__(self) -> None:
        self.settings = DEFAULT_SETTINGS
        self.find_times = TimeFinder(DEFAULT_SETTINGS)


def main(argv: list[str]) -> None:
    """``python -m eventdesk.evaluate.dates [PATH] [--limit N] [--errors N]``: print figures and errors."""
    path, limit, show = DEFAULT_PATH, None, 0
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--limit":
            limit = int(args.pop(0))
        elif arg == "--errors":
            show = int(args.pop(0))
        else:
            path = Path(arg)
    report = evaluate(path, _times_only_extractor(), limit=limit)
    for name, value in report.figures.items():
        print(f"{name:16s} {value:.3f}")
    print(" ".join(f"{k}={v}" for k, v in report.counts.items()))
    for e in report.errors[:show]:
        print(f"[{e.doc_id}] expected {e.expected} | predicted {e.predicted}\n    {e.text}")


if __name__ == "__main__":
    main(sys.argv[1:])
