"""docs/architecture.md lists every module of the package in its module table, and no module that is gone."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "architecture.md"


def _table_modules(text: str) -> set[str]:
    """Paths in the first column of the "## Modules" table."""
    section = text.split("\n## Modules\n", 1)[1].split("\n## ", 1)[0]
    return {m.group(1) for m in re.finditer(r"^\| `(mapapp/[^`]+\.py)` \|", section, re.M)}


def _package_modules() -> set[str]:
    return {p.relative_to(ROOT).as_posix() for p in (ROOT / "mapapp").rglob("*.py") if "node_modules" not in p.parts}


def test_every_module_is_in_the_table_and_every_row_is_a_module():
    listed = _table_modules(DOC.read_text(encoding="utf-8"))
    modules = _package_modules()
    assert sorted(modules - listed) == [], "add these modules to docs/architecture.md's module table"
    assert sorted(listed - modules) == [], "these rows name modules that are gone"


def test_the_check_sees_a_missing_row():
    text = "# A\n\n## Modules\n\n| module | job |\n| --- | --- |\n| `mapapp/cli.py` | commands |\n\n## Next\n| `mapapp/io/write.py` | x |\n"
    assert _table_modules(text) == {"mapapp/cli.py"}  # rows of another section do not count
    assert "mapapp/io/write.py" in _package_modules() - _table_modules(text)
