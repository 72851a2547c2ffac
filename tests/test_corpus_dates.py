"""mapapp.corpus dates: the publication date, where it came from and how far to trust it; nothing invented."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mapapp.corpus import read_bytes
from mapapp.corpus._dates import date_label, header_date, parse_date, text_date
from mapapp.corpus._report import article_row


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
        ("Strengthen solidarity!\n\nJanuary 20, 2025\n\nBody.", dt.date(2025, 1, 20)),  # a line of its own
        ("Headline\n7 April 2024\nBody.", dt.date(2024, 4, 7)),
        ("PORTVILLE, March 3, 2024 (Wire) -- Floods closed the bridge.", dt.date(2024, 3, 3)),  # place, date
        ("Jo Bloggs, The Daily Example March 31, 2024 2:36 pm. Floods closed it.", dt.date(2024, 3, 31)),  # byline
        ("Floods closed the bridge. 16:14, UK, Thursday 05 April 2024.\n\nMore.", dt.date(2024, 4, 5)),
        ("- 06 April, 2024: A market opened yesterday in the old town.", dt.date(2024, 4, 6)),
        ("Headline\n" + "Body line.\n" * 20 + "The river rose. (Example Agency April 6, 2024)", dt.date(2024, 4, 6)),
    ],
)
def test_dateline(text, expected):
    assert _date(text) == (expected, "dateline")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Headline\nPosted Jan. 19, 2025 by staff\nBody.", (dt.date(2025, 1, 19), "published")),
        ("City News Published Saturday, March 30, 2024 1:19PM\n\nBody.", (dt.date(2024, 3, 30), "published")),
        ("Updated at 1:33 p.m. on Thursday, March 28, 2024. The two men were found.", (dt.date(2024, 3, 28), "updated")),
        # An update is later than the publication the page also states; the publication date wins.
        ("Body.\nUpdated: April 9, 2024 03:09 PM Created: April 5, 2024 03:01 PM.", (dt.date(2024, 4, 5), "published")),
        ("Posted by Jo Bloggs on 2 May 2024\nBody.", (dt.date(2024, 5, 2), "published")),
    ],
)
def test_published_and_updated_lines(text, expected):
    assert _date(text) == expected


def test_a_date_in_a_sentence_is_only_a_guess():
    text = "Headline\nA tank near the border, February 9, 2025\nBody."  # a photo caption
    assert _date(text) == (dt.date(2025, 2, 9), "text")
    # Several: the latest, as an article is written after what it recounts.
    text = "Storm\nThe plant shut on March 3, 2022 and reopened on 29th March 2024.\nIt was built on May 1, 2001."
    assert _date(text) == (dt.date(2024, 3, 29), "text")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sport\nFans remember it. Jo (@jo_fan) April 3, 2024 Then the match began.\n", dt.date(2024, 4, 3)),  # a post
        ("Headline\nMarch 3, 2024 was the day the plant closed.\n", dt.date(2024, 3, 3)),  # a sentence about the date
    ],
)
def test_look_alikes_of_a_dateline_are_only_guesses(text, expected):
    assert _date(text) == (expected, "text")


@pytest.mark.parametrize(
    "text",
    [
        # A story about a 1958 wedding that also names later years was not written in 1958.
        "Anniversary\nThe pair married at the chapel on April 5, 1958 and moved to the coast in 1984.\n",
        # A date the story refers to by name, or one it looks ahead to, says nothing about when it was written.
        "Notice\nMaterials are protected under the law of February 4, 1994.\n",
        "Fiscal\nResults for the fiscal year ending March 31, 2024 are due.\n",
        "Deal\nThe rights run until June 30, 2023.\n",
    ],
)
def test_historical_and_aside_dates_are_not_publication_dates(text):
    assert _date(text) == (None, "none")


@pytest.mark.parametrize(
    "text",
    [
        "The army withdrew on Sunday. On 17 November the council voted.\n",  # no year: not a date
        "Headline\nIn a report dated March 3, 2999 the plan was set out.\n",  # future
        "Headline\nThe treaty of June 28, 1850 is cited.\n",  # before 1900
        "Headline\n" + "Body line.\n" * 20 + "Later it was January 5, 2024.\n",  # too far down, in a sentence
        "No dates here at all.\n",
    ],
)
def test_undated_stays_undated(text):
    assert _date(text) == (None, "none")


def test_metadata_wins_over_header_and_text():
    row = '{"text": " date 2025-02-11 Body, January 20, 2025.", "date": "2024-04-07"}\n'
    assert _date(row, "r.jsonl") == (dt.date(2024, 4, 7), "metadata")


def test_html_dates_come_from_markup_not_a_footer_guess():
    page = ("<html><head><title>T</title>{meta}</head><body><article><h1>Diamond couple</h1>"
            "<p>The pair married on April 5, 1958 in a chapel by the sea and moved inland in 1966 with family.</p>"
            "<p>They now celebrate together with many friends and relatives, which is long enough to extract.</p>"
            "</article><footer>&copy; 2024 Example News</footer></body></html>")
    with_meta = page.format(meta="<meta property='article:published_time' content='2024-04-07T10:00:00Z'>")
    assert _date(with_meta, "p.html") == (dt.date(2024, 4, 7), "metadata")
    # No markup date: not 2024-01-01 from the copyright line, and not the 1958 wedding.
    assert _date(page.format(meta=""), "p.html") == (None, "none")


def test_confidence_and_label_say_what_to_trust():
    articles, _ = read_bytes(b"Headline\nA tank near the border, February 9, 2025\nBody.", "a.txt")
    row = article_row(articles[0])
    assert (row["date"], row["date_source"], row["date_confidence"]) == ("2025-02-09", "text", "low")
    assert json.dumps(row)  # the JSON `mapapp articles --json` prints
    articles, _ = read_bytes(b"Headline\n7 April 2024\nBody.", "b.txt")
    assert articles[0].date_confidence == "high"
    articles, _ = read_bytes(b"No date.", "c.txt")
    assert articles[0].date_confidence is None
    assert date_label(dt.date(2025, 2, 9), "text") == "2025-02-09 (text, uncertain)"
    assert date_label("2024-04-07", "dateline") == "2024-04-07 (dateline)"
    assert date_label(None, "none") == date_label(float("nan"), "none") == "undated"


def test_parse_date_values():
    assert parse_date("2024-04-07T10:00:00Z") == dt.date(2024, 4, 7)
    assert parse_date("7 April 2024") == dt.date(2024, 4, 7)
    assert parse_date(dt.datetime(2024, 4, 7, 12)) == dt.date(2024, 4, 7)
    assert parse_date("Sunday") is None and parse_date("") is None and parse_date(None) is None
    assert text_date("x\nJanuary 20, 2025", in_body=lambda offset: False) == (None, "none")
    assert text_date("x\nJanuary 20, 2025", today=dt.date(2025, 1, 1)) == (None, "none")  # not yet written


_MONTH_WORDS = ["Jan", "January", "Feb", "February", "Mar", "March", "Apr", "April", "May", "Jun", "June", "Jul",
                "July", "Aug", "August", "Sep", "Sept", "September", "Oct", "October", "Nov", "November", "Dec",
                "December"]


@settings(max_examples=300, deadline=None)
@given(month=st.sampled_from(_MONTH_WORDS), day=st.integers(1, 31), year=st.integers(1880, 2099),
       suffix=st.sampled_from(["", "st", "nd", "rd", "th"]), dot=st.booleans(), comma=st.booleans(),
       day_first=st.booleans(), of=st.booleans())
def test_phrases_read_without_dateparser_as_dateparser_reads_them(month, day, year, suffix, dot, comma, day_first, of):
    from mapapp.corpus._dates import _DATE_PHRASE, _parse_words, _phrase_date

    m = f"{month}{'.' if dot and len(month) == 3 else ''}"
    phrase = (f"{day}{suffix} {'of ' if of else ''}{m}{',' if comma else ''} {year}" if day_first
              else f"{m} {day}{suffix}{',' if comma else ''} {year}")
    assert _DATE_PHRASE.fullmatch(phrase)
    assert _phrase_date(phrase) == _parse_words(phrase)


def test_a_day_that_does_not_exist_is_no_date():
    assert parse_date("February 30, 2024") is None
    assert parse_date("31 April 2023") is None


def test_a_date_in_the_middle_of_a_long_text_is_not_read_but_the_sign_off_is():
    middle = "Officials met again. " * 200
    text = f"Talks resume\n\n{middle}They met on March 3, 2021 in Doha. {middle}\n\n(Reporting by A. Writer; May 4, 2022)"
    assert text_date(text) == (dt.date(2022, 5, 4), "dateline")


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(["March", "Sept.", "3", "21st", "of", "2021", "2021-03-04", ",", " ", "  ",
                                        "\n", "x", "word", "\t"]), max_size=80),
       top=st.integers(0, 200), tail=st.integers(0, 300))
@example(pieces=["x", " ", "March", " ", "3", ",", " ", "2021", " ", "word", "\n", "2021-03-04"], top=3, tail=10)
@example(pieces=["word", " ", "3", " ", "of", " ", "Sept.", " ", "2021"], top=6, tail=0)
def test_the_scans_stop_early_yet_find_every_phrase_of_the_top_and_the_tail(pieces, top, tail):
    from mapapp.corpus._dates import _DATE_PHRASE, _phrases

    text = "".join(pieces)
    top_end = min(top, len(text))
    tail_start = max(top_end, len(text) - tail)
    plain, resume = [], 0  # the whole text read from the top, as the scan did before
    for m in _DATE_PHRASE.finditer(text):
        if m.start() >= top_end:
            break
        resume = m.end()
        plain.append((m.start(), m.group(0)))
    plain += [(m.start(), m.group(0)) for m in _DATE_PHRASE.finditer(text, max(resume, tail_start))]
    assert [(m.start(), m.group(0)) for m in _phrases(text, 0, top_end, tail_start)] == plain
