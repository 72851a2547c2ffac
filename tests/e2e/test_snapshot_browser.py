"""Snapshots in headless Chromium: the HTML file works offline, the PNG is the picture asked for.

The HTML is opened from file:// with every request recorded: only file: and
data: URLs may appear. Markers are counted in the page (inside clusters too).
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from mapapp.snapshot import View, build_snapshot, parse_bbox, snapshot_html, snapshot_png
from mapapp.snapshot.browser import CHROMIUM_ARGS
from mapframes import corpus_frames

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api")
GAZA = "34.15,31.2,34.6,31.62"
PLACES_IN_FIXTURE = 3  # Jabalia, Rafah (twice, one marker), Washington


@pytest.fixture()
def browser():  # not kept open: snapshot_png starts its own Playwright, and two sync ones cannot nest
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        yield b
        b.close()


def test_html_snapshot_loads_offline_with_its_markers(browser, tmp_path):
    path = tmp_path / "map.html"
    path.write_bytes(snapshot_html(build_snapshot(corpus_frames(), title="Offline")))
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function("window.mapappSnapshot && window.mapappSnapshot.settled()", timeout=15_000)
    assert page.evaluate("mapappSnapshot.markers()") == PLACES_IN_FIXTURE
    assert page.locator(".leaflet-overlay-pane path").count() >= 3  # Egypt, the corridor, south of Rafah
    assert page.locator(".mapapp-caption h1").inner_text() == "Offline"
    assert page.locator(".leaflet-control-scale").count() == 1
    assert page.locator(".mapapp-legend").count() == 1
    assert "GeoNames (CC BY 4.0)" in page.locator(".leaflet-control-attribution").inner_text()
    outside = [u for u in requests if not u.startswith(("file:", "data:"))]
    assert not outside, outside
    assert not errors, errors
    page.close()


def test_png_has_the_requested_size_and_content():
    result = snapshot_png(build_snapshot(corpus_frames(), title="PNG", view=parse_bbox(GAZA)), (1000, 640))
    assert result.renderer == "chromium"
    image = Image.open(io.BytesIO(result.data)).convert("RGB")
    assert image.size == (1000, 640)
    counts = image.getcolors(maxcolors=1 << 24)
    assert len(counts) > 200
    assert 1 - max(counts)[0] / (1000 * 640) > 0.3  # far from one flat colour


def test_png_of_an_exact_view_keeps_its_aspect_and_repeats():
    # A 600x400 map the user left at zoom 10 over Gaza, asked for 1200 px wide.
    view = View(bounds=((31.22512, 33.96561), (31.69369, 34.78959)), center=(31.4597, 34.3776), zoom=10)
    snap = build_snapshot(corpus_frames(), title="View", view=view)
    first = Image.open(io.BytesIO(snapshot_png(snap, (1200, 750)).data)).convert("RGB")
    assert first.size == (1200, 800)
    second = Image.open(io.BytesIO(snapshot_png(snap, (1200, 750)).data)).convert("RGB")
    diff = ImageChops.difference(first, second).convert("L").point(lambda v: 255 if v > 48 else 0)
    changed = diff.histogram()[255] / (first.size[0] * first.size[1])
    assert changed < 0.002, f"{changed:.2%} of pixels differ between two renders"
