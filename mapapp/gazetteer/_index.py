"""The compiled gazetteer's lookups: places by id and by name key over flat columns.

Keys and ids are found through sorted 64-bit hashes (a bisect, then a check
of the stored string, so a collision costs a comparison, never a wrong
answer); a key's place list is a slice of one int array (CSR). Places are
made from their columns on first use and then kept, so the same id gives the
same object, as in the plain `Gazetteer`.
"""
from __future__ import annotations

import dataclasses
import hashlib
from array import array
from bisect import bisect_left
from collections.abc import Iterator

from mapapp.gazetteer import Gazetteer
from mapapp.columns import Column, encode
from mapapp.model import Place
from mapapp.normalize import name_key

_FIELDS = [(f.name, f.default_factory) for f in dataclasses.fields(Place)]


def key_hash(text: str) -> int:
    """A hash of a string that is the same in every process (Python's ``hash`` is salted)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def _hashed(strings: list[str]) -> tuple[Column, Column]:
    order = sorted(range(len(strings)), key=lambda i: key_hash(strings[i]))
    hashes = array("Q", (key_hash(strings[i]) for i in order))
    return Column("i8", {"nums": hashes, "nullable": False}), Column("i8", {"nums": array("i", order), "nullable": False})


def build_index(ids: list[str], keys: list[tuple[str, list[int]]]) -> dict[str, Column]:
    """Columns for lookups by id and by name key; ``keys`` in the gazetteer's own order, with place positions."""
    off = array("q", [0])
    flat = array("i")
    for _key, positions in keys:
        flat.extend(positions)
        off.append(len(flat))
    key_strings = [k for k, _ in keys]
    out = {"index.key": encode(key_strings),
           "index.key_off": Column("i8", {"nums": off, "nullable": False}),
           "index.key_ids": Column("i8", {"nums": flat, "nullable": False})}
    out["index.key_hash"], out["index.key_perm"] = _hashed(key_strings)
    out["index.id_hash"], out["index.id_perm"] = _hashed(ids)
    return out


class CompiledGazetteer(Gazetteer):
    """A read-only Gazetteer over compiled columns; same answers as the Gazetteer it was compiled from."""

    def __init__(self, cols: dict, meta: dict):  # noqa: D107 - no super(): no dicts to fill
        self.layers = list(meta["layers"])
        self._version = meta["version"]
        self._info = meta["info"]
        self._sparse = {name: cols[name] for name, factory in _FIELDS if factory is not dataclasses.MISSING}
        self._cols = {name: cols[name] for name, factory in _FIELDS if factory is dataclasses.MISSING}
        self._ids = self._cols["id"]
        self._key, self._key_off, self._key_ids = cols["index.key"], cols["index.key_off"]._nums, cols["index.key_ids"]._nums
        self._key_hash, self._key_perm = cols["index.key_hash"]._nums, cols["index.key_perm"]._nums
        self._id_hash, self._id_perm = cols["index.id_hash"]._nums, cols["index.id_perm"]._nums
        self._made: dict[int, Place] = {}

    # -- positions ------------------------------------------------------
    def _position(self, place_id: str) -> int | None:
        h = key_hash(place_id)
        i = bisect_left(self._id_hash, h)
        while i < len(self._id_hash) and self._id_hash[i] == h:
            if self._ids.get(self._id_perm[i]) == place_id:
                return self._id_perm[i]
            i += 1
        return None

    def _key_positions(self, key: str):
        h = key_hash(key)
        i = bisect_left(self._key_hash, h)
        while i < len(self._key_hash) and self._key_hash[i] == h:
            k = self._key_perm[i]
            if self._key.get(k) == key:
                return self._key_ids[self._key_off[k] : self._key_off[k + 1]]
            i += 1
        return ()

    def _new_place(self, pos: int) -> Place:
        values = {name: col.get(pos) for name, col in self._cols.items()}
        for name, sparse in self._sparse.items():
            values[name] = sparse[pos] if pos in sparse else _FACTORIES[name]()
        return Place(**values)

    def _place(self, pos: int) -> Place:
        p = self._made.get(pos)
        if p is None:
            p = self._made[pos] = self._new_place(pos)
        return p

    # -- the Gazetteer's lookups ----------------------------------------
    def get(self, place_id: str) -> Place | None:
        pos = self._position(place_id)
        return None if pos is None else self._place(pos)

    def __getitem__(self, place_id: str) -> Place:
        p = self.get(place_id)
        if p is None:
            raise KeyError(place_id)
        return p

    def __contains__(self, place_id: object) -> bool:
        return isinstance(place_id, str) and self._position(place_id) is not None

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[Place]:
        # Places not asked for yet are made for the caller but not kept: a full scan stays cheap in memory.
        for pos in range(len(self._ids)):
            yield self._made.get(pos) or self._new_place(pos)

    def candidates_for_key(self, key: str) -> list[Place]:
        return self._ordered([self._place(pos) for pos in self._key_positions(key)])

    def candidates(self, name: str) -> list[Place]:
        return self.candidates_for_key(name_key(name))

    def keys(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        for k in range(len(self._key)):
            ids = self._key_ids[self._key_off[k] : self._key_off[k + 1]]
            yield self._key.get(k), tuple(self._ids.get(pos) for pos in ids)

    def search(self, query: str, limit: int = 20) -> list[Place]:
        q = name_key(query)
        out = self.candidates(query)
        seen = {p.id for p in out}
        for k in range(len(self._key)):
            if len(out) >= limit:
                break
            key = self._key.get(k)
            if key.startswith(q) and key != q:
                for pos in self._key_ids[self._key_off[k] : self._key_off[k + 1]]:
                    if self._ids.get(pos) not in seen:
                        seen.add(self._ids.get(pos))
                        out.append(self._place(pos))
        return out[:limit]

    @property
    def version(self) -> str:
        return self._version

    def info(self) -> dict:
        return dict(self._info)

    def add_layer(self, places, *, name: str) -> int:
        raise TypeError("a compiled gazetteer is read-only: load it with compiled=False to add layers")


_FACTORIES = {name: factory for name, factory in _FIELDS if factory is not dataclasses.MISSING}
