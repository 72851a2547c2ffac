"""Find spatial phrases in an article and turn them into zone mentions.

describe_zones() gets the article, its resolved mentions and a place lookup;
it returns the mentions with zones added and the place mentions a zone
phrase swallows removed. Phrases are matched around existing mentions, so a
rule only fires where the matcher already found the places it is built from.
"""
from __future__ import annotations

import bisect

import re
from operator import attrgetter
from dataclasses import replace

from mapapp.model import Article, Mention
from mapapp.wordre import reads_backwards, reversed_alternation
from mapapp.zones import _metric as M
from mapapp.zones import rules
from mapapp.zones._common import ADJ, DIRS, Lookup, _area_geom, _is_gaza, _place, _sentence, _zone, yellow_lines
from mapapp.zones.relations import _borders, _offsets, _shares, _span_corridors
from mapapp.zones.named import GAZA_PARTS

_BY_START, _BY_SPAN = attrgetter("start"), attrgetter("start", "end")  # sort keys, in C
AREA_KINDS = {"country", "region", "region_part", "governorate", "admin1", "area"}
PREFIX = re.compile(r"\b(" + "|".join(sorted(ADJ, key=len, reverse=True)) + r")\s+$", re.I)
THE_X_OF = re.compile(r"\bthe\s+(" + DIRS + r"|centre|center|middle)\s+of\s+(?:the\s+)?$", re.I)
# How both end ("northern ", "... of the "), mirrored: a head without either ending has neither
# phrase, and asking this is one try at its end instead of two searches through it.
AREA_TAIL_REVERSED = re.compile(r"\s+%s|(?:\s+eht)?\s+fo\s" % reversed_alternation(ADJ), re.I)
POSSESSIVE = re.compile(r"^['’]s\s+(" + DIRS + r")\b(?!ern)", re.I)
# Scanned over whole articles: written to start with the literal "the" (the word edge checked
# behind it), which `re` finds by a fast search; "\bthe" would be tried at every character.
ANAPHOR = re.compile(r"the(?<=\bthe)\s+(?:(?:[a-z]+-)*[a-z]+\s+){0,2}?(north|south)\b(?!ern|\s+of\b|[-\w])")
FROM = re.compile(r"from(?<=\bfrom)\s+(?:the\s+)?")  # "\bfrom\s+(?:the\s+)?", likewise
ADJ_BEFORE_ANAPHOR = re.compile(r"^(?:war|battered|besieged|devastated|ravaged|embattled|occupied|far|deep|whole|entire|"
                                r"[a-z]+-(?:battered|torn|ravaged|hit|stricken))$")
# Well-known divisions used for "southern Israel" etc.: latitude of the dividing line and its source.
KNOWN_DIVISIONS = {
    ("israel", "south"): (31.25, "Israel's Southern District (north limit about 31.25-31.6 N, Beersheba-Kiryat Gat)"),
    ("israel", "north"): (32.45, "Israel's Northern District (south limit about 32.45 N, Jezreel Valley)"),
    ("lebanon", "south"): (33.5, "South and Nabatieh governorates (north limit from the Awali river, about 33.5-33.58 N)"),
}
NETZARIM_CONTEXT = re.compile(r"withdr|troops|forces|army|military|cross|corridor|axis|checkpoint", re.I)
SPAN = re.compile(r"\b(?:(?:stretch(?:es|ing)?|runs?|running|extends?|extending)\s+)?from\s+(?:the\s+)?$", re.I)


_PARTS: dict[tuple, tuple] = {}


def region_part(area_m: Mention, direction: str, places: Lookup):
    """(geometry WGS84, readable name, precision) for a directional part of an area mention.

    The same parts ("southern Israel") recur across a corpus; each is built once."""
    key = (area_m.place_id, area_m.name, direction, id(area_m.geometry))
    hit = _PARTS.get(key)
    if hit is not None and hit[0] is area_m.geometry:
        return hit[1]
    part = _region_part(area_m, direction, places)
    if len(_PARTS) > 1024:
        _PARTS.clear()
    _PARTS[key] = (area_m.geometry, part)
    return part


def _region_part(area_m: Mention, direction: str, places: Lookup):
    if _is_gaza(area_m) and direction in ("north", "south", "centre"):
        govs = [_place(places, g) for g in GAZA_PARTS[direction]]
        if all(g is not None and g.geometry is not None for g in govs):
            from shapely.ops import unary_union
            label = {"north": "Northern", "south": "Southern", "centre": "Central"}[direction]
            return unary_union([g.geometry for g in govs]), f"{label} Gaza Strip", 1500.0
    geom = _area_geom(area_m, places)
    if geom is None:
        return None
    crs = M.crs_for(geom)
    metric = M.to_metric(geom, crs)
    known = KNOWN_DIVISIONS.get((area_m.name.lower(), direction))
    if known:
        cut = M.metric_point(known[0], geom.centroid.x, crs).y
        part = rules.part_beyond(metric, "north", cut) if direction == "north" else \
            rules.part_beyond(metric, "south", -cut)
    else:
        part = rules.directional_part(metric, direction)
    if part.is_empty:
        return None
    label = {"centre": "Central"}.get(direction, direction.replace("-", " ").title().replace(" ", "-") + "ern")
    return M.to_wgs84(part, crs), f"{label} {area_m.name}", 5000.0


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
    out = sorted(mentions, key=_BY_START)
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
        hit = (THE_X_OF.search(head) or PREFIX.search(head)) if reads_backwards(AREA_TAIL_REVERSED, head) else None
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
    added += _anaphors(text, sorted(out + added, key=_BY_START), places)
    added += _offsets(text, out, places)
    added += _span_corridors(text, out, places, attached)
    added += _borders(text, out, places, attached)
    added += _shares(text, out, places)
    return sorted(out + added, key=_BY_SPAN)


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
    about_corridor = None  # read from the whole text only for an article that has a bare "Netzarim"
    out = []
    for m in mentions:
        if m.surface == "Netzarim" and not text[m.end:m.end + 9].lower().strip().startswith(("corridor", "axis")):
            sentence = text[max(0, text.rfind(".", 0, m.start)):text.find(".", m.end) % (len(text) + 1)]
            if about_corridor is None:
                about_corridor = re.search(r"Netzarim\s+(?:corridor|axis)", text, re.I) is not None
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
        for hit in yellow_lines(text):
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
    return sorted(fixed, key=_BY_START)


def _spans(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """'from A to B' in a sentence naming a corridor attaches to that corridor's mention (phrase).

    ``mentions`` come sorted by start: the ones near each "from" are found by bisection, not by
    reading them all (a 20 MB article with a "from" in every line took an hour)."""
    attached = []
    starts = [m.start for m in mentions]
    later_end = [0] * (len(mentions) + 1)  # later_end[i]: the least end of mentions[i:]
    later_end[-1] = len(text) + 1
    for i in range(len(mentions) - 1, -1, -1):
        later_end[i] = min(mentions[i].end, later_end[i + 1])
    for hit in FROM.finditer(text):
        s, e = _sentence(text, hit.start())
        to = text.find(" to ", hit.end(), e)
        first = bisect.bisect_left(starts, hit.end())
        if to < 0 or to > e or not (first < len(starts) and starts[first] < to):
            continue
        after = bisect.bisect_right(starts, to)
        stop = later_end[after] if after < len(mentions) else e
        if stop > e:  # no place after "to" in this sentence: the span runs to the clause's end
            comma = text.find(",", to, e)
            stop = comma if comma > 0 else e
        lo, hi = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
        named = [k for k in range(lo, hi) if mentions[k].kind == "corridor"]
        if named:
            k = named[0]
            span = text[hit.start():stop]
            mentions[k].phrase = (mentions[k].phrase + " | " if mentions[k].phrase else "") + span
            attached.append((hit.start(), stop))
    return attached

