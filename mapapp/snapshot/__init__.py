"""Snapshots of the map: a self-contained HTML file, a PNG of a view, PDF/SVG pictures.

    snap = build_snapshot(frames, FilterState(kinds=("camp",)), view=parse_bbox("34.2,31.2,34.6,31.6"))
    result = write_snapshot(snap, "map.png", size=(1600, 1000))
    result.renderer   # "chromium", or "matplotlib" where no browser is installed (result.note says so)

- HTML (:mod:`.html`): the folium map with Leaflet, markercluster and the basemap inlined;
- PNG (:mod:`.browser`): that page in headless Chromium, at exactly the view asked for;
- PNG without a browser, PDF, SVG (:mod:`.static`): geopandas + matplotlib.
"""
from __future__ import annotations

import dataclasses
import math
from pathlib import Path

from mapapp import filters, formats
from mapapp.filters import FilterState
from mapapp.io import atomic_path
from mapapp.snapshot.browser import BrowserUnavailable, chromium_available, render_png
from mapapp.snapshot.html import render_html
from mapapp.snapshot.static import render_static
from mapapp.snapshot.view import (
    DEFAULT_SIZE, Snapshot, SnapshotError, View, caption_lines, parse_bbox, parse_size, view_from_map_state,
)

__all__ = [
    "DEFAULT_SIZE", "Rendered", "Snapshot", "SnapshotError", "View", "build_snapshot",
    "chromium_available", "parse_bbox", "parse_size", "snapshot_html", "snapshot_png", "snapshot_static",
    "view_from_map_state", "write_snapshot",
]

DEFAULT_TITLE = "Places in the news"


@dataclasses.dataclass(frozen=True)
class Rendered:
    """A rendered snapshot: its bytes, what drew it ('html', 'chromium', 'matplotlib') and any note for the user."""

    data: bytes
    renderer: str
    note: str = ""
    mime: str = "application/octet-stream"


def build_snapshot(
    frames,
    state: FilterState | None = None,
    *,
    title: str | None = None,
    basemap: str = "offline",
    view: View | None = None,
    heat: bool = False,
) -> Snapshot:
    """The snapshot of a corpus (``mapapp.pipeline.CorpusFrames``) under the app's filters.

    Like the app's map, a place chosen by clicking narrows the table, not the map; like
    it, a day or range asked for draws the named zones in force then.
    """
    state = state or FilterState()
    shown = filters.apply_filters(frames.mentions, state, with_place=False)
    return Snapshot(
        mentions=shown, articles=frames.articles, named_zones=frames.named_zones,
        title=title or DEFAULT_TITLE, caption=tuple(caption_lines(state, shown, frames.articles)),
        basemap=basemap, view=view, when=state.window(filters.date_range(frames.articles)), heat=heat,
    )


def snapshot_html(snap: Snapshot) -> bytes:
    """The interactive map as one offline HTML file (UTF-8 bytes, identical for identical input)."""
    return render_html(snap).encode("utf-8")


def snapshot_static(snap: Snapshot, size: tuple[int, int] = DEFAULT_SIZE, fmt: str = "png") -> bytes:
    return render_static(snap, size, fmt)


def _png_plan(view: View | None, size: tuple[int, int]) -> tuple[tuple[int, int], float, float]:
    """Viewport (CSS px), device scale and zoom shift for the picture.

    A view someone left the map at keeps its extent: the picture is ``size``'s
    width, its height follows their map's aspect ratio. Up to twice their
    size the device scale does it (crisp, like a HiDPI screen); beyond, a
    fractional zoom, so the caption and legend do not grow to fill the picture.
    A box to fit is drawn at ``size`` exactly.
    """
    seen = view.pixel_size() if view is not None else None
    if seen is None:
        return size, 1.0, 0.0
    scale = size[0] / seen[0]
    dpr = min(max(scale, 1.0), 2.0)
    grow = scale / dpr
    return (round(seen[0] * grow), round(seen[1] * grow)), dpr, math.log2(grow)


def snapshot_png(snap: Snapshot, size: tuple[int, int] = DEFAULT_SIZE, *, browser: bool = True) -> Rendered:
    """PNG by Chromium when there is one, else by matplotlib (``note`` says why)."""
    if browser:
        viewport, scale, zoom_shift = _png_plan(snap.view, size)
        if zoom_shift:
            snap = dataclasses.replace(snap, view=dataclasses.replace(snap.view, zoom=snap.view.zoom + zoom_shift))
        try:
            data = render_png(render_html(snap, for_image=True), viewport, scale=scale,
                              allow_network=snap.basemap != "offline")
            return Rendered(data, "chromium", mime=formats.media_type("png"))
        except BrowserUnavailable as exc:
            note = f"static picture (matplotlib): {exc}"
    else:
        note = "static picture (matplotlib)"
    if snap.basemap != "offline":
        note += "; the static picture uses the offline basemap, not map tiles"
    return Rendered(render_static(snap, size, "png"), "matplotlib", note, formats.media_type("png"))


def write_snapshot(snap: Snapshot, out: str | Path, *, size: tuple[int, int] = DEFAULT_SIZE, browser: bool = True) -> Rendered:
    """Render by ``out``'s extension (.html .png .pdf .svg) and write it atomically."""
    out = Path(out)
    fmt = formats.format_of(out, "snapshot")
    if fmt.writer == "html":
        result = Rendered(snapshot_html(snap), "html", mime=fmt.media_type)
    elif fmt.writer == "png":
        result = snapshot_png(snap, size, browser=browser)
    else:
        note = "the static picture uses the offline basemap, not map tiles" if snap.basemap != "offline" else ""
        result = Rendered(render_static(snap, size, fmt.suffix[1:]), "matplotlib", note, fmt.media_type)
    with atomic_path(out) as tmp:
        tmp.write_bytes(result.data)
    return result
