"""mapapp.corpus sections: body, reader comments and boilerplate, checked on fixtures and seeds."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from mapapp.corpus import read_corpus
from mapapp.corpus._sections import find_sections

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"
SEEDS = Path(__file__).parents[1] / "seeds"
GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "seeds-gold.jsonl"


def _kinds(article) -> list[tuple[str, str]]:
    """(kind, first line of the section) in order."""
    return [(s.kind, article.text[s.start : s.end].split("\n", 1)[0]) for s in article.sections]


def _read(name: str):
    result = read_corpus(FIXTURES / name)
    assert result.problems == []
    return result.articles[0]


def test_heading_share_run_and_nav_lines():
    article = _read("comments_heading.txt")
    assert _kinds(article) == [
        ("boilerplate", "Skip to main content"),
        ("body", "Troops leave Khan Younis"),
        ("boilerplate", "Share"),
        ("comments", "3 Comments"),
    ]
    assert article.section_at(article.text.index("Rafah")) == "comments"


def test_comment_thread_without_markers_starts_where_prose_turns_into_posts():
    article = _read("chatty_thread.txt")
    assert _kinds(article) == [("body", article.text.split("\n", 1)[0]), ("comments", "Stop the advance on Rafah. NOW!")]
    assert article.section_at(article.text.index("Kerem Shalom")) == "body"


def test_paywall_and_teaser_block_are_boilerplate():
    article = _read("teaser.txt")
    assert _kinds(article) == [("body", "Ceasefire holds in Gaza"), ("boilerplate", "You have reached the free limit.")]
    assert article.section_at(article.text.index("Jenin")) == "boilerplate"
    assert article.date is None  # the teaser's "29 May 2025" belongs to another article


@pytest.mark.parametrize(
    "line",
    [
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "Sign up for our daily newsletter",
        "Log in",
        "Subscribe to continue reading.",
        "Advertisement",
        "© 2025 Example News. All rights reserved.",
    ],
)
def test_furniture_lines_are_boilerplate(line):
    text = f"Troops entered Jenin at dawn, the army said.\n{line}\nResidents said the raid lasted hours.\n"
    sections = find_sections(text)
    assert [s.kind for s in sections] == ["body", "boilerplate", "body"]
    assert text[sections[1].start : sections[1].end] == line + "\n"


def test_ordinary_news_with_a_question_and_a_quote_stays_body():
    text = (
        "Aid trucks entered Gaza through Kerem Shalom on Monday, the UN said.\n"
        "“I have nothing left,” said one resident of Khan Younis.\n"
        "What happens next is unclear?\n"
        "Officials said talks would resume in Cairo.\n"
        "The ceasefire has held for three days.\n"
    ) * 3
    assert [s.kind for s in find_sections(text)] == ["body"]


def test_header_is_boilerplate_and_sections_tile_the_text():
    text = " date 2025-02-11 ON SUNDAY troops withdrew.\nMore text.\n"
    sections = find_sections(text, header_end=17)
    assert sections[0].kind == "boilerplate" and text[: sections[0].end] == " date 2025-02-11 "
    assert sections[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(sections, sections[1:]))


def test_seed_sections_expected_shape():
    by_doc = {a.doc: a for a in read_corpus(SEEDS).articles}
    thread = by_doc["002_b796a3233b35c8af.txt"]
    start = thread.text.index("The UN needs to order members")
    assert thread.section_at(start) == "comments"
    assert thread.section_at(start - 2) == "body"
    assert thread.section_at(len(thread.text) - 1) == "comments"
    teaser = by_doc["001_9a201cdbc87b2ca2.txt"]
    assert teaser.section_at(teaser.text.index("More from this author")) == "boilerplate"
    assert teaser.section_at(len(teaser.text) - 1) == "boilerplate"
    assert teaser.section_at(teaser.text.index("Skip to main content")) == "boilerplate"
    assert teaser.section_at(teaser.text.index("Hamas spokesman")) == "body"


@pytest.mark.skipif(not GOLD.exists(), reason="shared gold annotations not available")
def test_every_gold_mention_falls_in_its_section():
    by_doc = {a.doc: a for a in read_corpus(SEEDS).articles}
    wrong = []
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) == 321
    for row in rows:
        article = by_doc[row["doc"]]
        assert article.text[row["start"] : row["end"]] == row["surface"]
        want = {"other": "boilerplate"}.get(row["section"], row["section"])
        if article.section_at(row["start"]) != want:
            wrong.append((row["doc"], row["start"], row["surface"], want))
    assert wrong == []


@pytest.mark.parametrize(
    "line",
    [
        "Register of the dead shows 3,000 killed in Gaza since January.",
        "Troops handed out cookies to children, and residents said they accept the truce.",
        "Sign language interpreters joined the press conference in Ramallah.",
    ],
)
def test_news_lines_resembling_furniture_stay_body(line):
    text = f"Troops entered Jenin at dawn, the army said.\n{line}\nResidents said the raid lasted hours.\n"
    assert [s.kind for s in find_sections(text)] == ["body"]


def test_html_reader_comments_become_a_comments_section():
    from mapapp.corpus import read_bytes

    html = (
        "<html><body><article><h1>Troops leave Khan Younis</h1>"
        "<p>Israeli troops withdrew from Khan Younis on Sunday, officials said in a statement to reporters.</p>"
        "<p>Residents began returning to what is left of the city in the afternoon, witnesses said.</p></article>"
        "<div id='comments' class='comments-area'><h2>2 comments</h2><ol class='comment-list'>"
        "<li class='comment'><div class='comment-content'><p>I was in Rafah last year and it was crowded then.</p></div></li>"
        "<li class='comment'><div class='comment-content'><p>Nobody believes the army statement anyway, sadly.</p></div></li>"
        "</ol></div></body></html>"
    )
    articles, problems = read_bytes(html.encode("utf-8"), "page.html")
    assert problems == []
    article = articles[0]
    assert article.section_at(article.text.index("Residents")) == "body"
    assert article.section_at(article.text.index("Rafah")) == "comments"
    assert article.sections[-1].end == len(article.text)
