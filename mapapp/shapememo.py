"""Geometry computed from gazetteer shapes, remembered by the shapes' identity.

A corpus names the same few areas again and again ("the US-Mexico border", "from Rafah to Khan
Younis"), and the band or the distance drawn from two shapes, or the point shown for a zone, is the
same every time: it depends on nothing but those shapes and the plain numbers passed with them, so it
is computed once and kept, whichever article or worker meets it first.

Shapes are told apart by identity (a big polygon's hash reads all its coordinates); each entry holds
its shapes, so no other shape can take their ids while it is kept. A shape made afresh for one article
(a mention's own) is simply not found again. The memory is bounded: the oldest entry goes first.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

import shapely

T = TypeVar("T")
_MEMOS: list[dict] = []


def by_shapes(maxsize: int = 256) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Remember a function of shapes (by identity) and hashable plain values (by value)."""
    def decorate(compute: Callable[..., T]) -> Callable[..., T]:
        kept: dict[tuple, tuple[tuple, T]] = {}
        _MEMOS.append(kept)

        @functools.wraps(compute)
        def remembered(*args):
            key = tuple(id(a) if isinstance(a, shapely.Geometry) else a for a in args)
            hit = kept.get(key)
            if hit is not None:  # its shapes are held: no other shape can have their ids meanwhile
                return hit[1]
            value = compute(*args)
            if len(kept) >= maxsize:  # (a Dask worker's threads share it: another may have taken it first)
                kept.pop(next(iter(kept), None), None)
            kept[key] = (args, value)
            return value

        remembered.cache_clear = kept.clear  # type: ignore[attr-defined]
        return remembered
    return decorate


def clear_all() -> None:
    """Forget every remembered value (for tests and measurements)."""
    for kept in _MEMOS:
        kept.clear()
