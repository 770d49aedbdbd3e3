"""Quote evaluation on PolNeAR (political news attribution relations).

``evaluate(path, extractor)`` runs the extractor on every article of a PolNeAR JSON Lines file and
compares its quotes with the gold attributions of one annotator per article (the alphabetically first,
so runs are comparable). Scoring follows ``../shared/data/README.md``:

- a predicted quote matches a gold attribution when their content spans overlap;
- content precision = matched predictions / predictions, recall = matched gold / gold, F1 of the two;
- speaker accuracy: among matched gold attributions that have a source, the share whose predicted
  speaker shares a word with the gold source span. The predicted speaker's words are its name and the
  text of its mention ("He" resolved to "Ned Price" is right against a gold source "He");
  ``speaker_accuracy_name`` uses the name alone;
- direct / indirect recall: recall over gold attributions with / without quotation marks in the content.

PolNeAR also annotates beliefs and intentions ("X thinks", "X wants"), so recall cannot reach 1.

Run it: ``python -m eventdesk.evaluate.quotes ../shared/data/quotes/PolNeAR/PolNeAR_dev.jsonl [--limit N]``.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

from eventdesk.evaluate.report import ErrorCase, TaskReport, read_jsonl
from eventdesk.extract.actors import ActorFinder
from eventdesk.extract.pipeline import Extractor
from eventdesk.extract.quotes import QuoteFinder
from eventdesk.extract.segment import segment
from eventdesk.records import Article, Quote, Result
from eventdesk.settings import DEFAULT_SETTINGS, Settings

_WORD = re.compile(r"[A-Za-z0-9]+")
# Words too common to count as a shared speaker word.
_STOPWORDS = frozenset({"a", "an", "the", "of", "and", "in", "s", "to", "for", "on", "at", "by"})


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One gold attribution: content spans, source text and whether the content is in quote marks."""

    spans: tuple[tuple[int, int], ...]
    source: str
    direct: bool


def read_gold(path: Path, limit: int | None = None) -> list[tuple[dict, list[GoldQuote]]]:
    """(article row, gold quotes) per article, one annotator per article, in file order."""
    chosen: dict[str, dict] = {}
    for row in read_jsonl(path):
        best = chosen.get(row["id"])
        if best is None or row["annotator"] < best["annotator"]:
            chosen[row["id"]] = row
    rows = list(chosen.values())[:limit] if limit else list(chosen.values())
    return [(row, [_gold_quote(a) for a in row["attributions"] if a.get("content")]) for row in rows]


def _gold_quote(attribution: dict) -> GoldQuote:
    spans = tuple((s, e) for part in attribution["content"] for s, e in part["spans"])
    source = " ".join(part["text"] for part in attribution.get("source") or [])
    return GoldQuote(spans, source, bool(attribution.get("content_has_quote_marks")))


def _overlaps(quote: Quote, gold: GoldQuote) -> bool:
    return any(quote.start < e and s < quote.end for s, e in gold.spans)


def _words(text: str | None) -> set[str]:
    return {w for w in _WORD.findall((text or "").lower()) if w not in _STOPWORDS}


def speaker_matches(quote: Quote, source: str, text: str, use_mention: bool = True) -> bool:
    """True when the predicted speaker (name, or mention text) shares a word with the gold source."""
    speaker = quote.speaker
    if speaker is None:
        return False
    words = _words(speaker.name)
    if use_mention and speaker.start is not None and speaker.end is not None:
        words |= _words(text[speaker.start : speaker.end])
    return bool(words & _words(source))


class QuotesOnly:
    """Segmentation, actors and quotes only: measures the quote stage alone (``--quotes-only``)."""

    def __init__(self, settings: Settings = DEFAULT_SETTINGS) -> None:
        self.find_actors = ActorFinder(settings)
        self.find_quotes = QuoteFinder(settings)

    def __call__(self, article: Article) -> Result:
        doc = segment(article.text)
        actors = self.find_actors(doc)
        return Result(article=article, actors=actors, quotes=self.find_quotes(doc, actors))


def evaluate(path: Path, extractor: Extractor | QuotesOnly, limit: int | None = None) -> TaskReport:
    """Quote content P/R/F1 (overlap), speaker accuracy and direct/indirect recall on PolNeAR."""
    n = {
        "predicted": 0,
        "predicted_matched": 0,
        "gold": 0,
        "gold_matched": 0,
        "direct": 0,
        "direct_matched": 0,
        "indirect": 0,
        "indirect_matched": 0,
        "with_source": 0,
        "speaker_right": 0,
        "speaker_right_name": 0,
    }
    errors: list[ErrorCase] = []
    seconds = 0.0
    docs = read_gold(path, limit)
    for row, gold in docs:
        text = row["text"]
        started = time.perf_counter()
        quotes = extractor(Article(text=text, id=row["id"])).quotes
        seconds += time.perf_counter() - started
        n["predicted"] += len(quotes)
        n["predicted_matched"] += sum(1 for q in quotes if any(_overlaps(q, g) for g in gold))
        for g in gold:
            matched = [q for q in quotes if _overlaps(q, g)]
            kind = "direct" if g.direct else "indirect"
            n["gold"] += 1
            n[kind] += 1
            if matched:
                n["gold_matched"] += 1
                n[f"{kind}_matched"] += 1
            if not matched or not g.source.strip():
                if not matched and g.direct:
                    first = g.spans[0]
                    errors.append(ErrorCase(row["id"], text[first[0] : first[1]][:200], g.source, "(missed)"))
                continue
            n["with_source"] += 1
            if any(speaker_matches(q, g.source, text) for q in matched):
                n["speaker_right"] += 1
            else:
                names = "; ".join(q.speaker.name or "" if q.speaker else "None" for q in matched)
                errors.append(ErrorCase(row["id"], matched[0].text[:200], g.source, names, cost=0.5))
            if any(speaker_matches(q, g.source, text, use_mention=False) for q in matched):
                n["speaker_right_name"] += 1

    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    precision = ratio(n["predicted_matched"], n["predicted"])
    recall = ratio(n["gold_matched"], n["gold"])
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    figures = {
        "content_precision": precision,
        "content_recall": recall,
        "content_f1": f1,
        "speaker_accuracy": ratio(n["speaker_right"], n["with_source"]),
        "speaker_accuracy_name": ratio(n["speaker_right_name"], n["with_source"]),
        "direct_recall": ratio(n["direct_matched"], n["direct"]),
        "indirect_recall": ratio(n["indirect_matched"], n["indirect"]),
        "ms_per_article": round(1000 * seconds / max(1, len(docs)), 2),
    }
    counts = {"documents": len(docs), **{k: v for k, v in n.items()}}
    errors.sort(key=lambda e: -e.cost)
    return TaskReport(task="quotes", dataset=path.name, figures=figures, counts=counts, errors=errors)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="evaluate the first N articles only")
    parser.add_argument("--quotes-only", action="store_true", help="run segmentation, actors and quotes only")
    parser.add_argument("--errors", type=int, default=0, help="print N wrong or missed quotes")
    args = parser.parse_args(argv)
    report = evaluate(args.path, QuotesOnly() if args.quotes_only else Extractor(), args.limit)
    print(json.dumps(report.to_dict(), indent=1))
    for case in report.errors[: args.errors]:
        print(f"- [{case.doc_id}] {case.text!r}\n    gold: {case.expected!r}  predicted: {case.predicted!r}")


if __name__ == "__main__":
    main()
