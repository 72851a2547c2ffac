"""The Dask engine gives the serial parse's rows, in the same order, and reuses the results cache."""
from __future__ import annotations

from pathlib import Path

import pytest

from mapapp.kinds import ZONE_KINDS
from mapapp.cache import ResultsCache
from mapapp.corpus import read_corpus
from mapapp.gazetteer import Gazetteer
from mapapp.io import read_table, to_geojson
from mapapp.model import Article
from mapapp.pipeline import Parser
from mapapp.scale import dask_results, parse_with_dask, partitions, write_partitioned

distributed = pytest.importorskip("distributed")
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def corpus():
    extra = [Article(id=f"x{i}", doc=f"x{i}", path="", text=t) for i, t in enumerate(
        ["Strikes on Rafah and Khan Younis.", "Nothing here.", "From Jabalia to Deir al-Balah, then Rafah."] * 3)]
    return read_corpus([SEEDS]).articles + extra


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


@pytest.fixture(scope="module")
def gazetteer_args(tmp_path_factory):
    # the local layer only: the test is about partitioning, not the world layer's size
    return {"world": False, "cache_dir": tmp_path_factory.mktemp("gazetteer")}


def test_dask_equals_serial(corpus, client, gazetteer_args, tmp_path):
    gaz = Gazetteer.load(**gazetteer_args)
    serial = Parser(gaz).parse(corpus)
    seen = []
    dask = parse_with_dask(corpus, gaz, client=client, gazetteer_args=gazetteer_args, progress=seen.append)
    assert len(serial) > 50
    assert to_geojson(dask) == to_geojson(serial)
    assert seen[-1] == len(corpus)
    # partitioned output: the parts read back in order are the whole, and every place they name is in the places
    results = dask_results(corpus, gaz, client=client, gazetteer_args=gazetteer_args)
    parts = write_partitioned(results, tmp_path / "out", corpus, places=tmp_path / "out.places.parquet")
    back = [read_table(p) for p in parts if p.parent.name == "out"]
    assert sum(len(b) for b in back) == len(serial)
    assert [r for b in back for r in b["surface"]] == list(serial["surface"])
    assert [g != "Point" for b in back for g in b.geom_type] == [k in ZONE_KINDS for b in back for k in b["kind"]]
    places = read_table(tmp_path / "out.places.parquet")
    assert places["place_id"].is_unique and {p for b in back for p in b["place_id"]} == set(places["place_id"])


def test_dask_uses_the_results_cache(corpus, client, gazetteer_args, tmp_path):
    gaz = Gazetteer.load(**gazetteer_args)
    cache = ResultsCache(tmp_path)
    first = parse_with_dask(corpus[:4], gaz, client=client, gazetteer_args=gazetteer_args, cache=cache)
    segments = list(tmp_path.rglob("seg-*.parquet"))
    again = parse_with_dask(corpus, gaz, client=client, gazetteer_args=gazetteer_args, cache=cache)
    assert to_geojson(again) == to_geojson(Parser(gaz).parse(corpus))
    assert to_geojson(again[again["article_id"].isin([a.id for a in corpus[:4]])]) == to_geojson(first)
    assert len(list(tmp_path.rglob("seg-*.parquet"))) == len(segments) + 1  # only the new articles were sent out


def test_partitions_cover_the_corpus_in_order(corpus):
    parts = partitions(corpus, target_bytes=2000, min_parts=3)
    assert [i for p in parts for i in p] == list(range(len(corpus)))
    assert len(parts) >= 3 and all(parts)
    assert partitions([]) == []


def test_dask_writes_the_files_a_serial_parse_writes(corpus, client, gazetteer_args, tmp_path):
    from mapapp.io import write_results

    gaz = Gazetteer.load(**gazetteer_args)
    serial = write_results(Parser(gaz).results(corpus), tmp_path / "serial.geojson")
    dask = write_results(dask_results(corpus, gaz, client=client, gazetteer_args=gazetteer_args), tmp_path / "dask.geojson")
    assert [p.read_bytes() for p in dask] == [p.read_bytes() for p in serial]
