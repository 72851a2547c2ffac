"""The zone rules' patterns in their fast forms find what the patterns as written find (hypothesis)."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mapapp.wordre import reads_backwards
from mapapp.zones import describe, relations
from mapapp.zones.named import phrase_hits

_PIECES = [
    "the", "The", "THE", "bathe", "to", "TO", "and", "from", "From", "wherefrom", " ", "  ", "\n", "\t", "\u00a0", "north", "south",
    "northern", "Southern", "north-eastern", "centre", "middle", "war-battered", "far", "of", "OF", "Of", "km", "5", "10.5", "eastern", "outskirts", "edge", "-",
    ",", ".", "x", "é", "yellow", "Yellow", "YELLOW", "line", "LİNE", "ſ",
]
texts = st.lists(st.sampled_from(_PIECES), max_size=16).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_literal_first_scans_find_the_same_matches(text):
    anaphor = re.compile(r"\bthe\s+(?:(?:[a-z]+-)*[a-z]+\s+){0,2}?(north|south)\b(?!ern|\s+of\b|[-\w])")
    assert [m.span() for m in describe.ANAPHOR.finditer(text)] == [m.span() for m in anaphor.finditer(text)]
    assert [m.span() for m in describe.FROM.finditer(text)] == [
        m.span() for m in re.finditer(r"\bfrom\s+(?:the\s+)?", text)
    ]
    names = ("Yellow Line", "the yellow line", "yellow line")
    assert [m.span() for m in phrase_hits(text, names)] == [m.span() for m in re.finditer(r"\byellow line\b", text, re.I)]


@settings(max_examples=400, deadline=None)
@given(texts)
def test_directional_phrases_all_end_with_their_mirrored_tails(head):
    if relations.OFFSET.search(head) or relations.OUTSKIRTS.search(head):
        assert reads_backwards(relations.OF_TAIL_REVERSED, head)
    if describe.THE_X_OF.search(head):
        assert reads_backwards(relations.OF_TAIL_REVERSED, head)
    if describe.PREFIX.search(head):
        assert reads_backwards(describe.PREFIX_TAIL_REVERSED, head)


def test_offset_tail_examples():
    assert relations.OFFSET.search("strikes 5 km north of the ")
    assert reads_backwards(relations.OF_TAIL_REVERSED, "strikes 5 km north of the ")
    assert not reads_backwards(relations.OF_TAIL_REVERSED, "strikes in ")


@settings(max_examples=400, deadline=None)
@given(texts)
def test_one_gap_pattern_tells_from_to_and_between_and_as_two_did(gap):
    to, and_ = re.compile(r"\s+to\s+(?:the\s+)?"), re.compile(r"\s+and\s+(?:the\s+)?")
    hit = relations.SPAN_GAP.fullmatch(gap)
    assert (hit is not None and hit.group(1) is not None) == (to.fullmatch(gap) is not None)
    assert (hit is not None and hit.group(1) is None) == (and_.fullmatch(gap) is not None)
