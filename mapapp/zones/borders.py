"""Borders: "Gaza's border with Egypt", "the Israel-Gaza border", "the border with Egypt".

The band along the boundary two named areas share, built in a metric CRS (_metric) on the finer of
their two outlines. The place mentions around the word "border" stay: they are places in their own
right; the zone spans the word.
"""
from __future__ import annotations

import re
from dataclasses import replace

from shapely.ops import unary_union

from mapapp.model import Mention
from mapapp.zones import _metric as M
from mapapp.zones import geometry
from mapapp.zones._common import Lookup, area_geom, zone_mention
from mapapp.shapememo import by_shapes

BORDER = re.compile(r"(?:['’]s)?\s+(?:(?:northern|southern|eastern|western)\s+)?borders?\s+with\s+(?:the\s+)?")
# "the Israel-Gaza border"; "the Gaza-Egypt border crossing" is the crossing, not the border
_HYPHEN_BORDER = re.compile(r" borders?\b(?![ \t]+crossings?\b)", re.I)
# "the border with Egypt", "the southern border fence with Israel": no area named before the word. Searched
# from its literal "border" (a pattern opening on "\b[Tt]he" is tried at every character: 5% of a parse).
BORDER_WITH = re.compile(r"borders?\s+(?:fence\s+)?with\s+(?:the\s+)?")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+(?:(?:northern|southern|eastern|western)\s+)?$")

BORDER_NEAR_M = 1500.0  # two outlines this close share a border, whatever their stated precision
BORDER_WIDTH_M = 500.0


def _shared_border(a, pa: float, b, pb: float):
    """The band along the border of two areas (metric shapes, each with its precision in metres), drawn on
    the finer outline of the two. Outlines from different sources need not touch: Egypt's Natural Earth
    outline (5 km precision) stays 1.5 to 2.7 km off the Gaza Strip's along their whole border. Two shapes
    still share a border when the gap between them is within their combined precision; the band then
    follows the finer outline where it lies within the usual tolerance of the other shape, counted from
    where the two come closest."""
    (a, pa), (b, pb) = sorted(((a, pa), (b, pb)), key=lambda sp: sp[1])
    gap = a.distance(b)
    if gap > max(BORDER_NEAR_M, pa + pb):
        return None  # not neighbours
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
        # "the Gaza-Egypt border crossing" is the crossing, not the border
        hyphen = gap in ("-", "–") and _HYPHEN_BORDER.match(text, y.end) is not None
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
    for hit in BORDER_WITH.finditer(text):
        i = starts.get(hit.end())
        the = _THE_BEFORE.search(text, max(0, hit.start() - 24), hit.start()) if i is not None else None
        if the is None or any(a <= the.start() < b for a, b in attached):
            continue
        x, others = focus(the.start()), _listed(text, areas, i)
        if x is None or x.kind not in ("country", "region") or x.place_id in {o.place_id for o in others}:
            continue
        word_end = hit.start() + (7 if text.startswith("borders", hit.start()) else 6)
        zone = _border_zone(text, x, others, places, hit.start(), word_end)
        if zone is not None:
            found.append(replace(zone, phrase=text[the.start():others[-1].end]))
    return found


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
    band = _border_band(gx, x.precision_m or 0.0,
                        *[v for o in others for v in (area_geom(o, places), o.precision_m or 0.0)])
    if band is None:
        return None
    basis = ",".join([x.place_id] + [o.place_id for o in others])
    name = f"Border between {x.name} and " + " and ".join(o.name for o in others)
    return zone_mention(x, start, end, text, "border", band, f"zone:border:{basis}", name, "border", basis, 0.7, 500.0)


@by_shapes()
def _border_band(gx, px: float, *others):
    """The band (WGS84) along the borders of area gx (precision px) with the others, given as shape, precision,
    shape, precision...; None when it shares none. It depends on nothing else: kept for the next article."""
    shapes = others[0::2]
    crs = M.crs_for(gx, *shapes)
    bands = []
    for go, po in zip(shapes, others[1::2]):
        if go is not None:
            band = _shared_border(M.to_metric(gx, crs), px, M.to_metric(go, crs), po)
            if band is not None and not band.is_empty:
                bands.append(band)
    return M.to_wgs84(unary_union(bands), crs) if bands else None
