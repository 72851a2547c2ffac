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


@pytest.fixture(scope="session")
def world_cache(tmp_path_factory):
    """A world layer built from the package data into a fresh folder, once per session (~20 s)."""
    from mapapp.gazetteer._world import build_world_layer

    cache_dir = tmp_path_factory.mktemp("world")
    build_world_layer(cache_dir)
    return cache_dir


@pytest.fixture(scope="session")
def world_places(world_cache):
    from mapapp.gazetteer._world import load_world_layer

    return load_world_layer(world_cache)


@pytest.fixture(scope="session")
def world_by_key(world_places):
    """World places by normalised name key."""
    from mapapp.normalize import name_key

    index: dict[str, list] = {}
    for p in world_places:
        for n in p.names:
            index.setdefault(name_key(n), []).append(p)
    return index


@pytest.fixture(scope="session")
def parser(gazetteer):
    """A Parser on the session gazetteer (the matcher and resolver, built once)."""
    from mapapp.pipeline import Parser

    return Parser(gazetteer)
