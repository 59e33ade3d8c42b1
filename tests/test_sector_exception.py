"""The sector exception (İSG Hizmetleri Yönetmeliği md. 5(3), tests/law.py): where a public body needs
several full-time safety specialists, one must hold the matching class and the others any class: in
the answer, and in the staffing plan's need for A-class time."""

from __future__ import annotations

import pytest

from calculator import Calculator
from calculator.staffing import staffing_plan
from tests import law

ALL_CLASSES = law.CERTIFICATES["az_tehlikeli"]


@pytest.mark.parametrize("hazard", law.CLASSES)
@pytest.mark.parametrize("employees", [*law.BOUNDARIES, 2500, 5000])
def test_which_posts_need_the_matching_class(calc: Calculator, hazard: str, employees: int) -> None:
    role = calc.requirements(hazard, employees).roles["igu"]
    posts = employees // law.THRESHOLDS["igu"][hazard]
    matching = law.CERTIFICATES[hazard]
    expected = (
        [{"count": 1, "classes": matching}, {"count": posts - 1, "classes": ALL_CLASSES}]
        if posts >= law.SECTOR_EXCEPTION_POSTS and matching != ALL_CLASSES
        else None
    )
    assert role.certificate_posts == expected
    assert role.certificate_classes == matching  # the matching class is still what one post and the minutes need
    said = [reason for reason in role.reasons if reason.id == "sector_exception"]
    assert len(said) == (expected is not None)
    if said:
        assert said[0].source is not None
        assert said[0].confidence == "secondary" and "5(3)" in said[0].source.text["en"]


UNITS = "Birim;Tehlike sınıfı;Çalışan\nHastane;çok;800\n"  # 3 full-time specialists, 2,000 part-time minutes


def test_the_plan_lets_any_class_take_the_later_full_time_posts(calc: Calculator) -> None:
    staff = (
        "Ad Soyad;Rol;Belge sınıfı;Uygun dakika;Tam süreli\nA1;İGU;A;11700;evet\nC1;İGU;C;11700;evet\n"
        "C2;İGU;C;11700;evet\nA2;İGU;A;3000;hayır\n"
    )
    answer = staffing_plan(calc.rules, calc.index, UNITS, staff).plan
    full = sorted(a.professional for a in answer.assignments if a.role == "igu" and a.kind == "full_time")
    assert full == ["A1", "C1", "C2"]
    assert not [u for u in answer.uncovered if u.role == "igu"]


def test_a_short_plan_asks_for_one_matching_post_and_any_class_for_the_rest(calc: Calculator) -> None:
    staff = "Ad Soyad;Rol;Belge sınıfı;Uygun dakika;Tam süreli\nA2;İGU;A;3000;hayır\n"
    answer = staffing_plan(calc.rules, calc.index, UNITS, staff).plan
    short = {tuple(sorted(s.certificate_classes)): (s.full_time, s.minutes) for s in answer.shortfall if s.role == "igu"}
    assert short == {("A",): (1, 0), tuple(ALL_CLASSES): (2, 0)}
