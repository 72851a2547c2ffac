"""The named zones authored in geodata/gaza-zones.geojson, as gazetteer Places."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from mapapp.gazetteer._local import read_geojson_layer
from mapapp.model import Place

NAMED_ZONES_PATH = Path(__file__).resolve().parents[2] / "geodata" / "gaza-zones.geojson"

GAZA_STRIP = "gz:gaza-strip"
# How news divides the Strip (OCHA and wire usage): north = north of Wadi Gaza,
# centre = the Middle Area, south = Khan Younis and Rafah.
GAZA_PARTS = {
    "north": ("gz:north-gaza-governorate", "gz:gaza-governorate"),
    "centre": ("gz:deir-al-balah-governorate",),
    "south": ("gz:khan-younis-governorate", "gz:rafah-governorate"),
}


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[Place, ...]:
    data = Path(path).read_text(encoding="utf-8")
    return tuple(read_geojson_layer(data, layer="local", source_name=Path(path).name))


def named_zone_places(path: Path | str = NAMED_ZONES_PATH) -> list[Place]:
    """Every feature of the named-zones file as a Place (geometry in WGS84)."""
    return list(_load(str(path)))


def named_zone(place_id: str) -> Place | None:
    for p in _load(str(NAMED_ZONES_PATH)):
        if p.id == place_id:
            return p
    return None
