"""`mapapp articles`: the seeds acceptance and bad input, through typer's CliRunner."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from mapapp.cli import app

SEEDS = Path(__file__).parents[1] / "seeds"


def _runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 keeps stderr apart already
        return CliRunner()


def test_seeds_listed_with_their_dates_as_json():
    result = _runner().invoke(app, ["articles", str(SEEDS), "--json"])
    assert result.exit_code == 0, result.stderr
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert sorted(rows) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert rows["000_b08409c0bd830d32.txt"]["date"] == "2025-02-11"
    assert rows["000_b08409c0bd830d32.txt"]["date_source"] == "header"
    assert rows["003_af9b6ddbe6278279.txt"]["date"] == "2025-01-20"
    assert rows["004_aa454adba8b092f4.txt"]["date"] == "2025-11-24"
    assert rows["001_9a201cdbc87b2ca2.txt"]["date"].startswith("2025-02-")
    assert rows["001_9a201cdbc87b2ca2.txt"]["outlet"] == "Morning Star"  # from seeds/articles.csv
    assert "comments" in rows["002_b796a3233b35c8af.txt"]["section_chars"]
    assert "articles.csv" not in rows


def test_default_path_is_the_seeds_table():
    result = _runner().invoke(app, ["articles"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "000_b08409c0bd830d32.txt" in result.stdout and "2025-02-11 (header)" in result.stdout


def test_bad_input_reported_on_stderr_with_exit_codes(tmp_path):
    (tmp_path / "good.txt").write_text("Report from Gaza.\n", encoding="utf-8")
    (tmp_path / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = _runner().invoke(app, ["articles", str(tmp_path), "--json"])
    assert result.exit_code == 1
    assert f"skipped {tmp_path / 'bad.png'}: binary file" in result.stderr
    assert [row["id"] for row in json.loads(result.stdout)] == ["good.txt"]
    nothing = _runner().invoke(app, ["articles", str(tmp_path / "bad.png")])
    assert nothing.exit_code == 2 and "Traceback" not in nothing.stderr + nothing.stdout


def test_file_name_with_leading_dash_and_spaces(tmp_path):
    path = tmp_path / "-dash name é.txt"
    path.write_text("Report from Gaza.\n", encoding="utf-8")
    result = _runner().invoke(app, ["articles", "--json", "--", str(path)])
    assert result.exit_code == 0
    assert [row["id"] for row in json.loads(result.stdout)] == ["-dash name é.txt"]
