"""The staffing plan end to end: the professionals' list read in either language, the units' needs
taken from the batch (the same figures every surface shows), the CLI's `plan` with its JSON, texts,
files and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from calculator import Calculator, xlsx
from calculator.csv_batch import parse_rows
from calculator.errors import failure_message
from calculator.staff import read_staff
from calculator.staffing import needs_of, staffing_plan
from tests.cli_run import run
from tests.conftest import ROOT

UNITS = "Birim;Çalışan sayısı\nKazan dairesi;12\nKütüphane;40\nAtölye;tehlikeli\n"
UNITS_OK = "Birim;Çalışan sayısı\nKazan dairesi;12\nKütüphane;40\n"
STAFF_TR = (
    "Ad Soyad;Rol;Belge sınıfı;Uygun dakika;Tam süreli\nAyşe;İGU;A;3000;hayır\nDr. Ece;İH;;2000;hayır\nGül;DSP;;1000;hayır\n"
)
STAFF_EN = "Full-time,Available minutes,Name,Role,Certificate class\nno,3000,Ayşe,OSS,A\nno,2000,Dr. Ece,WP,\nno,1000,Gül,OHP,\n"


def _roles(calc: Calculator) -> list[dict[str, Any]]:
    return list(calc.rules.data["roles"])


def test_staff_read_by_header_in_either_language_and_by_position(calc: Calculator) -> None:
    tr = read_staff(STAFF_TR, _roles(calc))
    en = read_staff(STAFF_EN, _roles(calc))
    positional = read_staff("Ayşe;uzman;a;3.000;evet\nDr. Ece;hekim;;2000;\n", _roles(calc))
    assert tr.errors == en.errors == positional.errors == []
    assert [(p.name, p.role, p.certificate_class, p.available_minutes) for p in tr.people] == [
        ("Ayşe", "igu", "A", 3000),
        ("Dr. Ece", "isyeri_hekimi", "-", 2000),
        ("Gül", "dsp", "-", 1000),
    ]
    assert [(p.name, p.role, p.certificate_class, p.available_minutes) for p in en.people] == [
        (p.name, p.role, p.certificate_class, p.available_minutes) for p in tr.people
    ]
    assert [(p.role, p.certificate_class, p.available_minutes, p.full_time) for p in positional.people] == [
        ("igu", "A", 3000, True),
        ("isyeri_hekimi", "-", 2000, False),
    ]


@pytest.mark.parametrize(
    "line, field, tr_word, en_word",
    [
        ("Ayşe;müdür;A;3000;hayır", "role", "bir rol değil", "is no role"),
        ("Ayşe;İGU;D;3000;hayır", "certificate_class", "belge sınıfı değil", "no certificate class"),
        ("Ayşe;İGU;;3000;hayır", "certificate_class", "belge sınıfı değil", "no certificate class"),
        ("Dr. Ece;İH;A;3000;hayır", "certificate_class", "yalnızca iş güvenliği uzmanları", "safety specialists only"),
        ("Ayşe;İGU;A;üç bin;hayır", "available_minutes", "uygun dakika", "available minutes"),
        ("Ayşe;İGU;A;3000;belki", "full_time", "evet veya hayır", "yes or no"),
        (";İGU;A;3000;hayır", "name", "ad yok", "no name"),
    ],
)
def test_a_bad_staff_line_is_named_in_both_languages_and_the_rest_kept(
    calc: Calculator, line: str, field: str, tr_word: str, en_word: str
) -> None:
    read = read_staff(f"Bora;İGU;B;2000;hayır\n{line}\n", _roles(calc))
    assert [p.name for p in read.people] == ["Bora"]
    [error] = read.errors
    assert error["line"] == 2 and tr_word in failure_message(error, "tr") and en_word in failure_message(error, "en")


def test_the_same_name_twice_is_refused(calc: Calculator) -> None:
    read = read_staff("Ayşe;İGU;A;3000;hayır\nayşe;İGU;B;2000;hayır\n", _roles(calc))
    assert [p.name for p in read.people] == ["Ayşe"] and read.errors[0]["error"]["error"] == "duplicate_name"


def test_needs_are_the_batch_figures(calc: Calculator) -> None:
    rows, _, _ = parse_rows(UNITS_OK, calc.rules.role_shorts)
    needs, errors = needs_of(calc.rules, calc.index, rows)
    totals = calc.batch(rows).totals
    assert errors == []
    for role, total in totals.items():
        assert sum(n.minutes for n in needs if n.role == role) == total.part_time_minutes
        assert sum(n.full_time for n in needs if n.role == role) == total.full_time


def test_already_assigned_is_taken_off_the_needs(calc: Calculator) -> None:
    units = "Birim;Çalışan sayısı;İGU mevcut dk\nKütüphane;40;150\n"
    rows, _, _ = parse_rows(units, calc.rules.role_shorts)
    needs, _ = needs_of(calc.rules, calc.index, rows)
    library = calc.batch(rows).rows[0].result
    assert library is not None
    assert [n.minutes for n in needs if n.role == "igu"] == [library.roles["igu"].part_time_minutes - 150]


def test_a_plan_that_covers_everything(calc: Calculator) -> None:
    answer = staffing_plan(calc.rules, calc.index, UNITS_OK, STAFF_TR)
    assert answer.plan.feasible and answer.shortfall_texts == []
    assert {a.professional for a in answer.plan.assignments} == {"Ayşe", "Dr. Ece", "Gül"}
    assert all("(" in rule["tr"] and "(" in rule["en"] for rule in answer.rules[:2])  # each cites its source


def test_what_is_short_said_per_role_and_class(calc: Calculator) -> None:
    staff = "Bora;İGU;B;100000;hayır\nDr. Ece;İH;;10;hayır\nGül;DSP;;1000;hayır\n"
    answer = staffing_plan(calc.rules, calc.index, UNITS_OK, staff)
    assert not answer.plan.feasible
    texts = [t["en"] for t in answer.shortfall_texts]
    boiler = next(
        n
        for n in needs_of(calc.rules, calc.index, parse_rows(UNITS_OK, calc.rules.role_shorts)[0])[0]
        if n.role == "igu" and n.unit == "Kazan dairesi"
    )
    assert f"For very hazardous units: {boiler.minutes:,} more minutes of A-class" in texts[0]
    assert any("workplace physician time" in t for t in texts)
    assert answer.shortfall_texts[0]["tr"].startswith("Çok Tehlikeli birimler için:")


def test_cli_plan_json_and_exit_codes(tmp_path: Path) -> None:
    units, units_ok, staff = tmp_path / "units.csv", tmp_path / "ok.csv", tmp_path / "staff.csv"
    units.write_text(UNITS, encoding="utf-8")
    units_ok.write_text(UNITS_OK, encoding="utf-8")
    staff.write_text(STAFF_TR, encoding="utf-8")
    out = run("plan", "--units", str(units_ok), "--staff", str(staff), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["feasible"] is True and data["uncovered"] == [] and data["shortfall"] == []
    assert set(data["assignments"][0]) >= {"professional", "role", "unit", "kind", "minutes"}
    short = tmp_path / "short.csv"
    short.write_text("Ayşe;İGU;C;3000;hayır\n", encoding="utf-8")
    out = run("plan", "--units", str(units_ok), "--staff", str(short), "--json")
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert data["feasible"] is False
    assert {"unit", "role", "full_time", "minutes", "certificate_classes"} <= set(data["uncovered"][0])
    assert {"role", "certificate_classes", "full_time", "minutes"} <= set(data["shortfall"][0])
    # A unit line that cannot be computed ("Atölye;tehlikeli": no number) is bad input, said, the rest planned.
    for lang, word in (("tr", "okunamayan satırlar"), ("en", "could not be read")):
        out = run("plan", "--units", str(units), "--staff", str(staff), "--lang", lang)
        assert out.returncode == 2 and word in out.stdout and "Traceback" not in out.stderr
    missing = run("plan", "--units", str(tmp_path / "nowhere.csv"), "--staff", str(staff), "--lang", "en")
    assert missing.returncode == 2 and "could not be read" in missing.stderr


def test_cli_plan_files_hold_the_same_cells(tmp_path: Path) -> None:
    units, staff = tmp_path / "units.csv", tmp_path / "staff.csv"
    units.write_text(UNITS_OK, encoding="utf-8")
    staff.write_text("Ayşe;İGU;A;500;hayır\nDr. Ece;İH;;2000;hayır\nGül;DSP;;1000;hayır\n", encoding="utf-8")
    out_csv, out_xlsx = tmp_path / "plan.csv", tmp_path / "plan.xlsx"
    assert run("plan", "--units", str(units), "--staff", str(staff), "--output", str(out_csv)).returncode == 1
    assert run("plan", "--units", str(units), "--staff", str(staff), "--output", str(out_xlsx)).returncode == 1
    rows = list(csv.reader(io.StringIO(out_csv.read_text(encoding="utf-8").lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Kişi", "Rol", "Belge sınıfı", "Birim", "NACE kodu", "Tehlike sınıfı", "Görevlendirme", "Dakika"]
    assert any(row[6].startswith("EKSİK") for row in rows)
    assert xlsx.sheet_lines(out_xlsx.read_bytes()) == rows
    bad = run("plan", "--units", str(units), "--staff", str(staff), "--output", str(tmp_path / "plan.pdf"))
    assert bad.returncode == 2


def test_cli_plan_broken_data_exit_3(tmp_path: Path) -> None:
    broken = tmp_path / "data"
    (broken / "schema").mkdir(parents=True)
    for path in (ROOT / "data" / "schema").iterdir():
        (broken / "schema" / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (broken / "durations.yaml").write_text("rates: [\n", encoding="utf-8")
    units = tmp_path / "units.csv"
    units.write_text(UNITS_OK, encoding="utf-8")
    out = run("plan", "--units", str(units), "--staff", str(units), "--data", str(broken))
    assert out.returncode == 3 and "Traceback" not in out.stderr


def test_the_plan_keeps_the_certificate_rule_of_its_date(tmp_path: Path) -> None:
    units, staff = tmp_path / "units.csv", tmp_path / "staff.csv"
    units.write_text("Kazan dairesi;12\n", encoding="utf-8")
    staff.write_text("Bora;İGU;B;5000;hayır\nDr. Ece;İH;;5000;hayır\nGül;DSP;;5000;hayır\n", encoding="utf-8")
    # A B-class specialist served very hazardous units until 31.12.2024 (the transitional rule), not after.
    before = run("plan", "--units", str(units), "--staff", str(staff), "--json", "--on", "2024-06-01")
    after = run("plan", "--units", str(units), "--staff", str(staff), "--json", "--on", "2025-06-01")
    assert (before.returncode, after.returncode) == (0, 1), (before.stderr, after.stderr)
    assert json.loads(before.stdout)["on"] == "2024-06-01"
    assert json.loads(after.stdout)["shortfall"][0]["certificate_classes"] == ["A"]


def test_each_assignment_carries_its_form_as_the_single_answer_fills_it(calc: Calculator, tmp_path: Path) -> None:
    """An assignment's İSG-KATİP form (drawn on the plan page, issue 21): the unit's figures for its role,
    exactly the single answer's, its NACE code, and a part-time assignment's own minutes."""
    answer = staffing_plan(calc.rules, calc.index, UNITS_OK + "86.10.04;50\n", STAFF_TR)
    assert answer.plan.assignments and len(answer.forms) == len(answer.plan.assignments)
    for assignment, form in zip(answer.plan.assignments, answer.forms, strict=True):
        employees = {"Kazan dairesi": 12, "Kütüphane": 40, "86.10.04": 50}[assignment.unit]
        single = calc.requirements(assignment.hazard_class, employees).roles[assignment.role].form
        rows = {row["label"]: row["value"] for row in form}
        assert rows.pop("NACE KODU") == assignment.code
        minutes = rows.pop("Çalışma Süresi Dakika", None)
        assert minutes == (assignment.minutes if assignment.kind == "part_time" else None)
        assert rows == {row["label"]: row["value"] for row in single if row["label"] != "Çalışma Süresi Dakika"}
    units, staff = tmp_path / "units.csv", tmp_path / "staff.csv"
    units.write_text(UNITS_OK, encoding="utf-8")
    staff.write_text(STAFF_TR, encoding="utf-8")
    shown = json.loads(run("plan", "--units", str(units), "--staff", str(staff), "--json").stdout)
    assert all(a["form"] for a in shown["assignments"])
