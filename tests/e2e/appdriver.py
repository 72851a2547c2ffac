"""Driving the app in headless Chromium: serve a folder, watch a page, read what the map drew.

Shared by the browser tests (tests/e2e/test_*_browser.py); Playwright and Debian's chromium.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
SCREENSHOT = REPO / "docs" / "screenshot.png"
HEADLESS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
# Issue 5 asks for places and zones on screen within 5 s of the server being ready; measured
# 3-4 s (written to test-artifacts/first_page.txt). The assertion's bound is wider so that a
# loaded CI machine cannot flake it, yet the ~18 s of a first page that parses is still caught.
FIRST_PAGE_TARGET_S = 5.0
FIRST_PAGE_BOUND_S = 12.0
ZONE_STROKES = ("#c2410c", "#6d28d9", "#be185d")  # mapapp.mapview.style.zone_style colours
READY_AT: dict[str, float] = {}  # server URL -> when /_stcore/health first answered OK

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_app(folder: Path, log_name: str, *extra: str, env: dict | None = None, timeout: float = 300):
    """`mapapp serve FOLDER` on a free port; yields its URL once /_stcore/health answers."""
    port = _free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / log_name, "w")
    mapapp = shutil.which("mapapp", path=str(Path(sys.executable).parent)) or "mapapp"
    proc = subprocess.Popen([mapapp, "serve", str(folder), "--port", str(port), *extra], stdout=log,
                            stderr=subprocess.STDOUT, cwd=REPO, env=env, start_new_session=True)
    url = f"http://localhost:{port}"
    # serve parses the corpus before Streamlit starts: a cold results cache takes a while.
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        READY_AT[url] = time.monotonic()
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"mapapp serve did not come up; see {ARTIFACTS / log_name}")
            time.sleep(0.1)
        yield url
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, 15)
        proc.wait(timeout=20)
        log.close()


OPENED: list["Watched"] = []  # pages opened by the running test; conftest fails it on their errors


class Watched:
    """A page with every request URL and every console error / page error recorded.

    Every Watched page is checked after its test (tests/e2e/conftest.py): a page error or a
    console error fails the test even when the test itself forgot to look.
    """

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1500, "height": 1250})
        OPENED.append(self)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)

    def external(self) -> list[str]:
        return [u for u in self.requests
                if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).hostname not in LOCAL_HOSTS]


def map_frame(page):
    page.wait_for_selector("iframe[title*='st_folium']", timeout=90_000)
    frame = page.frame_locator("iframe[title*='st_folium']")
    frame.locator(".leaflet-container").wait_for(timeout=30_000)
    return frame


def counts(frame) -> dict[str, int]:
    return {
        "markers": frame.locator(".leaflet-marker-icon").count(),
        "paths": frame.locator(".leaflet-overlay-pane path.leaflet-interactive").count(),
        "basemap": frame.locator(".leaflet-tile-pane path").count(),
    }


def wait_for_counts(frame, predicate, timeout=30.0, interval=0.5):
    deadline = time.monotonic() + timeout
    while True:
        now = counts(frame)
        if predicate(now) or time.monotonic() > deadline:
            return now
        time.sleep(interval)
