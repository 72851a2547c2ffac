"""WGS84 <-> metric projections (mapapp.zones._metric)."""
import numpy as np
import pytest
import shapely
from pyproj import CRS, Transformer

from mapapp.zones import _metric as M


@pytest.mark.parametrize("lat, lon", [(23.63, -102.55), (-33.1, 151.2), (64.2, -20.0), (0.0, 0.0)])
def test_the_equal_area_pipeline_gives_what_pyproj_builds_from_the_crs(lat, lon):
    crs = M.crs_for(shapely.box(lon - 1, lat - 1, lon + 1, lat + 1))
    assert crs.startswith("+proj=laea")
    rng = np.random.default_rng(7)
    x, y = rng.uniform(lon - 15, lon + 15, 2000), np.clip(rng.uniform(lat - 15, lat + 15, 2000), -89, 89)
    forward = Transformer.from_crs(CRS.from_user_input(4326), CRS.from_user_input(crs), always_xy=True)
    inverse = Transformer.from_crs(CRS.from_user_input(crs), CRS.from_user_input(4326), always_xy=True)
    ex, ey = forward.transform(x, y)
    gx, gy = M._forward(crs).transform(x, y)
    assert np.array_equal(ex, gx) and np.array_equal(ey, gy)
    bx, by = M._inverse(crs).transform(ex, ey)
    wx, wy = inverse.transform(ex, ey)
    assert np.array_equal(bx, wx) and np.array_equal(by, wy)


def test_gaza_and_its_neighbours_use_utm_36n_and_a_round_trip_keeps_the_shape():
    gaza = shapely.box(34.2, 31.2, 34.6, 31.6)
    assert M.crs_for(gaza) == "EPSG:32636"
    metric = M.to_metric(gaza)
    assert 1_500 < metric.area / 1e6 < 1_700  # 0.4 x 0.4 degrees at 31.4 N
    assert M.to_wgs84(metric).equals_exact(gaza, 1e-9)
