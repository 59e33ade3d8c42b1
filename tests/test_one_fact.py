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
    """"A full-time workplace physician is assigned", said five ways, each answer as a dict."""
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


def test_the_form_carries_the_units_code_on_the_page_and_in_the_cli(data: dict[str, Any],
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from calculator.api import Service
    from calculator.cli import main

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
