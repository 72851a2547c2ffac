"""`mapapp serve`'s warm start: the corpus read once before the server listens, handed to the app."""
from __future__ import annotations

import os

from mapapp.app import launch
from mapapp.uploads import file_stats


def test_prepared_frames_are_handed_over_while_the_files_are_unchanged(tmp_path, monkeypatch):
    monkeypatch.setattr(launch, "_prepared", {})
    monkeypatch.setattr(launch, "_parser", None)  # prepare() keeps its parser: later tests must not find it
    # tqdm's monitor thread would outlive the test, and a process with a second thread must not fork
    # (mapapp.batch declines to; tests/test_batch.py asserts it can).
    monkeypatch.setattr("tqdm.tqdm.monitor_interval", 0)
    article = tmp_path / "corpus" / "a.txt"
    article.parent.mkdir()
    article.write_text("Shelling near Khan Younis and Rafah on Monday.", encoding="utf-8")
    paths = (str(article.parent),)

    launch.prepare(list(paths))
    frames = launch.prepared_frames(paths, file_stats(paths))
    assert frames is not None and set(frames.mentions["name"]) >= {"Khan Younis", "Rafah"}
    assert launch.prepared_frames(("elsewhere",), file_stats(paths)) is None

    article.write_text("Shelling near Khan Younis, Rafah and Jabalia on Monday.", encoding="utf-8")
    os.utime(article, ns=(1, 1))
    assert launch.prepared_frames(paths, file_stats(paths)) is None  # changed since: the app reads it again
