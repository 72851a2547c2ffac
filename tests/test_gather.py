"""mapapp.gather: the parts workers send back, gathered in order with each shape once."""
from __future__ import annotations

from shapely.geometry import Point

from mapapp.gather import Gathered
from mapapp.rows import ORDINAL, SHAPE_SEPARATOR, shape_digest
from test_output import corpus, mention
from test_rows import _part


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
