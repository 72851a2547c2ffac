"""How things look on the map: colours by kind, marker sizes, zone styles, choropleth classes."""
from __future__ import annotations

import math

# Zones are drawn as shapes, not markers (see mapapp.model: described zones carry a rule).
ZONE_KINDS = frozenset({"region_part", "corridor", "line", "border"})
# Large areas are shown as a choropleth of mention counts when they come with a polygon.
AREA_KINDS = frozenset({"country", "region", "continent", "water", "admin1", "governorate"})

# Colour by kind, grouped so the legend stays short: one colour per group.
KIND_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Cities and towns": ("#1f77b4", ("city", "town", "village", "settlement")),
    "Camps": ("#d62728", ("camp",)),
    "Neighbourhoods": ("#9467bd", ("neighbourhood",)),
    "Crossings and facilities": ("#ff7f0e", ("crossing", "facility")),
    "Roads": ("#8c564b", ("road",)),
    "Countries and regions": ("#2ca02c", ("country", "region", "continent", "admin1", "governorate", "area")),
    "Water": ("#17becf", ("water",)),
    "Zones": ("#e377c2", ("region_part", "corridor", "line", "border")),
    "Other": ("#7f7f7f", ("other",)),
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
