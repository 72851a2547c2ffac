"""Filters over the mentions frame and their round trip through the URL."""
from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from mapframes import articles_frame, mentions_frame

from mapapp.filters import (
    FilterState,
    apply_filters,
    date_range,
    from_query_params,
    mentions_table,
    timeline,
    to_query_params,
    uses_of,
)

ALL = FilterState(sections=())


def surfaces(frame):
    return list(frame["surface"])


def test_default_state_hides_only_boilerplate():
    m = mentions_frame()
    m.loc[0, "section"] = "boilerplate"
    assert len(apply_filters(m, FilterState())) == len(m) - 1
    assert len(apply_filters(m, ALL)) == len(m)


def test_one_article():
    out = apply_filters(mentions_frame(), FilterState(articles=("b.txt",), sections=()))
    assert set(out["article_id"]) == {"b.txt"} and len(out) == 4


def test_dates_and_undated():
    m = mentions_frame()
    in_range = FilterState(date_from=dt.date(2025, 2, 1), date_to=dt.date(2025, 2, 28), undated=False, sections=())
    assert set(apply_filters(m, in_range)["article_id"]) == {"a.txt"}
    too_late = FilterState(date_from=dt.date(2025, 3, 1), sections=())
    assert set(apply_filters(m, too_late)["article_id"]) == {"b.txt"}  # undated stay in unless excluded
    assert apply_filters(m, FilterState(date_from=dt.date(2025, 3, 1), undated=False, sections=())).empty


def test_kind_section_use_and_text():
    m = mentions_frame()
    assert set(apply_filters(m, FilterState(kinds=("country",), sections=()))["name"]) == {"Egypt"}
    assert surfaces(apply_filters(m, FilterState(sections=("comments",)))) == ["Washington"]
    assert set(apply_filters(m, FilterState(uses=("stand-in",), sections=()))["name"]) == {"Egypt", "Washington"}
    assert set(apply_filters(m, FilterState(text="RAF", sections=()))["name"]) == {"Rafah", "south of Rafah"}


def test_place_narrows_the_table_but_not_the_map():
    m = mentions_frame()
    state = FilterState(place="gn:281102", sections=())
    assert surfaces(apply_filters(m, state)) == ["Rafah", "Rafah"]
    assert len(apply_filters(m, state, with_place=False)) == len(m)


def test_uses_of_reads_booleans_strings_and_blanks():
    m = mentions_frame().iloc[:3].copy()
    m["literal"] = [True, "false", None]
    assert list(uses_of(m)) == ["literal", "stand-in", "unknown"]


def test_date_range_and_timeline():
    assert date_range(articles_frame()) == (dt.date(2025, 2, 11), dt.date(2025, 2, 11))
    assert date_range(articles_frame().iloc[1:]) is None
    m = mentions_frame()
    m.loc[0, "date"] = "2025-02-13"  # Thursday of the same week
    days = timeline(m, "D")
    assert list(days["mentions"]) == [3, 1] and list(days["articles"]) == [1, 1]
    weeks = timeline(m, "W")
    assert list(weeks["period"].dt.date) == [dt.date(2025, 2, 10)] and list(weeks["mentions"]) == [4]
    assert timeline(m.iloc[4:], "D").empty


def test_table_has_titles_or_documents_and_no_geometry():
    table = mentions_table(mentions_frame(), articles_frame())
    assert "geometry" not in table.columns
    assert set(table["title"]) == {"Corridor closed", "b.txt"}
    assert table.loc[2, "use"] == "stand-in"
    assert "Egypt" in table.to_csv(index=False)


def test_url_round_trip_of_a_full_state():
    state = FilterState(
        articles=("a.txt", "b&c.txt"), date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 2, 1), undated=False,
        kinds=("city", "camp"), sections=("body",), uses=("literal",), text="gaza city", place="gz:jabalia",
    )
    assert from_query_params(to_query_params(state)) == state


def test_default_state_is_an_empty_query_and_no_sections_is_kept():
    assert to_query_params(FilterState()) == {}
    assert from_query_params({}) == FilterState()
    nothing = FilterState(sections=())
    assert to_query_params(nothing) == {"section": ["all"]}
    assert from_query_params(to_query_params(nothing)) == nothing


def test_malformed_query_is_ignored_not_fatal():
    state = from_query_params({"from": "yesterday", "to": ["2025-13-40"], "section": ["body", "evil"],
                               "use": "maybe", "undated": "0", "q": "x" * 1000})
    assert state.date_from is None and state.date_to is None
    assert state.sections == ("body",) and state.uses == () and state.undated is False
    assert len(state.text) == 200


@given(
    st.lists(st.text(min_size=1, max_size=12).filter(lambda s: s != "all"), max_size=3, unique=True),
    st.text(max_size=30),
)
def test_url_round_trip_of_any_article_ids_and_text(articles, text):
    state = FilterState(articles=tuple(articles), text=text)
    assert from_query_params(to_query_params(state)) == state


def test_one_day_is_one_url_parameter_and_comes_back():
    day = FilterState(date_from=dt.date(2025, 2, 1), date_to=dt.date(2025, 2, 1))
    params = to_query_params(day)
    assert params["date"] == "2025-02-01" and "from" not in params and "to" not in params
    assert from_query_params(params) == day
    assert from_query_params({"date": "2025-02-30"}) == FilterState()  # not a day: ignored


def test_the_window_closes_open_ends_with_the_corpus_span():
    span = (dt.date(2025, 1, 20), dt.date(2025, 11, 24))
    assert FilterState().window(span) is None
    assert FilterState(date_from=dt.date(2025, 3, 1)).window(span) == (dt.date(2025, 3, 1), span[1])
    assert FilterState(date_to=dt.date(2025, 3, 1)).window(span) == (span[0], dt.date(2025, 3, 1))
    assert FilterState(date_from=dt.date(2025, 3, 1)).window(None) is None
    assert FilterState(date_from=dt.date(2025, 3, 2), date_to=dt.date(2025, 3, 1)).window(span) is None
