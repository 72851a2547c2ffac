"""The `mapapp` command: a thin shell over the library."""
from __future__ import annotations

import gc
from pathlib import Path

import typer

from mapapp import formats

app = typer.Typer(no_args_is_help=True, add_completion=False, help="See where the news is talking about.")


@app.callback()
def _commands() -> None:
    """See where the news is talking about."""  # keeps subcommands even while there is only one


@app.command("articles")
def articles(
    paths: list[Path] = typer.Argument(None, help="Files or folders to read (default: the repository's seeds/)."),
    as_json: bool = typer.Option(False, "--json", help="Print the articles as JSON instead of a table."),
    max_mb: float = typer.Option(None, "--max-mb", help="Skip files larger than this many megabytes (0: no limit; default $MAPAPP_MAX_ARTICLE_MB)."),
) -> None:
    """List the articles a corpus holds: id, title, date (and where it came from), sections, size."""
    from mapapp.corpus import read_corpus
    from mapapp.corpus import default_corpus_path, print_json, print_table

    result = read_corpus(paths or [default_corpus_path()], max_bytes=_max_bytes(max_mb))
    for problem in result.problems:
        typer.echo(f"skipped {problem.path}: {problem.reason}", err=True)
    (print_json if as_json else print_table)(result.articles)
    raise typer.Exit(result.exit_code)


def _default_paths(paths: list[Path] | None) -> list[Path]:
    if paths:
        return list(paths)
    from mapapp.corpus import default_corpus_path

    return [default_corpus_path()]


def _max_bytes(max_mb: float | None) -> int | None:
    """--max-mb (0: no limit), else $MAPAPP_MAX_ARTICLE_MB; a bad value ends the command with exit 2."""
    from mapapp.corpus import LimitError, env_max_bytes, max_bytes_from_mb

    try:
        return max_bytes_from_mb(max_mb) if max_mb is not None else env_max_bytes()
    except LimitError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


def _load_gazetteer(layers: list[Path] | None):
    from mapapp.gazetteer import Gazetteer, LayerError

    try:
        return Gazetteer.load(user_layers=layers or ())
    except LayerError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


class _Bar:
    """A progress bar started on the first report (after the parse's worker processes are forked: they
    must not inherit the bar's refresh thread), and only for a corpus of many files or articles."""

    def __init__(self, label: str, at_least: int = 50):
        self.label, self.at_least = label, at_least
        self._progress = self._task = None

    def __call__(self, done: int, total: int) -> None:
        if total < self.at_least:
            return
        if self._progress is None:
            from rich.progress import Progress

            self._progress = Progress(transient=True)
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=total)
        self._progress.update(self._task, completed=done, total=total)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def _results(paths, layer, engine, scheduler, no_cache, max_mb, jobs):
    """Read and parse the corpus as `parse` and `places` do: (Results, articles read, exit code)."""
    if engine not in ("serial", "dask"):
        typer.echo(f"error: --engine must be serial or dask, not {engine}", err=True)
        raise typer.Exit(2)
    max_bytes = _max_bytes(max_mb)
    paths = _default_paths(paths)
    reading = None
    if engine == "serial":
        from mapapp.read_ahead import start_reading

        # The files are read by a process of their own while this one loads the rest (mapapp.read_ahead):
        # forked first, before the cache's table libraries and the parser load.
        reading = start_reading(paths, max_bytes=max_bytes, jobs=jobs)
    bar = _Bar(f"parsing ({engine})")
    try:
        if no_cache:
            cache = None
        else:
            from mapapp.cache import ResultsCache

            cache = ResultsCache()
        if engine == "dask":
            from mapapp.corpus import read_corpus
            from mapapp.scale import dask_results

            corpus = read_corpus(paths, max_bytes=max_bytes)
            for problem in corpus.problems:
                typer.echo(f"skipped {problem.path}: {problem.reason}", err=True)
            n = len(corpus.articles)
            results = dask_results(corpus.articles, _load_gazetteer(layer), scheduler=scheduler,
                                   gazetteer_args={"user_layers": tuple(str(p.resolve()) for p in layer or ())},
                                   cache=cache, progress=lambda done: bar(done, n))
            return results, corpus.articles, corpus.exit_code
        from mapapp.batch import parse_corpus
        from mapapp.pipeline import Parser

        batch = parse_corpus(paths, Parser(_load_gazetteer(layer)), jobs=jobs, cache=cache, max_bytes=max_bytes,
                             progress=bar, reading=reading,
                             report=lambda p: typer.echo(f"skipped {p.path}: {p.reason}", err=True))
        return batch.results, batch.articles, batch.exit_code
    finally:
        bar.close()
        if reading is not None:
            reading.close()


_JOBS_HELP = "Worker processes that read and parse (default: one per core; 1: this process only)."


@app.command("parse")
def parse(
    paths: list[Path] = typer.Argument(None, help="Files or folders to parse (default: the repository's seeds/)."),
    output: Path = typer.Option(Path("mentions.geojson"), "-o", "--output", help=f"Output file: {formats.suffixes('data')}"),
    layer: list[Path] = typer.Option(None, "--layer", help="A user gazetteer layer (GeoJSON or CSV) to add; repeatable."),
    geometry: str = typer.Option("point", "--geometry", help="point: each mention as its place's point, a zone (corridor, line, part of a region) as its shape (default); shape: each mention with its place's shape, simplified as the map draws it."),
    places: Path = typer.Option(None, "--places", help="Where the places (one row and shape per place or zone) go (default: beside the output, NAME.places.EXT; in a .gpkg, its 'places' layer)."),
    no_places: bool = typer.Option(False, "--no-places", help="Write the mentions only."),
    engine: str = typer.Option("serial", "--engine", help="serial (worker processes on this machine) or dask (partitions over Dask workers; -o without an extension or an existing folder: one GeoParquet file per partition)."),
    scheduler: str = typer.Option(None, "--scheduler", help="With --engine dask: the address of a running Dask scheduler (default: a local cluster, one worker per core)."),
    jobs: int = typer.Option(None, "--jobs", "-j", min=1, help=_JOBS_HELP),
    no_cache: bool = typer.Option(False, "--no-cache", help="Parse every article again instead of reusing cached results."),
    max_mb: float = typer.Option(None, "--max-mb", help="Skip files larger than this many megabytes (0: no limit; default $MAPAPP_MAX_ARTICLE_MB)."),
) -> None:
    """Find and resolve the places (and zones) the articles name; write one row per mention and one per place."""
    # Checked with light modules: the reader process (mapapp.read_ahead) is forked before the geometry libraries load.
    from mapapp.errors import OutputError
    from mapapp.model import GEOMETRY_MODES

    partitioned = engine == "dask" and (output.is_dir() or not output.suffix)
    try:
        if geometry not in GEOMETRY_MODES:
            raise OutputError(f"--geometry must be one of {', '.join(GEOMETRY_MODES)}, not {geometry}")
        if not partitioned:
            formats.format_of(output, "data")
        if places is not None:
            formats.format_of(places, "data")
            if places.resolve() == output.resolve():
                raise OutputError(f"{output.name}: the places would overwrite the mentions; give --places another name")
    except OutputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    results, articles, exit_code = _results(paths, layer, engine, scheduler, no_cache, max_mb, jobs)
    from mapapp.io import places_path_for, write_results

    n_articles = articles if isinstance(articles, int) else len(articles)
    try:
        if partitioned:
            from mapapp.scale import write_partitioned

            write_partitioned(results, output, articles, geometry=geometry,
                              places=False if no_places else (places or places_path_for(output)))
        else:
            write_results(results, output, geometry=geometry, places=False if no_places else (places or True))
    except (OutputError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"{len(results)} mentions in {n_articles} articles -> {output}", err=True)
    if not no_places:
        both = not partitioned and formats.format_of(output, "data").both_layers  # a GeoPackage: its second layer
        where = places or (output if both else places_path_for(output))
        typer.echo(f"{len(results.shapes)} places -> {where}{' (layer places)' if where == output else ''}", err=True)
    raise typer.Exit(exit_code)


@app.command("places")
def places_cmd(
    paths: list[Path] = typer.Argument(None, help="Files or folders to parse (default: the repository's seeds/)."),
    output: Path = typer.Option(Path("places.geojson"), "-o", "--output", help=f"Output file: {formats.suffixes('data')}"),
    layer: list[Path] = typer.Option(None, "--layer", help="A user gazetteer layer (GeoJSON or CSV) to add; repeatable."),
    engine: str = typer.Option("serial", "--engine", help="serial or dask, as for parse."),
    scheduler: str = typer.Option(None, "--scheduler", help="With --engine dask: the address of a running Dask scheduler."),
    jobs: int = typer.Option(None, "--jobs", "-j", min=1, help=_JOBS_HELP),
    no_cache: bool = typer.Option(False, "--no-cache", help="Parse every article again instead of reusing cached results."),
    max_mb: float = typer.Option(None, "--max-mb", help="Skip files larger than this many megabytes (0: no limit; default $MAPAPP_MAX_ARTICLE_MB)."),
) -> None:
    """Write one row per place or zone the articles name, with its shape once, its mention and article counts and dates."""
    from mapapp.errors import OutputError

    try:
        formats.format_of(output, "data")
    except OutputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    results, articles, exit_code = _results(paths, layer, engine, scheduler, no_cache, max_mb, jobs)
    from mapapp.io import write_places

    try:
        write_places(results, output)
    except (OutputError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    n_articles = articles if isinstance(articles, int) else len(articles)
    typer.echo(f"{len(results.shapes)} places named by {len(results)} mentions in {n_articles} articles -> {output}", err=True)
    raise typer.Exit(exit_code)


@app.command("evaluate")
def evaluate_cmd(
    paths: list[Path] = typer.Argument(None, help="The texts the gold annotates (files or folders)."),
    gold: Path = typer.Option(..., "--gold", help="Gold annotations, JSON lines (doc, start, end, lat, lon, kind)."),
    show: int = typer.Option(15, "--show", help="List up to N misses, misplacements and spurious finds."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON line."),
    geometry: str = typer.Option("shape", "--geometry", help="shape (default: each mention judged by its place's shape, as parse --geometry shape writes) or point (as parse writes by default: points, a zone as its shape)."),
) -> None:
    """Parse the texts and score the result against gold toponyms (the project scorer's figures)."""
    import json

    from mapapp.corpus import read_corpus
    from mapapp.evaluate import evaluate, load_gold
    from mapapp.pipeline import Parser

    result = read_corpus(_default_paths(paths))
    ev = evaluate(load_gold(gold), Parser().parse(result.articles, geometry=geometry))
    typer.echo(json.dumps(ev.figures) if as_json else ev.report(show))


gazetteer_app = typer.Typer(no_args_is_help=True, help="Inspect and extend the gazetteer.")
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("info")
def gazetteer_info() -> None:
    """How many places and names each layer holds, and the gazetteer's version."""
    import json

    typer.echo(json.dumps(_load_gazetteer(None).info(), indent=2))


@gazetteer_app.command("search")
def gazetteer_search(name: str, limit: int = typer.Option(20, "--limit")) -> None:
    """Places a name can stand for, best first."""
    for p in _load_gazetteer(None).search(name, limit=limit):
        typer.echo(f"{p.id}\t{p.name}\t{p.kind}\t{p.country}\t{p.lat:.5f},{p.lon:.5f}\t{p.layer}\t{p.source}")


@gazetteer_app.command("add")
def gazetteer_add(file: Path, name: str = typer.Option(None, "--name", help="Layer name (default: the file name).")) -> None:
    """Check a user layer (GeoJSON or CSV: name, alt_names, lat/lon or wkt) and install it for later runs."""
    from mapapp.gazetteer import LayerError
    from mapapp.gazetteer import install_user_layer

    try:
        dest, count = install_user_layer(file, name=name)
    except LayerError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"{count} places in layer {dest.stem} ({dest})")


@app.command("setup")
def setup() -> None:
    """Install the offline web assets (npm) and build the world gazetteer cache."""
    from mapapp.npm import NpmError, ensure_npm_packages
    from mapapp.gazetteer import Gazetteer
    from mapapp.match import Matcher

    try:
        typer.echo(f"web assets ready in {ensure_npm_packages()}")
    except NpmError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    gazetteer = Gazetteer.load()
    Matcher(gazetteer)  # compiles and keeps the automaton beside the gazetteer: the first parse only reads it
    info = gazetteer.info()
    typer.echo(f"gazetteer ready: {info['places']} places, {info['names']} names")


def serve_command(paths: list[Path], port: int, max_upload_mb: int | None = None, host: str = "127.0.0.1") -> list[str]:
    """The command line that parses ``paths`` into the results cache, then serves the app on them
    with `streamlit run` in the same process (uploads up to ``max_upload_mb``), listening on ``host``."""
    import sys

    app_file = Path(__file__).resolve().parent / "app" / "streamlit_app.py"
    # `streamlit run`, started by mapapp.app.launch: it parses the corpus first (see there).
    launch = "import sys; from mapapp.app.launch import main; sys.exit(main(sys.argv[1:]))"
    return [
        sys.executable, "-c", launch, "run", str(app_file),
        "--server.port", str(port),
        "--server.address", host,
        "--server.headless", "true",
        "--server.enableStaticServing", "true",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        "--theme.base", "light",
        "--client.toolbarMode", "viewer",
        *(["--server.maxUploadSize", str(max_upload_mb)] if max_upload_mb else []),
        "--", *[str(p.resolve()) for p in paths],
    ]


@app.command("serve")
def serve(
    paths: list[Path] = typer.Argument(None, help="Files or folders to show (default: the repository's seeds/)."),
    port: int = typer.Option(8501, "--port", help="Port to listen on."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on. The default serves this machine only; 0.0.0.0 opens the app (and the articles it shows) to the network."),
    max_upload_mb: int = typer.Option(None, "--max-upload-mb", min=1, help="Largest file the uploader takes, in megabytes (default: Streamlit's 200). Files read from PATH and uploads also obey $MAPAPP_MAX_ARTICLE_MB."),
) -> None:
    """Open the map app in the browser: filters, map, reader, table, timeline, uploads."""
    from mapapp.app.launch import run_in_place
    from mapapp.assets import MissingAssets, require_assets

    try:
        require_assets()
    except MissingAssets as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    chosen = _default_paths(paths)
    missing = [p for p in chosen if not p.exists()]
    if missing:
        typer.echo(f"error: no such file or folder: {', '.join(map(str, missing))}", err=True)
        raise typer.Exit(2)
    _max_bytes(None)  # a bad $MAPAPP_MAX_ARTICLE_MB is reported here, not as a traceback in the browser
    shown = "localhost" if host in ("127.0.0.1", "localhost") else host
    typer.echo(f"serving {', '.join(map(str, chosen))} at http://{shown}:{port} (after parsing what is new)", err=True)
    raise typer.Exit(run_in_place(serve_command(chosen, port, max_upload_mb, host)))


@app.command("snapshot")
def snapshot(
    paths: list[Path] = typer.Argument(None, help="Files or folders to map (default: the repository's seeds/)."),
    output: Path = typer.Option(..., "-o", "--output", help=f"Output file: {formats.suffixes('snapshot')} (.html: the interactive map, works offline)"),
    article: list[str] = typer.Option(None, "--article", help="Only this article id; repeatable."),
    date_from: str = typer.Option(None, "--from", help="Only articles dated on or after YYYY-MM-DD (undated ones stay)."),
    date_to: str = typer.Option(None, "--to", help="Only articles dated on or before YYYY-MM-DD (undated ones stay)."),
    kind: list[str] = typer.Option(None, "--kind", help="Only places of this kind (city, camp, corridor...); repeatable."),
    bbox: str = typer.Option(None, "--bbox", help="The view: minlon,minlat,maxlon,maxlat (default: where the story happens)."),
    size: str = typer.Option("1600x1000", "--size", help="Picture size in pixels, WIDTHxHEIGHT."),
    basemap: str = typer.Option("offline", "--basemap", help="offline (Natural Earth, no network), osm or carto (online tiles)."),
    title: str = typer.Option(None, "--title", help="Title drawn on the map."),
    static: bool = typer.Option(False, "--static", help="Draw a PNG with matplotlib even when Chromium is installed."),
    layer: list[Path] = typer.Option(None, "--layer", help="A user gazetteer layer (GeoJSON or CSV) to add; repeatable."),
) -> None:
    """Draw the map of a corpus, filtered like the app, to one HTML file or a picture."""
    import datetime as dt

    from mapapp.assets import MissingAssets
    from mapapp.filters import FilterState
    from mapapp.io import OutputError
    from mapapp.mapview import BASEMAPS
    from mapapp.pipeline import load_corpus_frames
    from mapapp.snapshot import SnapshotError, build_snapshot, parse_bbox, parse_size, write_snapshot

    def fail(message: str) -> None:
        typer.echo(f"error: {message}", err=True)
        raise typer.Exit(2)

    try:
        formats.format_of(output, "snapshot")  # a bad suffix fails before the corpus is read
        if basemap not in BASEMAPS:
            fail(f"--basemap must be one of {', '.join(BASEMAPS)}")
        picture_size = parse_size(size)
        view = parse_bbox(bbox) if bbox else None
        dates = []
        for flag, value in (("--from", date_from), ("--to", date_to)):
            try:
                dates.append(dt.date.fromisoformat(value) if value else None)
            except ValueError:
                fail(f"{flag} {value!r} is not a date (YYYY-MM-DD)")
    except SnapshotError as exc:
        fail(str(exc))
    chosen = _default_paths(paths)
    missing = [p for p in chosen if not p.exists()]
    if missing:
        fail(f"no such file or folder: {', '.join(map(str, missing))}")
    frames = load_corpus_frames(chosen, gazetteer=_load_gazetteer(layer))
    for problem in frames.problems:
        typer.echo(f"skipped {problem.path}: {problem.reason}", err=True)
    if frames.articles.empty:
        fail("no article could be read; nothing to draw")
    unknown = sorted(set(article or ()) - set(frames.articles["article_id"]))
    if unknown:
        fail(f"no article {', '.join(unknown)} in the corpus (see `mapapp articles`)")
    state = FilterState(articles=tuple(article or ()), date_from=dates[0], date_to=dates[1], kinds=tuple(kind or ()))
    snap = build_snapshot(frames, state, title=title, basemap=basemap, view=view)
    if snap.mentions.empty:
        typer.echo("warning: no mention passes the filters; the map shows only the basemap", err=True)
    try:
        result = write_snapshot(snap, output, size=picture_size, browser=not static)
    except (SnapshotError, OutputError, MissingAssets, OSError, RuntimeError) as exc:
        fail(str(exc))
    if result.note:
        typer.echo(f"note: {result.note}", err=True)
    typer.echo(f"{len(snap.mentions)} mentions ({result.renderer}) -> {output}", err=True)
    raise typer.Exit(1 if frames.problems else 0)


def main() -> None:
    try:
        app()
    finally:
        # The command is done and its files are written. At exit the interpreter would still run full
        # collections over everything loaded (gazetteer, tables, libraries): a quarter second of a user's
        # wait for no result. Frozen objects are skipped; the memory goes back with the process.
        gc.freeze()
