"""The article's geography after resolution's first pass: its countries, states and resolved points.

The second pass weighs each candidate by how it fits: a town in a country the
article is about, in a state or province it names ("Shelby" in an article that
names Montana), near the places it already placed. A mention's own first-pass
choice never counts for itself, nor do the other mentions of the same name, so
a misread name repeated ten times cannot vote itself in.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from mapapp.geo import haversine_km
from mapapp.kinds import NOT_POINT_KINDS
from mapapp.model import Place

if TYPE_CHECKING:
    from mapapp.resolve.resolver import _Scored

# A first-pass choice this sure is part of the article's geography: a margin of about half a point by itself
# (a town three times another's size) already says which of a name's places the article means.
SURE = 0.65
# Places too small to vouch for another in their country (resolver's strays), and the towns whose points count.
SMALL_KINDS = frozenset(("town", "village", "admin2"))
SMALL_POPULATION = 50_000
TOWN_KINDS = frozenset(("city", "town", "village", "neighbourhood", "camp", "settlement"))
# A name listed next to a state of a country weighs that country's state of the name up by this much.
LISTED_STATE_BONUS = 3.0
# A place this close to another of the article's points is weighed up by 1.5, this far by 1.0.
NEAR_KM = 50
REACH_KM = 300
# Degrees of latitude beyond REACH_KM along any great circle (a degree is 111.2 km of a meridian, the
# shortest way across it): points farther apart in latitude need no distance.
_REACH_LAT = 2.75


class DocContext:
    """The article's countries (share of its distinct names), named states, and resolved points."""

    def __init__(self, countries: Counter, points: dict[tuple[float, float], set[int]],
                 states: dict[tuple[str, str], set[int]] | None = None,
                 by_key: dict[str, dict[str, int]] | None = None, keys: list[str] | None = None,
                 backers: dict[str, set[tuple[str, str, bool]]] | None = None,
                 towns: dict[str, set[tuple[float, float]]] | None = None):
        self.countries = countries
        self.total = sum(countries.values())
        self.by_key = by_key or {}  # each name's own votes, taken out when that name is weighed
        self.keys = keys or []  # each item's name key
        self.points = points  # each distinct point, with the mentions that chose it
        self.states = states or {}  # (country, admin1) of each state the article names, with its mentions
        self._near: dict[str, list[tuple[float, set[int]]]] = {}
        self.backers = backers or {}  # name -> (country, admin1, a small town?) of its sure places
        self.towns = towns or {}  # name -> the points of its towns
        self.listed_with_states: dict[int, set[str]] = {}  # item -> countries of the states listed beside it
        # the last owner country_share was asked about, its name's votes and the other names' total
        self._own: tuple[int, dict[str, int] | None, int] = (-2, None, 0)
        self._index_backers()

    def backed(self, p: Place, owner: int, far_km: float) -> bool:
        """Do the article's sure places by other names back this place: one in its country that is not
        itself a small town (two small towns of a far country do not vouch for each other), and, where the
        article names a state of that country, one in its state or a town within ``far_km`` of it?"""
        own = self.keys[owner] if 0 <= owner < len(self.keys) else None
        # read from indexes by country and state: a long article asks for each of its names
        if not any(key != own for key in self._large_backers.get(p.country, ())):
            return False
        if not p.admin1 or p.country not in self._state_countries:
            return True
        if any(key != own for key in self._state_backers.get((p.country, p.admin1), ())):
            return True
        return any(_km(p.lat, p.lon, la, lo) <= far_km
                   for key, pts in self.towns.items() if key != own for la, lo in pts)

    def _index_backers(self) -> None:
        self._large_backers: dict[str, set[str]] = {}  # country -> names with a sure place there, not a small town
        self._state_backers: dict[tuple[str, str], set[str]] = {}  # (country, admin1) -> names with a sure place there
        for key, backers in self.backers.items():
            for country, admin1, small in backers:
                if not small:
                    self._large_backers.setdefault(country, set()).add(key)
                self._state_backers.setdefault((country, admin1), set()).add(key)
        self._state_countries = {country for country, _ in self.states}

    @classmethod
    def from_items(cls, items: list[_Scored]) -> DocContext:
        countries: Counter = Counter()
        by_key: dict[str, dict[str, int]] = {}
        points: dict[tuple[float, float], set[int]] = {}
        states: dict[tuple[str, str], set[int]] = {}
        backers: dict[str, set[tuple[str, str, bool]]] = {}
        towns: dict[str, set[tuple[float, float]]] = {}
        for i, it in enumerate(items):
            p = it.best
            if p is None or it.confidence < SURE:
                continue
            if p.country:
                key = it.match.key
                countries[p.country] = countries.get(p.country, 0) + 1  # as += 1 does, without __missing__
                own = by_key.get(key)
                if own is None:
                    own = by_key[key] = {}
                own[p.country] = own.get(p.country, 0) + 1
                # each name's sure places by country and state, and where its towns are
                small = p.layer == "world" and p.kind in SMALL_KINDS and p.population < SMALL_POPULATION
                backers.setdefault(key, set()).add((p.country, p.admin1, small))
                if p.kind in TOWN_KINDS:
                    towns.setdefault(key, set()).add((p.lat, p.lon))
            if p.kind == "admin1" and p.admin1:
                states.setdefault((p.country, p.admin1), set()).add(i)
            if p.kind not in NOT_POINT_KINDS:  # a distance to a country or a sea means nothing
                at = (p.lat, p.lon)
                owners = points.get(at)
                if owners is None:
                    points[at] = {i}
                else:
                    owners.add(i)
        return cls(countries, points, states, by_key, [it.match.key for it in items], backers, towns)

    def country_share(self, country: str, owner: int = -1) -> float:
        """The share of the article's other names (not the owner's) placed in this country."""
        last, own, total = self._own
        if last != owner:  # the resolver asks for each of one mention's places in a row
            own = self.by_key.get(self.keys[owner]) if 0 <= owner < len(self.keys) else None
            total = self.total - (sum(own.values()) if own else 0)
            self._own = (owner, own, total)
        n = self.countries.get(country, 0) - (own.get(country, 0) if own else 0)
        return n / total if total > 0 else 0.0

    def others(self, owner: int) -> int:
        """How many other names the article gives sure places by (a name repeated counts once)."""
        own = self.keys[owner] if 0 <= owner < len(self.keys) else None
        return len(self.by_key) - (own in self.by_key)

    def bonus(self, p: Place, owner: int) -> float:
        """Closeness to the article's other places; a mention's own first-pass choice does not count."""
        b = 3.0 * self.country_share(p.country, owner)
        if p.kind == "admin1" and p.country in self.listed_with_states.get(owner, ()):
            b += LISTED_STATE_BONUS  # "states like Oregon or Washington"
        if p.kind in ("country", "continent") or not self.points:
            return b
        if p.admin1 and p.kind != "admin1":
            named = self.states.get((p.country, p.admin1))
            if named and (len(named) > 1 or owner not in named):
                b += 1.5  # "Shelby" in an article that names Montana
        near = self._near.get(p.id)
        if near is None:  # distances from this place to the article's points within reach, nearest first
            lat, lon = p.lat, p.lon
            near = self._near[p.id] = sorted(
                ((_km(lat, lon, la, lo), owners) for (la, lo), owners in self.points.items()
                 if -_REACH_LAT <= la - lat <= _REACH_LAT),
                key=_distance,
            )
        for d, owners in near:
            if len(owners) != 1 or owner not in owners:  # owners != {owner}, without making a set
                break
        else:
            return b  # no other point within reach: as far as one beyond it
        return b + (1.5 if d < NEAR_KM else 1.0 if d < REACH_KM else 0.0)


def _distance(pair: tuple[float, set[int]]) -> float:
    return pair[0]


# Remembered by coordinates: the same few hundred places meet each other article after article.
@lru_cache(maxsize=200_000)
def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return haversine_km(lat1, lon1, lat2, lon2)
