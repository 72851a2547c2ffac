"""One table of the kinds of place: what each is drawn as, weighed as, and counted as.

Columns:
- group: the map legend's group (one colour a group);
- prior: resolution's weight for a candidate of this kind, before size and context
  (a country before a village of the same name); a kind not listed weighs ``DEFAULT_PRIOR``;
- area: a large area, shown as a choropleth of mention counts when it comes with a polygon;
- zone: drawn as a shape, never a marker (corridors, lines, described parts of a region);
- point: a resolved place of this kind is a point of the article's geography, whose distance
  to a candidate counts in resolution's second pass (countries, continents, regions and seas
  are too large for a distance to mean anything);
- shape: drawn as its own shape where it has one (an outline, a corridor, a line) in the
  map's zone layer; a road's line is the basemap's, a town is a marker;
- divisible: a land area news divides by direction ("northern Gaza", "the south of
  Israel"), whose parts zones.describe draws.

Every module that asks what a kind is reads it here, never from a set of its own.
"""
from __future__ import annotations

from typing import NamedTuple


class Kind(NamedTuple):
    group: str
    prior: float | None
    area: bool
    zone: bool
    point: bool
    shape: bool
    divisible: bool


DEFAULT_PRIOR = 0.5
_AREAS = "Countries and regions"
T, F = True, False

KINDS: dict[str, Kind] = {
    # kind:          group                        prior  area zone point shape divisible
    "country":       Kind(_AREAS,                      4.5, T, F, F, T, T),
    "continent":     Kind(_AREAS,                      2.6, T, F, F, T, F),
    "region":        Kind(_AREAS,                      2.2, T, F, F, T, T),
    "water":         Kind("Water",                     2.0, T, F, F, T, F),
    "admin1":        Kind(_AREAS,                      1.4, T, F, T, T, T),
    "governorate":   Kind(_AREAS,                      1.8, T, F, T, T, T),
    "area":          Kind(_AREAS,                      1.6, F, F, T, T, T),
    "corridor":      Kind("Zones",                     1.8, F, T, T, T, F),
    "line":          Kind("Zones",                     1.6, F, T, T, T, F),
    "region_part":   Kind("Zones",                     None, F, T, T, T, T),
    "border":        Kind("Zones",                     None, F, T, T, T, F),
    "city":          Kind("Cities and towns",          1.2, F, F, T, F, F),
    "town":          Kind("Cities and towns",          1.0, F, F, T, F, F),
    "village":       Kind("Cities and towns",          0.4, F, F, T, F, F),
    "settlement":    Kind("Cities and towns",          0.5, F, F, T, F, F),
    "camp":          Kind("Camps",                     1.2, F, F, T, F, F),
    "neighbourhood": Kind("Neighbourhoods",            1.0, F, F, T, F, F),
    "crossing":      Kind("Crossings and facilities",  1.1, F, F, T, F, F),
    "facility":      Kind("Crossings and facilities",  0.9, F, F, T, F, F),
    "road":          Kind("Roads",                     0.8, F, F, T, F, F),
    "other":         Kind("Other",                     None, F, F, T, F, F),
}
del T, F

PRIORS: dict[str, float] = {k: v.prior for k, v in KINDS.items() if v.prior is not None}
AREA_KINDS = frozenset(k for k, v in KINDS.items() if v.area)
ZONE_KINDS = frozenset(k for k, v in KINDS.items() if v.zone)
NOT_POINT_KINDS = frozenset(k for k, v in KINDS.items() if not v.point)
SHAPE_KINDS = frozenset(k for k, v in KINDS.items() if v.shape)
DIVISIBLE_KINDS = frozenset(k for k, v in KINDS.items() if v.divisible)


def in_group(group: str) -> tuple[str, ...]:
    """The kinds of one legend group, in table order."""
    return tuple(k for k, v in KINDS.items() if v.group == group)


def prior(kind: str) -> float:
    return PRIORS.get(kind, DEFAULT_PRIOR)
