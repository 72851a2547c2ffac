"""Values remembered by the shapes they are computed from (mapapp.shapememo)."""
from shapely.geometry import Point, box

from mapapp.shapememo import by_shapes


def test_a_value_is_computed_once_for_the_same_shapes_and_numbers():
    calls = []

    @by_shapes(maxsize=8)
    def area_plus(shape, extra):
        calls.append((shape, extra))
        return shape.area + extra

    a = box(0, 0, 2, 2)
    assert area_plus(a, 1.0) == 5.0 and area_plus(a, 1.0) == 5.0
    assert len(calls) == 1
    assert area_plus(a, 2.0) == 6.0  # another number: computed again
    assert len(calls) == 2


def test_an_equal_shape_made_apart_is_another_key():
    calls = []

    @by_shapes(maxsize=8)
    def x_of(shape):
        calls.append(shape)
        return shape.x

    assert x_of(Point(1, 2)) == 1 and x_of(Point(1, 2)) == 1
    assert len(calls) == 2


def test_the_memory_is_bounded_and_forgets_the_oldest_first():
    calls = []

    @by_shapes(maxsize=2)
    def bounds_of(shape):
        calls.append(shape)
        return shape.bounds

    shapes = [box(i, 0, i + 1, 1) for i in range(3)]
    for s in shapes:
        bounds_of(s)
    bounds_of(shapes[2])  # still held
    assert len(calls) == 3
    bounds_of(shapes[0])  # forgotten: computed again
    assert len(calls) == 4


def test_none_and_plain_values_are_keys_by_value():
    @by_shapes(maxsize=4)
    def first(*args):
        return args[0]

    assert first(None, 1.0) is None
    assert first("a", 2) == "a"
