"""Roads by their number: "the A12", "on the A30 at Bodmin", "via the M5, A38 and A30".

Britain, Ireland and many other countries number their roads with a letter and digits (A, B, M, N),
and traffic news names a road by that number alone. The same codes name aircraft ("the A380"),
rifles ("an M16") and paper sizes ("A4"), so a code is read as a road only where the sentence it
stands in speaks of roads (lexicon/road_words.txt) and only after "the" or as the next item of a
list of such roads. The sites (sites.py) place each at the town the text ties it to.
"""
from __future__ import annotations

import re

from mapapp import sentences
from mapapp.lexicon import words

ROAD_WORDS = words("road_words")
# The letter comes first so that the regex engine jumps to the next A, B, M or N instead of trying the
# look-behind at every character (a third of the time); the look-behind then checks the character before it.
_CODE = re.compile(r"[ABMN](?<![\w\-/][ABMN])[1-9]\d{0,3}(?:\([MT]\))?(?![\w\-/])")
_THE_BEFORE = re.compile(r"\bthe[ \t]+$", re.I)
# the next item of a list of roads: "the M5, A38 and A30"
_LIST_BEFORE = re.compile(r"[ABMN][1-9]\d{0,3}(?:\([MT]\))?(?:[ \t]*,[ \t]*|[ \t]+(?:and|or)[ \t]+)$")
_WORD = re.compile(r"[a-z]+")


def find_road_numbers(text: str) -> list[tuple[int, int]]:
    """(start, end) of each road number the text names as a road, in text order. A code one sentence
    shows to be a road is that road wherever else the article writes it so ("a crash on the A30")."""
    named = []
    for hit in _CODE.finditer(text):
        start = hit.start()
        before = text[max(0, start - 12):start]
        if _THE_BEFORE.search(before) or _LIST_BEFORE.search(before):
            lo, hi = sentences.bounds(text, start, hit.end(), window=600)
            named.append((start, hit.end(), any(w in ROAD_WORDS for w in _WORD.findall(text[lo:hi].lower()))))
    roads = {text[start:end] for start, end, said in named if said}
    return [(start, end) for start, end, _ in named if text[start:end] in roads]
