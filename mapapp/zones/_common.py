"""What the zone rules share: the place lookup, a zone mention built on a base mention, sentences."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from mapapp.model import Mention, Place
from mapapp.zones.named import GAZA_STRIP, named_zone

DIRS = r"north(?:-?east|-?west)?|south(?:-?east|-?west)?|east|west"

ADJ = {"northern": "north", "southern": "south", "eastern": "east", "western": "west", "central": "centre",
       "north": "north", "south": "south", "east": "east", "west": "west", "centre": "centre",
       "center": "centre", "middle": "centre", "north-eastern": "north-east", "northeastern": "north-east",
       "north-western": "north-west", "northwestern": "north-west", "south-eastern": "south-east",
       "southeastern": "south-east", "south-western": "south-west", "southwestern": "south-west"}

Lookup = Callable[[str], Place | None]


def _place(places: Lookup, pid: str) -> Place | None:
    return places(pid) or named_zone(pid)


def _area_geom(m: Mention, places: Lookup):
    """The polygon of an area mention (the place's shape, else the mention's own)."""
    p = _place(places, m.place_id)
    g = p.geometry if p is not None and p.geometry is not None else m.geometry
    if g is None or g.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    if m.place_id in ("gz:gaza-strip",) or _is_gaza(m):
        strip = named_zone(GAZA_STRIP)
        return strip.geometry if strip is not None else g
    return g


def _is_gaza(m: Mention) -> bool:
    return m.place_id == GAZA_STRIP or m.name.lower() in ("gaza strip", "gaza")


def _zone(base: Mention, start: int, end: int, text: str, kind: str, geom_wgs, pid: str, name: str, rule: str,
          basis: str, confidence: float, precision_m: float | None) -> Mention:
    return replace(base, start=start, end=end, surface=text[start:end], place_id=pid, name=name, kind=kind,
                   geometry=geom_wgs, confidence=confidence, literal=True, layer="zones", country=base.country,
                   source="mapapp.zones." + rule, precision_m=precision_m, rule=rule, basis=basis,
                   phrase=text[start:end], lat=None, lon=None)


# A "sentence" with no stop within this many characters is cut there: a 1 MB line
# without a full stop must not make every phrase search scan the whole text.
MAX_SENTENCE = 2000


def _sentence(text: str, i: int) -> tuple[int, int]:
    lo, hi = max(0, i - MAX_SENTENCE), min(len(text), i + MAX_SENTENCE)
    s = max(text.rfind(". ", lo, i), text.rfind("\n", lo, i), lo - 1) + 1
    ends = [j for j in (text.find(". ", i, hi), text.find("\n", i, hi)) if j >= 0]
    return s, min(ends) if ends else hi


YELLOW_LINE = re.compile(r"yellow line", re.I)


def yellow_lines(text: str) -> list[re.Match]:
    """Where the text says "yellow line", in any case. Most articles never do, and "yellow" in the
    lower-cased text says so faster than the pattern (no other letter folds to y, e, l, o or w)."""
    return list(YELLOW_LINE.finditer(text)) if "yellow" in text.lower() else []
