from __future__ import annotations

from calculator import Calculator


def test_good_rows_computed_bad_rows_reported_by_position(calc: Calculator) -> None:
    result = calc.batch([
        {"unit": "Kazan dairesi / buhar kazanı", "employees": 12},
        {"unit": "kazan dairesi", "employees": "abc"},
        {"code": "43.22.06", "employees": 300},
        {"unit": "99.99.99", "employees": 5},
        {"hazard_class": "az", "employees": 40},
        {"unit": "laboratuvar", "employees": 3},
        {"unit": "43.2", "employees": 3},
        {"employees": 3},
    ])
    assert [row.error is None for row in result.rows] == [True, False, True, False, True, False, False, False]
    assert [row.line for row in result.errors] == [2, 4, 6, 7, 8]
    assert [row.error["error"] for row in result.errors if row.error] == [
        "invalid_employees", "unknown_code", "ambiguous_unit", "invalid_code", "invalid_query"]
    good = [row.result for row in result.rows if row.result]
    assert [r.hazard_class for r in good] == ["cok_tehlikeli", "cok_tehlikeli", "az_tehlikeli"]
    for role in ("igu", "isyeri_hekimi", "dsp"):
        assert result.totals[role].required_minutes == sum(r.roles[role].required_minutes for r in good)
        assert result.totals[role].full_time == sum(r.roles[role].full_time for r in good)
    assert result.employees == 12 + 300 + 40


def test_given_line_numbers_are_kept(calc: Calculator) -> None:
    result = calc.batch([{"line": 7, "unit": "Kantin", "employees": 0}])
    assert result.errors[0].line == 7
    assert "line" not in result.rows[0].input


def test_unit_with_two_classes_uses_the_highest_and_says_so(calc: Calculator) -> None:
    row = calc.batch([{"unit": "Radyasyonlu laboratuvar", "employees": 100}]).rows[0]
    assert row.result is not None and row.result.hazard_class == "cok_tehlikeli"
    assert [n.id for n in row.notes] == ["several_classes"]
    assert "Tehlikeli / Çok Tehlikeli" in row.notes[0].text["tr"]


def test_code_shared_by_units_with_two_classes(calc: Calculator) -> None:
    row = calc.batch([{"code": "86.91.01", "employees": 20}]).rows[0]
    assert row.unit_id is None
    assert row.result is not None and row.result.hazard_class == "cok_tehlikeli"
    assert row.notes


def test_same_name_rows_count_as_one_unit(calc: Calculator) -> None:
    row = calc.batch([{"unit": "Tıbbi laboratuvar", "employees": 20}]).rows[0]
    assert row.error is None and row.result is not None and row.result.hazard_class == "tehlikeli"


def test_class_word_in_unit_column(calc: Calculator) -> None:
    row = calc.batch([{"unit": "Çok Tehlikeli", "employees": 20}]).rows[0]
    assert row.result is not None and row.result.hazard_class == "cok_tehlikeli" and row.unit_id is None


def test_to_dict_is_plain(calc: Calculator) -> None:
    import json

    data = calc.batch([{"unit": "Kantin", "employees": 10}, {"unit": "?", "employees": 1}]).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["error_count"] == 1
