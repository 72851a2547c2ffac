"""Literal or stand-in use: is a name the place itself, or the government, people or event?

"Israel agreed", "Washington said", "Israel's plans", "US president" use the
name for an actor or as a title; "in Gaza", "fires missiles at Israel",
"Israel's borders" use it for the territory. The rules read the words right
around the name; they apply to the kinds of place that can act (countries,
cities, regions), and every other kind is literal.
"""
from __future__ import annotations

import re

from mapapp.lexicon import entries
from mapapp.wordre import alternation, reversed_alternation

ACTOR_KINDS = {"country", "city", "town", "admin1", "region", "continent"}

# A verb right after the name makes it an actor.
_AGENT_VERBS = list(entries("agent_verbs"))
_AGENT_RE = re.compile(r"^\s*(?:,\s*[^,]{1,40},\s*)?%s\b" % alternation(_AGENT_VERBS), re.I)

# A noun right after the name (or after its possessive) that makes the name a modifier or title.
_ASSOCIATIVE = list(entries("associative_nouns"))
_ASSOC_RE = re.compile(r"^(?:['\u2019]s)?\s+(?:-?\s*)?%s\b" % alternation(_ASSOCIATIVE), re.I)
# The ASCII characters a noun of the list can open on (as the pattern reads them, case aside): after a space,
# a word opening on any other ASCII character is no such noun.
_ASSOC_OPENING = frozenset(
    c for c in map(chr, range(128)) if any(re.match(re.escape(w[0]), c, re.I) for w in dict.fromkeys(_ASSOCIATIVE)))
_PHYSICAL_AFTER_POSSESSIVE = re.compile(
    r"^['\u2019]s\s+(?:\w+\s+)?(?:%s)\b" % "|".join(entries("physical_parts")), re.I
)
# The rules as written, each a pattern that must end where the text before the name ends;
# `is_literal` matches their mirror images against the reversed window (mapapp/wordre.py): the same answer, faster.
_LOCATIVE_WORDS = list(entries("locative_words"))
_LOCATIVE_BEFORE = re.compile(r"\b(?:%s)\s+(?:the\s+)?$" % "|".join(_LOCATIVE_WORDS), re.I)
_LOCATIVE_BEFORE_REVERSED = re.compile(r"(?:\s+eht)?\s+%s\b" % reversed_alternation(_LOCATIVE_WORDS), re.I)
_ACTOR_WORDS = list(entries("actor_phrases"))
_BEFORE_ACTOR = re.compile(r"(?:%s)\s+$" % "|".join(_ACTOR_WORDS), re.I)
_BEFORE_ACTOR_REVERSED = re.compile(r"\s+%s" % reversed_alternation(_ACTOR_WORDS), re.I)


_POSSESSIVE = re.compile(r"^['\u2019]s\s+\w")
_APOSTROPHES = ("'", "\u2019")


def _may_open_noun(after: str) -> bool:
    """After a space, the word _ASSOC_RE reads next (past one hyphen) may open one of its nouns."""
    rest = after.lstrip()
    if rest[:1] == "-":
        rest = rest[1:].lstrip()
    c = rest[:1]
    return bool(c) and (not c.isascii() or c in _ASSOC_OPENING)


def is_literal(text: str, start: int, end: int, kind: str) -> bool:
    """True for the place itself; False when it stands for a government, people or event."""
    if kind not in ACTOR_KINDS:
        return True
    after = text[end : end + 60]
    first = after[:1]
    if first in _APOSTROPHES:  # both possessive rules open on the apostrophe
        if _PHYSICAL_AFTER_POSSESSIVE.match(after):
            return True
        if _POSSESSIVE.match(after):
            return False
    if (first in _APOSTROPHES or first.isspace() and _may_open_noun(after)) and _ASSOC_RE.match(after):
        return False
    before_reversed = text[max(0, start - 40) : start][::-1]  # both rules before the name read it backwards
    # A place word before the name ("in Israel said...") keeps it literal even before a verb.
    if _LOCATIVE_BEFORE_REVERSED.match(before_reversed):
        return True
    if _AGENT_RE.match(after) or _BEFORE_ACTOR_REVERSED.match(before_reversed):
        return False
    return True
