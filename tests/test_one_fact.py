"""One fact, one answer: the same input said in different ways gives the same answer on every surface."""

from __future__ import annotations

import json
from typing import Any

import pytest

from calculator import Calculator
from calculator.csv_batch import parse_rows
from calculator.staffing import needs_of
from tests import law

PHYSICIAN = "isyeri_hekimi"


def _ways(calc: Calculator, hazard: str, employees: int) -> dict[str, dict[str, object]]:
    """ "A full-time workplace physician is assigned", said five ways, each answer as a dict."""
    flag = calc.requirements(hazard, employees, full_time_physician=True)
    given = calc.requirements(hazard, employees, assigned={PHYSICIAN: {"full_time": 1}})
    both = calc.requirements(hazard, employees, full_time_physician=True, assigned={PHYSICIAN: {"full_time": "1"}})
    column, _, _ = parse_rows(f"{hazard};{employees};evet", calc.rules.role_shorts)
    header, _, _ = parse_rows(f"Birim;Çalışan;İH mevcut tam süreli\n{hazard};{employees};1", calc.rules.role_shorts)
    rows = [calc.batch(column).rows[0].result, calc.batch(header).rows[0].result]
    answers = {"flag": flag, "assigned": given, "both": both, "batch column": rows[0], "batch header": rows[1]}
    return {way: answer.to_dict() for way, answer in answers.items() if answer is not None}


@pytest.mark.parametrize("hazard", law.CLASSES)
@pytest.mark.parametrize("employees", law.BOUNDARIES)
def test_a_full_time_physician_said_any_way_gives_one_answer(calc: Calculator, hazard: str, employees: int) -> None:
    answers = _ways(calc, hazard, employees)
    assert len(answers) == 5
    first = answers["flag"]
    for way, answer in answers.items():
        assert answer == first, way
    physician, dsp = first[PHYSICIAN], first["dsp"]
    assert isinstance(physician, dict) and isinstance(dsp, dict)
    assert first["full_time_physician"] is True
    # DSP is never required beside a full-time physician (6331 md. 6(3)).
    assert dsp["required"] is False
    if physician["full_time"] == 0:
        # The post meets the minimum: no part-time assignment on top of it, nothing missing.
        assert physician["assignments"] == [{"kind": "full_time", "count": 1}]
        assert physician["missing_minutes"] == 0 and physician["missing_full_time"] == 0
        assert "Çalışma Süresi Dakika" not in [row["label"] for row in physician["form"]]
    else:
        # Where the law requires more posts than the one assigned, what is missing is said as ever.
        assert physician["missing_full_time"] == physician["full_time"] - 1


def test_the_plan_gives_no_physician_post_beside_a_full_time_physician(calc: Calculator) -> None:
    for text in ("cok;60;evet", "Birim;Çalışan;İH mevcut tam süreli\ncok;60;1"):
        rows, _, _ = parse_rows(text, calc.rules.role_shorts)
        needs, errors = needs_of(calc.rules, calc.index, rows)
        assert errors == [] and [n.role for n in needs] == ["igu"]


def test_the_form_carries_the_units_code_on_the_page_and_in_the_cli(
    data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    from calculator.api import Service
    from cli import main

    assert main(["minutes", "--unit", "kazan dairesi", "--employees", "12", "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    code = cli["resolved"]["code"]
    page = Service(data).call({"op": "requirements", "hazard_class": cli["hazard_class"], "employees": 12, "code": code})
    assert page["ok"]
    for role in ("igu", "isyeri_hekimi", "dsp"):
        assert page["result"][role]["form"] == cli[role]["form"]
        assert {"label": "NACE KODU", "value": code} in cli[role]["form"]
        assert f">{code}<" in page["result"][role]["form_drawing"]
    # Anything that is no NACE code is left off the form.
    odd = Service(data).call({"op": "requirements", "hazard_class": "cok", "employees": 12, "code": "<b>"})
    assert all(row["label"] != "NACE KODU" for row in odd["result"]["igu"]["form"])


OFFICE_SHEET = """Sıra;Birim Adı;NACE Kodu;Çalışan Sayısı;Açıklama
1;Rektörlük;85.40.02;180;idari
2;Genel Sekreterlik;85.40.02;45;
3;Merkez Kütüphane;91.11.00;40;
4;Kazan Dairesi (Yapı İşleri);35.30.22;12;
5;Mühendislik Fakültesi Kimya Laboratuvarı;72.10.01;25;
6;Tıp Fakültesi Hastanesi Ameliyathanesi;86.10.04;210;
7;Öğrenci Yurdu A Blok;55.90.01;30;KYK değil
8;Merkezi Yemekhane;56.11.01;60;
9;Kantin;56.22.01;8;
10;Spor Salonu;93.11.01;6;
11;Yüzme Havuzu;93.11.01;5;
12;Matbaa;18.12.03;9;
13;Atıksu Arıtma Tesisi;37.00.01;4;
14;Güvenlik Müdürlüğü;80.01.01;55;
15;Kreş;88.91.01;14;
16;Misafirhane;55.10.02;11;
17;Otopark;52.21.07;3;
18;Ziraat Fakültesi Serası;01.30.03;7;
19;Veteriner Fakültesi Hayvan Hastanesi;75.00.04;35;
20;Teknopark Yönetimi;68.20.02;10;
21;Diş Hekimliği Fakültesi Kliniği;86.23.01;90;
22;Acil Servis;86.10.04;70;
23;Bilgi İşlem Daire Başkanlığı;62.10.00;25;
24;Sağlık Kültür ve Spor Daire Başkanlığı;85.40.02;20;
25;Arşiv;91.12.00;3;
"""


def test_an_offices_25_unit_sheet_computes_every_row_with_its_own_names(calc: Calculator) -> None:
    from calculator.batch_table import batch_table
    from calculator.staffing import needs_of

    codes = [line.split(";")[2] for line in OFFICE_SHEET.splitlines()[1:]]
    known = [code for code in codes if code in calc.index.list_entries]
    rows, bad, ignored = parse_rows(OFFICE_SHEET, calc.rules.role_shorts)
    assert bad == [] and [sorted(n["columns"]) for n in ignored] == [["Açıklama", "Sıra"]]
    result = calc.batch(rows)
    computed = [row for row in result.rows if row.result is not None]
    # Every row computes; the office's names label them, in the files too.
    assert len(computed) == len(known) == 25, [r.error for r in result.errors]
    names = [line.split(";")[1] for line in OFFICE_SHEET.splitlines()[1:]]
    table = batch_table(result, "tr", calc.rules.role_shorts)
    assert [row["input"] for row in table.rows] == names
    needs, failed = needs_of(calc.rules, calc.index, rows)
    assert failed == [] and {n.unit for n in needs} <= set(names)
    # A code's class is the list's: no row takes a class the list does not give its code, unless its
    # name is one of the guide's units with that code (the protective higher-of rule).
    for row in computed:
        assert row.code is not None and row.result is not None
        listed = calc.index.list_entries.get(row.code)
        if listed and row.unit_id is None:
            assert row.result.hazard_class == listed.hazard_class, row.input
