"""What the article's other names say about a name, after resolution's second pass.

A small town none of the article's other places back is a word that happens to be a town's name
(strays); a name listed next to a state is a state ("states like Oregon or Washington"); a name
that opens a two-part country the article names is that country ("Trinidad" beside Trinidad and Tobago).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mapapp.model import Place
from mapapp.normalize import name_key
from mapapp.resolve.context import SMALL_KINDS, SMALL_POPULATION, SURE, DocContext

if TYPE_CHECKING:
    from mapapp.resolve.resolver import _Scored

# A town below this size in a country none of the article's other sure places lie in (when it has at least
# STRAY_MIN_VOTES of them) is dropped.
STRAY_KINDS = SMALL_KINDS
STRAY_POPULATION = SMALL_POPULATION
STRAY_MIN_VOTES = 3
# ... or in a state the article does not name, farther than this from all its other places, where it names
# another state of that country (a town in Minnesota in an article about New Orleans).
STRAY_KM = 800.0
# A stray's name falls back to its next place only when that is a city of this size, by its own name.
FALLBACK_POPULATION = 100_000


def drop_strays(items: list[_Scored], ctx: DocContext) -> None:
    """A small town the article's other places do not back is a word that happens to be its name:
    a French town's name for a street, a Mauritian town's for a man, in an article whose every sure place is American. Only
    where the article has a country of its own (at least STRAY_MIN_VOTES sure places by other names),
    and not a town the article places beside another of its places."""
    if ctx.total < STRAY_MIN_VOTES:
        return
    for i, it in enumerate(items):
        if it.best is None or ctx.others(i) < STRAY_MIN_VOTES or not _stray(it.best, ctx, i):
            continue
        # the name's next strongest place, when that is a city by its own name (a stray is no witness
        # for a small one): an English city's name in a British soldier's story is that city when the
        # American town of the name is a stray
        key = it.match.key
        it.best = next((p for p in it.ranked or () if p.population >= FALLBACK_POPULATION
                        and name_key(p.name) == key and not _stray(p, ctx, i)), None)


def _stray(p: Place, ctx: DocContext, owner: int) -> bool:
    return (p.layer == "world" and p.kind in STRAY_KINDS and p.population < STRAY_POPULATION
            and not ctx.backed(p, owner, STRAY_KM))


_LIST_GAP = re.compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+|or[ \t]+)?|(?:and|or|&)[ \t]+)$")


def listed_with_states(text: str, items: list[_Scored]) -> dict[int, set[str]]:
    """Items next to a state or province in a list ("states like Oregon or Washington"), with the
    countries of those states: a name listed with states is a state too."""
    out: dict[int, set[str]] = {}
    contained = set()  # "Washington, D.C.": a place and the state it lies in, not two items of a list
    for i in range(len(items) - 1):
        a, b = items[i], items[i + 1]
        # read in place: the text between two names far apart is not copied to be found no list gap
        if not _LIST_GAP.match(text, a.match.end, max(a.match.end, b.match.start)):
            continue
        q = b.best
        if q is not None and q.kind == "admin1" and any(
                p.admin1 == q.admin1 and p.country == q.country and p.kind != "admin1" for p in a.candidates):
            contained.update((i, i + 1))
            continue
        for me, other in ((i, b), (i + 1, a)):
            p = other.best
            if p is not None and p.kind == "admin1" and other.confidence >= SURE:
                out.setdefault(me, set()).add(p.country)
    return {i: c for i, c in out.items() if i not in contained}


def first_of_pair(items: list[_Scored]) -> None:
    """A name that opens the name of a two-part country the article names stands for that country: "a vote in
    Trinidad" in an article about Trinidad and Tobago, "Antigua" beside Antigua and Barbuda."""
    pairs = {}
    for it in items:
        p = it.best
        if p is not None and p.kind == "country" and " and " in p.name:
            pairs.setdefault(name_key(p.name.split(" and ")[0]), p)
    if not pairs:
        return
    for it in items:
        country = pairs.get(it.match.key)
        if country is not None and it.best is not None and it.best.kind != "country":
            it.best = country
