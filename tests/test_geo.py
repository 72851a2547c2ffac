"""The one great-circle distance (mapapp.geo)."""
import pytest

from mapapp.geo import EARTH_RADIUS_KM, haversine_km


def test_a_degree_along_the_equator_and_a_quarter_of_the_globe():
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.001)
    assert haversine_km(0, 0, 90, 0) == pytest.approx(EARTH_RADIUS_KM * 3.141592653589793 / 2)


def test_symmetric_zero_on_itself_and_across_the_antimeridian():
    assert haversine_km(31.5, 34.4, 48.85, 2.35) == haversine_km(48.85, 2.35, 31.5, 34.4)
    assert haversine_km(10, 20, 10, 20) == 0
    assert haversine_km(0, 179.5, 0, -179.5) == pytest.approx(haversine_km(0, 0, 0, 1))
