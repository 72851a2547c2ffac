"""The matcher's compiled form: its automaton and per-pattern records, kept beside the compiled gazetteer.

Building the Aho-Corasick automaton over ~450k names takes seconds; reading it
back takes a fraction of one. The matcher saves what it built the first time
it meets a compiled gazetteer, in ``<cache>/matcher-<key>/``, where the key
names the gazetteer's contents (its compiled folder's key), the matching code
and word lists, and the pyahocorasick version. The gazetteer knows nothing of
it: the earlier stage never holds the later one's records.
"""
from __future__ import annotations

import hashlib
import logging
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import ahocorasick

from mapapp import columns
from mapapp.io import atomic_folder, open_sealed, prune_builds, seal_folder
from mapapp.versions import code_files, code_version

log = logging.getLogger(__name__)
FORMAT_VERSION = 1
KEEP_BUILDS = 4
# What the matcher's patterns depend on beyond the gazetteer's names: its code and its word lists.
_CODE = ("match.py", "match_form.py", "match_cache.py", "normalize.py", "lexicon")


def folder_for(gazetteer) -> Path | None:
    """Where this gazetteer's matcher is kept, or None for a gazetteer that is not compiled (nothing to key it by)."""
    where = getattr(gazetteer, "folder", None)
    content = getattr(gazetteer, "content_key", None)
    if where is None or content is None:
        return None
    key = hashlib.sha256(f"{content}|{code_version(code_files(_CODE), ['pyahocorasick'])}".encode()).hexdigest()[:16]
    return Path(where).parent / f"matcher-{key}"


class LazyKeys:
    """The matcher's per-pattern records, made on first use from the saved columns."""

    def __init__(self, make: Callable, keys: columns.Column, form_len: columns.Column, exact: dict):
        self._make, self._keys, self._form_len, self._exact = make, keys, form_len, exact
        self._made: dict = {}

    def __getitem__(self, idx: int):
        k = self._made.get(idx)
        if k is None:
            k = self._made[idx] = self._make(self._keys.get(idx), self._form_len.get(idx), self._exact.get(idx))
        return k

    def __len__(self) -> int:
        return len(self._keys)

    def exact_forms(self):
        """The exact written forms of the keys that have them (abbreviations), one set a key."""
        return self._exact.values()

    def form_lengths(self):
        """Every key's form length, indexable by key index: the column's own array."""
        return self._form_len._nums


def load(folder: Path, make: Callable):
    """(keys, automaton) saved in ``folder``, or None when it is missing or damaged (then it is built again)."""
    if not folder.is_dir():
        return None
    try:
        sealed = open_sealed(folder, FORMAT_VERSION)
        meta = sealed.meta
        keys = columns.load(sealed.read_bytes, "m.key", meta["columns"]["m.key"])
        form_len = columns.load(sealed.read_bytes, "m.form_len", meta["columns"]["m.form_len"])
        exact = pickle.loads(sealed.read_bytes("m.exact"))
        automaton = pickle.loads(sealed.read_bytes("automaton.pickle"))
        sealed.check_unread()
    except Exception as exc:  # noqa: BLE001 - any damage means: do not trust it, rebuild
        log.warning("saved matcher %s is unusable (%s); rebuilding it", folder.name, exc)
        shutil.rmtree(folder, ignore_errors=True)
        return None
    return LazyKeys(make, keys, form_len, exact), automaton


def save(folder: Path, keys: list, automaton) -> None:
    """Save a matcher's records (``key``, ``form_len``, ``exact_forms`` each) and automaton as ``folder``."""
    with atomic_folder(folder) as tmp:
        # The automaton with ints for values: the same words and indices in less memory.
        saved = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for word, idx in automaton.items():
            saved.add_word(word, idx)
        saved.make_automaton()
        # Pickled rather than Automaton.save(): pickle.loads rebuilds it ~7x faster than ahocorasick.load.
        (tmp / "automaton.pickle").write_bytes(pickle.dumps(saved, protocol=pickle.HIGHEST_PROTOCOL))
        meta = {"format": FORMAT_VERSION, "columns": {
            "m.key": columns.save(columns.encode([k.key for k in keys]), tmp, "m.key"),
            "m.form_len": columns.save(columns.encode([k.form_len for k in keys]), tmp, "m.form_len")}}
        exact = {i: k.exact_forms for i, k in enumerate(keys) if k.exact_forms is not None}
        (tmp / "m.exact").write_bytes(pickle.dumps(exact, protocol=pickle.HIGHEST_PROTOCOL))
        seal_folder(tmp, meta)
    prune_builds(folder.parent, "matcher", keep=folder, builds=KEEP_BUILDS)

