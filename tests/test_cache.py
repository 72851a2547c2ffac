"""The results cache: same mentions as a fresh parse, nothing parsed twice, and safe against a killed write."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

import pytest

from mapapp.cache import ResultsCache, article_key
from mapapp.gazetteer import Gazetteer
from mapapp.io import to_geojson
from mapapp.model import Article, Place
from mapapp.pipeline import Parser

PLACES = [
    Place("gz:rafah", "Rafah", "city", 31.29, 34.25, names=("Rafah",), layer="local"),
    Place("gn:294640", "Israel", "country", 31.5, 34.75, names=("Israel",), population=9_000_000),
    Place("gn:2988507", "Paris", "city", 48.85, 2.35, names=("Paris",), population=2_000_000),
]
TEXTS = ["Strikes hit Rafah overnight, Israel said.", "Talks in Paris ended.", "Nothing to see here.",
         "Rafah and Paris, Rafah again."]


def articles(texts=TEXTS):
    return [Article(id=f"a{i}.txt", doc=f"a{i}.txt", path=f"/x/a{i}.txt", text=t) for i, t in enumerate(texts)]


@pytest.fixture()
def parser():
    return Parser(Gazetteer(PLACES))


class Counting:
    """Counts the articles the parser really parses."""

    def __init__(self, parser, monkeypatch):
        self.seen: list[str] = []
        real = parser.mentions
        monkeypatch.setattr(parser, "mentions", lambda a: self.seen.append(a.id) or real(a))


def test_cached_parse_equals_a_fresh_one_and_parses_nothing_twice(parser, tmp_path, monkeypatch):
    fresh = parser.parse(articles())
    count = Counting(parser, monkeypatch)
    cache = ResultsCache(tmp_path)
    first = parser.parse(articles(), cache=cache)
    second = parser.parse(articles(), cache=cache)
    assert to_geojson(first) == to_geojson(fresh) == to_geojson(second)
    assert list(first.dtypes) == list(fresh.dtypes)
    assert count.seen == ["a0.txt", "a1.txt", "a2.txt", "a3.txt"]  # the second run parsed none


def test_new_and_changed_articles_are_parsed_incrementally(parser, tmp_path, monkeypatch):
    cache = ResultsCache(tmp_path)
    parser.parse(articles(), cache=cache)
    count = Counting(parser, monkeypatch)
    more = articles(TEXTS[:3] + ["Rafah, then Israel."] + ["A new one from Paris."])
    got = parser.parse(more, cache=cache)
    assert count.seen == ["a3.txt", "a4.txt"]  # a3 changed, a4 is new
    assert to_geojson(got) == to_geojson(Parser(Gazetteer(PLACES)).parse(more))


def test_another_gazetteer_does_not_reuse_results(parser, tmp_path, monkeypatch):
    cache = ResultsCache(tmp_path)
    parser.parse(articles(), cache=cache)
    other = Parser(Gazetteer(PLACES[:2]))
    count = Counting(other, monkeypatch)
    got = other.parse(articles(), cache=cache)
    assert len(count.seen) == 4 and "Paris" not in set(got["name"])


def test_article_key_follows_content_not_location():
    a, b = articles()[:2]
    moved = Article(id=a.id, doc=a.doc, path="/elsewhere/a0.txt", text=a.text)
    assert article_key(moved) == article_key(a) != article_key(b)


def test_sigkill_mid_write_leaves_the_cache_readable(parser, tmp_path):
    cache = ResultsCache(tmp_path)
    before = parser.parse(articles(TEXTS[:2]), cache=cache)
    script = textwrap.dedent(f"""
        import os, signal, sys
        import pyarrow.parquet as pq
        from mapapp.cache import ResultsCache
        from mapapp.gazetteer import Gazetteer
        from mapapp.pipeline import Parser
        from tests.test_cache import PLACES, TEXTS, articles

        def dying_write(table, where, **kwargs):
            with open(where, "wb") as fh:
                fh.write(b"PAR1" + b"half a segment" * 1000)
                fh.flush()
                os.kill(os.getpid(), signal.SIGKILL)

        pq.write_table = dying_write
        Parser(Gazetteer(PLACES)).parse(articles(), cache=ResultsCache({str(tmp_path)!r}))
    """)
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    proc = subprocess.run([sys.executable, "-c", script], cwd=repo, capture_output=True, timeout=120)
    assert proc.returncode == -9, proc.stderr.decode()[-2000:]
    assert list(tmp_path.rglob(".seg-*"))  # the killed write's leftovers (mapapp.io.atomic_path), never read
    # the earlier results are still there and still right; the rest is parsed again
    keys = [article_key(a) for a in articles(TEXTS[:2])]
    _, found = cache.load(parser.gazetteer, keys)
    assert found == set(keys)
    assert to_geojson(parser.parse(articles(TEXTS[:2]), cache=cache)) == to_geojson(before)
    assert to_geojson(parser.parse(articles(), cache=cache)) == to_geojson(Parser(Gazetteer(PLACES)).parse(articles()))


def test_a_segment_of_another_column_layout_is_parsed_again(parser, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    cache = ResultsCache(tmp_path)
    dated = [Article(id=a.id, doc=a.doc, path=a.path, text=a.text, date=dt.date(2025, 3, 3), date_source="published")
             for a in articles()]
    fresh = parser.parse(dated, cache=cache)
    assert set(fresh["date_source"]) == {"published"}
    for seg in tmp_path.rglob("seg-*.parquet"):  # as a cache from before the date_source column wrote it
        table = pq.read_table(seg)
        pq.write_table(table.drop_columns(["date_source"]).replace_schema_metadata(table.schema.metadata), seg)
    count = Counting(parser, monkeypatch)
    again = parser.parse(dated, cache=cache)
    assert count.seen == ["a0.txt", "a1.txt", "a2.txt", "a3.txt"] and to_geojson(again) == to_geojson(fresh)
