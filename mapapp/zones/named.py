"""Named zones the matcher alone does not find: a bare place name standing for its zone, and zones
named by a common phrase in lower case.

- A corridor named after a settlement (feature property ``bare_name``) is what a bare mention of
  that settlement means where the article speaks of the corridor by name, or where the sentence is
  about troops and crossings: "troops withdrew from Netzarim" is the corridor, not the old village.
- A zone news writes in lower case (``common_phrase``: "the yellow line") is found in any case;
  its span takes the leading "the" and the quotes around it, as readers quote the phrase.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from operator import attrgetter

from mapapp.model import Mention
from mapapp.zones._common import ZoneFacts, as_place

_BY_START = attrgetter("start")
# Words that make a sentence about a military zone rather than the place it is named after.
ZONE_CONTEXT = re.compile(r"withdr|troops|forces|army|military|cross|corridor|axis|checkpoint", re.I)
ZONE_NOUNS = ("corridor", "axis", "line", "road", "route")
OPEN_QUOTES, CLOSE_QUOTES = "‘“'\"", "’”'\""


def bare_names(text: str, mentions: list[Mention], facts: ZoneFacts) -> list[Mention]:
    """Bare mentions of a place a zone is named after, turned into that zone where the text is about it."""
    if not facts.bare_names:
        return mentions
    about: dict[str, bool] = {}  # read from the whole text only for an article with such a bare name
    out = []
    for m in mentions:
        zone = facts.bare_names.get(m.place_id)
        if zone is not None and not text[m.end:m.end + 12].lower().strip().startswith(ZONE_NOUNS):
            if m.surface not in about:
                about[m.surface] = re.search(re.escape(m.surface) + r"\s+(?:" + "|".join(ZONE_NOUNS) + ")", text,
                                             re.I) is not None
            start = max(0, text.rfind(".", 0, m.start))
            end = text.find(".", m.end)
            if about[m.surface] or ZONE_CONTEXT.search(text[start:end if end >= 0 else len(text)]):
                m = as_place(m, zone, rule="bare-name", basis=m.place_id)
        out.append(m)
    return out


@lru_cache(maxsize=64)
def _phrase_pattern(names: tuple[str, ...]) -> tuple[tuple[str, ...], re.Pattern]:
    """The zone's names as one case-blind pattern, and the first words one of them must start with."""
    forms = sorted({re.sub(r"^the\s+", "", n.lower()) for n in names}, key=len, reverse=True)
    return tuple({f.split()[0] for f in forms}), re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b", re.I)


def phrase_hits(text: str, names: tuple[str, ...]) -> list[re.Match]:
    """Where the text uses one of these names, in any case. Most articles never do, and a first word
    missing from the lower-cased text says so faster than the pattern (tests/test_zones_patterns.py
    checks the two agree, odd case folds such as 'İ' and 'ſ' included)."""
    words, pattern = _phrase_pattern(names)
    lowered = text.lower()
    return list(pattern.finditer(text)) if any(w in lowered for w in words) else []


def phrase_zones(text: str, mentions: list[Mention], facts: ZoneFacts) -> list[Mention]:
    """Zones named by a common phrase, found in any case where no mention covers them; spans widened."""
    out = list(mentions)
    template = out[0] if out else None
    for zone in facts.phrase_zones:
        if template is None or any(m.place_id == zone.id for m in out):
            continue
        for hit in phrase_hits(text, zone.names):
            if not any(m.start < hit.end() and hit.start() < m.end for m in out):
                out.append(as_place(template, zone, start=hit.start(), end=hit.end(), surface=hit.group(0),
                                    confidence=0.9, literal=True, rule="named", basis="", phrase=""))
    ids = {z.id for z in facts.phrase_zones}
    return sorted((_widened(text, m) if m.place_id in ids else m for m in out), key=_BY_START)


def _widened(text: str, m: Mention) -> Mention:
    s, e = m.start, m.end
    if s and text[s - 1] in OPEN_QUOTES and e < len(text) and text[e] in CLOSE_QUOTES:
        s, e = s - 1, e + 1
    if text[max(0, s - 4):s].lower() == "the ":
        s -= 4
    return replace(m, start=s, end=e, surface=text[s:e])
