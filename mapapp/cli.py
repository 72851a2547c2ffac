"""The `mapapp` command: a thin shell over the library."""
from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False, help="See where the news is talking about.")


def main() -> None:
    app()
