"""The metadata sidecar: ``articles.csv`` beside the articles, columns file,title,outlet,url,date.

Its values win over what a file says about itself (date_source "metadata").
Rows name files relative to the sidecar's folder; a row may also name one
record of a multi-article file as ``file#N``.
"""
from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from mapapp.corpus._encoding import DecodeError, decode
from mapapp.corpus._formats import TEXT_KEYS, csv_header

SIDECAR_NAME = "articles.csv"
FIELDS = ("title", "outlet", "url", "date")


@dataclass
class Sidecar:
    """Sidecar rows keyed by real (symlink-resolved) file path (plus '#N' for a record of a multi-article file)."""

    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def lookup(self, abs_path: str, row: int | None) -> dict[str, str]:
        if not self.rows:  # no sidecar: spare resolving the path (an lstat per folder of it, for every file)
            return {}
        key = os.path.realpath(abs_path)  # the same file reached through a symlink is the same article
        if row is not None and f"{key}#{row}" in self.rows:
            return self.rows[f"{key}#{row}"]
        return self.rows.get(key, {})

    def merge(self, other: Sidecar) -> None:
        self.rows.update(other.rows)
        self.sources.extend(other.sources)


def looks_like_sidecar(path: Path) -> bool:
    """True for an articles.csv that describes other files (has `file`, has no text column)."""
    if path.name.lower() != SIDECAR_NAME:
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536)
        header = [h.strip().lower() for h in csv_header(decode(head)[0])]
    except (OSError, DecodeError, csv.Error):
        return False
    return "file" in header and not any(k in header for k in TEXT_KEYS)


def read_sidecar(path: Path) -> Sidecar:
    """Read a sidecar; raises OSError/DecodeError/csv.Error for the caller to report."""
    with open(path, "rb") as fh:
        text, _ = decode(fh.read())
    folder = os.path.realpath(path.parent)
    rows: dict[str, dict[str, str]] = {}
    for raw in csv.DictReader(io.StringIO(text)):
        row = {str(k).strip().lower(): (v or "").strip() for k, v in raw.items() if k is not None}
        name = row.get("file", "")
        if not name:
            continue
        name, _, record = name.partition("#")
        key = os.path.realpath(os.path.join(folder, name))
        if record:
            key = f"{key}#{record}"
        rows[key] = {k: row[k] for k in FIELDS if row.get(k)}
    return Sidecar(rows=rows, sources=[str(path)])
