"""Lower-case words that no accepted name can hold, hidden from the automaton before it runs.

Most of an article is ordinary lower-case words ("said", "to", "from"). The automaton still walks
each of them deep into its 100 MB trie (a cache miss a letter), and half of its hits are such words
that are also some place's name, which the case rule then rejects one by one in Python. A word is
hidden by turning its first letter, in the matching text only, into a character no pattern holds:
the automaton then stays at its root through the word (every pattern starts with a space).

Which words may be hidden follows from the rules of recognition (mapapp/match.py). A word is hidden
when, in the original text, it is a run of ASCII letters whose first is lower case, right after a
space and right before a character that ends a word both in the matching text and in the case
rule's tokens (ASCII punctuation but "?", a space, or the end of the text), and it is not one of
the ``allowed`` words. Such a word cannot be part of an accepted span:

- a span starting at it starts with a lower-case letter, which only keys opening on a lower-case
  connector or "the" may do (their words are allowed);
- a span holding it further on holds a lower-case token after a space, which the case rule accepts
  only for connectors and generic words such as "strip" (allowed), as a key's exact written form
  (the forms' lower-case words are allowed), or in a non-place name, taken as written (its words
  are allowed); a dateline is written in capitals.

The allowed words are told apart by a signature (length, first and second letter): a word that
shares one with an allowed word is not hidden either, which only hides fewer words.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

_MAX_LEN = 15  # longer words share the signature of length 15
_HIDDEN = 1  # "\x01": the matching text never holds it (match_form makes every ASCII separator a space)
# What may follow a hidden word. The text is read as ASCII with "?" for anything beyond: "?" is kept from
# ending a word, so a word followed by a zero-width character or a curly quote is not hidden. Letters, digits,
# "_", the apostrophe and "`" (folded to one) do not end a word either.
_ENDS_WORD = np.array([c < 128 and not (chr(c).isalnum() or chr(c) in "_'`?") for c in range(256)], dtype=bool)
_ASCII_WORD = re.compile(r"[A-Za-z]+")
_LOWER_ASCII_WORD = re.compile(r"(?<![A-Za-z])[a-z][A-Za-z]*")


class SkipWords:
    """Hides the lower-case words that no accepted span can hold (see the module's notes)."""

    def __init__(self, allowed: Iterable[str]):
        self._hideable = np.ones((_MAX_LEN + 1) << 16, dtype=bool)
        for word in allowed:
            if not (word.isascii() and word.isalpha() and word.islower()):
                raise ValueError(f"allowed words are lower-case ASCII letters: {word!r}")
            first = ord(word[0]) << 8
            # the second letter in either case; after a one-letter word, whatever follows it
            seconds = (ord(word[1]), ord(word[1].upper())) if len(word) > 1 else range(256)
            for second in seconds:
                self._hideable[(min(len(word), _MAX_LEN) << 16) | first | second] = False

    @classmethod
    def from_rules(cls, lower_case_names: Iterable[str], non_place_keys: Iterable[str],
                   exact_forms: Iterable[Iterable[str]]) -> SkipWords:
        """The words a span may hold in lower case: those of the names the case rule lets through in lower
        case (connectors, generic words), every word of a non-place name, the lower-case words of exact forms."""
        allowed = set()
        for name in (*lower_case_names, *non_place_keys):
            allowed.update(w.lower() for w in _ASCII_WORD.findall(name))
        for forms in exact_forms:
            for form in forms:
                allowed.update(w.lower() for w in _LOWER_ASCII_WORD.findall(form))
        return cls(allowed)

    def hide(self, text: str, mtext: str, offset: int) -> str:
        """``mtext`` (the matching text of ``text``, as long, text[i] at mtext[i + offset]) with the first
        letter of each word that may be hidden made a character no pattern holds."""
        data = text.encode("ascii", "replace") + b" "  # one byte a character; a space ends the last word
        codes = np.frombuffer(data, dtype=np.uint8)
        starts = np.flatnonzero(((codes[1:] - 97) < 26) & (codes[:-1] == 32)) + 1  # a-z after a space
        if not len(starts):
            return mtext
        not_letters = np.flatnonzero(((codes | 32) - 97) >= 26)  # holds the final space: every word has an end
        ends = not_letters[np.searchsorted(not_letters, starts)]
        pairs = np.ndarray((len(data) - 1,), dtype=">u2", buffer=data, strides=(1,))  # each byte and the next
        signature = (np.minimum(ends - starts, _MAX_LEN) << 16) | pairs[starts]
        where = starts[_ENDS_WORD[codes[ends]] & self._hideable[signature]] + offset
        if not len(where):
            return mtext
        if mtext.isascii():
            out = bytearray(mtext.encode("ascii"))
            np.frombuffer(out, dtype=np.uint8)[where] = _HIDDEN
            return out.decode("ascii")
        points = np.frombuffer(mtext.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).copy()
        points[where] = _HIDDEN
        return points.tobytes().decode("utf-32-le", "surrogatepass")
