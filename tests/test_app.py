"""The Streamlit app on a tiny literal corpus (streamlit.testing AppTest; no browser, no gazetteer)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from mapframes import corpus_frames

from mapapp.cli import serve_command

testing = pytest.importorskip("streamlit.testing.v1")
APP = Path(__file__).resolve().parents[1] / "mapapp" / "app" / "streamlit_app.py"


def run_app(query: dict | None = None):
    at = testing.AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["mapapp.frames"] = corpus_frames()
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def metric(at, label: str) -> int:
    return int(next(m.value for m in at.metric if m.label == label))


def table_rows(at) -> int:
    return len(at.dataframe[0].value)


def test_app_runs_and_counts_the_corpus():
    at = run_app()
    assert metric(at, "Articles") == 2 and metric(at, "Mentions") == 8 and metric(at, "Places") == 6
    assert table_rows(at) == 8
    assert {w.label for w in at.multiselect} >= {"Articles", "Place kinds", "Sections", "Use"}


def test_choosing_one_article_reduces_rows_and_goes_into_the_url():
    at = run_app()
    at.multiselect(key="f_articles").set_value(["a.txt"]).run()
    assert not at.exception
    assert metric(at, "Mentions") == 4 and table_rows(at) == 4
    assert at.query_params["a"] == ["a.txt"] or at.query_params["a"] == "a.txt"


def test_text_search_and_kind_filter():
    at = run_app()
    at.text_input(key="f_text").input("rafah").run()
    assert metric(at, "Mentions") == 3
    at.multiselect(key="f_kinds").set_value(["region_part"]).run()
    assert metric(at, "Mentions") == 1 and table_rows(at) == 1


def test_filters_come_back_from_a_shared_url():
    at = run_app({"kind": ["country"], "undated": "0"})
    assert at.multiselect(key="f_kinds").value == ["country"]
    assert at.checkbox(key="f_undated").value is False
    assert metric(at, "Mentions") == 1  # Egypt, from the dated article only


def test_reader_marks_the_mentions_of_the_chosen_article():
    at = run_app()
    html = "".join(e.proto.body for e in at.get("html"))
    assert html.count("<mark") == 4 and "Jabalia</mark>" in html
    at.selectbox(key="reader_article").set_value("b.txt").run()
    html = "".join(e.proto.body for e in at.get("html"))
    assert "Washington</mark>" in html


def test_reader_caption_says_where_the_date_came_from_and_when_it_is_a_guess():
    captions = lambda at: " ".join(c.value for c in at.caption)  # noqa: E731
    at = run_app()
    assert "2025-02-11 (header)" in captions(at)
    frames = corpus_frames()
    frames.articles.loc[frames.articles["article_id"] == "a.txt", "date_source"] = "text"
    at = testing.AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["mapapp.frames"] = frames
    at.run()
    assert "2025-02-11 (text, uncertain)" in captions(at)
    at.selectbox(key="reader_article").set_value("b.txt").run()
    assert "undated" in captions(at)


def test_choosing_a_mention_centres_the_map_on_it():
    at = run_app()
    options = at.selectbox(key="reader_mention").options
    assert len(options) == 5  # "—" and the four mentions of a.txt
    at.selectbox(key="reader_mention").select_index(4).run()
    lat, lon, zoom = at.session_state["mapapp.focus"]
    assert (round(lat, 2), round(lon, 2)) == (31.28, 34.25)  # Rafah, the last mention of a.txt


def test_serve_runs_streamlit_with_static_serving_on_the_paths(tmp_path):
    cmd = serve_command([tmp_path], 8123)
    assert cmd[1] == "-c" and "mapapp.app.launch" in cmd[2]  # parses the corpus, then `streamlit run`
    assert cmd[3] == "run" and cmd[4].endswith("streamlit_app.py")
    for flag, value in (("--server.port", "8123"), ("--server.address", "127.0.0.1"), ("--server.headless", "true"),
                        ("--server.enableStaticServing", "true"), ("--browser.gatherUsageStats", "false")):
        assert cmd[cmd.index(flag) + 1] == value
    assert cmd[cmd.index("--") + 1:] == [str(tmp_path.resolve())]
    # the articles are the user's: other machines see them only when asked
    opened = serve_command([tmp_path], 8123, host="0.0.0.0")
    assert opened[opened.index("--server.address") + 1] == "0.0.0.0"


def test_launch_parses_into_the_cache_then_hands_the_streamlit_command_line_on(tmp_path, monkeypatch):
    """`mapapp serve`'s launcher: the corpus goes through the results cache before Streamlit starts,
    and Streamlit gets the command line unchanged."""
    import streamlit.web.cli

    from mapapp.app import launch

    prepared, started = [], []
    monkeypatch.setattr(sys, "argv", list(sys.argv))  # main() hands Streamlit its command line there
    monkeypatch.setattr(launch, "prepare", prepared.append)
    monkeypatch.setattr(streamlit.web.cli, "main", lambda prog_name: started.append(list(sys.argv)) or 0)
    cmd = serve_command([tmp_path], 8123)
    assert launch.main(cmd[3:]) == 0
    assert prepared == [[str(tmp_path.resolve())]]
    assert started == [["streamlit", *cmd[3:]]]


def test_launch_still_serves_when_the_corpus_cannot_be_prepared(tmp_path, monkeypatch, capsys):
    import streamlit.web.cli

    from mapapp.app import launch

    def broken(paths):
        raise OSError("disk on fire")

    monkeypatch.setattr(sys, "argv", list(sys.argv))
    monkeypatch.setattr(launch, "prepare", broken)
    monkeypatch.setattr(streamlit.web.cli, "main", lambda prog_name: 0)
    assert launch.main(["run", "app.py", "--", str(tmp_path)]) == 0
    assert "could not prepare the corpus" in capsys.readouterr().err


def test_launch_stops_quietly_on_ctrl_c_while_preparing(tmp_path, monkeypatch, capsys):
    import streamlit.web.cli

    from mapapp.app import launch

    def interrupted(paths):
        raise KeyboardInterrupt

    started = []
    monkeypatch.setattr(launch, "prepare", interrupted)
    monkeypatch.setattr(streamlit.web.cli, "main", lambda prog_name: started.append(prog_name) or 0)
    assert launch.main(["run", "app.py", "--", str(tmp_path)]) == 130
    assert started == [] and "stopped before the server started" in capsys.readouterr().err


def test_a_session_leaves_the_shared_corpus_frames_as_they_were():
    """load_corpus hands every session the same frames (st.cache_resource): the app must only read them."""
    frames = corpus_frames()
    before = (frames.articles.copy(deep=True), frames.mentions.copy(deep=True), frames.named_zones.copy(deep=True))
    at = testing.AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["mapapp.frames"] = frames
    at.run()
    at.text_input(key="f_text").input("rafah").run()
    at.multiselect(key="f_kinds").set_value(["city"]).run()
    at.selectbox(key="reader_article").set_value("b.txt").run()
    at.selectbox(key="reader_mention").select_index(1).run()
    assert not at.exception, at.exception
    for was, now in zip(before, (frames.articles, frames.mentions, frames.named_zones)):
        assert was.equals(now)
        assert list(was.columns) == list(now.columns)


def test_the_app_calls_no_deprecated_streamlit_api(monkeypatch):
    from streamlit import deprecation_util

    said = []  # every deprecation Streamlit reports is logged through this logger, in the browser or not
    monkeypatch.setattr(deprecation_util._LOGGER, "warning", lambda message, *args, **kwargs: said.append(message))
    at = run_app()
    assert at.dataframe and not said, said  # the table (its width once came from use_container_width)
