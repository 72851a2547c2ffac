"""Find spatial phrases in an article and turn them into zone mentions.

describe_zones() gets the article, its resolved mentions and a place lookup;
it returns the mentions with zones added and the place mentions a zone
phrase swallows removed. Phrases are matched around existing mentions, so a
rule only fires where the matcher already found the places it is built from.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from mapapp.model import Article, Mention, Place
from mapapp.zones import _metric as M
from mapapp.zones import rules
from mapapp.zones.named import GAZA_PARTS, GAZA_STRIP, named_zone, named_zone_places

AREA_KINDS = {"country", "region", "region_part", "governorate", "admin1", "area"}
DIRS = r"north(?:-?east|-?west)?|south(?:-?east|-?west)?|east|west"
ADJ = {"northern": "north", "southern": "south", "eastern": "east", "western": "west", "central": "centre",
       "north": "north", "south": "south", "east": "east", "west": "west", "centre": "centre",
       "center": "centre", "middle": "centre", "north-eastern": "north-east", "northeastern": "north-east",
       "north-western": "north-west", "northwestern": "north-west", "south-eastern": "south-east",
       "southeastern": "south-east", "south-western": "south-west", "southwestern": "south-west"}
PREFIX = re.compile(r"\b(" + "|".join(sorted(ADJ, key=len, reverse=True)) + r")\s+$", re.I)
THE_X_OF = re.compile(r"\bthe\s+(" + DIRS + r"|centre|center|middle)\s+of\s+(?:the\s+)?$", re.I)
POSSESSIVE = re.compile(r"^['’]s\s+(" + DIRS + r")\b(?!ern)", re.I)
ANAPHOR = re.compile(r"\bthe\s+(?:(?:[a-z]+-)*[a-z]+\s+){0,2}?(north|south)\b(?!ern|\s+of\b|[-\w])")
ADJ_BEFORE_ANAPHOR = re.compile(r"^(?:war|battered|besieged|devastated|ravaged|embattled|occupied|far|deep|whole|entire|"
                                r"[a-z]+-(?:battered|torn|ravaged|hit|stricken))$")
# Well-known divisions used for "southern Israel" etc.: latitude of the dividing line and its source.
KNOWN_DIVISIONS = {
    ("israel", "south"): (31.25, "Israel's Southern District (north limit about 31.25-31.6 N, Beersheba-Kiryat Gat)"),
    ("israel", "north"): (32.45, "Israel's Northern District (south limit about 32.45 N, Jezreel Valley)"),
    ("lebanon", "south"): (33.5, "South and Nabatieh governorates (north limit from the Awali river, about 33.5-33.58 N)"),
}
NETZARIM_CONTEXT = re.compile(r"withdr|troops|forces|army|military|cross|corridor|axis|checkpoint", re.I)
SHARE = re.compile(r"\b(\d{1,3}(?:\.\d+)?)\s*(?:%|percent|per cent)\s+of\s+(?:the\s+)?(?:territory|Gaza Strip|Gaza|Strip|enclave)\b")
SPAN = re.compile(r"\b(?:(?:stretch(?:es|ing)?|runs?|running|extends?|extending)\s+)?from\s+(?:the\s+)?$", re.I)

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


def region_part(area_m: Mention, direction: str, places: Lookup):
    """(geometry WGS84, readable name, precision) for a directional part of an area mention."""
    if _is_gaza(area_m) and direction in ("north", "south", "centre"):
        govs = [_place(places, g) for g in GAZA_PARTS[direction]]
        if all(g is not None and g.geometry is not None for g in govs):
            from shapely.ops import unary_union
            label = {"north": "Northern", "south": "Southern", "centre": "Central"}[direction]
            return unary_union([g.geometry for g in govs]), f"{label} Gaza Strip", 1500.0
    geom = _area_geom(area_m, places)
    if geom is None:
        return None
    metric = M.to_metric(geom)
    known = KNOWN_DIVISIONS.get((area_m.name.lower(), direction))
    if known:
        cut = M.metric_point(known[0], geom.centroid.x).y
        part = rules.part_beyond(metric, "north", cut) if direction == "north" else \
            rules.part_beyond(metric, "south", -cut)
    else:
        part = rules.directional_part(metric, direction)
    if part.is_empty:
        return None
    label = {"centre": "Central"}.get(direction, direction.replace("-", " ").title().replace(" ", "-") + "ern")
    return M.to_wgs84(part), f"{label} {area_m.name}", 5000.0


def _focus(mentions: list[Mention], before: int, places: Lookup) -> Mention | None:
    """The area a bare 'the north' refers back to.

    A north/south contrast continues the area whose parts (or named zones) were
    last spoken of; without one, the most mentioned area (ties: the most recent)."""
    count: dict[str, int] = {}
    last: dict[str, tuple[int, Mention]] = {}
    recent_part: str | None = None
    for m in mentions:
        if m.start >= before:
            break
        if m.kind == "region_part" and m.basis:
            key = m.basis.split(",")[0]
            recent_part = key
        elif m.place_id.startswith("zone:") and (p := _place(places, m.place_id)) and p.parent:
            key = recent_part = p.parent
        elif m.kind in AREA_KINDS:
            key = m.place_id
        else:
            continue
        if key not in last or m.kind in AREA_KINDS and m.kind != "region_part" and not m.place_id.startswith("zone:"):
            p = _place(places, key)
            base = m if key == m.place_id else (
                replace(m, place_id=key, name=p.name, kind=p.kind, geometry=p.geometry, lat=p.lat, lon=p.lon) if p else None)
            if base is None:
                continue
            last[key] = (m.start, base)
        count[key] = count.get(key, 0) + 1
        last[key] = (m.start, last[key][1])
    if recent_part in last:
        return last[recent_part][1]
    if not count:
        return None
    key = max((k for k in count if k in last), key=lambda k: (count[k], last[k][0]), default=None)
    return last[key][1] if key else None


def describe_zones(article: Article, mentions: list[Mention], places: Lookup) -> list[Mention]:
    """Add zone mentions for spatial phrases; drop the place mentions a phrase swallows."""
    text = article.text
    out = sorted(mentions, key=lambda m: m.start)
    out = _bare_netzarim(text, out, places)
    out = _named_zone_spans(text, out, places)
    added: list[Mention] = []
    swallowed: set[int] = set()
    attached = _spans(text, out)
    for i, m in enumerate(out):
        if m.kind not in AREA_KINDS or m.kind == "region_part" or m.place_id.startswith("zone:"):
            continue
        head = text[max(0, m.start - 40):m.start]
        tail = text[m.end:m.end + 20]
        hit = THE_X_OF.search(head) or PREFIX.search(head)
        if hit:
            direction = ADJ.get(hit.group(1).lower(), hit.group(1).lower())
            start = m.start - (len(head) - hit.start())
            end = m.end
        elif (h := POSSESSIVE.match(tail)):
            direction, start, end = h.group(1).lower(), m.start, m.end + h.end()
        else:
            continue
        part = region_part(m, direction, places)
        if part is None:
            continue
        geom, name, prec = part
        added.append(_zone(m, start, end, text, "region_part", geom, f"zone:part-{direction}:{m.place_id}", name,
                           "part", m.place_id, 0.8, prec))
        swallowed.add(i)
    out = [m for i, m in enumerate(out) if i not in swallowed]
    added += _anaphors(text, sorted(out + added, key=lambda m: m.start), places)
    added += _offsets(text, out, places)
    added += _span_corridors(text, out, places, attached)
    added += _borders(text, out, places, attached)
    added += _shares(text, out, places)
    return sorted(out + added, key=lambda m: (m.start, m.end))


def _anaphors(text: str, mentions: list[Mention], places: Lookup) -> list[Mention]:
    found = []
    for hit in ANAPHOR.finditer(text):
        words = hit.group(0).split()[1:-1]
        if any(not ADJ_BEFORE_ANAPHOR.match(w) for w in words):
            continue
        if any(m.start < hit.end() and hit.start() < m.end for m in mentions):
            continue
        focus = _focus(mentions, hit.start(), places)
        if focus is None:
            continue
        part = region_part(focus, hit.group(1), places)
        if part is None:
            continue
        geom, name, prec = part
        found.append(_zone(focus, hit.start(), hit.end(), text, "region_part", geom,
                           f"zone:part-{hit.group(1)}:{focus.place_id}", name, "part-anaphoric", focus.place_id,
                           0.6, prec))
    return found


def _bare_netzarim(text: str, mentions: list[Mention], places: Lookup) -> list[Mention]:
    """A bare 'Netzarim' stands for the corridor when the article or sentence is about it."""
    corridor = _place(places, "zone:netzarim-corridor")
    if corridor is None:
        return mentions
    about_corridor = re.search(r"Netzarim\s+(?:corridor|axis)", text, re.I) is not None
    out = []
    for m in mentions:
        if m.surface == "Netzarim" and not text[m.end:m.end + 9].lower().strip().startswith(("corridor", "axis")):
            sentence = text[max(0, text.rfind(".", 0, m.start)):text.find(".", m.end) % (len(text) + 1)]
            if about_corridor or NETZARIM_CONTEXT.search(sentence):
                m = replace(m, place_id=corridor.id, name=corridor.name, kind=corridor.kind,
                            geometry=corridor.geometry, layer=corridor.layer, source=corridor.source,
                            precision_m=corridor.precision_m, rule="bare-name", basis="gz:netzarim",
                            lat=corridor.lat, lon=corridor.lon)
        out.append(m)
    return out


def _named_zone_spans(text: str, mentions: list[Mention], places: Lookup) -> list[Mention]:
    """'the yellow line' / 'the ‘yellow line’': the span takes 'the' and the quotes; found if unmatched."""
    out = list(mentions)
    zone = _place(places, "zone:yellow-line")
    if zone is not None and not any(m.place_id == zone.id for m in out):
        template = out[0] if out else None
        for hit in re.finditer(r"yellow line", text, re.I):
            if template is not None and not any(m.start < hit.end() and hit.start() < m.end for m in out):
                out.append(replace(template, start=hit.start(), end=hit.end(), surface=hit.group(0), place_id=zone.id,
                                   name=zone.name, kind=zone.kind, geometry=zone.geometry, layer=zone.layer,
                                   source=zone.source, precision_m=zone.precision_m, confidence=0.9, literal=True,
                                   rule="named", basis="", phrase="", lat=zone.lat, lon=zone.lon))
    fixed = []
    for m in out:
        if m.place_id == "zone:yellow-line":
            s, e = m.start, m.end
            if s and text[s - 1] in "‘“'\"" and e < len(text) and text[e] in "’”'\"":
                s, e = s - 1, e + 1
            if text[max(0, s - 4):s].lower() == "the ":
                s -= 4
            m = replace(m, start=s, end=e, surface=text[s:e])
        fixed.append(m)
    return sorted(fixed, key=lambda m: m.start)


def _sentence(text: str, i: int) -> tuple[int, int]:
    s = max(text.rfind(". ", 0, i), text.rfind("\n", 0, i)) + 1
    ends = [j for j in (text.find(". ", i), text.find("\n", i)) if j >= 0]
    return s, min(ends) if ends else len(text)


def _spans(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """'from A to B' in a sentence naming a corridor attaches to that corridor's mention (phrase)."""
    attached = []
    for hit in re.finditer(r"\bfrom\s+(?:the\s+)?", text):
        to = text.find(" to ", hit.end())
        s, e = _sentence(text, hit.start())
        if to < 0 or to > e or not any(hit.end() <= m.start < to for m in mentions):
            continue
        stop = min((m.end for m in mentions if m.start > to), default=e)
        if stop > e:  # no place after "to" in this sentence: the span runs to the clause's end
            comma = text.find(",", to, e)
            stop = comma if comma > 0 else e
        named = [k for k, m in enumerate(mentions) if s <= m.start < e and m.kind == "corridor"]
        if named:
            k = named[0]
            span = text[hit.start():stop]
            mentions[k].phrase = (mentions[k].phrase + " | " if mentions[k].phrase else "") + span
            attached.append((hit.start(), stop))
    return attached


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
        bands = []
        for o in others:
            go = _area_geom(o, places)
            if gx is not None and go is not None:
                band = rules.shared_border(M.to_metric(gx), M.to_metric(go), 500.0, 1500.0)
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
        zone = _zone(x, start, end, text, "border", M.to_wgs84(unary_union(bands)), f"zone:border:{basis}",
                     name, "border", basis, 0.7, 500.0)
        found.append(replace(zone, phrase=text[x.start:others[-1].end + (7 if hyphen else 0)]))
    return found


def _shares(text: str, mentions: list[Mention], places: Lookup) -> list[Mention]:
    """'53 percent of Gaza' linked to the area behind the yellow line when the article speaks of that line."""
    area = _place(places, "zone:yellow-line-area")
    strip = _place(places, GAZA_STRIP)
    if area is None or strip is None or not re.search(r"yellow line", text, re.I) or not mentions:
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
POINT_RADIUS_M = {"city": 3000.0, "town": 1500.0, "camp": 800.0, "village": 800.0, "neighbourhood": 600.0}


def _offsets(text: str, mentions: list[Mention], places: Lookup) -> list[Mention]:
    """'10 km north of X' (a disc at the offset) and 'the eastern outskirts of X' (a band outside X)."""
    found = []
    for m in mentions:
        if m.geometry is None or m.place_id.startswith("zone:"):
            continue
        head = text[max(0, m.start - 60):m.start]
        base = M.to_metric(m.geometry)
        if (hit := OFFSET.search(head)):
            dist = float(hit.group(1)) * UNITS_M[hit.group(2).lower()]
            direction = hit.group(3).lower().replace("north-", "north-").replace("south-", "south-")
            geom = rules.offset_disc(base, dist, direction)
            name = f"{hit.group(1)} {hit.group(2)} {direction} of {m.name}"
            rule, kind = "offset", "area"
        elif (hit := OUTSKIRTS.search(head)):
            direction = ADJ[hit.group(1).lower()]
            if base.geom_type == "Point":
                base = base.buffer(POINT_RADIUS_M.get(m.kind, 1000.0))
            geom = rules.outskirts(base, direction)
            name = f"{hit.group(1).capitalize()} outskirts of {m.name}"
            rule, kind = "outskirts", "area"
        else:
            continue
        start = m.start - (len(head) - hit.start())
        found.append(_zone(m, start, m.end, text, kind, M.to_wgs84(geom), f"zone:{rule}-{direction}:{m.place_id}",
                           name, rule, m.place_id, 0.6, max(500.0, 0.2 * geom.length / 6.3)))
    return found


MAX_SPAN_M = 100_000.0
WIDTH = re.compile(r"(\d+(?:\.\d+)?)[\s-]*(km|kilometres?|kilometers?|miles?|mi|m|metres?|meters?)[\s-]*wide", re.I)
SPATIAL = re.compile(r"corridor|road|route|axis|strip of land|zone|stretch|runs?\b|extends?|line\b", re.I)


def _span_corridors(text: str, mentions: list[Mention], places: Lookup, attached) -> list[Mention]:
    """'from A to B' / 'between A and B' in a spatial sentence without a named corridor: a band joining them."""
    found = []
    for i, a in enumerate(mentions[:-1]):
        b = mentions[i + 1]
        head, gap = text[max(0, a.start - 20):a.start], text[a.end:b.start]
        is_from = re.search(r"\bfrom\s+(?:the\s+)?$", head) and re.fullmatch(r"\s+to\s+(?:the\s+)?", gap)
        is_between = re.search(r"\bbetween\s+(?:the\s+)?$", head) and re.fullmatch(r"\s+and\s+(?:the\s+)?", gap)
        if not (is_from or is_between) or any(s <= a.start < e for s, e in attached):
            continue
        s, e = _sentence(text, a.start)
        sentence = text[s:e]
        if not SPATIAL.search(sentence) or a.geometry is None or b.geometry is None:
            continue
        ga, gb = M.to_metric(a.geometry), M.to_metric(b.geometry)
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
            sm = M.to_metric(strip.geometry)
            if sm.buffer(500).covers(ga.representative_point()) and sm.buffer(500).covers(gb.representative_point()):
                clip = sm
        band = rules.corridor_between(ga, gb, width, clip)
        start = a.start - (len(head) - (head.rfind("from") if is_from else head.rfind("between")))
        basis = f"{a.place_id},{b.place_id}"
        found.append(_zone(a, start, b.end, text, "corridor", M.to_wgs84(band), f"zone:span:{basis}",
                           f"Corridor from {a.name} to {b.name}", "span", basis, 0.5, width / 2))
    return found
