"""mapapp.output: one row per mention, one shape per place id, and ids that never name two shapes."""
from __future__ import annotations

from dataclasses import replace

import pytest
import shapely
from shapely.geometry import LineString, Point, Polygon

from mapapp.kinds import ZONE_KINDS
from mapapp.model import MENTION_COLUMNS, Article, Mention
from mapapp.output import (
    MENTION_FIELDS,
    PLACE_FIELDS,
    SHAPE_SEPARATOR,
    Results,
    concat,
    from_columns,
    from_frame,
    from_mentions,
    mentions_table,
    pack,
    places_table,
    shape_digest,
    unpack,
)

EGYPT = Polygon([(25, 22), (34.2, 22), (34.9, 29.5), (34.2, 31.3), (25, 31.6)])
DISC_5 = Point(34.25, 31.33).buffer(0.02)
DISC_10 = Point(34.25, 31.38).buffer(0.02)
ROAD = LineString([(34.3, 31.4), (34.5, 31.5)])


def mention(article, start, surface, place_id, geometry, *, kind="city", layer="world", lat=None, lon=None, **kw):
    return Mention(article_id=article, doc=article, start=start, end=start + len(surface), surface=surface,
                   place_id=place_id, name=surface, kind=kind, geometry=geometry, layer=layer, lat=lat, lon=lon, **kw)


def corpus():
    return [
        mention("a.txt", 0, "Egypt", "gn:357994", EGYPT, kind="country", lat=26.0, lon=30.0, date=None),
        mention("a.txt", 10, "Rafah", "gn:281102", Point(34.25, 31.28), lat=31.28, lon=34.25),
        mention("a.txt", 20, "5 km north of Rafah", "zone:offset-north:gn:281102", DISC_5, kind="area", layer="zones",
                rule="offset", basis="gn:281102", phrase="5 km north of Rafah"),
        mention("b.txt", 0, "10 km north of Rafah", "zone:offset-north:gn:281102", DISC_10, kind="area", layer="zones",
                rule="offset", basis="gn:281102", phrase="10 km north of Rafah"),
        mention("b.txt", 30, "Egypt", "gn:357994", EGYPT, kind="country", lat=26.0, lon=30.0),
        mention("b.txt", 40, "Route 4", "gz:route-4", ROAD, kind="road", layer="local"),
    ]


def test_each_place_id_finds_exactly_one_shape_and_a_country_is_kept_once():
    results = from_mentions(corpus())
    assert list(results.rows.columns) == list(MENTION_COLUMNS)
    assert set(results.rows["place_id"]) == set(results.shapes)
    assert list(results.rows["place_id"]).count("gn:357994") == 2 and results.shapes["gn:357994"] is EGYPT
    for row in results.rows.itertuples():
        assert shapely.Point(row.lon, row.lat).distance(results.shapes[row.place_id]) < 1e-6 or row.kind == "country"


def test_described_zones_with_one_rule_name_and_two_shapes_get_two_ids_from_their_shapes():
    rows = from_mentions(corpus()).rows
    five, ten = rows.loc[rows["rule"] == "offset", "place_id"]
    assert five != ten
    assert five == f"zone:offset-north:gn:281102{SHAPE_SEPARATOR}{shape_digest(DISC_5)}"
    # the same shape gets the same id in another corpus, whatever comes before it
    alone = from_mentions([replace(corpus()[3], geometry=shapely.from_wkb(shapely.to_wkb(DISC_10)))])
    assert alone.rows["place_id"][0] == ten


def test_a_gazetteer_id_met_with_a_second_shape_is_named_apart():
    moved = mention("c.txt", 0, "Rafah", "gn:281102", Point(34.3, 31.3), lat=31.3, lon=34.3)
    results = from_mentions([*corpus(), moved])
    last = results.rows["place_id"].iloc[-1]
    assert last.startswith("gn:281102" + SHAPE_SEPARATOR) and results.shapes[last].equals(Point(34.3, 31.3))
    assert results.shapes["gn:281102"].equals(Point(34.25, 31.28))


def test_a_place_without_a_point_takes_one_on_its_shape():
    results = from_mentions(corpus())
    road = results.rows[results.rows["place_id"] == "gz:route-4"].iloc[0]
    assert ROAD.distance(Point(road["lon"], road["lat"])) < 1e-6


def test_frame_gives_each_row_its_place_shape_or_point():
    results = from_mentions(corpus())
    shapes = results.frame("shape")
    assert list(shapes.columns) == [*MENTION_COLUMNS, "geometry"] and shapes.crs.to_epsg() == 4326
    assert shapes.geometry.iloc[0] is shapes.geometry.iloc[4]  # one object for both Egypt rows
    points = results.frame("point")
    zones = points["kind"].isin(ZONE_KINDS)
    assert set(points.geom_type[~zones]) == {"Point"} and points.geometry.iloc[0].equals(Point(30.0, 26.0))
    assert all(g is results.shapes[pid] for g, pid in zip(points.geometry[zones], points["place_id"][zones]))
    with pytest.raises(ValueError):
        results.frame("blob")


def test_a_frame_round_trips_and_keeps_its_ids():
    results = from_mentions(corpus())
    again = from_frame(results.frame("shape"))
    assert list(again.rows["place_id"]) == list(results.rows["place_id"])
    assert all(again.shapes[k].equals(v) for k, v in results.shapes.items())


def test_concat_keeps_the_order_and_names_apart_an_id_two_parts_give_different_shapes():
    first = from_mentions(corpus()[:3])
    second = from_mentions([*corpus()[3:], mention("c.txt", 0, "Rafah", "gn:281102", Point(34.3, 31.3))])
    both = concat([first, second])
    assert list(both.rows["surface"]) == [m.surface for m in corpus()] + ["Rafah"]
    assert both.rows["place_id"].iloc[-1].startswith("gn:281102" + SHAPE_SEPARATOR)
    assert set(both.rows["place_id"]) == set(both.shapes)


def test_pack_sends_each_shape_once_and_unpacks_to_equal_results():
    results = from_mentions(corpus())
    rows, ids, wkb = pack(results)
    assert len(ids) == len(wkb) == 5  # six rows, five places
    back = unpack((rows, ids, wkb))
    assert all(back.shapes[k].equals(v) for k, v in results.shapes.items())
    assert unpack(pack(from_mentions([]))).shapes == {}


def test_tables_have_the_file_columns():
    results = from_mentions(corpus())
    assert list(mentions_table(results).columns) == list(MENTION_FIELDS)
    places = places_table(results)
    assert list(places.columns) == [*PLACE_FIELDS, "geometry"] and places["place_id"].is_unique
    egypt = places.set_index("place_id").loc["gn:357994"]
    assert (egypt["mentions"], egypt["articles"], egypt["lat"], egypt["lon"]) == (2, 2, 26.0, 30.0)
    assert places_table(Results(results.rows.iloc[:0], {})).empty


def test_places_know_when_they_were_named():
    import datetime as dt

    dated = [replace(m, date=dt.date(2025, 2, 1 + i)) for i, m in enumerate(corpus())]
    egypt = places_table(from_mentions(dated)).set_index("place_id").loc["gn:357994"]
    assert (egypt["first_date"], egypt["last_date"]) == ("2025-02-01", "2025-02-05")


def test_real_parse_gives_two_offsets_of_one_place_two_ids(parser):
    text = "Tanks were 5 km north of Rafah on Monday. On Tuesday they were 10 km north of Rafah."
    rows = parser.results([Article(id="t", doc="t", path="", text=text)]).rows
    offsets = rows.loc[rows["rule"] == "offset", "place_id"].tolist()
    assert len(offsets) == 2 and len(set(offsets)) == 2


def _columns(**changes):
    row = {"doc": "a.txt", "article_id": "a", "start": 3, "end": 8, "surface": "Rafah", "place_id": "gn:1",
           "name": "Rafah", "kind": "city", "section": "body", "date": "2025-02-11", "date_source": "front",
           "confidence": 0.9, "literal": True, "layer": "cities", "country": "PS", "source": "geonames",
           "precision_m": 5000.0, "rule": "gazetteer", "basis": "", "phrase": "", "lat": 31.2968754, "lon": 34.2455}
    other = {**row, "date": None, "literal": None, "precision_m": None, "phrase": None, "lat": -0.0, "start": 9}
    return {col: [row[col], {**other, **changes}[col]] for col in MENTION_COLUMNS}


@pytest.mark.parametrize("changes", [{}, {"precision_m": "12"}, {"literal": float("nan")}])
def test_rows_from_columns_have_the_types_pandas_would_give_them(changes):
    import pandas as pd

    from mapapp.output import _typed

    columns = _columns(**changes)
    rows = from_columns(columns, {}).rows
    expected = _typed(pd.DataFrame(columns, columns=list(MENTION_COLUMNS)))
    pd.testing.assert_frame_equal(rows, expected, check_exact=True)
    assert rows["date"].tolist() == ["2025-02-11", None] and rows["literal"].tolist()[1] is None
    assert rows["lat"].tolist() == [31.296875, -0.0]
