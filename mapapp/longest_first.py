"""The longest-match rule: of overlapping name spans, the longest wins ("Gaza City" over "Gaza")."""
from __future__ import annotations


def longest_first(spans: list[tuple[int, int, int]], form_len) -> list[tuple[int, int, int]]:
    """Longest match wins; among equals, the leftmost; for one span, the key written as the text has it (the
    shortest form, ``form_len[key index]``: "hamilton", not "hamilton!" whose mark the text does not have),
    then the first key. Returned in text order.

    Spans that overlap nothing are taken as they are: the choice is made within each run of overlapping
    spans, which no span outside it can touch (most runs are one span)."""
    chosen: list[tuple[int, int, int]] = []
    run: list[tuple[int, int, int]] = []
    run_end = -1
    for s in sorted(spans):
        if s[1] <= s[0]:
            continue
        if s[0] >= run_end:  # starts after every span before it ends: a new run
            if len(run) == 1:
                chosen.append(run[0])
            elif run:
                chosen += _choose_in_run(run, form_len)
            run = [s]
            run_end = s[1]
        else:
            run.append(s)
            run_end = max(run_end, s[1])
    if len(run) == 1:
        chosen.append(run[0])
    elif run:
        chosen += _choose_in_run(run, form_len)
    return chosen


def _choose_in_run(run: list[tuple[int, int, int]], form_len) -> list[tuple[int, int, int]]:
    """The longest-first choice among spans that overlap one another, in text order."""
    chosen: list[tuple[int, int, int]] = []
    for s in sorted(run, key=lambda s: (-(s[1] - s[0]), s[0], form_len[s[2]], s[2])):
        if all(s[1] <= c[0] or c[1] <= s[0] for c in chosen):
            chosen.append(s)
    return sorted(chosen)
