"""The app's time bar above the map: mentions per day, a day or range slider, step and play buttons.

Widgets only: what a day means (the zones in force, the stops) is :mod:`mapapp.mapview.timeline`.
The widgets' values live in st.session_state under ``t_*`` keys; a step or the play control
asks for a new day through ``t_next``, applied before the slider is drawn on the next run
(Streamlit refuses a change to a widget's value once the widget is on the page).
"""
from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from mapapp import filters
from mapapp.mapview.timeline import steps

MODES = ("All dates", "One day", "Range")
PLAY_SECONDS = 1.5  # long enough to see the map change, short enough to watch a year go by


def init_from_url(state: filters.FilterState, span: tuple[dt.date, dt.date] | None) -> None:
    """The URL's dates become the time bar's mode and values (once per session)."""
    if span is None:
        return
    start, stop = state.date_from, state.date_to
    clamp = lambda d: min(max(d, span[0]), span[1])  # noqa: E731
    if start is not None and start == stop:
        st.session_state.update(t_mode=MODES[1], t_day=clamp(start))
    elif start is not None or stop is not None:
        st.session_state.update(t_mode=MODES[2], t_range=(clamp(start or span[0]), clamp(stop or span[1])))


def _window(span) -> tuple[dt.date, dt.date] | None:
    mode = st.session_state.get("t_mode") or MODES[0]
    if mode == MODES[1]:
        day = st.session_state.get("t_day") or span[0]
        return day, day
    if mode == MODES[2]:
        lo, hi = st.session_state.get("t_range") or span
        return lo, hi
    return None


def _go(stops: list[dt.date], span, forward: bool) -> bool:
    """Ask for the next (or previous) stop; False when there is none."""
    window = _window(span)
    mode = st.session_state.get("t_mode") or MODES[0]
    if window is None:
        st.session_state["t_next"] = (MODES[1], stops[0] if forward else stops[-1])
        return bool(stops)
    anchor = window[1] if mode == MODES[2] else window[0]
    later = [d for d in stops if (d > anchor if forward else d < anchor)]
    if not later:
        return False
    target = later[0] if forward else later[-1]
    if mode == MODES[2]:  # the range keeps its width and ends on the stop
        width = window[1] - window[0]
        st.session_state["t_next"] = (MODES[2], (max(target - width, span[0]), target))
    else:
        st.session_state["t_next"] = (MODES[1], target)
    return True


def _apply_next() -> None:
    pending = st.session_state.pop("t_next", None)
    if pending:
        mode, value = pending
        st.session_state["t_mode"] = mode
        st.session_state["t_day" if mode == MODES[1] else "t_range"] = value


def _histogram(mentions: pd.DataFrame, span, window) -> None:
    data = filters.timeline(mentions, "D")
    if data.empty:
        return
    data["chosen"] = True if window is None else data["period"].dt.date.between(*window)
    scale = alt.Scale(domain=[pd.Timestamp(span[0]).isoformat(), (pd.Timestamp(span[1]) + pd.Timedelta(days=1)).isoformat()])
    chart = alt.Chart(data).mark_bar(size=4).encode(
        x=alt.X("period:T", title=None, scale=scale, axis=alt.Axis(format="%d %b %Y", labelOverlap=True)),
        y=alt.Y("mentions:Q", title=None, axis=alt.Axis(tickCount=2, grid=False)),
        color=alt.condition("datum.chosen", alt.value("#1d4ed8"), alt.value("#cbd5e1")),
        tooltip=[alt.Tooltip("period:T", title="day"), "mentions:Q", "articles:Q"],
    ).properties(height=90)
    st.altair_chart(chart, width="stretch")


def time_bar(frames, mentions: pd.DataFrame) -> tuple[dt.date | None, dt.date | None]:
    """Draws the bar (``mentions``: every date's, under the other filters); returns the chosen first and last day."""
    span = filters.date_range(frames.articles)
    if span is None or span[0] == span[1]:
        return None, None
    stops = steps(frames.articles["date"], frames.named_zones, span) or [span[0], span[1]]
    _apply_next()
    if st.session_state.get("t_day") is None:
        st.session_state["t_day"] = stops[0]
    st.session_state.setdefault("t_range", span)
    _histogram(mentions, span, _window(span))
    mode_col, back_col, play_col, next_col, slider_col = st.columns([3.2, 0.7, 1.3, 0.7, 6.5], vertical_alignment="center")
    mode = mode_col.segmented_control("Dates", MODES, key="t_mode", label_visibility="collapsed") or MODES[0]
    back_col.button("◀", key="t_back", help="The previous day with an article or a zone change",
                    on_click=lambda: _go(stops, span, forward=False), width="stretch")
    playing = st.session_state.get("t_playing", False)
    play_col.button("⏸ Pause" if playing else "▶ Play", key="t_play", width="stretch",
                    help="Step through the days with articles and the days a zone changed",
                    on_click=lambda: st.session_state.update(t_playing=not playing))
    next_col.button("▶", key="t_fwd", help="The next day with an article or a zone change",
                    on_click=lambda: _go(stops, span, forward=True), width="stretch")
    with slider_col:
        if mode == MODES[1]:
            st.slider("Day", span[0], span[1], key="t_day", format="YYYY-MM-DD", label_visibility="collapsed")
        elif mode == MODES[2]:
            st.slider("Range", span[0], span[1], key="t_range", format="YYYY-MM-DD", label_visibility="collapsed")
        else:
            st.caption(f"All dates, {span[0].isoformat()} – {span[1].isoformat()}: choose one day or a range to see "
                       "the zones in force then, or press play.")
    if st.session_state.get("t_playing"):
        _play(stops, span)
    window = _window(span)
    return (window[0], window[1]) if window else (None, None)


def _play(stops, span) -> None:
    st.session_state["t_full_run"] = True

    def tick() -> None:
        if st.session_state.get("t_full_run"):
            return  # drawn with the page: the next tick steps
        if not _go(stops, span, forward=True):
            st.session_state["t_playing"] = False
        st.rerun()

    st.fragment(tick, run_every=PLAY_SECONDS)()
    st.session_state["t_full_run"] = False
