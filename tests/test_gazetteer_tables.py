"""The world layer's per-country facts as sourced tables in geodata/ (mapapp.gazetteer._tables)."""
from __future__ import annotations

import pytest

from mapapp.gazetteer import _tables


@pytest.mark.parametrize("name", _tables.TABLES)
def test_every_table_opens_with_its_reason_and_sources_every_row(name):
    text = (_tables.GEODATA / name).read_text(encoding="utf-8")
    assert text.startswith("# ")
    rows = _tables.rows(name)
    assert rows and all(r["source"].strip() for r in rows)


def test_a_row_without_a_source_is_refused(tmp_path, monkeypatch):
    (tmp_path / "x.csv").write_text("# why\niso2,rule,source\nAA,dissolved,\n", encoding="utf-8")
    monkeypatch.setattr(_tables, "GEODATA", tmp_path)
    _tables.rows.cache_clear()
    try:
        with pytest.raises(ValueError, match="every row needs a source"):
            _tables.rows("x.csv")
    finally:
        _tables.rows.cache_clear()


def test_rules_are_known_and_read_as_sets():
    assert all(r["rule"] in _tables.RULES for r in _tables.rows("country-rules.csv"))
    assert all(_tables.countries_with(rule) for rule in _tables.RULES)  # no rule without a country
    with pytest.raises(KeyError, match="unknown country rule"):
        _tables.countries_with("no_such_rule")
    assert len(_tables.the_country_with("admin1_census_shapes")) == 2


def test_forms_keep_file_order_per_country_and_subdivision():
    forms = _tables.country_forms()
    assert all(len(set(f)) == len(f) for f in forms.values())
    first = _tables.rows("country-names.csv")[0]
    assert forms[first["iso2"]][0] == first["form"]
    for (country, admin1), extra in _tables.admin1_forms().items():
        assert [r["form"] for r in _tables.rows("admin1-forms.csv")
                if (r["country"], r["admin1"]) == (country, admin1)] == list(extra)


def test_counties_lie_in_one_subdivision_and_split_units_name_their_longitudes():
    admin1, counties = _tables.ceremonial_counties()
    assert admin1.count(".") == 1 and all(members for members in counties.values())
    for joins in _tables.natural_earth_units().values():
        if len(joins) > 1:  # a unit split between countries: every part finds exactly one of them
            for x in (-179.0, 0.0, 99.9, 100.0, 100.1, 179.0):
                assert sum((a is None or x > a) and (u is None or x <= u) for _iso, a, u in joins) == 1
