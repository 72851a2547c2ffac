"""A mention's confidence: the chance that it is a place at all, times the chance it is this place.

Resolution knows how clearly the chosen place beat the others (the margin
between their scores); it does not know how often a name of this sort is a
place at all. That second chance depends on what kind of name it is, and is
set here from what each sort of name risks in news:

- a curated place (the conflict-area layer, a user layer), a country or a
  continent is nearly always meant when its own name is written;
- a large city or a state by its own name usually is, less so when the name is
  also a common word ("Mobile", "Reading") or a given name ("Victoria");
- a small town or village is often a surname, a brand or a street that happens
  to share its name, and more often still when the text used one of its
  alternate names ("Chen" for Chenzhou, "Riad" for Riyadh).

The figures are coarse on purpose, one per sort of name, so that "0.9" means
about nine in ten: `mapapp evaluate` prints the calibration table (share right
per confidence band) against gold annotations, and the README gives it for the
seeds and GeoWebNews.
"""
from __future__ import annotations

from functools import lru_cache

from mapapp.model import Place
from mapapp.normalize import name_key
from mapapp.resolve.text import first_names, zipf

# The chance that a name of each sort, written as its place's own name, means a place.
CURATED = 0.97
COUNTRY = 0.95
LARGE_CITY = 0.93
STATE = 0.88
REGION = 0.85
SMALL_PLACE = 0.65
# What an alternate name, a common word or a given name leaves of that chance.
ALTERNATE_NAME = 0.6
COMMON_WORD = 0.9
GIVEN_NAME = 0.6
LARGE = 100_000


@lru_cache(maxsize=200_000)
def _word_risks(key: str, own: bool) -> float:
    factor = 1.0 if own else ALTERNATE_NAME
    if " " not in key:
        if zipf(key) >= 3.5:
            factor *= COMMON_WORD
        if key in first_names():
            factor *= GIVEN_NAME
    return factor


def place_prior(key: str, p: Place) -> float:
    """How likely a name written like ``key`` is a mention of a place of ``p``'s sort at all."""
    if p.layer != "world":
        return CURATED
    own = name_key(p.name) == key
    if p.kind in ("country", "continent"):
        return COUNTRY  # by any of its forms ("US", "Britain"), even one that is a given name ("Jordan")
    if p.kind == "admin1":
        base = STATE
    elif p.kind in ("region", "water"):
        base = REGION
    elif p.population >= LARGE:
        base = LARGE_CITY
    else:
        base = SMALL_PLACE
    return base * _word_risks(key, own)


def confidence(key: str, p: Place, resolution: float) -> float:
    """The mention's confidence: ``place_prior`` times how sure resolution is of this place among the others."""
    return with_prior(place_prior(key, p), resolution)


def with_prior(prior: float, resolution: float) -> float:
    """`confidence` from a ``place_prior`` already worked out (the resolver remembers them per name and place)."""
    return round(prior * resolution, 3)
