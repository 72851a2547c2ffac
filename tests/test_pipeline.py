"""The output contract: one row per mention, exact offsets, the columns every later stage reads."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
from typer.testing import CliRunner

from mapapp.kinds import ZONE_KINDS
from mapapp.cli import app
from mapapp.corpus import read_corpus
from mapapp.io import OutputError, read_table, write_table
from mapapp.model import MENTION_COLUMNS
from mapapp.output import GEOJSON_POINT_FIELDS
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


@pytest.fixture()
def cli(gazetteer, monkeypatch, tmp_path):
    """`mapapp` in-process on the session gazetteer, with a results cache of its own."""
    from mapapp.gazetteer import Gazetteer

    monkeypatch.setattr(Gazetteer, "load", classmethod(lambda cls, **kw: gazetteer))
    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path / "cache"))
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(a) for a in args])


def dated_folder(folder: Path) -> Path:
    """Two tiny articles: one dated by a labelled "Published" line, one with no date at all."""
    folder.mkdir()
    (folder / "dated.txt").write_text("Strikes overnight\nPublished: 3 March 2025\n\nShelling hit Rafah overnight.\n",
                                      encoding="utf-8")
    (folder / "undated.txt").write_text("Shelling hit Rafah again.\n", encoding="utf-8")
    return folder


def date_sources(rows) -> dict[str, tuple]:
    """Each document's (date, date_source) as a mentions file gives them back."""
    return {doc: (None if pd.isna(date) else str(date)[:10], source)
            for doc, date, source in zip(rows["doc"], rows["date"], rows["date_source"])}


def test_cli_parse_writes_points_and_the_places_beside_them(cli, tmp_path):
    out = tmp_path / "m.geojson"
    result = cli("parse", REPO / "seeds", "-o", out)
    assert result.exit_code == 0, result.output
    assert "places -> " in result.stderr and str(tmp_path / "m.places.geojson") in result.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) > 250
    props = doc["features"][0]["properties"]
    assert list(props) == list(GEOJSON_POINT_FIELDS)
    assert props["doc"].endswith(".txt") and "/" not in props["doc"]
    places = json.loads((tmp_path / "m.places.geojson").read_text(encoding="utf-8"))["features"]
    kinds = {f["properties"]["place_id"]: f["properties"]["kind"] for f in places}
    # Points, but for zones: a corridor, a line or "southern Israel" keeps its shape (it has no point of its own).
    assert [f["geometry"]["type"] != "Point" for f in doc["features"]] == [
        kinds[f["properties"]["place_id"]] in ZONE_KINDS for f in doc["features"]]
    assert sum(kinds[f["properties"]["place_id"]] in ZONE_KINDS for f in doc["features"]) >= 30
    ids = [f["properties"]["place_id"] for f in places]
    assert len(ids) == len(set(ids)) and {f["properties"]["place_id"] for f in doc["features"]} == set(ids)
    assert {"Polygon", "MultiPolygon", "LineString", "Point"} <= {f["geometry"]["type"] for f in places}
    text = sum(len(p.read_bytes()) for p in (REPO / "seeds").glob("*.txt"))
    zone_shapes = {f["properties"]["place_id"]: len(json.dumps(f["geometry"], separators=(",", ":")))
                   for f in doc["features"] if f["geometry"]["type"] != "Point"}
    # A point per mention: about 3x the text (a place every ~110 characters; the seeds are the densest corpus
    # measured: GeoWebNews 1.2x), plus the zones' shapes once (each zone mention repeats its small shape), plus
    # how each article's date was found (a short word a mention, ~6% of the file).
    date_source = len(',"date_source":"dateline"') * len(doc["features"])
    assert out.stat().st_size <= 3.1 * text + sum(zone_shapes.values()) + date_source
    again = tmp_path / "again.geojson"
    assert cli("parse", REPO / "seeds", "-o", again, "--no-cache").exit_code == 0
    assert again.read_bytes() == out.read_bytes()  # cached or not, the same bytes
    tiny = tmp_path / "tiny.geojson"
    assert cli("parse", dated_folder(tmp_path / "tiny"), "-o", tiny).exit_code == 0
    props = [f["properties"] for f in json.loads(tiny.read_text(encoding="utf-8"))["features"]]
    assert {p["doc"]: (p["date"], p["date_source"]) for p in props} == {
        "dated.txt": ("2025-03-03", "published"), "undated.txt": (None, "none")}


@pytest.mark.parametrize("ext", [".csv", ".jsonl", ".gpkg", ".parquet"])
def test_cli_parse_every_format_follows_the_output_model(cli, tmp_path, ext):
    out = tmp_path / f"m{ext}"
    result = cli("parse", REPO / "seeds", "-o", out)
    assert result.exit_code == 0, result.output
    if ext == ".gpkg":
        assert {name for name, _ in pyogrio.list_layers(out)} == {"mentions", "places"}
        mentions, places = read_table(out, layer="mentions"), read_table(out, layer="places")
        assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["m.gpkg"]
    else:
        mentions, places = read_table(out), read_table(tmp_path / f"m.places{ext}")
    assert len(mentions) > 250 and {"name", "kind", "place_id", "lat", "lon"} <= set(mentions.columns)
    shaped = mentions["kind"].isin(ZONE_KINDS) if ext in (".gpkg", ".parquet") else False  # CSV/JSONL: lat/lon
    assert list(mentions.geom_type != "Point") == list(shaped if ext in (".gpkg", ".parquet") else [False] * len(mentions))
    assert places["place_id"].is_unique and set(mentions["place_id"]) == set(places["place_id"])
    tiny = tmp_path / f"tiny{ext}"
    assert cli("parse", dated_folder(tmp_path / "tiny"), "-o", tiny).exit_code == 0
    back = read_table(tiny, layer="mentions") if ext == ".gpkg" else read_table(tiny)
    assert date_sources(back) == {"dated.txt": ("2025-03-03", "published"), "undated.txt": (None, "none")}


def test_cli_parse_shape_mode_places_flags_and_bad_output(cli, tmp_path):
    out = tmp_path / "m.geojson"
    ok = cli("parse", REPO / "seeds", "-o", out, "--geometry", "shape", "--places", tmp_path / "p.csv")
    assert ok.exit_code == 0, ok.output
    assert {"Polygon", "MultiPolygon"} & {f["geometry"]["type"] for f in json.loads(out.read_text())["features"]}
    assert "wkt" in (tmp_path / "p.csv").read_text(encoding="utf-8").splitlines()[0]
    alone = tmp_path / "alone.geojson"
    assert cli("parse", REPO / "seeds", "-o", alone, "--no-places").exit_code == 0
    assert not (tmp_path / "alone.places.geojson").exists()
    bad = cli("parse", REPO / "seeds", "-o", tmp_path / "m.xlsx")
    assert bad.exit_code == 2 and "unknown output format" in bad.output and "Traceback" not in bad.output
    assert cli("parse", REPO / "seeds", "-o", out, "--geometry", "blob").exit_code == 2


def test_cli_places_writes_each_place_once(cli, tmp_path):
    out = tmp_path / "places.gpkg"
    result = cli("places", REPO / "seeds", "-o", out)
    assert result.exit_code == 0, result.output
    places = read_table(out)
    assert places["place_id"].is_unique and places["mentions"].sum() > 250
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["places.gpkg"]
