"""mapapp.rows: plain columns for the trip back from a worker, and parts gathered with each shape once."""
from __future__ import annotations

from shapely.geometry import Point

from mapapp.model import MENTION_COLUMNS
from mapapp.output import Gathered
from mapapp.rows import ORDINAL, SHAPE_SEPARATOR, mention_columns, pack_shapes, shape_digest
from test_output import corpus, mention


def _part(mentions, first_article=0):
    columns, shapes = mention_columns(mentions)
    columns[ORDINAL] = [first_article + i for i in range(len(mentions))]
    return columns, *pack_shapes(shapes)


def test_columns_are_the_contract_with_dates_as_text_and_every_place_a_shape():
    columns, shapes = mention_columns(corpus())
    assert list(columns) == list(MENTION_COLUMNS) and all(len(v) == 6 for v in columns.values())
    assert set(columns["place_id"]) == set(shapes)
    assert mention_columns([]) == ({}, {})


def test_gathered_parts_keep_order_and_each_shape_once():
    gathered = Gathered()
    gathered.add(*_part(corpus()[:3]), offset=0)
    gathered.add(*_part(corpus()[3:]), offset=3)
    results = gathered.results()
    assert list(results.rows["surface"]) == [m.surface for m in corpus()]
    assert list(results.rows[ORDINAL]) == [0, 1, 2, 3, 4, 5]
    assert len(results.shapes) == 5 and set(results.rows["place_id"]) == set(results.shapes)


def test_an_id_a_later_part_gives_another_shape_is_named_apart():
    gathered = Gathered()
    gathered.add(*_part(corpus()[:2]), offset=0)
    moved = mention("c.txt", 0, "Rafah", "gn:281102", Point(34.3, 31.3))
    gathered.add(*_part([moved]), offset=2)
    results = gathered.results()
    renamed = f"gn:281102{SHAPE_SEPARATOR}{shape_digest(Point(34.3, 31.3))}"
    assert results.rows["place_id"].iloc[-1] == renamed and results.shapes[renamed].equals(Point(34.3, 31.3))
    assert results.shapes["gn:281102"].equals(Point(34.25, 31.28))


def test_nothing_gathered_is_empty_results_with_the_ordinal_column():
    results = Gathered().results()
    assert len(results) == 0 and ORDINAL in results.rows.columns and results.shapes == {}


def test_packed_shapes_are_the_wkb_of_each_and_a_big_shape_is_written_once():
    import numpy as np
    import shapely
    from shapely.geometry import Point, Polygon

    from mapapp.rows import BIG_SHAPE_COORDS, pack_shapes, unpack_shapes

    ring = [(np.cos(a), np.sin(a)) for a in np.linspace(0, 2 * np.pi, BIG_SHAPE_COORDS + 1)]
    big, small = Polygon(ring), Point(1.5, 2.5)
    shapes = {"gn:1": big, "gn:2": small, "gn:3": None}
    ids, wkb = pack_shapes(shapes)
    assert ids == ["gn:1", "gn:2", "gn:3"]
    assert list(wkb) == list(shapely.to_wkb(np.array([big, small, None], dtype=object)))
    again = pack_shapes({"gn:1": big})[1]
    assert again[0] is wkb[0]  # kept from the first trip
    assert pack_shapes({"gn:2": small})[1][0] is not wkb[1]  # a small shape is written each time
    assert unpack_shapes(ids, wkb)["gn:1"].equals(big)
