"""Untrusted text stays text; bad user layers are refused by name; files appear whole or not at all.

The browser half (does any payload run?) is tests/e2e/test_injection_browser.py;
here the HTML we produce is checked as text, and writers are killed mid-write.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hostile import IMG, PAYLOAD, PAYLOADS, SCRIPT, TEMPLATE, hostile_user_layer, write_hostile_corpus
from typer.testing import CliRunner

from mapapp.mapview import build_map, js_string, safe_html
from mapapp.reader import highlight_html, sentence_html

REPO = Path(__file__).resolve().parents[1]
# What must never reach a page raw: a tag, an event handler attribute, a template-literal hole.
LIVE = ("<script>window.__pwned", "<img src=x", "onerror=\"window", "${window.__pwned", "${alert")


def assert_inert(html: str) -> None:
    for live in LIVE:
        assert live not in html, live


@pytest.mark.parametrize("payload", [*PAYLOADS, PAYLOAD, "</script><script>alert(1)</script>", "\u2028`\\${x}"])
def test_escapers_leave_nothing_live(payload):
    out = safe_html(payload)
    assert not set("<>\"'`$\\") & set(out)
    js = js_string(payload)
    assert "</" not in js and "`" not in js and "$" not in js and "\u2028" not in js
    import json

    assert json.loads(js) == payload  # same text, once the browser decodes it


def test_reader_escapes_text_around_and_inside_mentions():
    text = f"{SCRIPT} Rafah {IMG}\n{TEMPLATE}"
    start = text.index("Rafah")
    html = highlight_html(text, [(start, start + 5, f"{IMG} (city)")], (start, start + 5))
    assert_inert(html)
    assert '<mark title="&lt;img' in html and ">Rafah</mark>" in html
    assert_inert(sentence_html(text, start, start + 5))


@pytest.fixture(scope="module")
def hostile_frames(tmp_path_factory, parser):
    from mapapp.pipeline import load_corpus_frames

    folder = tmp_path_factory.mktemp("hostile")
    write_hostile_corpus(folder, big_mb=0)
    return load_corpus_frames([folder], parser=parser)


def test_map_of_a_hostile_corpus_carries_no_live_payload(hostile_frames):
    frames = hostile_frames
    assert PAYLOAD in " ".join(frames.articles["text"])  # the payloads really are in the data
    html = build_map(frames.mentions, frames.articles, frames.named_zones).get_root().render()
    assert_inert(html)


def test_snapshot_html_carries_no_live_payload(hostile_frames):
    from mapapp.filters import FilterState
    from mapapp.snapshot import build_snapshot, snapshot_html

    html = snapshot_html(build_snapshot(hostile_frames, FilterState(), title=PAYLOAD)).decode("utf-8")
    assert_inert(html)
    assert f"<title>{safe_html(PAYLOAD)}</title>" in html


@pytest.fixture(scope="module")
def user_gazetteer(tmp_path_factory):
    from mapapp.gazetteer import Gazetteer

    layer = hostile_user_layer(tmp_path_factory.mktemp("layer") / "hostile.csv")
    return Gazetteer.load(world=False, local=False, user_layers=[layer], compiled=False)


def test_user_layer_names_are_data_in_the_map(user_gazetteer):
    from mapapp.model import Article
    from mapapp.pipeline import Parser, articles_frame

    article = Article(id="u.txt", doc="u.txt", path="u.txt", title=PAYLOAD,
                      text=f"Crowds at Qalqiliya Gate and at Tulkarm Checkpoint Nine. {PAYLOAD}")
    mentions = Parser(user_gazetteer).parse([article])
    assert {SCRIPT + " Gate"} <= set(mentions["name"]) and len(mentions) == 2
    assert_inert(build_map(mentions, articles_frame([article])).get_root().render())


def test_app_shows_hostile_titles_names_text_and_file_names_as_text():
    testing = pytest.importorskip("streamlit.testing.v1")
    from mapframes import corpus_frames

    from mapapp.model import ReadProblem

    frames = corpus_frames()
    frames.mentions.loc[0, "name"] = PAYLOAD
    frames.articles.loc[0, "title"] = PAYLOAD
    frames.articles.loc[0, "text"] += PAYLOAD
    frames.problems = [ReadProblem(f"{PAYLOAD}.txt", "binary file")]
    at = testing.AppTest.from_file(str(REPO / "mapapp" / "app" / "streamlit_app.py"), default_timeout=60)
    at.session_state["mapapp.frames"] = frames
    at.run()
    assert not at.exception, at.exception
    reader = [h.proto.body for h in at.get("html") if "mapapp-reader" in h.proto.body]
    assert reader and safe_html(PAYLOAD) in reader[0]
    assert_inert(reader[0])
    assert at.selectbox(key="reader_article").options[0] == PAYLOAD  # a label, shown as plain text
    assert f"{PAYLOAD}.txt: binary file" in [t.value for t in at.text]  # st.text: never markdown or HTML


# -- user layers: refused naming the line or feature, nothing installed, the built-in gazetteer intact ----------

BAD_LAYERS = {
    "bad.csv": ("name,lat,lon\nGood,31.5,34.4\nBad,north,34.4\n", "error: bad.csv: line 3: bad coordinates"),
    "bad-number.csv": ("name,lat,lon,population\nGood,31.5,34.4,12\nBad,31.5,34.4,many\n",
                       "error: bad-number.csv: line 3 (Bad): population, precision_m and geonames_id must be numbers"),
    "far.csv": ("name,lat,lon\nGood,31.5,34.4\nFar,95,34.4\n", "error: far.csv: line 3 (Far): coordinates out of range"),
    "no-name.csv": ("title,lat,lon\nA,1,2\n", "error: no-name.csv: no 'name' column"),
    "bad.geojson": ('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"A"},'
                    '"geometry":{"type":"Point","coordinates":[34,31]}},{"type":"Feature","properties":{"name":"B"},'
                    '"geometry":{"type":"Polygon","coordinates":[[1,2]]}}]}',
                    "error: bad.geojson: feature 2 (B): invalid geometry"),
    "nameless.geojson": ('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},'
                         '"geometry":{"type":"Point","coordinates":[34,31]}}]}',
                         "error: nameless.geojson: feature 1: feature has no name"),
    "truncated.geojson": ('{"type":"FeatureCollection","features":[', "error: truncated.geojson: not valid JSON (line 1"),
}


@pytest.mark.parametrize("name", sorted(BAD_LAYERS))
def test_gazetteer_add_refuses_a_bad_layer_naming_the_fault(name, tmp_path, monkeypatch):
    from mapapp.cli import app

    content, message = BAD_LAYERS[name]
    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["gazetteer", "add", name])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(message), result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "cache" / "layers").exists() or not any((tmp_path / "cache" / "layers").iterdir())


def test_built_in_gazetteer_still_loads_beside_a_good_user_layer(tmp_path, monkeypatch):
    from mapapp.cli import app
    from mapapp.gazetteer import Gazetteer

    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path / "cache"))
    hostile_user_layer(tmp_path / "hostile.csv")
    ok = CliRunner().invoke(app, ["gazetteer", "add", str(tmp_path / "hostile.csv")])
    assert ok.exit_code == 0 and "2 places in layer hostile" in ok.stdout, ok.output
    gaz = Gazetteer.load(world=False, cache_dir=tmp_path / "cache", compiled=False)
    assert gaz.candidates("Khan Younis") and gaz.candidates("Qalqiliya Gate")


# -- nothing lost ----------------------------------------------------------------------------------------------

WRITER = textwrap.dedent("""
    import sys
    import geopandas as gpd
    from shapely.geometry import Point
    from mapapp.export import write_export
    from mapapp.io import write_table
    rows = [{"doc": "d%d" % i, "article_id": "d", "start": 0, "end": 1, "surface": "x" * 200, "place_id": "p",
             "name": "n", "kind": "city", "rule": "", "geometry": Point(34 + i * 1e-6, 31)} for i in range(200_000)]
    big = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    print("ready", flush=True)
    (write_export if sys.argv[1].endswith(".gpkg") else write_table)(big, sys.argv[1])
    print("done", flush=True)
""")


def _temporary_file_growing(folder, name) -> bool:
    for p in folder.iterdir():
        try:
            if p.name.startswith(f".{name}.") and p.stat().st_size > 100_000:
                return True
        except FileNotFoundError:  # renamed into place between listing and looking
            pass
    return False


@pytest.mark.parametrize("name", ["mentions.geojson", "export.gpkg"])
def test_a_writer_killed_mid_write_leaves_the_previous_file(name, tmp_path):
    import geopandas as gpd
    from shapely.geometry import Point

    from mapapp.export import write_export
    from mapapp.io import read_table, write_table

    target = tmp_path / name
    old = gpd.GeoDataFrame([{"doc": "old", "article_id": "old", "start": 0, "end": 5, "surface": "Rafah",
                             "place_id": "gz:rafah", "name": "Rafah", "kind": "city", "rule": "",
                             "geometry": Point(34.25, 31.28)}], geometry="geometry", crs="EPSG:4326")
    (write_export if name.endswith(".gpkg") else write_table)(old, target)
    before = target.read_bytes()
    for _attempt in range(3):  # the kill must land while the temporary file is being written
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, cwd=REPO)
        try:
            assert proc.stdout.readline().strip() == b"ready"
            deadline = time.monotonic() + 60
            # The writer may finish between two looks (then this attempt counts as "finished first").
            while proc.poll() is None and not _temporary_file_growing(tmp_path, name):
                assert time.monotonic() < deadline, "the writer never started writing"
                time.sleep(0.005)
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.kill()
            proc.wait()
        leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(f".{name}.")]
        if leftovers:  # killed mid-write: the half-written file is the temporary one
            break
        before = target.read_bytes()  # it finished first; the new file is the previous one now
    assert leftovers, "could not kill the writer mid-write"
    assert target.read_bytes() == before
    assert len(read_table(target)) in (1, 200_000)


def test_an_upload_named_like_an_article_is_added_beside_it(parser):
    from mapframes import corpus_frames

    from mapapp.pipeline import parse_uploaded
    from mapapp.uploads import existing_names, merge, unique_names

    base = corpus_frames()
    (name, renamed), = unique_names(existing_names(base.articles), ["a.txt"])
    assert renamed and name == "a (2).txt"
    merged = merge(base, parse_uploaded([(name, b"Fighting near Khan Younis.")], parser=parser))
    assert list(merged.articles["article_id"]) == ["a.txt", "b.txt", "a (2).txt"]
    assert merged.articles.loc[0, "text"] == base.articles.loc[0, "text"]  # the first a.txt is untouched
    assert set(merged.mentions[merged.mentions["article_id"] == "a (2).txt"]["surface"]) == {"Khan Younis"}


# -- sessions ---------------------------------------------------------------------------------------------------

APP = REPO / "mapapp" / "app" / "streamlit_app.py"


def _mentions(at) -> int:
    return int(next(m.value for m in at.metric if m.label == "Mentions"))


def test_two_sessions_filter_apart_and_share_one_parser(gazetteer, monkeypatch, tmp_path):
    testing = pytest.importorskip("streamlit.testing.v1")
    import streamlit as st

    from mapapp.gazetteer import Gazetteer

    loads = []
    monkeypatch.setattr(Gazetteer, "load", classmethod(lambda cls, **kw: loads.append(kw) or gazetteer))
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Strikes hit Khan Younis and Rafah. Aid reached Nuseirat.", encoding="utf-8")
    (folder / "b.txt").write_text("Talks in Cairo and Doha went on.", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["streamlit_app.py", str(folder)])
    st.cache_resource.clear()
    st.cache_data.clear()
    first, second = (testing.AppTest.from_file(str(APP), default_timeout=120) for _ in range(2))
    first.run()
    second.run()
    assert not first.exception and not second.exception, (first.exception, second.exception)
    total = _mentions(first)
    first.multiselect(key="f_articles").set_value(["a.txt"]).run()
    second.text_input(key="f_text").input("doha").run()
    assert (_mentions(first), _mentions(second)) == (3, 1) and total == 5
    first.run()
    assert _mentions(first) == 3  # the other session's filter did not leak in
    assert len(loads) == 1  # one gazetteer for both sessions (st.cache_resource)
    st.cache_resource.clear()


def test_memory_does_not_grow_with_reruns():
    testing = pytest.importorskip("streamlit.testing.v1")
    import gc
    import tracemalloc

    from mapframes import corpus_frames

    at = testing.AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["mapapp.frames"] = corpus_frames()
    at.run()
    filters = [["a.txt"], ["b.txt"], []]
    texts = ["rafah", "", "egypt", "x"]
    for i in range(6):  # warm-up: caches and lazy imports fill here
        at.multiselect(key="f_articles").set_value(filters[i % 3]).run()
    tracemalloc.start()
    gc.collect()  # garbage waiting for the collector is not growth
    before = tracemalloc.get_traced_memory()[0]
    for i in range(44):  # 50 reruns in all, each with another filter
        widget = at.multiselect(key="f_articles").set_value(filters[i % 3]) if i % 2 else \
            at.text_input(key="f_text").input(texts[i % 4])
        widget.run()
    gc.collect()
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert not at.exception
    # Measured: about 5 MB (Streamlit recompiles and keeps bits of the script per run), no trend per filter.
    assert grown < 10_000_000, f"{grown / 1e6:.1f} MB more after 44 reruns"
