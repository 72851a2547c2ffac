"""One table of the kinds of place: what each is drawn as, weighed as, and counted as.

Columns:
- group: the map legend's group (one colour a group);
- prior: resolution's weight for a candidate of this kind, before size and context
  (a country before a village of the same name); a kind not listed weighs ``DEFAULT_PRIOR``;
- area: a large area, shown as a choropleth of mention counts when it comes with a polygon;
- zone: drawn as a shape, never a marker (corridors, lines, described parts of a region);
- point: a resolved place of this kind is a point of the article's geography, whose distance
  to a candidate counts in resolution's second pass (countries, continents, regions and seas
  are too large for a distance to mean anything).
"""
from __future__ import annotations

from typing import NamedTuple


class Kind(NamedTuple):
    group: str
    prior: float | None
    area: bool
    zone: bool
    point: bool


DEFAULT_PRIOR = 0.5
_AREAS = "Countries and regions"

KINDS: dict[str, Kind] = {
    # kind:          group                        prior  area   zone   point
    "country":       Kind(_AREAS,                      4.5, True, False, False),
    "continent":     Kind(_AREAS,                      2.6, True, False, False),
    "region":        Kind(_AREAS,                      2.2, True, False, False),
    "water":         Kind("Water",                     2.0, True, False, False),
    "admin1":        Kind(_AREAS,                      1.4, True, False, True),
    "governorate":   Kind(_AREAS,                      1.8, True, False, True),
    "area":          Kind(_AREAS,                      1.6, False, False, True),
    "corridor":      Kind("Zones",                     1.8, False, True, True),
    "line":          Kind("Zones",                     1.6, False, True, True),
    "region_part":   Kind("Zones",                     None, False, True, True),
    "border":        Kind("Zones",                     None, False, True, True),
    "city":          Kind("Cities and towns",          1.2, False, False, True),
    "town":          Kind("Cities and towns",          1.0, False, False, True),
    "village":       Kind("Cities and towns",          0.4, False, False, True),
    "settlement":    Kind("Cities and towns",          0.5, False, False, True),
    "camp":          Kind("Camps",                     1.2, False, False, True),
    "neighbourhood": Kind("Neighbourhoods",            1.0, False, False, True),
    "crossing":      Kind("Crossings and facilities",  1.1, False, False, True),
    "facility":      Kind("Crossings and facilities",  0.9, False, False, True),
    "road":          Kind("Roads",                     0.8, False, False, True),
    "other":         Kind("Other",                     None, False, False, True),
}

PRIORS: dict[str, float] = {k: v.prior for k, v in KINDS.items() if v.prior is not None}
AREA_KINDS = frozenset(k for k, v in KINDS.items() if v.area)
ZONE_KINDS = frozenset(k for k, v in KINDS.items() if v.zone)
NOT_POINT_KINDS = frozenset(k for k, v in KINDS.items() if not v.point)


def prior(kind: str) -> float:
    return PRIORS.get(kind, DEFAULT_PRIOR)
