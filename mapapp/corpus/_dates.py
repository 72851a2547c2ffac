"""An article's date: from metadata, a header line, or a dateline near the top of the text.

Only explicit dates with day, month and year count; a weekday ("on Sunday")
or a bare "17 November" is not a date we can put on a map's time axis, and an
article that has none stays undated rather than getting an invented one.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

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
# A metadata header the corpus tooling writes at the very start: " date 2025-02-11 ...",
# "Date: 2025-02-11", "Published: January 3, 2025".
_HEADER = re.compile(
    rf"^\s*(?:date|published(?:\s+on)?|posted(?:\s+on)?|dated)\s*[:=]?\s*"
    rf"(?P<date>{_YEAR}-\d{{2}}-\d{{2}}(?:T[\d:.+\-Z]+)?|{_MONTH}\.?\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+{_MONTH}\.?,?\s+{_YEAR})\b[ \t]*",
    re.IGNORECASE,
)
# How far into the text a dateline may sit: the top, where outlets put it, not a date the story recounts.
_TOP_CHARS = 1500
_TOP_LINES = 12
_EARLIEST = dt.date(1900, 1, 1)


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
            day = _parse_words(raw)
    return day if plausible(day) else None


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


def text_date(text: str, *, start: int = 0, in_body: Callable[[int], bool] | None = None) -> dt.date | None:
    """The first plausible explicit date in the top lines of ``text[start:]`` (a dateline or caption).

    ``in_body(offset)`` keeps dates out of teasers and comments, which carry other articles' dates.
    """
    top = "\n".join(text[start : start + _TOP_CHARS].split("\n")[:_TOP_LINES])
    for m in _DATE_PHRASE.finditer(top):
        if in_body is not None and not in_body(start + m.start()):
            continue
        day = parse_date(m.group(0))
        if day is not None:
            return day
    return None
