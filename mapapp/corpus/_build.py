"""Bytes of one file to Articles: decode, parse by format, then title, date and sections."""
from __future__ import annotations

import re

from mapapp.corpus._dates import header_date, parse_date, text_date
from mapapp.corpus._encoding import DecodeError, decode
from mapapp.corpus._formats import PARSERS, FormatError, Record, parse_plain
from mapapp.corpus._sections import find_sections, is_boilerplate_line
from mapapp.corpus._sidecar import Sidecar
from mapapp.model import Article, ReadProblem, Section

_MAX_TITLE = 150
# A headline ends without punctuation; a line ending in one reads as prose (a clause, a list), not a title.
_ENDS_LIKE_PROSE = re.compile(r"[.,;:]$")
_DIGIT = re.compile(r"\d")  # a date with day, month and year has a digit: lines without one skip dateparser


def _title_from_text(text: str, header_end: int) -> str | None:
    """A headline: the first real line when it is short and not a sentence (plain-text files)."""
    for line in text[header_end:].split("\n")[:5]:
        s = line.strip()
        if not s or is_boilerplate_line(s):
            continue
        if len(s) <= _MAX_TITLE and not _ENDS_LIKE_PROSE.search(s) and not (_DIGIT.search(s) and parse_date(s)):
            return s
        return None
    return None


def _sections(text: str, record: Record, header_end: int) -> tuple[Section, ...]:
    start = record.comments_start
    if start is None or start >= len(text):
        return find_sections(text, header_end=header_end)
    # The extractor told us where reader comments begin; trust it over cues.
    return (*find_sections(text[:start], header_end=header_end), Section("comments", start, len(text)))


def _kind_at(sections: tuple[Section, ...], offset: int) -> str:
    return next((s.kind for s in sections if s.start <= offset < s.end), "body")


def _article(record: Record, *, doc: str, path: str, ext: str, encoding: str, sidecar: Sidecar | None) -> Article:
    text = record.text
    side = sidecar.lookup(path, record.row) if sidecar else {}
    header_day, header_end = header_date(text)

    day, source = parse_date(side.get("date")), "metadata"
    if day is None:
        day = parse_date(record.date)
    if day is None:
        day, source = header_day, "header"
    sections = _sections(text, record, header_end)
    if day is None:
        in_body = lambda offset: _kind_at(sections, offset) == "body"  # noqa: E731
        day, source = text_date(text, start=header_end, in_body=in_body)

    title = side.get("title") or record.title
    if title is None and record.row is None and ext not in (".html", ".htm", ".xhtml"):
        title = _title_from_text(text, header_end)
    meta = {"format": ext.lstrip(".") or "text", "encoding": encoding, **record.meta}
    return Article(
        id=doc if record.row is None else f"{doc}#{record.row}",
        doc=doc,
        path=path,
        text=text,
        title=title,
        outlet=side.get("outlet") or record.outlet,
        url=side.get("url") or record.url,
        date=day,
        date_source=source,
        sections=sections,
        meta=meta,
    )


def articles_from_bytes(
    data: bytes, *, doc: str, path: str, display: str, sidecar: Sidecar | None = None
) -> tuple[list[Article], list[ReadProblem]]:
    """Articles of one file's bytes; every failure becomes a ReadProblem naming ``display``."""
    ext = "." + doc.rsplit(".", 1)[-1].lower() if "." in doc.rsplit("/", 1)[-1] else ""
    parser = PARSERS.get(ext)
    if not data.strip():
        return [], [ReadProblem(display, "empty file")]
    try:
        text, encoding = decode(data)
    except DecodeError as err:
        reason = str(err)
        if parser is None and reason != "binary file":
            reason = f"{reason}; unknown file type {ext or '(no extension)'}"
        return [], [ReadProblem(display, reason)]
    if not text.strip():
        return [], [ReadProblem(display, "empty file")]
    try:
        records, row_problems = (parser or parse_plain)(text)
    except FormatError as err:
        return [], [ReadProblem(display, str(err))]
    except Exception as err:  # a parser library choking on hostile input must not stop the corpus
        return [], [ReadProblem(display, f"cannot parse {ext or 'file'}: {type(err).__name__}: {err}")]
    articles = [
        _article(r, doc=doc, path=path, ext=ext, encoding=encoding, sidecar=sidecar) for r in records
    ]
    return articles, [ReadProblem(display, reason) for reason in row_problems]
