"""mapapp.snapshot without a browser: views, captions, the self-contained HTML, the static pictures, the CLI."""
from __future__ import annotations

import hashlib
import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from mapapp import cli
from mapapp.filters import FilterState, apply_filters
from mapapp.snapshot import (
    SnapshotError, Snapshot, View, build_snapshot, parse_bbox, parse_size, snapshot_html, snapshot_png,
    snapshot_static, view_from_map_state, write_snapshot,
)
from mapapp.snapshot import _png_plan
from mapapp.snapshot.view import caption_lines
from mapframes import PAYLOAD, corpus_frames

REPO = Path(__file__).resolve().parents[1]
GAZA = "34.15,31.2,34.6,31.62"


def colours_and_ink(png: bytes, background: tuple[int, int, int] | None = None) -> tuple[tuple[int, int], int, float]:
    """(size, distinct colours, share of pixels unlike the most common colour)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    counts = image.getcolors(maxcolors=1 << 24)
    top = max(counts)[0] if background is None else dict((c, n) for n, c in counts).get(background, 0)
    return image.size, len(counts), 1 - top / (image.size[0] * image.size[1])


def test_size_and_bbox_parsing():
    assert parse_size("1600x1000") == (1600, 1000)
    assert parse_bbox("34.2,31.2,34.6,31.6").bounds == ((31.2, 34.2), (31.6, 34.6))
    for bad in ("1600", "0x10", "axb", "99999x10"):
        with pytest.raises(SnapshotError):
            parse_size(bad)
    for bad in ("1,2,3", "34.6,31.2,34.2,31.6", "a,b,c,d", "0,-95,1,1"):
        with pytest.raises(SnapshotError):
            parse_bbox(bad)


def test_view_from_streamlit_folium_and_its_pixel_size():
    state = {"bounds": {"_southWest": {"lat": -85.0511, "lng": -180}, "_northEast": {"lat": 85.0511, "lng": 0}},
             "center": {"lat": 0, "lng": -90}, "zoom": 1}
    view = view_from_map_state(state)
    assert view.exact and view.center == (0.0, -90.0) and view.zoom == 1
    assert view.pixel_size() == (256, 512)  # half the world's width at zoom 1 (512 px), all its height
    assert view_from_map_state({"zoom": 3}) is None
    assert view_from_map_state(None) is None
    assert _png_plan(view, (512, 700)) == ((256, 512), 2.0, 0.0)  # twice as sharp
    assert _png_plan(view, (1024, 700)) == ((512, 1024), 2.0, 1.0)  # and one zoom level closer
    assert _png_plan(View(bounds=((31, 34), (32, 35))), (800, 500)) == ((800, 500), 1.0, 0.0)


def test_caption_says_filters_and_date_range():
    frames = corpus_frames()
    state = FilterState(kinds=("city", "camp"), articles=("a.txt",))
    snap = build_snapshot(frames, state, title="T")
    assert len(snap.mentions) == 2
    text = "\n".join(snap.caption)
    assert "Corridor closed" in text  # the article's title, not its id
    assert "Kinds: city, camp" in text
    assert "Dates: 2025-02-11" in text
    lines = caption_lines(FilterState(), frames.mentions, frames.articles)
    assert any(line.startswith("Dates: 2025-02-11") and "undated" in line for line in lines)


def test_html_is_self_contained_escaped_and_repeatable():
    frames = corpus_frames()
    snap = build_snapshot(frames, title=PAYLOAD)
    html = snapshot_html(snap).decode("utf-8")
    assert "<script src=" not in html and 'rel="stylesheet"' not in html
    assert "Leaflet 1.9" in html or 'version="1.9' in html  # leaflet.js itself is inside
    assert "MarkerClusterGroup" in html and '"arcs"' in html  # markercluster and the TopoJSON basemap
    assert "url(images/" not in html  # CSS images became data: URIs
    assert "GeoNames (CC BY 4.0)" in html and "Natural Earth" in html
    assert "<script>alert(1)" not in html and "onerror=alert(1)>" not in html
    assert not re.search(r"_[0-9a-f]{32}", html), "folium's random ids must be replaced"
    assert snapshot_html(snap).decode("utf-8") == html


def test_html_bytes_are_the_same_in_another_process():
    code = (
        "import hashlib, sys; sys.path.insert(0, 'tests');"
        "from mapframes import corpus_frames; from mapapp.snapshot import build_snapshot, snapshot_html;"
        "print(hashlib.sha256(snapshot_html(build_snapshot(corpus_frames(), title='x'))).hexdigest())"
    )
    here = hashlib.sha256(snapshot_html(build_snapshot(corpus_frames(), title="x"))).hexdigest()
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
                         env={"PYTHONHASHSEED": "123", "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == here


def test_static_png_has_the_size_and_is_not_blank():
    snap = build_snapshot(corpus_frames(), title="Static", view=parse_bbox(GAZA))
    png = snapshot_static(snap, (900, 600), "png")
    size, colours, ink = colours_and_ink(png)
    assert size == (900, 600)
    assert colours > 50 and ink > 0.2
    assert snapshot_static(snap, (900, 600), "png") == png


def test_pdf_and_svg_open_in_their_readers(tmp_path):
    snap = build_snapshot(corpus_frames(), title="Vector <map>", view=parse_bbox(GAZA))
    pdf = write_snapshot(snap, tmp_path / "m.pdf", size=(800, 500))
    assert (tmp_path / "m.pdf").read_bytes()[:5] == b"%PDF-" and pdf.renderer == "matplotlib"
    write_snapshot(snap, tmp_path / "m.svg", size=(800, 500))
    root = ET.parse(tmp_path / "m.svg").getroot()
    assert root.tag.endswith("svg") and root.get("width").startswith("576")  # 800 px at 100 dpi = 576 pt
    text = (tmp_path / "m.svg").read_text()
    assert "Vector &lt;map&gt;" in text and "GeoNames" in text


def test_png_falls_back_to_matplotlib_without_a_browser(monkeypatch):
    monkeypatch.setattr("mapapp.snapshot.browser.CHROMIUM", Path("/nonexistent/chromium"))
    result = snapshot_png(build_snapshot(corpus_frames(), basemap="osm"), (640, 400))
    assert result.renderer == "matplotlib"
    assert "no Chromium" in result.note and "offline basemap" in result.note
    assert colours_and_ink(result.data)[0] == (640, 400)


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(SnapshotError):
        write_snapshot(Snapshot(corpus_frames().mentions), tmp_path / "map.jpg")


# ---- CLI ---------------------------------------------------------------------------------------

runner = CliRunner()


@pytest.mark.parametrize("args, message", [
    (["-o", "map.jpg"], "unknown snapshot format"),
    (["-o", "map.png", "--size", "big"], "WIDTHxHEIGHT"),
    (["-o", "map.png", "--bbox", "1,2,3"], "minlon,minlat"),
    (["-o", "map.png", "--from", "yesterday"], "not a date"),
    (["-o", "map.png", "--basemap", "google"], "--basemap"),
    (["no/such/folder", "-o", "map.png"], "no such file"),
])
def test_cli_bad_input_exits_2_without_traceback(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli.app, ["snapshot", *args])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert not list(tmp_path.iterdir())


def test_cli_snapshot_of_the_seeds(tmp_path, monkeypatch, gazetteer, seeds_frames):
    monkeypatch.setattr(cli, "_load_gazetteer", lambda layers: gazetteer)
    # Reading and parsing are the pipeline's to test; here the seeds come parsed once per session.
    monkeypatch.setattr("mapapp.pipeline.load_corpus_frames", lambda paths, gazetteer=None: seeds_frames)
    out = tmp_path / "map.html"
    result = runner.invoke(cli.app, ["snapshot", str(REPO / "seeds"), "-o", str(out), "--title", "Seeds"])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    shown = apply_filters(seeds_frames.mentions, FilterState(), with_place=False)  # as the app's map
    assert "<title>Seeds</title>" in html and f"{len(shown)} mentions" in result.output
    result = runner.invoke(cli.app, ["snapshot", str(REPO / "seeds"), "-o", str(tmp_path / "gaza.png"),
                                     "--static", "--size", "800x600", "--bbox", GAZA, "--kind", "city"])
    assert result.exit_code == 0, result.output
    assert "matplotlib" in result.output
    assert colours_and_ink((tmp_path / "gaza.png").read_bytes())[0] == (800, 600)
    result = runner.invoke(cli.app, ["snapshot", str(REPO / "seeds"), "-o", str(tmp_path / "x.png"),
                                     "--article", "nope.txt"])
    assert result.exit_code == 2 and "no article nope.txt" in result.output
