"""One rule for where a sentence ends (mapapp.sentences), read the same by the reader and the zone rules."""
from mapapp import reader, sentences
from mapapp.zones._common import sentence_bounds

TEXT = 'Strikes hit Rafah. "We fled," she said." Then Gaza?\nHeadline line\nU.S.-led talks in 3.5 hours.'


def _sentence(text: str, word: str, **kw) -> str:
    i = text.index(word)
    lo, hi = sentences.bounds(text, i, i + len(word), **kw)
    return text[lo:hi]


def test_a_sentence_ends_at_a_mark_before_space_or_at_a_line_break():
    assert _sentence(TEXT, "Rafah") == "Strikes hit Rafah."
    assert _sentence(TEXT, "fled") == ' "We fled," she said."'  # the closing quote belongs to the sentence
    assert _sentence(TEXT, "Gaza") == " Then Gaza?"
    assert _sentence(TEXT, "Headline") == "Headline line\n"
    assert _sentence(TEXT, "talks") == "U.S.-led talks in 3.5 hours."  # no space after: no end


def test_without_the_mark_the_clause_stops_before_it():
    assert _sentence(TEXT, "Rafah", with_mark=False) == "Strikes hit Rafah"
    assert _sentence(TEXT, "Headline", with_mark=False) == "Headline line"


def test_a_window_bounds_a_text_without_full_stops():
    text = "word " * 1000 + "Gaza" + " word" * 1000
    lo, hi = sentences.bounds(text, text.index("Gaza"), window=50)
    assert (lo, hi) == (text.index("Gaza") - 50, text.index("Gaza") + 50)


def test_the_reader_and_the_zone_rules_cut_the_same_sentence():
    i = TEXT.index("Gaza")
    s, e = sentence_bounds(TEXT, i)
    assert TEXT[s:e].strip() == "Then Gaza"
    assert reader.sentence_around(TEXT, i, i + 4) == "Then Gaza?"


def test_the_backward_read_finds_the_same_sentence_start_as_reading_from_the_top():
    import random

    rng = random.Random(7)
    alphabet = ["a", "b", " ", " ", ".", "?", "!", '"', "\u201d", ")", "\n", "3"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 1500)))
        for start in sorted({0, len(text), *(rng.randrange(0, len(text) + 1) for _ in range(5))}):
            first = rng.choice([0, max(0, start - 40), max(0, start - 700)])
            plain = first
            for m in sentences.END.finditer(text, first, start):
                plain = m.end()
            assert sentences._last_end(text, first, start) == plain
