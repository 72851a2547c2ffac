"""Decoded file contents to article records, one parser per format.

A parser returns the records it could read and a reason for each row it could
not; a problem with the whole file raises FormatError. Nothing here touches the
file system, so in-memory uploads go through the same code as files.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from dataclasses import dataclass, field
from typing import Any

from mapapp.errors import FormatError

TEXT_KEYS = ("text", "body", "content", "article")
# Metadata keys as corpora name them, mapped to Article fields (first present wins).
META_KEYS = {
    "title": ("title", "headline"),
    "date": ("date", "published", "published_at", "pubdate", "datetime"),
    "url": ("url", "link", "href"),
    "outlet": ("outlet", "source", "publisher", "sitename", "site"),
}
_LIST_KEYS = ("articles", "items", "data", "documents", "records", "rows")

# Articles are long; the csv module's default field limit (128 KiB) would reject some.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass
class Record:
    text: str
    title: str | None = None
    date: Any = None
    url: str | None = None
    outlet: str | None = None
    row: int | None = None  # 1-based line/row/item number within a multi-article file
    comments_start: int | None = None  # offset where extracted reader comments begin (HTML)
    meta: dict[str, Any] = field(default_factory=dict)


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _from_mapping(obj: dict[str, Any], row: int | None, label: str) -> tuple[Record | None, str | None]:
    """A Record from a JSON object or CSV row, or the reason it has none."""
    lowered = {str(k).strip().lower(): v for k, v in obj.items()}
    key = next((k for k in TEXT_KEYS if k in lowered), None)
    if key is None:
        found = ", ".join(str(k) for k in obj) or "none"
        return None, f"{label}no text field (looked for {', '.join(TEXT_KEYS)}; found: {found})"
    text = lowered[key]
    if not isinstance(text, str):
        return None, f"{label}text is not a string"
    if not text.strip():
        return None, f"{label}empty text"
    fields = {name: next((lowered[k] for k in keys if _clean(lowered.get(k))), None) for name, keys in META_KEYS.items()}
    used = {key, *(k for keys in META_KEYS.values() for k in keys)}
    extra = {k: v for k, v in lowered.items() if k not in used}
    return (
        Record(
            text=text,
            title=_clean(fields["title"]),
            date=fields["date"],
            url=_clean(fields["url"]),
            outlet=_clean(fields["outlet"]),
            row=row,
            meta=extra,
        ),
        None,
    )


def _add_object(obj, n: int, where: str, records: list[Record], problems: list[str]) -> None:
    """One JSON line or list item: a record, or a problem that names it."""
    if not isinstance(obj, dict):
        problems.append(f"{where}not an object")
        return
    record, problem = _from_mapping(obj, n, where)
    if record:
        records.append(record)
    else:
        problems.append(problem)


def parse_jsonl(text: str) -> tuple[list[Record], list[str]]:
    records, problems = [], []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(f"JSON line {n} malformed: {err.msg} (column {err.colno})")
            continue
        _add_object(obj, n, f"JSON line {n}: ", records, problems)
    if not records and not problems:
        raise FormatError("empty file")
    return records, problems


def parse_json(text: str) -> tuple[list[Record], list[str]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data" and text.lstrip().startswith("{"):
            return parse_jsonl(text)  # JSON Lines saved with a .json name
        raise FormatError(f"JSON malformed: {err.msg} (line {err.lineno}, column {err.colno})") from None
    if isinstance(data, dict) and not any(k.lower() in TEXT_KEYS for k in data):
        wrapped = [data[k] for k in data if k.lower() in _LIST_KEYS and isinstance(data[k], list)]
        if len(wrapped) == 1:
            data = wrapped[0]
    if isinstance(data, dict):
        record, problem = _from_mapping(data, None, "")
        if record is None:
            raise FormatError(problem)
        return [record], []
    if not isinstance(data, list):
        raise FormatError("JSON holds neither an object nor a list of objects")
    records, problems = [], []
    for n, obj in enumerate(data, start=1):
        _add_object(obj, n, f"JSON item {n}: ", records, problems)
    if not data:
        raise FormatError("empty file (an empty JSON list)")
    return records, problems


def csv_header(text: str) -> list[str]:
    """The header row of CSV text, with the delimiter the file uses."""
    reader = csv.reader(io.StringIO(text), dialect=_dialect(text))
    return next(reader, [])


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def parse_csv(text: str) -> tuple[list[Record], list[str]]:
    reader = csv.DictReader(io.StringIO(text), dialect=_dialect(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if not any(k in header for k in TEXT_KEYS):
        found = ", ".join(reader.fieldnames or []) or "none"
        raise FormatError(f"no text column (looked for {', '.join(TEXT_KEYS)}; found: {found})")
    records, problems = [], []
    for n, row in enumerate(reader, start=1):
        row = {k: v for k, v in row.items() if k is not None}  # drop overflow cells of ragged rows
        record, problem = _from_mapping(row, n, f"CSV row {n}: ")
        if record:
            records.append(record)
        elif problem and not problem.endswith("not a string"):
            problems.append(problem)
        else:
            problems.append(f"CSV row {n}: too few cells")
    return records, problems


def parse_markdown(text: str) -> tuple[list[Record], list[str]]:
    import frontmatter

    try:
        post = frontmatter.loads(text)
    except Exception:  # a broken YAML header: the file is still an article, keep it whole
        return [Record(text=text)], []
    meta = {str(k).lower(): v for k, v in post.metadata.items()}
    if not post.content.strip():
        raise FormatError("no text after the front matter")
    record, _ = _from_mapping({**meta, "text": post.content}, None, "")
    return [record], []


def parse_html(text: str) -> tuple[list[Record], list[str]]:
    import trafilatura

    # Dates from the page's markup only (meta tags, JSON-LD, <time>, URL): htmldate's extensive
    # search guesses from free text (a footer's "(c) 2018" becomes 2018-01-01); the text rules
    # in _dates read the extracted body instead and say when a date is only a guess.
    dates = {"original_date": True, "extensive_search": False, "max_date": dt.date.today().isoformat()}
    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=True, date_extraction_params=dates)
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not body.strip():
        raise FormatError("no article text found in the HTML")
    comments = getattr(doc, "comments", None) or ""
    full, comments_start = body, None
    if comments.strip():
        full = f"{body}\n\n{comments}"
        comments_start = len(body) + 2
    record = Record(
        text=full,
        title=_clean(doc.title),
        date=doc.date,
        url=_clean(doc.url),
        outlet=_clean(doc.sitename),
        comments_start=comments_start,
    )
    return [record], []


def parse_plain(text: str) -> tuple[list[Record], list[str]]:
    # Exactly as read: gold offsets index into the unmodified text.
    return [Record(text=text)], []


PARSERS = {
    ".txt": parse_plain,
    ".text": parse_plain,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".html": parse_html,
    ".htm": parse_html,
    ".xhtml": parse_html,
    ".json": parse_json,
    ".jsonl": parse_jsonl,
    ".ndjson": parse_jsonl,
    ".csv": parse_csv,
    ".tsv": parse_csv,
}
