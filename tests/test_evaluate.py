"""mapapp's scorer, and the seed scores pinned so that a regression fails."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from mapapp.evaluate import evaluate, load_gold, placed_ok

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
GOLD = SHARED / "seeds-gold.jsonl"
REPO = Path(__file__).resolve().parents[1]


def frame(rows):
    return gpd.GeoDataFrame(
        [{k: v for k, v in r.items() if k != "geometry"} for r in rows],
        geometry=[r["geometry"] for r in rows], crs="EPSG:4326",
    )


def test_overlap_matching_and_placement():
    gold = [
        {"_doc": "a", "start": 0, "end": 4, "lat": 31.42, "lon": 34.37, "kind": "region"},
        {"_doc": "a", "start": 10, "end": 15, "lat": 31.297, "lon": 34.244, "kind": "city"},
        {"_doc": "a", "start": 20, "end": 26, "lat": 48.85, "lon": 2.35, "kind": "city"},
    ]
    pred = frame([
        {"doc": "a.txt", "start": 0, "end": 4, "name": "Gaza Strip", "geometry": box(34.2, 31.2, 34.6, 31.6)},
        {"doc": "a.txt", "start": 9, "end": 15, "name": "Rafah", "geometry": Point(34.30, 31.30)},  # ~5.3 km off
        {"doc": "a.txt", "start": 40, "end": 44, "name": "Nowhere", "geometry": Point(0, 0)},
    ])
    ev = evaluate(gold, pred)
    assert ev.figures["exact"]["recall"] == round(1 / 3, 4)
    assert ev.figures["overlap"]["recall"] == round(2 / 3, 4)
    assert ev.figures["resolution_accuracy"] == round(1 / 3, 4)  # Rafah is over the 5 km local limit
    assert [g["start"] for g in ev.misses] == [20]
    assert [p["name"] for p in ev.spurious] == ["Nowhere"]


def test_zone_rule_rejects_a_shape_that_merely_contains_the_zone():
    gold = {"lat": 31.51, "lon": 34.47, "kind": "region_part"}
    whole_strip = box(34.2, 31.2, 34.6, 31.6)
    north = box(34.40, 31.45, 34.56, 31.59)
    assert placed_ok(gold, north)[0]
    assert not placed_ok(gold, whole_strip)[0]


@pytest.fixture(scope="module")
def seed_mentions(gazetteer):
    from mapapp.corpus import read_corpus
    from mapapp.pipeline import Parser

    return Parser(gazetteer).parse(read_corpus([REPO / "seeds"]).articles)


@pytest.mark.skipif(not GOLD.is_file(), reason="needs ../shared/eval")
def test_seed_scores_are_pinned(seed_mentions):
    ev = evaluate(load_gold(GOLD), seed_mentions)
    # Measured 0.991 / 0.997: a change that loses more than a few mentions fails here.
    assert ev.figures["overlap"]["f1"] >= 0.98
    assert ev.figures["resolution_accuracy"] >= 0.985
    # calibrated: of the mentions at confidence >= 0.9, at least nine in ten are right
    band, n, share = ev.calibration()[-1]
    assert band == ">= 0.90" and n > 200 and share >= 0.9


@pytest.mark.skipif(not (SHARED / "score.py").is_file(), reason="needs ../shared/eval")
def test_same_figures_as_the_project_scorer(seed_mentions, tmp_path):
    from mapapp.io import write_table

    spec = importlib.util.spec_from_file_location("score", SHARED / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    out = write_table(seed_mentions, tmp_path / "m.geojson")
    theirs, *_ = score.score(score.load_gold(GOLD), score.load_pred(out))
    ours = evaluate(load_gold(GOLD), seed_mentions).figures
    assert json.dumps(ours, sort_keys=True) == json.dumps(theirs, sort_keys=True)


def test_calibration_and_kind_tables():
    gold = [
        {"_doc": "a", "start": 0, "end": 4, "lat": 48.85, "lon": 2.35, "kind": "city"},
        {"_doc": "a", "start": 10, "end": 15, "lat": 52.52, "lon": 13.40, "kind": "city"},
        {"_doc": "a", "start": 20, "end": 26, "lat": 46.0, "lon": 2.0, "kind": "country"},
    ]
    pred = frame([
        {"doc": "a.txt", "start": 0, "end": 4, "confidence": 0.97, "geometry": Point(2.35, 48.85)},
        {"doc": "a.txt", "start": 10, "end": 15, "confidence": 0.93, "geometry": Point(-70.0, 40.0)},  # wrong place
        {"doc": "a.txt", "start": 40, "end": 44, "confidence": 0.6, "geometry": Point(0, 0)},  # not in the gold
    ])
    ev = evaluate(gold, pred)
    bands = {band: (n, share) for band, n, share in ev.calibration()}
    assert bands["0.95-1.00"] == (1, 1.0)
    assert bands["0.90-0.95"] == (1, 0.0)
    assert bands["0.50-0.70"] == (1, 0.0)
    assert bands[">= 0.90"] == (2, 0.5)
    assert ev.by_kind == {"city": [2, 2, 1], "country": [1, 0, 0]}
    assert "calibration" in ev.report() and "by gold kind" in ev.report()
