"""What `mapapp articles` prints: a table (or JSON) of the articles read, problems on stderr."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from mapapp.corpus._dates import date_label
from mapapp.model import Article


def default_corpus_path() -> Path:
    """The repository's seeds/ folder when running from a checkout, else the current folder."""
    import mapapp

    seeds = Path(mapapp.__file__).parents[1] / "seeds"
    return seeds if seeds.is_dir() else Path(".")


def section_summary(article: Article) -> dict[str, int]:
    """Characters per section kind, so a glance shows how much is comments or boilerplate."""
    chars: Counter[str] = Counter()
    for s in article.sections:
        chars[s.kind] += s.end - s.start
    return dict(chars)


def article_row(article: Article) -> dict[str, object]:
    return {
        "id": article.id,
        "doc": article.doc,
        "path": article.path,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "date": article.date.isoformat() if article.date else None,
        "date_source": article.date_source,
        "date_confidence": article.date_confidence,
        "sections": [{"kind": s.kind, "start": s.start, "end": s.end} for s in article.sections],
        "section_chars": section_summary(article),
        "chars": len(article.text),
    }


def print_json(articles: list[Article]) -> None:
    json.dump([article_row(a) for a in articles], sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_table(articles: list[Article]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if not articles:
        print("no articles read", file=sys.stderr)
        return
    table = Table(title=f"{len(articles)} article(s)")
    table.add_column("id", no_wrap=True)
    table.add_column("title", overflow="fold")
    table.add_column("date", no_wrap=True)
    table.add_column("sections")
    table.add_column("chars", justify="right")
    for a in articles:
        date = date_label(a.date, a.date_source)
        kinds = Counter(s.kind for s in a.sections)
        sections = ", ".join(f"{kind} {n}" for kind, n in kinds.items())
        # Text(...) so markup-like characters in untrusted titles are shown, not interpreted.
        table.add_row(Text(a.id), Text(a.title or ""), Text(date), Text(sections), Text(str(len(a.text))))
    Console().print(table)
