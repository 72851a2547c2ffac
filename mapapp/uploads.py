"""Adding uploaded articles to a corpus the app already shows, without losing any.

An upload named like an article we already have is renamed with a suffix
("report (2).txt") rather than replacing it; the caller says so to the user.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath

import geopandas as gpd
import pandas as pd


def unique_names(existing: Iterable[str], incoming: Sequence[str]) -> list[tuple[str, bool]]:
    """(name to use, renamed?) for each incoming name, unique among existing and each other."""
    taken = {str(n) for n in existing}
    out = []
    for name in incoming:
        candidate, n = name, 1
        path = PurePosixPath(name)
        while candidate in taken:
            n += 1
            candidate = str(path.with_name(f"{path.stem} ({n}){path.suffix}"))
        taken.add(candidate)
        out.append((candidate, candidate != name))
    return out


def existing_names(articles: pd.DataFrame) -> set[str]:
    """Names an upload must not take: documents and article ids (rows of jsonl/csv are doc#N)."""
    if articles is None or articles.empty:
        return set()
    return set(articles["doc"].astype(str)) | set(articles["article_id"].astype(str))


def merge(base, extra):
    """A CorpusFrames with ``extra``'s articles, mentions and problems after ``base``'s."""
    mentions = pd.concat([base.mentions, extra.mentions], ignore_index=True)
    return type(base)(
        articles=pd.concat([base.articles, extra.articles], ignore_index=True),
        mentions=gpd.GeoDataFrame(mentions, geometry=base.mentions.geometry.name, crs=base.mentions.crs),
        named_zones=base.named_zones,
        problems=[*base.problems, *extra.problems],
    )


def file_stats(paths: Sequence[str]) -> tuple[tuple[str, int, int], ...]:
    """(path, size, mtime_ns) of every file under ``paths``: a cheap key that changes when files do."""
    from pathlib import Path

    stats = []
    for root in paths:
        p = Path(root)
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        for f in files:
            try:
                st = f.stat()
            except OSError:
                continue
            stats.append((str(f), st.st_size, st.st_mtime_ns))
    return tuple(stats)


def content_digest(path: str) -> str:
    import hashlib

    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()
