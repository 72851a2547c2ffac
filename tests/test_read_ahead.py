"""mapapp.read_ahead: a reader process sends the plan and each chunk's problems and articles, in order."""
from __future__ import annotations

import functools
import os
import time

import pytest

from mapapp.batch import can_fork, chunks
from mapapp.corpus import CorpusPlan, plan_corpus
from mapapp.read_ahead import ReadAhead, read_range

pytestmark = pytest.mark.skipif(not can_fork(), reason="the reader is a forked process")


@pytest.fixture
def folder(tmp_path):
    for i in range(12):
        (tmp_path / f"a{i:02d}.txt").write_text(f"Strikes on Rafah, day {i}. " * (20 + i), encoding="utf-8")
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "empty.txt").write_text("")
    return tmp_path


def _split(plan):
    return chunks(plan, jobs=2, target_bytes=2_000)


def test_the_reader_sends_the_plan_then_each_chunk_as_a_read_in_this_process_gives(folder):
    want_plan = plan_corpus([folder])
    reading = ReadAhead([folder], max_bytes=None, split=_split)
    try:
        plan = reading.plan([folder], None)
        spans = reading.split(plan)
        got = list(reading.chunks(len(spans)))
    finally:
        reading.close()
    assert [s.doc for s in plan.sources] == [s.doc for s in want_plan.sources] and len(spans) > 2
    assert got == [read_range(want_plan, span) for span in spans]
    problems = [p for chunk_problems, _ in got for p in chunk_problems]
    assert {os.path.basename(p.path) for p in problems} == {"broken.png", "empty.txt"}


def test_chunks_a_stopped_reader_did_not_send_are_none(folder, monkeypatch):
    def first_then_hang(plan, span):
        if span[0] > 0:
            time.sleep(60)  # killed before it gets further
        return read_range(plan, span)

    monkeypatch.setattr("mapapp.read_ahead.read_range", first_then_hang)
    reading = ReadAhead([folder], max_bytes=None, split=_split)
    monkeypatch.undo()
    try:
        plan = reading.plan([folder], None)
        spans = reading.split(plan)
        got = reading.chunks(len(spans))
        first = next(got)
        reading._process.kill()
        rest = list(got)
    finally:
        reading.close()
    assert first == read_range(plan, spans[0])
    assert rest == [None] * (len(spans) - 1)


def test_a_reader_that_stopped_before_its_plan_leaves_the_plan_to_this_process(folder, monkeypatch):
    monkeypatch.setattr("mapapp.read_ahead.plan_corpus", functools.partial(_fail))
    reading = ReadAhead([folder], max_bytes=None, split=_split)
    monkeypatch.undo()
    try:
        plan = reading.plan([folder], None)
    finally:
        reading.close()
    assert isinstance(plan, CorpusPlan) and len(plan.sources) == 14


def _fail(*_args, **_kwargs):
    os._exit(3)  # the reader dies as a killed process would: no exception, no message
