"""Resolution: choose the place each matched name stands for.

Candidates are scored on what a reader would use: the layer (the curated
conflict-area layer before the world), the kind of place (a country before a
village of the same name), its size, the article's own geography (places
already resolved in it, its focus countries, distance to them), and
containment cues ("Rafah, in southern Gaza"; "Paris, Texas"). Two passes: the
first resolves what needs no context, the second uses what the first found.

Guards (guards.py) first drop matches that are not places at all: people
("Israel Katz", "Michael Jordan") and common English words that happen to be
the name of a small place ("Police", "Mission").
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from shapely.geometry import Point

from mapapp.gazetteer import Gazetteer
from mapapp.model import Article, Match, Mention, Place
from mapapp.resolve.confidence import place_prior, with_prior
from mapapp.resolve.containment import (CONTAINED_KINDS, city_if_context_says_city, container_bonus, containment_bonus,
                                        crossing_bonus, names_after_comma)
from mapapp.kinds import NOT_POINT_KINDS
from mapapp.resolve.article import drop_strays, first_of_pair, listed_with_states
from mapapp.resolve.cells import PlacesByCell, cells_around
from mapapp.resolve.context import DocContext, _km
from mapapp.resolve.guards import Guards
from mapapp.resolve.literal import is_literal
from mapapp.resolve.scoring import capital_ids, static_score
from mapapp.resolve.sites import add_sites

# How many candidates, the strongest by themselves, are weighed against the context.
CONTEXT_CANDIDATES = 12
# A town set aside by the guards comes back within this distance of a place the article names (resolved
# at least this surely), weighed with this bonus.
NEAR_KM = 50.0
NEAR_CONFIDENCE = 0.75
NEAR_BONUS = 2.0
REVIVED_KINDS = frozenset(("city", "town", "village", "admin2"))


@dataclass(slots=True)  # one per match: slots make it smaller and quicker to make
class _Scored:
    match: Match
    candidates: list[Place]
    best: Place | None = None
    confidence: float = 0.0
    weighed: list[tuple[float, float, Place]] | None = None  # (by itself, cues around the name, place)
    ranked: list[Place] | None = None  # the weighed places, best first, as the last pass scored them


class Resolver:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = _CachedNames(gazetteer)
        self._capitals = capital_ids(gazetteer)
        self._guards = Guards(self.gazetteer, self._capitals)
        self._ranked: dict[str, tuple[list[Place], list[Place]]] = {}
        self._static_cache: dict[tuple[str, str], float] = {}
        self._priors: dict[tuple[str, str], float] = {}
        self._points: dict[str, Point] = {}
        self._by_cell = PlacesByCell()

    def resolve(self, article: Article, matches: list[Match]) -> list[Mention]:
        text = article.text
        items = []
        self._guards.new_article(text, matches)
        for m in matches:
            cands = self._guards.places(text, m)
            if cands:
                items.append(_Scored(m, cands))
        # pass 1: no context; pass 2: with the article's geography from pass 1
        for it in items:
            self._choose(text, it, None)
        self._revive_near_towns(text, items)
        ctx = DocContext.from_items(items)
        ctx.listed_with_states = listed_with_states(text, items)
        for i, it in enumerate(items):
            self._choose(text, it, ctx, i)
        drop_strays(items, ctx)
        first_of_pair(items)
        out = []
        for it in items:
            p = it.best
            if p is None:
                continue
            out.append(self._mention(article, it, p))
        # streets and buildings no gazetteer holds, at the town the text ties them to
        return add_sites(article, out)

    # -- scoring --------------------------------------------------------
    def _choose(self, text: str, it: _Scored, ctx: DocContext | None, owner: int = -1) -> None:
        if len(it.candidates) == 1:  # nothing to weigh, and the article's context changes nothing
            if ctx is None:
                it.best = city_if_context_says_city(self.gazetteer, text, it.match, it.candidates[0])
                it.confidence = 0.95
            return
        if it.weighed is None:
            # What a place is worth by itself is the same wherever its name appears; only the
            # strongest few by that measure are weighed against the article's context. The cues
            # around the name do not change between the passes: read once, in the first.
            key, m = it.match.key, it.match
            ranked = self._strongest(key, it.candidates)
            if len(it.candidates) > len(ranked) and self._guards.states:
                ranked = ranked + self._in_named_states(ranked, it.candidates)
            comma = names_after_comma(text, m)
            it.weighed = [(self._static(key, p), self._cues(text, m, p, comma), p) for p in ranked]
        if ctx is None:
            scores = [(static + cues, p) for static, cues, p in it.weighed]
        else:  # summed in the order the one-pass scoring summed them, so the floats are the same
            scores = [(static + (cues + ctx.bonus(p, owner)), p) for static, cues, p in it.weighed]
        scores.sort(key=itemgetter(0), reverse=True)  # stable: equal scores keep the strongest-first order
        it.ranked = [p for _, p in scores]
        best_score, best = scores[0]
        margin = best_score - scores[1][0]
        it.best = city_if_context_says_city(self.gazetteer, text, it.match, best)
        it.confidence = round(1.0 / (1.0 + math.exp(-1.2 * margin)), 3)

    def _cues(self, text: str, m: Match, p: Place, comma: bool) -> float:
        """What the words around the name say for this place: a container after a comma (looked for only when the
        name has one), a state or country after it, a crossing in a sentence about passage."""
        names = self.gazetteer
        # Each bonus is 0, 2 or 3: leaving out the ones a place's kind rules out adds up to the same float.
        cues = containment_bonus(names, text, m, p) if comma else 0.0
        if p.kind in CONTAINED_KINDS:
            cues += container_bonus(names, text, m, p)
        elif p.kind == "crossing":
            cues += crossing_bonus(text, m, p)
        return cues

    def _revive_near_towns(self, text: str, items: list[_Scored]) -> None:
        """A small town (or county) set aside for a name comes back when it lies within NEAR_KM of a place
        the article names by another name, with a bonus for that closeness: one the guards dropped for a
        common word ("Nelson" is a surname and a New Zealand region; beside Castlegar, British Columbia, it
        is the town there), or one beyond the strongest few a name's many places are cut to ("Middletown"
        beside Dewsbury is the Yorkshire village, not one of the large American towns)."""
        located = [(it.match.key, it.best) for it in items
                   if it.best is not None and it.confidence >= NEAR_CONFIDENCE and it.best.kind not in NOT_POINT_KINDS]
        if not located:
            return
        todo = []
        for it in items:
            full = self._guards.facts(it.match).places
            if (len(full) <= CONTEXT_CANDIDATES and len(full) <= len(it.candidates)) or all(
                    p.kind in ("country", "continent") for p in it.candidates):
                continue  # nothing set aside, or only a country kept on purpose ("Jordan Street")
            todo.append((it, full))
        if not todo:
            return
        cells = cells_around((q.lat, q.lon) for _, q in located)  # a place outside them is farther than NEAR_KM
        near_by_name: dict[tuple[str, int], list[Place]] = {}  # a name's towns near another name's place
        for it, full in todo:
            key = it.match.key
            near = near_by_name.get((key, id(full)))
            if near is None:
                near = near_by_name[(key, id(full))] = [
                    p for p in self._by_cell.within(key, full, cells) if p.kind in REVIVED_KINDS
                    and any(k != key and _km(p.lat, p.lon, q.lat, q.lon) <= NEAR_KM for k, q in located)]
            # weighed: the strongest few by themselves; the rest were set aside as surely as the guards' drops
            weighed = {p.id for _, _, p in it.weighed} if it.weighed else {p.id for p in it.candidates}
            extra = [p for p in near if p.id not in weighed]
            if not extra:
                continue
            kept = {p.id for p in it.candidates}
            it.candidates = it.candidates + [p for p in extra if p.id not in kept]
            it.weighed = None
            self._choose(text, it, None)
            have = {p.id for _, _, p in it.weighed}
            it.weighed += [(self._static(key, p), self._cues(text, it.match, p, True), p)
                           for p in extra if p.id not in have]  # beyond the strongest few: weighed all the same
            revived = {p.id for p in extra}
            it.weighed = [(static, cues + (NEAR_BONUS if p.id in revived else 0.0), p) for static, cues, p in it.weighed]

    def _in_named_states(self, ranked: list[Place], cands: list[Place]) -> list[Place]:
        """The places of a name, beyond its strongest few, that lie in a state or province the article names:
        "Jefferson County" has many, and in an article that names Kansas the small Kansas county is the one
        meant, though by itself it is not among the strongest. The article's context weighs them with the rest."""
        states, kept = self._guards.states, {p.id for p in ranked}
        return [p for p in cands if p.kind != "admin1" and (p.country, p.admin1) in states and p.id not in kept]

    def _strongest(self, key: str, cands: list[Place]) -> list[Place]:
        """The candidates strongest by themselves, remembered for the list the guards hand for a name
        when they drop none of its places (the same list object each time)."""
        hit = self._ranked.get(key)
        if hit is not None and hit[0] is cands:
            return hit[1]
        ranked = sorted(cands, key=lambda p: -self._static(key, p))[:CONTEXT_CANDIDATES]
        if len(self._ranked) > 200_000:
            self._ranked.clear()
        self._ranked[key] = (cands, ranked)
        return ranked

    def _static(self, key: str, p: Place) -> float:
        """Layer, kind, size, and whether the name is the place's own (remembered per name and place)."""
        cached = self._static_cache.get((key, p.id))
        if cached is not None:
            return cached
        s = static_score(key, p, self._capitals)
        if len(self._static_cache) > 500_000:
            self._static_cache.clear()
        self._static_cache[(key, p.id)] = s
        return s

    def _prior(self, key: str, p: Place) -> float:
        """How likely the name is a place of this sort at all (remembered per name and place, as `_static`)."""
        prior = self._priors.get((key, p.id))
        if prior is None:
            if len(self._priors) > 500_000:
                self._priors.clear()
            prior = self._priors[(key, p.id)] = place_prior(key, p)
        return prior

    def _point(self, p: Place) -> Point:
        """One shared Point per place: geometries are immutable, and a corpus names the same places."""
        pt = self._points.get(p.id)
        if pt is None:
            if len(self._points) > 200_000:
                self._points.clear()
            pt = self._points[p.id] = Point(p.lon, p.lat)
        return pt

    def _mention(self, article: Article, it: _Scored, p: Place) -> Mention:
        m = it.match
        geom = p.geometry if p.geometry is not None else self._point(p)
        return Mention(
            article_id=article.id, doc=article.doc, start=m.start, end=m.end, surface=m.surface,
            place_id=p.id, name=p.name, kind=p.kind, geometry=geom,
            section=article.section_at(m.start), date=article.date, date_source=article.date_source,
            confidence=with_prior(self._prior(m.key, p), 1.0 if len(it.candidates) == 1 else it.confidence),
            literal=is_literal(article.text, m.start, m.end, p.kind), layer=p.layer, country=p.country,
            source=p.source, precision_m=p.precision_m, lat=p.lat, lon=p.lon,
        )


class _CachedNames:
    """The gazetteer, with name lookups remembered: the guards ask about the same words again and again."""

    def __init__(self, gazetteer: Gazetteer):
        self._gazetteer = gazetteer
        self.candidates = lru_cache(maxsize=200_000)(lambda name: tuple(gazetteer.candidates(name)))

        self.get = lru_cache(maxsize=200_000)(gazetteer.get)
