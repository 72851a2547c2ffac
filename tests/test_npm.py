"""The npm install counts as done only when it holds every package the lock file pins now."""
from __future__ import annotations

import json

from mapapp.npm import _installed


def _lock(path, packages):
    path.write_text(json.dumps({"packages": {"": {}, **{f"node_modules/{n}": {"version": v} for n, v in packages.items()}}}))


def test_an_install_that_lacks_a_newly_pinned_package_is_not_complete(tmp_path):
    (tmp_path / "node_modules").mkdir()
    _lock(tmp_path / "package-lock.json", {"leaflet": "1.9.4", "rbush": "4.0.1"})
    assert not _installed(tmp_path)  # never installed
    _lock(tmp_path / "node_modules" / ".package-lock.json", {"leaflet": "1.9.4"})
    assert not _installed(tmp_path)  # installed before rbush was pinned
    _lock(tmp_path / "node_modules" / ".package-lock.json", {"leaflet": "1.9.3", "rbush": "4.0.1"})
    assert not _installed(tmp_path)  # another version
    _lock(tmp_path / "node_modules" / ".package-lock.json", {"leaflet": "1.9.4", "rbush": "4.0.1"})
    assert _installed(tmp_path)
