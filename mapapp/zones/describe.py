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

from shapely.ops import unary_union

from mapapp.kinds import DIVISIBLE_KINDS
from mapapp.model import Article, Mention
from mapapp.wordre import reversed_alternation
from mapapp.zones import _metric as M
from mapapp.zones import geometry
from mapapp.zones._common import ADJ, DIRS, NO_FACTS, Lookup, ZoneFacts, area_geom, sentence_bounds, zone_mention
from mapapp.zones.named import bare_names, phrase_zones
from mapapp.zones.borders import borders
from mapapp.zones.relations import OF_TAIL_REVERSED, offsets, shares, span_corridors

_BY_START, _BY_SPAN = attrgetter("start"), attrgetter("start", "end")  # sort keys, in C
AREA_KINDS = DIVISIBLE_KINDS  # the areas news divides by direction (mapapp.kinds)
PREFIX = re.compile(r"\b(" + "|".join(sorted(ADJ, key=len, reverse=True)) + r")\s+$", re.I)
THE_X_OF = re.compile(r"\bthe\s+(" + DIRS + r"|centre|center|middle)\s+of\s+(?:the\s+)?$", re.I)
# How each ends, mirrored: PREFIX in a direction word ("northern "), THE_X_OF in "of (the) " (as the offsets
# do: relations.OF_TAIL_REVERSED). A head without the ending has not the phrase, and asking is one try at its
# end instead of a search through it. Each asked apart: most place names follow "of", where PREFIX's
# case-blind search at each of 40 characters cost more than all the other zone rules.
PREFIX_TAIL_REVERSED = re.compile(r"\s+%s" % reversed_alternation(ADJ), re.I)
POSSESSIVE = re.compile(r"^['’]s\s+(" + DIRS + r")\b(?!ern)", re.I)
# Scanned over whole articles: written to start with the literal "he" (the word edge and "t" or "T" checked
# behind it), which `re` finds by a fast search; "\b[Tt]he" would be tried at every character.
ANAPHOR = re.compile(r"he(?<=\b[Tt]he)\s+(?:(?:[a-z]+-)*[a-z]+\s+){0,2}?(north|south)\b(?!ern|\s+of\b|[-\w])")
# "the north of the enclave", "the south of the country": a part of the area the article is about, named by a
# common noun for it rather than by its name (a country's noun only for a country). Scanned like ANAPHOR.
AREA_NOUN_PART = re.compile(r"he(?<=\b[Tt]he)\s+(" + DIRS + r"|centre|center|middle)\s+of\s+the\s+(enclave|territory|strip|country)\b")
FROM = re.compile(r"from(?<=\bfrom)\s+(?:the\s+)?")  # "\bfrom\s+(?:the\s+)?", likewise
ADJ_BEFORE_ANAPHOR = re.compile(r"^(?:war|battered|besieged|devastated|ravaged|embattled|occupied|far|deep|whole|entire|"
                                r"[a-z]+-(?:battered|torn|ravaged|hit|stricken))$")
SPAN = re.compile(r"\b(?:(?:stretch(?:es|ing)?|runs?|running|extends?|extending)\s+)?from\s+(?:the\s+)?$", re.I)


_PARTS: dict[tuple, tuple] = {}
LABELS = {"centre": "Central"}
MAINLAND_HOP_DEG = 2.7  # ~300 km of latitude: Corsica and Sicily belong to their country's parts, Réunion does not


def region_part(area_m: Mention, direction: str, places: Lookup, facts: ZoneFacts = NO_FACTS):
    """(geometry WGS84, readable name, precision) for a directional part of an area mention.

    The same parts ("southern Israel") recur across a corpus; each is built once."""
    key = (area_m.place_id, area_m.name, direction, id(area_m.geometry), id(facts))
    hit = _PARTS.get(key)
    if hit is not None and hit[0] is area_m.geometry:
        return hit[1]
    part = _region_part(area_m, direction, places, facts)
    if len(_PARTS) > 1024:
        _PARTS.clear()
    _PARTS[key] = (area_m.geometry, part)
    return part


def _region_part(area_m: Mention, direction: str, places: Lookup, facts: ZoneFacts):
    """The sourced division of the area where geodata/divisions.csv has one, else a third of its mainland
    on that side (a country's far islands and overseas lands are not its south)."""
    division = facts.divisions.get((area_m.place_id, direction))
    if division is not None and division.members:
        members = [places(pid) for pid in division.members]
        if all(p is not None and p.geometry is not None for p in members):
            return unary_union([p.geometry for p in members]), division.name, division.precision_m
    geom = area_geom(area_m, places)
    if geom is None:
        return None
    main = geometry.mainland(geom, MAINLAND_HOP_DEG)
    crs = M.crs_for(main)
    metric = M.to_metric(main, crs)
    if division is not None and division.boundary_lat is not None and direction in ("north", "south"):
        cut = M.metric_point(division.boundary_lat, geom.centroid.x, crs).y
        part = geometry.part_beyond(metric, direction, cut if direction == "north" else -cut)
        name, precision = division.name, division.precision_m
    else:
        part = geometry.directional_part(metric, direction)
        label = LABELS.get(direction, direction.replace("-", " ").title().replace(" ", "-") + "ern")
        name, precision = f"{label} {area_m.name}", 5000.0
    if part.is_empty:
        return None
    return M.to_wgs84(part, crs), name, precision


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
        elif m.place_id.startswith("zone:") and (p := places(m.place_id)) and p.parent:
            key = recent_part = p.parent
        elif m.kind in AREA_KINDS:
            key = m.place_id
        else:
            continue
        if key not in last or m.kind in AREA_KINDS and m.kind != "region_part" and not m.place_id.startswith("zone:"):
            p = places(key)
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


def describe_zones(article: Article, mentions: list[Mention], places: Lookup, facts: ZoneFacts = NO_FACTS) -> list[Mention]:
    """Add zone mentions for spatial phrases; drop the place mentions a phrase swallows.

    ``places`` looks places up by id (the resolver's gazetteer); ``facts`` are the sourced zone
    facts of geodata/ (:meth:`ZoneFacts.from_places`); the rules know nothing else of the world.
    """
    text = article.text
    out = sorted(mentions, key=_BY_START)
    out = bare_names(text, out, facts)
    out = phrase_zones(text, out, facts)
    added: list[Mention] = []
    swallowed: set[int] = set()
    attached = _spans(text, out)
    for i, m in enumerate(out):
        if m.kind not in AREA_KINDS or m.kind == "region_part" or m.place_id.startswith("zone:"):
            continue
        head = text[max(0, m.start - 40):m.start]
        tail = text[m.end:m.end + 20]
        backwards = head[::-1]
        hit = ((THE_X_OF.search(head) if OF_TAIL_REVERSED.match(backwards) else None)
               or (PREFIX.search(head) if PREFIX_TAIL_REVERSED.match(backwards) else None))
        if hit:
            direction = ADJ.get(hit.group(1).lower(), hit.group(1).lower())
            start = m.start - (len(head) - hit.start())
            end = m.end
        elif (h := POSSESSIVE.match(tail)):
            direction, start, end = h.group(1).lower(), m.start, m.end + h.end()
        else:
            continue
        part = region_part(m, direction, places, facts)
        if part is None:
            continue
        geom, name, prec = part
        added.append(zone_mention(m, start, end, text, "region_part", geom, f"zone:part-{direction}:{m.place_id}", name,
                           "part", m.place_id, 0.8, prec))
        swallowed.add(i)
    out = [m for i, m in enumerate(out) if i not in swallowed]
    added += _anaphors(text, sorted(out + added, key=_BY_START), places, facts)
    added += offsets(text, out, places)
    added += span_corridors(text, out, places, attached)
    added += borders(text, out, places, attached, focus=lambda before: _focus(out, before, places))
    added += shares(text, out, places, facts)
    return sorted(out + added, key=_BY_SPAN)


def _anaphors(text: str, mentions: list[Mention], places: Lookup, facts: ZoneFacts) -> list[Mention]:
    """'the north', 'the war-battered south', 'the north of the enclave': a part of the area last spoken of."""
    hits = []
    # Most articles never write "north" or "south" in lower case: two fast scans instead of trying every "he".
    for hit in ANAPHOR.finditer(text) if "north" in text or "south" in text else ():
        words = hit.group(0).split()[1:-1]
        if all(ADJ_BEFORE_ANAPHOR.match(w) for w in words):
            hits.append((hit.start() - 1, hit.end(), hit.group(1), None))
    for hit in AREA_NOUN_PART.finditer(text):
        hits.append((hit.start() - 1, hit.end(), ADJ.get(hit.group(1).lower(), hit.group(1).lower()), hit.group(2)))
    found = []
    for start, end, direction, noun in sorted(hits):
        if any(m.start < end and start < m.end for m in mentions):
            continue
        focus = _focus(mentions, start, places)
        if focus is None or (noun is not None and (noun == "country") != (focus.kind == "country")):
            continue
        part = region_part(focus, direction, places, facts)
        if part is None:
            continue
        geom, name, prec = part
        found.append(zone_mention(focus, start, end, text, "region_part", geom,
                           f"zone:part-{direction}:{focus.place_id}", name, "part-anaphoric", focus.place_id,
                           0.6, prec))
    return found


def _spans(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """'from A to B' in a sentence naming a corridor attaches to that corridor's mention (phrase).

    ``mentions`` come sorted by start: the ones near each "from" are found by bisection, not by
    reading them all (a 20 MB article with a "from" in every line took an hour)."""
    attached = []
    if not any(m.kind == "corridor" for m in mentions):  # most articles name none: no "from" attaches
        return attached
    starts = [m.start for m in mentions]
    later_end = [0] * (len(mentions) + 1)  # later_end[i]: the least end of mentions[i:]
    later_end[-1] = len(text) + 1
    for i in range(len(mentions) - 1, -1, -1):
        later_end[i] = min(mentions[i].end, later_end[i + 1])
    for hit in FROM.finditer(text):
        s, e = sentence_bounds(text, hit.start())
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

