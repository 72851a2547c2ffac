"""The records that flow between the pipeline's stages.

corpus -> Article -> (gazetteer match) Match -> (resolve) Mention -> GeoDataFrame

Offsets are Python ``str`` indices into ``Article.text``, end-exclusive, so
``article.text[m.start:m.end] == m.surface`` always holds.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

SECTION_KINDS = ("body", "comments", "boilerplate")
# Where an article's date came from: a metadata field, a header line the corpus tooling wrote, a
# "Published"/"Updated" line, a dateline, or (uncertain) the latest date the text mentions.
DATE_SOURCES = ("metadata", "header", "published", "updated", "dateline", "text", "none")
# Every source but "text" states the date as the article's own; "text" is an inference readers must see as such.
DATE_CONFIDENCE = {source: "high" for source in DATE_SOURCES[:5]} | {"text": "low"}

# The columns of a mentions table, in the order they are written (the output contract).
GEOMETRY_MODES = ("point", "shape")  # a mention's geometry in files: its place's point, or its place's shape

MENTION_COLUMNS = (
    "doc",
    "article_id",
    "start",
    "end",
    "surface",
    "place_id",
    "name",
    "kind",
    "section",
    "date",
    "date_source",
    "confidence",
    "literal",
    "layer",
    "country",
    "source",
    "precision_m",
    "rule",
    "basis",
    "phrase",
    "lat",
    "lon",
)


@dataclass(frozen=True)
class Section:
    """A span of an article's text and what it is: body, reader comments or boilerplate."""

    kind: str
    start: int
    end: int


@dataclass
class Article:
    """One article as read, with its text exactly as offsets refer to it."""

    id: str
    doc: str
    path: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    date: dt.date | None = None
    date_source: str = "none"
    sections: tuple[Section, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def date_confidence(self) -> str | None:
        """'high' for a stated date, 'low' for an inferred one, None when undated."""
        return DATE_CONFIDENCE.get(self.date_source) if self.date else None

    def section_at(self, offset: int) -> str:
        for s in self.sections:
            if s.start <= offset < s.end:
                return s.kind
        return "body"


def article_key(article: Article) -> str:
    """A digest of everything about an article a parse can read (not where the file lives on disk): the
    results cache's key. Here, not in mapapp.cache, so that a worker process can compute it without loading
    the table libraries the cache needs."""
    parts = [article.id, article.doc, article.text, article.title, article.outlet, article.url,
             article.date.isoformat() if article.date else None, article.date_source,
             [(s.kind, s.start, s.end) for s in article.sections], article.meta]
    return hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class ReadProblem:
    """A file (or a line of one) that could not be read, and why, in words for the user."""

    path: str
    reason: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class Match:
    """A span of text that equals one of the gazetteer's names (before resolution)."""

    start: int
    end: int
    surface: str
    key: str
    candidates: tuple[str, ...]


@dataclass
class Mention:
    """A resolved place mention: where in which article, and which place it is.

    ``geometry`` is a shapely geometry in WGS84 (lon, lat): a Point for a
    place, a Polygon/MultiPolygon for an area, a LineString for a line.
    Zones add ``rule`` (what built them), ``basis`` (the places they were
    built from) and ``phrase`` (the text that described them).
    """

    article_id: str
    doc: str
    start: int
    end: int
    surface: str
    place_id: str
    name: str
    kind: str
    geometry: Any
    section: str = "body"
    date: dt.date | None = None
    # How the article's date was obtained (`DATE_SOURCES`): a stated date is not a guess ("text").
    date_source: str = "none"
    confidence: float = 1.0
    literal: bool | None = None
    layer: str = ""
    country: str = ""
    source: str = ""
    precision_m: float | None = None
    rule: str = ""
    basis: str = ""
    phrase: str = ""
    # The place's representative point (a country's GeoNames point, not its polygon's centre);
    # None: take a point on the geometry.
    lat: float | None = None
    lon: float | None = None


@dataclass
class Place:
    """One gazetteer entry: a named place with a representative point and maybe a shape.

    ``id`` is namespaced by source: ``gn:<geonameid>`` (GeoNames), ``gz:<slug>``
    (the conflict-area layer in geodata/), ``rg:<slug>`` (authored world
    regions and seas), ``user:<layer>:<key>`` (user layers).
    ``geometry`` is None for a point-only place; otherwise a shapely geometry in
    WGS84 (a country's or zone's polygon, a road's line).
    """

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    names: tuple[str, ...] = ()
    country: str = ""
    admin1: str = ""
    population: int = 0
    parent: str = ""
    layer: str = "world"
    source: str = ""
    licence: str = ""
    precision_m: float | None = None
    geometry: Any = None
    geonames_id: int | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Division:
    """How news divides an area ("southern Israel", "northern Gaza"), where it does not cut by thirds.

    One row of geodata/divisions.csv: the part is the union of ``members`` (place ids),
    or the area beyond ``boundary_lat`` in ``direction``. Sourced like any feature.
    """

    area_id: str
    direction: str
    name: str
    members: tuple[str, ...] = ()
    boundary_lat: float | None = None
    source: str = ""
    licence: str = ""
    precision_m: float = 5000.0

