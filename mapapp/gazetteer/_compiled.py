"""The compiled gazetteer: the loaded gazetteer saved so the next start only reads files.

Loading builds ~200k Places and runs ``name_variants`` on ~480k names (~15 s,
~800 MB); the compiled form keeps the result as flat columns (see
``mapapp.columns``) and a hashed name index, and makes a Place only when one is
asked for. The matcher keeps its own automaton beside it (``mapapp.match_cache``).

A compiled gazetteer lives in ``<cache>/compiled-<key>/``; the key covers
everything the result depends on: the world layer's file key, the bytes of
geodata/ and of the user layers, the code that turns them into places and
names, and the library versions that wrote the files. It is built in a
temporary folder and renamed into place (``mapapp.io.atomic_folder``), so a
killed build leaves nothing half-written under the final name; a folder whose
files do not match their recorded digests is deleted and rebuilt.
"""
from __future__ import annotations

import dataclasses
import hashlib
import logging
import pickle
import shutil
import sys
import time
from importlib.metadata import version as package_version
from pathlib import Path

from mapapp import columns
from mapapp.gazetteer._index import CompiledGazetteer, build_index, key_hash
from mapapp.io import atomic_folder, open_sealed, prune_builds, seal_folder
from mapapp.model import Place
from mapapp.versions import code_files, code_version, digest_files

log = logging.getLogger(__name__)
FORMAT_VERSION = 2  # 2: the matcher's automaton moved to its own folder (mapapp.match_cache)
KEEP_BUILDS = 4  # compiled folders kept per cache dir (several layer choices may be in use)
# What turns layers into places and name keys.
_CODE = ("normalize.py", "model.py", "gazetteer")


def compiled_key(*, world: bool, local: bool, user_layers: list[Path], cache_dir: Path) -> str:
    from mapapp.gazetteer._local import GEODATA_DIR
    from mapapp.gazetteer._world import world_layer_path

    parts = [f"format={FORMAT_VERSION}", f"py={sys.version_info[:2]}", f"code={code_version(code_files(_CODE))}",
             f"shapely={package_version('shapely')}"]
    if world:
        parts.append("world=" + world_layer_path(cache_dir).stem)
    if local:
        parts.append("local=" + digest_files(p for p in GEODATA_DIR.iterdir() if p.is_file()))
    parts += [f"user={p.stem}:{digest_files([p])}" for p in user_layers]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def load_compiled(*, world: bool, local: bool, user_layers: list[Path], cache_dir: Path):
    """The gazetteer for these layers from its compiled form, compiling it first when missing or bad."""
    from mapapp.gazetteer._user import installed_layers

    cache_dir = Path(cache_dir)
    layers = [*map(Path, user_layers), *installed_layers(cache_dir)]
    folder = cache_dir / f"compiled-{compiled_key(world=world, local=local, user_layers=layers, cache_dir=cache_dir)}"
    if folder.is_dir():
        try:
            return open_compiled(folder)
        except Exception as exc:  # noqa: BLE001 - any damage means: do not trust it, rebuild
            log.warning("compiled gazetteer %s is unusable (%s); rebuilding it", folder.name, exc)
            shutil.rmtree(folder, ignore_errors=True)
    build_compiled(folder, world=world, local=local, user_layers=user_layers, cache_dir=cache_dir)
    return open_compiled(folder)


def build_compiled(folder: Path, *, world: bool, local: bool, user_layers, cache_dir: Path) -> Path:
    """Load the gazetteer the slow way, compile its matcher, and save both atomically as ``folder``."""
    from mapapp.gazetteer import Gazetteer

    started = time.perf_counter()
    gaz = Gazetteer.load(world=world, local=local, user_layers=user_layers, cache_dir=cache_dir, compiled=False)
    compile_gazetteer(gaz, folder)
    log.info("compiled gazetteer %s in %.1f s", folder.name, time.perf_counter() - started)
    return folder


def compile_gazetteer(gaz, folder: Path) -> Path:
    """Save a loaded gazetteer as the compiled folder ``folder`` (atomically)."""
    with atomic_folder(folder) as tmp:
        seal_folder(tmp, _write(gaz, tmp))
    prune_builds(folder.parent, "compiled", keep=folder, builds=KEEP_BUILDS)
    return folder


def _write(gaz, folder: Path) -> dict:
    places = list(gaz)
    meta: dict = {"format": FORMAT_VERSION, "version": gaz.version, "layers": list(gaz.layers),
                  "info": gaz.info(), "columns": {}}
    for f in dataclasses.fields(Place):
        values = [getattr(p, f.name) for p in places]
        if f.default_factory is not dataclasses.MISSING:  # sparse: only the places that carry one
            empty = f.default_factory()
            values = {i: v for i, v in enumerate(values) if v != empty}
            (folder / f"place.{f.name}.sparse").write_bytes(pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL))
            meta["columns"][f.name] = {"sparse": True}
            continue
        meta["columns"][f.name] = columns.save(columns.encode(values), folder, f"place.{f.name}")
    position = {p.id: i for i, p in enumerate(places)}
    keys = [(key, [position[i] for i in ids]) for key, ids in gaz.keys()]
    index = build_index([p.id for p in places], keys)
    for name, col in index.items():
        meta["columns"][name] = columns.save(col, folder, name)
    return meta


def open_compiled(folder: Path) -> CompiledGazetteer:
    """Read a compiled folder, checking every file against its recorded digest as it is read."""
    sealed = open_sealed(folder, FORMAT_VERSION)
    meta = sealed.meta
    cols = {}
    for name, m in meta["columns"].items():
        if m.get("sparse"):
            cols[name] = pickle.loads(sealed.read_bytes(f"place.{name}.sparse"))
        elif name.startswith("index."):
            cols[name] = columns.load(sealed.read_bytes, name, m)
        else:
            cols[name] = columns.load(sealed.read_bytes, f"place.{name}", m)
    sealed.check_unread()
    gaz = CompiledGazetteer(cols, meta)
    gaz.content_key = folder.name.removeprefix("compiled-")  # names every input, unlike .version (keys results)
    gaz.folder = folder  # where later stages keep what they compile from it (the matcher's automaton)
    return gaz



__all__ = ["CompiledGazetteer", "build_compiled", "compile_gazetteer", "compiled_key", "key_hash", "load_compiled",
           "open_compiled"]
