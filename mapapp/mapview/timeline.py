"""Zones through time: which named zones held on a day or in a range, and the dates worth stepping through.

A named zone in geodata/ says when it held with ``valid_from``/``valid_to`` (ISO
dates, or a month when that is all the sources give) and, when it held more than
once, a ``periods`` list (the Netzarim Corridor: given up in February 2025, retaken
in March). A zone with no date at all is left out of "in force": nothing says when.
Described zones need nothing here: their mentions carry the article's date.
"""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

import folium
import geopandas as gpd
import pandas as pd

from mapapp.mapview import style
from mapapp.mapview.elements import ShapesLayer
from mapapp.mapview.escape import safe_html
from mapapp.mapview.labels import TIER, ZONE, LabelSource, zone_shapes
from mapapp.simplify import display_geometry

Period = tuple[dt.date | None, dt.date | None]  # None: open at that end
# Land and water are always there; the basemap draws them. Only what was drawn by someone, when, is "in force".
TIMED_KINDS = frozenset({"corridor", "line", "area", "border", "region_part"})
IN_FORCE_CLASS = "mapapp-inforce"


def parse_day(text, *, end: bool = False) -> dt.date | None:
    """'2025-02-09' -> that day; '2025-04' -> its first day (its last with ``end``); else None."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return None
    if isinstance(text, dt.date):
        return text
    value = str(text).strip()
    try:
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def periods_of(valid_from, valid_to, periods=None) -> list[Period]:
    """When a zone held: its ``periods`` if it lists any, else valid_from..valid_to; [] when undated."""
    listed = periods if isinstance(periods, (list, tuple)) else []
    out = [(parse_day(p.get("from")), parse_day(p.get("to"), end=True)) for p in listed if isinstance(p, dict)]
    out = [p for p in out if p != (None, None)]
    if out:
        return out
    single = (parse_day(valid_from), parse_day(valid_to, end=True))
    return [] if single == (None, None) else [single]


def held(periods: Iterable[Period], start: dt.date, stop: dt.date) -> bool:
    """Whether any period overlaps the days ``start``..``stop`` (both included)."""
    return any((a is None or a <= stop) and (b is None or b >= start) for a, b in periods)


def periods_text(periods: Iterable[Period]) -> str:
    parts = [f"{a.isoformat() if a else '…'} – {b.isoformat() if b else 'on'}" for a, b in periods]
    return "; ".join(parts)


def _column(frame: pd.DataFrame, name: str) -> list:
    return frame[name].tolist() if name in frame else [None] * len(frame)


def _zone_periods(zones: gpd.GeoDataFrame) -> list[list[Period]]:
    return [periods_of(f, t, p) for f, t, p in
            zip(_column(zones, "valid_from"), _column(zones, "valid_to"), _column(zones, "periods"))]


def in_force(named_zones: gpd.GeoDataFrame | None, start: dt.date, stop: dt.date) -> gpd.GeoDataFrame:
    """The dated named zones that held at some time from ``start`` to ``stop``, with a ``held`` text column."""
    if named_zones is None or named_zones.empty:
        return gpd.GeoDataFrame(columns=["place_id", "name", "kind", "held", "geometry"], geometry="geometry", crs="EPSG:4326")
    zones = named_zones[named_zones["kind"].isin(TIMED_KINDS)]
    spans = _zone_periods(zones)
    keep = [bool(p) and held(p, start, stop) for p in spans]
    out = zones[keep].copy()
    out["held"] = [periods_text(p) for p, k in zip(spans, keep) if k]
    return out


def change_dates(named_zones: gpd.GeoDataFrame | None) -> list[dt.date]:
    """Every day a dated zone began or ended (the day after it ended: the first day without it)."""
    if named_zones is None or named_zones.empty:
        return []
    days = set()
    for periods in _zone_periods(named_zones[named_zones["kind"].isin(TIMED_KINDS)]):
        for a, b in periods:
            days.update(d for d in (a, b + dt.timedelta(days=1) if b else None) if d)
    return sorted(days)


def steps(article_dates: Iterable, named_zones: gpd.GeoDataFrame | None, span: tuple[dt.date, dt.date]) -> list[dt.date]:
    """The days a play control stops at: every day with an article, and every day a zone changed, in ``span``."""
    days = {d for d in (parse_day(v) for v in article_dates) if d}
    days.update(change_dates(named_zones))
    return sorted(d for d in days if span[0] <= d <= span[1])


def window_text(start: dt.date, stop: dt.date) -> str:
    return start.isoformat() if start == stop else f"{start.isoformat()} – {stop.isoformat()}"


def _slug(place_id: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in str(place_id).lower())


def in_force_group(named_zones: gpd.GeoDataFrame | None, start: dt.date, stop: dt.date) -> folium.FeatureGroup:
    """The named zones that held in the window, drawn under the mentions' zones and named."""
    when = window_text(start, stop)
    group = folium.FeatureGroup(name=f"Zones in force {'on' if start == stop else 'in'} {when}", overlay=True)
    zones = in_force(named_zones, start, stop)
    features, labels = [], []
    for zone in zones.to_crs(4326).to_dict("records"):
        geometry = display_geometry(zone["geometry"])
        if geometry is None:
            continue
        kind = str(zone["kind"])
        shape_style = {**style.zone_style(kind, False), "fillOpacity": 0.12,
                       "className": f"{IN_FORCE_CLASS} {IN_FORCE_CLASS}-{_slug(zone['place_id'])}"}
        tip = (f'<div class="mapapp-tip"><b>{safe_html(zone["name"])}</b> · {safe_html(kind)}'
               f'<br>held {safe_html(zone["held"])}<br>in force {"on" if start == stop else "in"} {safe_html(when)}'
               f'<br><span class="pid">id: {safe_html(zone["place_id"])}</span></div>')
        features.append({"type": "Feature", "geometry": geometry, "properties": {"style": shape_style, "tip": tip}})
        labels.append({"geometry": geometry, "name": zone["name"], "kind": kind, "place_id": zone["place_id"]})
    ShapesLayer(features, highlight={"weight": 5}).add_to(group)
    if labels:
        frame = pd.DataFrame({"name": [z["name"] for z in labels], "kind": [z["kind"] for z in labels],
                              "place_id": [z["place_id"] for z in labels], "rule": "", "mentions": 0})
        shapes = zone_shapes(frame, [z["geometry"] for z in labels])
        for shape in shapes:
            shape["priority"] = ZONE * TIER + TIER // 2  # what the day is about: before the text's own zones
        LabelSource({"shapes": shapes}).add_to(group)
    return group
