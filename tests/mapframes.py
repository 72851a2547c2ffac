"""Tiny literal corpora for the map, filter and app tests (no gazetteer, no parsing)."""
from __future__ import annotations

import dataclasses
import datetime as dt

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, Point, Polygon

from mapapp.model import MENTION_COLUMNS

TEXT_A = "Jabalia was hit again. The Netzarim Corridor was closed. Egypt said Rafah is next."
TEXT_B = "Crowds in Rafah. Washington and Egypt spoke. South of Rafah, tents."
PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(1)>${alert(1)}`\\"


def mention(article_id, text, surface, place_id, name, kind, geometry, *, date=None, occurrence=0, **extra):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    row = {c: "" for c in MENTION_COLUMNS}
    point = geometry if geometry.geom_type == "Point" else geometry.representative_point()
    row.update(
        doc=article_id, article_id=article_id, start=start, end=start + len(surface), surface=surface,
        place_id=place_id, name=name, kind=kind, section="body", date=date, date_source="header" if date else "none",
        confidence=0.9, literal=True,
        layer="local", country="PS", source="test", precision_m=None, lat=point.y, lon=point.x,
        geometry=geometry,
    )
    row.update(extra)
    return row


CORRIDOR = Polygon([(34.30, 31.46), (34.50, 31.42), (34.50, 31.43), (34.30, 31.47)])
EGYPT = Polygon([(25, 22), (34.2, 22), (34.9, 29.5), (34.2, 31.3), (25, 31.6)])
SOUTH_OF_RAFAH = Polygon([(34.2, 31.20), (34.3, 31.20), (34.3, 31.26), (34.2, 31.26)])


def mentions_frame() -> gpd.GeoDataFrame:
    rows = [
        mention("a.txt", TEXT_A, "Jabalia", "gz:jabalia", "Jabalia", "camp", Point(34.48, 31.53), date="2025-02-11"),
        mention("a.txt", TEXT_A, "Netzarim Corridor", "zone:netzarim-corridor", "Netzarim Corridor", "corridor",
                CORRIDOR, date="2025-02-11", precision_m=1000.0),
        mention("a.txt", TEXT_A, "Egypt", "gn:357994", "Egypt", "country", EGYPT, date="2025-02-11", literal=False),
        mention("a.txt", TEXT_A, "Rafah", "gn:281102", "Rafah", "city", Point(34.25, 31.28), date="2025-02-11"),
        mention("b.txt", TEXT_B, "Rafah", "gn:281102", "Rafah", "city", Point(34.25, 31.28)),
        mention("b.txt", TEXT_B, "Washington", "gn:4140963", "Washington", "city", Point(-77.03, 38.9),
                literal=False, section="comments"),
        mention("b.txt", TEXT_B, "Egypt", "gn:357994", "Egypt", "country", EGYPT),
        mention("b.txt", TEXT_B, "South of Rafah", "zone:south-of-rafah", "south of Rafah", "region_part",
                SOUTH_OF_RAFAH, rule="south_of", basis="gn:281102", phrase="South of Rafah", precision_m=2000.0),
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def articles_frame() -> pd.DataFrame:
    return pd.DataFrame([
        {"article_id": "a.txt", "doc": "a.txt", "title": "Corridor closed", "outlet": None, "url": None,
         "date": dt.date(2025, 2, 11), "date_source": "header", "text": TEXT_A, "sections": [("body", 0, len(TEXT_A))]},
        {"article_id": "b.txt", "doc": "b.txt", "title": None, "outlet": None, "url": None,
         "date": None, "date_source": "none", "text": TEXT_B, "sections": [("body", 0, len(TEXT_B))]},
    ])


def named_zones_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        [
            {"place_id": "gz:gaza-strip", "name": "Gaza Strip", "kind": "region", "source": "test", "precision_m": 300.0,
             "valid_from": None, "valid_to": None,
             "geometry": Polygon([(34.22, 31.22), (34.57, 31.59), (34.49, 31.6), (34.2, 31.3)])},
            {"place_id": "zone:netzarim-corridor", "name": "Netzarim Corridor", "kind": "corridor", "source": "test",
             "precision_m": 1000.0, "valid_from": None, "valid_to": None, "geometry": CORRIDOR},
            {"place_id": "zone:yellow-line", "name": "Yellow Line", "kind": "line", "source": "test",
             "precision_m": 500.0, "valid_from": None, "valid_to": None,
             "geometry": LineString([(34.3, 31.3), (34.5, 31.5)])},
        ],
        geometry="geometry", crs="EPSG:4326",
    )


@dataclasses.dataclass
class Frames:
    """Same fields as mapapp.pipeline.CorpusFrames."""

    articles: pd.DataFrame
    mentions: gpd.GeoDataFrame
    named_zones: gpd.GeoDataFrame
    problems: list


def corpus_frames() -> Frames:
    return Frames(articles_frame(), mentions_frame(), named_zones_frame(), [])
