"""The output contract: one row per mention, exact offsets, the columns every later stage reads."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mapapp.cli import app
from mapapp.corpus import read_corpus
from mapapp.io import OutputError, read_table, write_table
from mapapp.model import MENTION_COLUMNS
from mapapp.pipeline import Parser, mentions_frame

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seeds(gazetteer):
    articles = read_corpus([REPO / "seeds"]).articles
    return articles, Parser(gazetteer).parse(articles)


def test_every_mention_meets_the_contract(seeds):
    articles, mentions = seeds
    texts = {a.id: a.text for a in articles}
    assert list(mentions.columns[:-1]) == list(MENTION_COLUMNS) and mentions.crs.to_epsg() == 4326
    assert len(mentions) > 250
    for row in mentions.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.surface
        assert row.section in ("body", "comments", "boilerplate")
        assert 0.0 <= row.confidence <= 1.0
        assert row.geometry is not None and row.geometry.is_valid
    kinds = set(mentions["kind"])
    assert {"country", "region", "region_part", "corridor", "line"} <= kinds
    gaza = mentions[mentions["surface"] == "Gaza"]
    assert set(gaza["place_id"]) == {"gz:gaza-strip"}
    assert set(gaza.geometry.geom_type) <= {"Polygon", "MultiPolygon"}


def test_a_country_is_its_polygon_with_its_geonames_point_alongside(seeds):
    _, mentions = seeds
    israel = mentions[mentions["place_id"] == "gn:294640"]
    assert set(israel.geometry.geom_type) <= {"Polygon", "MultiPolygon"}
    assert (round(israel.iloc[0]["lat"], 2), round(israel.iloc[0]["lon"], 2)) == (31.5, 34.75)


def test_mentions_frame_rejects_an_unknown_geometry_mode():
    with pytest.raises(ValueError):
        mentions_frame([], geometry="blob")


@pytest.mark.parametrize("ext", [".geojson", ".csv", ".jsonl", ".gpkg", ".parquet"])
def test_each_format_round_trips(seeds, tmp_path, ext):
    _, mentions = seeds
    out = write_table(mentions, tmp_path / f"m{ext}")
    back = read_table(out)
    assert len(back) == len(mentions)
    assert list(back["surface"]) == list(mentions["surface"])
    assert list(back["start"].astype(int)) == list(mentions["start"])
    assert not list(tmp_path.glob(".m*"))  # no temporary file left behind


def test_unknown_output_format_is_a_clear_error(seeds, tmp_path):
    with pytest.raises(OutputError, match="unknown output format"):
        write_table(seeds[1], tmp_path / "m.xlsx")


def test_cli_parse_writes_a_feature_collection(tmp_path):
    out = tmp_path / "m.geojson"
    result = CliRunner().invoke(app, ["parse", str(REPO / "seeds"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) > 250
    props = doc["features"][0]["properties"]
    assert {"doc", "article_id", "start", "end", "surface", "place_id", "name", "kind", "section", "date", "confidence"} <= set(props)
    assert props["doc"].endswith(".txt") and "/" not in props["doc"]


def test_cli_parse_point_mode_and_bad_output(tmp_path):
    out = tmp_path / "m.geojson"
    ok = CliRunner().invoke(app, ["parse", str(REPO / "seeds"), "-o", str(out), "--geometry", "point"])
    assert ok.exit_code == 0, ok.output
    assert {f["geometry"]["type"] for f in json.loads(out.read_text())["features"]} == {"Point"}
    bad = CliRunner().invoke(app, ["parse", str(REPO / "seeds"), "-o", str(tmp_path / "m.xlsx")])
    assert bad.exit_code == 2 and "unknown output format" in bad.output and "Traceback" not in bad.output
