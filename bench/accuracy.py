"""Accuracy on every labeled dataset, gated against the recorded baseline.

    python bench/accuracy.py                         # all tasks, all data; compare with the baseline
    python bench/accuracy.py --limit 20 --errors 5   # a quick look with the worst cases
    python bench/accuracy.py --write-baseline        # record this run as bench/accuracy_baseline.json

Prints one table per task (see ``eventdesk.evaluate.harness`` for the datasets and figures). When
bench/accuracy_baseline.json exists, the run is compared with it and the script exits 1 if any figure
dropped by more than 2 points (error figures such as km: rose by more than 2%). ``--write-baseline``
refuses to record a limited run, and refuses to lower a figure silently: a run that regresses is only
recorded with ``--allow-regression``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from eventdesk.evaluate import harness

REPO = Path(__file__).resolve().parent.parent
BASELINE = REPO / "bench" / "accuracy_baseline.json"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help=f"labeled data root (default: ${harness.DATA_ENV} or ../shared/data)")
    parser.add_argument("--limit", type=int, help="score only the first N documents of each dataset")
    parser.add_argument("--errors", type=int, default=0, help="print the N worst error cases of each dataset")
    parser.add_argument("--output", type=Path, help="also write this run's figures to this JSON file")
    parser.add_argument("--baseline", type=Path, default=BASELINE, help="baseline results file (default: %(default)s)")
    parser.add_argument("--no-compare", action="store_true", help="do not compare with the baseline")
    parser.add_argument("--write-baseline", action="store_true", help="record this run as the baseline")
    parser.add_argument(
        "--allow-regression", action="store_true", help="with --write-baseline: record even a regression"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; the return value is the exit status (1: regression or refused baseline)."""
    args = parse_args(argv)
    if args.write_baseline and args.limit:
        print("refusing --write-baseline with --limit: a baseline is a full run", file=sys.stderr)
        return 2
    root = harness.data_root(args.data)
    started = time.perf_counter()
    outcomes = harness.run(harness.DATASETS, root, args.limit, progress=_progress)
    print(harness.format_tables(outcomes))
    if args.errors:
        print("\n" + harness.format_errors(outcomes, args.errors))
    print(f"\ntotal {time.perf_counter() - started:.1f} s")
    current = harness.results(outcomes, args.limit, root)
    if args.output:
        harness.write_results(current, args.output)
        print(f"results written to {args.output}")
    status = 0
    if args.baseline.exists() and not args.no_compare:
        verdict = harness.compare(harness.read_results(args.baseline), current)
        print("\n" + harness.format_comparison(verdict, str(args.baseline)))
        status = 0 if verdict.passed else 1
    if args.write_baseline:
        if status and not args.allow_regression:
            print("baseline NOT written: the run regressed (use --allow-regression to record it anyway)")
            return status
        harness.write_results(current, args.baseline)
        print(f"baseline written to {args.baseline}")
        return 0
    return status


def _progress(outcome: harness.Outcome) -> None:
    note = f": {outcome.note}" if outcome.status != "ok" else ""
    print(
        f"{outcome.dataset.task}/{outcome.dataset.name}: {outcome.status}{note} ({outcome.seconds:.1f} s)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    sys.exit(main())
