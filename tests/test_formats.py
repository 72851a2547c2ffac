"""One registry of output formats: each declared once, and the CLI, the app's downloads and the writers read it."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mapapp import export, formats
from mapapp.errors import OutputError, SnapshotError
from mapapp.io import output_format

PACKAGE = Path(formats.__file__).parent


def test_each_suffix_is_declared_once_with_a_name_a_media_type_and_a_writer():
    suffixes = [f.suffix for f in formats.FORMATS]
    assert len(suffixes) == len(set(suffixes))
    assert all(f.suffix.startswith(".") and f.name and "/" in f.media_type for f in formats.FORMATS)
    assert {f.writes for f in formats.FORMATS} == {"data", "snapshot"}
    assert formats.DATA == (".geojson", ".json", ".csv", ".jsonl", ".gpkg", ".parquet")
    assert formats.SNAPSHOT == (".html", ".png", ".pdf", ".svg")


def test_a_suffix_of_the_wrong_kind_is_refused_with_the_kinds_own_error():
    assert output_format("OUT.GeoJSON") == ".geojson"
    with pytest.raises(OutputError, match=r"unknown output format \.png; use one of \.geojson, \.json"):
        output_format("map.png")
    with pytest.raises(SnapshotError, match=r"unknown snapshot format \.csv; use one of \.html, \.png, \.pdf, \.svg"):
        formats.format_of("x.csv", "snapshot")
    assert formats.media_type("png") == formats.media_type(".PNG") == "image/png"


def test_the_apps_downloads_are_the_registrys_download_formats():
    assert list(export.EXPORT_FORMATS) == ["geojson", "csv", "gpkg"]
    assert [f for f in export.EXPORT_FORMATS.values() if f.both_layers] == [formats.BY_SUFFIX[".gpkg"]]


def test_the_cli_help_lists_the_registrys_suffixes():
    import typer

    from mapapp.cli import app

    commands = typer.main.get_command(app).commands
    helps = {name: next(p.help for p in commands[name].params if "--output" in getattr(p, "opts", ()))
             for name in ("parse", "places", "snapshot")}
    assert formats.suffixes("data") in helps["parse"] and formats.suffixes("data") in helps["places"]
    assert formats.suffixes("snapshot") in helps["snapshot"]


def test_no_module_keeps_its_own_table_of_suffixes():
    """A dict or tuple literal holding two or more output suffixes outside the registry is a second registry."""
    known = set(formats.BY_SUFFIX)
    found = []
    for path in PACKAGE.rglob("*.py"):
        # corpus/ and gazetteer/ read input files, whose suffixes are another list
        if {"node_modules", "corpus", "gazetteer"} & set(path.parts) or path.name == "formats.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Dict, ast.Tuple, ast.List, ast.Set)):
                items = node.keys if isinstance(node, ast.Dict) else node.elts
                hits = {i.value for i in items if isinstance(i, ast.Constant) and i.value in known}
                if len(hits) >= 2:
                    found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {sorted(hits)}")
    assert found == []
