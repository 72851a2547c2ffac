"""Literal or stand-in use: is a name the place itself, or the government, people or event?

"Israel agreed", "Washington said", "Israel's plans", "US president" use the
name for an actor or as a title; "in Gaza", "fires missiles at Israel",
"Israel's borders" use it for the territory. The rules read the words right
around the name; they apply to the kinds of place that can act (countries,
cities, regions), and every other kind is literal.
"""
from __future__ import annotations

import re

from mapapp.wordre import alternation, reads_backwards, reversed_alternation

ACTOR_KINDS = {"country", "city", "town", "admin1", "region", "continent"}

# A verb right after the name makes it an actor.
_AGENT_VERBS = (
    "said says say agreed agrees announced announces has have had will would should must can could "
    "is was were are wants wanted needs needed threatened threatens demanded demands insisted insists "
    "refused refuses rejected rejects accused accuses launched launches supports supported backed backs "
    "continues continued claims claimed denied denies warned warns vowed vows signed signs approved approves "
    "voted votes recognised recognized recognises recognizes expects expected plans planned hopes hoped "
    "sent sends imposed imposes allowed allows blocked blocks urged urges called calls declared declares "
    "ordered orders pledged pledges offered offers decided decides condemned condemns killed kills "
    "bombed bombs struck strikes attacked attacks invaded invades committed commits responded responds "
    "told tells asked asks sought seeks agreed helped helps gave gives took takes won wins lost "
    "believes believed argued argues maintains maintained funds funded armed arms deployed deploys"
).split()
_AGENT_RE = re.compile(r"^\s*(?:,\s*[^,]{1,40},\s*)?%s\b" % alternation(_AGENT_VERBS), re.I)

# A noun right after the name (or after its possessive) that makes the name a modifier or title.
_ASSOCIATIVE = (
    "president presidents prime premier minister ministers ministry secretary government governments "
    "officials official administration army military forces troops soldiers navy air embassy ambassador "
    "envoy bases base empire regime authorities leaders leader leadership diplomats diplomat delegation "
    "representatives policy policies sanctions aid weapons arms allies ally intelligence parliament "
    "congress senate court courts state department negotiators mediators team national citizens "
    "companies company media press officers police position demands plans plan support backing "
    "occupation war aggression genocide strategy interests economy people population representative"
).split()
_ASSOC_RE = re.compile(r"^(?:['\u2019]s)?\s+(?:-?\s*)?%s\b" % alternation(_ASSOCIATIVE), re.I)
_PHYSICAL_AFTER_POSSESSIVE = re.compile(
    r"^['\u2019]s\s+(?:\w+\s+)?(?:border|borders|north|south|east|west|coast|coastline|territory|"
    r"land|soil|airspace|waters|capital|cities|towns|villages|streets|hospitals|camps|population centres|"
    r"interior|outskirts|heart|centre|center|edge|side|frontier)\b",
    re.I,
)
# The rules as written, each a pattern that must end where the text before the name ends;
# `is_literal` asks their mirror images (mapapp/wordre.py), which answer the same, faster.
_LOCATIVE_WORDS = (
    "in at near into inside across throughout around within outside from to towards toward through over off"
).split() + ["of northern", "of southern", "north of", "south of", "east of", "west of"]
_LOCATIVE_BEFORE = re.compile(r"\b(?:%s)\s+(?:the\s+)?$" % "|".join(_LOCATIVE_WORDS), re.I)
_LOCATIVE_BEFORE_REVERSED = re.compile(r"(?:\s+eht)?\s+%s\b" % reversed_alternation(_LOCATIVE_WORDS), re.I)
_ACTOR_WORDS = (
    "solidarity with|support for|pressure on|pressured|urged|urging|coercing|coerce|allies of|ally of|"
    "backed by|supported by|funded by|armed by|sanctions on|negotiations with|talks with|deal with|"
    "agreement with|relations with|ties with|war with|by|against|between"
).split("|")
_BEFORE_ACTOR = re.compile(r"(?:%s)\s+$" % "|".join(_ACTOR_WORDS), re.I)
_BEFORE_ACTOR_REVERSED = re.compile(r"\s+%s" % reversed_alternation(_ACTOR_WORDS), re.I)


_POSSESSIVE = re.compile(r"^['\u2019]s\s+\w")


def is_literal(text: str, start: int, end: int, kind: str) -> bool:
    """True for the place itself; False when it stands for a government, people or event."""
    if kind not in ACTOR_KINDS:
        return True
    after = text[end : end + 60]
    if _PHYSICAL_AFTER_POSSESSIVE.match(after):
        return True
    if _POSSESSIVE.match(after):
        return False
    if _ASSOC_RE.match(after):
        return False
    before = text[max(0, start - 40) : start]
    # A place word before the name ("in Israel said...") keeps it literal even before a verb.
    if reads_backwards(_LOCATIVE_BEFORE_REVERSED, before):
        return True
    if _AGENT_RE.match(after) or reads_backwards(_BEFORE_ACTOR_REVERSED, before):
        return False
    return True
