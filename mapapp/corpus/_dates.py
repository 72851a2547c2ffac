"""An article's publication date: from metadata, a header line, or how the text sets it apart.

A date the text sets apart is a publication date: a "Published"/"Updated" line, or a
dateline (a date on a line of its own, after a place or byline, or in a wire sign-off).
A date inside a sentence ("they married on April 5, 1958") is a date the story
recounts; only when nothing better exists is the latest such date near the top
used, as source "text", which readers are shown as uncertain. Only explicit dates
with day, month and year count; an article that has none stays undated rather than
getting an invented one.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from mapapp import sentences
from mapapp.model import DATE_CONFIDENCE

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|2\d)\d\d"
# "January 20, 2025", "Jan. 19, 2025", "20 January 2025", "20th of Jan 2025", "2025-01-20".
_DATE_PHRASE = re.compile(
    rf"\b(?:{_MONTH}\.?\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+(?:of\s+)?{_MONTH}\.?,?\s+{_YEAR}|{_YEAR}-\d{{2}}-\d{{2}})\b"
)
# The same phrases' parts, to read them without dateparser: its general parser costs about a
# millisecond a call, a third of reading a corpus, for a grammar the pattern above already fixes.
_PHRASE_PARTS = re.compile(
    rf"(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>{_YEAR})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\.?,?\s+(?P<y2>{_YEAR})"
)
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
# A metadata header the corpus tooling writes at the very start: " date 2025-02-11 ...",
# "Date: 2025-02-11", "Published: January 3, 2025".
_HEADER = re.compile(
    rf"^\s*(?:date|published(?:\s+on)?|posted(?:\s+on)?|dated)\s*[:=]?\s*"
    rf"(?P<date>{_YEAR}-\d{{2}}-\d{{2}}(?:T[\d:.+\-Z]+)?|{_MONTH}\.?\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+{_MONTH}\.?,?\s+{_YEAR})\b[ \t]*",
    re.IGNORECASE,
)
# A label that stamps the date after it, capitalised as outlets print it ("was published on" is prose).
_LABEL = re.compile(
    r"(?<![\w-])(?:(?:First|Originally|Last) )?(?P<label>Published|Posted|Created|Released|Dated?|Updated|Modified|Revised)\b"
    r"|(?<![\w-])(?P<upper>PUBLISHED|POSTED|CREATED|RELEASED|DATED?|UPDATED|MODIFIED|REVISED)\b"
)
_UPDATE_LABELS = ("updated", "modified", "revised")
# Between a label and its date: a time, a weekday, a name ("Posted by Jo Bloggs on").
_LABEL_GAP_WORDS = {"on", "at", "by", "in", "am", "pm", "a.m.", "p.m.", "a.m", "p.m"}
_WEEKDAY = re.compile(r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?$", re.IGNORECASE)
# A word before a date that makes it part of a sentence or a span, not a stamp.
_PREPOSITIONS = {
    "on", "since", "by", "from", "until", "till", "in", "at", "before", "after", "during", "between", "of", "to",
    "through", "thru", "ending", "than", "and", "or", "as", "for", "circa", "about", "around", "nor",
}
# Dates that say nothing about when the text was written: they look ahead ("until March 31, 2023",
# "the year ending ...") or name a document or event ("the law of July 27, 2001").
_ASIDE = {"to", "until", "till", "through", "thru", "ending", "ends", "by", "before", "due", "deadline", "expires",
          "of"}
_SENTENCE_END = re.compile(sentences.END_MARK + r"\s+")  # the mark and the space after it
_YEAR_WORD = re.compile(r"\b(?:19|20)\d\d\b")
# Where a dateline may sit: the top, where outlets put it, and a wire sign-off at the very end.
_TOP_CHARS = 1500
_TOP_LINES = 12
_TAIL_CHARS = 160
_MAX_LEAD = 80
_EARLIEST = dt.date(1900, 1, 1)

_OPENERS = "([\"'\u201c\u2018-\u2013\u2014|\u2022"


def confidence(source: str) -> str | None:
    """'high' when the date was stated as the article's date, 'low' when inferred, None when undated."""
    return DATE_CONFIDENCE.get(source)


def date_label(day: object, source: str) -> str:
    """How a date is shown to readers: with its source, and marked uncertain when it was inferred."""
    if day is None or day != day:  # None, or NaN/NaT from a frame
        return "undated"
    shown = day.isoformat() if isinstance(day, dt.date) else str(day)[:10]
    return f"{shown} ({source}, uncertain)" if confidence(source) == "low" else f"{shown} ({source})"


def plausible(day: dt.date | None, *, today: dt.date | None = None) -> bool:
    return day is not None and _EARLIEST <= day <= (today or dt.date.today())


def parse_date(value: object) -> dt.date | None:
    """A date from a metadata value (date, datetime, ISO string, or words); None if unusable."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        raw = str(value).strip()
        if not raw:
            return None
        try:
            day = dt.date.fromisoformat(raw[:10])
        except ValueError:
            day = _phrase_date(raw) or _parse_words(raw)
    return day if plausible(day) else None


def _phrase_date(raw: str) -> dt.date | None:
    """The date a phrase of ``_DATE_PHRASE``'s English forms names ("Jan. 19, 2025", "20th of January
    2025"), or None for any other wording, which dateparser reads."""
    m = _PHRASE_PARTS.fullmatch(raw)
    if m is None:
        return None
    month, day, year = (m.group("m1"), m.group("d1"), m.group("y1")) if m.group("m1") else (
        m.group("m2"), m.group("d2"), m.group("y2"))
    try:
        return dt.date(int(year), _MONTHS[month[:3].lower()], int(day))
    except ValueError:  # "February 30, 2024" names no day
        return None


def _parse_words(raw: str) -> dt.date | None:
    import dateparser  # slow to import; only needed when a date is written out in words

    parsed = dateparser.parse(
        raw,
        languages=["en"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return parsed.date() if parsed else None


def header_date(text: str) -> tuple[dt.date | None, int]:
    """(date, end offset of the header) for a date header at the start of the text, else (None, 0)."""
    first_line = text.split("\n", 1)[0]
    m = _HEADER.match(first_line)
    if not m:
        return None, 0
    day = parse_date(m.group("date"))
    return (day, m.end()) if day else (None, 0)


@dataclass(frozen=True)
class _Found:
    day: dt.date
    kind: str  # "published", "updated", "dateline" or "text"
    aside: bool = False  # a "text" date that looks ahead or names something ("until ...", "the law of ...")


def _words_before(lead: str) -> list[str]:
    """The words before a date, weekday dropped: "Published Saturday," -> ["Published"]."""
    words = lead.split()
    if words and _WEEKDAY.fullmatch(words[-1]):
        words.pop()
    return words


def _classify(text: str, m: re.Match, day: dt.date) -> _Found:
    line_start = text.rfind("\n", 0, m.start()) + 1
    before = text[max(line_start, m.start() - _MAX_LEAD): m.start()]
    labels = list(_LABEL.finditer(before))
    if labels:
        label = labels[-1]
        gap = before[label.end():].replace(",", " ").replace(":", " ").split()
        if all(w.lower() in _LABEL_GAP_WORDS or not w[0].islower() for w in gap):
            name = (label.group("label") or label.group("upper")).lower()
            return _Found(day, "updated" if name in _UPDATE_LABELS else "published")
    ends = list(_SENTENCE_END.finditer(text, line_start, m.start()))
    lead = text[ends[-1].end() if ends else line_start: m.start()]
    words = _words_before(lead)
    last = words[-1].strip(",;:()[]").lower() if words else ""
    after = text[m.end(): m.end() + 3].lstrip(" ,")
    if (
        len(lead) <= _MAX_LEAD
        and "@" not in lead  # an embedded post ("Name (@handle) April 3, 2018") carries its own date
        and last not in _PREPOSITIONS
        and all(not w.lstrip(_OPENERS)[:1].islower() for w in words)
        and not after[:1].islower()  # "March 3, 2018 was the day" is a sentence about the date
    ):
        return _Found(day, "dateline")
    return _Found(day, "text", aside=last in _ASIDE)


def _top(text: str, start: int) -> str:
    return "\n".join(text[start: start + _TOP_CHARS].split("\n")[:_TOP_LINES])


# More characters other than spaces than a phrase holds (at most 21: "20th of September., 2025").
_REACH = re.compile(r"(?:\s*\S){80}")
_YEAR_DIGITS = re.compile(_YEAR)


def _phrases(text: str, start: int, top_end: int, tail_start: int):
    """The date phrases starting in the top or the tail. The middle is not read (it was a tenth of reading
    a corpus): the scan stops at the top's end and starts again at the tail's start."""
    resume = start
    # The top's scan stops once 80 characters other than spaces follow the top: no phrase starting in the
    # top reaches that far (nor looks there), so stopping changes none of them, and the scan no longer
    # runs on through the middle to the next date.
    reach = _REACH.match(text, top_end)
    reach_end = reach.end() if reach else len(text)
    # Every phrase holds a year: where none is, the phrase pattern (slow: it is tried at each word) need not look.
    if _YEAR_DIGITS.search(text, start, reach_end) is not None:
        for m in _DATE_PHRASE.finditer(text, start, reach_end):
            if m.start() >= top_end:
                break
            resume = m.end()
            yield m
    tail = max(resume, tail_start)
    if _YEAR_DIGITS.search(text, tail) is not None:
        yield from _DATE_PHRASE.finditer(text, tail)


def text_date(
    text: str, *, start: int = 0, in_body: Callable[[int], bool] | None = None, today: dt.date | None = None
) -> tuple[dt.date | None, str]:
    """(date, source) the text gives itself: a labelled line, a dateline, else an uncertain guess.

    ``in_body(offset)`` keeps dates out of teasers and comments, which carry other articles' dates.
    """
    body = in_body or (lambda offset: True)
    top_end = start + len(_top(text, start))
    tail_start = max(top_end, len(text) - _TAIL_CHARS)
    found: list[_Found] = []
    for m in _phrases(text, start, top_end, tail_start):
        day = parse_date(m.group(0))
        if day is None or not plausible(day, today=today) or not body(m.start()):
            continue
        hit = _classify(text, m, day)
        if m.start() >= top_end and hit.kind == "text":
            continue  # the tail may hold a sign-off, not a guess
        found.append(hit)
    for kind in ("published", "dateline", "updated"):
        stated = next((f for f in found if f.kind == kind), None)
        if stated is not None:
            return stated.day, kind
    return _latest_mentioned(text, start, [f for f in found if f.kind == "text" and not f.aside], body, today)


def _latest_mentioned(text: str, start: int, found: list[_Found], body: Callable[[int], bool],
                      today: dt.date | None) -> tuple[dt.date | None, str]:
    """The latest date the top mentions, unless the text names a later year: an article is written
    after what it recounts, so a story about a 1958 wedding that also names 1984 is not from 1958."""
    if not found:
        return None, "none"
    latest = max(f.day for f in found)
    this_year = (today or dt.date.today()).year
    years = [int(y.group(0)) for y in _YEAR_WORD.finditer(text, start) if body(y.start())]
    if any(latest.year < y <= this_year for y in years):
        return None, "none"
    return latest, "text"
