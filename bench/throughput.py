"""Extraction throughput on real newswire, against spaCy's bare tokenizer on the same texts.

    python bench/throughput.py                     # Reuters-21578 from ../shared/data
    python bench/throughput.py --limit 1000 --workers 2

Prints one row per corpus: articles, mean length, articles/s on one core for the tokenizer alone and for
the whole extractor, and the ratio (how many tokenizer passes one extraction costs). With --workers N
(N > 1) it also runs the extractor on N processes and prints the total articles/s. Then a second table:
CPU milliseconds per seed-length article for each stage, and for the stages that read who said what
(quotes, statements, relations, flags) against the rest.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "corpus" / "reuters21578" / "articles.jsonl"


def load_corpus(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()]


def time_tokenizer(texts: list[str]) -> float:
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    start = time.perf_counter()
    for text in texts:
        tokenizer(text)
    return time.perf_counter() - start


def time_extractor(texts: list[str]) -> float:
    from eventdesk.extract.pipeline import Extractor
    from eventdesk.records import Article

    extractor = Extractor()
    extractor(Article(text=texts[0]))  # warm caches (lazy imports) outside the timed loop
    start = time.perf_counter()
    for text in texts:
        extractor(Article(text=text))
    return time.perf_counter() - start


WORDS_STAGES = ("quotes", "statements", "relations", "flags")


def stage_breakdown(texts: list[str], rounds: int = 3) -> dict[str, float]:
    """CPU milliseconds per article for each stage (best of ``rounds``: CPU time is steadier than wall time
    on a shared machine, and the best round is the least disturbed)."""
    from eventdesk.extract.pipeline import Extractor
    from eventdesk.extract.segment import segment

    ex = Extractor()
    best: dict[str, float] = {}
    for _ in range(rounds):
        spent: dict[str, float] = {}
        for text in texts:
            doc = _timed(spent, "segment", segment, text)
            actors = _timed(spent, "actors", ex.find_actors, doc)
            places = _timed(spent, "places", ex.find_places, doc, actors)
            times = _timed(spent, "times", ex.find_times, doc, None)
            casualties = _timed(spent, "casualties", ex.find_casualties, doc)
            events = _timed(spent, "events", ex.find_events, doc, actors, places, times, casualties, published=None)
            quotes = _timed(spent, "quotes", ex.find_quotes, doc, actors)
            _timed(spent, "statements", ex.find_statements, doc, actors, events, quotes)
            _timed(spent, "relations", ex.find_relations, doc, events)
            _timed(spent, "flags", ex.find_flags, doc, quotes)
        for name, seconds in spent.items():
            best[name] = min(best.get(name, float("inf")), seconds / len(texts) * 1000)
    return best


def _timed(spent: dict[str, float], name: str, stage: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    start = time.process_time()
    result = stage(*args, **kwargs)
    spent[name] = spent.get(name, 0.0) + time.process_time() - start
    return result


def _worker_run(texts: list[str]) -> int:
    from eventdesk.extract.pipeline import Extractor
    from eventdesk.records import Article

    extractor = Extractor()
    for text in texts:
        extractor(Article(text=text))
    return len(texts)


def time_parallel(texts: list[str], workers: int) -> float:
    chunks = [texts[i::workers] for i in range(workers)]
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        sum(pool.map(_worker_run, chunks))
    return time.perf_counter() - start  # includes each worker's start-up and dictionary loading


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSONL with a 'text' field")
    parser.add_argument("--limit", type=int, default=2000, help="articles per corpus row (at least 1,000)")
    parser.add_argument("--workers", type=int, default=1, help="also time N worker processes")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1
    texts = load_corpus(args.corpus)
    corpora = {
        "reuters (first N)": texts[: args.limit],
        "reuters seed-length (2-5k chars)": [t for t in texts if 2000 <= len(t) <= 5000][: args.limit],
    }
    header = f"{'corpus':34} {'articles':>8} {'mean chars':>10} {'tok art/s':>10} {'extract art/s':>13} {'ratio':>6}"
    if args.workers > 1:
        header += f" {f'{args.workers} workers art/s':>18}"
    print(header)
    print("-" * len(header))
    for name, sample in corpora.items():
        tok = time_tokenizer(sample)
        ext = time_extractor(sample)
        row = (f"{name:34} {len(sample):>8} {sum(map(len, sample)) / len(sample):>10.0f} "
               f"{len(sample) / tok:>10.0f} {len(sample) / ext:>13.0f} {ext / tok:>6.2f}")
        if args.workers > 1:
            row += f" {len(sample) / time_parallel(sample, args.workers):>18.0f}"
        print(row, flush=True)
    print("\nart/s = articles per second on one core; ratio = extraction time / spaCy bare tokenizer time.")

    stages = stage_breakdown(corpora["reuters seed-length (2-5k chars)"])
    words = sum(stages[name] for name in WORDS_STAGES)
    total = sum(stages.values())
    print(f"\n{'stage (seed-length articles)':34} {'CPU ms/article':>14}")
    for name, ms in sorted(stages.items(), key=lambda item: -item[1]):
        print(f"{name:34} {ms:>14.3f}")
    print(f"{'all stages':34} {total:>14.3f}   = {1000 / total:.0f} articles/s of CPU")
    print(f"{'without quotes/statements/...':34} {total - words:>14.3f}   = {1000 / (total - words):.0f} articles/s"
          f" (the words stages cost {words / (total - words):.0%} more time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
