"""Where a sentence ends: one rule for every stage that reads the sentence around a position.

A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets
after it) before whitespace, or at a line break: news puts headlines, datelines
and captions on lines of their own. A full stop inside a number ("3.5") or a
word ("U.S.-led") is followed by no space and ends nothing.
"""
from __future__ import annotations

import re

# The mark that ends a sentence, closers included: 'said." Then' ends after the quote.
END_MARK = r"[.!?][\"'\u201d\u2019)\]]*"
END = re.compile(END_MARK + r"(?=\s)|\n")


def bounds(text: str, start: int, end: int | None = None, *, window: int | None = None,
           with_mark: bool = True) -> tuple[int, int]:
    """[lo, hi) of the sentence holding ``text[start:end]``.

    ``lo`` is where the sentence's text begins after the previous end (its leading space included);
    ``hi`` is past its closing mark, or, ``with_mark=False``, at the mark (a clause's end). ``window``
    bounds the search on each side: a megabyte without a full stop must not make every search scan it.
    """
    end = start if end is None else end
    first = 0 if window is None else max(0, start - window)
    last = len(text) if window is None else min(len(text), end + window)
    lo = _last_end(text, first, start)
    hit = END.search(text, end, last)
    if hit is None:
        return lo, last
    return lo, hit.end() if with_mark else hit.start()


def _last_end(text: str, first: int, start: int) -> int:
    """The end of the last sentence end in ``text[first:start]`` (``first`` if none), read backwards a
    growing stretch at a time: a rule asking about every name of a long article read it from the top
    each time. Where a match of END starts depends only on the text from there on (a closer starts
    none), so the last one in a stretch is the last one from ``first``."""
    step = 256
    while True:
        lo = max(first, start - step)
        found = -1
        for m in END.finditer(text, lo, start):
            found = m.end()
        if found >= 0:
            return found
        if lo == first:
            return first
        step *= 4
