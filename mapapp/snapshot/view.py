"""What a snapshot shows: the view (where and how close), the caption and the credits.

Shared by the three renderers (self-contained HTML, Chromium PNG, matplotlib),
so an HTML file, a PNG and a PDF of the same request say the same things.
"""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping

import geopandas as gpd
import pandas as pd

from mapapp import filters
from mapapp.filters import FilterState
from mapapp.mapview.view import checked_bounds
from mapapp.errors import SnapshotError

DEFAULT_SIZE = (1600, 1000)
MAX_SIDE = 8000  # a bigger PNG is a typo, and Chromium would need gigabytes for it
TILE_SIZE = 256  # Leaflet's Web Mercator: the world is 256 * 2**zoom CSS pixels wide

GEONAMES_CREDIT = "Places: GeoNames (CC BY 4.0)"
NATURAL_EARTH_CREDIT = "Countries: Natural Earth"
OSM_CREDIT = "Map tiles © OpenStreetMap contributors"
CARTO_CREDIT = "© OpenStreetMap contributors © CARTO"


@dataclasses.dataclass(frozen=True)
class View:
    """Where the map looks.

    ``bounds`` alone ([[south, west], [north, east]]) means "fit this box";
    with ``center`` (lat, lon) and ``zoom`` it is a view someone left the map
    at (streamlit-folium returns all three), reproduced exactly.
    """

    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None
    center: tuple[float, float] | None = None
    zoom: float | None = None

    @property
    def exact(self) -> bool:
        return self.bounds is not None and self.center is not None and self.zoom is not None

    def pixel_size(self) -> tuple[int, int] | None:
        """CSS pixels the bounds cover at ``zoom``: the size of the map the view was seen in."""
        if not self.exact:
            return None
        (south, west), (north, east) = self.bounds
        scale = TILE_SIZE * 2 ** float(self.zoom)
        width = (_mercator_x(east) - _mercator_x(west)) * scale
        height = (_mercator_y(south) - _mercator_y(north)) * scale
        if width < 1 or height < 1:
            return None
        return round(width), round(height)


def _mercator_x(lon: float) -> float:
    return (lon + 180.0) / 360.0


def _mercator_y(lat: float) -> float:
    lat = max(min(lat, 85.0511), -85.0511)
    s = math.sin(math.radians(lat))
    return 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)


def view_from_map_state(state: Mapping | None) -> View | None:
    """The view in a streamlit-folium result (``bounds``, ``zoom``, ``center``), or None if it has none."""
    if not state:
        return None
    try:
        b = state["bounds"]
        south, west = float(b["_southWest"]["lat"]), float(b["_southWest"]["lng"])
        north, east = float(b["_northEast"]["lat"]), float(b["_northEast"]["lng"])
    except (KeyError, TypeError, ValueError):
        return None
    box = checked_bounds([[south, west], [north, east]])
    if box is None:
        return None
    (south, west), (north, east) = box
    center = zoom = None
    try:
        center = (float(state["center"]["lat"]), float(state["center"]["lng"]))
        zoom = float(state["zoom"])
    except (KeyError, TypeError, ValueError):
        center = zoom = None
    if center is not None and not all(math.isfinite(v) for v in (*center, zoom)):
        center = zoom = None  # the box alone still says where the user was looking
    return View(bounds=((south, west), (north, east)), center=center, zoom=zoom)


def parse_size(text: str) -> tuple[int, int]:
    """'1600x1000' -> (1600, 1000)."""
    parts = text.lower().replace("×", "x").split("x")
    try:
        width, height = (int(p) for p in parts)
    except ValueError:
        raise SnapshotError(f"size {text!r} is not WIDTHxHEIGHT in pixels, e.g. 1600x1000") from None
    if not (16 <= width <= MAX_SIDE and 16 <= height <= MAX_SIDE):
        raise SnapshotError(f"size {text!r}: each side must be between 16 and {MAX_SIDE} pixels")
    return width, height


def parse_bbox(text: str) -> View:
    """'minlon,minlat,maxlon,maxlat' -> a View that fits that box."""
    try:
        west, south, east, north = (float(p) for p in text.split(","))
    except ValueError:
        raise SnapshotError(f"bbox {text!r} is not minlon,minlat,maxlon,maxlat") from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise SnapshotError(f"bbox {text!r}: need -180 <= minlon < maxlon <= 180 and -90 <= minlat < maxlat <= 90")
    return View(bounds=((south, west), (north, east)))


def caption_lines(state: FilterState, mentions: gpd.GeoDataFrame, articles: pd.DataFrame | None) -> list[str]:
    """What the picture is filtered to, in words: articles, dates, kinds, sections, uses, search."""
    lines = []
    n_articles = mentions["article_id"].nunique() if len(mentions) else 0
    if state.articles:
        titles = {}
        if articles is not None and len(articles):
            titles = dict(zip(articles["article_id"], articles["title"].fillna(articles["doc"])))
        named = [str(titles.get(a) or a) for a in state.articles]
        shown = "; ".join(named[:3]) + (f" and {len(named) - 3} more" if len(named) > 3 else "")
        lines.append(f"Articles: {shown}")
    lines.append(f"{len(mentions)} mentions of {mentions['place_id'].nunique() if len(mentions) else 0} places "
                 f"in {n_articles} article{'s' if n_articles != 1 else ''}")
    lines.append("Dates: " + date_range_text(state, mentions))
    if state.kinds:
        lines.append("Kinds: " + ", ".join(state.kinds))
    if tuple(state.sections) != filters.DEFAULT_SECTIONS:
        lines.append("Sections: " + (", ".join(state.sections) if state.sections else "all"))
    if state.uses:
        lines.append("Use: " + ", ".join(state.uses))
    if state.text.strip():
        lines.append(f"Search: “{state.text.strip()}”")
    return lines


def date_range_text(state: FilterState, mentions: gpd.GeoDataFrame) -> str:
    """The filter's dates, or the span of the shown mentions' dates when the filter leaves them open."""
    dates = [d for d in filters.mention_dates(mentions) if d is not None] if len(mentions) else []
    lo = state.date_from or (min(dates) if dates else None)
    hi = state.date_to or (max(dates) if dates else None)
    if lo is None and hi is None:
        text = "undated only" if len(mentions) else "none"
    elif lo == hi:
        text = lo.isoformat()
    else:
        text = f"{lo.isoformat() if lo else '…'} – {hi.isoformat() if hi else '…'}"
    undated = len(mentions) - len(dates)
    if dates and undated and state.undated:
        text += f" (and {undated} undated)"
    return text


def credits(basemap: str, *, tiles_drawn: bool) -> list[str]:
    """Attribution lines for a picture; tile credits only when the tiles are actually in it."""
    out = [GEONAMES_CREDIT, NATURAL_EARTH_CREDIT]
    if tiles_drawn and basemap == "osm":
        out.append(OSM_CREDIT)
    elif tiles_drawn and basemap == "carto":
        out.append(CARTO_CREDIT)
    return out


@dataclasses.dataclass
class Snapshot:
    """Everything a renderer needs: the (already filtered) mentions, their articles, the view and the words."""

    mentions: gpd.GeoDataFrame
    articles: pd.DataFrame | None = None
    named_zones: gpd.GeoDataFrame | None = None
    title: str = "mapapp"
    caption: tuple[str, ...] = ()
    basemap: str = "offline"
    view: View | None = None
    when: tuple | None = None  # (first day, last day) asked for: the named zones in force then are drawn
    heat: bool = False
