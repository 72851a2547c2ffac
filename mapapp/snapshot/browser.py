"""PNG of a snapshot page, rendered by headless Chromium through Playwright.

The page is written to a temporary file and opened as file://; every request
that is not file: or data: is refused unless online tiles were asked for, so a
snapshot never reaches out by accident. The picture is taken once the map has
settled (no tile layer loading, no animation) and two frames have been drawn.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from mapapp.errors import BrowserUnavailable

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    # The same fonts and colours whatever the machine's settings, for repeatable pictures.
    "--font-render-hinting=none", "--force-color-profile=srgb",
)
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")
SETTLE_TIMEOUT_MS = 30_000


def chromium_available(path: Path | None = None) -> bool:
    if not (path or CHROMIUM).is_file():
        return False
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def render_png(
    html: str,
    viewport: tuple[int, int],
    *,
    scale: float = 1.0,
    allow_network: bool = False,
    chromium: Path | None = None,
) -> bytes:
    """Screenshot of ``html`` in a ``viewport`` (CSS pixels) at ``scale`` device pixels per CSS pixel.

    Raises :class:`BrowserUnavailable` when Chromium cannot be started, and
    RuntimeError when the page fails (a script error or a map that never settles).
    """
    chromium = chromium or CHROMIUM  # looked up per call, so tests can point it elsewhere
    if not chromium_available(chromium):
        raise BrowserUnavailable(f"no Chromium at {chromium} (or Playwright is not installed)")
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="mapapp-snapshot-") as tmp:
        page_file = Path(tmp) / "snapshot.html"
        page_file.write_text(html, encoding="utf-8")
        try:
            pw = sync_playwright().start()
        except PlaywrightError as exc:
            raise BrowserUnavailable(f"Playwright could not start: {exc}") from None
        try:
            try:
                browser = pw.chromium.launch(executable_path=str(chromium), args=list(CHROMIUM_ARGS))
            except PlaywrightError as exc:
                raise BrowserUnavailable(f"Chromium would not start: {exc}") from None
            try:
                context = browser.new_context(
                    viewport={"width": viewport[0], "height": viewport[1]}, device_scale_factor=scale,
                )
                page = context.new_page()
                page.on("pageerror", lambda exc: errors.append(str(exc)))

                def gate(route):
                    url = route.request.url
                    if url.startswith(LOCAL_SCHEMES) or (allow_network and url.startswith(("http:", "https:"))):
                        route.continue_()
                    else:
                        route.abort()

                page.route("**/*", gate)
                page.goto(page_file.as_uri(), wait_until="load")
                page.wait_for_function(
                    "window.mapappSnapshot && window.mapappSnapshot.settled()", timeout=SETTLE_TIMEOUT_MS,
                )
                # Two frames: Leaflet draws SVG paths and cluster icons on the frame after it settles.
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                if errors:
                    raise RuntimeError("the snapshot page failed: " + "; ".join(errors))
                return page.screenshot(type="png", full_page=False, animations="disabled", caret="hide")
            except PlaywrightError as exc:
                raise RuntimeError(f"the snapshot page failed in Chromium: {exc}") from None
            finally:
                browser.close()
        finally:
            pw.stop()
