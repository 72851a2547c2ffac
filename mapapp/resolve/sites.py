"""Sites: streets and buildings no gazetteer holds, placed at the town the text ties them to.

News names the street, the hospital or the school where something happened ("a shooting on Royal
Street", "Alder Hey Children's Hospital in Liverpool", "the Omar al-Mukhtar Street in Gaza City", a
road by its number: "the A12", roads.py; a headland: "Cape Moreton", "Sandy Point", kind "other").
No gazetteer here holds them, and the guards drop a place word inside one ("Kingsley Road" is not
Kingsley). A reader still wants a pin where the article puts it: the name is recognised by its
head word, a street prefix, a headland word, a road number, or a country's name before a word for
a part of a town ("the Brazil neighbourhood" of Rafah; site_names.py), and placed at the
town the text ties it to, in this order:

1. the town named right after it or right before it ("Barclays Center in Brooklyn", "Brooklyn's
   Barclays Center", "Victoria St., Creston");
   or the town whose name opens its own ("Manila Cathedral", named there or elsewhere in the article);
2. the town named nearest to it in the same sentence;
3. the article's own town: the one it names most often counting the places it names near it (the
   first named among equals: a dateline's town), or failing a town its county; only when the article
   is about one place (at least half the towns it names lie within CITY_KM of that town): a story that
   ranges over several cities does not say which of them holds a street it names.

The pin is the town's point, and says so: the site is its own place (`site:` id, kind `road` or
`facility`, layer `sites`, rule `site-in`, basis the town's id), its precision the town's size, its
confidence below the town's. A site with no town to tie it to (only a country, a state or nothing)
is left out rather than pinned at a country's centre.
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable

from shapely.geometry import Point

from mapapp.model import Article, Mention
from mapapp.normalize import name_key
from mapapp.resolve.literal import is_literal
from mapapp.resolve.site_names import PART_OF_TOWN_KINDS, find_site_spans

# The least sure a town may be to carry a site: a site is never surer than the town it is pinned to.
MIN_TOWN_CONFIDENCE = 0.5
TOWN_KINDS = frozenset(("city", "town", "village", "neighbourhood", "camp", "settlement"))
COUNTY_KINDS = frozenset(("admin2",))
# Places too large for a distance to them to say the article is near them.
_NOT_NEAR = frozenset(("country", "continent", "region", "water", "region_part", "border"))
NEAR_KM = 150.0
# An article is about one place when this share of the towns it names lie within CITY_KM of its town
# (a city and its suburbs and commuter towns: Los Angeles and Beverly Hills, San Francisco and Oakland across
# its bay).
CITY_KM = 50.0
ONE_PLACE_SHARE = 1 / 2
# How far from its town's point a site may be: the town's rough radius.
_RADIUS_M = {"city": 10_000.0, "town": 5_000.0, "village": 3_000.0, "settlement": 3_000.0,
             "neighbourhood": 1_500.0, "camp": 1_500.0, "admin2": 25_000.0}
LAYER = "sites"
_ATTACH_AFTER = re.compile(r"[ \t]*(?:,|in|at|on|near|off|outside|inside|of)[ \t]+(?:the[ \t]+)?", re.I)
_POSSESSIVE_AFTER = re.compile(r"(?:'s|\u2019s|'|\u2019)[ \t]+")
_POSSESSIVE_BEFORE = re.compile(r"(?:'s|\u2019s|'|\u2019)[ \t]+$")
# A name given rather than a place the text is at: "was later called X", "renamed X", "known as X".
_GIVEN_NAME = re.compile(r"\b(?:called|named|renamed|known[ \t]+as|dubbed|nicknamed)[ \t]+$", re.I)
_SENTENCE_END = re.compile(r"[.!?]['\"\u201d\u2019)]*\s+(?=[A-Z\"\u201c'\u2018(])|\n\s*\n")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    lo = 0
    for hit in _SENTENCE_END.finditer(text, max(0, start - 600), start):
        lo = hit.end()
    nxt = _SENTENCE_END.search(text, end, end + 600)
    return lo, nxt.start() if nxt else min(len(text), end + 600)


def _anchor(text: str, start: int, end: int, towns: list[Mention], focus: Callable[[], Mention | None],
            named: Mention | None = None, counties: list[Mention] = ()) -> tuple[Mention | None, str]:
    """The town the text ties a site to, and how (explicit, sentence, article). A town the text names right
    next to the site carries it however unsure its own resolution; the sentence's and the article's towns
    only when they are sure enough. A county the text names right after it carries it too ("Knowsley Park,
    Merseyside"): nearer than any town of another sentence. ``focus()`` gives the article's town, worked
    out only when a site gets that far."""
    after = _ATTACH_AFTER.match(text, end)
    if after:
        for t in towns + counties:
            if t.start == after.end():
                return t, "explicit"
    for t in towns:
        if t.end <= start and start - t.end <= 4 and _POSSESSIVE_BEFORE.match(text, t.end, start):
            return t, "explicit"
    if named is not None:
        return named, "named"
    lo, hi = _sentence(text, start, end)
    near = [t for t in towns if lo <= t.start and t.end <= hi and t.confidence >= MIN_TOWN_CONFIDENCE]
    if near:
        return min(near, key=lambda t: min(abs(t.start - end), abs(start - t.end))), "sentence"
    return focus(), "article"


def _named_after(surface: str, towns: list[Mention]) -> Mention | None:
    """A town whose name opens the site's ("Manila Cathedral", "Khan Younis Hospital"), named inside the site
    or anywhere in the article: the longest such name."""
    key = name_key(surface)
    best, best_len = None, 0
    for t in towns:
        tk = name_key(t.surface)
        if len(tk) > best_len and key.startswith(tk + " "):
            best, best_len = t, len(tk)
    return best


def _owner(text: str, start: int, end: int, towns: list[Mention]) -> Mention | None:
    """A town that opens the site's name with a possessive ("Seoul's Jamsil Stadium")."""
    for t in towns:
        if t.start == start and t.end < end and _POSSESSIVE_AFTER.match(text, t.end):
            return t
    return None


def _focus(text: str, mentions: list[Mention]) -> Mention | None:
    """The article's own town: of its sure towns, the one named most often counting the other places it
    names near it (within 150 km: a city's suburbs vote for the city, not for a same-named town in another
    state), the first named among equals (a dateline's); failing a town, its county. A name the text gives
    to something ("the street was later called Lafayette") says nothing of where the article is: it votes
    only when nothing else does."""
    located = [m for m in mentions if m.kind not in _NOT_NEAR and m.lat is not None and m.confidence >= MIN_TOWN_CONFIDENCE]
    located = [m for m in located if not _GIVEN_NAME.search(text, max(0, m.start - 24), m.start)] or located
    for kinds in (TOWN_KINDS, COUNTY_KINDS):
        sure = [m for m in located if m.kind in kinds]
        if sure:
            votes: Counter = Counter()
            for m in sure:
                if m.place_id not in votes:
                    votes[m.place_id] = sum(o.place_id == m.place_id or _km(m, o) <= NEAR_KM for o in located)
            most = max(votes.values())
            focus = next(m for m in sure if votes[m.place_id] == most)
            # Only an article about one place has a town of its own: most of the towns it names lie there.
            around = sum(_km(focus, m) <= CITY_KM for m in sure)
            return focus if around >= ONE_PLACE_SHARE * len(sure) else None
    return None


def _km(a: Mention, b: Mention) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


_CONFIDENCE = {"explicit": 0.8, "named": 0.8, "sentence": 0.6, "article": 0.5}


def add_sites(article: Article, mentions: list[Mention]) -> list[Mention]:
    """The mentions with the article's sites added; a place word inside a site's name (other than a
    country, which names a modifier: "US Embassy") gives way to the site."""
    text = article.text
    spans = find_site_spans(text)
    if not spans:
        return mentions
    taken = sorted(mentions, key=lambda m: m.start)
    out, sites = [], []
    towns = [m for m in taken if m.kind in TOWN_KINDS]
    counties = [m for m in taken if m.kind in COUNTY_KINDS]
    # The article's own town is weighed only for a site nothing nearer places (a third of them).
    focus = functools.cache(lambda: _focus(text, taken))
    inside: set[int] = set()
    for start, end, kind in spans:
        owner = _owner(text, start, end, towns)
        if owner is not None:  # "Brooklyn's Barclays Center": the town before the possessive owns the site
            start = owner.end + len(_POSSESSIVE_AFTER.match(text, owner.end).group(0))
        covered = [m for m in taken if m.start < end and start < m.end]
        if kind in PART_OF_TOWN_KINDS:  # named after a country ("the Brazil neighbourhood"), else not a site
            if not any(m.kind == "country" for m in covered) or any(m.start <= start and end <= m.end for m in covered):
                continue
        elif any(m.kind == "country" or (m.start <= start and end <= m.end) for m in covered):
            continue  # a gazetteer name covers it, or a country names a modifier of it
        candidates = [t for t in towns if not (t.start < end and start < t.end)]
        named = _named_after(text[start:end], towns)
        town, how = (owner, "explicit") if owner is not None else _anchor(text, start, end, candidates, focus, named,
                                                                          counties)
        if town is None:
            continue
        inside.update(id(m) for m in covered)
        sites.append(_site(article, start, end, kind, town, how))
    out = [m for m in mentions if id(m) not in inside]
    return out + sites


def _site(article: Article, start: int, end: int, kind: str, town: Mention, how: str) -> Mention:
    surface = article.text[start:end]
    slug = re.sub(r"[^a-z0-9]+", "-", name_key(surface)).strip("-")
    radius = max(_RADIUS_M.get(town.kind, 5_000.0), town.precision_m or 0.0)
    return Mention(
        article_id=article.id, doc=article.doc, start=start, end=end, surface=surface,
        place_id=f"site:{slug}@{town.place_id}", name=surface, kind=kind,
        geometry=Point(town.lon, town.lat) if town.lat is not None else town.geometry,
        section=article.section_at(start), date=article.date, date_source=article.date_source,
        confidence=round(_CONFIDENCE[how] * town.confidence, 3),
        literal=is_literal(article.text, start, end, kind), layer=LAYER, country=town.country,
        source=f"not in the gazetteer: placed at {town.name}, the town the text ties it to ({how})",
        precision_m=radius, rule="site-in", basis=town.place_id, lat=town.lat, lon=town.lon,
    )
