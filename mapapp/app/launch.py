"""Start the app's Streamlit server warmed up: corpus parsed, gazetteer loaded, libraries imported.

`mapapp serve` runs :func:`main` (see :func:`mapapp.cli.serve_command`). Before
Streamlit starts listening (and so before /_stcore/health answers), it

- parses the corpus into the results cache (:class:`mapapp.cache.ResultsCache`),
  progress on stderr: only articles the cache has not seen are parsed;
- keeps that :class:`~mapapp.pipeline.Parser` for the app (:func:`parser`): the
  script runs in this process, so its first run finds the gazetteer loaded;
- draws the map once, which imports folium and altair and fills the
  map's shape caches.

The app's first page then only reads cached results: places and zones show in
seconds, not after a parse.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

_parser = None
_prepared: dict[tuple[str, ...], tuple[tuple, object]] = {}  # paths -> (their file stats, CorpusFrames)


def parser():
    """The Parser the server was started with, or a new one (the app run without `mapapp serve`)."""
    global _parser
    if _parser is None:
        from mapapp.pipeline import Parser

        _parser = Parser()
    return _parser


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def prepare(paths: list[str]) -> None:
    """Parse ``paths`` into the results cache, as the app's loader will read them, and draw the map once."""
    from tqdm import tqdm

    from mapapp.cache import ResultsCache
    from mapapp.corpus import read_corpus
    from mapapp.pipeline import load_corpus_frames
    from mapapp.uploads import file_stats

    articles = read_corpus([Path(p) for p in paths]).articles  # as load_corpus_frames reads them
    _say(f"mapapp: {len(articles)} articles; loading the gazetteer…")
    ready = parser()
    with tqdm(total=len(articles), desc="mapapp: parsing (cached articles are read, not parsed)",
              unit="article", file=sys.stderr, mininterval=0.5) as bar:
        ready.parse(articles, cache=ResultsCache(), progress=lambda done: bar.update(done - bar.n))
    _say("mapapp: drawing the map once…")
    stats = file_stats(paths)
    frames = load_corpus_frames(paths, parser=ready, cache=ResultsCache())
    _prepared[tuple(paths)] = (stats, frames)
    _draw_once(frames)


def prepared_frames(paths: tuple[str, ...], stats: tuple) -> object | None:
    """The CorpusFrames :func:`prepare` made of ``paths``, if their files are still as they were then.

    The app runs in this process: its first page takes these instead of reading every
    article back from the results cache (~3 s for 2,000 articles).
    """
    held = _prepared.get(tuple(paths))
    return held[1] if held is not None and held[0] == stats else None


def _draw_once(frames) -> None:
    # Not streamlit_folium: it declares its component on import, which must wait for Streamlit's config.
    import altair  # noqa: F401 - imported here so the first page does not wait for them
    import mapapp.export  # noqa: F401
    import mapapp.snapshot  # noqa: F401

    from mapapp.filters import FilterState, apply_filters
    from mapapp.mapview import build_base_map, build_layers, default_bounds

    base = build_base_map(bounds=default_bounds(frames.mentions), named_zones=frames.named_zones)
    for layer in build_layers(apply_filters(frames.mentions, FilterState(), with_place=False), frames.articles):
        layer.add_to(base)
    base.get_root().render()


def run_in_place(cmd: list[str]) -> int:
    """Run the server command so that stopping `mapapp serve` stops the server and frees its port.

    On POSIX the process becomes the server (exec): a signal to `mapapp serve`'s pid is a signal
    to Streamlit, which shuts down on SIGTERM/SIGINT (SIGHUP ends it). Where exec only starts a
    new process (Windows), the server runs as a child that gets our stop signals, and we wait.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.execv(cmd[0], cmd)  # does not return
    proc = subprocess.Popen(cmd)
    for name in ("SIGINT", "SIGTERM", "SIGBREAK"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), lambda signum, frame: proc.send_signal(signum))
    return proc.wait()


def main(argv: list[str]) -> int:
    """``argv``: the `streamlit` command line (``run APP [flags] -- PATH...``); prepares, then runs it."""
    paths = argv[argv.index("--") + 1:] if "--" in argv else []
    if paths:
        try:
            prepare(paths)
        except KeyboardInterrupt:  # Ctrl-C while parsing: stop quietly, nothing is listening yet
            _say("mapapp: stopped before the server started")
            return 130
        except Exception as exc:  # noqa: BLE001 - the app can still parse on first open
            _say(f"mapapp: warning: could not prepare the corpus ahead ({exc!r}); the app parses it when opened")
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", *argv]
    return streamlit_main(prog_name="streamlit")
