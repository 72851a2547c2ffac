"""Zones from relations between places: borders, spans between two places, offsets and outskirts, shares.

Each rule reads the words between or around mentions the matcher already
resolved, builds the shape in a metric CRS (UTM 36N, see _metric) and returns
new zone mentions; the place mentions they are built from stay.
"""
from __future__ import annotations

import re
from dataclasses import replace

from mapapp.model import Mention
from mapapp.zones import _metric as M
from mapapp.zones import rules
from mapapp.wordre import reads_backwards
from mapapp.zones._common import ADJ, DIRS, Lookup, _area_geom, _place, _sentence, _zone, yellow_lines
from mapapp.zones.named import GAZA_STRIP

SHARE = re.compile(r"\b(\d{1,3}(?:\.\d+)?)\s*(?:%|percent|per cent)\s+of\s+(?:the\s+)?(?:territory|Gaza Strip|Gaza|Strip|enclave)\b")


BORDER = re.compile(r"(?:['’]s)?\s+borders?\s+with\s+(?:the\s+)?")


def _borders(text: str, mentions: list[Mention], places: Lookup, attached) -> list[Mention]:
    """'X's border(s) with Y (and Z)', 'the X border with Y', 'the X-Y border': the shared boundaries, buffered.

    The span is the phrase; the place mentions inside it stay (they are places in their own right)."""
    found = []
    areas = [m for m in mentions if m.kind in ("country", "region")]
    for i, x in enumerate(areas[:-1]):
        y = areas[i + 1]
        gap = text[x.end:y.start]
        hyphen = gap in ("-", "–") and text[y.end:y.end + 7].lower() == " border"
        if not (BORDER.fullmatch(gap) or hyphen) or any(a <= x.start < b for a, b in attached):
            continue
        others = [y]
        for z in areas[i + 2:]:  # "... with Israel and Egypt"
            if re.fullmatch(r"\s*(?:,|and|,\s*and)\s+", text[others[-1].end:z.start]):
                others.append(z)
            else:
                break
        gx = _area_geom(x, places)
        shapes = [_area_geom(o, places) for o in others]
        crs = M.crs_for(gx, *shapes) if gx is not None else None
        bands = []
        for go in shapes:
            if gx is not None and go is not None:
                band = rules.shared_border(M.to_metric(gx, crs), M.to_metric(go, crs), 500.0, 1500.0)
                if not band.is_empty:
                    bands.append(band)
        if not bands:
            continue
        from shapely.ops import unary_union
        # The zone's span is the word "border(s)": the places named around it are mentions
        # of their own, and a span over them would stand in their place for a reader.
        if hyphen:
            start, end = y.end + 1, y.end + 7
        else:
            word = re.search(r"borders?", gap)
            start, end = x.end + word.start(), x.end + word.end()
        basis = ",".join([x.place_id] + [o.place_id for o in others])
        name = f"Border between {x.name} and " + " and ".join(o.name for o in others)
        zone = _zone(x, start, end, text, "border", M.to_wgs84(unary_union(bands), crs), f"zone:border:{basis}",
                     name, "border", basis, 0.7, 500.0)
        found.append(replace(zone, phrase=text[x.start:others[-1].end + (7 if hyphen else 0)]))
    return found


def _shares(text: str, mentions: list[Mention], places: Lookup) -> list[Mention]:
    """'53 percent of Gaza' linked to the area behind the yellow line when the article speaks of that line."""
    area = _place(places, "zone:yellow-line-area")
    strip = _place(places, GAZA_STRIP)
    if area is None or strip is None or not mentions or not yellow_lines(text):
        return []
    found = []
    computed = rules.share(M.to_metric(area.geometry), M.to_metric(strip.geometry)) * 100
    for hit in SHARE.finditer(text):
        quoted = float(hit.group(1))
        if abs(quoted - computed) > 15:
            continue
        found.append(_zone(mentions[0], hit.start(), hit.end(), text, "area", area.geometry, area.id,
                           f"Area behind the yellow line ({quoted:g}% quoted; {computed:.0f}% computed)", "share",
                           f"{area.id},{GAZA_STRIP}", 0.6, area.precision_m))
    return found


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


def _offsets(text: str, mentions: list[Mention], places: Lookup) -> list[Mention]:
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
            geom = rules.offset_disc(base, dist, direction)
            name = f"{hit.group(1)} {hit.group(2)} {direction} of {m.name}"
            rule, kind = "offset", "area"
        else:
            hit = outskirts
            direction = ADJ[hit.group(1).lower()]
            if base.geom_type == "Point":
                base = base.buffer(POINT_RADIUS_M.get(m.kind, 1000.0))
            geom = rules.outskirts(base, direction)
            name = f"{hit.group(1).capitalize()} outskirts of {m.name}"
            rule, kind = "outskirts", "area"
        start = m.start - (len(head) - hit.start())
        found.append(_zone(m, start, m.end, text, kind, M.to_wgs84(geom, crs), f"zone:{rule}-{direction}:{m.place_id}",
                           name, rule, m.place_id, 0.6, max(500.0, 0.2 * geom.length / 6.3)))
    return found


MAX_SPAN_M = 100_000.0
WIDTH = re.compile(r"(\d+(?:\.\d+)?)[\s-]*(km|kilometres?|kilometers?|miles?|mi|m|metres?|meters?)[\s-]*wide", re.I)
FROM_HEAD, FROM_GAP = re.compile(r"\bfrom\s+(?:the\s+)?$"), re.compile(r"\s+to\s+(?:the\s+)?")
BETWEEN_HEAD, AND_GAP = re.compile(r"\bbetween\s+(?:the\s+)?$"), re.compile(r"\s+and\s+(?:the\s+)?")
SPATIAL = re.compile(r"corridor|road|route|axis|strip of land|zone|stretch|runs?\b|extends?|line\b", re.I)


def _span_corridors(text: str, mentions: list[Mention], places: Lookup, attached) -> list[Mention]:
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
        s, e = _sentence(text, a.start)
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
        strip = _place(places, GAZA_STRIP)
        clip = None
        if strip is not None:
            sm = M.to_metric(strip.geometry, crs)
            if sm.buffer(500).covers(ga.representative_point()) and sm.buffer(500).covers(gb.representative_point()):
                clip = sm
        band = rules.corridor_between(ga, gb, width, clip)
        start = a.start - (len(head) - (head.rfind("from") if is_from else head.rfind("between")))
        basis = f"{a.place_id},{b.place_id}"
        found.append(_zone(a, start, b.end, text, "corridor", M.to_wgs84(band, crs), f"zone:span:{basis}",
                           f"Corridor from {a.name} to {b.name}", "span", basis, 0.5, width / 2))
    return found
