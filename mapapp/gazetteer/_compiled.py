"""The compiled gazetteer: the loaded gazetteer and its automaton, saved so the next start only reads files.

Loading builds ~200k Places and runs ``name_variants`` on ~480k names (~15 s,
~800 MB); the compiled form keeps the result as flat columns (see
``_columns``), a hashed name index, and the matcher's saved Aho-Corasick
automaton, and makes a Place only when one is asked for.

A compiled gazetteer lives in ``<cache>/compiled-<key>/``; the key covers
everything the result depends on: the world layer's file key, the bytes of
geodata/ and of the user layers, the code that turns them into places and
names, and the library versions that wrote the files. It is built in a
temporary folder and renamed into place, so a killed build leaves nothing
half-written under the final name; a folder whose files do not match their
recorded digests is deleted and rebuilt.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import pickle
import shutil
import sys
import tempfile
import time
import zlib
from importlib.metadata import version as package_version
from pathlib import Path

import ahocorasick

from mapapp.gazetteer import _columns as columns
from mapapp.gazetteer._index import CompiledGazetteer, build_index, key_hash
from mapapp.model import Place

log = logging.getLogger(__name__)
FORMAT_VERSION = 1
KEEP_BUILDS = 4  # compiled folders kept per cache dir (several layer choices may be in use)
_PKG = Path(__file__).resolve().parents[1]
# What turns layers into names and keys: the code, and the word lists the matcher compiles (lexicon/).
_CODE = ("normalize.py", "match.py", "model.py", "gazetteer", "lexicon")


def _digest_files(paths) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(str(p.name).encode())
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:16]


def _checksum(path: Path) -> str:
    # CRC-32 finds damage (a truncated or garbled file) at twice SHA-256's speed; the folder's name already says which inputs it holds.
    return f"{path.stat().st_size}:{zlib.crc32(path.read_bytes()):08x}"


def code_version() -> str:
    files = []
    for item in _CODE:
        path = _PKG / item
        files += sorted(p for p in path.iterdir() if p.suffix in (".py", ".txt", ".csv")) if path.is_dir() else [path]
    return _digest_files(files)


def compiled_key(*, world: bool, local: bool, user_layers: list[Path], cache_dir: Path) -> str:
    from mapapp.gazetteer._local import GEODATA_DIR
    from mapapp.gazetteer._world import world_layer_path

    parts = [f"format={FORMAT_VERSION}", f"py={sys.version_info[:2]}", f"code={code_version()}",
             f"pyahocorasick={package_version('pyahocorasick')}", f"shapely={package_version('shapely')}"]
    if world:
        parts.append("world=" + world_layer_path(cache_dir).stem)
    if local:
        parts.append("local=" + _digest_files(p for p in GEODATA_DIR.iterdir() if p.is_file()))
    parts += [f"user={p.stem}:{_digest_files([p])}" for p in user_layers]
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
    """Save a loaded gazetteer and its matcher as the compiled folder ``folder`` (atomically)."""
    from mapapp.match import Matcher

    matcher = Matcher(gaz)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        meta = _write(gaz, matcher, tmp)
        del matcher
        meta["files"] = {p.name: _checksum(p) for p in sorted(tmp.iterdir())}
        (tmp / "meta.json").write_text(json.dumps(meta))
        try:
            os.rename(tmp, folder)
        except OSError:  # another process finished the same build first; theirs is as good
            if not (folder / "meta.json").is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _prune(folder.parent, keep=folder)
    return folder


def _write(gaz, matcher, folder: Path) -> dict:
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
    # The matcher's automaton, with ints for values: the same words and indices in less memory.
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for word, idx in matcher._automaton.items():
        automaton.add_word(word, idx)
    automaton.make_automaton()
    # Pickled rather than Automaton.save(): pickle.loads rebuilds it ~7x faster than ahocorasick.load.
    (folder / "automaton.pickle").write_bytes(pickle.dumps(automaton, protocol=pickle.HIGHEST_PROTOCOL))
    mk = matcher._keys
    meta["columns"]["m.key"] = columns.save(columns.encode([k.key for k in mk]), folder, "m.key")
    meta["columns"]["m.form_len"] = columns.save(columns.encode([k.form_len for k in mk]), folder, "m.form_len")
    exact = {i: k.exact_forms for i, k in enumerate(mk) if k.exact_forms is not None}
    (folder / "m.exact").write_bytes(pickle.dumps(exact, protocol=pickle.HIGHEST_PROTOCOL))
    return meta


def open_compiled(folder: Path) -> CompiledGazetteer:
    """Read a compiled folder, checking every file against its recorded digest first."""
    meta = json.loads((folder / "meta.json").read_text())
    if meta.get("format") != FORMAT_VERSION:
        raise ValueError(f"format {meta.get('format')} is not {FORMAT_VERSION}")
    present = {p.name for p in folder.iterdir()} - {"meta.json"}
    if present != set(meta["files"]):
        raise ValueError("files missing or added")
    for name, digest in meta["files"].items():
        if _checksum(folder / name) != digest:
            raise ValueError(f"{name} does not match its digest")
    cols = {}
    for name, m in meta["columns"].items():
        if m.get("sparse"):
            cols[name] = pickle.loads((folder / f"place.{name}.sparse").read_bytes())
        elif name.startswith(("index.", "m.")) or name == "automaton":
            cols[name] = columns.load(folder, name, m)
        else:
            cols[name] = columns.load(folder, f"place.{name}", m)
    automaton = pickle.loads((folder / "automaton.pickle").read_bytes())
    exact = pickle.loads((folder / "m.exact").read_bytes())
    gaz = CompiledGazetteer(cols, automaton, exact, meta)
    gaz.content_key = folder.name.removeprefix("compiled-")  # names every input, unlike .version (keys results)
    return gaz


def _prune(cache_dir: Path, *, keep: Path) -> None:
    """Drop all but the newest compiled folders, and temporary ones left by killed builds."""
    now = time.time()
    for p in cache_dir.glob(".compiled-*"):
        if now - p.stat().st_mtime > 3600:
            shutil.rmtree(p, ignore_errors=True)
    builds = sorted((p for p in cache_dir.glob("compiled-*") if p.is_dir() and p != keep),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for p in builds[KEEP_BUILDS - 1 :]:
        shutil.rmtree(p, ignore_errors=True)


__all__ = ["CompiledGazetteer", "build_compiled", "code_version", "compile_gazetteer", "compiled_key", "key_hash", "load_compiled",
           "open_compiled"]
