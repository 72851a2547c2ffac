import pytest

from mapapp.longest_first import longest_first


@pytest.mark.parametrize("order", [1, -1])
def test_of_keys_over_one_span_the_shorter_form_wins_then_the_first_key_whatever_their_order(order):
    form_len = {0: 11, 1: 10, 2: 10}
    for spans in ([(5, 13, 0), (5, 13, 1)], [(5, 13, 1), (5, 13, 0)]):
        assert longest_first(spans[::order], form_len) == [(5, 13, 1)]
    assert longest_first([(5, 13, 2), (5, 13, 1)], form_len) == [(5, 13, 1)]


def test_longest_first_chooses_within_each_run_of_overlapping_spans():
    form_len = [5, 5, 5, 5]
    # a run where the longest, leftmost span wins and a span it does not touch is taken too,
    # a lone span, an empty span (never taken), and a run that a chain of overlaps ties together
    spans = [(10, 14, 0), (0, 9, 1), (5, 14, 2), (0, 4, 3), (20, 24, 0), (30, 30, 1),
             (40, 45, 1), (43, 50, 2), (48, 52, 3)]
    assert longest_first(spans, form_len) == [(0, 9, 1), (10, 14, 0), (20, 24, 0), (43, 50, 2)]
    assert longest_first(spans[::-1], form_len) == longest_first(spans, form_len)
    assert longest_first([], form_len) == []
