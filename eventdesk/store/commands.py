"""CLI commands over the event database (work in progress)."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
