"""mapapp.batch: worker processes give the rows, shapes and problems of a serial read and parse, in order."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mapapp.batch import can_fork, chunks, parse_corpus, start_reading
from mapapp.cache import ResultsCache
from mapapp.corpus import plan_corpus, read_corpus

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    shutil.copytree(SEEDS, root / "seeds")
    (root / "extra").mkdir()
    (root / "extra" / "a.txt").write_text("Strikes on Rafah and Khan Younis. Talks in Paris.", encoding="utf-8")
    (root / "extra" / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (root / "extra" / "c.jsonl").write_text('{"text": "Aid reached Jabalia."}\n{broken\n{"text": "Nothing."}\n')
    (root / "extra" / "copy.txt").write_bytes((SEEDS / "003_af9b6ddbe6278279.txt").read_bytes())
    (root / "extra" / "empty.txt").write_text("")
    return root


@pytest.fixture(scope="module")
def serial(folder, parser):
    corpus = read_corpus([folder])
    return corpus, parser.results(corpus.articles)


def _same(got, want):
    assert got.rows.reset_index(drop=True).equals(want.rows.reset_index(drop=True))
    assert set(got.shapes) == set(want.shapes)
    assert all(got.shapes[k].equals_exact(want.shapes[k], 0.0) for k in want.shapes)


@pytest.mark.parametrize("jobs", [1, 2])
def test_workers_give_what_a_serial_read_and_parse_gives(folder, parser, serial, jobs):
    corpus, want = serial
    seen, told = [], []
    got = parse_corpus([folder], parser, jobs=jobs, progress=lambda done, total: seen.append((done, total)),
                       report=told.append)
    _same(got.results, want)
    assert got.problems == told == corpus.problems and len(got.problems) == 3  # the PNG, the broken line, empty
    assert got.articles == len(corpus.articles) and got.exit_code == 1
    assert seen[-1] == (len(plan_corpus([folder]).sources),) * 2


def _log_each_call(monkeypatch, owner, name: str, log: Path, line) -> None:
    """Each call of ``owner.name``, in whichever process makes it, appends ``line()`` to ``log``."""
    real = getattr(owner, name)

    def logged(*args):
        with log.open("a") as fh:
            fh.write(f"{line()}\n")
        return real(*args)

    monkeypatch.setattr(owner, name, logged)


def test_two_jobs_parse_in_two_other_processes(folder, parser, tmp_path, monkeypatch):
    assert can_fork(), "a thread left running in the test process"
    log = tmp_path / "pids.txt"
    _log_each_call(monkeypatch, parser, "mentions", log, os.getpid)
    parse_corpus([folder], parser, jobs=2)
    pids = set(log.read_text().split()) - {str(os.getpid())}  # the parent parses only the warm-up sentence
    assert len(pids) == 2


def test_with_a_reader_process_the_workers_parse_what_it_read_and_give_the_same(folder, parser, serial, tmp_path,
                                                                              monkeypatch):
    from mapapp.corpus import CorpusPlan

    corpus, want = serial
    log = tmp_path / "readers.txt"
    _log_each_call(monkeypatch, CorpusPlan, "read", log, os.getpid)
    reading = start_reading([folder], jobs=2)
    assert reading is not None
    try:
        told = []
        got = parse_corpus([folder], parser, jobs=2, reading=reading, report=told.append)
        reader = reading._process.pid
    finally:
        reading.close()
    _same(got.results, want)
    assert got.problems == told == corpus.problems and got.articles == len(corpus.articles)
    assert set(log.read_text().split()) == {str(reader)}  # neither this process nor a worker opened a file


def test_workers_inherit_the_parents_objects_frozen_and_the_parent_unfreezes(folder, parser, tmp_path, monkeypatch):
    import gc

    log = tmp_path / "frozen.txt"
    _log_each_call(monkeypatch, parser, "mentions", log, lambda: f"{os.getpid()} {gc.get_freeze_count()}")
    parse_corpus([folder], parser, jobs=2)
    counts = {int(n) for pid, n in (line.split() for line in log.read_text().splitlines()) if pid != str(os.getpid())}
    assert counts and min(counts) > 1000  # the gazetteer, word lists and modules the worker did not make
    assert gc.get_freeze_count() == 0


def test_the_cache_is_filled_then_read_and_a_lost_segment_is_parsed_again(folder, parser, serial, tmp_path, monkeypatch):
    corpus, want = serial
    cache = ResultsCache(tmp_path)
    _same(parse_corpus([folder], parser, jobs=2, cache=cache).results, want)
    assert set(cache.index(parser.gazetteer)) >= {a for a in map(_key, corpus.articles)}
    log = tmp_path / "parsed.txt"
    real = parser.mentions

    def logged(article):  # forked workers append to a file: the test sees what every process parsed
        if article.id != "warm-up":
            with log.open("a") as fh:
                fh.write(article.id + "\n")
        return real(article)

    monkeypatch.setattr(parser, "mentions", logged)
    _same(parse_corpus([folder], parser, jobs=2, cache=cache).results, want)
    assert not log.exists()  # all of it came from the cache
    real_load = ResultsCache.load

    def half_lost(self, gazetteer, keys, index=None):  # as if some segments could not be read: no rows, no keys
        got, found = real_load(self, gazetteer, keys, index)
        lost = set(sorted(found)[::2])
        got.rows = got.rows[~got.rows["_article_key"].isin(lost)]
        return got, found - lost

    monkeypatch.setattr(ResultsCache, "load", half_lost)
    _same(parse_corpus([folder], parser, jobs=2, cache=cache).results, want)
    assert log.read_text().split()  # the lost ones were parsed again


def _key(article):
    from mapapp.cache import article_key

    return article_key(article)


def test_chunks_cover_the_files_in_order(folder):
    plan = plan_corpus([folder])
    ranges = chunks(plan, jobs=2)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(plan.sources) and len(ranges) >= 4
    assert all(a[1] == b[0] and a[0] < a[1] for a, b in zip(ranges, ranges[1:]))
    assert chunks(plan_corpus([folder / "missing"]), jobs=2) == []


def test_a_worker_reads_and_parses_without_loading_the_table_libraries(tmp_path):
    """The tables (pandas, geopandas, pyarrow) are the parent's: a worker that loaded them would spend a quarter
    of a second of each cold run on imports it never uses."""
    import subprocess
    import sys
    import textwrap

    (tmp_path / "a.txt").write_text("Strikes on Rafah and Khan Younis. Talks in Paris.", encoding="utf-8")
    script = textwrap.dedent(f"""
        import sys
        from mapapp import batch
        from mapapp.corpus import plan_corpus
        from mapapp.gazetteer import Gazetteer
        from mapapp.model import Place
        from mapapp.pipeline import Parser

        gaz = Gazetteer([Place("t:1", "Rafah", "city", 31.29, 34.25, names=("Rafah",), layer="local")])
        plan = plan_corpus([{str(tmp_path)!r}])
        batch._state.update(plan=plan, parser=Parser(gaz), index={{}})
        problems, n, keys, cached, *rows = batch._parse_chunk(((0, len(plan.sources)), None))
        assert n == 1 and keys[0] is not None and not cached
        print(sorted(m for m in ("pandas", "geopandas", "pyarrow") if m in sys.modules))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
