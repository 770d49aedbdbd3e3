"""CLI commands over the event database: ingest, events, show, export, failures, unmerge, demo.

Thin wrappers: each parses options and calls the plain functions in ``store.ingest``, ``store.query``
and ``eventdesk.export``. An ``EventdeskError`` becomes a one-line message and exit status 1.
``ingest`` exits with status 3 when some articles failed (they are listed by ``eventdesk failures``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from sqlalchemy.exc import SQLAlchemyError

from eventdesk.errors import EventdeskError
from eventdesk.store.db import DEFAULT_URL, open_store
from eventdesk.store.ingest import DEFAULT_BATCH_SIZE, IngestReport, ingest, read_sources
from eventdesk.store.merge import Merger, unmerge
from eventdesk.store.models import EventRow
from eventdesk.store.query import Bundle, EventFilter, event_detail, iter_bundles, list_events, list_failures

F = TypeVar("F", bound=Callable[..., Any])
PARTIAL_FAILURE_EXIT = 3


def _errors_as_messages(func: F) -> F:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except EventdeskError as exc:
            raise click.ClickException(str(exc)) from exc
        except SQLAlchemyError as exc:  # e.g. the server went away mid-run
            first = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise click.ClickException(f"database error: {first}") from exc

    return wrapper  # type: ignore[return-value]


def _db_option(func: F) -> F:
    return click.option(
        "--db",
        default=lambda: os.environ.get("EVENTDESK_DB", DEFAULT_URL),
        show_default=f"$EVENTDESK_DB or {DEFAULT_URL}",
        help="SQLAlchemy URL (sqlite:///path.db, postgresql://user@host/db) or an SQLite file path.",
    )(func)


def _filter_options(func: F) -> F:
    for option in reversed(
        [
            click.option("--country", help="ISO country code (IQ or IRQ) or name."),
            click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Events on or after DATE."),
            click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Events on or before DATE."),
            click.option("--type", "type_", help='Event type or sub-event type, e.g. "Air/drone strike".'),
            click.option("--actor", help="Text contained in actor1 or actor2 (case-insensitive)."),
            click.option("--limit", type=click.IntRange(min=1), help="At most N events."),
        ]
    ):
        func = option(func)
    return func


def _filter(
    country: str | None,
    since: datetime | None,
    until: datetime | None,
    type_: str | None,
    actor: str | None,
    limit: int | None,
) -> EventFilter:
    return EventFilter(
        country=country,
        since=since.date() if since else None,
        until=until.date() if until else None,
        type=type_,
        actor=actor,
        limit=limit,
    )


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@_db_option
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes (default: all cores).")
@click.option("--published", type=click.DateTime(["%Y-%m-%d"]), help="Publication date for undated articles.")
@click.option("--text-field", help="JSONL field holding the article text (default: text).")
@click.option("--date-field", help="JSONL field holding the publication date (default: published).")
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    help="Articles per transaction.",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@_errors_as_messages
def ingest_command(
    sources: tuple[str, ...],
    db: str,
    workers: int | None,
    published: datetime | None,
    text_field: str | None,
    date_field: str | None,
    batch_size: int,
    quiet: bool,
) -> None:
    """Extract events from SOURCES (files, folders, JSONL, feeds, WARC) into the database and merge them.

    Articles already stored (same text) are skipped, so a rerun or resumed run never duplicates.
    Exits with status 3 if some articles failed; `eventdesk failures` lists them.
    """
    articles = read_sources(
        list(sources),
        published=published.date() if published else None,
        text_field=text_field,
        date_field=date_field,
    )
    with open_store(db) as store:
        report = ingest(articles, store, workers=workers, batch_size=batch_size, progress=not quiet)
    click.echo(report.summary(), err=True)
    if report.failed:
        raise SystemExit(PARTIAL_FAILURE_EXIT)


@click.command("events")
@_db_option
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_errors_as_messages
def events_command(
    db: str,
    country: str | None,
    since: datetime | None,
    until: datetime | None,
    type_: str | None,
    actor: str | None,
    limit: int | None,
    fmt: str,
) -> None:
    """List merged events, newest first."""
    with open_store(db) as store:
        f = _filter(country, since, until, type_, actor, limit)
        if fmt == "json":
            from eventdesk.export.jsonl import event_json

            with store.session() as session:
                for bundle in iter_bundles(session, f):
                    click.echo(json.dumps(event_json(bundle), ensure_ascii=False))
            return
        with store.session() as session:
            click.echo(format_table(list_events(session, f)))


@click.command("show")
@click.argument("event_id")
@_db_option
@_errors_as_messages
def show_command(event_id: str, db: str) -> None:
    """Show one event, the reports merged into it and their source sentences."""
    with open_store(db) as store, store.session() as session:
        bundle = event_detail(session, event_id)
        if bundle is None:
            raise click.ClickException(f"no event {event_id!r} (see `eventdesk events`)")
        click.echo(format_detail(bundle))


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["acled-csv", "jsonl", "geojson", "parquet"]), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@_db_option
@_filter_options
@_errors_as_messages
def export_command(
    fmt: str,
    output: Path,
    db: str,
    country: str | None,
    since: datetime | None,
    until: datetime | None,
    type_: str | None,
    actor: str | None,
    limit: int | None,
) -> None:
    """Export events (with the same filters as `events`) as ACLED-style CSV, JSONL, GeoJSON or Parquet."""
    from eventdesk.export import EXPORTERS

    with open_store(db) as store, store.session() as session:
        count = EXPORTERS[fmt](iter_bundles(session, _filter(country, since, until, type_, actor, limit)), output)
    click.echo(f"wrote {count} events to {output}", err=True)


@click.command("failures")
@_db_option
@click.option("--limit", type=click.IntRange(min=1), help="At most N failures.")
@_errors_as_messages
def failures_command(db: str, limit: int | None) -> None:
    """List articles that could not be read, extracted or stored, with the error."""
    with open_store(db) as store, store.session() as session:
        rows = list_failures(session, limit)
        for row in rows:
            click.echo(f"{row.stage}\t{row.origin}\t{row.error}")
        if not rows:
            click.echo("no failures", err=True)


@click.command("unmerge")
@click.argument("mention_id")
@_db_option
@_errors_as_messages
def unmerge_command(mention_id: str, db: str) -> None:
    """Undo a merge: move report MENTION_ID (see `eventdesk show`) into an event of its own."""
    with open_store(db) as store, store.session() as session:
        try:
            event = unmerge(session, mention_id, Merger())
        except KeyError:
            raise click.ClickException(f"no report {mention_id!r}") from None
        click.echo(f"{mention_id} is now event {event.event_id}")


@click.command("demo")
@_db_option
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True)
@_errors_as_messages
def demo_command(db: str, workers: int) -> None:
    """Ingest the bundled sample articles and print the merged event table."""
    from eventdesk.sample import load_samples

    with open_store(db) as store:
        report: IngestReport = ingest(load_samples(), store, workers=workers)
        click.echo(report.summary(), err=True)
        with store.session() as session:
            click.echo(format_table(list_events(session, EventFilter())))


# -- text output ----------------------------------------------------------------------------------

TABLE_COLUMNS = [
    ("event", 16),
    ("date", 11),
    ("type", 24),
    ("actor1", 22),
    ("actor2", 18),
    ("location", 18),
    ("cc", 2),
    ("killed", 12),
    ("src", 3),
]


def format_table(events: Iterable[EventRow]) -> str:
    """A fixed-width table of events (long cells cut with an ellipsis)."""
    lines = ["  ".join(name.upper().ljust(width) for name, width in TABLE_COLUMNS)]
    for e in events:
        cells = [
            e.event_id,
            _date_cell(e),
            e.sub_event_type,
            e.actor1 or "-",
            e.actor2 or "-",
            e.location or "-",
            e.country_code or "-",
            _killed_cell(e),
            str(e.n_sources),
        ]
        lines.append("  ".join(_cut(c, w).ljust(w) for c, (_, w) in zip(cells, TABLE_COLUMNS, strict=True)))
    if len(lines) == 1:
        lines.append("(no events)")
    return "\n".join(line.rstrip() for line in lines)


def format_detail(bundle: Bundle) -> str:
    """An event, then each merged report with its article and evidence sentences."""
    e = bundle.event
    out = [
        f"{e.event_id}  {e.event_type} / {e.sub_event_type}",
        f"  date:       {_date_cell(e)} ({e.date_precision})",
        f"  location:   {e.location or '-'}, {e.admin1 or '-'}, {e.country_code or '-'}"
        f" ({e.geo_precision}; {e.lat}, {e.lon})",
        f"  actors:     {e.actor1 or '-'} -> {e.actor2 or '-'}",
        f"  fatalities: {_killed_cell(e)}",
        f"  sources:    {e.n_sources} ({'; '.join(e.sources or [])}), confidence {e.confidence:.2f}",
        "",
        f"{len(bundle.reports)} report(s):",
    ]
    for r in bundle.reports:
        m = r.mention
        why = f"merged, score {m.merge_score:.2f}: {m.merge_reason}" if m.merge_score is not None else m.merge_reason
        out += [
            f"- {m.mention_id}  {r.source or '?'}, {r.published or 'undated'}: {r.title or r.article_id}",
            f"  {m.sub_event_type}; {m.location or '-'}; {m.date_value or 'no date'};"
            f" killed {_range(m.fatalities_min, m.fatalities_max)}",
            f"  ({why})",
            f"  > {r.evidence}",
        ]
    if bundle.statements:
        out += ["", f"{len(bundle.statements)} statement(s) about it:"]
        out += [f"- {st.source_actor or '?'} {st.kind} {st.target_actor or ''}".rstrip() for st in bundle.statements]
    return "\n".join(out)


def _date_cell(e: EventRow) -> str:
    if e.date_value:
        return e.date_value
    return f"~{e.date_end.isoformat()}" if isinstance(e.date_end, date) else "-"


def _killed_cell(e: EventRow) -> str:
    if e.fatalities is None:
        return "-"
    if e.fatalities_min != e.fatalities_max:
        return f"{e.fatalities} ({e.fatalities_min}-{e.fatalities_max})"
    return str(e.fatalities)


def _range(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "-"
    if high is None:
        return f"{low}+"  # "at least 12"
    if low == high:
        return str(low)
    return f"{low if low is not None else '?'}-{high}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


COMMANDS: list[click.Command] = [
    ingest_command,
    events_command,
    show_command,
    export_command,
    failures_command,
    unmerge_command,
    demo_command,
]
