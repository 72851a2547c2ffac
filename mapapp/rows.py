"""Mentions as plain columns and each place's shape once, with the ids that keep them apart.

No pandas at import: this is what a worker process makes and sends back
(`mapapp.batch`), so a worker never imports it; `Gathered` puts the parts
together in the parent, and `mapapp.output` turns them into tables.

Ids: a gazetteer place has one shape. A zone the text describes (layer ``zones``)
is named by its rule and basis (``zone:offset-north:gn:281102``), and one rule on
one place can draw different shapes ("5 km north of Rafah", "10 km north of
Rafah"), so its id is that name and a digest of the shape
(``zone:offset-north:gn:281102~3fa9c01e2b4d``): the same shape gets the same id on
every run and in every corpus. Any other id met with a second, different shape
gets the same kind of suffix. Every ``place_id`` therefore finds exactly one shape.
"""
from __future__ import annotations

import hashlib
import operator
from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point

from mapapp.model import GEOMETRY_MODES, MENTION_COLUMNS, Mention  # noqa: F401 (GEOMETRY_MODES: read from here too)
from mapapp.shapememo import by_shapes


SHAPE_SEPARATOR = "~"
ORDINAL = "_ordinal"  # a part's column: the number of the article each row comes from
DESCRIBED_LAYER = "zones"  # the layer of the zones the text describes (mapapp.zones._common._zone)
_MISSING = object()


@by_shapes()
def representative_point(geom) -> Point:
    """The centre of a shape when it lies on the shape, else a point surely on it (kept: the same zones recur)."""
    if geom.geom_type == "Point":
        return geom
    c = geom.centroid
    return c if geom.intersects(c.buffer(1e-9)) else geom.representative_point()


@by_shapes()
def shape_digest(geom) -> str:
    """12 hex digits of the shape's bytes (little-endian WKB, so the same on any machine); kept, as the zones
    an article describes recur in the next (by the shape's identity: mapapp.shapememo)."""
    return hashlib.blake2b(shapely.to_wkb(geom, byte_order=1), digest_size=6).hexdigest()


def same_shape(a, b) -> bool:
    return a is b or (a is not None and b is not None and bool(shapely.equals_exact(a, b, tolerance=0.0)))


class ShapeIds:
    """Gives each (place id, shape) its final id and keeps one shape per id.

    Shape objects are met many times (every mention of a place carries the same one):
    each is looked at once, by identity; the object is held so its id() stays its own."""

    def __init__(self):
        self.shapes: dict[str, Any] = {}
        self._seen: dict[tuple[int, str, bool], tuple[Any, str]] = {}

    def __call__(self, pid: str, geom, described: bool) -> str:
        key = (id(geom), pid, described)
        hit = self._seen.get(key)
        if hit is not None and hit[0] is geom:
            return hit[1]
        final = f"{pid}{SHAPE_SEPARATOR}{shape_digest(geom)}" if described and geom is not None else pid
        have = self.shapes.get(final, _MISSING)
        if have is _MISSING:
            self.shapes[final] = geom
        elif not same_shape(have, geom):  # an id met with a second shape: the shape names it apart
            final = f"{final}{SHAPE_SEPARATOR}{shape_digest(geom) if geom is not None else 'none'}"
            self.shapes.setdefault(final, geom)
        self._seen[key] = (geom, final)
        return final


def mention_columns(mentions: Sequence[Mention]) -> tuple[dict[str, list], dict[str, Any]]:
    """The mentions (in order) as columns of `MENTION_COLUMNS` (dates as ISO text, each row's lat/lon its place's
    point, or a point on the shape when the place has none) and the shape of each place id."""
    if not mentions:
        return {}, {}
    names = list(MENTION_COLUMNS)
    # Column by column, read off the mentions in one C-level pass (no dict per row).
    columns = dict(zip(names, map(list, zip(*map(operator.attrgetter(*names), mentions)))))
    columns["date"] = [d.isoformat() if d else None for d in columns["date"]]
    ids, layers, lat, lon = columns["place_id"], columns["layer"], columns["lat"], columns["lon"]
    final = ShapeIds()
    for i, m in enumerate(mentions):
        geom = m.geometry
        if lat[i] is None or lon[i] is None:
            rp = representative_point(geom)
            lat[i], lon[i] = rp.y, rp.x
        # Zones the text describes are built by the zone rules (layer "zones"); a rule that points a name
        # at a gazetteer zone ("bare-name", "named") keeps that zone's id and shape.
        ids[i] = final(ids[i], geom, layers[i] == DESCRIBED_LAYER)
    return columns, final.shapes


def pack_shapes(shapes: dict[str, Any]) -> tuple[list[str], Any]:
    """For a trip between processes: ids and WKB, each shape once."""
    ids = list(shapes)
    return ids, _wkb(np.array([shapes[i] for i in ids], dtype=object))


# Country and region outlines hold nearly all the coordinates a worker sends back (a copy of the test texts:
# 120 of its 684 shapes, 98% of their coordinates), and each chunk names mostly the same ones as the last:
# the WKB of a shape this big is kept (by identity, holding the shape) for the chunks after.
BIG_SHAPE_COORDS = 64
_WKB_KEPT = 512
_wkb_kept: dict[int, tuple[Any, bytes]] = {}


def _wkb(geoms: np.ndarray) -> np.ndarray:
    """shapely.to_wkb of the shapes (native byte order, as sent), the big ones' bytes kept for the next call."""
    out = np.empty(len(geoms), dtype=object)
    fresh = []
    for i, geom in enumerate(geoms):
        hit = _wkb_kept.get(id(geom))
        if hit is not None and hit[0] is geom:
            out[i] = hit[1]
        else:
            fresh.append(i)
    if fresh:
        made = shapely.to_wkb(geoms[fresh])
        out[fresh] = made
        for geom, wkb, coords in zip(geoms[fresh], made, shapely.get_num_coordinates(geoms[fresh])):
            if coords >= BIG_SHAPE_COORDS:
                if len(_wkb_kept) >= _WKB_KEPT:  # (threads may share it: see mapapp.shapememo)
                    _wkb_kept.pop(next(iter(_wkb_kept), None), None)
                _wkb_kept[id(geom)] = (geom, wkb)
    return out


def unpack_shapes(ids: list[str], wkb) -> dict[str, Any]:
    return dict(zip(ids, shapely.from_wkb(wkb))) if ids else {}
