from __future__ import annotations

from calculator import Calculator
from calculator.resolve import resolve


def test_good_rows_computed_bad_rows_reported_by_position(calc: Calculator) -> None:
    result = calc.batch(
        [
            {"unit": "Kazan dairesi / buhar kazanı", "employees": 12},
            {"unit": "kazan dairesi", "employees": "abc"},
            {"code": "43.22.06", "employees": 300},
            {"unit": "99.99.99", "employees": 5},
            {"hazard_class": "az", "employees": 40},
            {"unit": "laboratuvar", "employees": 3},
            {"unit": "43.2", "employees": 3},
            {"employees": 3},
        ]
    )
    assert [row.error is None for row in result.rows] == [True, False, True, False, True, False, False, False]
    assert [row.line for row in result.errors] == [2, 4, 6, 7, 8]
    assert [row.error["error"] for row in result.errors if row.error] == [
        "invalid_employees",
        "unknown_code",
        "ambiguous_unit",
        "invalid_code",
        "invalid_query",
    ]
    good = [row.result for row in result.rows if row.result]
    # The boiler room: "çok" in the guide, "tehlikeli" in the NACE list: the higher protects the worker.
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
    # The guide gives 86.91.01 two classes; the official list one (çok), which is used.
    row = calc.batch([{"code": "86.91.01", "employees": 20}]).rows[0]
    assert row.unit_id is None
    assert row.result is not None and row.result.hazard_class == "cok_tehlikeli"
    by_guide = resolve(calc.rules, calc.index, {"code": "86.91.01"}, prefer="guide")
    assert by_guide.hazard_class == "cok_tehlikeli" and [n.id for n in by_guide.notes] == ["several_classes"]


def test_higher_class_wins_and_each_source_is_one_choice_away(calc: Calculator) -> None:
    # Kazan dairesi: guide çok tehlikeli, list tehlikeli -> the higher, protective class by default.
    boiler = resolve(calc.rules, calc.index, {"unit": "Kazan dairesi"})
    assert (boiler.hazard_class, boiler.class_source) == ("cok_tehlikeli", "higher")
    note = next(n for n in boiler.notes if n.id == "guide_and_list_differ")
    assert "yüksek olan" in note.text["tr"] and "protects the worker" in note.text["en"]
    boiler = resolve(calc.rules, calc.index, {"unit": "Kazan dairesi"}, prefer="list")
    assert (boiler.hazard_class, boiler.class_source) == ("tehlikeli", "list")
    assert (boiler.guide_class, boiler.list_class) == ("cok_tehlikeli", "tehlikeli")
    assert "guide_and_list_differ" in [n.id for n in boiler.notes]
    note = next(n for n in boiler.notes if n.id == "guide_and_list_differ")
    assert "İSG-KATİP" in note.text["tr"] and "registered NACE code" in note.text["en"]
    as_guide = resolve(calc.rules, calc.index, {"unit": "Kazan dairesi"}, prefer="guide")
    assert (as_guide.hazard_class, as_guide.class_source) == ("cok_tehlikeli", "guide")
    theatre = resolve(calc.rules, calc.index, {"unit": "Ameliyathane"})
    assert (theatre.hazard_class, theatre.guide_class, theatre.list_class) == ("cok_tehlikeli", "tehlikeli", "cok_tehlikeli")
    # The list's class is the higher here: the default takes it too.
    assert theatre.class_source == "higher"
    agreeing = resolve(calc.rules, calc.index, {"unit": "HVAC bakım"})
    assert agreeing.guide_class is None and agreeing.notes == []


def test_code_only_in_the_official_list(calc: Calculator) -> None:
    dorm = resolve(calc.rules, calc.index, {"unit": "55.90.01"})
    assert dorm.unit is None and dorm.list_entry is not None
    assert (dorm.hazard_class, dorm.list_entry.code) == ("az_tehlikeli", "55.90.01")
    row = calc.batch([{"unit": "55.90.01", "employees": 120}]).rows[0]
    assert row.result is not None and row.result.roles["igu"].required_minutes == 1200


def test_a_bare_code_takes_its_listed_class_and_names_the_guide_rows(calc: Calculator) -> None:
    # 85.40.02: the list says az tehlikeli, and so does the guide's office row; only its teaching
    # laboratory row says tehlikeli. A code alone names no unit: İSG-KATİP uses the code's class.
    listed = calc.index.list_entries["85.40.02"].hazard_class
    rows = {r["name"]["tr"]: r["hazard_class"] for r in resolve(calc.rules, calc.index, {"unit": "85.40.02"}).guide_rows}
    assert listed in rows.values() and len(set(rows.values())) > 1
    for prefer in ("higher", "list"):
        bare = resolve(calc.rules, calc.index, {"unit": "85.40.02"}, prefer)
        assert (bare.hazard_class, bare.class_source, bare.unit, bare.code) == (listed, "code", None, "85.40.02")
        assert [n.id for n in bare.notes] == ["guide_rows_for_code"]
        assert all(name in bare.notes[0].text["tr"] for name in rows)
    # The same code in a code column gives the same answer.
    assert resolve(calc.rules, calc.index, {"code": "85.40.02"}).hazard_class == listed
    # The reader may still ask for the guide's classes of the code.
    assert resolve(calc.rules, calc.index, {"unit": "85.40.02"}, "guide").hazard_class == max(
        rows.values(), key=lambda c: calc.rules.hazard_classes[c].rank
    )


def test_a_name_with_a_code_keeps_the_protective_rule_for_the_guide_row(calc: Calculator) -> None:
    lab = next(u for u in calc.index.units if any(e.code == "85.40.02" and e.hazard_class == "tehlikeli" for e in u.codes))
    named = resolve(calc.rules, calc.index, {"unit": lab.name["tr"], "code": "85.40.02"})
    assert (named.hazard_class, named.class_source, named.code) == ("tehlikeli", "higher", "85.40.02")
    assert named.summary["tr"].startswith(f"Birim: {lab.name['tr']} ")
    # The office's own name, which no guide row has: the code's class, the office's name in the summary.
    own = resolve(calc.rules, calc.index, {"unit": "Kalite Koordinatörlüğü", "code": "85.40.02"})
    assert (own.hazard_class, own.class_source) == ("az_tehlikeli", "code")
    assert own.summary["en"].startswith("Unit: Kalite Koordinatörlüğü (NACE 85.40.02)")
    # A guide unit's very name with another code: that code is used, and the guide's code is said.
    boiler = next(u for u in calc.index.units if u.unit_id == "kazan-dairesi")
    other = resolve(calc.rules, calc.index, {"unit": boiler.name["tr"], "code": "85.40.02"})
    assert other.hazard_class == "az_tehlikeli" and "guide_unit_other_code" in [n.id for n in other.notes]


def test_code_nowhere_and_name_not_in_the_guide(calc: Calculator) -> None:
    rows = calc.batch(
        [
            {"unit": "99.99.99", "employees": 1},
            {"unit": "ogrenci yurdu", "employees": 1},
            {"unit": "Öğrenci ve işçi yurtları", "employees": 1},
            {"unit": "zzqx", "employees": 1},
        ]
    ).rows
    assert rows[0].error is not None and "NACE list (a transcription" in rows[0].error["message"]["en"]
    # Several codes of the list: said, with the codes, never guessed.
    assert rows[1].error is not None and rows[1].error["error"] == "ambiguous_unit"
    assert "55.90.01" in rows[1].error["message"]["tr"] and "NACE kodunu yazın" in rows[1].error["message"]["tr"]
    # One code of the list: accepted, and said.
    assert rows[2].result is not None and rows[2].code == "55.90.01"
    assert [n.id for n in rows[2].notes] == ["found_in_list_title"]
    assert rows[3].error is not None and rows[3].error["error"] == "unknown_unit"


def test_same_name_rows_count_as_one_unit(calc: Calculator) -> None:
    row = calc.batch([{"unit": "Tıbbi laboratuvar", "employees": 20}]).rows[0]
    # 86.91.01 is "çok" in the NACE list; the guide says "tehlikeli" for both rows: the higher is used.
    assert row.error is None and row.result is not None and row.result.hazard_class == "cok_tehlikeli"
    assert resolve(calc.rules, calc.index, {"unit": "Tıbbi laboratuvar"}, prefer="guide").hazard_class == "tehlikeli"


def test_class_word_in_unit_column(calc: Calculator) -> None:
    row = calc.batch([{"unit": "Çok Tehlikeli", "employees": 20}]).rows[0]
    assert row.result is not None and row.result.hazard_class == "cok_tehlikeli" and row.unit_id is None


def test_to_dict_is_plain(calc: Calculator) -> None:
    import json

    data = calc.batch([{"unit": "Kantin", "employees": 10}, {"unit": "?", "employees": 1}]).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["error_count"] == 1


def test_batch_takes_the_higher_class_with_a_note(calc: Calculator) -> None:
    row = calc.batch([{"unit": "Kazan dairesi", "employees": 12}]).rows[0]
    assert row.result is not None and row.result.hazard_class == "cok_tehlikeli"
    assert "guide_and_list_differ" in [n.id for n in row.notes]
    listed = calc.batch([{"unit": "Kazan dairesi", "employees": 12}], prefer="list").rows[0]
    assert listed.result is not None and listed.result.hazard_class == "tehlikeli"


def test_a_class_column_beside_a_code_is_weighed_protectively(calc: Calculator) -> None:
    listed = calc.index.list_entries["85.40.02"].hazard_class
    higher = resolve(calc.rules, calc.index, {"code": "85.40.02", "hazard_class": "cok"})
    assert higher.hazard_class == "cok_tehlikeli" and "given_class_differs" in [n.id for n in higher.notes]
    lower = resolve(calc.rules, calc.index, {"code": "43.22.06", "hazard_class": "az"})
    assert lower.hazard_class == calc.index.list_entries["43.22.06"].hazard_class != "az_tehlikeli"
    same = resolve(calc.rules, calc.index, {"code": "85.40.02", "hazard_class": listed})
    assert same.hazard_class == listed and "given_class_differs" not in [n.id for n in same.notes]
