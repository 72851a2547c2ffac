"""Text cues around a matched name: who or what it names, and where the text puts it.

Guards read the words next to a match: a person ("Israel Katz", "Michael Jordan"),
a street or building named after a place ("Kingsley Road", "Rogers Centre"), a
word inside a longer name the gazetteer does not know ("Northwest Cancer
Centre"). Bonuses read containment ("Rafah, in southern Gaza", "Tacoma,
Washington") and city cues ("the mayor of Gaza"). Resolution (resolve.py)
decides with them.
"""
from __future__ import annotations

import re
from functools import lru_cache

import shapely
from shapely.geometry import Point

from mapapp.gazetteer import Gazetteer
from mapapp.model import Match, Place
from mapapp.normalize import name_key

HONORIFICS = frozenset(
    "mr mrs ms miss dr sir lord lady president senator sen rep gov governor general gen minister king queen "
    "prince princess sheikh emir judge justice pope saint st officer sgt lt col capt cpt coach".split()
)
# Words after a name that make it part of a larger name of a place (kept) rather than a person.
GEO_WORDS = frozenset(
    "city town village camp strip bank river sea ocean gulf bay lake valley mountains mountain hills desert "
    "province governorate district county state region island islands peninsula coast border crossing "
    "corridor road street square airport port harbour harbor hospital university mosque church".split()
)


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z\u00C0-\u024F][\w\-]*)")
_LAST_WORD = re.compile(r"([A-Za-z\u00C0-\u024F][\w\-]*)\.?$")


# The guards ask for the words around each match several times; a text's hash is cached
# by Python, so remembering (text, offset) answers is cheap.
@lru_cache(maxsize=4096)
def _next_word(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text, end, end + 40)
    return m.group(1) if m else ""


@lru_cache(maxsize=4096)
def _prev_word(text: str, start: int) -> str:
    chunk = text[max(0, start - 40) : start]
    stripped = chunk.rstrip(" \t")
    if not stripped or len(stripped) == len(chunk):
        return ""
    # the word cannot span a space, so only what follows the last one matters
    m = _LAST_WORD.search(stripped, max(stripped.rfind(" "), stripped.rfind("\t")) + 1)
    return m.group(1) if m else ""


def is_person(gazetteer: Gazetteer, text: str, m: Match) -> bool:
    """'Israel Katz', 'Michael Jordan', 'President Lincoln' are people."""
    nxt = _next_word(text, m.end)
    one_word = len(m.surface.split()) == 1  # a first name is one word: "the Holy See Mikayel..." is no person
    if one_word and nxt and nxt[0].isupper() and not nxt.isupper() and nxt.lower() not in GEO_WORDS:
        if zipf(nxt.lower()) < 4.0 and not _sentence_break_between(text, m.end) and not gazetteer.candidates(nxt):
            return True
        if (m.surface.lower() in first_names() and not _sentence_break_between(text, m.end)
                and not any(is_large_place(c) and name_key(c.name) == m.key for c in gazetteer.candidates(m.surface))):
            # "Michael Jordan": a first name that is only a small place, then a name. A large place
            # counts only by its own name: "Ben" is also listed for Bern, and "Ben Cousins" is a man.
            return True
        if (m.surface.lower() in first_names() and not _sentence_break_between(text, m.end) and zipf(nxt.lower()) < 4.0
                and not any(is_large_place(c) for c in gazetteer.candidates(nxt))):
            return True  # "Victoria Rowell": a first name, then a surname that is at most a small place
    prev = _prev_word(text, m.start)
    if prev and prev.lower().rstrip(".") in HONORIFICS and prev[0].isupper():
        return True
    # "Michael Jordan", "Chad Israel": a first name before a one-word place makes a person, unless
    # the first name is itself a large place ("Jordan Israel border", "Austin Texas").
    if after_first_name(gazetteer, text, m):
        return True
    if _after_full_stop(text, m.start):  # "...Beit Lahia. Jabalia and Gaza City": a new sentence
        return False
    if prev and prev[0].isupper() and not prev.isupper() and not sentence_initial(text, m.start - len(prev) - 1):
        if zipf(prev.lower()) < 3.0 and not text[m.start - 2 : m.start].strip(" ").endswith((",", ";")):
            # a large place before it is an address without its comma ("Maiduguri Borno State"), not a first name
            return not any(is_large_place(c) for c in gazetteer.candidates(prev))
    return False


# Census first names that are far more often ordinary words at the start of a sentence or a headline
# ("Will Jordan join?", "Mark Israel's...", "Hope Gaza...").
_WORD_NOT_NAME = frozenset(
    "will may mark bill grant hope june april august art guy joy faith summer chase miles rich dawn eve ray "
    "don sky major young king long white brown green grant page price love lucky hunter ward mason "
    "christian".split()
)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """First names from the US Census 1990 lists (PyPI names; public-domain data), lowercased."""
    from importlib.resources import files

    found = set()
    for table in ("dist.male.first", "dist.female.first"):
        for line in (files("names") / table).read_text(encoding="ascii").splitlines():
            if line.strip():
                found.add(line.split()[0].lower())
    # The lists hold a few function words too ("In"); the commonest English words are never read as names.
    return frozenset(n for n in found - _WORD_NOT_NAME if zipf(n) < 5.5)


def after_first_name(gazetteer: Gazetteer, text: str, m: Match) -> bool:
    """'Jose Bautista': a one-word name right after a first name is a surname, unless that first name is a
    large place. The resolver remembers such surnames, so the article's later bare 'Bautista' is the person too."""
    if len(m.surface.split()) != 1:
        return False
    prev = _prev_word(text, m.start)
    if not (prev and prev[0].isupper() and not prev.isupper() and prev.lower() in first_names()
            and not _after_full_stop(text, m.start)):
        return False
    # A first name that is also a large place ("Victoria", "Jordan") still makes a person of a small
    # place after it ("Victoria Rowell"), but not of a large one ("Jordan Israel border").
    return (not any(is_large_place(c) for c in gazetteer.candidates(prev))
            or not any(is_large_place(c) for c in gazetteer.candidates(m.surface)))


def large_subdivision(p: Place, people: int) -> bool:
    """Is this admin1 at least ``people`` strong? US states carry no population figure (their rows come
    with Census shapes, not city sums) and all count as large; the Isle of Man's sheading "Michael" is small."""
    return p.country == "US" or p.population >= people


def is_large_place(p: Place) -> bool:
    if p.layer != "world" or p.kind in ("country", "region", "governorate"):
        return True
    return large_subdivision(p, 100_000) if p.kind == "admin1" else p.population >= 100_000


STRUCTURE_WORDS = frozenset(
    "road street st avenue ave drive dr lane boulevard blvd place way terrace crescent court parade highway "
    "centre center castle hotel plantation canal farm farms chapel church cathedral mosque temple stadium arena "
    "theatre theater mall hall park gardens campus hospital clinic school college university airport station "
    "bridge tower towers building prison racecourse circuit estate club company".split()
)
STRUCTURE_PREFIXES = frozenset("hotel hôtel rue via calle avenida".split())
# Capitalised words that come before a place name as part of the place's own description.
PLACE_PREFIXES = frozenset(
    "north south east west northern southern eastern western central upper lower greater new old "
    "lake mount mt fort port cape camp st saint san santa the downtown metro metropolitan inner outer "
    "occupied besieged rural urban coastal northeast northwest southeast southwest".split()
)


def names_a_structure(text: str, m: Match) -> bool:
    nxt = _next_word(text, m.end)
    if nxt and nxt[0].isupper() and nxt.lower().rstrip(".") in STRUCTURE_WORDS:
        return True
    prev = _prev_word(text, m.start)
    return bool(prev) and prev[0].isupper() and prev.lower() in STRUCTURE_PREFIXES


def inside_larger_name(gazetteer: Gazetteer, text: str, m: Match) -> bool:
    """'Northwest Cancer Centre', 'Nile Delta': a one-word name right after a capitalised word
    that is not itself a place or a direction belongs to a longer name the gazetteer does not know."""
    prev = _prev_word(text, m.start)
    if not prev or not prev[0].isupper() or prev.isupper() or _after_full_stop(text, m.start):
        return False
    if prev.lower() in PLACE_PREFIXES or prev.lower() in LOWER_OK_BEFORE:
        return False
    if sentence_initial(text, m.start - len(prev) - 1) and zipf(prev.lower()) >= 4.5:
        return False  # "In Gaza", "After Rafah": a sentence's first word
    # A common word ("Centre", "Gulf", "Valley") after a capitalised word ends a longer name
    # ("Rogers Centre") even when that word is itself a place.
    return zipf(m.surface.lower()) >= 4.5 or not gazetteer.candidates(prev)


# Function words never start a proper name, even when a missing full stop leaves them capitalised
# mid-sentence ("six minutes late After Paris, London is...").
LOWER_OK_BEFORE = frozenset("in at from to of and or near via across after before since until during while "
                            "when outside inside into toward towards between beyond within throughout around".split())


_FULL_STOP_BEFORE = re.compile(r"[.!?][\"'\u201d\u2019)]*[ \t]+$")


def _after_full_stop(text: str, start: int) -> bool:
    return bool(_FULL_STOP_BEFORE.search(text, max(0, start - 6), start))


_BREAK = re.compile(r"\s*[.!?;:,]")


def _sentence_break_between(text: str, end: int) -> bool:
    return bool(_BREAK.match(text, end, end + 3))


def sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" \t\"'\u201c\u2018(")
    return before == "" or before[-1] in ".!?\n:"


_CITY_CUES = re.compile(r"(?:mayor|municipality|city|centre|center|downtown|streets) of\s+$", re.I)


def city_if_context_says_city(gazetteer: Gazetteer, text: str, m: Match, best: Place) -> Place:
    """'the mayor of Gaza' is Gaza City: follow the English 'X City' naming when the context says city."""
    if best.kind not in ("region", "governorate", "country", "admin1"):
        return best
    before = text[max(0, m.start - 30) : m.start]
    after = text[m.end : m.end + 14].lower()
    if _CITY_CUES.search(before) or after.startswith((" municipality", " city council")):
        for p in gazetteer.candidates(m.surface + " City"):
            if p.kind in ("city", "town"):
                return p
    return best


_CONTAINER_RE = re.compile(r"\s*,\s*(in\s+)?(?:the\s+)?([A-Z][\w\u2019' \-]{1,40})")
_DIRECTION_WORD = re.compile(r"^(?:northern|southern|eastern|western|central)\s+", re.I)


# "Washington, New York and Boston" is a list of three places, not Washington in New York:
# a comma pair is read as place-and-container only when no further item follows or precedes it.
_LIST_AFTER = re.compile(r"(?:[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)[A-Z]")
_LIST_BEFORE = re.compile(r",[ \t]*$")


def _list_after(text: str, end: int) -> bool:
    return bool(_LIST_AFTER.match(text, end, end + 8))


def _list_before(text: str, start: int) -> bool:
    return bool(_LIST_BEFORE.search(text, max(0, start - 4), start))


@lru_cache(maxsize=4096)
def _container_names(text: str, end: int, in_list: bool = False) -> tuple[str, ...]:
    """The names that may follow a match after a comma ('..., in southern Gaza'), longest first,
    leaving out any that is an item of a list ('Washington, New York and Boston')."""
    hit = _CONTAINER_RE.match(text, end, end + 48)
    if not hit:
        return ()
    words = hit.group(2).split()
    names = []
    for n in range(min(4, len(words)), 0, -1):
        name_end = hit.start(2) + len(" ".join(words[:n]))
        if hit.group(1) or not (in_list or _list_after(text, name_end)):  # ", in Y" is containment even in a list
            names.append(_DIRECTION_WORD.sub("", " ".join(words[:n])))
    return tuple(names)


def names_after_comma(text: str, m: Match) -> bool:
    """Is a name written after a comma right after the match? Without one, `containment_bonus` is 0 for every place."""
    return bool(_container_names(text, m.end))


def containment_bonus(gazetteer: Gazetteer, text: str, m: Match, p: Place) -> float:
    """'Rafah, in southern Gaza', 'Paris, Texas': a place after a comma names the container."""
    for name in _container_names(text, m.end, _list_before(text, m.start)):
        for c in gazetteer.candidates(name):
            if c.id == p.id:
                continue
            if c.kind == "country" and c.country and c.country == p.country:
                return 2.0
            if c.kind in ("admin1",) and c.admin1 and c.admin1 == p.admin1 and c.country == p.country:
                return 3.0
            if c.geometry is not None and c.geometry.geom_type in ("Polygon", "MultiPolygon"):
                if shapely.dwithin(c.geometry, Point(p.lon, p.lat), 0.02):
                    return 3.0
    return 0.0


_CONTAINED_RE = re.compile(r"([A-Z][\w\u2019'\-]*(?: [A-Z][\w\u2019'\-]*){0,3}),[ \t]*$")


@lru_cache(maxsize=4096)
def _contained_name(text: str, start: int) -> str:
    """The name before a comma right before a match ('Tacoma, ' before 'Washington'), unless a list item precedes it."""
    hit = _CONTAINED_RE.search(text, max(0, start - 48), start)
    if not hit or _list_before(text, hit.start(1)):
        return ""
    return hit.group(1)


def container_bonus(gazetteer: Gazetteer, text: str, m: Match, p: Place) -> float:
    """'Tacoma, Washington', 'Nelson, BC': a state or country after a comma contains the place before it."""
    if p.kind not in ("admin1", "admin2", "country"):
        return 0.0
    name = _contained_name(text, m.start)
    if not name or _list_after(text, m.end):
        return 0.0
    for c in gazetteer.candidates(name):
        if c.id == p.id or c.kind not in ("city", "town", "village", "admin2"):
            continue
        if p.kind == "country" and c.country == p.country:
            return 2.0
        if c.country == p.country and c.admin1 and c.admin1 == p.admin1:
            return 3.0
    return 0.0
