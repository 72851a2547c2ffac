"""mapapp.corpus dates: metadata beats a header beats a dateline; nothing invented."""
from __future__ import annotations

import datetime as dt

import pytest

from mapapp.corpus import read_bytes
from mapapp.corpus._dates import header_date, parse_date, text_date


def _date(text: str, name: str = "a.txt"):
    articles, problems = read_bytes(text.encode("utf-8"), name)
    assert problems == []
    return articles[0].date, articles[0].date_source


def test_header_line():
    assert _date(" date 2025-02-11 ON SUNDAY troops withdrew.\n") == (dt.date(2025, 2, 11), "header")
    assert header_date("Date: 2024-04-07\nBody") == (dt.date(2024, 4, 7), 16)
    assert header_date("The date 2024-04-07 was") == (None, 0)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Strengthen solidarity!\n\nJanuary 20, 2025\n\nBody.", dt.date(2025, 1, 20)),
        ("Headline\nA tank near the border, February 9, 2025\nBody.", dt.date(2025, 2, 9)),
        ("Headline\n7 April 2024\nBody.", dt.date(2024, 4, 7)),
        ("Headline\nPosted Jan. 19, 2025 by staff\nBody.", dt.date(2025, 1, 19)),
    ],
)
def test_dateline_near_the_top(text, expected):
    assert _date(text) == (expected, "text")


def test_metadata_wins_over_header_and_text():
    row = '{"text": " date 2025-02-11 Body, January 20, 2025.", "date": "2024-04-07"}\n'
    assert _date(row, "r.jsonl") == (dt.date(2024, 4, 7), "metadata")


@pytest.mark.parametrize(
    "text",
    [
        "The army withdrew on Sunday. On 17 November the council voted.\n",  # no year: not a date
        "Headline\nIn a report dated March 3, 2999 the plan was set out.\n",  # future
        "Headline\nThe treaty of June 28, 1850 is cited.\n",  # before 1900
        "Headline\n" + "Body line.\n" * 20 + "Later it was January 5, 2024.\n",  # too far down
    ],
)
def test_undated_stays_undated(text):
    assert _date(text) == (None, "none")


def test_parse_date_values():
    assert parse_date("2024-04-07T10:00:00Z") == dt.date(2024, 4, 7)
    assert parse_date("7 April 2024") == dt.date(2024, 4, 7)
    assert parse_date(dt.datetime(2024, 4, 7, 12)) == dt.date(2024, 4, 7)
    assert parse_date("Sunday") is None and parse_date("") is None and parse_date(None) is None
    assert text_date("x\nJanuary 20, 2025", in_body=lambda offset: False) is None
