"""Text normalisation for matching that keeps exact offsets back into the original.

News spells the same place many ways: "Khan Younis" / "KHAN YOUNIS", "Deir
al-Balah" / "Deir al Balah", "Shuja’iyya" / "Shuja'iyya", "Khuzā'a". Matching
runs on a normalised copy of the text in which those differences are gone, and
every normalised character remembers which original character it came from, so
a match maps back to ``text[start:end]`` exactly.

The common case (no zero-width characters, no letters whose lower case is
longer) keeps the length, and the offset map is the identity; only the rare
text that needs it pays for an explicit map.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Characters that vanish in normalised text: zero-width joiners and marks,
# soft hyphens, bidi controls. Scraped pages put them inside names.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")

_QUOTES = {c: "'" for c in "\u2018\u2019\u201b\u02bc\u02bb\u2032\u00b4`\u02be\u02bf"}
_QUOTES.update({c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"})
# Hyphens and dashes become spaces so "al-Balah" and "al Balah" are one name,
# and "USA-UK-Israel" is three names.
_SPACES = {c: " " for c in "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00a0\u2009\u202f\u2002\u2003\t\n\r\f\v_"}


def _fold_char(c: str) -> str:
    """One character in, one character out: lower case, no diacritics, plain quotes and spaces."""
    if c in _QUOTES:
        return _QUOTES[c]
    if c in _SPACES:
        return _SPACES[c]
    low = c.lower()
    if len(low) != 1:
        low = c
    base = unicodedata.normalize("NFD", low)[0]
    if base != low and unicodedata.category(base)[0] == "L":
        low = base
    return low


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    # The Latin, Greek/Cyrillic and punctuation blocks cover what news text uses;
    # anything else passes through as itself (already one character).
    table = {}
    for cp in list(range(0x00, 0x0250)) + list(range(0x0370, 0x0530)) + list(range(0x1E00, 0x1F00)) + list(range(0x2000, 0x2070)):
        c = chr(cp)
        f = _fold_char(c)
        if f != c:
            table[cp] = f
    for c in list(_QUOTES) + list(_SPACES):
        table[ord(c)] = _fold_char(c)
    return table


@lru_cache(maxsize=1)
def _code_table():
    """The table as an array over every code point (4.4 MB), for whole texts at once: one lookup a character,
    no test for points beyond the table (numpy is loaded only for non-ASCII text)."""
    import numpy as np

    codes = np.arange(sys.maxunicode + 1, dtype=np.uint32)
    for cp, c in _table().items():
        codes[cp] = ord(c)
    return codes


def _folded(text: str) -> str:
    """``text.translate(_table())``. str.translate looks every character of a non-ASCII text up in a dict
    (a fifth of matching); one array lookup over the code points does the same in a tenth of the time."""
    if text.isascii():
        return text.translate(_table())  # CPython's ASCII path is faster still
    import numpy as np

    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return _code_table()[points].tobytes().decode("utf-32-le", "surrogatepass")


@dataclass(frozen=True)
class Normalised:
    """A normalised text and the way back to the original's offsets."""

    text: str
    original: str
    _index: tuple[int, ...] | None = None  # original offset of each normalised char; None = identity

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the normalised span [start, end)."""
        if self._index is None:
            return start, end
        return self._index[start], self._index[end - 1] + 1


def fold(text: str) -> str:
    """Normalise a name or a text of one line; the result may differ in length only if it holds invisibles."""
    return _INVISIBLE_RE.sub("", text).translate(_table()).lower()


def normalise(text: str) -> Normalised:
    """Normalise an article's text for matching, keeping a map back to original offsets."""
    if text.isascii():  # (a flag CPython keeps) no invisibles, which are all beyond ASCII, and one pass
        return Normalised(text.translate(_table()), text)
    folded = _folded(text)
    if _INVISIBLE_RE.search(text) is None:  # looked for once: it reads the whole text
        if folded.isascii():
            return Normalised(folded, text)
        lowered = folded.lower()
        if len(lowered) == len(text):
            return Normalised(lowered, text)
    chars: list[str] = []
    index: list[int] = []
    for i, c in enumerate(text):
        if c in _INVISIBLE:
            continue
        chars.append(_fold_char(c))
        index.append(i)
    index.append(len(text))
    return Normalised("".join(chars), text, tuple(index))


@lru_cache(maxsize=300_000)
def name_key(name: str) -> str:
    """The key a gazetteer name is stored under: folded, spaces collapsed."""
    return " ".join(fold(name).split())
