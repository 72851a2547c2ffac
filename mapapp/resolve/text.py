"""The words right around a match and how common a word is: what every cue reads.

The guards read the words around each match once and hand them to the cues
that need them (cues.py), so the words are not remembered here.
"""
from __future__ import annotations

import re
from functools import lru_cache

from mapapp import sentences
from mapapp.lexicon import words

@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z\u00C0-\u024F][\w\-]*)")
_LAST_WORD = re.compile(r"([A-Za-z\u00C0-\u024F][\w\-]*)\.?$")


def next_word(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text, end, end + 40)
    return m.group(1) if m else ""


def prev_word(text: str, start: int) -> str:
    chunk = text[max(0, start - 40) : start]
    stripped = chunk.rstrip(" \t")
    if not stripped or len(stripped) == len(chunk):
        return ""
    # the word cannot span a space, so only what follows the last one matters
    begin = max(stripped.rfind(" "), stripped.rfind("\t")) + 1
    # Most are plain words, with a full stop at most: what the pattern takes whole, without asking it.
    word = stripped[begin:-1] if stripped[-1] == "." else stripped[begin:]
    if word.isalpha() and word.isascii():
        return word
    m = _LAST_WORD.search(stripped, begin)
    return m.group(1) if m else ""


# Census first names that are far more often ordinary words at the start of a sentence or a headline
# ("Will Jordan join?", "Mark Israel's...", "Hope Gaza...").
_WORD_NOT_NAME = words("common_word_first_names")


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """First names from the US Census 1990 lists (PyPI names; public-domain data), lowercased."""
    from importlib.resources import files

    found = set()
    for table in ("dist.male.first", "dist.female.first"):
        for line in (files("names") / table).read_text(encoding="ascii").splitlines():
            if line.strip():
                found.add(line.split()[0].lower())
    # The lists hold a few function words too ("In"); the commonest English words are never read as names.
    return frozenset(n for n in found - _WORD_NOT_NAME if zipf(n) < 5.5)


# Function words never start a proper name, even when a missing full stop leaves them capitalised
# mid-sentence ("six minutes late After Paris, London is...").
LOWER_OK_BEFORE = words("function_words")


_FULL_STOP_BEFORE = re.compile(sentences.END_MARK + r"[ \t]+$")


def after_full_stop(text: str, start: int) -> bool:
    lo = max(0, start - 6)
    window = text[lo:start]
    if "." not in window and "!" not in window and "?" not in window:  # the pattern needs one of them
        return False
    return bool(_FULL_STOP_BEFORE.search(text, lo, start))


_BREAK = re.compile(r"\s*[.!?;:,]")


def sentence_break_between(text: str, end: int) -> bool:
    return bool(_BREAK.match(text, end, end + 3))


def sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" \t\"'\u201c\u2018(")
    return before == "" or before[-1] in ".!?\n:"
