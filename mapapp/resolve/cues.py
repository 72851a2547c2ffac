"""Who or what a matched name names, read from the words next to it.

A person ("Israel Katz", "Michael Jordan"), a street or building named after a
place ("Kingsley Road", "Rogers Centre"), a word inside a longer name the
gazetteer does not know ("Northwest Cancer Centre"). The guards (guards.py)
decide with them.
"""
from __future__ import annotations

import re

from mapapp.gazetteer import Gazetteer
from mapapp.lexicon import entries, words
from mapapp.model import Match, Place
from mapapp.normalize import name_key
from mapapp.wordre import alternation
from mapapp.resolve.text import (
    LOWER_OK_BEFORE,
    after_full_stop,
    first_names,
    next_word,
    prev_word,
    sentence_break_between,
    sentence_initial,
    zipf,
)

HONORIFICS = words("honorifics")
KIN_WORDS = words("kin_words")
# An office after a place name makes the place its modifier, not a person's first name ("Cebu Archbishop
# Ramon Cruz", "Gaza Governor"); the forms of address ("Mr", "Lady", "Saint") do not name an office.
OFFICES = HONORIFICS - {"mr", "mrs", "ms", "miss", "sir", "lady", "lord", "dr", "st", "saint", "prince", "princess",
                        "king", "queen"}
# Words after a name that make it part of a larger name of a place (kept) rather than a person.
GEO_WORDS = words("place_words")


def is_person(gazetteer: Gazetteer, text: str, m: Match, *, prev: str | None = None, nxt: str | None = None) -> bool:
    """'Israel Katz', 'Michael Jordan', 'President Lincoln' are people. ``prev`` and ``nxt``: the words before and
    after the match (`prev_word`, `next_word`), when the caller has read them already."""
    nxt = next_word(text, m.end) if nxt is None else nxt
    one_word = len(m.surface.split()) == 1  # a first name is one word: "the Holy See Mikayel..." is no person
    if (one_word and nxt and nxt[0].isupper() and not nxt.isupper() and nxt.lower() not in GEO_WORDS
            and nxt.lower() not in OFFICES):
        if zipf(nxt.lower()) < 4.0 and not sentence_break_between(text, m.end) and not gazetteer.candidates(nxt):
            return True
        if (m.surface.lower() in first_names() and not sentence_break_between(text, m.end)
                and not any(is_large_place(c) and name_key(c.name) == m.key for c in gazetteer.candidates(m.surface))):
            # "Michael Jordan": a first name that is only a small place, then a name. A large place
            # counts only by its own name: "Ben" is also listed for Bern, and "Ben Cousins" is a man.
            return True
        if (m.surface.lower() in first_names() and not sentence_break_between(text, m.end) and zipf(nxt.lower()) < 4.0
                and not any(is_large_place(c) for c in gazetteer.candidates(nxt))):
            return True  # "Victoria Rowell": a first name, then a surname that is at most a small place
    prev = prev_word(text, m.start) if prev is None else prev
    if prev and prev[0].isupper() and prev.lower().rstrip(".") in HONORIFICS and not _title_ends_sentence(text, m, prev):
        return True
    if (one_word and prev in KIN_WORDS and text[m.start - 1] in " \t"
            and not any(c.kind == "country" for c in gazetteer.candidates(m.surface))):
        return True  # "his brother Austin", "her husband Lincoln"
    # "Michael Jordan", "Chad Israel": a first name before a one-word place makes a person, unless
    # the first name is itself a large place ("Jordan Israel border", "Austin Texas").
    if one_word and (_after_first_name(gazetteer, text, m, prev) or in_arabic_name(gazetteer, text, m)):
        return True
    if after_full_stop(text, m.start):  # "...Beit Lahia. Jabalia and Gaza City": a new sentence
        return False
    if prev and prev[0].isupper() and not prev.isupper() and not sentence_initial(text, m.start - len(prev) - 1):
        if zipf(prev.lower()) < 3.0 and not text[m.start - 2 : m.start].strip(" ").endswith((",", ";")):
            # a large place before it is an address without its comma ("Maiduguri Borno State"), not a first name
            return not any(is_large_place(c) for c in gazetteer.candidates(prev))
    return False


def _title_ends_sentence(text: str, m: Match, prev: str) -> bool:
    """'...met the Prime Minister. Egypt said': a full stop after a title written out in full ends the
    sentence; an abbreviated title keeps its name ("Dr. Salem", "Gen. Jordan", "Capt. Nelson")."""
    return after_full_stop(text, m.start) and len(prev.rstrip(".")) > 4


def after_first_name(gazetteer: Gazetteer, text: str, m: Match, *, prev: str | None = None) -> bool:
    """'Jose Bautista': a one-word name right after a first name is a surname, unless that first name is a
    large place. The resolver remembers such surnames, so the article's later bare 'Bautista' is the person too."""
    return len(m.surface.split()) == 1 and _after_first_name(
        gazetteer, text, m, prev_word(text, m.start) if prev is None else prev)


def _after_first_name(gazetteer: Gazetteer, text: str, m: Match, prev: str) -> bool:
    """after_first_name for a one-word match, given the word before it."""
    if not (prev and prev[0].isupper() and not prev.isupper() and prev.lower() in first_names()
            and not after_full_stop(text, m.start)):
        return False
    # A first name that is also a large place ("Victoria", "Jordan") still makes a person of a small
    # place after it ("Victoria Rowell"), but not of a large one ("Jordan Israel border").
    return (not any(is_large_place(c) for c in gazetteer.candidates(prev))
            or not any(is_large_place(c) for c in gazetteer.candidates(m.surface)))


# The Arabic article, lower case and hyphened to a capitalised family name: "Ismail al-Thawabta", "Moqtada al-Sadr".
_ARTICLES = words("arabic_articles")
_FAMILY_AFTER = re.compile(r"[ \t]+%s[-\u2010\u2011][A-Z]" % alternation(entries("arabic_articles")))
_GIVEN_BEFORE = re.compile(r"(?<![\w-])([A-Z][a-z]+)[ \t]+$")


def in_arabic_name(gazetteer: Gazetteer, text: str, m: Match) -> bool:
    """A given name before a family name with the article ("Ismail al-Thawabta": the first name is no town of
    Ukraine), or the family name after a given name when only the part after the article matched ("Moqtada
    al-Sadr": no Sadr City). A place named with the article is matched whole ("Deir al-Balah"), and a large or
    curated place before one ("Jabalia al-Nazla", "Gaza al-...") is no given name."""
    if _FAMILY_AFTER.match(text, m.end):  # the US census first names hold few Arabic ones: the shape says it
        return not any(is_large_place(c) for c in gazetteer.candidates(m.surface))
    dash = m.start - 1
    if dash < 3 or text[dash] not in "-\u2010\u2011":
        return False
    article_start = text.rfind(" ", max(0, dash - 4), dash) + 1
    if article_start == 0 or text[article_start:dash] not in _ARTICLES:
        return False
    given = _GIVEN_BEFORE.search(text, max(0, article_start - 30), article_start)
    if given is None:
        return False
    name = given.group(1)
    return name.lower() in first_names() or (zipf(name.lower()) < 3.0 and not gazetteer.candidates(name))


_WITHOUT_POPULATION = words("admin1_without_population")


def large_subdivision(p: Place, people: int) -> bool:
    """Is this admin1 at least ``people`` strong? Subdivisions the gazetteer builds with no population figure
    all count as large (lexicon/admin1_without_population.csv); the Isle of Man's sheading "Michael" is small."""
    return p.country in _WITHOUT_POPULATION or p.population >= people


def is_large_place(p: Place) -> bool:
    if p.layer != "world" or p.kind in ("country", "region", "governorate"):
        return True
    return large_subdivision(p, 100_000) if p.kind == "admin1" else p.population >= 100_000


STRUCTURE_WORDS = words("structure_words")
STRUCTURE_PREFIXES = words("structure_prefixes")
# Capitalised words that come before a place name as part of the place's own description.
PLACE_PREFIXES = words("place_prefixes")


def names_a_structure(text: str, m: Match, *, prev: str | None = None, nxt: str | None = None) -> bool:
    nxt = next_word(text, m.end) if nxt is None else nxt
    if nxt and nxt[0].isupper() and nxt.lower().rstrip(".") in STRUCTURE_WORDS:
        return True
    prev = prev_word(text, m.start) if prev is None else prev
    return bool(prev) and prev[0].isupper() and prev.lower() in STRUCTURE_PREFIXES


def inside_larger_name(gazetteer: Gazetteer, text: str, m: Match, *, prev: str | None = None) -> bool:
    """'Northwest Cancer Centre', 'Nile Delta': a one-word name right after a capitalised word
    that is not itself a place or a direction belongs to a longer name the gazetteer does not know."""
    prev = prev_word(text, m.start) if prev is None else prev
    if not prev or not prev[0].isupper() or prev.isupper() or after_full_stop(text, m.start):
        return False
    if m.surface.isupper() and len(m.surface) > 3:
        return False  # a change of case ends a name: "Associated Press PARIS (AP)" is a dateline
    if prev.lower() in PLACE_PREFIXES or prev.lower() in LOWER_OK_BEFORE:
        return False
    if sentence_initial(text, m.start - len(prev) - 1) and zipf(prev.lower()) >= 4.5:
        return False  # "In Gaza", "After Rafah": a sentence's first word
    # A common word ("Centre", "Gulf", "Valley") after a capitalised word ends a longer name
    # ("Rogers Centre") even when that word is itself a place.
    return zipf(m.surface.lower()) >= 4.5 or not gazetteer.candidates(prev)
