"""The word and name lists the rules read, kept as data: one file a list, one loader.

Each list is a file in this folder: ``NAME.txt`` holds one entry a line,
``NAME.csv`` one row a line with a header row whose first column is the entry
and whose other columns say what the entry is or how a rule uses it. Lines
starting with ``#`` open each file with its source and the reason for the list.
Entries are read as written (case and inner spaces kept); a .txt list keeps its
order, which the rules built on patterns keep too.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib.resources import files


def _lines(filename: str) -> list[str]:
    text = (files(__package__) / filename).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def entries(name: str) -> tuple[str, ...]:
    """The entries of ``NAME.txt`` (or the first column of ``NAME.csv``), in file order."""
    if (files(__package__) / f"{name}.txt").is_file():
        return tuple(line.strip() for line in _lines(f"{name}.txt"))
    return tuple(next(iter(row.values())) for row in rows(name))


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``NAME.csv`` as dicts keyed by its header."""
    return tuple(csv.DictReader(_lines(f"{name}.csv")))


@lru_cache(maxsize=None)
def words(name: str, where: str | None = None) -> frozenset[str]:
    """A list as a set; for a .csv, ``where`` keeps only the rows whose column of that name says "yes"."""
    if where is None:
        return frozenset(entries(name))
    return frozenset(next(iter(row.values())) for row in rows(name) if row[where] == "yes")
