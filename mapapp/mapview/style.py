"""How things look on the map: colours by kind, marker sizes, zone styles, choropleth classes."""
from __future__ import annotations

import math

from mapapp.kinds import AREA_KINDS, ZONE_KINDS, in_group

__all__ = ["AREA_KINDS", "ZONE_KINDS"]  # what is drawn as a shape or a choropleth: mapapp.kinds says

# Colour by the kind's legend group (mapapp.kinds), one colour a group, in the legend's order.
_GROUP_COLOURS = {
    "Cities and towns": "#1f77b4",
    "Camps": "#d62728",
    "Neighbourhoods": "#9467bd",
    "Crossings and facilities": "#ff7f0e",
    "Roads": "#8c564b",
    "Countries and regions": "#2ca02c",
    "Water": "#17becf",
    "Zones": "#e377c2",
    "Other": "#7f7f7f",
}
KIND_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    group: (colour, in_group(group)) for group, colour in _GROUP_COLOURS.items()
}
KIND_COLOURS: dict[str, str] = {
    kind: colour for colour, kinds in KIND_GROUPS.values() for kind in kinds
}
OTHER_COLOUR = KIND_GROUPS["Other"][0]

# Sequential light-to-dark greens for the choropleth (ColorBrewer Greens, 5 classes).
CHOROPLETH_COLOURS = ("#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c")


def kind_colour(kind: str) -> str:
    return KIND_COLOURS.get(str(kind), OTHER_COLOUR)


def marker_diameter(count: int) -> int:
    """Pixels across a place's dot: grows with the square root of its mentions so area tracks count."""
    return int(min(44, 10 + 6 * math.sqrt(max(count, 1) - 1)))


def choropleth_colour(count: int, max_count: int) -> str:
    """Class on a log scale, so one country named 200 times does not wash out the rest."""
    if max_count <= 1:
        return CHOROPLETH_COLOURS[2]
    share = math.log(max(count, 1)) / math.log(max_count)
    index = min(len(CHOROPLETH_COLOURS) - 1, int(share * len(CHOROPLETH_COLOURS)))
    return CHOROPLETH_COLOURS[index]


def zone_style(kind: str, described: bool) -> dict:
    """Leaflet path options: corridors solid warm, areas cool, lines bold; described zones dashed."""
    if kind == "corridor":
        style = {"color": "#c2410c", "fillColor": "#fb923c", "weight": 3, "fillOpacity": 0.35}
    elif kind in ("line", "border"):
        style = {"color": "#6d28d9", "fillColor": "#a78bfa", "weight": 3, "fillOpacity": 0.15}
    else:
        style = {"color": "#be185d", "fillColor": "#f472b6", "weight": 2, "fillOpacity": 0.15}
    if described:
        style.update({"dashArray": "8 6", "fillOpacity": style["fillOpacity"] * 0.6})
    return style


UNCERTAINTY_STYLE = {
    "color": "#6b7280",
    "weight": 0,
    "fillColor": "#6b7280",
    "fillOpacity": 0.06,
    "interactive": False,
}
BASEMAP_LAND = {"color": "#a8a29e", "weight": 0.6, "fillColor": "#f5f3ee", "fillOpacity": 1.0}
BASEMAP_LOCAL = {"color": "#78716c", "weight": 1.2, "fillColor": "#ece7dc", "fillOpacity": 1.0}
BASEMAP_SEA = "#cfe2f3"


def tinted(leaflet: dict, tint: str | None, fill_opacity: float | None = None) -> dict:
    """A Leaflet style in one colour (``tint``), as when two articles are compared; unchanged without one.
    ``fill_opacity`` lightens large shapes (countries) so the side's places and zones stand out on them."""
    if not tint:
        return leaflet
    out = {**leaflet, "color": tint, "fillColor": tint}
    if fill_opacity is not None:
        out["fillOpacity"] = fill_opacity
    return out
