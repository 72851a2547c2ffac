"""Guards: drop matches that are not places at all.

People ("Israel Katz", "Michael Jordan"), streets and buildings named after a
place ("Kingsley Road"), a word inside a longer name the gazetteer does not
know ("Northwest Cancer Centre"), and common English words that happen to be
the name of a small place ("Police", "Mission").

What a guard needs to know about a name itself (its places, whether any is in
a curated layer, which of them are large enough to be what a common word
means) is the same wherever the name appears: it is worked out once per name
key (`_KeyFacts`) and only the cues in the text are read at each match.
"""
from __future__ import annotations

from mapapp.model import Match, Place
from mapapp.resolve.containment import containment_bonus, names_after_comma
from mapapp.resolve.cues import (
    after_first_name,
    inside_larger_name,
    is_large_place,
    is_person,
    large_subdivision,
    names_a_structure,
)
from mapapp.resolve.organisations import names_an_airline, names_an_organisation
from mapapp.resolve.people import article_people
from mapapp.resolve.text import next_word, prev_word, zipf

TOWN_KINDS = frozenset(("city", "town", "village"))
IMPORTANT_KINDS = {"country", "continent", "region", "water", "admin1", "governorate", "corridor", "line"}
_MAX_KEYS = 200_000  # names remembered; a corpus names far fewer


def _important(p: Place, capitals: frozenset[str] = frozenset()) -> bool:
    # A subdivision named by a common word is weighed by its people like a town ("Gulf", Papua New Guinea).
    if p.kind == "admin1":
        return large_subdivision(p, 1_000_000)
    return (
        p.kind in IMPORTANT_KINDS
        or p.layer != "world"
        or p.population >= 1_000_000
        or bool(p.extra.get("capital"))
        or p.id in capitals
    )


class _KeyFacts:
    """One name key's places and what the guards conclude from them alone."""

    __slots__ = ("ids", "places", "local", "countries", "large", "states", "zipf", "floor_ok", "all_ok",
                 "large_enough", "small_towns")

    def __init__(self, ids: tuple[str, ...], places: list[Place]):
        self.ids = ids
        self.places = places
        self.local = any(p.layer != "world" for p in places)
        self.countries = [p for p in places if p.kind in ("country", "continent")]
        self.large = any(map(is_large_place, places))  # a large place keeps its name from being a surname
        self.states = {(p.country, p.admin1) for p in places if p.kind == "admin1" and p.admin1}
        self.zipf: float | None = None  # how common the name is as a word (asked for one-word world names)
        self.floor_ok: list[bool] | None = None  # per place: large enough for the word's frequency
        self.all_ok = False  # every place is
        self.large_enough: list[Place] = []  # the places floor_ok keeps
        self.small_towns: dict[tuple[str, str], list[int]] = {}  # (country, admin1) -> the towns floor_ok drops


class Guards:
    def __init__(self, names, capitals: frozenset[str]):
        self.names = names  # the resolver's remembering gazetteer: get(id), candidates(name)
        self._capitals = capitals
        self._facts: dict[str, _KeyFacts] = {}
        self._surnames: set[str] = set()  # this article's "Bautista" after "Jose Bautista"
        self._states: set[tuple[str, str]] = set()
        # id(match) -> (match, `_floor` there, its facts): read once for the article, again by `places`
        self._floors: dict[int, tuple[Match, list[Place] | None, _KeyFacts]] = {}
        self._dead: set[str] = set()  # this article's names the floor leaves no place at any of their matches

    def new_article(self, text: str = "", matches: list[Match] = ()) -> None:
        """Forget the last article's people (a surname is a person only in the article that named him)
        and read this one's: a surname the article uses for a person anywhere is a person everywhere in it."""
        # The states and provinces the article names: a small town in one of them is what a common word
        # means there ("the prison in Shelby" in an article about Montana).
        facts = [self.facts(m) for m in matches]
        self._states = states = set()
        for f in facts:
            if f.states:
                states |= f.states
        # A name whose frequency floor keeps none of its places at any of its matches is no place in this
        # article, whoever it names: whether it is a surname changes nothing, so it is not asked.
        self._floors = {}
        live = set()
        for m, f in zip(matches, facts):
            kept = self._read_floor(text, m, f)
            self._floors[id(m)] = (m, kept, f)  # the match is kept too, so its id is not reused meanwhile
            if kept is None or kept:
                live.add(m.key)
        self._dead = {m.key for m in matches} - live
        people = [m for m in matches if m.key in live]
        self._surnames = article_people(text, people, self._small_world_name, self._known_word) if people else set()

    def _read_floor(self, text: str, m: Match, facts: _KeyFacts) -> list[Place] | None:
        """What a one-word world name's frequency leaves of its places here (None: the floor does not apply)."""
        if facts.local or len(m.surface.split()) != 1:
            return None
        z = facts.zipf
        if z is None:
            z = facts.zipf = zipf(m.key)
        return self._large_enough(text, m, facts, z) if z >= 2.5 else None

    @property
    def states(self) -> set[tuple[str, str]]:
        """(country, admin1) of each state or province a name in this article may stand for."""
        return self._states

    def _small_world_name(self, m: Match) -> bool:
        facts = self.facts(m)
        return not facts.local and not facts.large

    def _known_word(self, word: str) -> bool:
        return bool(self.names.candidates(word))

    def facts(self, m: Match) -> _KeyFacts:
        facts = self._facts.get(m.key)
        # The matcher hands the same tuple for a key; a Match made elsewhere may carry other ids.
        if facts is None or (facts.ids is not m.candidates and facts.ids != m.candidates):
            places = [p for p in (self.names.get(i) for i in m.candidates) if p is not None]
            if len(self._facts) > _MAX_KEYS:
                self._facts.clear()
            facts = self._facts[m.key] = _KeyFacts(m.candidates, places)
        return facts

    def places(self, text: str, m: Match) -> list[Place]:
        """The match's candidate places that survive the guards (empty: not a place)."""
        seen = self._floors.get(id(m))  # the article's own matches: their facts and floor are read already
        if seen is not None and seen[0] is not m:
            seen = None
        facts = self.facts(m) if seen is None else seen[2]
        cands, local = facts.places, facts.local
        n_tokens = len(m.surface.split())
        one_token = n_tokens == 1
        kept = None  # what a common word's frequency leaves of its places
        if one_token and not local:
            if m.key in self._surnames and not facts.large:
                return []  # "Bautista said", after "Jose Bautista" earlier in the article
            kept = self._read_floor(text, m, facts) if seen is None else seen[1]
            if kept is not None:
                if not kept:
                    # Each guard below keeps nothing or the name's countries, which are large enough for any
                    # word: nothing is left whichever answers, and the cues need not be read. Only the
                    # surname the person guard remembers counts (it is a person whenever it follows a first
                    # name), and only for a name that keeps a place at another of its matches.
                    if m.key not in self._dead and after_first_name(self.names, text, m, prev=prev_word(text, m.start)):
                        self._surnames.add(m.key)
                    return []
        # the words right around the name, read once for all the cues below
        prev, nxt = prev_word(text, m.start), next_word(text, m.end)
        # A curated name of several words stands whatever follows it: no need to ask.
        if not (local and n_tokens > 1) and is_person(self.names, text, m, prev=prev, nxt=nxt):
            if one_token and not local and after_first_name(self.names, text, m, prev=prev):
                self._surnames.add(m.key)
            return []
        if not local and names_an_airline(text, m):
            return []
        if not local and names_an_organisation(text, m, nxt=nxt):
            # "Maryland State Police", "Abuja Chamber of Commerce": an institution, not the place. A
            # country stays, as it does before a building: "US State Department" names it as a modifier.
            return facts.countries
        if not local and names_a_structure(text, m, prev=prev, nxt=nxt):
            # "Kingsley Road", "Rogers Centre", "Hotel Kyjev": a street or building named
            # after a place is not that place, and a pin there would mislead.
            return facts.countries
        if not local and one_token and inside_larger_name(self.names, text, m, prev=prev):
            return facts.countries
        return cands if kept is None else kept

    def _large_enough(self, text: str, m: Match, facts: _KeyFacts, z: float) -> list[Place]:
        """The places of a one-word name, a word of zipf frequency ``z`` (at least 2.5), large enough to be what
        it means. wordfreq counts "paris" and "police" alike, so frequency alone does not make a common word:
        the more common the word, the larger a place must be ("Police said" is not Police, Poland; "Axis" is
        not Axis, Alabama)."""
        cands = facts.places
        floor_ok = facts.floor_ok
        if floor_ok is None:
            # 1k people for a rare word (zipf 3), 10k at zipf 3.5, then tenfold per zipf point
            floor = 10 ** (z + 0.5) if z >= 3.5 else 10 ** (2 * z - 3)
            floor_ok = facts.floor_ok = [
                p.layer != "world" or _important(p, self._capitals) or p.population >= floor for p in cands
            ]
            facts.all_ok = all(floor_ok)
            facts.large_enough = [p for p, ok in zip(cands, floor_ok) if ok]
            for i, (p, ok) in enumerate(zip(cands, floor_ok)):
                if not ok and p.kind in TOWN_KINDS:
                    facts.small_towns.setdefault((p.country, p.admin1), []).append(i)
        if facts.all_ok:
            return cands
        # A small town in a state the article names stays (not for the commonest words: "March", "Orange");
        # the article names few states, so they are looked up among the name's towns, not the other way.
        rescued = ([i for state in self._states for i in facts.small_towns.get(state, ())]
                   if self._states and z < 4.5 and facts.small_towns else None)
        if rescued:
            rescued = set(rescued)
            floor_ok = [ok or i in rescued for i, ok in enumerate(floor_ok)]
        if not names_after_comma(text, m):
            return [p for p, ok in zip(cands, floor_ok) if ok] if rescued else facts.large_enough
        # A small place stays when the text says where it is ("Axis, Alabama").
        return [p for p, ok in zip(cands, floor_ok) if ok or containment_bonus(self.names, text, m, p) > 0]
