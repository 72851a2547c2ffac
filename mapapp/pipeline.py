"""The pipeline: articles in, a GeoDataFrame of mentions out.

    corpus -> gazetteer match -> resolve -> zones -> GeoDataFrame

`Parser` holds the compiled gazetteer (building the automaton is the
expensive part, done once); `parse` is what the CLI, the app, the benchmark
and the Dask engine call.
"""
from __future__ import annotations

import dataclasses
import logging
import operator
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mapapp.gazetteer import Gazetteer, load_divisions
from mapapp.kinds import SHAPE_KINDS
from mapapp.match import Matcher
from mapapp.model import Article, Mention, ReadProblem
from mapapp.resolve import Resolver
from mapapp.rows import GEOMETRY_MODES  # noqa: F401 (read from here too)
from mapapp.zones import ZoneFacts, describe_zones

if TYPE_CHECKING:  # pandas and geopandas are imported where tables are made: a parse needs neither
    import geopandas as gpd
    import pandas as pd

    from mapapp.cache import ResultsCache
    from mapapp.output import Results

log = logging.getLogger(__name__)
_BY_SPAN = operator.attrgetter("start", "end")  # the mentions' order, as a key made in C


class Parser:
    """Gazetteer, matcher, resolver and zone rules, ready to parse many articles."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()
        self.matcher = Matcher(self.gazetteer)
        self.resolver = Resolver(self.gazetteer)
        divisions = load_divisions() if "local" in getattr(self.gazetteer, "layers", ()) else {}
        self.zone_facts = ZoneFacts.from_places(_local_places(self.gazetteer), divisions)

    def mentions(self, article: Article) -> list[Mention]:
        matches = self.matcher.find(article.text)
        mentions = self.resolver.resolve(article, matches)
        try:
            # the resolver's lookup: the same places, remembered
            mentions = describe_zones(article, mentions, self.resolver.gazetteer.get, self.zone_facts)
        except Exception:  # a zone rule's failure must not cost the article its places
            log.exception("zone rules failed on %s; keeping its place mentions", article.doc)
        return sorted(mentions, key=_BY_SPAN)

    def results(
        self, articles: Iterable[Article], *, progress: Callable[[int], None] | None = None,
        cache: ResultsCache | None = None,
    ) -> Results:
        """The articles' mentions and the shape of each place they name (`mapapp.output`)."""
        from mapapp.output import from_mentions

        if cache is not None:  # parses only the articles the cache has not seen (mapapp/cache.py)
            return cache.results(self, articles, progress=progress)
        rows: list[Mention] = []
        for i, article in enumerate(articles):
            rows.extend(self.mentions(article))
            if progress is not None:
                progress(i + 1)
        return from_mentions(rows)

    def parse(
        self, articles: Iterable[Article], *, progress: Callable[[int], None] | None = None, geometry: str = "shape",
        cache: ResultsCache | None = None,
    ) -> gpd.GeoDataFrame:
        """The mentions as a GeoDataFrame in the contract's columns, each with its place's shape (or point)."""
        from mapapp.output import check_geometry

        check_geometry(geometry)
        return self.results(articles, progress=progress, cache=cache).frame(geometry)


def mentions_frame(mentions: Sequence[Mention], *, geometry: str = "shape") -> gpd.GeoDataFrame:
    """Mentions -> GeoDataFrame in the contract's columns, CRS EPSG:4326.

    geometry="shape": a country or area is its polygon, a line its line (one object per place, shared).
    geometry="point": every mention is its place's point (a country's GeoNames point); a zone keeps its shape.
    """
    from mapapp.output import check_geometry, from_mentions

    check_geometry(geometry)
    return from_mentions(mentions).frame(geometry)


def articles_frame(articles: Sequence[Article]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame.from_records(
        [
            {
                "article_id": a.id, "doc": a.doc, "title": a.title, "outlet": a.outlet, "url": a.url,
                "date": a.date, "date_source": a.date_source, "text": a.text,
                "sections": [(s.kind, s.start, s.end) for s in a.sections],
            }
            for a in articles
        ],
        columns=["article_id", "doc", "title", "outlet", "url", "date", "date_source", "text", "sections"],
    )


def _local_places(gazetteer: Gazetteer):
    """The local layer's places: looked up by the ids in geodata/ when the gazetteer says it holds
    that layer (~10 ms), instead of making every one of ~200k places to find them (1-3 s, on every
    app start)."""
    if "local" not in getattr(gazetteer, "layers", ()):
        return iter(gazetteer)
    from mapapp.gazetteer import load_geodata

    found = (gazetteer.get(place_id) for place_id in dict.fromkeys(p.id for p in load_geodata()))
    return (p for p in found if p is not None)


def named_zones_frame(gazetteer: Gazetteer) -> gpd.GeoDataFrame:
    """The named zones and areas of the local layer, for the map's zone layer."""
    import geopandas as gpd

    rows = [
        {
            "place_id": p.id, "name": p.name, "kind": p.kind, "source": p.source,
            "precision_m": p.precision_m, "valid_from": p.valid_from, "valid_to": p.valid_to,
            "periods": p.extra.get("periods"), "geometry": p.geometry,
        }
        for p in _local_places(gazetteer)
        if p.layer == "local" and p.geometry is not None and p.kind in SHAPE_KINDS
    ]
    return gpd.GeoDataFrame(
        rows, columns=["place_id", "name", "kind", "source", "precision_m", "valid_from", "valid_to", "periods", "geometry"],
        geometry="geometry", crs="EPSG:4326",
    )


@dataclasses.dataclass
class CorpusFrames:
    articles: pd.DataFrame
    mentions: gpd.GeoDataFrame
    named_zones: gpd.GeoDataFrame
    problems: list[ReadProblem]


def frames_for(articles: list[Article], problems: list[ReadProblem], parser: Parser, cache: ResultsCache | None = None) -> CorpusFrames:
    return CorpusFrames(
        articles=articles_frame(articles),
        mentions=parser.parse(articles, cache=cache),
        named_zones=named_zones_frame(parser.gazetteer),
        problems=list(problems),
    )


def load_corpus_frames(
    paths: Sequence[str | Path], gazetteer: Gazetteer | None = None, parser: Parser | None = None,
    cache: ResultsCache | None = None,
) -> CorpusFrames:
    """Read and parse a corpus: what the app shows."""
    from mapapp.corpus import read_corpus

    parser = parser or Parser(gazetteer)
    result = read_corpus([Path(p) for p in paths])
    return frames_for(result.articles, result.problems, parser, cache)


def parse_uploaded(files: Sequence[tuple[str, bytes]], gazetteer: Gazetteer | None = None, parser: Parser | None = None) -> CorpusFrames:
    """Parse files uploaded in the browser (name, content)."""
    from mapapp.corpus import read_bytes

    parser = parser or Parser(gazetteer)
    articles: list[Article] = []
    problems: list[ReadProblem] = []
    for name, data in files:
        a, p = read_bytes(data, name)
        articles.extend(a)
        problems.extend(p)
    return frames_for(articles, problems, parser)
