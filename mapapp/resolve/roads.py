"""Roads by their number: "the A12", "on the A30 at Bodmin", "via the M5, A38 and A30".

Britain, Ireland and many other countries number their roads with a letter and digits (A, B, M, N),
and traffic news names a road by that number alone. The same codes name aircraft ("the A380"),
rifles ("an M16") and paper sizes ("A4"), so a code is read as a road only where the sentence it
stands in speaks of roads (lexicon/road_words.txt) and only after "the" or as the next item of a
list of such roads. The sites (sites.py) place each at the town the text ties it to.
"""
from __future__ import annotations

import re
from operator import methodcaller

from mapapp import sentences
from mapapp.lexicon import words

ROAD_WORDS = words("road_words")
# The letter comes first so that the regex engine jumps to the next A, B, M or N instead of trying the
# look-behind at every character (a third of the time); the look-behind then checks the character before it.
_CODE = re.compile(r"[ABMN](?<![\w\-/][ABMN])[1-9]\d{0,3}(?:\([MT]\))?(?![\w\-/])")
# The same, one pattern a letter: `re` finds a pattern's literal first letter by a fast scan, while a class
# such as [ABMN] is tested at every character (5 ms of a 0.55 MB copy against 1.3 for the four scans).
_CODES = tuple(re.compile(_CODE.pattern.replace("[ABMN]", letter)) for letter in "ABMN")
_START = methodcaller("start")
_THE_BEFORE = re.compile(r"\bthe[ \t]+$", re.I)
# the next item of a list of roads: "the M5, A38 and A30"
_LIST_BEFORE = re.compile(r"[ABMN][1-9]\d{0,3}(?:\([MT]\))?(?:[ \t]*,[ \t]*|[ \t]+(?:and|or)[ \t]+)$")
_WORD = re.compile(r"[a-z]+")


def find_road_numbers(text: str) -> list[tuple[int, int]]:
    """(start, end) of each road number the text names as a road, in text order. A code one sentence
    shows to be a road is that road wherever else the article writes it so ("a crash on the A30")."""
    named = []
    for hit in road_codes(text):
        start = hit.start()
        before = text[max(0, start - 12):start]
        if _THE_BEFORE.search(before) or _LIST_BEFORE.search(before):
            lo, hi = sentences.bounds(text, start, hit.end(), window=600)
            named.append((start, hit.end(), any(w in ROAD_WORDS for w in _WORD.findall(text[lo:hi].lower()))))
    roads = {text[start:end] for start, end, said in named if said}
    return [(start, end) for start, end, _ in named if text[start:end] in roads]


def road_codes(text: str) -> list[re.Match]:
    """What _CODE.finditer finds, in text order: the four letters' codes never overlap (a code holds no
    other letter that opens one: its "(M)" is followed by ")", not a digit)."""
    return sorted((hit for pattern in _CODES for hit in pattern.finditer(text)), key=_START)
