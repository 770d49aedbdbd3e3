"""The ingest run: read articles, extract them on all cores, store and merge them batch by batch.

``ingest(articles, store)`` is what ``eventdesk ingest`` calls and what tests and the benchmark call
directly. Articles are cut into batches; each batch is extracted by a worker process (one
``Extractor`` per process, built once) and then written and merged by this process in one
transaction. So:

- a rerun skips every article whose text hash is stored (idempotent, also within one run);
- killing the process loses at most the batches not yet committed, and a rerun completes them;
- an article that cannot be read, extracted or stored is recorded in ``failures`` and the run goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import Any

from tqdm import tqdm

from eventdesk.errors import InputError
from eventdesk.extract.pipeline import Extractor
from eventdesk.ingest import Failure, read_articles
from eventdesk.records import Article, Result
from eventdesk.settings import DEFAULT_SETTINGS, Settings
from eventdesk.store.db import Store
from eventdesk.store.merge import Merger
from eventdesk.store.writer import FailedArticle, stored_hashes, write_batch

DEFAULT_BATCH_SIZE = 32

Item = Result | FailedArticle


@dataclass(slots=True)
class IngestReport:
    """What a run did. ``seconds`` is wall time; ``rate`` articles read per second."""

    read: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    mentions: int = 0
    new_events: int = 0
    seconds: float = 0.0
    first_batch_seconds: float = 0.0  # start-up: until the first batch was stored
    first_batch_size: int = 0

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0

    @property
    def steady_rate(self) -> float:
        """Articles/s after the first batch (without starting workers and building extractors)."""
        span = self.seconds - self.first_batch_seconds
        return (self.read - self.first_batch_size) / span if span > 0 else 0.0

    def summary(self) -> str:
        failed = f", {self.failed} failed (see `eventdesk failures`)" if self.failed else ""
        return (
            f"{self.read} articles read: {self.stored} stored, {self.skipped} already stored{failed}; "
            f"{self.mentions} event mentions, {self.new_events} new events; "
            f"{self.seconds:.1f} s ({self.rate:.0f} articles/s)"
        )


def read_sources(
    sources: Sequence[str | Path],
    *,
    published: date | None = None,
    text_field: str | None = None,
    date_field: str | None = None,
) -> Iterator[Article | Failure]:
    """Articles (or read failures) from every source in turn, via ``eventdesk.ingest.read_articles``.

    Raises ``InputError`` at the call when a source is missing or unreadable, before anything is read.
    """
    for source in sources:
        if str(source) != "-" and "://" not in str(source) and not Path(source).exists():
            raise InputError(f"{source}: no such file or directory")
    options: dict[str, Any] = {"published": published}
    if text_field:
        options["text_field"] = text_field
    if date_field:
        options["date_field"] = date_field
    # Open every source now (this is not a generator): a bad one fails before anything is stored.
    return chain.from_iterable([read_articles(source, **options) for source in sources])


def ingest(
    articles: Iterable[Article | Failure],
    store: Store,
    *,
    workers: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    settings: Settings = DEFAULT_SETTINGS,
    merger: Merger | None = None,
    progress: bool = False,
) -> IngestReport:
    """Extract, store and merge ``articles``; returns counts. ``workers`` defaults to all cores.

    With one worker everything runs in this process (no pool start-up cost).
    """
    workers = max(1, workers or os.cpu_count() or 1)
    merger = merger or Merger()
    report = IngestReport()
    started = time.perf_counter()
    bar = tqdm(unit=" articles", file=sys.stderr, disable=not progress, dynamic_ncols=True)
    try:
        batches = _new_batches(articles, store, batch_size, report)
        for items in _extracted(batches, workers, settings):
            outcome = write_batch(store, items, merger)
            report.stored += outcome.stored
            report.skipped += outcome.skipped
            report.failed += outcome.failed
            report.mentions += outcome.mentions
            report.new_events += outcome.new_events
            if not report.first_batch_seconds:
                report.first_batch_seconds = time.perf_counter() - started
                report.first_batch_size = report.read
            bar.update(report.read - bar.n)
            bar.set_postfix(events=report.mentions, failed=report.failed, refresh=False)
        bar.update(report.read - bar.n)  # articles skipped after the last stored batch
    finally:
        bar.close()
        report.seconds = time.perf_counter() - started
    return report


def _new_batches(
    articles: Iterable[Article | Failure], store: Store, size: int, report: IngestReport
) -> Iterator[list[Article | FailedArticle]]:
    """Batches of articles not stored yet; read failures travel along to be recorded."""
    batch: list[Article | FailedArticle] = []
    seen: set[str] = set()  # hashes in this run: a file given twice is read twice, stored once
    for item in articles:
        report.read += 1
        if isinstance(item, Failure):
            batch.append(FailedArticle(item.origin, "read", item.message, item.id))
        else:
            batch.append(item)
        if len(batch) >= size:
            if kept := _drop_known(batch, store, seen, report):
                yield kept
            batch = []
    if batch and (kept := _drop_known(batch, store, seen, report)):
        yield kept


def _drop_known(
    batch: list[Article | FailedArticle], store: Store, seen: set[str], report: IngestReport
) -> list[Article | FailedArticle]:
    hashes = {a.text_sha256 for a in batch if isinstance(a, Article)}
    with store.session() as session:
        known = stored_hashes(session, hashes) | seen
    kept: list[Article | FailedArticle] = []
    for item in batch:
        if isinstance(item, Article):
            sha = item.text_sha256
            if sha in known:
                report.skipped += 1
                continue
            known.add(sha)
            seen.add(sha)
        kept.append(item)
    return kept


def _extracted(
    batches: Iterator[list[Article | FailedArticle]], workers: int, settings: Settings
) -> Iterator[list[Item]]:
    """Extracted batches in input order: in this process, or on a pool of ``workers`` processes.

    Nothing is built until there is a first batch: a rerun with every article stored costs no
    extractor start-up.
    """
    first = next(batches, None)
    if first is None:
        return
    batches = chain([first], batches)
    if workers == 1:
        extractor = Extractor(settings)
        for batch in batches:
            yield extract_batch(batch, extractor)
        return
    # spawn: safe on every platform and with threads in the parent (fork is not, e.g. with tqdm's).
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        yield from _ordered(pool, batches, window=2 * workers)


def _ordered(pool: Pool, batches: Iterator[list[Article | FailedArticle]], window: int) -> Iterator[list[Item]]:
    # At most ``window`` batches in flight: memory stays flat however large the input.
    pending: deque[AsyncResult[list[Item]]] = deque()
    for batch in batches:
        pending.append(pool.apply_async(_worker_extract, (batch,)))
        if len(pending) >= window:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


# One extractor per worker process, built once by the pool initializer. This is per-process state
# of a worker, never shared: the documented multiprocessing pattern for expensive set-up.
_WORKER: dict[str, Any] = {}


def _init_worker(settings: Settings) -> None:
    # An exception escaping an initializer makes the pool respawn the worker forever; keep it and
    # raise it from the first task instead, so the parent gets the one-line message.
    try:
        _WORKER["extractor"] = Extractor(settings)
    except Exception as exc:  # re-raised in _worker_extract
        _WORKER["error"] = exc


def _worker_extract(batch: list[Article | FailedArticle]) -> list[Item]:
    if "error" in _WORKER:
        raise _WORKER["error"]
    return extract_batch(batch, _WORKER["extractor"])


def extract_batch(batch: Sequence[Article | FailedArticle], extractor: Extractor) -> list[Item]:
    """Run the extractor on every article of ``batch``; an article that raises becomes a failure."""
    out: list[Item] = []
    for item in batch:
        if isinstance(item, FailedArticle):
            out.append(item)
            continue
        try:
            out.append(extractor(item))
        except Exception as exc:  # a bug in any stage must cost one article, not the run
            message = str(exc).splitlines()[0] if str(exc) else ""
            origin = item.url or item.id or item.text_sha256[:16]
            out.append(FailedArticle(origin, "extract", f"{type(exc).__name__}: {message}", item.id, item.text_sha256))
    return out
