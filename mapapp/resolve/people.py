"""People the whole article names with a word that is also a small place.

A surname is read as a person everywhere in the article once one of its uses
says so, because a reporter introduces a person once and then writes the
surname alone ("Larissa Malinao said ... Malinao added"). The uses that say so:

- a speech verb right after it ("Malinao said", "Nelson explains"), unless a
  preposition or article comes before it ("officials in Slidell said": the
  town's people speak);
- a speech verb right before it ('..." said Payette'), unless a possessive follows
  ("said Gaza's ministry");
- a name particle between it and a capitalised given name ("Mike de Kock",
  "Roger van Boxtel", "Mohammed bin Rashid"), or a link of a longer family name
  ("Pierre de Marigny de Mandeville").

Only one-word names of small places of the world layer are read this way: a
country, a large city or a curated place keeps its name ("Israel said").
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from mapapp.lexicon import words
from mapapp.model import Match
from mapapp.resolve.text import LOWER_OK_BEFORE, first_names

SPEECH_VERBS = words("speech_verbs")
# Particles of family names; "bin", "ibn" and "bint" ("son/daughter of") always make one.
PARTICLES = words("name_particles")
_PATRONYMIC = words("name_particles", where="patronymic")

_WORD_AFTER = re.compile(r"[ \t]+([A-Za-z]+)\b")
# Searched in a slice of the words before a name: the look-behind lets the search skip the middle of
# each word instead of trying every offset (the leftmost match is the same).
_WORDS_BEFORE = re.compile(r"(?<![A-Za-z])([A-Za-z][\w'\u2019-]*)[ \t]+([A-Za-z][\w'\u2019-]*)[ \t]+$")
_SPEECH_BEFORE = re.compile(r"\b([a-z]+)[ \t]+$")
_POSSESSIVE_AFTER = re.compile(r"['\u2019]s\b")


def _said_after(text: str, m: Match) -> bool:
    nxt = _WORD_AFTER.match(text, m.end, m.end + 20)
    if not nxt or nxt.group(1) not in SPEECH_VERBS:
        return False
    before = _WORDS_BEFORE.search(text[max(0, m.start - 60):m.start])
    return not (before and before.group(2).lower() in LOWER_OK_BEFORE | {"the", "a", "an"})


def _said_before(text: str, m: Match) -> bool:
    verb = _SPEECH_BEFORE.search(text, max(0, m.start - 12), m.start)
    return bool(verb and verb.group(1) in SPEECH_VERBS) and not _POSSESSIVE_AFTER.match(text, m.end)


def _last_word(chunk: str) -> str:
    """What _WORDS_BEFORE's second word must be in this chunk: the text between the last space or tab and
    the spaces that end it (``$`` may also stand before a final newline)."""
    if chunk.endswith("\n"):
        chunk = chunk[:-1]
    stripped = chunk.rstrip(" \t")
    if len(stripped) == len(chunk):
        return ""
    return stripped[max(stripped.rfind(" "), stripped.rfind("\t")) + 1:]


def _after_particle(text: str, m: Match, is_place_name: Callable[[str], bool]) -> bool:
    chunk = text[max(0, m.start - 60):m.start]
    if _last_word(chunk) not in PARTICLES:  # most names follow no particle: no search for the two words
        return False
    before = _WORDS_BEFORE.search(chunk)
    if not before or before.group(2) not in PARTICLES:
        return False
    given = before.group(1)
    if before.group(2) in _PATRONYMIC:
        return given[0].isupper()
    # "Pierre de Marigny de Mandeville": a word between two particles is a link of a family name, even when
    # it is also a place's name
    return given[0].isupper() and (given.lower() in first_names() or not is_place_name(given)
                                   or _last_word(chunk[:before.start(1)]) in PARTICLES)


def article_people(text: str, matches: Iterable[Match], small_world_name: Callable[[Match], bool],
                   is_place_name: Callable[[str], bool]) -> set[str]:
    """Name keys this article uses for a person, among one-word names of small world places only
    (``small_world_name(match)``); ``is_place_name(word)`` says whether the gazetteer knows a word."""
    found: set[str] = set()
    for m in matches:
        if m.key in found or " " in m.surface.strip() or not small_world_name(m):
            continue
        if _said_after(text, m) or _said_before(text, m) or _after_particle(text, m, is_place_name):
            found.add(m.key)
    return found
