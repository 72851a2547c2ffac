"""The matcher keeps its compiled automaton beside the compiled gazetteer: built once, read after, rebuilt when damaged."""
from __future__ import annotations

import json
import logging

from mapapp import match_cache
from mapapp.gazetteer import Gazetteer
from mapapp.gazetteer._compiled import load_compiled
from mapapp.match import Matcher
from mapapp.model import Place

TEXT = "Talks in Qaryat Test and Khirbet Other; not in qaryat test."


def _layer(tmp_path):
    path = tmp_path / "mine.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [34.4, 31.4]},
         "properties": {"name": name, "kind": "village"}} for name in ("Qaryat Test", "Khirbet Other")]}))
    return path


def _compiled(tmp_path):
    return load_compiled(world=False, local=False, user_layers=[_layer(tmp_path)], cache_dir=tmp_path / "cache")


def _surfaces(matcher):
    return [m.surface for m in matcher.find(TEXT)]


def test_saved_on_first_use_then_read_back_with_the_same_matches(tmp_path):
    gaz = _compiled(tmp_path)
    first = Matcher(gaz)
    (folder,) = (tmp_path / "cache").glob("matcher-*")
    assert folder == match_cache.folder_for(gaz)
    assert {p.name for p in folder.iterdir()} >= {"automaton.pickle", "m.exact", "meta.json"}
    again = Matcher(_compiled(tmp_path))
    assert isinstance(again._keys, match_cache.LazyKeys)  # read, not rebuilt
    assert _surfaces(again) == _surfaces(first) == ["Qaryat Test", "Khirbet Other"]
    assert list((tmp_path / "cache").glob("matcher-*")) == [folder]


def test_the_compiled_gazetteer_holds_no_matcher_files(tmp_path):
    gaz = _compiled(tmp_path)
    Matcher(gaz)
    assert not [p for p in gaz.folder.iterdir() if p.name.startswith(("m.", "automaton"))]


def test_a_plain_gazetteer_or_extra_non_places_save_nothing(tmp_path):
    plain = Gazetteer([Place("x:1", "Qaryat Test", "village", 31.4, 34.4, names=("Qaryat Test",))])
    assert match_cache.folder_for(plain) is None
    gaz = _compiled(tmp_path)
    assert _surfaces(Matcher(gaz, extra_non_places=("Khirbet Other",))) == ["Qaryat Test"]
    assert list((tmp_path / "cache").glob("matcher-*")) == []


def test_a_damaged_matcher_is_rebuilt(tmp_path, caplog):
    gaz = _compiled(tmp_path)
    Matcher(gaz)
    folder = match_cache.folder_for(gaz)
    victim = folder / "automaton.pickle"
    victim.write_bytes(victim.read_bytes()[:50])
    with caplog.at_level(logging.WARNING, logger="mapapp.match_cache"):
        again = Matcher(gaz)
    assert "rebuilding" in caplog.text
    assert _surfaces(again) == ["Qaryat Test", "Khirbet Other"]
    assert match_cache.load(folder, tuple) is not None  # saved again, and it checks out
