"""Ingest throughput and merge scaling.

    python bench/ingest.py                    # 2,000 Reuters articles with 1 and 2 workers; merge 10k/100k
    python bench/ingest.py --articles 500 --mentions 10000 100000 --workers 1

Part 1: articles/s for ``eventdesk ingest`` into a fresh SQLite file (read, extract, store, merge),
with 1 and with 2 worker processes, on the Reuters-21578 newswire (read from
../shared/data/corpus/reuters21578/articles.jsonl or $EVENTDESK_DATA; skipped with a message when
absent). The overall rate includes starting the workers and building their extractors (the
start-up line gives that fixed cost on its own); "after the first batch" is the steady rate.

Part 2: the merge step's cost as the table grows. Generated event mentions (incidents across 30
countries, each reported 1-4 times with jittered place, date and casualty count, at a steady ~300
mentions a day, like a growing archive) are stored in batches of 1,000 and merged incrementally;
only the merge is timed. "ms/1k" (median per batch) should stay flat from the first to the last
batches and from 10k to 100k mentions: blocking by country, type group and week keeps it linear.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from itertools import islice
from pathlib import Path

from eventdesk.extract.pipeline import Extractor
from eventdesk.ingest import read_articles
from eventdesk.store.db import open_store
from eventdesk.store.ingest import ingest
from eventdesk.store.merge import Merger, merge_mentions
from eventdesk.store.models import ArticleRow, MentionRow

REPO = Path(__file__).resolve().parent.parent
CORPUS = "corpus/reuters21578/articles.jsonl"
MERGE_BATCH = 1000
SUB_TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
]


def corpus_path() -> Path:
    root = Path(os.environ.get("EVENTDESK_DATA", REPO.parent / "shared" / "data"))
    return root / CORPUS


def bench_ingest(n: int, workers: list[int]) -> list[tuple[str, str]]:
    path = corpus_path()
    if not path.exists():
        print(f"skipping ingest: {path} not found (set EVENTDESK_DATA)", file=sys.stderr)
        return []
    rows: list[tuple[str, str]] = []
    started = time.perf_counter()
    Extractor()
    startup = time.perf_counter() - started
    rows.append(("start-up: build one Extractor", f"{startup:.2f} s"))
    chars = sum(len(json.loads(line)["text"]) for line in islice(path.open(encoding="utf-8"), n))
    rows.append(("articles (mean characters)", f"{n:,} ({chars / n:,.0f})"))
    for count in workers:
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(f"sqlite:///{tmp}/bench.db")
            articles = islice(read_articles(path, date_field="date"), n)
            report = ingest(articles, store, workers=count)
            store.close()
        steady = report.steady_rate
        rows.append(
            (
                f"ingest, {count} worker(s)",
                f"{report.rate:,.0f} articles/s ({report.seconds:.1f} s; {report.stored:,} stored, "
                f"{report.failed} failed, {report.mentions:,} mentions, {report.new_events:,} events; "
                f"{steady:,.0f}/s after the first batch)",
            )
        )
    return rows


def generated_mentions(total: int, seed: int = 7) -> list[dict[str, object]]:
    """Mentions of incidents at ~300 mentions a day: each incident reported 1-4 times."""
    rng = random.Random(seed)
    countries = [
        (f"{chr(65 + i // 26)}{chr(65 + i % 26)}", rng.uniform(-30, 50), rng.uniform(-20, 120)) for i in range(30)
    ]
    start = date(2020, 1, 1).toordinal()
    out: list[dict[str, object]] = []
    incident = 0
    while len(out) < total:
        incident += 1
        day = start + len(out) // 300
        cc, clat, clon = rng.choice(countries)
        lat, lon = clat + rng.uniform(-3, 3), clon + rng.uniform(-3, 3)
        event_type, sub = rng.choice(SUB_TYPES)
        killed = rng.randint(0, 30)
        for _ in range(rng.randint(1, 4)):
            when = date.fromordinal(day + rng.choice((0, 0, 0, 1)))
            out.append(
                {
                    "incident": incident,
                    "event_type": event_type,
                    "sub_event_type": sub,
                    "actor1": f"Group {incident % 50}",
                    "country_code": cc,
                    "location": f"Town {incident}",
                    "lat": lat + rng.uniform(-0.05, 0.05),
                    "lon": lon + rng.uniform(-0.05, 0.05),
                    "geo_precision": "city",
                    "date_value": when.isoformat(),
                    "date_precision": "day",
                    "date_start": when,
                    "date_end": when,
                    "published": date.fromordinal(day + 1),
                    "fatalities": max(0, killed + rng.randint(-3, 3)),
                    "source": f"Outlet {rng.randint(1, 40)}",
                }
            )
    return out[:total]


def bench_merge(total: int) -> tuple[float, float, int, int]:
    """Merge ``total`` generated mentions in batches of 1,000; returns (median ms per 1k over the
    first 10% of the batches, the same over the last 10%, events made, incidents generated)."""
    mentions = generated_mentions(total)
    merger = Merger()
    timings: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/merge.db")
        for offset in range(0, total, MERGE_BATCH):
            with store.session() as session:
                rows = _store_generated(session, mentions[offset : offset + MERGE_BATCH], offset)
                began = time.perf_counter()
                merge_mentions(session, rows, merger)
                timings.append(time.perf_counter() - began)
        with store.engine.connect() as conn:
            events = conn.exec_driver_sql("select count(*) from events").scalar_one()
        store.close()
    incidents = len({m["incident"] for m in mentions})
    tenth = max(1, len(timings) // 10)
    ms_per_1k = 1000 * 1000 / MERGE_BATCH  # seconds per batch -> ms per 1,000 mentions
    # Medians: robust to other load on a shared machine.
    return (
        statistics.median(timings[:tenth]) * ms_per_1k,
        statistics.median(timings[-tenth:]) * ms_per_1k,
        int(events),
        incidents,
    )


def _store_generated(session, batch: list[dict[str, object]], offset: int) -> list[MentionRow]:  # type: ignore[no-untyped-def]
    now = datetime.now()
    articles = [
        ArticleRow(
            article_id=f"g{offset + i}",
            text_sha256=f"{offset + i:064x}",
            source=m["source"],
            published=m["published"],
            text="",
            n_events=1,
            ingested_at=now,
        )
        for i, m in enumerate(batch)
    ]
    session.add_all(articles)
    session.flush()
    rows = [
        MentionRow(
            mention_id=f"mn_{offset + i:012d}",
            article_pk=a.pk,
            event_type=m["event_type"],
            sub_event_type=m["sub_event_type"],
            actor1=m["actor1"],
            country_code=m["country_code"],
            location=m["location"],
            lat=m["lat"],
            lon=m["lon"],
            geo_precision=m["geo_precision"],
            date_value=m["date_value"],
            date_precision=m["date_precision"],
            date_start=m["date_start"],
            date_end=m["date_end"],
            fatalities_min=m["fatalities"],
            fatalities_max=m["fatalities"],
            confidence=0.8,
            start=0,
            end=0,
            data={},
        )
        for i, (a, m) in enumerate(zip(articles, batch, strict=True))
    ]
    session.add_all(rows)
    session.flush()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles to ingest (default: %(default)s)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts (default: 1 2)")
    parser.add_argument(
        "--mentions",
        type=int,
        nargs="+",
        default=[10_000, 100_000],
        help="generated mention counts for the merge (default: 10000 100000)",
    )
    args = parser.parse_args(argv)

    rows = bench_ingest(args.articles, args.workers) if args.articles else []
    for total in args.mentions:
        first, last, events, incidents = bench_merge(total)
        rows.append(
            (
                f"merge {total:,} mentions",
                f"{first:,.0f} ms/1k over the first 10%, {last:,.0f} ms/1k over the last 10%; "
                f"{events:,} events for {incidents:,} generated incidents",
            )
        )
    width = max(len(name) for name, _ in rows) if rows else 0
    print(f"{'measure'.ljust(width)}  result")
    print(f"{'-' * width}  {'-' * 40}")
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
