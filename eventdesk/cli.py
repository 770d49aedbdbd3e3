"""The ``eventdesk`` command. Thin: every command calls plain functions that tests call directly."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventdesk")
def cli() -> None:
    """Turn news articles into a geocoded, deduplicated, source-linked event table."""


def _register() -> None:
    # Commands live beside the code they drive; this is the one list of them.
    from eventdesk.evaluate.command import COMMANDS as EVALUATE_COMMANDS
    from eventdesk.store.commands import COMMANDS as STORE_COMMANDS

    for command in [*STORE_COMMANDS, *EVALUATE_COMMANDS]:
        cli.add_command(command)


_register()


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
