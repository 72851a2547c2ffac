"""Zones from relations between places: borders, spans between two places, offsets and outskirts, shares.

Each rule reads the words between or around mentions the matcher already
resolved, builds the shape in a metric CRS (UTM 36N, see _metric) and returns
new zone mentions; the place mentions they are built from stay.
"""
from __future__ import annotations

import re
from dataclasses import replace

from shapely.ops import unary_union

from mapapp.model import Mention
from mapapp.wordre import reads_backwards
from mapapp.zones import _metric as M
from mapapp.zones import geometry
from mapapp.zones._common import ADJ, DIRS, Lookup, ZoneFacts, ancestors, area_geom, sentence_bounds, zone_mention

SHARE = re.compile(r"\b(\d{1,3}(?:\.\d+)?)\s*(?:%|percent|per cent)\s+of\s+(?:the\s+|its\s+)?")
# What a share can be "of" when the text does not name the area again: the area the article is about.
AREA_NOUN = re.compile(r"(?:territory|enclave|strip|country|land|area)\b", re.I)
SHARE_TOLERANCE = 15.0  # percentage points between the quoted share and the computed one


BORDER = re.compile(r"(?:['’]s)?\s+borders?\s+with\s+(?:the\s+)?")


BORDER_NEAR_M = 1500.0  # two outlines this close share a border, whatever their stated precision
BORDER_WIDTH_M = 500.0


def _shared_border(x: Mention, mx, o: Mention, mo):
    """The band along the border of two areas (metric shapes), drawn on the finer outline of the two. Outlines
    from different sources need not touch: Egypt's Natural Earth outline (5 km precision) stays 1.5 to 2.7 km
    off the Gaza Strip's along their whole border. Two shapes still share a border when the gap between them
    is within their combined precision; the band then follows the finer outline where it lies within the
    usual tolerance of the other shape, counted from where the two come closest."""
    (a, pa), (b, pb) = sorted(((mx, x.precision_m or 0.0), (mo, o.precision_m or 0.0)), key=lambda sp: sp[1])
    gap = a.distance(b)
    if gap > max(BORDER_NEAR_M, pa + pb):
        return a.boundary.intersection(b)  # empty: not neighbours
    return geometry.shared_border(a, b, BORDER_WIDTH_M, gap + BORDER_NEAR_M)


def borders(text: str, mentions: list[Mention], places: Lookup, attached, focus=None) -> list[Mention]:
    """'X's border(s) with Y (and Z)', 'the X border with Y', 'the X-Y border': the shared boundaries, buffered.
    'the border with Y', no X named: X is the area the article is about there (``focus(offset)``, describe.py).

    The span is the phrase; the place mentions inside it stay (they are places in their own right)."""
    found = []
    areas = [m for m in mentions if m.kind in ("country", "region")]
    for i, x in enumerate(areas[:-1]):
        y = areas[i + 1]
        gap = text[x.end:y.start]
        hyphen = gap in ("-", "–") and text[y.end:y.end + 7].lower() == " border"
        if not (BORDER.fullmatch(gap) or hyphen) or any(a <= x.start < b for a, b in attached):
            continue
        # The zone's span is the word "border(s)": the places named around it are mentions
        # of their own, and a span over them would stand in their place for a reader.
        if hyphen:
            start, end = y.end + 1, y.end + 7
        else:
            word = re.search(r"borders?", gap)
            start, end = x.end + word.start(), x.end + word.end()
        others = _listed(text, areas, i + 1)
        zone = _border_zone(text, x, others, places, start, end)
        if zone is not None:
            found.append(replace(zone, phrase=text[x.start:others[-1].end + (7 if hyphen else 0)]))
    if focus is None:
        return found
    starts = {m.start: i for i, m in enumerate(areas)}
    for hit in THE_BORDER.finditer(text):
        i = starts.get(hit.end())
        if i is None or any(a <= hit.start() < b for a, b in attached):
            continue
        x, others = focus(hit.start()), _listed(text, areas, i)
        if x is None or x.kind not in ("country", "region") or x.place_id in {o.place_id for o in others}:
            continue
        word = re.search(r"borders?", hit.group(0))
        zone = _border_zone(text, x, others, places, hit.start() + word.start(), hit.start() + word.end())
        if zone is not None:
            found.append(replace(zone, phrase=text[hit.start():others[-1].end]))
    return found


# "the border with Egypt", "the southern border fence with Israel": no area named before the word
THE_BORDER = re.compile(r"\b[Tt]he\s+(?:(?:northern|southern|eastern|western)\s+)?borders?\s+(?:fence\s+)?with\s+(?:the\s+)?")


def _listed(text: str, areas: list[Mention], i: int) -> list[Mention]:
    """areas[i] and the areas listed after it ("with Israel and Egypt")."""
    others = [areas[i]]
    for z in areas[i + 1:]:
        if re.fullmatch(r"\s*(?:,|and|,\s*and)\s+", text[others[-1].end:z.start]):
            others.append(z)
        else:
            break
    return others


def _border_zone(text: str, x: Mention, others: list[Mention], places: Lookup, start: int, end: int) -> Mention | None:
    """The zone along x's borders with the others (those it has one with), spanning text[start:end]; None when none."""
    gx = area_geom(x, places)
    if gx is None:
        return None
    shapes = [area_geom(o, places) for o in others]
    crs = M.crs_for(gx, *shapes)
    bands = []
    for o, go in zip(others, shapes):
        if go is not None:
            band = _shared_border(x, M.to_metric(gx, crs), o, M.to_metric(go, crs))
            if not band.is_empty:
                bands.append(band)
    if not bands:
        return None
    basis = ",".join([x.place_id] + [o.place_id for o in others])
    name = f"Border between {x.name} and " + " and ".join(o.name for o in others)
    return zone_mention(x, start, end, text, "border", M.to_wgs84(unary_union(bands), crs), f"zone:border:{basis}",
                        name, "border", basis, 0.7, 500.0)


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
FROM_HEAD, FROM_GAP = re.compile(r"\bfrom\s+(?:the\s+)?$"), re.compile(r"\s+to\s+(?:the\s+)?")
BETWEEN_HEAD, AND_GAP = re.compile(r"\bbetween\s+(?:the\s+)?$"), re.compile(r"\s+and\s+(?:the\s+)?")
SPATIAL = re.compile(r"corridor|road|route|axis|strip of land|zone|stretch|runs?\b|extends?|line\b", re.I)


def span_corridors(text: str, mentions: list[Mention], places: Lookup, attached) -> list[Mention]:
    """'from A to B' / 'between A and B' in a spatial sentence without a named corridor: a band joining them."""
    found = []
    for i, a in enumerate(mentions[:-1]):
        b = mentions[i + 1]
        # The words between the two come first: they rarely fit, and are read without copying them out.
        head = text[max(0, a.start - 20):a.start]
        is_from = FROM_GAP.fullmatch(text, a.end, b.start) and FROM_HEAD.search(head)
        is_between = AND_GAP.fullmatch(text, a.end, b.start) and BETWEEN_HEAD.search(head)
        if not (is_from or is_between) or any(s <= a.start < e for s, e in attached):
            continue
        s, e = sentence_bounds(text, a.start)
        sentence = text[s:e]
        if not SPATIAL.search(sentence) or a.geometry is None or b.geometry is None:
            continue
        crs = M.crs_for(a.geometry, b.geometry)
        ga, gb = M.to_metric(a.geometry, crs), M.to_metric(b.geometry, crs)
        if ga.distance(gb) > MAX_SPAN_M:  # "flights from London to Amsterdam" describe no zone
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

