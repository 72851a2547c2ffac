"""Uploads never replace an article silently; merged frames keep everything."""
from __future__ import annotations

from mapframes import corpus_frames

from mapapp.uploads import existing_names, file_stats, merge, unique_names


def test_same_name_gets_a_suffix_and_is_reported():
    assert unique_names({"a.txt"}, ["a.txt", "b.txt", "a.txt"]) == [
        ("a (2).txt", True), ("b.txt", False), ("a (3).txt", True)]
    assert unique_names({"dir/a.md", "dir/a (2).md"}, ["dir/a.md"]) == [("dir/a (3).md", True)]


def test_existing_names_include_documents_and_row_ids():
    names = existing_names(corpus_frames().articles)
    assert {"a.txt", "b.txt"} <= names


def test_merge_appends_articles_mentions_and_problems():
    base, extra = corpus_frames(), corpus_frames()
    extra.problems = ["bad.bin: not text"]
    merged = merge(base, extra)
    assert len(merged.articles) == 4 and len(merged.mentions) == 2 * len(base.mentions)
    assert merged.mentions.crs == base.mentions.crs and merged.problems == ["bad.bin: not text"]


def test_file_stats_change_when_a_file_does(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("one")
    before = file_stats([str(tmp_path)])
    f.write_text("one more")
    assert file_stats([str(tmp_path)]) != before
    assert file_stats([str(tmp_path / "missing.txt")]) == ()
