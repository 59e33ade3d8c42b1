"""The answer as assignments to create, what is already assigned, and what is still missing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculator import MAX_EMPLOYEES, Calculator
from calculator.api import Service
from calculator.errors import InvalidAssigned
from datafiles import load_site
from tests import law
from tests.cli_run import run

ROOT = Path(__file__).resolve().parents[1]
ROLES = ("igu", "isyeri_hekimi", "dsp")


def test_three_hundred_in_very_hazardous(calc: Calculator) -> None:
    """rules.md: çok, 300 -> İGU 1 full-time + 2,000 min; İH 4,500 min; DSP 6,000 min."""
    roles = calc.requirements("cok", 300).to_dict()
    assert roles["igu"]["assignments"] == [{"kind": "full_time", "count": 1}, {"kind": "part_time", "minutes": 2000}]
    assert roles["isyeri_hekimi"]["assignments"] == [{"kind": "part_time", "minutes": 4500}]
    assert roles["dsp"]["assignments"] == [{"kind": "part_time", "minutes": 6000}]
    # The full-time post is named first, never hidden behind the part-time remainder.
    first = calc.requirements("cok", 300).roles["igu"].assignment_texts[0]
    assert first["tr"].startswith("1 tam süreli") and first["en"].startswith("1 full-time")
    assert "bulunamadı" in first["tr"] and "not found" in first["en"]


def test_whole_multiples_have_no_part_time_entry(calc: Calculator) -> None:
    roles = calc.requirements("cok", 500).to_dict()
    assert roles["igu"]["assignments"] == [{"kind": "full_time", "count": 2}]
    assert calc.requirements("az", 40).to_dict()["dsp"]["assignments"] == []


@given(hazard=st.sampled_from(law.CLASSES), employees=st.integers(1, MAX_EMPLOYEES))
def test_assignments_add_up_to_the_monthly_total(calc: Calculator, hazard: str, employees: int) -> None:
    for role in calc.requirements(hazard, employees).roles.values():
        full = sum(a.get("count", 0) for a in role.assignments)
        part = sum(a.get("minutes", 0) for a in role.assignments)
        assert full == role.full_time and part == role.part_time_minutes
        rate = role.minutes_per_employee or 0
        assert full * (role.full_time_threshold or 0) * rate + part == role.required_minutes


def test_form_figures_are_the_answer_under_katip_labels(calc: Calculator) -> None:
    labels = load_site()["labels"]["labels"]
    role = calc.requirements("cok", 300, assigned={"igu": {"full_time": 1, "minutes": 1500}}).roles["igu"]
    form = {row["label"]: row["value"] for row in role.form}
    assert all(label in labels for label in form)
    assert form == {
        "TOPLAM ÇALIŞAN SAYISI": 300,
        "GEREKLİ TAM SÜRELİ İSG SAYISI": 1,
        "MEVCUT TAM SÜRELİ İSG SAYISI": 1,
        "GEREKLİ ASGARİ KISMİ SÜRELİ İSG SÜRESİ": 2000,
        "DEVAM EDEN TOPLAM İSG SÜRESİ": 1500,
        "GEREKLİ TOPLAM İSG SÜRESİ": 12000,
        # What the new part-time assignment is given: the 500 minutes still missing.
        "Çalışma Süresi Dakika": 500,
    }
    plain_form = {row["label"]: row["value"] for row in calc.requirements("cok", 300).roles["igu"].form}
    assert plain_form["Çalışma Süresi Dakika"] == 2000


@pytest.mark.parametrize(
    "assigned, missing_full, missing, over",
    [
        ({"full_time": 1, "minutes": 1500}, 0, 500, 0),
        ({"full_time": 1, "minutes": 2000}, 0, 0, 0),
        ({"full_time": 1, "minutes": 2600}, 0, 0, 600),
        ({"full_time": 0, "minutes": 12000}, 1, 0, 10000),
        # A second full-time post is not counted against the part-time rest (no source says it is).
        ({"full_time": 2, "minutes": 0}, 0, 2000, 0),
        ({"full_time": 2, "minutes": 300}, 0, 1700, 0),
        ({"minutes": "0"}, 1, 2000, 0),
    ],
)
def test_missing_and_over(calc: Calculator, assigned: dict[str, Any], missing_full: int, missing: int, over: int) -> None:
    role = calc.requirements("cok", 300, assigned={"igu": assigned}).roles["igu"]
    assert (role.missing_full_time, role.missing_minutes, role.over_minutes) == (missing_full, missing, over)
    coverage = next(r for r in role.reasons if r.id == "coverage")
    if missing_full or missing:
        assert "Eksik" in coverage.text["tr"] and "Still missing" in coverage.text["en"]
    else:
        assert "Karşılanıyor" in coverage.text["tr"] and "Covered" in coverage.text["en"]


def test_keys_only_where_something_is_assigned(calc: Calculator) -> None:
    data = calc.requirements("cok", 300, assigned={"dsp": {"minutes": 7000}}).to_dict()
    assert "missing_minutes" not in data["igu"] and "over_minutes" not in data["isyeri_hekimi"]
    assert (data["dsp"]["missing_minutes"], data["dsp"]["over_minutes"]) == (0, 1000)


@pytest.mark.parametrize(
    "assigned, field",
    [
        ({"igu": {"minutes": "-4"}}, "assigned_minutes.igu"),
        ({"igu": {"full_time": "1.5"}}, "assigned_full_time.igu"),
        ({"igu": {"minutes": "abc"}}, "assigned_minutes.igu"),
        ({"hekim": {"minutes": 1}}, "assigned"),
        ("nonsense", "assigned"),
        ({"igu": {"minutes": 10**9}}, "assigned_minutes.igu"),
    ],
)
def test_bad_assigned_values(calc: Calculator, assigned: object, field: str) -> None:
    with pytest.raises(InvalidAssigned) as caught:
        calc.requirements("cok", 300, assigned=assigned)
    assert caught.value.field == field
    assert caught.value.message["tr"] != caught.value.message["en"]


# -- one answer on every surface: the calculator, the page's API, the CLI's --json and text -------------------

CASES = [
    ("cok", 300, {}),
    ("az", 2500, {}),
    ("cok", 60, {"igu": {"full_time": 0, "minutes": 2000}}),
    ("tehlikeli", 1200, {"isyeri_hekimi": {"full_time": 1, "minutes": 100}}),
]


_cli = run


def _cli_args(hazard: str, employees: int, assigned: dict[str, Any]) -> list[str]:
    args = ["minutes", "--hazard", hazard, "--employees", str(employees)]
    for role, values in assigned.items():
        if "minutes" in values:
            args += ["--assigned", f"{role}={values['minutes']}"]
        if "full_time" in values:
            args += ["--assigned-full-time", f"{role}={values['full_time']}"]
    return args


QUANTITIES = ("full_time", "part_time_minutes", "required_minutes", "assignments", "form")


@pytest.mark.parametrize("hazard, employees, assigned", CASES)
def test_same_quantities_on_every_surface(
    data: dict[str, Any], calc: Calculator, hazard: str, employees: int, assigned: dict[str, Any]
) -> None:
    direct = calc.requirements(hazard, employees, assigned=assigned or None).to_dict()
    api = Service(data).call(
        {"op": "requirements", "hazard_class": hazard, "employees": employees, "assigned": assigned or None}
    )["result"]
    cli = json.loads(_cli(*_cli_args(hazard, employees, assigned), "--json").stdout)
    for role in ROLES:
        keys = [*QUANTITIES, *[k for k in ("missing_full_time", "missing_minutes", "over_minutes") if k in direct[role]]]
        want = {k: direct[role][k] for k in keys}
        assert {k: api[role][k] for k in keys} == want, role
        assert {k: cli[role][k] for k in keys} == want, role
    text = _cli(*_cli_args(hazard, employees, assigned), "--lang", "en").stdout
    for role in ROLES:
        for line in direct[role]["assignment_texts"]:
            assert line["en"] in text
        for row in direct[role]["form"]:
            assert row["label"] in text


def _assigned_file(rows: list[tuple[str, int, dict[str, Any]]]) -> str:
    """The cases as a batch file with a header naming every already-assigned column."""
    header = ["Birim", "Çalışan"]
    keys = []
    for role, short in (("igu", "İGU"), ("isyeri_hekimi", "İH"), ("dsp", "DSP")):
        header += [f"{short} mevcut tam süreli", f"{short} mevcut dk"]
        keys += [(role, "full_time"), (role, "minutes")]
    lines = [";".join(header)]
    for hazard, employees, assigned in rows:
        cells = [str(assigned.get(role, {}).get(kind, "")) for role, kind in keys]
        lines.append(";".join([hazard, str(employees), *cells]))
    return "\n".join(lines) + "\n"


def test_same_quantities_in_the_batch_table_its_files_and_the_cli(data: dict[str, Any], calc: Calculator, tmp_path: Path) -> None:
    """The batch's table (the page's rows, the CSV, the XLSX) and `batch --json` carry the single answer's
    figures under the same names, for the cases above, what is already assigned included."""
    import openpyxl

    source = tmp_path / "units.csv"
    source.write_text(_assigned_file(CASES), encoding="utf-8")
    table = Service(data).call({"op": "batch_csv", "text": source.read_text(encoding="utf-8"), "lang": "en"})["result"]
    cli = json.loads(_cli("batch", str(source), "--json", "--lang", "en", "--output", str(tmp_path / "out.xlsx")).stdout)
    active = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    assert active is not None
    sheet = list(active.iter_rows(values_only=True))
    headings = list(sheet[0])
    for position, (hazard, employees, assigned) in enumerate(CASES):
        # A role left empty in the file is "nothing assigned yet" for that role.
        given = {role: assigned.get(role, {}) for role in ROLES}
        direct = calc.requirements(hazard, employees, assigned=given).to_dict()
        row, cli_row, cells = table["rows"][position], cli["rows"][position], sheet[1 + position]
        for role in ROLES:
            for key in (
                "full_time",
                "part_time_minutes",
                "required_minutes",
                "missing_full_time",
                "missing_minutes",
                "over_minutes",
            ):
                want = direct[role][key]
                assert row[f"{role}.{key}"] == want and cli_row[role][key] == want, (hazard, role, key)
                assert cells[headings.index(table["columns"][f"{role}.{key}"])] == want
    totals = cli["totals"]
    assert (
        table["total"]["igu.missing_minutes"]
        == totals["igu"]["missing_minutes"]
        == sum(
            calc.requirements(h, e, assigned={r: a.get(r, {}) for r in ROLES}).roles["igu"].missing_minutes or 0
            for h, e, a in CASES
        )
    )


def test_cli_refuses_a_malformed_assigned_option() -> None:
    done = _cli("minutes", "--hazard", "cok", "--employees", "300", "--assigned", "igu", "--lang", "en")
    assert done.returncode == 2 and "ROLE=NUMBER" in done.stderr


# -- the hazard class where the guide and the list disagree -------------------------------------------------


def test_cli_class_source_choices() -> None:
    def hazard(*extra: str) -> str:
        done = _cli("minutes", "--unit", "kazan dairesi", "--employees", "12", "--json", *extra)
        return str(json.loads(done.stdout)["hazard_class"])

    assert hazard() == "cok_tehlikeli"
    assert hazard("--class-source", "list") == "tehlikeli"
    assert hazard("--class-source", "guide") == "cok_tehlikeli"
    assert _cli("minutes", "--unit", "kazan dairesi", "--employees", "12", "--class-source", "x").returncode == 2


# -- the CLI's batch -------------------------------------------------------------------------------------------


def test_cli_batch_reads_excel_files_and_matches_the_single_answer(tmp_path: Path, calc: Calculator) -> None:
    text = "Birim;Çalışan\nKazan dairesi;12\nEğitim laboratuvarı (kimya, biyoloji);25\n43.22.06;1.200\nÇok Tehlikeli;60;evet\n"
    source = tmp_path / "birimler.csv"
    source.write_bytes(text.encode("cp1254"))
    out = tmp_path / "sonuc.csv"
    done = _cli("batch", str(source), "--json", "--output", str(out))
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["errors"] == [] and [r["line"] for r in answer["rows"]] == [2, 3, 4, 5]
    single = calc.requirements("cok", 1200).to_dict()
    hvac = answer["rows"][2]
    for role in ROLES:
        assert {k: hvac[role][k] for k in QUANTITIES} == {k: single[role][k] for k in QUANTITIES}
    assert answer["rows"][3]["dsp"]["required"] is False  # the third column: a full-time physician assigned
    assert answer["totals"]["igu"]["full_time"] == 4
    written = out.read_bytes()
    assert written.startswith("\ufeff".encode()) and "Kazan dairesi / buhar kazanı;Çok Tehlikeli;12;0;480;480" in written.decode()


def test_cli_batch_exit_codes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Kantin;abc\nKantin;10\n", encoding="utf-8")
    done = _cli("batch", str(bad), "--lang", "en")
    assert done.returncode == 2 and "Line 1:" in done.stdout and "Total" in done.stdout
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("99.99.99;10\nKantin;10\n", encoding="utf-16")
    assert _cli("batch", str(unknown)).returncode == 1
    missing = _cli("batch", str(tmp_path / "none.csv"), "--lang", "en")
    assert missing.returncode == 2 and "could not be read" in missing.stderr
    other = _cli("batch", str(bad), "--output", str(tmp_path / "x.ods"), "--lang", "en")
    assert other.returncode == 2 and ".csv or .xlsx" in other.stderr and not (tmp_path / "x.ods").exists()


def test_an_extra_full_time_post_is_said_not_to_count(calc: Calculator) -> None:
    role = calc.requirements("cok", 300, assigned={"igu": {"full_time": 2, "minutes": 0}}).roles["igu"]
    coverage = next(r for r in role.reasons if r.id == "coverage")
    assert "bulunamadı" in coverage.text["tr"] and "not found in any source" in coverage.text["en"]
