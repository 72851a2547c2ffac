"""Where the text puts a name: containment after a comma and city cues.

"Rafah, in southern Gaza" and "Paris, Texas" name the container after the
place; "Tacoma, Washington" names the state after the town; "the mayor of
Gaza" means the city; "aid trucks entered through Kerem Shalom" means the
crossing, not the kibbutz of that name. "Washington, New York and Boston" is a
list, not containment. The resolver adds these bonuses to a place's own worth.
"""
from __future__ import annotations

import re
from functools import lru_cache

import shapely
from shapely.geometry import Point

from mapapp import sentences
from mapapp.gazetteer import Gazetteer
from mapapp.lexicon import entries, words
from mapapp.model import Match, Place

_CITY_CUES = re.compile(r"(?:%s) of\s+$" % "|".join(entries("city_cues")), re.I)
PASSAGE_WORDS = words("passage_words")
_WORD = re.compile(r"[a-z]+")


def city_if_context_says_city(gazetteer: Gazetteer, text: str, m: Match, best: Place) -> Place:
    """'the mayor of Gaza' is Gaza City: follow the English 'X City' naming when the context says city."""
    if best.kind not in ("region", "governorate", "country", "admin1"):
        return best
    # most names have no "X City" at all: look for one before reading the words around the name
    city = next((p for p in gazetteer.candidates(m.surface + " City") if p.kind in ("city", "town")), None)
    if city is None:
        return best
    before = text[max(0, m.start - 30) : m.start]
    after = text[m.end : m.end + 14].lower()
    if _CITY_CUES.search(before) or after.startswith((" municipality", " city council")):
        return city
    return best


_CONTAINER_RE = re.compile(r"\s*,\s*(in\s+)?(?:the\s+)?([A-Z][\w\u2019' \-]{1,40})")
_DIRECTION_WORD = re.compile(r"^(?:northern|southern|eastern|western|central)\s+", re.I)


# "Washington, New York and Boston" is a list of three places, not Washington in New York:
# a comma pair is read as place-and-container only when no further item follows or precedes it.
_LIST_AFTER = re.compile(r"(?:[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)[A-Z]")
_LIST_BEFORE = re.compile(r",[ \t]*$")


def _list_after(text: str, end: int) -> bool:
    return bool(_LIST_AFTER.match(text, end, end + 8))


def _list_before(text: str, start: int) -> bool:
    return bool(_LIST_BEFORE.search(text, max(0, start - 4), start))


@lru_cache(maxsize=4096)
def _container_names(text: str, end: int, in_list: bool = False) -> tuple[str, ...]:
    """The names that may follow a match after a comma ('..., in southern Gaza'), longest first,
    leaving out any that is an item of a list ('Washington, New York and Boston')."""
    hit = _CONTAINER_RE.match(text, end, end + 48)
    if not hit:
        return ()
    words = hit.group(2).split()
    names = []
    for n in range(min(4, len(words)), 0, -1):
        name_end = hit.start(2) + len(" ".join(words[:n]))
        if hit.group(1) or not (in_list or _list_after(text, name_end)):  # ", in Y" is containment even in a list
            names.append(_DIRECTION_WORD.sub("", " ".join(words[:n])))
    return tuple(names)


def names_after_comma(text: str, m: Match) -> bool:
    """Is a name written after a comma right after the match? Without one, `containment_bonus` is 0 for every place."""
    # most names are followed by no comma at all: the pattern opens on spaces and a comma
    first = text[m.end : m.end + 1]
    if first != "," and (not first.isspace() or text[m.end : m.end + 48].lstrip()[:1] != ","):
        return False
    return bool(_container_names(text, m.end))


def containment_bonus(gazetteer: Gazetteer, text: str, m: Match, p: Place) -> float:
    """'Rafah, in southern Gaza', 'Paris, Texas': a place after a comma names the container."""
    for name in _container_names(text, m.end, _list_before(text, m.start)):
        for c in gazetteer.candidates(name):
            if c.id == p.id:
                continue
            if c.kind == "country" and c.country and c.country == p.country:
                return 2.0
            if c.kind in ("admin1",) and c.admin1 and c.admin1 == p.admin1 and c.country == p.country:
                return 3.0
            if c.geometry is not None and c.geometry.geom_type in ("Polygon", "MultiPolygon"):
                if shapely.dwithin(c.geometry, _point(p.lon, p.lat), 0.02):
                    return 3.0
    return 0.0


# Remembered by coordinates (a point is immutable and depends on nothing else): a common word after a
# comma asks about each of its small places, and a corpus names the same places again.
@lru_cache(maxsize=65_536)
def _point(lon: float, lat: float) -> Point:
    return Point(lon, lat)


_CONTAINED_RE = re.compile(r"([A-Z][\w\u2019'\-]*(?: [A-Z][\w\u2019'\-]*){0,3}),[ \t]*$")


@lru_cache(maxsize=4096)
def _contained_name(text: str, start: int) -> str:
    """The name before a comma right before a match ('Tacoma, ' before 'Washington'), unless a list item precedes it."""
    hit = _CONTAINED_RE.search(text, max(0, start - 48), start)
    if not hit or _list_before(text, hit.start(1)):
        return ""
    return hit.group(1)


# The kinds of place that contain the name before a comma (container_bonus is 0 for any other).
CONTAINED_KINDS = frozenset(("admin1", "admin2", "country"))


def container_bonus(gazetteer: Gazetteer, text: str, m: Match, p: Place) -> float:
    """'Tacoma, Washington', 'Nelson, BC': a state or country after a comma contains the place before it."""
    if p.kind not in CONTAINED_KINDS:
        return 0.0
    name = _contained_name(text, m.start)
    if not name or _list_after(text, m.end):
        return 0.0
    for c in gazetteer.candidates(name):
        if c.id == p.id or c.kind not in ("city", "town", "village", "admin2"):
            continue
        if p.kind == "country" and c.country == p.country:
            return 2.0
        if c.country == p.country and c.admin1 and c.admin1 == p.admin1:
            return 3.0
    return 0.0


def crossing_bonus(text: str, m: Match, p: Place) -> float:
    """A crossing shares its name with the village or kibbutz beside it ("Kerem Shalom", "Erez"); in a sentence
    about aid, trucks or a crossing that reopened the name is the crossing (worth what the village's own name
    gives it, and a little more)."""
    if p.kind != "crossing":
        return 0.0
    lo, hi = sentences.bounds(text, m.start, m.end, window=400)
    said = _WORD.findall(text[lo:m.start].lower() + " " + text[m.end:hi].lower())
    return 2.0 if any(w in PASSAGE_WORDS for w in said) else 0.0
