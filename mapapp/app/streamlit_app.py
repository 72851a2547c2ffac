"""mapapp's Streamlit app: widgets wired to library calls, nothing else.

Run with `mapapp serve [PATH...]`; the paths after `--` are the corpus.
Tests may put a ready CorpusFrames in st.session_state["mapapp.frames"].
"""
from __future__ import annotations

import dataclasses
import math
import sys

import folium
import streamlit as st
from streamlit_folium import st_folium

from mapapp import assets, filters, formats, uploads
from mapapp.app.compare_view import show_compare
from mapapp.app.timebar import init_from_url, time_bar
from mapapp.corpus import date_label
from mapapp.filters import FilterState
from mapapp.mapview import build_base_map, build_layers, default_bounds, place_id_from_tooltip
from mapapp.model import SECTION_KINDS
from mapapp.reader import highlight_html

st.set_page_config(page_title="mapapp", page_icon="🗺️", layout="wide")
STATIC_URL = assets.static_base_url(st.get_option("server.baseUrlPath") or "")


@st.cache_resource(show_spinner="Loading the gazetteer…")
def get_parser():
    from mapapp.app.launch import parser

    return parser()  # loaded before the server started, when served by `mapapp serve`


@st.cache_data(show_spinner=False, max_entries=16)
def digests(stats: tuple) -> tuple[str, ...]:
    # One cached call for the whole corpus: a cached call per file costs ~1 ms, 2 s at 2,000 files.
    return tuple(uploads.content_digest(path) for path, _size, _mtime in stats)


# One copy for every session (cache_data would unpickle one per session: ~400 MB each at 12,760
# mentions, benchmarks/load.py). The app only reads it; uploads merge into new frames.
@st.cache_resource(show_spinner="Reading and parsing the articles…", max_entries=4)
def load_corpus(paths: tuple[str, ...], stats: tuple, contents: tuple[str, ...]):
    from mapapp.app.launch import prepared_frames
    from mapapp.cache import ResultsCache
    from mapapp.pipeline import load_corpus_frames

    # `mapapp serve` has read the corpus in this process already, or at least parsed it into the cache.
    return prepared_frames(paths, stats) or load_corpus_frames(list(paths), parser=get_parser(), cache=ResultsCache())


@st.cache_data(show_spinner=False, max_entries=256)
def parse_upload(name: str, data: bytes):
    from mapapp.pipeline import parse_uploaded

    return parse_uploaded([(name, data)], parser=get_parser())


def corpus():
    if "mapapp.frames" not in st.session_state:
        from mapapp.corpus import default_corpus_path

        paths = tuple(sys.argv[1:]) or (str(default_corpus_path()),)
        stats = uploads.file_stats(paths)
        st.session_state["mapapp.frames"] = load_corpus(paths, stats, digests(stats))
    return st.session_state["mapapp.frames"]


def add_uploads(files) -> None:
    done = st.session_state.setdefault("mapapp.uploaded", set())
    new = [f for f in files if f.file_id not in done]
    if not new:
        return
    frames = corpus()
    names = uploads.unique_names(uploads.existing_names(frames.articles), [f.name for f in new])
    bar = st.sidebar.progress(0.0, text="Parsing uploads…")
    notes = st.session_state.setdefault("mapapp.notes", [])
    for i, (file, (name, renamed)) in enumerate(zip(new, names), start=1):
        frames = uploads.merge(frames, parse_upload(name, file.getvalue()))
        if renamed:
            notes.append(f"“{file.name}” was already in the corpus; added as “{name}”.")
        done.add(file.file_id)
        bar.progress(i / len(new), text=f"Parsed {i} of {len(new)}: {name}")
    bar.empty()
    st.session_state["mapapp.frames"] = frames


def init_widgets_from_url(frames) -> None:
    """On a session's first run, the URL's filters become the widgets' values."""
    if st.session_state.get("mapapp.url_read"):
        return
    st.session_state["mapapp.url_read"] = True
    state = filters.from_query_params({k: st.query_params.get_all(k) for k in st.query_params.keys()})
    known = set(frames.articles["article_id"])
    st.session_state["f_articles"] = [a for a in state.articles if a in known]
    st.session_state["f_kinds"] = list(state.kinds)
    st.session_state["f_sections"] = list(state.sections)
    st.session_state["f_uses"] = list(state.uses)
    st.session_state["f_undated"] = state.undated
    st.session_state["f_text"] = state.text
    st.session_state["f_place"] = state.place
    init_from_url(state, filters.date_range(frames.articles))


def sidebar_filters(frames) -> FilterState:
    sb = st.sidebar
    sb.header("Filters")
    arts = frames.articles
    titles = dict(zip(arts["article_id"], arts["title"].fillna(arts["doc"])))
    sb.multiselect("Articles", list(titles), key="f_articles", format_func=lambda a: titles.get(a, a),
                   placeholder="All articles")
    sb.checkbox("Include undated articles", key="f_undated")
    kinds = sorted(frames.mentions["kind"].dropna().unique())
    sb.multiselect("Place kinds", kinds, key="f_kinds", placeholder="All kinds")
    sb.multiselect("Sections", list(SECTION_KINDS), key="f_sections", placeholder="All sections")
    sb.multiselect("Use", list(filters.USES), key="f_uses", placeholder="Literal and stand-in",
                   help="literal: the place itself; stand-in: a government, people or event named by a place")
    sb.text_input("Search place names", key="f_text")
    place = st.session_state.get("f_place", "")
    if place:
        sb.info(f"Place chosen on the map: {place}")
        sb.button("Clear place", on_click=lambda: st.session_state.update(f_place=""))
    return FilterState(  # dates come from the time bar above the map
        articles=tuple(st.session_state["f_articles"]),
        undated=st.session_state["f_undated"], kinds=tuple(st.session_state["f_kinds"]),
        sections=tuple(st.session_state["f_sections"]), uses=tuple(st.session_state["f_uses"]),
        text=st.session_state["f_text"], place=place,
    )


VIEW_KEYS = ("bounds", "zoom", "center")


def show_map(frames, on_map, state: FilterState) -> None:
    base = build_base_map(bounds=default_bounds(frames.mentions), named_zones=frames.named_zones,
                          base_url=STATIC_URL, legend_open=False)
    focus = st.session_state.get("mapapp.focus")
    follow = st.session_state.get("dl_follow_view", False)
    result = st_folium(  # use_container_width: streamlit-folium's own argument, not Streamlit's deprecated one
        base, key="map", height=600, use_container_width=True,
        feature_group_to_add=build_layers(on_map, frames.articles, base_url=STATIC_URL, named_zones=frames.named_zones,
                                          when=state.window(filters.date_range(frames.articles)),
                                          heat=st.session_state.get("f_heat", False)),
        layer_control=folium.LayerControl(collapsed=True),
        center=focus[:2] if focus else None, zoom=focus[2] if focus else None,
        # Panning must not rerun the script, so the view comes back only when the user asks
        # the PNG snapshot to follow it (a checkbox in show_downloads).
        returned_objects=["last_object_clicked_tooltip", *(VIEW_KEYS if follow else ())],
    )
    st.session_state["mapapp.view"] = {k: (result or {}).get(k) for k in VIEW_KEYS} if follow else None
    clicked = place_id_from_tooltip((result or {}).get("last_object_clicked_tooltip"))
    if clicked and clicked != st.session_state.get("mapapp.last_click"):
        st.session_state["mapapp.last_click"] = clicked
        st.session_state["f_place"] = clicked
        st.rerun()


def focus_on(row, origin) -> None:
    """Centre the map on a mention, once per new choice (so an old choice does not keep pulling the map back)."""
    if st.session_state.get("mapapp.focus_origin") != origin:
        st.session_state["mapapp.focus_origin"] = origin
        lat, lon = float(row["lat"]), float(row["lon"])
        # A mention without a finite point leaves the view where it is (Leaflet would stop drawing).
        st.session_state["mapapp.focus"] = (lat, lon, 13) if math.isfinite(lat) and math.isfinite(lon) else None


def show_reader(frames, on_map) -> None:
    st.subheader("Reader")
    arts = frames.articles
    shown = set(on_map["article_id"])  # once: a set per article made this quadratic (minutes at 10k articles)
    ids = [a for a in arts["article_id"] if a in shown] or list(arts["article_id"])
    titles = dict(zip(arts["article_id"], arts["title"].fillna(arts["doc"])))
    chosen = st.selectbox("Article", ids, format_func=lambda a: titles.get(a, a), key="reader_article")
    if chosen is None:
        return
    article = arts[arts["article_id"] == chosen].iloc[0]
    rows = on_map[on_map["article_id"] == chosen].sort_values("start")
    labels = {i: f"{r.surface} — {r.kind} (at {r.start})" for i, r in rows.iterrows()}
    pick = st.selectbox("Centre the map on a mention", [None, *labels], key="reader_mention",
                        format_func=lambda i: "—" if i is None else labels[i])
    selected = None
    if pick is not None and pick in rows.index:
        row = rows.loc[pick]
        selected = (int(row["start"]), int(row["end"]))
        focus_on(row, ("reader", chosen, pick))
    spans = [(r.start, r.end, f"{r.name} ({r.kind})") for r in rows.itertuples()]
    dated = date_label(article["date"], article.get("date_source", "none"))  # "(text, uncertain)" when guessed
    st.caption(f"{len(rows)} mentions highlighted · {dated} · {article['doc']}")
    body = highlight_html(article["text"], spans, selected)
    st.html(f'<div class="mapapp-reader" style="max-height:520px;overflow:auto;line-height:1.55">{body}</div>')


TABLE_ROWS = 5000  # listed in the page; the CSV has them all (100,000 rows would cost ~1 s per rerun)


def show_table(frames, state) -> None:
    rows = filters.apply_filters(frames.mentions, state)
    table = filters.mentions_table(rows, frames.articles)
    listed = table.head(TABLE_ROWS)
    st.subheader(f"Mentions ({len(table)})")
    if len(listed) < len(table):
        st.caption(f"The first {len(listed):,} of {len(table):,} are listed: click a place on the map or "
                   "filter to see its mentions, or download the CSV for all of them.")
    event = st.dataframe(listed, hide_index=True, key="table", on_select="rerun", selection_mode="single-row",
                         width="stretch", height=320)
    picked = event.selection.rows if event and hasattr(event, "selection") else []
    if picked and picked[0] < len(listed):
        focus_on(listed.iloc[picked[0]], ("table", picked[0], len(table)))
    st.download_button("Download CSV", lambda: table.to_csv(index=False).encode("utf-8"), "mentions.csv",
                       formats.media_type("csv"), on_click="ignore")  # made on click, not on every rerun


def show_downloads(frames, state, on_map) -> None:
    """Snapshots of the current map and view, and the filtered data; each file is made on click."""
    from mapapp import export, snapshot

    with st.sidebar.expander("Download"):
        title = st.text_input("Title on the map", "Places in the news", key="dl_title")
        st.checkbox("PNG follows my pan and zoom", key="dl_follow_view",
                    help="Off: the PNG shows all the filtered places. On: it shows the view you leave "
                         "the map at (the page then updates after each pan or zoom).")
        view = snapshot.view_from_map_state(st.session_state.get("mapapp.view"))
        snap = snapshot.build_snapshot(frames, state, title=title, view=view)
        st.download_button("Map as HTML (works offline)", lambda: snapshot.snapshot_html(snap),
                           "map.html", formats.media_type("html"), on_click="ignore")
        st.download_button("Map as PNG (this view)", lambda: snapshot.snapshot_png(snap).data,
                           "map.png", formats.media_type("png"), on_click="ignore")
        if not snapshot.chromium_available():
            st.caption("No browser installed here: the PNG is a static picture (matplotlib).")
        st.caption(f"Data: {len(on_map)} mentions (each with its place's point and id) and the places they "
                   "name (each shape once)")
        for fmt in formats.DOWNLOADS:  # one file a layer, or both layers in one (mapapp.formats)
            key = fmt.suffix[1:]
            if fmt.both_layers:
                st.download_button(f"Mentions + places ({fmt.name})", lambda k=key: export.export_bytes(on_map, k),
                                   f"mapapp{fmt.suffix}", fmt.media_type, on_click="ignore")
                continue
            for col, layer in zip(st.columns(2), export.LAYERS):
                col.download_button(f"{layer} ({fmt.name})", lambda k=key, l=layer: export.export_bytes(on_map, k, layer=l),
                                    f"{layer}{fmt.suffix}", fmt.media_type, on_click="ignore", key=f"dl_{layer}_{key}")


def main() -> None:
    frames = corpus()
    st.sidebar.title("mapapp")
    with st.sidebar.expander("Add articles"):
        files = st.file_uploader("txt, html, md, jsonl or csv", accept_multiple_files=True,
                                 type=["txt", "html", "htm", "md", "jsonl", "json", "csv"])
    if files:
        add_uploads(files)
        frames = corpus()
    for note in st.session_state.get("mapapp.notes", []):
        st.sidebar.warning(note)
    init_widgets_from_url(frames)
    compare = st.sidebar.segmented_control("View", ["Map", "Compare"], key="view_mode", default="Map") == "Compare"
    state = sidebar_filters(frames)
    st.sidebar.toggle("Mentions heat", key="f_heat", help="Where mentions concentrate, weighted by place: "
                      "for corpora with too many places to read dot by dot")
    if compare:
        show_compare(frames, state, STATIC_URL)
        return
    metrics = st.container()
    every_date = filters.apply_filters(frames.mentions, state, with_place=False)
    date_from, date_to = time_bar(frames, every_date)
    state = dataclasses.replace(state, date_from=date_from, date_to=date_to)
    st.query_params.from_dict(filters.to_query_params(state))
    on_map = filters.apply_filters(frames.mentions, state, with_place=False)

    counts = metrics.columns(4)
    counts[0].metric("Articles", on_map["article_id"].nunique())
    counts[1].metric("Mentions", len(on_map))
    counts[2].metric("Places", on_map["place_id"].nunique())
    counts[3].metric("Read problems", len(frames.problems))
    # The map takes the page's width; the reader and table sit under it (and stack on a phone).
    map_area = st.container()
    left, right = st.columns([1, 1])
    # The map is drawn last so a mention chosen in the reader or the table centres it in the same run.
    with left:
        show_reader(frames, on_map)
    with right:
        show_table(frames, state)
    with map_area:
        show_map(frames, on_map, state)
    show_downloads(frames, state, on_map)  # after the map: it needs the view the map returned
    if frames.problems:
        with st.expander(f"Files skipped or partly read ({len(frames.problems)})"):
            for problem in frames.problems:
                st.text(str(problem))

main()
