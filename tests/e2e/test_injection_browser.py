"""No injected script runs, in headless Chromium: the exported snapshot and the running app on a
hostile folder (payloads in article text, titles, file names and a user layer's place names).

Every popup and tooltip the map holds is opened (Leaflet only puts their HTML in the page
then), and the test fails if any dialog opens or ``window.__pwned`` is set in any frame.
"""
from __future__ import annotations

import os

import pytest
from hostile import PAYLOAD, SCRIPT, hostile_user_layer, write_hostile_corpus
from appdriver import ARTIFACTS, CHROMIUM, Watched, map_frame, serve_app
from typer.testing import CliRunner

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api")

# Opens every popup and tooltip of every Leaflet map in the frame (cluster members too).
OPEN_ALL = """() => {
  if (!window.L) return 0;
  let opened = 0;
  for (const key of Object.keys(window)) {
    let map; try { map = window[key]; } catch (e) { continue; }
    if (!(map instanceof L.Map)) continue;
    const layers = [];
    const walk = (l) => { layers.push(l); if (l.getLayers) l.getLayers().forEach(walk); };
    map.eachLayer(walk);
    for (const l of layers) {
      const popup = l.getPopup && l.getPopup();
      if (popup) { L.popup().setLatLng(map.getCenter()).setContent(popup.getContent()).openOn(map); opened++; }
      const tip = l.getTooltip && l.getTooltip();
      if (tip) { L.tooltip({permanent: true}).setLatLng(map.getCenter()).setContent(tip.getContent()).addTo(map); opened++; }
    }
  }
  return opened;
}"""


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile app")
    write_hostile_corpus(folder, big_mb=21)
    (folder / "user layer.txt").write_text(f"Crowds at Qalqiliya Gate. {PAYLOAD}", encoding="utf-8")
    return folder


def watch(browser) -> tuple[Watched, list[str]]:
    w = Watched(browser)
    dialogs: list[str] = []
    w.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return w, dialogs


def assert_nothing_ran(page, dialogs) -> None:
    page.wait_for_timeout(500)  # an <img onerror> fires after its (failed) load
    assert not dialogs, dialogs
    for frame in page.frames:
        assert frame.evaluate("typeof window.__pwned") == "undefined", frame.url


def test_snapshot_of_a_hostile_folder_runs_no_payload(browser, hostile_folder, tmp_path, monkeypatch):
    from mapapp.cli import app
    from mapapp.gazetteer import Gazetteer

    layer = hostile_user_layer(tmp_path / "hostile.csv")
    # The conflict-area layer and the hostile user layer only: the world layer adds nothing here.
    gaz = Gazetteer.load(world=False, user_layers=[layer], compiled=False)
    monkeypatch.setattr(Gazetteer, "load", classmethod(lambda cls, **kw: gaz))
    monkeypatch.setenv("MAPAPP_MAX_ARTICLE_MB", "5")
    out = tmp_path / "x.html"
    result = CliRunner().invoke(app, ["snapshot", str(hostile_folder), "--layer", str(layer), "-o", str(out),
                                      "--title", PAYLOAD])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output  # 1: bad files skipped
    assert "big-20mb.txt: file too large" in result.stderr

    w, dialogs = watch(browser)
    w.page.goto(out.as_uri())
    w.page.wait_for_selector(".leaflet-container")
    assert w.page.evaluate(OPEN_ALL) > 10
    assert_nothing_ran(w.page, dialogs)
    shown = w.page.inner_text("body")
    assert SCRIPT in shown  # the title, as text
    assert w.page.locator(".leaflet-tooltip").filter(has_text=f"{SCRIPT} Gate").count() >= 1  # the user layer's name
    assert not w.external(), w.external()
    w.page.screenshot(path=str(ARTIFACTS / "hostile_snapshot.png"))
    w.page.close()


@pytest.fixture(scope="module")
def hostile_server(hostile_folder):
    env = {**os.environ, "MAPAPP_MAX_ARTICLE_MB": "5"}  # the 21 MB file is skipped by size, not parsed
    with serve_app(hostile_folder, "serve-hostile.log", "--max-upload-mb", "5", env=env, timeout=90) as url:
        yield url


def test_running_app_on_a_hostile_folder_runs_no_payload(browser, hostile_server):
    w, dialogs = watch(browser)
    page = w.page
    page.goto(hostile_server, wait_until="domcontentloaded")
    frame = map_frame(page)
    frame.locator(".leaflet-marker-icon").first.wait_for(timeout=60_000)
    map_frames = [f for f in page.frames if f.evaluate("!!window.L")]
    assert map_frames and sum(f.evaluate(OPEN_ALL) for f in map_frames) > 10

    # The reader shows the article that carries the payloads in its name and text, as text.
    page.locator("[data-testid='stSelectbox']").filter(has_text="Article").first.click()
    page.keyboard.type("Ramallah rally")  # the list is virtual: filter it to the one option
    page.get_by_role("option").filter(has_text="Ramallah rally").first.click()
    reader = page.locator(".mapapp-reader")
    reader.filter(has_text="Ramallah").wait_for(timeout=30_000)
    assert SCRIPT in reader.inner_text()
    assert reader.locator("script, img, iframe").count() == 0
    page.get_by_text("Files skipped or partly read").click()
    page.get_by_text("big-20mb.txt: file too large").wait_for(timeout=10_000)

    assert_nothing_ran(page, dialogs)
    assert not w.external(), w.external()
    page.screenshot(path=str(ARTIFACTS / "hostile_app.png"), full_page=True)
    page.close()
