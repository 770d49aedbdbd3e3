"""Scoring place recognition and geocoding on GeoVirus / TR-News style JSON Lines.

Each line: ``{"id", "text", "toponyms": [{"start", "end", "text", "lat", "lon", ...}]}`` with
character offsets into ``text``. A predicted place matches a gold toponym when their spans overlap
(one to one, in text order). Figures:

- ``recognition_precision/recall/f1``: span-overlap matching.
- ``acc161``: share of matched gold toponyms (with coordinates) geocoded within 161 km (100 miles);
  a matched place without coordinates counts as wrong.
- ``acc161_all``: the same over every gold toponym with coordinates (a missed one counts as wrong).
- ``mean_error_km``, ``median_error_km``: over matched gold toponyms that we geocoded.
- ``auc``: area under the curve of normalised log errors (Gritta et al. 2018; 0 is perfect), over
  matched gold toponyms, an ungeocoded match counting as the largest possible error.
- ``recognition_recall_names``: recall over gold toponyms that are names, not adjectives. Some
  corpora (TR-News) annotate "Russian" or "Turkish" as toponyms; eventdesk deliberately does not
  make places of demonyms, and this figure shows what that costs.

Run: ``python -m eventdesk.evaluate.geo ../shared/data/geo/GeoVirus/GeoVirus.jsonl [--limit N]``.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventdesk.evaluate.report import ErrorCase, TaskReport, read_jsonl
from eventdesk.extract.gazetteer import km, name_key
from eventdesk.extract.pipeline import Extractor
from eventdesk.extract.places import PlaceFinder
from eventdesk.extract.segment import segment
from eventdesk.records import Place
from eventdesk.settings import DEFAULT_SETTINGS, Settings

ACCURACY_KM = 161.0
# Half the Earth's circumference: the largest possible error, charged when we give no coordinates.
MAX_ERROR_KM = 20_039.0
CONTEXT_CHARS = 60
# Adjectives of place ("Russian", "Turkish", "Chinese", "Iraqi") when the gazetteer lacks the word.
_ADJECTIVAL = re.compile(r"(?:an|ese|ish|ic|i|ch)s?$")


@dataclass(slots=True)
class _Tally:
    documents: int = 0
    gold: int = 0
    gold_geo: int = 0
    predicted: int = 0
    matched_gold: int = 0
    matched_pred: int = 0
    matched_geo: int = 0
    within: int = 0
    ungeocoded: int = 0
    adjectival: int = 0
    matched_adjectival: int = 0


class PlacesOnly:
    """Just the places stage, shaped like an ``Extractor`` for ``evaluate`` (loads in ~2 s, and
    scores the stage even while other stages are being rebuilt)."""

    def __init__(self, settings: Settings = DEFAULT_SETTINGS) -> None:
        self.find_places = PlaceFinder(settings)


def match_spans(gold: list[dict[str, Any]], predicted: list[Place]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of overlapping spans, greedily in text order,
    preferring the prediction that overlaps a gold span most."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for g_index, toponym in enumerate(gold):
        best, best_overlap = None, 0
        for p_index, place in enumerate(predicted):
            if p_index in used:
                continue
            overlap = min(toponym["end"], place.end) - max(toponym["start"], place.start)
            if overlap > best_overlap:
                best, best_overlap = p_index, overlap
        if best is not None:
            used.add(best)
            pairs.append((g_index, best))
    return pairs


def evaluate(path: Path, extractor: Extractor | PlacesOnly, limit: int | None = None) -> TaskReport:
    """Score ``extractor.find_places`` on the documents of ``path`` (see the module docstring)."""
    tally = _Tally()
    errors_km: list[float] = []
    auc_terms: list[float] = []
    cases: list[ErrorCase] = []
    for document in read_jsonl(path, limit):
        text = document["text"]
        gold = sorted(document.get("toponyms", []), key=lambda t: t["start"])
        predicted = extractor.find_places(segment(text), [])
        doc_id = str(document.get("id", tally.documents))
        tally.documents += 1
        tally.gold += len(gold)
        tally.predicted += len(predicted)
        tally.gold_geo += sum(1 for t in gold if _has_coordinates(t))
        pairs = match_spans(gold, predicted)
        tally.matched_gold += len(pairs)
        tally.matched_pred += len(pairs)
        matched_gold = {g for g, _ in pairs}
        adjectival = {g for g, t in enumerate(gold) if _is_adjectival(t["text"], extractor)}
        tally.adjectival += len(adjectival)
        tally.matched_adjectival += len(adjectival & matched_gold)
        matched_pred = {p for _, p in pairs}
        for g_index, p_index in pairs:
            toponym, place = gold[g_index], predicted[p_index]
            if not _has_coordinates(toponym):
                continue
            tally.matched_geo += 1
            if place.lat is None or place.lon is None:
                tally.ungeocoded += 1
                auc_terms.append(1.0)
                cases.append(_case(doc_id, text, toponym, place, MAX_ERROR_KM))
                continue
            error = km(toponym["lat"], toponym["lon"], place.lat, place.lon)
            errors_km.append(error)
            auc_terms.append(math.log1p(error) / math.log1p(MAX_ERROR_KM))
            if error <= ACCURACY_KM:
                tally.within += 1
            else:
                cases.append(_case(doc_id, text, toponym, place, error))
        for g_index, toponym in enumerate(gold):
            if g_index not in matched_gold:
                cases.append(_case(doc_id, text, toponym, None, 0.5))
        for p_index, place in enumerate(predicted):
            if p_index not in matched_pred:
                cases.append(_spurious(doc_id, text, place))
    cases.sort(key=lambda c: -c.cost)
    return TaskReport(
        task="geo",
        dataset=path.stem,
        figures=_figures(tally, errors_km, auc_terms),
        counts={
            "documents": tally.documents,
            "gold": tally.gold,
            "gold_with_coordinates": tally.gold_geo,
            "predicted": tally.predicted,
            "matched": tally.matched_gold,
            "matched_with_coordinates": tally.matched_geo,
            "matched_without_prediction_coordinates": tally.ungeocoded,
            "gold_adjectival": tally.adjectival,
        },
        errors=cases,
    )


def _figures(tally: _Tally, errors_km: list[float], auc_terms: list[float]) -> dict[str, float]:
    precision = _ratio(tally.matched_pred, tally.predicted)
    recall = _ratio(tally.matched_gold, tally.gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "recognition_precision": round(precision, 4),
        "recognition_recall": round(recall, 4),
        "recognition_f1": round(f1, 4),
        "recognition_recall_names": round(
            _ratio(tally.matched_gold - tally.matched_adjectival, tally.gold - tally.adjectival), 4
        ),
        "acc161": round(_ratio(tally.within, tally.matched_geo), 4),
        "acc161_all": round(_ratio(tally.within, tally.gold_geo), 4),
        "mean_error_km": round(statistics.fmean(errors_km), 1) if errors_km else 0.0,
        "median_error_km": round(statistics.median(errors_km), 1) if errors_km else 0.0,
        "auc": round(statistics.fmean(auc_terms), 4) if auc_terms else 0.0,
    }


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _is_adjectival(text: str, extractor: Extractor | PlacesOnly) -> bool:
    """ "Russian", "Iraqi": a word shaped like an adjective of place that is no place name we know."""
    if not _ADJECTIVAL.search(text) or " " in text:
        return False
    gazetteer = getattr(extractor.find_places, "gazetteer", None)
    return gazetteer is not None and not gazetteer.lookup(name_key(text))


def _has_coordinates(toponym: dict[str, Any]) -> bool:
    return toponym.get("lat") is not None and toponym.get("lon") is not None


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - CONTEXT_CHARS) : start]
    right = text[end : end + CONTEXT_CHARS]
    return " ".join(f"{left}[[{text[start:end]}]]{right}".split())


def _case(doc_id: str, text: str, toponym: dict[str, Any], place: Place | None, cost: float) -> ErrorCase:
    expected = f"{toponym['text']} ({toponym.get('lat')}, {toponym.get('lon')})"
    if place is None:
        predicted = "missed"
    else:
        predicted = f"{place.name} {place.country_code} ({place.lat}, {place.lon}) {place.feature}"
        if place.lat is not None:
            predicted += f" {cost:.0f} km off"
    return ErrorCase(doc_id, _context(text, toponym["start"], toponym["end"]), expected, predicted, cost)


def _spurious(doc_id: str, text: str, place: Place) -> ErrorCase:
    predicted = f"{place.name} {place.country_code} {place.feature}"
    return ErrorCase(doc_id, _context(text, place.start, place.end), "not a gold toponym", predicted, 0.4)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--errors", type=int, default=0, help="print the N worst error cases")
    parser.add_argument("--kind", choices=("all", "geo", "missed", "spurious"), default="all")
    parser.add_argument("--full", action="store_true", help="build the whole Extractor, not only PlaceFinder")
    args = parser.parse_args(argv)
    report = evaluate(args.path, Extractor() if args.full else PlacesOnly(), args.limit)
    json.dump(report.to_dict(), sys.stdout, indent=2)
    print()
    shown = [c for c in report.errors if args.kind == "all" or _kind(c) == args.kind]
    for case in shown[: args.errors]:
        print(f"{case.doc_id}\t{case.expected}\t{case.predicted}\t{case.text}")
    return 0


def _kind(case: ErrorCase) -> str:
    if case.predicted == "missed":
        return "missed"
    if case.expected == "not a gold toponym":
        return "spurious"
    return "geo"


if __name__ == "__main__":
    raise SystemExit(main())
