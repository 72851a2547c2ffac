"""A long fuzz run of reading and parsing (outside CI): random bytes and random articles, many examples.

    .venv/bin/python benchmarks/fuzz_corpus.py --examples 5000      # hypothesis, a few minutes
    .venv/bin/python benchmarks/fuzz_corpus.py --examples 200 --big  # adds the 20 MB file, unlimited

What must hold for every input (the same properties as tests/test_hostile_corpus.py
and tests/test_properties.py, with far more examples and the real gazetteer):

- ``read_bytes`` never raises: it returns articles or ReadProblems;
- every mention of every article satisfies ``text[start:end] == surface``;
- a place name put into random text is found at its offsets;
- no single article takes longer than ``--max-seconds`` to parse.

Failures are printed as hypothesis's shrunk examples; the exit code is 1 if any property failed.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hostile import hostile_files  # noqa: E402

from mapapp.corpus import read_bytes  # noqa: E402
from mapapp.normalize import _INVISIBLE_RE  # noqa: E402
from mapapp.pipeline import Parser  # noqa: E402

EXTENSIONS = [".txt", ".md", ".html", ".json", ".jsonl", ".csv", ".tsv", ""]
NAMES = ["Khan Younis", "Rafah", "Deir al-Balah", "Gaza City", "Jabalia", "Nuseirat", "Beit Lahia", "Ramallah"]
SEEDS = [data for data, _ in hostile_files(big_mb=0).values()]


def check_article(parser: Parser, article, max_seconds: float) -> list:
    started = time.perf_counter()
    mentions = parser.mentions(article)
    took = time.perf_counter() - started
    assert took < max_seconds, f"{article.id}: {len(article.text)} chars took {took:.1f} s"
    for m in mentions:
        assert article.text[m.start:m.end] == m.surface, (article.id, m.start, m.end, m.surface)
    return mentions


def run(examples: int, max_seconds: float) -> int:
    parser = Parser()
    failures = 0
    cfg = settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)

    # Random bytes, and the hostile files mutated byte by byte, under every extension.
    mutated = st.builds(
        lambda seed, cuts, junk: seed[:cuts] + junk + seed[cuts:],
        st.sampled_from(SEEDS), st.integers(0, 400), st.binary(max_size=64),
    )

    @cfg
    @given(data=st.one_of(st.binary(max_size=4096), mutated), ext=st.sampled_from(EXTENSIONS))
    def bytes_never_break_the_reader(data, ext):
        articles, problems = read_bytes(data, f"fuzz{ext}")
        assert articles or problems
        for a in articles:
            check_article(parser, a, max_seconds)

    @cfg
    @given(before=st.text(max_size=2000), after=st.text(max_size=2000), name=st.sampled_from(NAMES),
           ext=st.sampled_from([".txt", ".md"]))
    def names_in_random_text_are_found(before, after, name, ext):
        text = f"{before}\n{name} {after}"
        articles, _ = read_bytes(text.encode("utf-8", "surrogatepass"), f"fuzz{ext}")
        if not articles or name not in articles[0].text:
            return  # the reader dropped the line (front matter, an encoding guess): nothing to find
        article = articles[0]
        at = article.text.index(f"\n{name} ") + 1 if f"\n{name} " in article.text else article.text.index(name)
        found = check_article(parser, article, max_seconds)
        assert any(m.start <= at and m.end >= at + len(name) for m in found) or \
            any(_INVISIBLE_RE.sub("", m.surface) == name for m in found), (name, article.text[max(0, at - 40):at + 40])

    for prop in (bytes_never_break_the_reader, names_in_random_text_are_found):
        started = time.perf_counter()
        try:
            prop()
            print(f"ok    {prop.__name__} ({examples} examples, {time.perf_counter() - started:.0f} s)")
        except Exception as exc:  # noqa: BLE001 - report every property, then fail
            failures += 1
            print(f"FAIL  {prop.__name__}: {type(exc).__name__}: {exc}")
    return failures


def run_big(max_seconds: float) -> int:
    """The 20 MB file read with no limit and parsed: how long, and whether offsets hold."""
    parser = Parser()
    data, _ = hostile_files(big_mb=20)["big-20mb.txt"]
    started = time.perf_counter()
    articles, problems = read_bytes(data, "big-20mb.txt", max_bytes=0)
    read_s = time.perf_counter() - started
    mentions = check_article(parser, articles[0], max_seconds)
    print(f"big   20 MB: read {read_s:.1f} s, parsed {len(mentions)} mentions in {time.perf_counter() - started - read_s:.1f} s")
    return 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--examples", type=int, default=2000)
    ap.add_argument("--max-seconds", type=float, default=30.0, help="slowest parse allowed for one article")
    ap.add_argument("--big", action="store_true", help="also parse the 20 MB file with no size limit")
    args = ap.parse_args()
    failures = run(args.examples, args.max_seconds)
    if args.big:
        failures += run_big(max_seconds=600.0)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
