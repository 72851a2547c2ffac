"""The seeds' 33 gold zone rows (corridor, line, region_part) come out placed correctly.

Base mentions for the places inside the phrases are built by hand (the lead's
pipeline does this in production); describe_zones adds the zones, and the
scorer's own placed_ok judges them. Skips when ../shared is absent.
"""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest
from shapely.geometry import Point

from mapapp.model import Article, Mention, Place
from mapapp.gazetteer import load_divisions, load_geodata
from mapapp.zones import ZoneFacts, describe_zones

SHARED = Path(__file__).resolve().parents[2] / "shared"  # shared/ sits beside the repository
pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="shared eval data absent")


def _scorer():
    spec = importlib.util.spec_from_file_location("seed_score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _places() -> dict[str, Place]:
    from mapapp.gazetteer._natural_earth import country_shapes

    numbered, _, _ = country_shapes()
    out = {p.id: p for p in load_geodata()}
    for pid, num, name in (("gn:294640", "376", "Israel"), ("gn:272103", "422", "Lebanon"), ("gn:357994", "818", "Egypt")):
        g = numbered[num].geometry
        c = g.representative_point()
        out[pid] = Place(pid, name, "country", c.y, c.x, geometry=g)
    out["rg:mediterranean-sea"] = Place("rg:mediterranean-sea", "Mediterranean Sea", "water", 35.0, 18.0)
    out["gz:netzarim"] = Place("gz:netzarim", "Netzarim", "village", 31.48222, 34.41111)
    return out


# surface pattern -> place id (what the lead's matcher and resolver produce for these names)
NAMES = [
    (r"Netzarim [Cc]orridor", "zone:netzarim-corridor"), (r"Gaza Strip", "gz:gaza-strip"),
    (r"Gaza(?! Strip| City)", "gz:gaza-strip"), (r"(?<=the )Strip\b", "gz:gaza-strip"),
    (r"Netzarim(?! [Cc]orridor)", "gz:netzarim"), (r"Israel(?!i)", "gn:294640"), (r"Lebanon", "gn:272103"),
    (r"Egypt(?!ian)", "gn:357994"), (r"Mediterranean Sea", "rg:mediterranean-sea"),
]


def _base_mentions(doc: str, text: str, places: dict[str, Place]) -> list[Mention]:
    out, taken = [], []
    for pattern, pid in NAMES:
        for hit in re.finditer(r"\b" + pattern, text):
            if any(s < hit.end() and hit.start() < e for s, e in taken):
                continue
            p = places[pid]
            taken.append((hit.start(), hit.end()))
            out.append(Mention(doc, doc, hit.start(), hit.end(), hit.group(0), p.id, p.name, p.kind,
                               p.geometry if p.geometry is not None else Point(p.lon, p.lat)))
    return sorted(out, key=lambda m: m.start)


def test_seed_zone_rows_are_placed_correctly():
    score = _scorer()
    places = _places()
    gold = [json.loads(line) for line in (SHARED / "eval" / "seeds-gold.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    zone_rows = [g for g in gold if g["kind"] in score.ZONE_KINDS]
    assert len(zone_rows) == 33
    predicted: dict[str, list[Mention]] = {}
    for doc in sorted({g["doc"] for g in zone_rows}):
        text = (SHARED / "seeds" / doc).read_text(encoding="utf-8")
        article = Article(id=doc, doc=doc, path=doc, text=text)
        facts = ZoneFacts.from_places(places.values(), load_divisions())
        predicted[doc] = describe_zones(article, _base_mentions(doc, text, places), places.get, facts)
    failures = []
    for g in zone_rows:
        cands = [m for m in predicted[g["doc"]] if m.start < g["end"] and g["start"] < m.end]
        best = max(cands, key=lambda m: min(m.end, g["end"]) - max(m.start, g["start"]), default=None)
        ok, dist = score.placed_ok(g, {"_geom": best.geometry}) if best else (False, float("inf"))
        exact = best is not None and (best.start, best.end) == (g["start"], g["end"])
        if not (ok and exact):
            failures.append((g["doc"][:3], g["surface"], best and (best.surface, best.name), round(dist, 1)))
    assert not failures, failures
