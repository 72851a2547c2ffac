"""One exception tree: every error mapapp raises on purpose is a MapappError and keeps its builtin base."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mapapp import errors
from mapapp.assets import MissingAssets
from mapapp.corpus import LimitError
from mapapp.corpus._formats import FormatError
from mapapp.errors import DataError, InputError, MapappError, SetupError
from mapapp.gazetteer import LayerError
from mapapp.io import OutputError, output_format
from mapapp.npm import NpmError
from mapapp.snapshot.browser import BrowserUnavailable
from mapapp.snapshot.view import SnapshotError

PACKAGE = Path(errors.__file__).parent


@pytest.mark.parametrize("cls, group, builtin", [
    (LimitError, InputError, ValueError), (FormatError, InputError, ValueError), (LayerError, InputError, ValueError),
    (OutputError, InputError, ValueError), (SnapshotError, InputError, ValueError),
    (errors.DecodeError, InputError, ValueError), (errors.RegionError, DataError, ValueError),
    (NpmError, SetupError, RuntimeError), (MissingAssets, SetupError, RuntimeError),
    (BrowserUnavailable, SetupError, RuntimeError),
])
def test_each_error_is_in_the_tree_and_keeps_its_builtin_base(cls, group, builtin):
    assert issubclass(cls, group) and issubclass(cls, MapappError) and issubclass(cls, builtin)
    assert cls is getattr(errors, cls.__name__)  # the re-export is the same class, not a copy


def test_an_old_except_clause_still_catches_it():
    with pytest.raises(ValueError, match="unknown output format"):
        output_format("out.docx")
    with pytest.raises(MapappError):
        output_format("out.docx")


def test_every_error_class_in_the_package_is_defined_in_errors_and_drawn_in_its_tree():
    defined = []
    for path in PACKAGE.rglob("*.py"):
        if "node_modules" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any("Error" in ast.unparse(b) or "Exception" in ast.unparse(b)
                                                      for b in node.bases):
                defined.append((path.name, node.name))
    assert {f for f, _ in defined} == {"errors.py"}
    assert all(f" {name} " in errors.__doc__ or f" {name}\n" in errors.__doc__ for _, name in defined)
