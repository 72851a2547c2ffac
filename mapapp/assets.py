"""Leaflet and its plugins served from this machine instead of a CDN.

folium's elements name the CDN files they need (``default_js``/``default_css``).
:func:`localize` rewrites those lists on a built map so every script and
stylesheet comes from the npm packages that ``mapapp setup`` installs into
``mapapp/app/static/node_modules`` (Streamlit serves that folder at
``/app/static/`` when ``server.enableStaticServing`` is on). Links for things
the map does not use (jQuery, Bootstrap, Font Awesome, awesome-markers) are
dropped; a link we cannot serve locally raises, so a new plugin cannot quietly
bring a CDN back.
"""
from __future__ import annotations

from pathlib import Path

import folium
from branca.element import Element

from mapapp.errors import MissingAssets

STATIC_DIR = Path(__file__).resolve().parent / "app" / "static"
# Streamlit's endpoint for an app's static/ folder (url_util.STATIC_SERVING_ENDPOINT).
STATIC_URL_PREFIX = "/app/static"

# Files inside STATIC_DIR, by the name folium's elements give their links.
LOCAL_FILES: dict[str, str] = {
    "leaflet": "node_modules/leaflet/dist/leaflet.js",
    "leaflet_css": "node_modules/leaflet/dist/leaflet.css",
    "markerclusterjs": "node_modules/leaflet.markercluster/dist/leaflet.markercluster.js",
    "markerclustercss": "node_modules/leaflet.markercluster/dist/MarkerCluster.css",
    "markerclusterdefaultcss": "node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css",
    "leaflet-heat.js": "node_modules/leaflet.heat/dist/leaflet-heat.js",  # folium.plugins.HeatMap
    "Leaflet.Sync": "node_modules/leaflet.sync/L.Map.Sync.js",  # folium.plugins.DualMap (compare)
    "rbush": "node_modules/rbush/rbush.min.js",  # the labels' collision index (mapapp.mapview.labels)
}
# Natural Earth countries as TopoJSON (npm world-atlas), for the offline basemap.
WORLD_TOPOJSON: dict[str, str] = {
    "110m": "node_modules/world-atlas/countries-110m.json",
    "50m": "node_modules/world-atlas/countries-50m.json",
    "10m": "node_modules/world-atlas/countries-10m.json",
}
# Links folium adds that the map never needs: we draw CircleMarkers/DivIcons and
# build popups without jQuery, so Bootstrap, jQuery and the icon fonts can go.
UNNEEDED = frozenset(
    {
        "jquery",
        "bootstrap",
        "bootstrap_css",
        "glyphicons_css",
        "awesome_markers",
        "awesome_markers_css",
        "awesome_markers_font_css",
        "awesome_rotate_css",
    }
)


def static_base_url(server_base_path: str = "") -> str:
    """The URL prefix of the app's static folder, honouring Streamlit's server.baseUrlPath."""
    base = server_base_path.strip("/")
    return f"/{base}{STATIC_URL_PREFIX}" if base else STATIC_URL_PREFIX


def asset_url(relpath: str, base_url: str = STATIC_URL_PREFIX) -> str:
    return f"{base_url.rstrip('/')}/{relpath}"


def missing_assets(static_dir: Path = STATIC_DIR) -> list[str]:
    """Relative paths of the files the map needs that are not there (empty when set up)."""
    needed = [*LOCAL_FILES.values(), WORLD_TOPOJSON["50m"], WORLD_TOPOJSON["110m"]]
    return [rel for rel in needed if not (static_dir / rel).is_file()]


def require_assets(static_dir: Path = STATIC_DIR) -> None:
    missing = missing_assets(static_dir)
    if missing:
        raise MissingAssets(
            "Leaflet assets are not installed (missing "
            + ", ".join(missing)
            + "). Run `mapapp setup` once while online."
        )


def local_path(url: str, base_url: str = STATIC_URL_PREFIX, static_dir: Path = STATIC_DIR) -> Path | None:
    """The file on disk behind a local asset URL, for inlining into self-contained HTML."""
    prefix = base_url.rstrip("/") + "/"
    if not url.startswith(prefix):
        return None
    candidate = (static_dir / url[len(prefix):]).resolve()
    if static_dir.resolve() not in candidate.parents or not candidate.is_file():
        return None
    return candidate


def _localized(links: list[tuple[str, str]], base_url: str, owner: str) -> list[tuple[str, str]]:
    out = []
    for name, url in links:
        if name in UNNEEDED:
            continue
        if name in LOCAL_FILES:
            out.append((name, asset_url(LOCAL_FILES[name], base_url)))
        elif url.startswith(("http://", "https://", "//")):
            raise ValueError(f"{owner} wants {name} from {url}, which mapapp cannot serve offline")
        else:
            out.append((name, url))
    return out


def _walk(element: Element):
    yield element
    for child in list(element._children.values()):
        yield from _walk(child)


def localize(root: Element, base_url: str = STATIC_URL_PREFIX) -> Element:
    """Point every JS/CSS link in ``root``'s tree at the local copies; returns ``root``.

    Call it after the whole tree is built (feature groups included): the lists are
    set per instance, so folium's class-level CDN defaults stay untouched.
    """
    for element in _walk(root):
        if isinstance(element, folium.elements.JSCSSMixin):
            owner = type(element).__name__
            element.default_js = _localized(list(element.default_js), base_url, owner)
            element.default_css = _localized(list(element.default_css), base_url, owner)
    return root


def link_urls(root: Element) -> list[str]:
    """Every script/stylesheet URL the tree will ask the browser for (for checks and tests)."""
    urls: list[str] = []
    for element in _walk(root):
        urls += [u for _, u in getattr(element, "default_js", [])]
        urls += [u for _, u in getattr(element, "default_css", [])]
    return list(dict.fromkeys(urls))
