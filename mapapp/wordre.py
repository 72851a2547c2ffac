"""Regular expressions over word lists, written so that a miss fails fast.

The cue rules ask, at every mention, "is one of these words right after the
name?" and "does the text right before the name end with one of these words?".
Python's `re` tries an alternation one word after another, and a pattern that
must end where a window ends (``...\\s+$``) is tried from every start in the
window: several microseconds a question, asked ~10^5 times on a corpus.

- `alternation` writes the same words grouped by their first letter: a
  position starting with none of those letters fails after one test per
  letter instead of one per word.
- `reversed_alternation` is the alternation of the words spelled backwards.
  A pattern anchored at a window's end, ``\\b(?:W)\\s+$``, matches exactly when
  its mirror image, ``\\s+(?:W reversed)\\b``, matches at the start of the
  reversed window (``\\b``, ``\\s`` and case are the same read in either
  direction; ``$`` may also match before a final newline, but a pattern ending
  in ``\\s+`` can take that newline in), and ``re.match`` tries one start, not forty.

Use them where only whether there is a match counts: the grouped alternation
may try the words in another order, so which word matched can differ.
`reads_backwards` says how to ask the mirrored question.
"""
from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """Pattern source matching exactly the given literal words (case as the flags say), grouped by first letter."""
    by_first: dict[str, list[str]] = {}
    for word in dict.fromkeys(words):
        if not word:
            raise ValueError("an empty word would match everywhere")
        by_first.setdefault(word[0], []).append(word)
    groups = []
    for first, group in by_first.items():
        # Any order finds whether there is a match; longest first just keeps the source stable.
        rests = sorted((re.escape(w[1:]) for w in group), key=len, reverse=True)
        groups.append(f"{re.escape(first)}(?:{'|'.join(rests)})")
    return "(?:" + "|".join(groups) + ")"


def reversed_alternation(words: Iterable[str]) -> str:
    """`alternation` of the words spelled backwards, for patterns matched against a reversed window."""
    return alternation(w[::-1] for w in words)


def reads_backwards(pattern: re.Pattern[str], window: str) -> bool:
    """Does the mirrored ``pattern`` match at the start of the reversed ``window``?"""
    return pattern.match(window[::-1]) is not None
