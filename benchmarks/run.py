"""mapapp's benchmarks, in one process: `make bench` or `python benchmarks/run.py [--mb 50]`.

First, what a user runs (benchmarks/end_to_end.py): a cold `mapapp parse
CORPUS --no-cache` writing .geojson and .gpkg on a >= --cli-mb corpus of
thousands of files, against a naive longest-match scan in the same run.

Then builds a corpus of at least --mb megabytes by repeating the seeds (and the
GeoWebNews texts when ../shared/eval/gwn/texts exists: read from there at
run time, never copied) and prints throughput and memory, in this process, for:

- gazetteer cold start from the compiled cache (a fresh interpreter);
- the full pipeline (world + local layers), the floor (the bare multi-pattern
  scan: ``automaton.iter`` over the normalised text), and peers over the same
  corpus: geotext and flashtext (flashtext given the same names);
- the Dask engine (`--engine dask`) on a LocalCluster of 2 worker processes
  with 1 thread each, over the same corpus (or the share --dask-share gives),
  against the serial pipeline on the same articles; cluster start-up apart;
- the app at scale: 10,000 articles / 100,000 mentions through the map's
  filter-and-build-layers step, and the size of the HTML sent.

Not part of the test suite: timings belong in a report, not in an assertion.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GWN = Path(__file__).resolve().parents[2] / "shared" / "eval" / "gwn" / "texts"
sys.path.insert(0, str(REPO))


def rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/status") as fh:
        return next(int(line.split()[1]) / 1024 for line in fh if line.startswith("VmRSS"))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus(min_mb: float):
    from mapapp.corpus import read_corpus
    from mapapp.model import Article

    base = read_corpus([REPO / "seeds"] + ([GWN] if GWN.is_dir() else [])).articles
    size = sum(len(a.text.encode()) for a in base)
    out, copy = [], 0
    while sum(len(a.text.encode()) for a in out) < min_mb * 1e6:
        out += [Article(id=f"{copy}/{a.id}", doc=f"{copy}/{a.doc}", path=a.path, text=a.text, title=a.title,
                        date=a.date, date_source=a.date_source, sections=a.sections) for a in base]
        copy += 1
    return out, len(base), size


def timed(label: str, fn, articles, nbytes: int, results: dict) -> None:
    rss0 = rss_mb()
    t = time.perf_counter()
    fn(articles)
    dt = time.perf_counter() - t
    results[label] = dt
    print(f"{label:<34} {nbytes / 1e6 / dt:8.2f} MB/s {len(articles) / dt:10.0f} articles/s {dt:8.1f} s"
          f"   RSS +{rss_mb() - rss0:5.0f} MB, peak {peak_mb():5.0f} MB", flush=True)


COLD = """
import time, resource; t = time.perf_counter()
from mapapp.gazetteer import Gazetteer; from mapapp.match import Matcher
g = Gazetteer.load(); m = Matcher(g)
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, type(g).__name__)
"""


def cold_start() -> None:
    subprocess.run([sys.executable, "-c", COLD], cwd=REPO, check=True, capture_output=True)  # builds it if missing
    runs = [subprocess.run([sys.executable, "-c", COLD], cwd=REPO, check=True, capture_output=True, text=True)
            .stdout.split() for _ in range(3)]
    best = min(runs, key=lambda r: float(r[0]))
    print(f"gazetteer cold start ({best[2]}, import+load+Matcher, best of 3): {float(best[0]):.2f} s, "
          f"peak RSS {float(best[1]):.0f} MB")


def pipeline_and_peers(articles, nbytes: int):
    from mapapp.gazetteer import Gazetteer
    from mapapp.match import match_form
    from mapapp.normalize import normalise
    from mapapp.pipeline import Parser

    parser = Parser(Gazetteer.load())
    print(f"gazetteer: {parser.gazetteer.info()['places']} places; RSS after load {rss_mb():.0f} MB")
    results: dict[str, float] = {}
    automaton = parser.matcher._automaton

    def scan(arts):
        for a in arts:
            for _ in automaton.iter(" " + match_form(normalise(a.text).text) + " "):
                pass

    timed("floor: bare multi-pattern scan", scan, articles, nbytes, results)
    timed("mapapp: matching only", lambda arts: [len(parser.matcher.find(a.text)) for a in arts], articles, nbytes, results)
    # In chunks, results dropped: the figure is parsing speed, not the memory of 50 MB worth of mention rows.
    def parse_all(arts):
        for i in range(0, len(arts), 500):
            parser.parse(arts[i : i + 500])

    timed("mapapp: full pipeline", parse_all, articles, nbytes, results)

    from geotext import GeoText

    timed("geotext", lambda arts: [GeoText(a.text) for a in arts], articles, nbytes, results)
    from flashtext import KeywordProcessor

    t = time.perf_counter()
    kp = KeywordProcessor(case_sensitive=False)
    for key, _ids in parser.gazetteer.keys():
        kp.add_keyword(key)
    print(f"flashtext: {len(kp)} names added in {time.perf_counter() - t:.1f} s; peak {peak_mb():.0f} MB")
    timed("flashtext (same names)", lambda arts: [kp.extract_keywords(a.text, span_info=True) for a in arts],
          articles, nbytes, results)
    full = results["mapapp: full pipeline"]
    print(f"full pipeline / floor: {full / results['floor: bare multi-pattern scan']:.1f}x the time; "
          f"vs geotext {full / results['geotext']:.2f}x; vs flashtext {full / results['flashtext (same names)']:.2f}x")
    return parser, results


def _warm_worker() -> int:
    """Load this worker's parser (the compiled gazetteer) and what it loads on first use (word frequencies,
    zone rules), so start-up is timed apart from parsing; the text names no place, so nothing of the corpus is learnt."""
    from mapapp.model import Article
    from mapapp.scale import _worker_parser

    parser = _worker_parser({})
    parser.parse([Article(id="warm-up", doc="warm-up", path="", text="Nothing was said. Officials said nothing.")])
    return len(parser.gazetteer)


def dask_engine(articles, nbytes: int, parser, results: dict, share: float) -> None:
    """`--engine dask` on a LocalCluster of 2 worker processes (1 thread each), against the serial pipeline
    on the same articles. Cluster start-up (processes, imports, each worker's gazetteer) is a figure of its own."""
    from distributed import Client, LocalCluster

    from mapapp.scale import parse_with_dask

    part = articles[: max(1, round(len(articles) * share))]
    part_bytes = sum(len(a.text.encode()) for a in part) if share < 1 else nbytes
    if share < 1:  # the serial figure for exactly these articles
        label = f"serial full pipeline ({share:.0%} of corpus)"
        timed(label, lambda arts: [parser.parse(arts[i : i + 500]) for i in range(0, len(arts), 500)],
              part, part_bytes, results)
        serial_s = results[label]
    else:
        serial_s = results["mapapp: full pipeline"]
    t = time.perf_counter()
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    client.run(_warm_worker)
    startup = time.perf_counter() - t
    print(f"{'dask: cluster start-up (2 workers)':<34} {startup:8.1f} s: LocalCluster, 2 processes, each loading the gazetteer",
          flush=True)
    try:
        label = f"dask: 2 workers x 1 thread{' (' + format(share, '.0%') + ')' if share < 1 else ''}"
        timed(label, lambda arts: parse_with_dask(arts, parser.gazetteer, client=client), part, part_bytes, results)
    finally:
        client.close()
        cluster.close()
    dask_s = results[label]
    print(f"dask speed-up over the serial full pipeline on the same {len(part)} articles: {serial_s / dask_s:.2f}x "
          f"({serial_s:.1f} s -> {dask_s:.1f} s; with start-up {serial_s / (dask_s + startup):.2f}x)", flush=True)


def app_at_scale(articles_n: int = 10_000, mentions_n: int = 100_000) -> None:
    import pandas as pd

    from mapapp.corpus import read_corpus
    from mapapp.filters import FilterState, apply_filters
    from mapapp.mapview import build_base_map, build_layers, default_bounds
    from mapapp.pipeline import Parser, articles_frame

    arts = read_corpus([REPO / "seeds"] + ([GWN] if GWN.is_dir() else [])).articles
    mentions = Parser().parse(arts)
    base_articles = articles_frame(arts)
    copies = -(-max(articles_n / len(arts), mentions_n / max(1, len(mentions))) // 1)
    m_parts, a_parts = [], []
    for c in range(int(copies)):
        m, a = mentions.copy(), base_articles.copy()
        m["article_id"] = f"{c}/" + m["article_id"]
        a["article_id"] = f"{c}/" + a["article_id"]
        m_parts.append(m)
        a_parts.append(a)
    big = type(mentions)(pd.concat(m_parts, ignore_index=True), crs=mentions.crs).iloc[:mentions_n]
    big_articles = pd.concat(a_parts, ignore_index=True).iloc[:articles_n]
    def filter_and_layers(state):
        t = time.perf_counter()
        on_map = apply_filters(big, state, with_place=False)
        t_filter = time.perf_counter() - t
        layers = build_layers(on_map, big_articles)
        return layers, t_filter, time.perf_counter() - t - t_filter

    # The first view simplifies every shape once; a filter change finds them simplified.
    layers, first_filter, first_layers = filter_and_layers(FilterState())
    changes = [filter_and_layers(state)[1:] for state in (FilterState(sections=("body",)), FilterState())]
    t_filter, t_layers = max(changes, key=sum)
    m = build_base_map(bounds=default_bounds(big))
    for layer in layers:
        layer.add_to(m)
    html = m.get_root().render()
    print(f"app at scale: {len(big_articles)} articles / {len(big)} mentions: first view: filter {first_filter:.2f} s, "
          f"build layers {first_layers:.2f} s; filter change: filter {t_filter:.2f} s, build layers {t_layers:.2f} s, "
          f"total {t_filter + t_layers:.2f} s (target <= 0.5 s); HTML {len(html.encode()) / 1e6:.1f} MB (target < 3 MB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50, help="corpus size in MB (default 50)")
    ap.add_argument("--skip-app", action="store_true", help="skip the app-at-scale figures")
    ap.add_argument("--dask-share", type=float, default=1.0,
                    help="share of the corpus for the Dask run, from its start (default 1: all of it; 0: no Dask run)")
    ap.add_argument("--cli-mb", type=float, default=19, help="corpus size for the end-to-end CLI runs (default 19)")
    ap.add_argument("--cli-only", action="store_true", help="only the end-to-end CLI runs")
    ap.add_argument("--skip-cli", action="store_true", help="skip the end-to-end CLI runs")
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    if not args.skip_cli:
        from end_to_end import end_to_end

        end_to_end(args.cli_mb)
        if args.cli_only:
            return
    cold_start()
    articles, distinct, size = corpus(args.mb)
    nbytes = sum(len(a.text.encode()) for a in articles)
    print(f"corpus: {len(articles)} articles, {nbytes / 1e6:.1f} MB ({distinct} distinct articles, "
          f"{size / 1e6:.2f} MB, repeated)")
    parser, results = pipeline_and_peers(articles, nbytes)
    if args.dask_share > 0:
        dask_engine(articles, nbytes, parser, results, args.dask_share)
    if not args.skip_app:
        app_at_scale()
    print(f"peak RSS of the whole run: {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
