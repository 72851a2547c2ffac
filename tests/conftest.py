"""Shared fixtures. The gazetteer is the slow part of a parse: build it once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def gazetteer():
    from mapapp.gazetteer import Gazetteer

    return Gazetteer.load()


@pytest.fixture(scope="session")
def seeds_frames(gazetteer):
    """The seed corpus read and parsed (mapapp.pipeline.CorpusFrames), as the app shows it."""
    from mapapp.pipeline import load_corpus_frames

    return load_corpus_frames([REPO / "seeds"], gazetteer=gazetteer)
