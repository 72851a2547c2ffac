"""Site names: the streets, buildings, roads and headlands a text names that no gazetteer holds.

A site's name is recognised by its head word (lexicon/site_heads.txt: "Street", "Hospital", "Air
Base"...) after capitalised words ("Royal Street", "Alder Hey Children's Hospital"), by a street
prefix before them ("Rue Casa Calvo", "Hotel Kyjev"), by a headland word ("Cape Moreton", "Sandy
Point"), or as a road number (roads.py). Titles ("President Park"), organisations ("Chamber of
Commerce Hall") and institutions ("Pew Research Center") are not sites. A country's name before a
lower-case word for a part of a town ("the Brazil neighbourhood", "the Canada camp" in Rafah) is one too.
Where each is pinned is sites.py's job.
"""
from __future__ import annotations

import re
from operator import methodcaller

import ahocorasick

from mapapp.lexicon import entries, words
from mapapp.resolve.roads import find_road_numbers
from mapapp.wordre import alternation

HEADS = words("site_heads")
STREET_HEADS = frozenset(("street", "avenue", "road", "boulevard", "lane", "drive", "highway", "square", "plaza",
                          "roundabout", "junction", "bridge", "tunnel", "parade", "st", "ave", "rd", "blvd"))
PREFIXES = words("structure_prefixes")
NATURAL = words("natural_words")  # headlands: "Cape Moreton", "Sandy Point"
# Words that never start a site's name, even capitalised at a sentence's start ("At the Campus").
_NOT_FIRST = words("function_words") | {"the", "a", "an", "this", "that", "his", "her", "their", "its", "our"}
_HONORIFICS = words("honorifics")
_ORG_HEADS = words("org_heads")
_INSTITUTION = words("institution_words")
_FOR_AFTER = re.compile(r"[ \t]+(?:for|on)[ \t]+(?:the[ \t]+)?[A-Z]")
# Lower-case words inside a name ("Rue de la Paix", "Jardin du Luxembourg"); "of", "the" and "and" are not
# among them, as they join a title or a list to the name ("Vice Chancellor of the Federal Hospital").
_CONNECTORS = frozenset(("de", "du", "des", "la", "le", "el", "al", "d'", "von", "van", "bin", "ibn"))
# An Arabic name written with its article in lower case: "al-Ahli Hospital", "el-Nasr Street".
_ARTICLE_NAME = re.compile(r"%s[-\u2010][A-Z]" % alternation(entries("arabic_articles")))

# A word of a name: capitalised (with its apostrophes, hyphens and inner dots: "Children's", "N."),
# a number or ordinal ("2700", "14th"), "No." before a number, or a lower-case connector.
_WORD = re.compile(r"[^\W_][\w'\u2019.\-]*|&")
# Capitalised words, read once: a head word or a prefix is looked up in a set (one pattern with every
# head word in it costs several times more, as the regex engine tries each word at each position).
# The word edge is asserted after the capital, so the search skips to capitals instead of trying every offset.
_CAP_WORD = re.compile(r"[A-Z\u00c0-\u00de](?<!\w[A-Z\u00c0-\u00de])[a-z\u00df-\u00ff]+\b")
_CAP_BEFORE = re.compile(r"[A-Z][\w'\u2019]*[ \t]+$")
_ABBREVIATED = {"St": "st", "Ave": "ave", "Rd": "rd", "Blvd": "blvd"}
# "St." ends a street's name only before a lower-case word, punctuation or the line's end ("14th St. and"),
# not before a name, where it is "Saint" ("St. Peter's Basilica").
_SAINT_AFTER = re.compile(r"[ \t]*[A-Z0-9]")
_PREFIX_WORDS = frozenset(w.capitalize() for w in PREFIXES)
# Every word _CAP_WORD can read that opens or ends a site's name: a prefix, an abbreviation, or a head word
# with its first letter written as any capital that lower-cases to it (the rest of a _CAP_WORD word is
# already lower case).
_CAPITALS = [chr(c) for c in range(ord("A"), ord("Z") + 1)] + [chr(c) for c in range(0xC0, 0xDF)]
_SITE_WORDS = _PREFIX_WORDS | frozenset(_ABBREVIATED) | frozenset(
    c + head[1:] for head in HEADS for c in _CAPITALS if c.lower() == head[0])
MAX_NAME_WORDS = 6
_START = methodcaller("start")


# A capitalised name before a lower-case word for a part of a town: "the Brazil neighbourhood", "the Canada camp"
# in Rafah. Only a country's name makes such a site (sites.py): after any other name the phrase describes
# the place rather than naming a part of it ("the Gaza neighbourhood of Shejaiya", "the Trump camp").
# The head word is rare: it is searched for, and the name read back from it (a pattern that starts at every
# capital costs twice the whole site search).
# One pattern a head word, run where the text holds the word's opening (most articles hold none; one
# alternation of the four is tried at every character); their matches never overlap, as none holds
# another and each ends at a word's edge.
_PART_OF_TOWN_HEADS = tuple((opening, re.compile(word + r"\b")) for opening, word in (
    ("neighbo", "neighbou?rhood"), ("district", "district"), ("quarter", "quarter"), ("camp", "camp")))
_NAME_BEFORE_HEAD = re.compile(r"(?<![\w\-])[A-Z][\w'\u2019\-]*(?:[ \t]+[A-Z][\w'\u2019\-]*){0,2}[ \t]+$")
PART_OF_TOWN_KINDS = frozenset(("neighbourhood", "camp"))


def parts_of_town(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each capitalised name of up to three words before a lower-case head word for a
    part of a town ("Brazil neighbourhood", "Canada camp")."""
    out = []
    heads = [hit for opening, pattern in _PART_OF_TOWN_HEADS if opening in text for hit in pattern.finditer(text)]
    for head in sorted(heads, key=_START):
        name = _NAME_BEFORE_HEAD.search(text, max(0, head.start() - 80), head.start())
        if name is not None:
            out.append((name.start(), head.end(), "camp" if head.group(0) == "camp" else "neighbourhood"))
    return out


def _is_name_word(w: str) -> bool:
    return w[0].isupper() or w[0].isdigit() or bool(_ARTICLE_NAME.match(w))


def _ends_sentence(w: str) -> bool:
    """A word whose full stop ends a sentence ("Secretary.", "1932."), not an abbreviation ("St.", "N.", "No.")."""
    return w.endswith(".") and (len(w.rstrip(".")) > 3 or w[0].isdigit())


def _name_before(text: str, head_start: int) -> int | None:
    """Where the capitalised name that ends at this head word starts (None: no name before it)."""
    # the line's start, looked for only as far back as the name may reach (not through a long paragraph)
    line_start = max(text.rfind("\n", max(0, head_start - 120), head_start) + 1, head_start - 120)
    tokens = list(_WORD.finditer(text, line_start, head_start))
    start, named = None, 0
    for tok in reversed(tokens):
        w = tok.group(0)
        gap = text[tok.end():start if start is not None else head_start]
        if gap.strip(" \t"):  # punctuation between the words ends the name
            break
        if _ends_sentence(w) or named >= MAX_NAME_WORDS:
            break
        if _is_name_word(w):
            start, named = tok.start(), named + 1
        elif w.lower() in _CONNECTORS and named:
            start = tok.start()
        else:
            break
    if start is None:
        return None
    # the name starts with a name word, not a connector or a sentence's "The", "At"
    for tok in _WORD.finditer(text, start, head_start):
        w = tok.group(0)
        if w.lower() in _CONNECTORS or w.lower() in _NOT_FIRST:
            start = None
            continue
        return tok.start()
    return None


def _name_after(text: str, prefix_end: int) -> int | None:
    """Where a name after a street prefix ends ("Rue Casa Calvo", "Hotel Kyjev")."""
    end, n = None, 0
    pos = prefix_end
    for tok in _WORD.finditer(text, prefix_end, min(len(text), prefix_end + 80)):
        if text[pos:tok.start()].strip(" \t"):
            break
        w = tok.group(0)
        if _is_name_word(w) and n < MAX_NAME_WORDS:
            end, n = tok.end(), n + 1
            if _ends_sentence(w):
                end -= 1
                break
        elif not (w.lower() in _CONNECTORS or w.lower().startswith(("d'", "d\u2019"))):
            break
        pos = tok.end()
    return end


def _site_word_finder() -> ahocorasick.Automaton:
    finder = ahocorasick.Automaton()
    for word in _SITE_WORDS:
        finder.add_word(word, len(word))
    finder.make_automaton()
    return finder


_SITE_WORD_FINDER = _site_word_finder()


def site_words(text: str) -> list[re.Match]:
    """The _CAP_WORD words of the text that can open or end a site's name, in text order.

    One in seventy capitalised words is one: their spellings are found in one pass of an automaton (a
    scan of every capitalised word costs half as much again) and each place read by _CAP_WORD itself,
    so the words are exactly those such a scan would meet. The automaton reports them by their end;
    _CAP_WORD words never overlap, so that is their order in the text."""
    hits = []
    for last, length in _SITE_WORD_FINDER.iter(text):
        hit = _CAP_WORD.match(text, last + 1 - length)
        if hit is not None and hit.end() == last + 1:
            hits.append(hit)
    return hits


def find_site_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each street or building name in the text, in text order."""
    spans = []
    for hit in site_words(text):
        word, head_end = hit.group(0), hit.end()
        # a headland word after a capitalised word ends that name ("Sandy Point Marina", "Western Cape
        # Police"): it starts none
        if word in _PREFIX_WORDS and not (word.lower() in NATURAL and _CAP_BEFORE.search(text, max(0, hit.start() - 40), hit.start())):
            end = _name_after(text, head_end)
            if end is not None:
                kind = "other" if word.lower() in NATURAL else "facility" if word.lower() in ("hotel", "h\u00f4tel") else "road"
                spans.append((hit.start(), end, kind))
                continue
        head = word.lower()
        if head not in HEADS:
            head = _ABBREVIATED.get(word)
            if head is None:
                continue
            if text.startswith(".", head_end):
                head_end += 1
            elif word == "St":
                continue
            if word == "St" and _SAINT_AFTER.match(text, head_end):
                continue
        start = _name_before(text, hit.start())
        if start is None:
            continue
        name_words = text[start:hit.start()].split()
        first = name_words[0].lower().rstrip(".")
        if first in _HONORIFICS and len(name_words) == 1:  # "President Park"
            continue
        if any(w.lower().rstrip(".") in _ORG_HEADS for w in name_words):  # "Abuja Chamber of Commerce Hall"
            continue
        if head in ("centre", "center") and (
                _FOR_AFTER.match(text, head_end) or any(w.lower() in _INSTITUTION for w in name_words)):
            continue  # "Al Mezan Center for Human Rights", "Pew Research Center": an institution
        spans.append((start, head_end, "road" if head in STREET_HEADS else "other" if head in NATURAL else "facility"))
    spans += [(start, end, "road") for start, end in find_road_numbers(text)]
    spans += parts_of_town(text)
    spans.sort()
    out: list[tuple[int, int, str]] = []
    for s in spans:  # the first and longest of overlapping names
        if out and s[0] < out[-1][1]:
            if s[1] - s[0] > out[-1][1] - out[-1][0]:
                out[-1] = s
            continue
        out.append(s)
    return out


__all__ = ["HEADS", "PART_OF_TOWN_KINDS", "STREET_HEADS", "find_site_spans"]
