"""One-degree cells of latitude and longitude: which of a name's many places lie near a few points.

A name like "Springfield" has hundreds of places; asking which lie within 50 km of the places an
article names would measure every one of them against every located place. A place outside the
cells around those places is farther than that, so only the places in those cells are measured.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache

from mapapp.model import Place

Cell = tuple[int, int]


def cells_around(points: Iterable[tuple[float, float]]) -> set[Cell]:
    """The cells of these (lat, lon) points and their neighbours: everything within 50 km of a point is in
    them (a degree of longitude is 55 km at 60 degrees, 19 km at 80: more cells of it there)."""
    return set().union(*map(_cells_near, set(points)))


# Remembered per point (the cells depend on the point alone): articles locate the same few thousand places.
@lru_cache(maxsize=100_000)
def _cells_near(point: tuple[float, float]) -> frozenset[Cell]:
    lat, lon = point
    span = 1 if abs(lat) < 60 else 3
    return frozenset((math.floor(lat) + i, math.floor(lon) + j) for i in (-1, 0, 1) for j in range(-span, span + 1))


class PlacesByCell:
    """A name's places by cell, remembered for the list the guards hand for it (the same list object each
    time): a name of many places is asked about in article after article."""

    MAX_NAMES = 200_000  # then forgotten all at once: a bound on memory over any corpus

    def __init__(self):
        self._by_name: dict[str, tuple[list[Place], dict[Cell, list[int]]]] = {}

    def within(self, key: str, places: list[Place], cells: set[Cell]) -> list[Place]:
        """The places (in their order) whose cell is one of ``cells``."""
        hit = self._by_name.get(key)
        if hit is not None and hit[0] is places:
            by_cell = hit[1]
        else:
            by_cell = {}
            for i, p in enumerate(places):
                by_cell.setdefault((math.floor(p.lat), math.floor(p.lon)), []).append(i)
            if len(self._by_name) > self.MAX_NAMES:
                self._by_name.clear()
            self._by_name[key] = (places, by_cell)
        if len(cells) < len(by_cell):
            found = [i for c in cells for i in by_cell.get(c, ())]
        else:
            found = [i for c, at in by_cell.items() if c in cells for i in at]
        return [places[i] for i in sorted(found)]
