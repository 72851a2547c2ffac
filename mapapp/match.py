"""Recognition: find every gazetteer name in a text.

One Aho-Corasick automaton over every name key finds all candidate spans in a
single pass; the rules that follow are explicit, in the order they apply
(the model is spaCy's EntityRuler: match, then annotate):

1. word boundaries: a span starts and ends at a word edge;
2. case: a name is written as a name ("Rafah", not "rafah"; "US" not "us");
3. longest match wins among overlapping spans ("Gaza City" over "Gaza"),
   and names of organisations and works that contain a place name
   ("The Jerusalem Post", "White House") win over the place inside them;
4. guards against people ("Israel Katz", "Michael Jordan") and common words
   that are also place names ("Police", "Mission") are left to resolution,
   which sees the candidates and the context.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ahocorasick

from mapapp import match_cache
from mapapp.longest_first import longest_first
from mapapp.lexicon import entries, words
from mapapp.wordre import alternation
from mapapp.match_form import match_form
from mapapp.model import Match
from mapapp.normalize import _INVISIBLE_RE, Normalised, name_key, normalise
from mapapp.skip_words import SkipWords

if TYPE_CHECKING:
    from mapapp.gazetteer import Gazetteer

# Names that contain a place name but are not places: organisations, media,
# teams, buildings standing for institutions. Matched like places so that the
# longest-match rule lets them swallow the place inside; then dropped.
NON_PLACE_NAMES = entries("non_place_names")
_NON_PLACE = "\x00non-place"

# Generic words that news writes in lower case inside a name ("Gaza strip", "Netzarim corridor").
GENERIC_WORDS = words("place_words", where="lower_case")
LOWER_CONNECTORS = words("lower_connectors")


def _pattern(key: str) -> str:
    """A key as the automaton holds it: between spaces, so a hit starts and ends at a word edge and
    the automaton never reports the prefixes of longer words ("of" in "offer": 7 hits in 10 were those)."""
    return " " + match_form(key) + " "


@dataclass
class _Key:
    key: str
    form_len: int
    exact_forms: frozenset[str] | None  # surfaces that must match exactly (abbreviations)


class Matcher:
    """All gazetteer names, compiled into one automaton."""

    def __init__(self, gazetteer: Gazetteer, *, extra_non_places: tuple[str, ...] = ()):
        self.gazetteer = gazetteer
        self._non_place_names = NON_PLACE_NAMES + tuple(extra_non_places)
        # A compiled gazetteer's matcher is kept beside it (match_cache), built by this code from the same names.
        saved = None if extra_non_places else match_cache.folder_for(gazetteer)
        loaded = None if saved is None else match_cache.load(saved, _Key)
        if loaded is not None:
            self._keys, self._automaton = loaded
            return
        self._keys: list[_Key] = []
        self._automaton = ahocorasick.Automaton()
        exact = _abbreviation_forms(gazetteer)
        seen: dict[str, int] = {}
        for key, _ids in gazetteer.keys():
            form = _pattern(key)
            if form.strip() == "" or form in seen:
                continue
            seen[form] = len(self._keys)
            self._keys.append(_Key(key, len(form), exact.get(key)))
            self._automaton.add_word(form, seen[form])
        for name in self._non_place_names:
            form = _pattern(name_key(name))
            idx = seen.get(form)
            if idx is None:
                seen[form] = len(self._keys)
                self._keys.append(_Key(_NON_PLACE, len(form), None))
                self._automaton.add_word(form, seen[form])
            else:
                self._keys[idx] = _Key(_NON_PLACE, len(form), None)
        self._automaton.make_automaton()
        if saved is not None:
            match_cache.save(saved, self._keys, self._automaton)

    def _lower_ok(self, idx: int) -> bool:
        """May this key's name start with a lower-case word ("al-Mawasi", "the Strip")?"""
        ok = self._lower_ok_cache.get(idx)
        if ok is None:
            first = self._keys[idx].key.split(" ", 1)[0]
            ok = self._lower_ok_cache[idx] = first in LOWER_CONNECTORS or first == "the"
        return ok

    @functools.cached_property
    def _skip(self) -> SkipWords:
        """The lower-case words no accepted span can hold (mapapp/skip_words.py), made once (in the CLI's
        parent, before the workers fork) from the words the case rule lets through in lower case."""
        exact = getattr(self._keys, "exact_forms", None)
        forms = exact() if exact is not None else [k.exact_forms for k in self._keys if k.exact_forms is not None]
        return SkipWords.from_rules((*LOWER_CONNECTORS, *GENERIC_WORDS, "the"),
                                    [name_key(n) for n in self._non_place_names], forms)

    @functools.cached_property
    def _lower_ok_cache(self) -> dict[int, bool]:
        return {}

    @functools.cached_property
    def _written_as_name(self) -> dict[tuple[int, str], bool]:
        return {}

    @functools.cached_property
    def _ids(self):
        """Place ids by name key, remembered: the same names recur across a corpus."""
        return functools.lru_cache(maxsize=200_000)(
            lambda key: tuple(p.id for p in self.gazetteer.candidates_for_key(key))
        )

    def find(self, text: str) -> list[Match]:
        """Every place-name span in the text, non-overlapping, longest first, in text order."""
        # Case is checked before the longest match is chosen, so a lowercase
        # "the West Bank" does not hide the name "West Bank" inside it.
        spans = self._written_spans(text, normalise(text))
        out = []
        found = self._found
        for o_start, o_end, idx in longest_first(spans, self._form_len):
            hit = found.get(idx)
            if hit is None:  # the key's name and places, read once a key (a non-place has none)
                key = self._keys[idx].key
                hit = found[idx] = (key, () if key == _NON_PLACE else self._ids(key))
            key, ids = hit
            if not ids:
                continue
            if text[o_start] in "tT":
                o_start = _drop_leading_the(text, o_start, o_end)
            out.append(Match(o_start, o_end, text[o_start:o_end], key, ids))
        return out

    @functools.cached_property
    def _found(self) -> dict[int, tuple[str, tuple[str, ...]]]:
        return {}

    def _written_spans(self, text: str, norm: Normalised) -> list[tuple[int, int, int]]:
        """The automaton's spans that are written as names, in the text's offsets, with their key indices."""
        mtext = " " + match_form(norm.text) + "  "  # a key ending in a separator ("u s ") has its own space
        index, ntext, keys, written_as_name = norm._index, norm.text, self._keys, self._written_as_name
        if index is None:  # the words no accepted span can hold, hidden: spares walking them and their hits
            mtext = self._skip.hide(text, mtext, 1)
        # This loop runs once per automaton hit (~0.04 a character): lookups are hoisted,
        # form lengths read from an array, verdicts from dicts before any call.
        form_len, lower_ok_known, lower_ok = self._form_len, self._lower_ok_cache, self._lower_ok
        spans = []
        for end_idx, idx in self._automaton.iter(mtext):
            # mtext is the text after one space; a pattern is its key between spaces
            start = end_idx - form_len[idx] + 1
            o_start = start if index is None else index[start]
            # Most hits are ordinary lower-case words, which the case rule rejects anyway;
            # dropping them here spares the rest of the work (names may start with al-/the).
            if text[o_start].islower():
                ok = lower_ok_known.get(idx)
                if not (lower_ok(idx) if ok is None else ok):
                    continue
            end = end_idx - 1
            # trim trailing separators that a key like "u s " carries
            while end > start and ntext[end - 1] in " .":
                if ntext[end - 1] == "." and keys[idx].key.endswith("."):
                    break
                end -= 1
            o_end = end if index is None else index[end - 1] + 1
            # Whether a surface is written as a name depends on the surface and the key alone.
            surface = text[o_start:o_end]
            ok = written_as_name.get((idx, surface))
            if ok is None:
                key = keys[idx]
                ok = key.key == _NON_PLACE or _looks_like_name(surface, key)
                if len(written_as_name) > 200_000:
                    written_as_name.clear()
                written_as_name[(idx, surface)] = ok
            if ok or (len(surface) >= 4 and surface.isupper() and _dateline(text, o_start, o_end)):
                spans.append((o_start, o_end, idx))
        return spans

    @functools.cached_property
    def _form_len(self):
        """Each key's form length by index (the compiled keys read theirs from a column, no per-key objects)."""
        lengths = getattr(self._keys, "form_lengths", None)
        return lengths() if lengths is not None else [k.form_len for k in self._keys]


def _abbreviation_forms(gazetteer: Gazetteer) -> dict[str, frozenset[str]]:
    """Keys of short or all-capital names, with the exact surfaces they may take."""
    forms: dict[str, set[str]] = {}
    for place in gazetteer:
        for n in place.names or (place.name,):
            letters = [c for c in n if c.isalpha()]
            if not letters:
                continue
            if len(letters) <= 3 or (n.isupper() and len(letters) <= 5):
                forms.setdefault(name_key(n), set()).add(n)
    return {k: frozenset(v) for k, v in forms.items()}


_TOKEN_SPLIT = re.compile(r"[\s\-\u2010\u2011\u2013\u2014]+")
# The Arabic article, lower case and hyphened to a capitalised word, opens a name as written ("al-Shifa Hospital",
# "el-Arish", "ash-Shati"): the name is the whole, not the part after the hyphen.
_ARTICLE_OPENS = re.compile(r"%s[-\u2010\u2011][A-Z\u00c0-\u00de]" % alternation(entries("arabic_articles")))


def _looks_like_name(surface: str, key: _Key) -> bool:
    """Written as a name: capitalised words (connectors and generic words such as "strip" may be lower case)."""
    surface = _INVISIBLE_RE.sub("", surface)  # "a\u200bl-Balah" is the connector "al" as read
    if key.exact_forms is not None:
        return surface.replace("\u2019", "'") in key.exact_forms or surface.rstrip(".") in key.exact_forms
    tokens = [t for t in _TOKEN_SPLIT.split(surface) if t]
    if not tokens:
        return False
    if len(tokens) > 1 and tokens[0] in ("the", "The"):
        tokens = tokens[1:]
    first = tokens[0].lstrip("'\u2018\u2019\"")
    # islower, not 'not isupper': Arabic and Hebrew letters have no case and are always written as names.
    if not first or (first[0].islower() and not _ARTICLE_OPENS.match(surface.lstrip("'\u2018\u2019\""))):
        return False
    # An all-capital short word is an acronym: only a known abbreviation of the place may match it.
    letters = [c for c in surface if c.isalpha()]
    if len(tokens) == 1 and len(letters) <= 5 and surface.isupper():
        return False
    for tok in tokens[1:]:
        t = tok.lstrip("'\u2018\u2019\"(")
        if t and t[0].islower() and t.lower() not in LOWER_CONNECTORS | GENERIC_WORDS:
            return False
    return True


# A dateline opens a line with its place in capitals, then a comma, the agency or a dash: "CAIRO -",
# "GAZA (Reuters) -", "RAFAH, Gaza Strip"; a story filed from two places names both: "WASHINGTON/CAIRO,".
# There a short capitalised word is the place, not an acronym.
_DATELINE_AFTER = re.compile(r"[ \t]*(?:,|\(|-|\u2013|\u2014|/[A-Z])")
_DATELINE_BEFORE = re.compile(r"(?:[A-Z][A-Z .'\u2019-]*/)+")


def _dateline(text: str, start: int, end: int) -> bool:
    if _DATELINE_AFTER.match(text, end) is None:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return start == line_start or _DATELINE_BEFORE.fullmatch(text, line_start, start) is not None


def _drop_leading_the(text: str, start: int, end: int) -> int:
    """'the West Bank' -> 'West Bank'; but 'the Strip' keeps its 'the' (the name is the phrase)."""
    if text[start : start + 4].lower() != "the " or end - start <= 4:
        return start
    rest = text[start + 4 : end].split()
    if len(rest) == 1 and rest[0].lower() in GENERIC_WORDS:
        return start
    return start + 4
