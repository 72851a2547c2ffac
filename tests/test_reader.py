"""The reader: sentences around mentions and the article with mentions marked, always escaped."""
from __future__ import annotations

from mapapp.reader import highlight_html, sentence_around, sentence_html

TEXT = "Headline about Gaza\nTanks left Rafah on Sunday. Then they went north! Khan Yunis was quiet."


def test_sentence_around_a_mention():
    start = TEXT.index("Rafah")
    assert sentence_around(TEXT, start, start + 5) == "Tanks left Rafah on Sunday."
    start = TEXT.index("Gaza")
    assert sentence_around(TEXT, start, start + 4) == "Headline about Gaza"
    start = TEXT.index("Khan")
    assert sentence_around(TEXT, start, start + 10) == "Khan Yunis was quiet."


def test_long_sentences_are_cut_around_the_mention():
    text = "word " * 200 + "Rafah " + "word " * 200
    start = text.index("Rafah")
    out = sentence_around(text, start, start + 5, limit=60)
    assert "Rafah" in out and out.startswith("…") and out.endswith("…") and len(out) <= 64


def test_sentence_html_bolds_the_mention_and_escapes_the_rest():
    text = "<b>Rafah</b> ${x} Rafah."
    start = text.rindex("Rafah")
    out = sentence_html(text, start, start + 5)
    assert "&lt;b&gt;" in out and "&#36;{x}" in out and "<b>Rafah</b>" in out


def test_highlight_marks_spans_escapes_text_and_keeps_offsets_meaningful():
    text = "<i>Gaza</i> & Rafah\nline two"
    spans = [(3, 7, "Gaza Strip (region)"), (14, 19, 'Rafah "city"'), (15, 17, "overlap, dropped")]
    out = highlight_html(text, spans, selected=(14, 19))
    assert out.count("<mark") == 2
    assert '<mark title="Gaza Strip (region)">Gaza</mark>' in out
    assert 'class="selected" id="selected-mention">Rafah</mark>' in out
    assert "&lt;i&gt;" in out and "&amp;" in out and "<br>line two" in out
    assert 'title="Rafah &quot;city&quot;"' in out


def test_highlight_ignores_spans_outside_the_text():
    assert highlight_html("abc", [(2, 10, "x"), (-1, 1, "y")]) == "abc"
