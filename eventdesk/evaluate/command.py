"""The ``eventdesk evaluate`` command: a thin wrapper over ``eventdesk.evaluate.harness.evaluate``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from eventdesk.evaluate import harness


@click.command("evaluate")
@click.argument("task", default="all", type=click.Choice(["all", *harness.TASKS]))
@click.option("--dataset", "-d", metavar="NAME", help="Only this dataset of the task (e.g. GeoVirus, plover_gsr).")
@click.option("--limit", "-n", type=click.IntRange(min=1), help="Score only the first N documents of each dataset.")
@click.option(
    "--errors",
    "-e",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Print the N worst error cases of each dataset, with their text.",
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write all figures to this JSON file."
)
@click.option(
    "--compare",
    "previous",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Compare with a previous results file; exit 1 if any figure regressed by more than "
    "2 points (2% for error figures such as km).",
)
@click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    help=f"The labeled data root (default: ${harness.DATA_ENV}, else ../shared/data beside the repo).",
)
def evaluate_command(
    task: str,
    dataset: str | None,
    limit: int | None,
    errors: int,
    output: Path | None,
    previous: Path | None,
    data: Path | None,
) -> None:
    """Score the extractor on labeled data: TASK is one of the tasks or "all" (the default).

    Prints one table per task; datasets whose scorer or data is missing are listed with the reason.
    """
    try:
        status = harness.evaluate(
            task,
            dataset,
            limit,
            errors,
            output,
            previous,
            data,
            echo=click.echo,
            progress=lambda line: click.echo(line, err=True),
        )
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    sys.exit(status)


COMMANDS: list[click.Command] = [evaluate_command]
