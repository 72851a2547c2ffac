"""The offline basemap's local detail: governorates, towns, camps and roads from geodata/."""
from __future__ import annotations

from mapapp.gazetteer._local import load_geodata
from mapapp.mapview.basemap import build_base_map
from mapapp.mapview.localmap import local_detail


def test_towns_camps_governorates_and_main_roads_are_drawn_and_named():
    roads, dots, labels = local_detail()
    names = {p[2] for p in labels["points"]}
    assert {"Khan Younis", "Jabalia camp", "Deir al-Balah", "Rafah"} <= names
    assert {"North Gaza", "Khan Younis"} <= {p[2] for p in labels["points"] if p[6] == "base-region"}
    assert {"Salah al-Din Road", "Al-Rashid Road"} <= {s["html"] for s in labels["shapes"]}
    assert len(roads["features"]) == len(labels["shapes"]) and len(dots["features"]) > 50
    # Governorates and cities from zoom 9, villages only closer in: the basemap stays quiet further out.
    zooms = {p[6]: set() for p in labels["points"]}
    for p in labels["points"]:
        zooms[p[6]].add(p[4])
    assert min(zooms["base-region"]) == 9 and max(zooms["base-place"]) == 11


def test_evacuated_settlements_are_history_not_basemap():
    gone = {p.id for p in load_geodata() if p.valid_to}
    assert gone  # the former Gaza settlements (valid_to 2005)
    _roads, _dots, labels = local_detail()
    assert not gone & {p[7] for p in labels["points"]}


def test_the_base_map_carries_the_detail_in_its_offline_layer():
    html = build_base_map().get_root().render()
    assert "Salah al-Din Road" in html and "Jabalia camp" in html
