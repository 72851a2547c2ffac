"""The `mapapp` command: a thin shell over the library."""
from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False, help="See where the news is talking about.")


@app.callback()
def _commands() -> None:
    """See where the news is talking about."""  # keeps subcommands even while there is only one


@app.command("articles")
def articles(
    paths: list[Path] = typer.Argument(None, help="Files or folders to read (default: the repository's seeds/)."),
    as_json: bool = typer.Option(False, "--json", help="Print the articles as JSON instead of a table."),
    max_mb: float = typer.Option(None, "--max-mb", help="Skip files larger than this many megabytes."),
) -> None:
    """List the articles a corpus holds: id, title, date (and where it came from), sections, size."""
    from mapapp.corpus import read_corpus
    from mapapp.corpus._report import default_corpus_path, print_json, print_table

    result = read_corpus(paths or [default_corpus_path()], max_bytes=int(max_mb * 1e6) if max_mb else None)
    for problem in result.problems:
        typer.echo(f"skipped {problem.path}: {problem.reason}", err=True)
    (print_json if as_json else print_table)(result.articles)
    raise typer.Exit(result.exit_code)


def main() -> None:
    app()
