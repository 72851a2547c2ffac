"""Zones from relations between places: spans between two places, offsets and outskirts, shares (borders: borders.py).

Each rule reads the words between or around mentions the matcher already
resolved, builds the shape in a metric CRS (UTM 36N, see _metric) and returns
new zone mentions; the place mentions they are built from stay.
"""
from __future__ import annotations

import re

from mapapp.model import Mention
from mapapp.wordre import reads_backwards
from mapapp.zones import _metric as M
from mapapp.zones import geometry
from mapapp.zones._common import ADJ, DIRS, Lookup, ZoneFacts, ancestors, sentence_bounds, zone_mention
from mapapp.shapememo import by_shapes

SHARE = re.compile(r"\b(\d{1,3}(?:\.\d+)?)\s*(?:%|percent|per cent)\s+of\s+(?:the\s+|its\s+)?")
# What a share can be "of" when the text does not name the area again: the area the article is about.
AREA_NOUN = re.compile(r"(?:territory|enclave|strip|country|land|area)\b", re.I)
SHARE_TOLERANCE = 15.0  # percentage points between the quoted share and the computed one


def shares(text: str, mentions: list[Mention], places: Lookup, facts: ZoneFacts) -> list[Mention]:
    """'53 percent of Gaza', where the article names a line that bounds an authored area of that whole:
    the area, when its computed share is near the quoted one (so the number is read, not trusted)."""
    named = {m.place_id for m in mentions}
    candidates = [z for z in facts.bounded if z.extra["bounded_by"] in named and z.parent]
    if not candidates:
        return []
    found = []
    for hit in SHARE.finditer(text):
        whole = next((m for m in mentions if m.start == hit.end()), None)
        if whole is not None:
            wholes = {whole.place_id}
        elif AREA_NOUN.match(text, hit.end()):
            wholes = {z.parent for z in candidates}  # "of the territory": the whole the named line divides
        else:
            continue
        quoted = float(hit.group(1))
        best = None
        for zone in candidates:
            parent = places(zone.parent) if zone.parent in wholes else None
            if parent is None or parent.geometry is None:
                continue
            crs = M.crs_for(parent.geometry)
            computed = geometry.share(M.to_metric(zone.geometry, crs), M.to_metric(parent.geometry, crs)) * 100
            if abs(quoted - computed) <= SHARE_TOLERANCE and (best is None or abs(quoted - computed) < best[0]):
                best = (abs(quoted - computed), zone, parent, computed)
        if best is None:
            continue
        _, zone, parent, computed = best
        found.append(zone_mention(mentions[0], hit.start(), hit.end() + _whole_length(text, hit.end(), whole), text,
                                  "area", zone.geometry, zone.id,
                                  f"{zone.name} ({quoted:g}% quoted; {computed:.0f}% computed)", "share",
                                  f"{zone.id},{parent.id}", 0.6, zone.precision_m))
    return found


def _whole_length(text: str, at: int, whole: Mention | None) -> int:
    if whole is not None:
        return whole.end - at
    noun = AREA_NOUN.match(text, at)
    return noun.end() - at if noun else 0


UNITS_M = {"km": 1000.0, "kilometre": 1000.0, "kilometer": 1000.0, "kilometres": 1000.0, "kilometers": 1000.0,
           "mile": 1609.34, "miles": 1609.34, "mi": 1609.34}
OFFSET = re.compile(r"\b(\d+(?:\.\d+)?)[\s-]*(km|kilometres?|kilometers?|miles?|mi)\s+(" + DIRS
                    + r")\s+of\s+(?:the\s+)?$", re.I)
OUTSKIRTS = re.compile(r"\bthe\s+(northern|southern|eastern|western|north-eastern|north-western|south-eastern|"
                       r"south-western)\s+(?:outskirts|edge|fringes?)\s+of\s+(?:the\s+)?$", re.I)
# What OFFSET and OUTSKIRTS both end with ("\s+of\s+(?:the\s+)?$"), mirrored: a window without it
# has neither, and asking this costs one try at the window's end instead of two searches through it.
OF_TAIL_REVERSED = re.compile(r"(?:\s+eht)?\s+fo\s", re.I)
POINT_RADIUS_M = {"city": 3000.0, "town": 1500.0, "camp": 800.0, "village": 800.0, "neighbourhood": 600.0}


def offsets(text: str, mentions: list[Mention], places: Lookup) -> list[Mention]:
    """'10 km north of X' (a disc at the offset) and 'the eastern outskirts of X' (a band outside X)."""
    found = []
    for m in mentions:
        if m.geometry is None or m.place_id.startswith("zone:"):
            continue
        head = text[max(0, m.start - 60):m.start]
        if not reads_backwards(OF_TAIL_REVERSED, head):  # both phrases end "... of (the) "
            continue
        offset, outskirts = OFFSET.search(head), OUTSKIRTS.search(head)
        if not (offset or outskirts):
            continue
        crs = M.crs_for(m.geometry)
        base = M.to_metric(m.geometry, crs)
        if (hit := offset):
            dist = float(hit.group(1)) * UNITS_M[hit.group(2).lower()]
            direction = hit.group(3).lower().replace("north-", "north-").replace("south-", "south-")
            geom = geometry.offset_disc(base, dist, direction)
            name = f"{hit.group(1)} {hit.group(2)} {direction} of {m.name}"
            rule, kind = "offset", "area"
        else:
            hit = outskirts
            direction = ADJ[hit.group(1).lower()]
            if base.geom_type == "Point":
                base = base.buffer(POINT_RADIUS_M.get(m.kind, 1000.0))
            geom = geometry.outskirts(base, direction)
            name = f"{hit.group(1).capitalize()} outskirts of {m.name}"
            rule, kind = "outskirts", "area"
        start = m.start - (len(head) - hit.start())
        found.append(zone_mention(m, start, m.end, text, kind, M.to_wgs84(geom, crs), f"zone:{rule}-{direction}:{m.place_id}",
                           name, rule, m.place_id, 0.6, max(500.0, 0.2 * geom.length / 6.3)))
    return found


MAX_SPAN_M = 100_000.0
WIDTH = re.compile(r"(\d+(?:\.\d+)?)[\s-]*(km|kilometres?|kilometers?|miles?|mi|m|metres?|meters?)[\s-]*wide", re.I)
FROM_HEAD, BETWEEN_HEAD = re.compile(r"\bfrom\s+(?:the\s+)?$"), re.compile(r"\bbetween\s+(?:the\s+)?$")
# The words between A and B: " to (the) " after "from", " and (the) " after "between" (group 1: "to").
SPAN_GAP = re.compile(r"\s+(?:(to)|and)\s+(?:the\s+)?")
SPATIAL = re.compile(r"corridor|road|route|axis|strip of land|zone|stretch|runs?\b|extends?|line\b", re.I)


def span_corridors(text: str, mentions: list[Mention], places: Lookup, attached) -> list[Mention]:
    """'from A to B' / 'between A and B' in a spatial sentence without a named corridor: a band joining them."""
    found = []
    for i, a in enumerate(mentions[:-1]):
        b = mentions[i + 1]
        # The words between the two come first: they rarely fit, and are read without copying them out.
        gap = SPAN_GAP.fullmatch(text, a.end, b.start)
        if gap is None:
            continue
        head = text[max(0, a.start - 20):a.start]
        is_from = gap.group(1) is not None and FROM_HEAD.search(head)
        is_between = gap.group(1) is None and BETWEEN_HEAD.search(head)
        if not (is_from or is_between) or any(s <= a.start < e for s, e in attached):
            continue
        s, e = sentence_bounds(text, a.start)
        sentence = text[s:e]
        if not SPATIAL.search(sentence) or a.geometry is None or b.geometry is None:
            continue
        crs, ga, gb, apart = _metric_pair(a.geometry, b.geometry)
        if apart > MAX_SPAN_M:  # "flights from London to Amsterdam" describe no zone
            continue
        w = WIDTH.search(sentence)
        if w:
            width = float(w.group(1)) * UNITS_M.get(w.group(2).lower(), 1.0)
        else:
            width = 4000.0 if "corridor" in sentence.lower() else 1000.0
        clip = _common_area(a, b, places)
        band = geometry.corridor_between(ga, gb, width, M.to_metric(clip, crs) if clip is not None else None)
        start = a.start - (len(head) - (head.rfind("from") if is_from else head.rfind("between")))
        basis = f"{a.place_id},{b.place_id}"
        found.append(zone_mention(a, start, b.end, text, "corridor", M.to_wgs84(band, crs), f"zone:span:{basis}",
                           f"Corridor from {a.name} to {b.name}", "span", basis, 0.5, width / 2))
    return found


@by_shapes()
def _metric_pair(a, b):
    """The metric CRS of two shapes, the shapes in it and the distance between them (metres): the same
    for the same two shapes in any article."""
    crs = M.crs_for(a, b)
    ga, gb = M.to_metric(a, crs), M.to_metric(b, crs)
    return crs, ga, gb, ga.distance(gb)


def _common_area(a: Mention, b: Mention, places: Lookup):
    """The smallest area both ends lie in (their nearest shared parent with a shape), which a corridor
    between them stays inside: a corridor across a territory does not run out to sea."""
    def chain(m: Mention) -> list:
        own = places(m.place_id)
        return ([own] if own is not None else []) + ancestors(m.place_id, places)

    above_a = {p.id: p for p in chain(a)}
    for p in chain(b):
        if p.id in above_a and p.geometry is not None and p.geometry.geom_type in ("Polygon", "MultiPolygon"):
            return p.geometry
    return None

