"""The app's compare view: two articles or two days, side by side, each in its own colour.

Widgets only: the maps are :func:`mapapp.mapview.compare.build_compare_map`.
"""
from __future__ import annotations

import dataclasses

import streamlit as st
from streamlit_folium import st_folium

from mapapp import filters
from mapapp.filters import FilterState
from mapapp.mapview.compare import COLOURS, Side, build_compare_map

HOW = ("Two articles", "Two days")


def _article_sides(frames, state: FilterState) -> list[Side] | None:
    arts = frames.articles
    titles = dict(zip(arts["article_id"], arts["title"].fillna(arts["doc"])))
    ids = list(titles)
    if len(ids) < 2:
        st.info("Comparing needs two articles; this corpus has one.")
        return None
    left, right = st.columns(2)
    picks = []
    for col, key, default, colour, letter in ((left, "cmp_a", 0, COLOURS[0], "A"), (right, "cmp_b", 1, COLOURS[1], "B")):
        if st.session_state.get(key) not in titles:
            st.session_state[key] = ids[default]
        picks.append(col.selectbox(f":material/circle: {letter}", ids, key=key, format_func=lambda a: titles.get(a, a),
                                   help=f"Drawn in {'blue' if letter == 'A' else 'orange'} ({colour})"))
    undated = dataclasses.replace(state, articles=(), date_from=None, date_to=None)
    shown = filters.apply_filters(frames.mentions, undated, with_place=False)
    return [Side(str(titles.get(a, a)), shown[shown["article_id"] == a]) for a in picks]


def _day_sides(frames, state: FilterState) -> list[Side] | None:
    span = filters.date_range(frames.articles)
    if span is None:
        st.info("Comparing days needs dated articles; none here has a date.")
        return None
    left, right = st.columns(2)
    days = [col.date_input(f"{letter} day", value=span[0] if letter == "A" else span[1], min_value=span[0],
                           max_value=span[1], key=f"cmp_day_{letter}") for col, letter in ((left, "A"), (right, "B"))]
    sides = []
    for day in days:
        one_day = dataclasses.replace(state, date_from=day, date_to=day, undated=False)
        sides.append(Side(day.isoformat(), filters.apply_filters(frames.mentions, one_day, with_place=False), (day, day)))
    return sides


def show_compare(frames, state: FilterState, static_url: str) -> None:
    how = st.segmented_control("Compare", HOW, key="cmp_how", default=HOW[0])
    sides = (_day_sides if how == HOW[1] else _article_sides)(frames, state)
    if not sides:
        return
    dual = build_compare_map(sides, frames.articles, frames.named_zones, base_url=static_url)
    st_folium(dual, key="compare_map", height=600, use_container_width=True, returned_objects=[])
    st.caption("The two maps move together. Each side's places and zones are drawn in its colour; "
               "for a day, the named zones in force that day are drawn too.")
