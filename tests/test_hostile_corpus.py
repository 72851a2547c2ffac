"""A folder of broken, binary, huge, oddly encoded and hostile files beside good ones.

Every file gets a clear result (read, or skipped with a reason naming it);
every readable article is parsed with exact offsets and its places found;
`mapapp parse` names each bad file, prints no traceback and exits 1.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile import BIG_NAME, HOSTILE_FILE_NAME, HOSTILE_TITLE, PAYLOAD, SCRIPT, write_hostile_corpus
from typer.testing import CliRunner

from mapapp.corpus import MAX_ARTICLE_ENV, read_bytes, read_corpus
from mapapp.normalize import _INVISIBLE_RE

LIMIT = 5_000_000  # the 20 MB file must be refused by size, not read


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile corpus")
    return folder, write_hostile_corpus(folder)


@pytest.fixture(scope="module")
def read(corpus):
    return read_corpus([corpus[0]], max_bytes=LIMIT)


def _by_file(result):
    articles: dict[str, list] = {}
    problems: dict[str, list[str]] = {}
    for a in result.articles:
        articles.setdefault(a.doc, []).append(a)
    for p in result.problems:
        problems.setdefault(Path(p.path).name, []).append(p.reason)
    return articles, problems


def test_every_file_has_a_clear_result(corpus, read):
    _folder, expected = corpus
    articles, problems = _by_file(read)
    assert set(articles) | set(problems) == set(expected)
    for name, exp in expected.items():
        if exp.readable:
            assert len(articles.get(name, [])) == exp.articles, name
            assert len(problems.get(name, [])) == exp.row_problems, (name, problems.get(name))
        else:
            assert name not in articles, name
            assert problems.get(name) and all(exp.reason in r for r in problems[name]), (name, problems.get(name))
    assert read.exit_code == 1


def test_text_is_decoded_as_written(read):
    text = {a.id: a.text for a in read.articles}
    assert text["crlf.txt"] == "Line one about Khan Younis.\nLine two about Rafah.\n"
    assert text["cr-only.txt"] == "Fighting in Jabalia.\nAid in Beit Hanoun.\n"
    assert text["bom-utf8.txt"] == "Shelling in Deir al-Balah.\n"  # BOM dropped, nothing else
    assert text["utf16-bom.txt"] == text["utf16-bom.txt"].lstrip("\ufeff") == "Aid reached Nuseirat on Tuesday.\n"
    assert text["utf16le-nobom.txt"] == "Strikes on Rafah at night.\n"
    assert "Caf\u00e9" in text["cp1252.txt"] and "\u201cenough\u201d \u2013" in text["cp1252.txt"]
    assert "Ga\u200bza" in text["zero-width.txt"]  # invisible characters are kept: offsets index the text as read
    assert len(text["one-line.txt"]) > 1_000_000 and "\n" not in text["one-line.txt"]
    # The page's own <script> and <iframe> are dropped; what the page printed as text stays text.
    page = text["hostile page.html"]
    assert "alert(\"from the page" not in page and "javascript:" not in page
    assert "<script>window.__pwned=1</script>" in page
    assert text[HOSTILE_FILE_NAME].startswith(HOSTILE_TITLE + "\n")


def test_offsets_exact_and_places_found_in_every_readable_article(corpus, read, parser):
    _folder, expected = corpus
    found: dict[str, set[str]] = {}
    for article in read.articles:
        for m in parser.mentions(article):
            assert article.text[m.start:m.end] == m.surface, (article.id, m)
            found.setdefault(article.doc, set()).add(_INVISIBLE_RE.sub("", m.surface))
    for name, exp in expected.items():
        if exp.readable:
            assert set(exp.places) <= found.get(name, set()), (name, exp.places, found.get(name))


def test_size_limit_from_the_environment_and_for_uploads(corpus, monkeypatch):
    folder, _ = corpus
    monkeypatch.setenv(MAX_ARTICLE_ENV, "0.5")
    result = read_corpus([folder / "one-line.txt", folder / "crlf.txt"])
    assert [Path(p.path).name for p in result.problems] == ["one-line.txt"]
    assert "file too large (1.0 MB > 0.5 MB limit)" in result.problems[0].reason
    articles, problems = read_bytes(b"Rafah " * 200_000, "upload.txt")
    assert not articles and "too large" in problems[0].reason and problems[0].path.endswith("upload.txt")
    monkeypatch.setenv(MAX_ARTICLE_ENV, "lots")
    with pytest.raises(ValueError, match="MAPAPP_MAX_ARTICLE_MB must be a number of megabytes"):
        read_corpus([folder / "crlf.txt"])


@pytest.fixture()
def cli(gazetteer, monkeypatch, tmp_path):
    """`mapapp` in-process on the session gazetteer (a subprocess would load it again)."""
    from mapapp.cli import app
    from mapapp.gazetteer import Gazetteer

    monkeypatch.setattr(Gazetteer, "load", classmethod(lambda cls, **kw: gazetteer))
    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path / "cache"))  # the results cache, not the gazetteer's
    monkeypatch.delenv(MAX_ARTICLE_ENV, raising=False)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(a) for a in args])


def test_cli_parse_names_each_bad_file_and_maps_every_readable_one(corpus, cli, tmp_path):
    folder, expected = corpus
    out = tmp_path / "mentions.geojson"
    result = cli("parse", folder, "-o", out, "--max-mb", "5")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit), result.output
    for name, exp in expected.items():
        if not exp.readable:
            assert any(name in line and exp.reason in line for line in result.stderr.splitlines()), name
    assert "broken.jsonl: JSON line 2 malformed" in result.stderr
    rows = [f["properties"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]]
    docs = {r["doc"] for r in rows}
    assert {n for n, e in expected.items() if e.readable} <= docs
    assert all(r["surface"] for r in rows)


def test_cli_limits_are_checked(corpus, cli, tmp_path, monkeypatch):
    folder, _ = corpus
    bad = cli("parse", folder / "crlf.txt", "-o", tmp_path / "m.csv", "--max-mb", "-1")
    assert bad.exit_code == 2 and "error: --max-mb must be a number of megabytes" in bad.stderr
    monkeypatch.setenv(MAX_ARTICLE_ENV, "0.5")
    env = cli("parse", folder / "one-line.txt", folder / "crlf.txt", "-o", tmp_path / "m.csv")
    assert env.exit_code == 1 and "skipped" in env.stderr and "one-line.txt: file too large" in env.stderr
    unlimited = cli("articles", folder / "one-line.txt", "--max-mb", "0", "--json")
    assert unlimited.exit_code == 0, unlimited.stderr


def test_serve_passes_the_upload_limit_to_streamlit():
    from mapapp.cli import serve_command

    cmd = serve_command([Path(".")], 8600, 3)
    assert cmd[cmd.index("--server.maxUploadSize") + 1] == "3"
    assert "--server.maxUploadSize" not in serve_command([Path(".")], 8600)


def test_big_file_name_and_payload_title_stay_data(read):
    titles = {a.id: a.title for a in read.articles}
    assert titles["broken.jsonl#1"] == PAYLOAD and titles["rows.csv#1"] == SCRIPT
    assert titles[HOSTILE_FILE_NAME] == HOSTILE_TITLE
    assert BIG_NAME not in {a.doc for a in read.articles}
