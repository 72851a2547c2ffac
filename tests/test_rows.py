"""mapapp.rows: plain columns and packed shapes for the trip back from a worker."""
from __future__ import annotations

from mapapp.model import MENTION_COLUMNS
from mapapp.rows import ORDINAL, mention_columns, pack_shapes
from test_output import corpus


def _part(mentions, first_article=0):
    columns, shapes = mention_columns(mentions)
    columns[ORDINAL] = [first_article + i for i in range(len(mentions))]
    return columns, *pack_shapes(shapes)


def test_columns_are_the_contract_with_dates_as_text_and_every_place_a_shape():
    columns, shapes = mention_columns(corpus())
    assert list(columns) == list(MENTION_COLUMNS) and all(len(v) == 6 for v in columns.values())
    assert set(columns["place_id"]) == set(shapes)
    assert mention_columns([]) == ({}, {})


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
