"""Organisation names built on a place name: "Maryland State Police", "Bank of Japan", "Air Canada".

News names institutions after the place they serve. Inside such a name the place
is not a place mention (the seeds' guidelines and GeoWebNews alike leave
organisation names out, and a pin for "the Illinois Department of Public Health"
would say the article is about Illinois when it quotes an office). Two forms are
read, both from words that only institutions use as the head of their name:

- the place first, then a capitalised run of words that holds a head noun:
  "Walker County Sheriff's Office", "Abuja Chamber of Commerce", "Zimbabwe Tourism Authority"
  (universities, hospitals, courts and institutes are buildings news places: cues.STRUCTURE_WORDS);
- the airline form "Air Canada", "Air Zimbabwe".

A lower-case word, a line break or punctuation ends the run, so "Israel. Police said"
and "US police" are not read as names.
"""
from __future__ import annotations

import re
from functools import lru_cache

from mapapp.lexicon import words
from mapapp.model import Match

# Head nouns of institution names. Left out on purpose: words that also end place names
# ("City", "State", "Union", "Republic", "Kingdom", "Province", "County", "Island") and
# buildings (universities, hospitals, airports: cues.STRUCTURE_WORDS keeps their country).
ORG_HEADS = words("org_heads")
# The head must come before any "of"/"for": in "Benue State Commissioner for Health Services" the
# place names the commissioner's state, and "Kidney Foundation of Canada" names the country it serves.
_RUN = re.compile(r"(?:[ \t]+[A-Z][\w'\u2019.&-]*){1,5}")
_AIR_BEFORE = re.compile(r"(?<![\w-])Air[ \t]+$")


def _head(word: str) -> str:
    return word.lower().rstrip(".").removesuffix("'s").removesuffix("\u2019s")


@lru_cache(maxsize=4096)
def _run_after(text: str, end: int) -> tuple[str, ...]:
    """The capitalised words (and connectors) that follow a name on its line."""
    hit = _RUN.match(text, end, end + 80)
    if not hit:
        return ()
    return tuple(hit.group(0).split())


def names_an_organisation(text: str, m: Match, *, nxt: str | None = None) -> bool:
    """Is this match the place word of an institution's name? ``nxt``: the word after it (text.next_word), when
    the caller has read it: a run of capitalised words opens on it, so a word in lower case ends the question."""
    if nxt and not ("A" <= nxt[0] <= "Z"):
        return False
    return any(_head(w) in ORG_HEADS for w in _run_after(text, m.end))


def names_an_airline(text: str, m: Match) -> bool:
    """'Air Canada', 'Air Zimbabwe': the company, not the country."""
    lo = max(0, m.start - 8)
    return text.find("Air", lo, m.start) >= 0 and bool(_AIR_BEFORE.search(text, lo, m.start))
