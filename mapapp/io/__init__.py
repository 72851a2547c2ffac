"""The I/O home: every file mapapp writes, and the write-then-rename rule they all follow.

- `mapapp.io.write`: the output model (mentions and places) and tables, in every data
  format of `mapapp.formats`;
- `mapapp.io.read`: reading those files back;
- `mapapp.io.atomic`: write, then rename (`atomic_path` for files, `atomic_folder` for
  cache folders) and sealed folders (a checksum a file, checked before it is trusted).

Input files are read in one place too: `mapapp.corpus`.
"""
from __future__ import annotations

from mapapp.errors import OutputError
from mapapp.io.atomic import atomic_folder, atomic_path, open_sealed, prune_builds, seal_folder
from mapapp.io.read import read_table
from mapapp.io.write import (
    mentions_geodata, output_format, places_path_for, to_geojson, write_layers, write_mentions, write_places,
    write_results, write_table,
)

__all__ = ["OutputError", "atomic_folder", "atomic_path", "mentions_geodata", "open_sealed", "output_format",
           "places_path_for", "prune_builds", "read_table", "seal_folder", "to_geojson", "write_layers", "write_mentions",
           "write_places", "write_results", "write_table"]
