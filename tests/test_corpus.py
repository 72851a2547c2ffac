"""mapapp.corpus: formats, encodings, ids, sidecar and bad input."""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mapapp.corpus import read_bytes, read_corpus

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _one(path: Path, **kw):
    result = read_corpus(path, **kw)
    assert result.problems == []
    assert len(result.articles) == 1
    return result.articles[0]


def _assert_tiled(article) -> None:
    assert isinstance(article.text, str)
    pos = 0
    for s in article.sections:
        assert s.start == pos and s.end > s.start
        pos = s.end
    assert pos == len(article.text)


# --- formats -------------------------------------------------------------------------------


def test_txt_text_is_exactly_what_open_reads(tmp_path):
    raw = " date 2025-02-11 First line  \r\nsecond\rthird\n\n  trailing  \n"
    path = _write(tmp_path / "a.txt", raw)
    article = _one(path)
    with open(path, encoding="utf-8") as fh:
        assert article.text == fh.read()
    assert article.id == article.doc == "a.txt"
    assert article.path == os.path.abspath(path)
    _assert_tiled(article)


def test_markdown_front_matter_gives_metadata():
    article = _one(FIXTURES / "front_matter.md")
    assert article.title == "Corridor reopens"
    assert article.date == dt.date(2025, 2, 9) and article.date_source == "metadata"
    assert article.url == "https://example.org/corridor"
    assert article.outlet == "Example Times"
    assert article.text == "The Netzarim corridor reopened to traffic heading north."


def test_html_main_text_and_metadata(tmp_path):
    html = (
        "<html><head><title>Page</title><meta name='date' content='2024-04-07'>"
        "<link rel='canonical' href='https://news.example/a'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Troops leave Khan Younis</h1>"
        "<p>Israeli troops withdrew from Khan Younis on Sunday, officials said in a statement to reporters.</p>"
        "<p>Residents began returning to what is left of the city in the afternoon, witnesses said.</p>"
        "</article><footer>&copy; Example News</footer></body></html>"
    )
    article = _one(_write(tmp_path / "page.html", html))
    assert "Israeli troops withdrew from Khan Younis" in article.text
    assert "<p>" not in article.text
    assert article.title == "Troops leave Khan Younis"
    assert article.date == dt.date(2024, 4, 7) and article.date_source == "metadata"
    assert article.url == "https://news.example/a"
    _assert_tiled(article)


def test_jsonl_rows_get_line_numbers_and_metadata(tmp_path):
    lines = [
        json.dumps({"text": "Shelling near Rafah.", "title": "One", "date": "2024-04-07", "source": "Wire"}),
        "",
        json.dumps({"body": "Aid reached Jabalia.", "url": "https://x.example/2"}),
    ]
    path = _write(tmp_path / "rows.jsonl", "\n".join(lines) + "\n")
    result = read_corpus(tmp_path)
    assert result.problems == [] and result.exit_code == 0
    first, second = result.articles
    assert (first.id, first.doc, first.title, first.outlet) == ("rows.jsonl#1", "rows.jsonl", "One", "Wire")
    assert first.date == dt.date(2024, 4, 7) and first.date_source == "metadata"
    assert (second.id, second.text, second.url) == ("rows.jsonl#3", "Aid reached Jabalia.", "https://x.example/2")
    assert second.path == os.path.abspath(path)


def test_json_object_and_list(tmp_path):
    _write(tmp_path / "one.json", json.dumps({"content": "Gaza City at night.", "headline": "Night"}))
    _write(tmp_path / "many.json", json.dumps([{"article": "Beit Lahia."}, {"text": "Deir al-Balah."}]))
    result = read_corpus(tmp_path)
    assert [a.id for a in result.articles] == ["many.json#1", "many.json#2", "one.json"]
    assert result.articles[2].title == "Night"


def test_csv_text_column_and_optional_columns(tmp_path):
    data = 'Title,Body,Date,Outlet\nFirst,"Line one, in Gaza\nline two",2024-04-07,Wire\nSecond,Rafah crossing,,\n'
    _write(tmp_path / "t.csv", data)
    result = read_corpus(tmp_path / "t.csv")
    assert result.problems == []
    first, second = result.articles
    assert first.id == "t.csv#1" and first.text == "Line one, in Gaza\nline two"
    assert first.title == "First" and first.outlet == "Wire" and first.date == dt.date(2024, 4, 7)
    assert second.id == "t.csv#2" and second.date is None and second.date_source == "none"


def test_unknown_extension_read_when_it_is_text(tmp_path):
    _write(tmp_path / "notes.xyz", "Plain words about Nablus.\n")
    _write(tmp_path / "blob.dat", bytes(range(1, 32)) * 10)
    result = read_corpus(tmp_path)
    assert [a.id for a in result.articles] == ["notes.xyz"]
    assert [(Path(p.path).name, p.reason) for p in result.problems] == [("blob.dat", "binary file")]


# --- encodings -----------------------------------------------------------------------------

SAMPLE = "Café “quoted” in Rafah – déjà vu.\nSecond line: Khan Younis.\n"


@pytest.mark.parametrize(
    "encoding, prefix",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16", b""),  # Python writes a BOM
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("cp1252", b""),
    ],
)
def test_encodings_decode_to_the_same_text(tmp_path, encoding, prefix):
    article = _one(_write(tmp_path / "a.txt", prefix + SAMPLE.encode(encoding)))
    assert article.text == SAMPLE
    assert not article.text.startswith("\ufeff")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected_by_nul_pattern(tmp_path, encoding):
    text = "Plain report from Gaza City, no byte-order mark.\n"
    assert _one(_write(tmp_path / "a.txt", text.encode(encoding))).text == text


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_become_newlines_in_every_encoding(tmp_path, newline):
    for encoding in ("utf-8", "utf-16", "cp1252"):
        data = SAMPLE.replace("\n", newline).encode(encoding)
        assert _one(_write(tmp_path / f"{encoding}.txt", data)).text == SAMPLE


def test_non_western_legacy_encoding_is_detected():
    text = "Израильские войска покинули Хан-Юнис в воскресенье, сообщили военные.\n"
    articles, problems = read_bytes(text.encode("cp1251"), "ru.txt")
    assert problems == [] and articles[0].text == text


_WESTERN = "abcdefghij klmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?'()-\n"
_ACCENTS = "éèêëàâäçîïôöùûüñÉÀÇÖÜ“”‘’–—…€ß"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(alphabet=st.sampled_from(_WESTERN + _ACCENTS), min_size=1, max_size=300),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"]),
)
def test_read_bytes_round_trips_text(text, encoding):
    assume(text.strip())
    letters = sum(ch.isascii() and ch.isalpha() for ch in text)
    # News text is mostly ASCII; a soup of accents alone is ambiguous between legacy code pages.
    assume(letters >= 2 * sum(not ch.isascii() for ch in text))
    if encoding in ("utf-16-le", "utf-16-be"):
        # Without a BOM, UTF-16 is recognised by its NUL bytes, which only Latin-1 characters have.
        assume(all(ord(ch) < 256 for ch in text))
    data = text.encode(encoding)
    if encoding == "cp1252":
        try:
            data.decode("utf-8")
            assume(False)  # also valid UTF-8: genuinely ambiguous, UTF-8 is the right guess
        except UnicodeDecodeError:
            pass
    articles, problems = read_bytes(data, "x.txt")
    assert problems == []
    assert articles[0].text == text
    _assert_tiled(articles[0])


# --- ids, folders, sidecar -------------------------------------------------------------------


def test_folder_is_read_recursively_in_sorted_order_with_relative_ids(tmp_path):
    for name in ["b.txt", "a/z.txt", "a/c.md", "-dash name é.txt"]:
        _write(tmp_path / name, f"Text of {name} mentions Gaza.\n")
    _write(tmp_path / ".hidden.txt", "not an article")
    result = read_corpus(tmp_path)
    assert [a.id for a in result.articles] == ["-dash name é.txt", "a/c.md", "a/z.txt", "b.txt"]
    assert _one(tmp_path / "-dash name é.txt").id == "-dash name é.txt"


def test_sidecar_wins_and_is_not_an_article(tmp_path):
    _write(tmp_path / "one.txt", " date 2025-02-11 Body about Gaza.\n")
    _write(tmp_path / "two.txt", "Body about Rafah, January 20, 2025.\n")
    _write(tmp_path / "articles.csv", "file,title,outlet,url,date\none.txt,Headline,Outlet,https://o.example,2025-03-01\n")
    result = read_corpus(tmp_path)
    assert result.problems == []
    one, two = result.articles
    assert (one.title, one.outlet, one.url) == ("Headline", "Outlet", "https://o.example")
    assert one.date == dt.date(2025, 3, 1) and one.date_source == "metadata"
    assert two.date == dt.date(2025, 1, 20) and two.date_source == "text"
    # A file given on its own still picks up its folder's sidecar; an explicit one also works.
    assert _one(tmp_path / "one.txt").title == "Headline"
    other = _write(tmp_path / "meta" / "side.csv", "file,title\n../two.txt,From explicit sidecar\n")
    assert _one(tmp_path / "two.txt", sidecar=other).title == "From explicit sidecar"


def test_csv_named_articles_with_a_text_column_is_a_corpus(tmp_path):
    _write(tmp_path / "articles.csv", "file,text\nx,Text about Hebron\n")
    assert [a.id for a in read_corpus(tmp_path).articles] == ["articles.csv#1"]


# --- bad input -----------------------------------------------------------------------------


def _reasons(result) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in result.problems:
        out.setdefault(Path(p.path).name, []).append(p.reason)
    return out


def test_bad_files_become_problems_and_the_rest_is_read(tmp_path):
    _write(tmp_path / "good.txt", "A good article about Gaza.\n")
    _write(tmp_path / "photo.jpg.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF")
    _write(tmp_path / "nul.txt", b"abc\x00\x01\x02\x03\x04def\x05\x06")
    _write(tmp_path / "empty.txt", b"")
    _write(tmp_path / "blank.md", "  \n\t\n")
    _write(tmp_path / "soup.txt", b"\x81\x02\x8d\x03\x90\x04" * 40)  # no NULs, no code page fits
    lines = ['{"text": "Line one about Rafah."}', '{"text": oops}', '{"text": 5}', '{"text": "Line four."}']
    _write(tmp_path / "rows.jsonl", "\n".join(lines))
    _write(tmp_path / "nocol.csv", "a,b\n1,2\n")
    result = read_corpus(tmp_path)
    assert [a.id for a in result.articles] == ["good.txt", "rows.jsonl#1", "rows.jsonl#4"]
    reasons = _reasons(result)
    assert reasons["photo.jpg.txt"] == ["binary file"]
    assert reasons["nul.txt"] == ["binary file"]
    assert reasons["empty.txt"] == ["empty file"]
    assert reasons["blank.md"] == ["empty file"]
    assert reasons["soup.txt"] == ["cannot decode text (tried utf-8, utf-16, cp1252)"]
    assert reasons["rows.jsonl"][0].startswith("JSON line 2 malformed: Expecting value")
    assert reasons["rows.jsonl"][1] == "JSON line 3: text is not a string"
    assert reasons["nocol.csv"] == ["no text column (looked for text, body, content, article; found: a, b)"]
    assert result.exit_code == 1


def test_too_large_missing_and_exit_codes(tmp_path):
    _write(tmp_path / "big.txt", "x" * 3_000_000)
    result = read_corpus([tmp_path / "big.txt", tmp_path / "missing.txt"], max_bytes=1_000_000)
    assert _reasons(result) == {"big.txt": ["file too large (3.0 MB > 1.0 MB limit)"], "missing.txt": ["not found"]}
    assert result.exit_code == 2
    assert read_corpus(tmp_path / "big.txt").exit_code == 0
    assert read_corpus(tmp_path / "nothing-here").exit_code == 2


def test_permission_denied_is_a_problem(tmp_path, monkeypatch):
    _write(tmp_path / "locked.txt", "secret")
    _write(tmp_path / "open.txt", "Readable text about Tulkarm.\n")

    real_open = open

    def guarded_open(path, *args, **kwargs):
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("mapapp.corpus.open", guarded_open, raising=False)
    result = read_corpus(tmp_path)
    assert [a.id for a in result.articles] == ["open.txt"]
    assert _reasons(result) == {"locked.txt": ["permission denied"]}


def test_unreadable_folder_and_symlink_loop_do_not_crash(tmp_path, monkeypatch):
    _write(tmp_path / "root" / "a.txt", "Text about Jenin.\n")
    _write(tmp_path / "root" / "closed" / "b.txt", "Hidden away.\n")
    os.symlink(tmp_path / "root", tmp_path / "root" / "loop")
    os.symlink(tmp_path / "nowhere", tmp_path / "root" / "dangling.txt")
    real_scandir = os.scandir

    def guarded_scandir(path="."):
        if str(path).endswith("closed"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    result = read_corpus(tmp_path / "root")
    assert [a.id for a in result.articles] == ["a.txt"]
    assert _reasons(result) == {"closed": ["permission denied"], "dangling.txt": ["not found"]}


def test_read_bytes_for_uploads():
    articles, problems = read_bytes("{\"text\": \"Up in Gaza.\"}\nnot json\n".encode(), "up/rows.jsonl")
    assert [a.id for a in articles] == ["up/rows.jsonl#1"]
    assert articles[0].path == "upload/up/rows.jsonl"
    assert [(p.path, p.reason.split(":")[0]) for p in problems] == [("upload/up/rows.jsonl", "JSON line 2 malformed")]
    assert read_bytes(b"", "e.txt") == ([], read_bytes(b"  ", "e.txt")[1])


def test_sidecar_row_can_name_one_record_of_a_multi_article_file(tmp_path):
    _write(tmp_path / "rows.jsonl", '{"text": "One."}\n{"text": "Two."}\n')
    _write(tmp_path / "articles.csv", "file,title,date\nrows.jsonl#2,Second,2024-04-07\n")
    first, second = read_corpus(tmp_path).articles
    assert first.title is None and first.date is None
    assert (second.title, second.date, second.date_source) == ("Second", dt.date(2024, 4, 7), "metadata")
