"""What the zone rules share: the place lookup and the zone facts, a zone mention built on a base mention, sentences."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from mapapp import sentences
from mapapp.model import Division, Mention, Place

DIRS = r"north(?:-?east|-?west)?|south(?:-?east|-?west)?|east|west"

ADJ = {"northern": "north", "southern": "south", "eastern": "east", "western": "west", "central": "centre",
       "north": "north", "south": "south", "east": "east", "west": "west", "centre": "centre",
       "center": "centre", "middle": "centre", "north-eastern": "north-east", "northeastern": "north-east",
       "north-western": "north-west", "northwestern": "north-west", "south-eastern": "south-east",
       "southeastern": "south-east", "south-western": "south-west", "southwestern": "south-west"}

Lookup = Callable[[str], Place | None]


@dataclass(frozen=True)
class ZoneFacts:
    """What the rules know besides places by id: facts authored in geodata/, each sourced there.

    - ``divisions``: how news divides an area (geodata/divisions.csv), by (area id, direction);
    - ``bare_names``: place id -> the named zone a bare mention of that place can stand for
      (a corridor named after a settlement: feature property ``bare_name``);
    - ``phrase_zones``: named zones news writes as a common phrase, in lower case (``common_phrase``);
    - ``bounded``: area zones that lie behind a named line (``bounded_by``), for "N percent of".
    """

    divisions: Mapping[tuple[str, str], Division] = field(default_factory=dict)
    bare_names: Mapping[str, Place] = field(default_factory=dict)
    phrase_zones: tuple[Place, ...] = ()
    bounded: tuple[Place, ...] = ()

    @classmethod
    def from_places(cls, places: Iterable[Place], divisions: Mapping[tuple[str, str], Division] | None = None) -> ZoneFacts:
        """The facts carried by these places' properties (Place.extra), with the divisions table."""
        places = list(places)
        return cls(
            divisions=dict(divisions or {}),
            bare_names={p.extra["bare_name"]: p for p in places if p.extra.get("bare_name")},
            phrase_zones=tuple(p for p in places if p.extra.get("common_phrase")),
            bounded=tuple(p for p in places if p.extra.get("bounded_by") and p.geometry is not None),
        )


NO_FACTS = ZoneFacts()


def area_geom(m: Mention, places: Lookup):
    """The polygon of an area mention (the place's shape, else the mention's own), or None."""
    p = places(m.place_id)
    g = p.geometry if p is not None and p.geometry is not None else m.geometry
    if g is None or g.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    return g


def zone_mention(base: Mention, start: int, end: int, text: str, kind: str, geom_wgs, pid: str, name: str, rule: str,
                 basis: str, confidence: float, precision_m: float | None) -> Mention:
    return replace(base, start=start, end=end, surface=text[start:end], place_id=pid, name=name, kind=kind,
                   geometry=geom_wgs, confidence=confidence, literal=True, layer="zones", country=base.country,
                   source="mapapp.zones." + rule, precision_m=precision_m, rule=rule, basis=basis,
                   phrase=text[start:end], lat=None, lon=None)


def as_place(m: Mention, place: Place, **changes) -> Mention:
    """The mention, now of ``place`` (its name, kind, shape, source and point)."""
    return replace(m, place_id=place.id, name=place.name, kind=place.kind, geometry=place.geometry, layer=place.layer,
                   source=place.source, precision_m=place.precision_m, lat=place.lat, lon=place.lon, **changes)


# A "sentence" with no stop within this many characters is cut there: a 1 MB line
# without a full stop must not make every phrase search scan the whole text.
MAX_SENTENCE = 2000


def sentence_bounds(text: str, i: int) -> tuple[int, int]:
    """The sentence around ``i`` up to its closing mark (mapapp.sentences), within MAX_SENTENCE each side."""
    return sentences.bounds(text, i, window=MAX_SENTENCE, with_mark=False)


def ancestors(place_id: str, places: Lookup, limit: int = 6) -> list[Place]:
    """The place's parents, nearest first (a camp's governorate, then its territory)."""
    out: list[Place] = []
    p = places(place_id)
    while p is not None and p.parent and len(out) < limit:
        p = places(p.parent)
        if p is not None:
            out.append(p)
    return out
