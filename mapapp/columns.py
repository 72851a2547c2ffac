"""Columns of plain values stored as flat binary files, read back without building objects.

The compiled gazetteer keeps ~200k places and ~450k names. As Python objects
they cost ~1.4 kB a place and seconds to build; as flat columns (``array``
numbers, one UTF-8 buffer with offsets for text) they load in milliseconds
and a value becomes an object only when it is asked for.

Every column keeps the exact Python type of what went in (an ``int`` stays an
``int``, ``None`` stays ``None``): a value that changed type on the way
through the cache could change an output file.
"""
from __future__ import annotations

import math
import pickle
from array import array
from collections.abc import Callable
from pathlib import Path

import shapely

_NULL_INT = -(2**63)


class Column:
    """One column: ``get(i)`` is the i-th value as it went in."""

    def __init__(self, kind: str, parts: dict[str, object]):
        self.kind = kind
        self._p = parts
        if kind in ("str", "wkb", "strlist"):
            self._off, self._data = parts["off"], parts["data"]
        if kind == "strlist":
            self._rows = parts["rows"]
        if kind == "dict":
            self._codes, self._values = parts["codes"], parts["values"]
        if kind in ("f8", "i8"):
            self._nums, self._nullable = parts["nums"], parts["nullable"]

    def get(self, i: int):
        k = self.kind
        if k == "str":
            return self._data[self._off[i] : self._off[i + 1]].decode()
        if k == "dict":
            return self._values[self._codes[i]]
        if k == "f8":
            v = self._nums[i]
            return None if self._nullable and v != v else v
        if k == "i8":
            v = self._nums[i]
            return None if self._nullable and v == _NULL_INT else v
        if k == "wkb":
            a, b = self._off[i], self._off[i + 1]
            return None if a == b else shapely.from_wkb(self._data[a:b])
        if k == "strlist":
            off, data = self._off, self._data
            return tuple(data[off[j] : off[j + 1]].decode() for j in range(self._rows[i], self._rows[i + 1]))
        return self._p["values"][i]  # "pickle"

    def __len__(self) -> int:
        if self.kind in ("str", "wkb"):
            return len(self._off) - 1
        if self.kind == "strlist":
            return len(self._rows) - 1
        if self.kind == "dict":
            return len(self._codes)
        if self.kind in ("f8", "i8"):
            return len(self._nums)
        return len(self._p["values"])


def _text(values: list[bytes]) -> tuple[array, bytes]:
    off = array("q", [0])
    total = 0
    for v in values:
        total += len(v)
        off.append(total)
    return off, b"".join(values)


def encode(values: list) -> Column:
    """The most compact column kind that gives back exactly these values."""
    types = {type(v) for v in values}
    non_null = types - {type(None)}
    nullable = type(None) in types
    if non_null <= {float} and non_null:
        if not any(v is not None and math.isnan(v) for v in values):
            nums = array("d", (math.nan if v is None else v for v in values))
            return Column("f8", {"nums": nums, "nullable": nullable})
    if non_null == {int} and all(v is None or -(2**63) < v < 2**63 for v in values):
        nums = array("q", (_NULL_INT if v is None else v for v in values))
        return Column("i8", {"nums": nums, "nullable": nullable})
    if non_null == {str} and not nullable and len(set(values)) * 4 > len(values):
        off, data = _text([v.encode("utf-8", "surrogatepass") for v in values])
        return Column("str", {"off": off, "data": data})
    if non_null == {tuple} and all(type(s) is str for t in values for s in t):
        rows = array("q", [0])
        for t in values:
            rows.append(rows[-1] + len(t))
        off, data = _text([s.encode("utf-8", "surrogatepass") for t in values for s in t])
        return Column("strlist", {"rows": rows, "off": off, "data": data})
    if non_null and all(hasattr(v, "geom_type") for v in values if v is not None):
        blobs = [b"" if v is None else shapely.to_wkb(v) for v in values]
        if all(v is None or shapely.from_wkb(b).equals_exact(v, 0) for v, b in zip(values, blobs)):
            off, data = _text(blobs)
            return Column("wkb", {"off": off, "data": data})
    try:
        uniques: dict = {}
        codes = array("i", (uniques.setdefault((type(v), v), len(uniques)) for v in values))
        return Column("dict", {"codes": codes, "values": [v for _t, v in uniques]})
    except TypeError:  # unhashable values: kept as they are
        return Column("pickle", {"values": list(values)})


def save(column: Column, folder: Path, name: str) -> dict:
    """Write the column's parts as files named ``name.*`` in ``folder``; return what `load` needs."""
    meta: dict = {"kind": column.kind, "parts": {}}
    for part, value in column._p.items():
        path = folder / f"{name}.{part}"
        if isinstance(value, array):
            path.write_bytes(value.tobytes())
            meta["parts"][part] = ["array", value.typecode]
        elif isinstance(value, bytes):
            path.write_bytes(value)
            meta["parts"][part] = ["bytes"]
        elif isinstance(value, bool):
            meta["parts"][part] = ["value", value]
        else:
            path.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            meta["parts"][part] = ["pickle"]
    return meta


def load(read: Callable[[str], bytes], name: str, meta: dict) -> Column:
    """The column `save` wrote as ``name.*``; ``read`` gives a file's bytes by its name (a sealed folder's
    `read_bytes`, which checks them)."""
    parts: dict[str, object] = {}
    for part, how in meta["parts"].items():
        if how[0] == "value":
            parts[part] = how[1]
            continue
        raw = read(f"{name}.{part}")
        if how[0] == "array":
            arr = array(how[1])
            arr.frombytes(raw)
            parts[part] = arr
        elif how[0] == "bytes":
            parts[part] = raw
        else:
            parts[part] = pickle.loads(raw)
    return Column(meta["kind"], parts)
