"""The ``eventdesk`` command. Thin: every command calls plain functions that tests call directly.

Errors meant for the user (``EventdeskError``) print one line and exit 2; anything else prints one line
and exits 70 (set ``EVENTDESK_DEBUG=1`` to see the traceback). Nothing prints a traceback by default.
"""

from __future__ import annotations

import json
import os
import sys
import warnings
from collections.abc import Iterator
from datetime import date
from typing import Any, TextIO

import click

from eventdesk.errors import EventdeskError, InputError
from eventdesk.records import Article, Result
from eventdesk.settings import Settings

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 70


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventdesk")
def cli() -> None:
    """Turn news articles into a geocoded, deduplicated, source-linked event table."""


@cli.command()
@click.argument("source")
@click.option("--published", callback=_parse_date, metavar="DATE",
              help="Publication date (YYYY-MM-DD) for articles that carry none; anchors 'on Monday'.")
@click.option("--format", "output_format", type=click.Choice(["table", "json", "jsonl"]), default="table",
              show_default=True, help="table: a readable summary; json: the contract; jsonl: one result a line.")
@click.option("--text-field", default="text", show_default=True, help="JSONL/CSV field holding the text.")
@click.option("--date-field", default="published", show_default=True, help="JSONL/CSV field holding the date.")
@click.option("--max-chars", type=click.IntRange(min=1), default=Settings().max_text_chars, show_default=True,
              help="Refuse articles longer than this many characters.")
def extract(source: str, published: date | None, output_format: str, text_field: str, date_field: str,
            max_chars: int) -> None:
    """Extract events, actors, places, dates, quotes and statements from SOURCE.

    SOURCE is a text or HTML file, a JSONL/CSV batch (one article a line), a folder, a feed, a WARC
    file, or - for standard input. A record of a batch that fails gives an ``error`` object on its
    line instead of stopping the batch.
    """
    from eventdesk.extract.pipeline import get_extractor
    from eventdesk.ingest import Failure, read_articles

    extractor = get_extractor(Settings(max_text_chars=max_chars))
    records = read_articles(source, published=published, text_field=text_field, date_field=date_field)
    outputs = (_extract_one(extractor, record, Failure) for record in records)
    write_results(outputs, output_format, sys.stdout)


def _extract_one(extractor: Any, record: Any, failure_type: type) -> Result | dict[str, Any]:
    """The result for one input record, or an error object that names the record.

    Any exception becomes an error object, so one bad article never stops a batch; set
    EVENTDESK_DEBUG=1 to let it propagate with its traceback instead.
    """
    if isinstance(record, failure_type):
        return {"id": record.id, "origin": record.origin, "error": record.message}
    article: Article = record
    try:
        return extractor(article)
    except EventdeskError as exc:
        return {"id": article.id, "error": str(exc)}
    except Exception as exc:
        if os.environ.get("EVENTDESK_DEBUG"):
            raise
        return {"id": article.id, "error": f"internal error: {type(exc).__name__}: {exc}"}


def write_results(outputs: Iterator[Result | dict[str, Any]], output_format: str, out: TextIO) -> None:
    """Write results as they come (streaming), in input order.

    A failed record of a batch is reported on its own output line and as a warning on stderr. When the
    input held a single record and it failed, that failure is raised as the command's one error line.
    """
    count = 0
    failures: list[str] = []
    held: str | None = None  # the first record's failure, held back until we know this is a batch
    items: list[dict[str, Any]] = []
    for item in outputs:
        count += 1
        if count == 2 and held:
            _warn(held)
        payload = item.to_dict() if isinstance(item, Result) else item
        if "error" in payload:
            failures.append(f"{payload.get('id') or payload.get('origin') or f'record {count}'}: {payload['error']}")
            if count == 1:
                held = failures[-1]
            else:
                _warn(failures[-1])
        if output_format == "jsonl":
            out.write(json.dumps(payload, ensure_ascii=False) + "\n")
        elif output_format == "json":
            items.append(payload)
        elif isinstance(item, Result):
            out.write(render_table(item))
    if count == 0:
        raise InputError("no articles found in the input")
    if count == 1 and failures:
        raise InputError(failures[0])
    if output_format == "json":
        body = items[0] if len(items) == 1 else items
        out.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    if len(failures) == count:
        raise InputError(f"none of the {count} input records could be extracted")


def _warn(message: str) -> None:
    click.echo(f"eventdesk: warning: {message}", err=True)


def render_table(result: Result) -> str:
    """A readable summary of one result: events first, then who said what."""
    names = {a.id: a.name for a in result.actors}
    art = result.article
    lines = [f"== {art.title or art.id or art.text_sha256[:16]}"
             + (f" ({art.published.isoformat()})" if art.published else " (no publication date)")]
    lines.append(f"{len(result.events)} events, {len(result.actors)} actors, {len(result.places)} places, "
                 f"{len(result.times)} dates, {len(result.quotes)} quotes, {len(result.statements)} statements")
    rows = [("type", "actor1", "actor2", "where", "when", "killed", "injured")]
    for ev in result.events:
        rows.append((
            ev.sub_event_type,
            names.get(ev.actor1 or "", "-"),
            names.get(ev.actor2 or "", "-"),
            (ev.location.name or ev.location.country_code or "-") if ev.location else "-",
            (ev.date.value or "?") if ev.date else "-",
            _count(ev.fatalities),
            _count(ev.injuries),
        ))
    lines.extend(_columns(rows))
    events = {ev.id: _event_label(ev) for ev in result.events}
    for st in result.statements:
        about = f" (about: {events[st.about_event]})" if st.about_event in events else ""
        lines.append(f"  statement: {names.get(st.source_actor or '', '?')} {st.kind} "
                     f"{names.get(st.target_actor or '', '-')}{about}")
    for q in result.quotes:
        who = (q.speaker.name or "?") if q.speaker else "(unattributed)"
        lines.append(f"  quote: {who}: \u201c{_clip(q.text, 70)}\u201d")
    for rel in result.relations:
        source, target = events.get(rel.source, rel.source), events.get(rel.target, rel.target)
        lines.append(f"  relation: {source} {rel.kind} {target}")
    for flag in result.flags:
        lines.append(f"  flag: {flag.kind}: {_clip(flag.text, 60)}")
    return "\n".join(lines) + "\n\n"


def _event_label(ev: Any) -> str:
    where = (ev.location.name or ev.location.country_code) if ev.location else None
    return f"[{ev.sub_event_type}{f' in {where}' if where else ''}]"


def _count(c: Any) -> str:
    if c is None:
        return "-"
    if c.min == c.max:
        return str(c.min)
    return f"{'' if c.min is None else c.min}..{'' if c.max is None else c.max}"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _columns(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [min(28, max(len(r[i]) for r in rows)) for i in range(len(rows[0]))]
    return ["  " + "  ".join(_clip(cell, w).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in rows]


def _register() -> None:
    # Commands live beside the code they drive; this is the one list of them.
    from eventdesk.evaluate.command import COMMANDS as EVALUATE_COMMANDS
    from eventdesk.store.commands import COMMANDS as STORE_COMMANDS

    for command in [*STORE_COMMANDS, *EVALUATE_COMMANDS]:
        cli.add_command(command)


_register()


def _one_line_warning(message: Warning | str, category: type[Warning], *_args: object, **_kw: object) -> None:
    click.echo(f"eventdesk: warning: {message}", err=True)


def main(argv: list[str] | None = None) -> None:
    """Entry point: runs the CLI with one-line errors instead of tracebacks."""
    warnings.showwarning = _one_line_warning  # type: ignore[assignment]
    try:
        code = cli.main(args=argv, standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("eventdesk: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except EventdeskError as exc:
        click.echo(f"eventdesk: error: {exc}", err=True)
        sys.exit(EXIT_USER_ERROR)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): not an error worth a message
        sys.exit(0)
    except Exception as exc:  # the one place that turns bugs into a one-line message
        if os.environ.get("EVENTDESK_DEBUG"):
            raise
        click.echo(f"eventdesk: internal error: {type(exc).__name__}: {exc} "
                   "(set EVENTDESK_DEBUG=1 for details)", err=True)
        sys.exit(EXIT_INTERNAL_ERROR)
    if isinstance(code, int) and code:
        sys.exit(code)


if __name__ == "__main__":
    main()

