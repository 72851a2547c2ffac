"""The one table of kinds (mapapp.kinds)."""
from mapapp import kinds


def test_a_country_outweighs_a_city_and_a_city_a_village():
    assert kinds.prior("country") > kinds.prior("city") > kinds.prior("village")


def test_an_unknown_kind_weighs_the_default():
    assert kinds.prior("no-such-kind") == kinds.DEFAULT_PRIOR


def test_zones_are_never_large_areas_and_large_areas_never_zones():
    assert kinds.AREA_KINDS.isdisjoint(kinds.ZONE_KINDS)
    assert "corridor" in kinds.ZONE_KINDS and "country" in kinds.AREA_KINDS


def test_countries_and_seas_are_no_point_of_an_article_but_states_and_towns_are():
    assert {"country", "continent", "region", "water"} == kinds.NOT_POINT_KINDS
    assert "admin1" not in kinds.NOT_POINT_KINDS


def test_every_kind_has_a_legend_group():
    assert all(k.group for k in kinds.KINDS.values())


def test_shapes_and_divisible_areas():
    assert {"corridor", "governorate", "water"} <= kinds.SHAPE_KINDS and "road" not in kinds.SHAPE_KINDS
    assert {"country", "admin1", "area"} <= kinds.DIVISIBLE_KINDS
    assert kinds.DIVISIBLE_KINDS.isdisjoint({"continent", "water", "corridor", "city"})
    assert kinds.in_group("Zones") == ("corridor", "line", "region_part", "border")


def test_the_stages_read_their_kind_sets_from_the_table():
    from mapapp.mapview import style
    from mapapp.zones import describe

    assert style.ZONE_KINDS is kinds.ZONE_KINDS and style.AREA_KINDS is kinds.AREA_KINDS
    assert describe.AREA_KINDS is kinds.DIVISIBLE_KINDS
    assert {k for _colour, ks in style.KIND_GROUPS.values() for k in ks} == set(kinds.KINDS)
