"""The named zones: valid shapes whose sizes match the facts they were built from."""
import json

import pytest
from shapely.geometry import shape
from shapely.ops import unary_union

from mapapp.gazetteer._local import GEODATA_DIR, read_layer_file
from mapapp.zones._metric import area_km2, length_km, to_metric

NAMED_ZONES_PATH = GEODATA_DIR / "gaza-zones.geojson"
REQUIRED = ("id", "name", "kind", "alt_names", "name_ar", "name_he", "parent", "country", "source", "licence",
            "precision_m")


@pytest.fixture(scope="module")
def zones():
    return {p.id: p for p in read_layer_file(NAMED_ZONES_PATH, layer="local")}


def test_every_feature_has_the_contract_properties_and_a_valid_geometry():
    fc = json.loads(NAMED_ZONES_PATH.read_text(encoding="utf-8"))
    for f in fc["features"]:
        for key in REQUIRED:
            assert key in f["properties"], (f["properties"]["id"], key)
        assert f["properties"]["source"] and f["properties"]["precision_m"] > 0
        g = shape(f["geometry"])
        assert g.is_valid and not g.is_empty, f["properties"]["id"]


def test_strip_area_is_about_365_km2(zones):
    assert 350 < area_km2(zones["gz:gaza-strip"].geometry) < 390


def test_governorates_union_is_the_strip(zones):
    strip = to_metric(zones["gz:gaza-strip"].geometry)
    govs = [to_metric(zones[f"gz:{g}-governorate"].geometry)
            for g in ("north-gaza", "gaza", "deir-al-balah", "khan-younis", "rafah")]
    union = unary_union(govs)
    assert union.symmetric_difference(strip).area / strip.area < 0.002
    assert sum(g.area for g in govs) / strip.area < 1.002  # no overlaps


def test_netzarim_is_about_4_km_wide_and_crosses_the_strip(zones):
    nz = zones["zone:netzarim-corridor"]
    assert 3.5 < area_km2(nz.geometry) / 7.0 < 4.5  # ~7 km from the border to the sea
    assert nz.geometry.contains(shape({"type": "Point", "coordinates": [34.4316, 31.4697]}))
    assert nz.valid_to == "2025-02-09"


def test_philadelphi_is_about_14_km_long_and_100_m_wide(zones):
    ph = zones["zone:philadelphi-corridor"]
    length = length_km(ph.geometry) / 2  # perimeter of a thin strip = twice its length
    assert 11 < length < 15
    assert 0.05 < area_km2(ph.geometry) / length < 0.2
    assert ph.extra["display_min_width_m"] >= 300


def test_magen_oz_length_and_morag_position(zones):
    props = {f["properties"]["id"]: f["properties"]
             for f in json.loads(NAMED_ZONES_PATH.read_text(encoding="utf-8"))["features"]}
    assert 8 < props["zone:magen-oz-corridor"]["length_km"] <= 15  # IDF: "about 15 km" including its winding
    assert 11 < props["zone:philadelphi-corridor"]["length_km"] < 15
    morag = zones["zone:morag-corridor"].geometry
    assert morag.contains(shape({"type": "Point", "coordinates": [34.28806, 31.30833]}))


def test_yellow_line_area_is_about_53_percent_of_the_strip(zones):
    share = area_km2(zones["zone:yellow-line-area"].geometry) / area_km2(zones["gz:gaza-strip"].geometry)
    assert 0.48 < share < 0.60
    assert zones["zone:yellow-line"].geometry.geom_type == "LineString"


def test_lines_and_areas_have_their_kinds(zones):
    assert zones["gz:wadi-gaza"].kind == "water" and zones["gz:wadi-gaza"].geometry.geom_type == "LineString"
    mawasi = zones["gz:al-mawasi"]
    assert "Mawasi" in mawasi.names and 8 < area_km2(mawasi.geometry) < 16
    assert 40 < area_km2(zones["zone:perimeter-buffer-zone"].geometry) < 70
