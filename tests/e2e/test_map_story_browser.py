"""The map a reader understands at a glance (issue 15), in headless Chromium on the seeds at 1400x900.

Names of the top places are on the first view, which fits the Gaza Strip; the day slider
changes the zones drawn (the Netzarim Corridor in February 2025, the yellow line in
November) and the URL; the compare view draws two articles side by side. With
MAPAPP_UPDATE_SCREENSHOT=1 the timeline strip in docs/ is retaken.
"""
from __future__ import annotations

import os

import pytest
from appdriver import ARTIFACTS, CHROMIUM, REPO, SCREENSHOT, Watched, map_frame, serve_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api")
DESKTOP = {"width": 1400, "height": 900}
STRIP = REPO / "docs" / "timeline.png"
STRIP_DAYS = ("2025-01-20", "2025-02-11", "2025-03-19", "2025-07-16", "2025-11-24")


@pytest.fixture(scope="module")
def server():
    with serve_app(REPO / "seeds", "serve-story.log") as url:
        yield url


def _page(browser, url: str):
    w = Watched(browser)
    w.page.set_viewport_size(DESKTOP)
    w.page.goto(url, wait_until="domcontentloaded")
    return w, map_frame(w.page)


def _labels(frame) -> list[str]:
    """Texts of the labels inside the map's visible area."""
    return frame.locator("body").evaluate("""() => {
      const box = document.querySelector('.leaflet-container').getBoundingClientRect();
      return [...document.querySelectorAll('.mapapp-label-anchor')].filter(el => {
        const r = el.firstChild.getBoundingClientRect();
        return r.width > 0 && r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
      }).map(el => el.textContent.trim());
    }""")


def _gaza_strip_bounds():
    from mapapp.gazetteer import load_geodata

    (strip,) = [p for p in load_geodata() if p.id == "gz:gaza-strip"]
    west, south, east, north = strip.geometry.bounds
    return south, west, north, east


def test_first_view_names_the_top_places_and_fits_the_gaza_strip(server, browser):
    w, frame = _page(browser, server)
    frame.locator(".mapapp-label-anchor .mapapp-label").filter(has_text="Rafah").first.wait_for(timeout=60_000)
    labels = _labels(frame)
    assert {"Rafah", "Khan Younis"} <= set(labels), labels  # the two most-mentioned towns, unhovered
    assert any("Strip" in text for text in labels), labels  # zones are named too
    view = frame.locator("body").evaluate("() => { const b = window.map.getBounds();"
                                          " return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; }")
    south, west, north, east = view
    g_south, g_west, g_north, g_east = _gaza_strip_bounds()
    assert south <= g_south and west <= g_west and north >= g_north and east >= g_east, (view, _gaza_strip_bounds())
    assert (north - south) <= 3 * (g_north - g_south) and (east - west) <= 3 * (g_east - g_west), view
    width = w.page.locator("iframe[title*='st_folium']").bounding_box()["width"]
    assert width >= 0.6 * DESKTOP["width"], width  # the map takes the page's main width
    w.page.wait_for_timeout(1000)  # let the shapes settle before the picture
    w.page.screenshot(path=str(ARTIFACTS / "story-first-view.png"))
    if os.environ.get("MAPAPP_UPDATE_SCREENSHOT") == "1":
        w.page.screenshot(path=str(SCREENSHOT))
    assert not w.external(), w.external()
    w.page.close()


def _inforce(frame, slug: str) -> int:
    return frame.locator(f"path.mapapp-inforce-{slug}").count()


def _set_day(page, frame, day: str, presses: str, count: int) -> None:
    thumb = page.locator("[data-testid='stSlider'] input[type='range']").first
    thumb.focus()
    page.keyboard.press(presses.split()[0])
    for _ in range(count):
        page.keyboard.press(presses.split()[1])
    page.wait_for_function(f"() => location.search.includes('date={day}')", timeout=30_000)


def test_the_day_slider_changes_the_zones_in_force_and_the_url(server, browser):
    w, frame = _page(browser, server)
    page = w.page
    page.get_by_text("One day", exact=True).click()
    page.locator("[data-testid='stSlider'] input[type='range']").first.wait_for(state="attached", timeout=30_000)
    _set_day(page, frame, "2025-02-01", "Home ArrowRight", 12)  # 2025-01-20 + 12 days
    netzarim, yellow = "zone-netzarim-corridor", "zone-yellow-line"
    frame.locator(f"path.mapapp-inforce-{netzarim}").first.wait_for(timeout=30_000)
    assert _inforce(frame, netzarim) == 1 and _inforce(frame, yellow) == 0
    assert "Netzarim Corridor" in _labels(frame)
    page.screenshot(path=str(ARTIFACTS / "story-2025-02-01.png"))

    _set_day(page, frame, "2025-11-01", "End ArrowLeft", 23)  # 2025-11-24 - 23 days
    # The yellow line is in force on the slider's last day too: wait for the redraw of the day asked for.
    frame.locator(".mapapp-date").filter(has_text="2025-11-01").wait_for(timeout=30_000)
    frame.locator(f"path.mapapp-inforce-{yellow}").first.wait_for(timeout=30_000)
    assert _inforce(frame, yellow) == 1 and _inforce(frame, netzarim) == 0
    assert "date=2025-11-01" in page.url
    assert frame.locator(".mapapp-date").inner_text().strip() == "2025-11-01"  # the date on the map itself
    page.screenshot(path=str(ARTIFACTS / "story-2025-11-01.png"))
    assert not w.external(), w.external()
    page.close()
    if os.environ.get("MAPAPP_UPDATE_SCREENSHOT") == "1":
        _timeline_strip(server, browser)


def _timeline_strip(server, browser) -> None:
    """docs/timeline.png: the map on five days, side by side."""
    from PIL import Image, ImageDraw, ImageFont

    shots = []
    for day in STRIP_DAYS:
        w, frame = _page(browser, f"{server}/?date={day}&undated=0")
        frame.locator(".mapapp-date").filter(has_text=day).wait_for(timeout=60_000)
        w.page.wait_for_timeout(1500)
        path = ARTIFACTS / f"strip-{day}.png"
        w.page.locator("iframe[title*='st_folium']").screenshot(path=str(path))
        shots.append(Image.open(path).convert("RGB"))
        w.page.close()
    crop = [s.crop((s.width // 2 - 260, 0, s.width // 2 + 260, s.height)) for s in shots]
    font = ImageFont.load_default(size=30)
    for c, day in zip(crop, STRIP_DAYS):
        draw = ImageDraw.Draw(c)
        draw.rectangle((8, 8, 200, 50), fill="white", outline="#94a3b8")
        draw.text((16, 12), day, fill="#111827", font=font)
    strip = Image.new("RGB", (sum(c.width for c in crop) + 8 * (len(crop) - 1), crop[0].height), "white")
    x = 0
    for c in crop:
        strip.paste(c, (x, 0))
        x += c.width + 8
    strip.resize((strip.width // 2, strip.height // 2), Image.LANCZOS).save(STRIP, optimize=True)


def test_compare_view_draws_both_articles_in_their_colours(server, browser):
    w, frame = _page(browser, server)
    page = w.page
    page.locator("[data-testid='stSidebar']").get_by_text("Compare", exact=True).click()
    both = frame.locator(".leaflet-container")
    page.wait_for_function("() => [...document.querySelectorAll('iframe')].some(f => {"
                           " try { return f.contentDocument.querySelectorAll('.leaflet-container').length === 2; }"
                           " catch (e) { return false; } })", timeout=60_000)
    assert both.count() == 2
    blue, orange = "#1d4ed8", "#c2410c"  # mapapp.mapview.compare.COLOURS
    frame.locator(f".leaflet-overlay-pane path[stroke='{orange}']").first.wait_for(timeout=30_000)
    left, right = both.nth(0), both.nth(1)
    assert left.locator(f"path[stroke='{blue}']").count() > 0 and left.locator(f"path[stroke='{orange}']").count() == 0
    assert right.locator(f"path[stroke='{orange}']").count() > 0 and right.locator(f"path[stroke='{blue}']").count() == 0
    titles = [t.inner_text() for t in frame.locator(".mapapp-legend").filter(has_text="mentions of").all()]
    assert len(titles) == 2 and titles[0].startswith("A") and titles[1].startswith("B"), titles
    assert "Israeli forces begin withdrawal" in titles[1]
    page.screenshot(path=str(ARTIFACTS / "story-compare.png"))
    assert not w.external(), w.external()
    page.close()
