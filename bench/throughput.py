"""Extraction throughput on real newswire, against spaCy's bare tokenizer on the same texts.

    python bench/throughput.py                     # Reuters-21578 from ../shared/data
    python bench/throughput.py --limit 1000 --workers 2

Prints one row per corpus: articles, mean length, articles/s on one core for the tokenizer alone and for
the whole extractor, and the ratio (how many tokenizer passes one extraction costs). With --workers N
(N > 1) it also runs the extractor on N processes and prints the total articles/s.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
