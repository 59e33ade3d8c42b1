"""The NACE list answers for a date as the acts say (tests/law.py's dates, typed from rules.md and
the transcriptions' README, not read from data/), and the "what changed" page lists the same
changes the answers use."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from calculator import Calculator
from calculator.changes import list_changes, rule_changes
from calculator.errors import InvalidDate, UnknownCode
from calculator.resolve import resolve
from tests import law

DAY = dt.timedelta(days=1)
AMENDED = law.LIST_ACTS["33211"]


def _class_on(data: dict[str, Any], code: str, on: dt.date) -> str:
    calc = Calculator(data, on=on.isoformat())
    return resolve(calc.rules, calc.index, {"code": code}).hazard_class


@pytest.mark.parametrize("code, classes", law.RECLASSIFIED_2026.items())
def test_a_reclassified_code_on_each_side_of_the_amendment(data: dict[str, Any], code: str, classes: tuple[str, str]) -> None:
    assert (_class_on(data, code, AMENDED - DAY), _class_on(data, code, AMENDED)) == classes


@pytest.mark.parametrize("old, new", law.RENUMBERED_2026.items())
def test_an_old_number_is_answered_with_the_new_one_and_the_change(data: dict[str, Any], old: str, new: str) -> None:
    before = Calculator(data, on=(AMENDED - DAY).isoformat())
    assert [e.code for e in before.lookup(old).list_entries] == [old] and before.lookup(new).list_entries == []
    after = Calculator(data, on=AMENDED.isoformat())
    found = after.lookup(old)
    assert [e.code for e in found.list_entries] == [new]
    assert found.change is not None
    for lang, day in (("tr", "01.04.2026"), ("en", "01.04.2026")):
        assert new in found.change.message[lang] and day in found.change.message[lang] and "33211" in found.change.message[lang]
    resolved = resolve(after.rules, after.index, {"code": old})
    assert resolved.code == new and any(note.id == "code_renumbered" for note in resolved.notes)


@pytest.mark.parametrize("code", sorted(law.ADDED_2026))
def test_an_added_code_is_refused_before_its_day_with_the_day(data: dict[str, Any], code: str) -> None:
    before = Calculator(data, on=(AMENDED - DAY).isoformat())
    with pytest.raises(UnknownCode) as refused:
        resolve(before.rules, before.index, {"code": code})
    assert "01.04.2026" in refused.value.message["tr"]
    assert Calculator(data, on=AMENDED.isoformat()).lookup(code).list_entries


def test_a_removed_code_is_answered_not_in_force_since(data: dict[str, Any]) -> None:
    after = Calculator(data, on=AMENDED.isoformat())
    found = after.lookup("13.92.11")  # absent from the 2026 transcription, 13.96.13 has its title
    assert found.list_entries == [] and found.change is not None and found.change.kind == "removed"
    assert "01.04.2026" in found.change.message["en"] and "13.96.13" in found.change.message["en"]
    assert "unconfirmed" in found.change.message["en"]
    with pytest.raises(UnknownCode):
        resolve(after.rules, after.index, {"code": "13.92.11"})
    assert _class_on(data, "13.92.11", AMENDED - DAY) == "tehlikeli"


def test_a_day_before_the_list_is_refused_and_its_first_day_answered(data: dict[str, Any]) -> None:
    before = Calculator(data, on=(law.LIST_FROM - DAY).isoformat())
    with pytest.raises(InvalidDate):
        before.lookup("55.90.01")
    assert Calculator(data, on=law.LIST_FROM.isoformat()).lookup("55.90.01").list_entries
    # A unit of the guide is still answered from the guide's own class then.
    assert resolve(before.rules, before.index, {"unit": "Kazan dairesi"}).hazard_class


def test_the_what_changed_page_lists_what_the_answers_use(data: dict[str, Any]) -> None:
    calc = Calculator(data)
    acts = {act.number: act for act in list_changes(calc.index)}
    assert {number: dt.date.fromisoformat(act.effective) for number, act in acts.items()} == law.LIST_ACTS
    assert not any(act.effective_confirmed for act in acts.values())
    amended = acts["33211"]
    assert {old.code: new.code for old, new in amended.renumbered} == law.RENUMBERED_2026
    assert {e.code for e in amended.added} == law.ADDED_2026
    assert {old.code: (old.hazard_class, new.hazard_class) for old, new in amended.reclassified} == law.RECLASSIFIED_2026
    assert {e.code for e in acts["32906"].changed} == law.CHANGED_2025
    assert "13.92.11" in {e.code for e in amended.removed}
    days = {day.day: day for day in rule_changes(calc.rules)}
    for day in (
        law.ABC_FROM,
        law.SELF_SERVICE_FROM,
        law.FIRST_DAY,
        law.SELF_SERVICE_50_FROM,
        law.PUBLIC_BODIES_FROM,
        law.TRANSITIONAL_ENDS + DAY,
    ):
        assert day.isoformat() in days, day
