"""The fast forms of the word-list patterns answer exactly as the patterns as written (hypothesis)."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mapapp.resolve import literal
from mapapp.wordre import alternation, reads_backwards, reversed_alternation

# Pieces that make windows near the patterns' edges: their words in any case, the article,
# every kind of space \s knows, word and non-word neighbours, and the letters re.I folds oddly.
_WORDS = literal._LOCATIVE_WORDS + literal._ACTOR_WORDS + literal._AGENT_VERBS[:20] + literal._ASSOCIATIVE[:20]
_PIECES = _WORDS + [w.upper() for w in _WORDS[:12]] + [w.title() for w in _WORDS[:12]] + [
    " ", "  ", "\t", "\n", "\u00a0", "\u2028", "\x1c", "the", "The", "THE", ",", ", ", "x", "-", "'s", "\u2019s",
    "é", "ı", "İ", "ſ", "\u212a", "nearby", "Israel", "1",
]
texts = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)


def reference_is_literal(text, start, end, kind):
    """is_literal as it read before its patterns were mirrored."""
    if kind not in literal.ACTOR_KINDS:
        return True
    after = text[end : end + 60]
    if literal._PHYSICAL_AFTER_POSSESSIVE.match(after):
        return True
    if literal._POSSESSIVE.match(after):
        return False
    plain_assoc = re.compile(r"^(?:['\u2019]s)?\s+(?:-?\s*)?(?:%s)\b" % "|".join(literal._ASSOCIATIVE), re.I)
    plain_agent = re.compile(r"^\s*(?:,\s*[^,]{1,40},\s*)?(?:%s)\b" % "|".join(literal._AGENT_VERBS), re.I)
    if plain_assoc.match(after):
        return False
    if plain_agent.match(after) and not literal._LOCATIVE_BEFORE.search(text[max(0, start - 40) : start]):
        return False
    before = text[max(0, start - 40) : start]
    if literal._LOCATIVE_BEFORE.search(before):
        return True
    if literal._BEFORE_ACTOR.search(before):
        return False
    return True


@settings(max_examples=400, deadline=None)
@given(texts)
def test_mirrored_patterns_match_where_the_written_ones_do(window):
    assert reads_backwards(literal._LOCATIVE_BEFORE_REVERSED, window) == bool(literal._LOCATIVE_BEFORE.search(window))
    assert reads_backwards(literal._BEFORE_ACTOR_REVERSED, window) == bool(literal._BEFORE_ACTOR.search(window))


@settings(max_examples=400, deadline=None)
@given(texts, st.sampled_from(["Israel", "Gaza", "US"]), texts, st.sampled_from(["country", "city", "camp"]))
def test_is_literal_answers_as_before(before, name, after, kind):
    text = before + name + after
    start, end = len(before), len(before) + len(name)
    assert literal.is_literal(text, start, end, kind) == reference_is_literal(text, start, end, kind)


@given(st.lists(st.sampled_from(["in", "into", "IN", "at", "a", "ab", "b.c", "x y"]), min_size=1), texts)
def test_grouped_alternation_matches_the_same_strings(words, text):
    plain = re.compile("(?:%s)" % "|".join(map(re.escape, words)), re.I)
    grouped = re.compile(alternation(words), re.I)
    assert bool(grouped.fullmatch(text)) == bool(plain.fullmatch(text))
    mirrored = re.compile(reversed_alternation(words), re.I)
    assert bool(mirrored.fullmatch(text[::-1])) == bool(plain.fullmatch(text))


def test_reversed_window_examples():
    assert reads_backwards(literal._LOCATIVE_BEFORE_REVERSED, "strikes in the ")
    assert not reads_backwards(literal._LOCATIVE_BEFORE_REVERSED, "strikes within")  # no space before the name
    assert not reads_backwards(literal._LOCATIVE_BEFORE_REVERSED, "strikes win ")  # "in" inside a word
    assert reads_backwards(literal._BEFORE_ACTOR_REVERSED, "nearby ")  # as written: no word edge before "by"
