"""Browser-test fixtures: one Chromium per module, and no page may log an error unnoticed."""
from __future__ import annotations

import pytest
from appdriver import CHROMIUM, HEADLESS, OPENED


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("needs Debian chromium at /usr/bin/chromium")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=HEADLESS)
        yield b
        b.close()


@pytest.fixture(autouse=True)
def no_page_errors():
    """Fails the test if any page it opened logged a page error or console error.

    A script error can leave the map blank while every count the test reads still looks
    plausible (a NaN in fitBounds stops Leaflet before it draws anything), so errors are
    checked for every page, not only where a test remembers to.
    """
    OPENED.clear()
    yield
    errors = [e for w in OPENED for e in w.errors]
    OPENED.clear()
    assert not errors, errors
