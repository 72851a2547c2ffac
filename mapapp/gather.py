"""The parts of a batch (what worker processes send back, in order) gathered into one `Results`.

A worker sends plain columns (`mapapp.rows.mention_columns`, with an ``ORDINAL`` column numbering each
row's article) and each distinct shape once as WKB (`mapapp.rows.pack_shapes`). The parent turns each
part into a frame as it comes, while the workers parse the next ones, and keeps each shape once,
compared by its bytes: the same country arrives in every part.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mapapp.output import Results, empty_rows, from_columns
from mapapp.rows import ORDINAL, SHAPE_SEPARATOR, shape_digest, unpack_shapes


class Gathered:
    """Parts' columns and packed shapes (`mention_columns` + `pack_shapes`, an ``ORDINAL`` column numbering each
    row's article) as they come back, in order, as one `Results`; each shape kept once (compared
    by its bytes). `mapapp.batch` imports this module (and with it pandas) once its workers are running."""

    def __init__(self):
        self.frames = []
        self.shapes: dict = {}
        self._wkb: dict[str, bytes] = {}

    def add(self, columns: dict[str, list], ids: list[str], wkb, *, offset: int) -> None:
        renames, new_ids, new_wkb = {}, [], []
        for pid, data in zip(ids, wkb):
            have = self._wkb.get(pid)
            if have is None:
                self._wkb[pid] = data
                new_ids.append(pid)
                new_wkb.append(data)
            elif have != data:  # one id, two shapes: the later shape is named apart (see mapapp.rows)
                shape = unpack_shapes([pid], np.array([data], dtype=object))[pid]
                renames[pid] = f"{pid}{SHAPE_SEPARATOR}{shape_digest(shape)}"
                if renames[pid] not in self._wkb:
                    self._wkb[renames[pid]] = data
                    self.shapes[renames[pid]] = shape
        self.shapes.update(unpack_shapes(new_ids, np.array(new_wkb, dtype=object)))
        if not columns:
            return
        rows = from_columns(columns, {}).rows
        if renames:
            rows["place_id"] = rows["place_id"].map(lambda p: renames.get(p, p))
        rows[ORDINAL] = np.asarray(columns[ORDINAL], dtype=np.int64) + offset
        self.frames.append(rows)

    def results(self) -> Results:
        if not self.frames:
            rows = empty_rows()
            rows[ORDINAL] = np.zeros(0, dtype=np.int64)
        else:
            rows = pd.concat(self.frames, ignore_index=True) if len(self.frames) > 1 else self.frames[0]
        self.frames = []
        return Results(rows, self.shapes)
