"""How many readers one `mapapp serve` process serves: `make load` or `python benchmarks/load.py`.

Starts `mapapp serve CORPUS` on a free port of 127.0.0.1 (default corpus: seeds/), opens
browser sessions against it in Debian's Chromium (Playwright; one browser, one context, one
page per session, each page its own Streamlit session), and at 1, 5 and 20 sessions has every
session change a filter at the same moment, rounds times over: the search box is set to a place
name the reader marks, then cleared. A filter change's latency is measured in each page, from
its Enter key to

- "updated": the Mentions metric and the map's markers and shapes show the new state (what
  was learnt for that state with one session alone), and
- "settled": no script run in progress and nothing greyed out (st_folium's answer reruns the
  script once more after the map redraws).

The server's RSS (its process and any children) is sampled throughout, and its CPU time per
filter change says what the server itself spends, apart from the browsers on the same machine. The 1-session figures
are the baseline the others are given as ratios of. Browsers and server share the machine, so
on a small one the figures include the browsers' own CPU. Not part of the test suite: timings
belong in a report, not in an assertion.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
        # Every page is a reader looking at the app: none is throttled as a background tab.
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
        "--disable-backgrounding-occluded-windows")
MAX_SESSIONS = 50
WAIT_S = 90.0  # one filter change that takes longer counts as timed out

# What the page shows: the Mentions metric, the map's markers and shapes, whether a run is going on.
STATE_JS = """() => {
  const metric = [...document.querySelectorAll('[data-testid=stMetric]')].find(e => e.innerText.startsWith('Mentions'));
  const frame = document.querySelector("iframe[title*='st_folium']");
  let map = null;
  try {
    const d = frame.contentDocument;
    map = d.querySelectorAll('.leaflet-marker-icon').length + ':' + d.querySelectorAll('.leaflet-overlay-pane path').length;
  } catch (e) {}
  const value = metric && metric.querySelector('[data-testid=stMetricValue]');
  return {mentions: value ? value.innerText : null, map,
          busy: !!document.querySelector('[data-testid=stStatusWidget]') || !!document.querySelector('[data-stale=true]')};
}"""
# In the page: wait from the Enter key until the page shows ``want``; resolves with both latencies in ms.
WATCH_JS = """([want, limit]) => new Promise(resolve => {
  const state = %s;
  let t0 = null, updated = null;
  document.addEventListener('keydown', e => { if (e.key === 'Enter' && t0 === null) t0 = performance.now(); }, true);
  const tick = setInterval(() => {
    if (t0 === null) return;
    const s = state(), now = performance.now();
    if (updated === null && s.mentions === want.mentions && s.map === want.map) updated = now - t0;
    if (updated !== null && !s.busy) { clearInterval(tick); resolve({updated, settled: now - t0}); }
    if (now - t0 > limit) { clearInterval(tick); resolve({updated, settled: null}); }
  }, 10);
})""" % STATE_JS


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_s(pid: int) -> float:
    """CPU seconds the server (and any children) has used so far."""
    import psutil

    try:
        proc = psutil.Process(pid)
        return sum(sum(p.cpu_times()[:2]) for p in [proc, *proc.children(recursive=True)])
    except psutil.Error:
        return float("nan")


def rss_mb(pid: int) -> float:
    import psutil

    try:
        proc = psutil.Process(pid)
        return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)]) / 2**20
    except psutil.Error:
        return float("nan")


@contextlib.contextmanager
def server(corpus: Path, log: Path):
    """`mapapp serve CORPUS` on 127.0.0.1; yields (url, pid) once /_stcore/health answers; stopped after."""
    port = free_port()
    mapapp = shutil.which("mapapp", path=str(Path(sys.executable).parent)) or "mapapp"
    with open(log, "w") as out:
        proc = subprocess.Popen([mapapp, "serve", str(corpus), "--port", str(port), "--host", "127.0.0.1"],
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600
        while True:
            with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"mapapp serve did not come up; see {log}")
            time.sleep(0.2)
        yield url, proc.pid
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)  # `mapapp serve` is the server itself: this stops it
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


async def settle(page, timeout: float = 120.0) -> dict:
    """The page's state once the app has drawn and stopped running (unchanged for a second)."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        now = await page.evaluate(STATE_JS)
        if now != last:
            last, since = now, time.monotonic()
        elif not now["busy"] and now["map"] and now["mentions"] and time.monotonic() - since >= 1.0:
            return now
        await asyncio.sleep(0.1)
    raise SystemExit(f"the page did not settle in {timeout:.0f} s (last seen: {last})")


async def open_session(context, url: str):
    page = await context.new_page()
    await page.set_viewport_size({"width": 1400, "height": 1000})
    await page.goto(url, wait_until="domcontentloaded")
    await page.wait_for_selector("iframe[title*='st_folium']", timeout=120_000)
    await settle(page)
    return page


async def search(page, text: str) -> None:
    box = page.locator("[data-testid='stSidebar'] input[aria-label*='Search']")
    await box.fill(text)
    await box.press("Enter")


async def change(page, text: str, want: dict) -> dict:
    watch = asyncio.ensure_future(page.evaluate(WATCH_JS, [want, WAIT_S * 1000]))
    await asyncio.sleep(0.05)  # the watcher is installed before the key goes down
    await search(page, text)
    return await watch


def summary(values: list[float | None]) -> dict:
    done = sorted(v / 1000 for v in values if v is not None)
    if not done:
        return {"n": 0, "timeouts": len(values)}
    p95 = done[min(len(done) - 1, round(0.95 * (len(done) - 1)))]
    return {"n": len(done), "timeouts": len(values) - len(done), "median": statistics.median(done), "p95": p95,
            "max": done[-1]}


async def run(url: str, pid: int, levels: list[int], rounds: int) -> dict:
    from playwright.async_api import async_playwright

    peak = {"rss": rss_mb(pid)}
    stop = asyncio.Event()

    async def sample():
        while not stop.is_set():
            peak["rss"] = max(peak["rss"], rss_mb(pid))
            await asyncio.sleep(0.25)

    sampler = asyncio.ensure_future(sample())
    report = {"rss_idle_mb": rss_mb(pid), "levels": []}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=list(ARGS))
        context = await browser.new_context()
        pages = [await open_session(context, url)]
        # What each state looks like, learnt with one session alone: "all" and a place the reader marks.
        everything = await settle(pages[0])
        term = (await pages[0].locator(".mapapp-reader mark").first.inner_text()).strip().lower()
        await search(pages[0], term)
        searched = await settle(pages[0])
        await search(pages[0], "")
        await settle(pages[0])
        if searched["mentions"] == everything["mentions"] and searched["map"] == everything["map"]:
            raise SystemExit(f"searching {term!r} changes nothing on the page; cannot time a filter change")
        states = [(term, searched), ("", everything)]
        report.update(term=term, states={"all": everything, "searched": searched})
        print(f"filter change: search box {term!r} ({searched['mentions']} mentions, map {searched['map']}) "
              f"and back ('' : {everything['mentions']} mentions, map {everything['map']})", flush=True)
        for n in levels:
            t = time.monotonic()
            while len(pages) < n:
                pages.append(await open_session(context, url))
            opened = time.monotonic() - t
            peak["rss"] = rss_mb(pid)
            updated, settled = [], []
            cpu0 = cpu_s(pid)
            for _ in range(rounds):
                for text, want in states:
                    got = await asyncio.gather(*(change(pg, text, want) for pg in pages[:n]))
                    updated += [g["updated"] for g in got]
                    settled += [g["settled"] for g in got]
                    await asyncio.gather(*(settle(pg) for pg in pages[:n]))
            level = {"sessions": n, "opened_s": opened, "updated": summary(updated), "settled": summary(settled),
                     "server_cpu_per_change_s": (cpu_s(pid) - cpu0) / len(updated),
                     "rss_mb": rss_mb(pid), "rss_peak_mb": peak["rss"], "load": os.getloadavg()}
            report["levels"].append(level)
            print(line(level, report["levels"][0]), flush=True)
        await browser.close()
    stop.set()
    await sampler
    return report


def line(level: dict, base: dict) -> str:
    def fig(key: str) -> str:
        s, b = level[key], base[key]
        if not s.get("n"):
            return f"{key} all {s['timeouts']} timed out"
        ratio = s["median"] / b["median"] if b.get("n") else float("nan")
        out = f"{key} median {s['median']:5.2f} s p95 {s['p95']:5.2f} s max {s['max']:5.2f} s ({ratio:4.1f}x 1 session)"
        return out + (f", {s['timeouts']} timed out" if s["timeouts"] else "")

    return (f"{level['sessions']:3d} sessions ({level['updated']['n'] + level['updated']['timeouts']:3d} changes): "
            f"{fig('updated')}; {fig('settled')}; server CPU {level['server_cpu_per_change_s']:.2f} s/change; server RSS {level['rss_mb']:.0f} MB (peak {level['rss_peak_mb']:.0f}); "
            f"load avg {level['load'][0]:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=REPO / "seeds", help="files or folder to serve (default: seeds/)")
    ap.add_argument("--sessions", default="1,5,20", help="comma-separated session counts (at most %d)" % MAX_SESSIONS)
    ap.add_argument("--rounds", type=int, default=3, help="filter changes there and back per level (default 3)")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()
    levels = sorted({int(n) for n in args.sessions.split(",")})
    if not levels or levels[0] < 1 or levels[-1] > MAX_SESSIONS or not 1 <= args.rounds <= 20:
        ap.error(f"sessions must be 1..{MAX_SESSIONS} and rounds 1..20")
    if levels[0] != 1:
        levels.insert(0, 1)  # the baseline
    if not CHROMIUM.exists():
        raise SystemExit(f"needs Debian's chromium at {CHROMIUM}")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load avg {os.getloadavg()[0]:.1f}; "
          f"corpus {args.corpus}", flush=True)
    log = REPO / "test-artifacts" / "load-serve.log"
    log.parent.mkdir(exist_ok=True)
    t = time.monotonic()
    with server(args.corpus, log) as (url, pid):
        print(f"server ready in {time.monotonic() - t:.1f} s at {url}, RSS {rss_mb(pid):.0f} MB", flush=True)
        report = asyncio.run(run(url, pid, levels, args.rounds))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
