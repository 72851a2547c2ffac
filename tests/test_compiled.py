"""The compiled gazetteer gives the same answers as the gazetteer it was compiled from, and is never trusted when damaged."""
from __future__ import annotations

import json
import logging

import pytest
from shapely.geometry import Point, Polygon

from mapapp.gazetteer import Gazetteer
from mapapp import columns
from mapapp.gazetteer._compiled import compile_gazetteer, load_compiled, open_compiled
from mapapp.match import Matcher
from mapapp.model import Place

SQUARE = Polygon([(34.2, 31.2), (34.6, 31.2), (34.6, 31.6), (34.2, 31.6)])
PLACES = [
    Place("gz:gaza-strip", "Gaza Strip", "region", 31.42, 34.37, names=("Gaza Strip", "Gaza", "the Strip"),
          layer="local", geometry=SQUARE, precision_m=300, extra={"note": "outline"}),
    Place("gz:deir-al-balah", "Deir al-Balah", "city", 31.42, 34.35, names=("Deir al-Balah",), layer="local",
          geonames_id=281141, precision_m=250.0),
    Place("gn:281141", "Dayr al Balah", "city", 31.42, 34.35, names=("Deir el-Balah",), population=59504),
    Place("gn:6252001", "United States", "country", 39.8, -98.5, names=("United States", "US", "U.S.")),
    Place("gn:1252578", "Gasa", "town", 27.9, 89.7, names=("Gasa", "Gaza"), population=548, country="BT"),
    Place("gn:2988507", "Paris", "city", 48.85, 2.35, names=("Paris",), population=2_138_551, valid_from="1900"),
]
TEXT = "Strikes on Gaza and Deir el-Balah; the U.S. said Paris, not Gasa, hosts the talks in the Strip."


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    plain = Gazetteer()
    plain.add_layer(PLACES[:2], name="local")
    plain.add_layer(PLACES[2:], name="world")
    folder = compile_gazetteer(plain, tmp_path_factory.mktemp("cache") / "compiled-test")
    return plain, open_compiled(folder)


def test_same_places_names_and_order(pair):
    plain, comp = pair
    assert list(comp) == list(plain)
    assert list(comp.keys()) == list(plain.keys())
    assert (len(comp), comp.version, comp.layers, comp.info()) == (len(plain), plain.version, plain.layers, plain.info())
    assert "gn:281141" not in comp and "gn:281141" not in plain  # dropped as a duplicate of the local place


def test_same_lookups(pair):
    plain, comp = pair
    for name in ("Gaza", "gaza", "Deir al Balah", "al balah", "US", "Paris", "Nowhere", ""):
        assert comp.candidates(name) == plain.candidates(name), name
        assert comp.search(name) == plain.search(name), name
    assert comp.get("gz:gaza-strip") is comp.get("gz:gaza-strip")  # one object per place, as in the plain one
    assert comp.get("no:such") is None
    with pytest.raises(KeyError):
        comp["no:such"]


def test_values_keep_their_types(pair):
    _, comp = pair
    strip = comp["gz:gaza-strip"]
    assert type(strip.precision_m) is int and strip.extra == {"note": "outline"}
    assert strip.geometry.equals_exact(SQUARE, 0) and strip.geonames_id is None
    assert type(comp["gz:deir-al-balah"].precision_m) is float and comp["gn:2988507"].valid_from == "1900"
    assert comp["gn:6252001"].extra == {} and comp["gn:6252001"].geometry is None


def test_same_matches(pair):
    plain, comp = pair
    assert Matcher(comp).find(TEXT) == Matcher(plain).find(TEXT)
    assert [m.surface for m in Matcher(comp).find(TEXT)] == ["Gaza", "Deir el-Balah", "U.S.", "Paris", "Gasa", "the Strip"]
    # extra non-places are not in the compiled automaton: the matcher compiles its own then
    assert [m.surface for m in Matcher(comp, extra_non_places=("Paris",)).find(TEXT)] == [
        "Gaza", "Deir el-Balah", "U.S.", "Gasa", "the Strip"]


def test_compiled_is_read_only(pair):
    with pytest.raises(TypeError):
        pair[1].add_layer([], name="more")


@pytest.mark.parametrize("value_lists", [
    [1, None, 3], [1.5, None, 2.0], ["a", "b", "c", "d", "e"], ["x", None, "x", "x", "x"], [True, False, None],
    [("a", "bé"), (), ("c",)], [Point(1, 2), None, SQUARE], [1, 2.0, "3"], [{"a": 1}, {}, None], [float("nan"), 1.0],
])
def test_columns_round_trip_exactly(tmp_path, value_lists):
    meta = columns.save(columns.encode(value_lists), tmp_path, "c")
    back = columns.load(lambda name: (tmp_path / name).read_bytes(), "c", json.loads(json.dumps(meta)))
    got = [back.get(i) for i in range(len(back))]
    assert len(back) == len(value_lists)
    for a, b in zip(got, value_lists):
        if hasattr(b, "geom_type"):
            assert a.equals_exact(b, 0)
        elif b != b:
            assert a != a
        else:
            assert (type(a), a) == (type(b), b)


def _layer(tmp_path, name="Qaryat Test"):
    path = tmp_path / "mine.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "geometry": {"type": "Point", "coordinates": [34.4, 31.4]},
        "properties": {"name": name, "kind": "village"}}]}))
    return path


def test_built_on_first_use_then_read(tmp_path):
    layer = _layer(tmp_path)
    first = load_compiled(world=False, local=False, user_layers=[layer], cache_dir=tmp_path / "cache")
    assert [p.name for p in first.candidates("Qaryat Test")] == ["Qaryat Test"]
    folders = list((tmp_path / "cache").glob("compiled-*"))
    assert len(folders) == 1
    again = load_compiled(world=False, local=False, user_layers=[layer], cache_dir=tmp_path / "cache")
    assert list(again) == list(first) and list((tmp_path / "cache").glob("compiled-*")) == folders
    # a changed layer is a different gazetteer: a new folder, never the stale one
    changed = load_compiled(world=False, local=False, user_layers=[_layer(tmp_path, "Khirbet Other")],
                            cache_dir=tmp_path / "cache")
    assert changed.candidates("Qaryat Test") == [] and changed.candidates("Khirbet Other")


@pytest.mark.parametrize("damage", ["truncate", "flip", "delete", "meta"])
def test_damaged_cache_is_rebuilt(tmp_path, damage, caplog):
    layer = _layer(tmp_path)
    load_compiled(world=False, local=False, user_layers=[layer], cache_dir=tmp_path / "cache")
    (folder,) = (tmp_path / "cache").glob("compiled-*")
    largest = max((p for p in folder.iterdir() if p.name != "meta.json"), key=lambda p: p.stat().st_size)
    victim = folder / "meta.json" if damage == "meta" else largest
    data = victim.read_bytes()
    if damage == "truncate":
        victim.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        mid = len(data) // 2
        victim.write_bytes(data[:mid] + bytes([data[mid] ^ 0xFF]) + data[mid + 1 :])
    elif damage == "delete":
        victim.unlink()
    else:
        victim.write_text("{not json")
    with caplog.at_level(logging.WARNING, logger="mapapp.gazetteer._compiled"):
        again = load_compiled(world=False, local=False, user_layers=[layer], cache_dir=tmp_path / "cache")
    assert "rebuilding" in caplog.text
    assert [p.name for p in again.candidates("Qaryat Test")] == ["Qaryat Test"]
    assert open_compiled(folder)  # the rebuilt folder checks out


def test_killed_build_leaves_no_folder_under_the_final_name(tmp_path, monkeypatch):
    from mapapp.gazetteer import _compiled

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # stands for the process dying mid-write

    monkeypatch.setattr(_compiled, "_write", killed)
    with pytest.raises(KeyboardInterrupt):
        load_compiled(world=False, local=False, user_layers=[_layer(tmp_path)], cache_dir=tmp_path / "cache")
    assert not list((tmp_path / "cache").glob("compiled-*"))
