from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from calculator import MAX_EMPLOYEES, Calculator
from tests import law

WORKED = yaml.safe_load((Path(__file__).parent / "cases" / "worked_examples.yaml").read_text(encoding="utf-8"))
ROLES = ("igu", "isyeri_hekimi", "dsp")


def _case_id(case: dict[str, Any]) -> str:
    extra = ("-" + str(case["date"]) if "date" in case else "") + ("-ftp" if case.get("full_time_physician") else "")
    return f"{case['hazard']}-{case['employees']}{extra}"


@pytest.mark.parametrize("case", WORKED, ids=_case_id)
def test_worked_examples(data: dict[str, Any], case: dict[str, Any]) -> None:
    calc = Calculator(data, on=case.get("date"))
    result = calc.requirements(case["hazard"], case["employees"], case.get("full_time_physician", False))
    for role in [r for r in ROLES if r in case]:
        got = result.roles[role]
        for key, value in case[role].items():
            if key == "reason":
                assert value in [r.id for r in got.reasons]
            else:
                assert getattr(got, key) == value, (role, key)


@pytest.mark.parametrize("hazard", law.CLASSES)
@pytest.mark.parametrize("employees", law.BOUNDARIES)
@pytest.mark.parametrize("role", ROLES)
def test_every_boundary(calc: Calculator, hazard: str, employees: int, role: str) -> None:
    got = calc.requirements(hazard, employees).roles[role]
    want = law.expected(role, hazard, employees)
    assert {k: getattr(got, k) for k in want} == want


@pytest.mark.parametrize("hazard", law.CLASSES)
def test_certificate_classes(calc: Calculator, hazard: str) -> None:
    result = calc.requirements(hazard, 100)
    assert result.roles["igu"].certificate_classes == law.CERTIFICATES[hazard]
    assert result.roles["isyeri_hekimi"].certificate_classes is None


def test_transitional_certificates_applied_until_the_end_of_2024(data: dict[str, Any]) -> None:
    def classes(on: str, hazard: str) -> list[str] | None:
        return Calculator(data, on=on).requirements(hazard, 100).roles["igu"].certificate_classes

    assert classes("2024-12-31", "cok") == ["A", "B"]
    assert classes("2024-12-31", "tehlikeli") == ["A", "B", "C"]
    assert classes("2025-01-01", "cok") == ["A"]
    assert classes("2025-01-01", "tehlikeli") == ["A", "B"]


def test_dsp_falls_away_where_full_time_physician_required(calc: Calculator) -> None:
    just_below = calc.requirements("cok", 749).roles
    at = calc.requirements("cok", 750).roles
    assert just_below["isyeri_hekimi"].full_time == 0 and just_below["dsp"].required
    assert just_below["dsp"].required_minutes == 749 * 20
    assert at["isyeri_hekimi"].full_time == 1
    assert not at["dsp"].required and at["dsp"].required_minutes == 0
    assert [r.id for r in at["dsp"].reasons] == ["not_required_not_with_full_time_physician"]
    source = at["dsp"].reasons[0].source
    # 6331 md. 6(3), with IH md. 19(2) beside it (rules.md, "Full-time professionals").
    assert source is not None and (source.source_id, source.article) == ("6331", "6(3)")
    assert "md. 19(2)" in source.text["tr"] and "Art. 19(2)" in source.text["en"]


@pytest.mark.parametrize("hazard", ["az", "tehlikeli"])
def test_dsp_only_in_very_hazardous(calc: Calculator, hazard: str) -> None:
    dsp = calc.requirements(hazard, 300).roles["dsp"]
    assert not dsp.required
    assert dsp.reasons[0].id == "not_required_hazard_classes"


def test_part_time_over_one_persons_capacity_is_flagged(calc: Calculator) -> None:
    # 600 × 20 = 12,000 minutes of DSP time: more than 11,700 (one full-time person).
    dsp = calc.requirements("cok", 600).roles["dsp"]
    flagged = [r for r in dsp.reasons if r.id == "over_capacity"]
    assert flagged and flagged[0].unconfirmed
    assert not [r for r in calc.requirements("cok", 500).roles["dsp"].reasons if r.id == "over_capacity"]


def test_every_reason_has_both_languages_and_a_source(calc: Calculator) -> None:
    for hazard in law.CLASSES:
        for employees in law.BOUNDARIES:
            for role in calc.requirements(hazard, employees).roles.values():
                assert role.reasons, (hazard, employees, role.role)
                for reason in role.reasons:
                    assert reason.text["tr"] and reason.text["en"] and reason.text["tr"] != reason.text["en"]
                    assert reason.source is not None
                    assert reason.source.gazette_number.isdigit()


def test_hours_minutes(calc: Calculator) -> None:
    igu = calc.requirements("cok", 300).roles["igu"]
    assert igu.part_time_hm == "33:20"
    assert igu.required_hm == "200:00"


def test_small_less_hazardous_workplace_mentions_employer_self_service(calc: Calculator) -> None:
    assert "employer_self_service" in [r.id for r in calc.requirements("az", 49).roles["igu"].reasons]
    assert "employer_self_service" not in [r.id for r in calc.requirements("az", 50).roles["igu"].reasons]
    assert "employer_self_service" not in [r.id for r in calc.requirements("tehlikeli", 10).roles["igu"].reasons]


@pytest.mark.parametrize(
    "spelling, hazard_id",
    [
        ("az", "az_tehlikeli"),
        ("tehlikeli", "tehlikeli"),
        ("cok", "cok_tehlikeli"),
        ("çok", "cok_tehlikeli"),
        ("cok_tehlikeli", "cok_tehlikeli"),
        ("Çok Tehlikeli", "cok_tehlikeli"),
        ("ÇOK TEHLİKELİ", "cok_tehlikeli"),
        ("az_tehlikeli", "az_tehlikeli"),
        ("Az Tehlikeli", "az_tehlikeli"),
        ("very hazardous", "cok_tehlikeli"),
    ],
)
def test_hazard_spellings(calc: Calculator, spelling: str, hazard_id: str) -> None:
    assert calc.requirements(spelling, 10).hazard_class == hazard_id


employees_st = st.integers(min_value=1, max_value=MAX_EMPLOYEES)
hazard_st = st.sampled_from(law.CLASSES)


@given(hazard=hazard_st, employees=employees_st)
def test_full_and_part_time_add_up(calc: Calculator, hazard: str, employees: int) -> None:
    for role in calc.requirements(hazard, employees).roles.values():
        threshold = role.full_time_threshold or 0
        rate = role.minutes_per_employee or 0
        assert role.full_time * threshold * rate + role.part_time_minutes == role.required_minutes
        assert role.part_time_minutes >= 0
        if threshold and role.required:
            assert role.part_time_minutes < threshold * rate


@given(hazard=hazard_st, employees=st.integers(min_value=1, max_value=MAX_EMPLOYEES - 1000), more=st.integers(1, 1000))
def test_more_employees_never_need_less(calc: Calculator, hazard: str, employees: int, more: int) -> None:
    fewer = calc.requirements(hazard, employees).roles
    most = calc.requirements(hazard, employees + more).roles
    for role in ("igu", "isyeri_hekimi"):
        assert most[role].required_minutes >= fewer[role].required_minutes
        assert most[role].full_time >= fewer[role].full_time
    # DSP grows too, except where it falls away because a full-time physician becomes required.
    if most["isyeri_hekimi"].full_time == 0:
        assert most["dsp"].required_minutes >= fewer["dsp"].required_minutes
    else:
        assert most["dsp"].required_minutes == 0


@given(hazard=hazard_st, employees=employees_st)
def test_matches_independent_statement_of_the_law(calc: Calculator, hazard: str, employees: int) -> None:
    result = calc.requirements(hazard, employees)
    for role in ROLES:
        want = law.expected(role, hazard, employees)
        assert {k: getattr(result.roles[role], k) for k in want} == want


def test_json_shape(calc: Calculator) -> None:
    data = calc.requirements("cok", 300).to_dict()
    assert data["hazard_class"] == "cok_tehlikeli" and data["employees"] == 300
    assert {k: data["igu"][k] for k in ("required_minutes", "full_time", "part_time_minutes", "certificate_classes")} == {
        "required_minutes": 12000,
        "full_time": 1,
        "part_time_minutes": 2000,
        "certificate_classes": ["A"],
    }
    assert {k: data["isyeri_hekimi"][k] for k in ("required_minutes", "full_time", "part_time_minutes")} == {
        "required_minutes": 4500,
        "full_time": 0,
        "part_time_minutes": 4500,
    }
    assert {k: data["dsp"][k] for k in ("required_minutes", "full_time", "part_time_minutes")} == {
        "required_minutes": 6000,
        "full_time": 0,
        "part_time_minutes": 6000,
    }
    assert "certificate_classes" not in data["dsp"]


def test_an_answer_cites_the_same_whatever_was_asked_before(data: dict[str, Any]) -> None:
    """A reason citing an article with another law's (6331 md. 6(1)(a) with 7033 md. 85) cites both
    even when the same article was cited alone first: every answer is the same in a fresh calculator."""

    def cited(calc: Calculator, hazard: str, employees: int) -> list[str]:
        found = calc.requirements(hazard, employees)
        return [reason.source.text["en"] for role in found.roles.values() for reason in role.reasons if reason.source is not None]

    queries = [("tehlikeli", 40), ("az_tehlikeli", 1), ("cok_tehlikeli", 300), ("az_tehlikeli", 9)]
    fresh = {query: cited(Calculator(data), *query) for query in queries}
    assert any("Law No. 7033, Art. 85" in text for text in fresh[("az_tehlikeli", 1)])
    for order in (queries, queries[::-1]):
        calc = Calculator(data)
        assert {query: cited(calc, *query) for query in order} == fresh
