"""The law on every date the data covers, and dates it does not cover refused.

Each dated rule of durations.yaml is tried on the day before it starts, its
first day and its last day, against tests/law.py's independent statement
(typed from rules.md, not read from the data), so a wrong date in the data
makes a test fail rather than agree with itself.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from calculator import Calculator
from calculator.api import Service
from calculator.errors import InvalidDate
from calculator.rules import Rules
from datafiles import DataFileError, load_all
from datafiles.timeline import dated_rules
from tests import law
from tests.cli_run import run

ROOT = Path(__file__).resolve().parents[1]
DAY = dt.timedelta(days=1)
ROLES = ("igu", "isyeri_hekimi", "dsp")


def _edge_days(durations: dict[str, Any]) -> list[dt.date]:
    """For every dated rule: the day before it starts, its first day and its last day (if it ends)."""
    days: set[dt.date] = set()
    for rule in dated_rules(durations):
        days |= {rule.starts - DAY, rule.starts}
        if rule.ends is not None:
            days |= {rule.ends, rule.ends + DAY}
    checked = dt.date.fromisoformat(durations["checked_on"])
    days |= {
        law.FIRST_DAY - DAY,
        law.FIRST_DAY,
        law.TRANSITIONAL_ENDS,
        law.TRANSITIONAL_ENDS + DAY,
        law.SELF_SERVICE_50_FROM - DAY,
        law.SELF_SERVICE_50_FROM,
        checked,
        checked + DAY,
        law.C_IN_TEHLIKELI_DOUBTFUL[0] - DAY,
        law.C_IN_TEHLIKELI_DOUBTFUL[0],
    }
    # Days far before the data are all refused alike; keep the ones near the first covered day.
    return sorted(d for d in days if d >= dt.date(2011, 1, 1))


EDGE_DAYS = _edge_days(load_all()["durations"])


@pytest.mark.parametrize("day", EDGE_DAYS, ids=str)
def test_each_rule_edge_gives_the_law_of_that_day(data: dict[str, Any], day: dt.date) -> None:
    if day < law.FIRST_DAY:
        with pytest.raises(InvalidDate) as caught:
            Calculator(data, on=day)
        assert caught.value.field == "on"
        return
    calc = Calculator(data, on=day)
    for hazard in law.CLASSES:
        for employees in (9, 10, 49, 50, 249, 250, 749, 750, 1000, 2000):
            result = calc.requirements(hazard, employees)
            for role in ROLES:
                want = law.expected(role, hazard, employees)
                assert {k: getattr(result.roles[role], k) for k in want} == want, (day, hazard, employees, role)
            assert result.roles["igu"].certificate_classes == law.certificates(hazard, day), (day, hazard)
            # C for tehlikeli from 1.1.2017 to 31.12.2024 rests on no text found: the answer carries its doubt.
            doubtful = hazard == "tehlikeli" and law.C_IN_TEHLIKELI_DOUBTFUL[0] <= day <= law.C_IN_TEHLIKELI_DOUBTFUL[1]
            certificate = next(r for r in result.roles["igu"].reasons if r.id == "certificate")
            assert (certificate.confidence == "unconfirmed") == doubtful, (day, hazard)
            self_service = "employer_self_service" in [r.id for r in result.roles["igu"].reasons]
            assert self_service == (hazard == "az_tehlikeli" and employees < law.self_service_below(day)), day
            notices = [n.id for n in result.notices]
            assert ("public_bodies_before" in notices) == (day < law.PUBLIC_BODIES_FROM), day


@pytest.mark.parametrize("on", ["2015-12-31", "2015-06-01", "2011-01-01", "1999-12-31"])
def test_dates_before_the_data_are_refused_in_both_languages(data: dict[str, Any], on: str) -> None:
    with pytest.raises(InvalidDate) as caught:
        Calculator(data, on=on)
    message = caught.value.message
    assert "01.01.2016" in message["tr"] and "01.01.2016" in message["en"]
    assert "hesap yapılamıyor" in message["tr"] and "cannot be computed" in message["en"]


@pytest.mark.parametrize("on", ["2016-02-30", "2024/06/01", "01.06.2024", "2024-6-1", "abc", " ", "2024-06-01x", 20240601])
def test_malformed_dates_are_refused(data: dict[str, Any], on: object) -> None:
    with pytest.raises(InvalidDate) as caught:
        Calculator(data, on=on)
    assert caught.value.field == "on"
    assert "YYYY-AA-GG" in caught.value.message["tr"] and "YYYY-MM-DD" in caught.value.message["en"]


def test_a_long_date_input_is_echoed_cut_to_one_line(data: dict[str, Any]) -> None:
    with pytest.raises(InvalidDate) as caught:
        Calculator(data, on="2024\n" + "x" * 10_000)
    for text in caught.value.message.values():
        assert "\n" not in text and len(text) < 250


def test_after_checked_on_today_rules_with_a_notice(data: dict[str, Any]) -> None:
    checked = dt.date.fromisoformat(data["durations"]["checked_on"])
    on_the_day = Calculator(data, on=checked).requirements("cok", 300)
    later = Calculator(data, on=checked + DAY).requirements("cok", 300)
    assert "after_checked_on" not in [n.id for n in on_the_day.notices]
    notice = [n for n in later.notices if n.id == "after_checked_on"]
    assert notice and "bilinmiyor" in notice[0].text["tr"] and "not known" in notice[0].text["en"]
    assert later.roles["igu"].required_minutes == on_the_day.roles["igu"].required_minutes == 12000


@pytest.mark.parametrize("on", [None, law.TRANSITIONAL_ENDS, law.TRANSITIONAL_ENDS + DAY])
def test_the_pages_history_puts_the_rules_in_force_first(data: dict[str, Any], on: dt.date | None) -> None:
    """The working-times page lists dated rules through Rules.history/in_force (no date logic in Jinja)."""
    rules = Rules(data["durations"], on=on)
    history = rules.history("certificate_classes")
    assert len(history) == len(data["durations"]["certificate_classes"])
    in_force = [rule for rule in history if rules.in_force(rule)]
    assert history[: len(in_force)] == in_force
    day = on or dt.date.fromisoformat(data["durations"]["checked_on"])
    assert {r["hazard_class"]: r["classes"] for r in in_force} == {h: law.certificates(h, day) for h in law.CERTIFICATES}


def test_full_time_physician_assigned_removes_dsp_at_every_head_count(calc: Calculator) -> None:
    for employees in (10, 60, 250, 749):
        result = calc.requirements("cok", employees, full_time_physician=True)
        assert not result.roles["dsp"].required and result.roles["dsp"].required_minutes == 0
        assert result.roles["dsp"].reasons[0].id == "not_required_not_with_full_time_physician"
        assert result.full_time_physician
        # The physician's own minimum is unchanged.
        assert result.roles["isyeri_hekimi"].required_minutes == employees * 15
    assert calc.requirements("cok", 60).roles["dsp"].required


@pytest.mark.parametrize(
    "value, expected",
    [("evet", True), ("Hayır", False), ("yes", True), ("", False), ("1", True), ("0", False), ("EVET", True), ("x", True)],
)
def test_full_time_physician_flag_spellings(calc: Calculator, value: str, expected: bool) -> None:
    assert calc.requirements("cok", 60, value).full_time_physician is expected


def test_full_time_physician_flag_refuses_other_words(calc: Calculator) -> None:
    from calculator.errors import InvalidFlag

    with pytest.raises(InvalidFlag) as caught:
        calc.requirements("cok", 60, "belki")
    assert "evet" in caught.value.message["tr"] and "yes" in caught.value.message["en"]


# -- the page's API carries the date and the flag -------------------------------------------------


def test_service_answers_for_the_date_and_flag_asked(data: dict[str, Any]) -> None:
    service = Service(data)
    old = service.call({"op": "requirements", "hazard_class": "cok", "employees": 300, "on": "2024-06-01"})
    assert old["ok"] and old["result"]["igu"]["certificate_classes"] == ["A", "B"]
    assert old["result"]["on"] == "2024-06-01"
    refused = service.call({"op": "requirements", "hazard_class": "cok", "employees": 300, "on": "2015-06-01"})
    assert not refused["ok"] and refused["error"]["field"] == "on" and refused["error"]["error"] == "invalid_date"
    assigned = service.call({"op": "requirements", "hazard_class": "cok", "employees": 60, "full_time_physician": True})
    assert assigned["ok"] and assigned["result"]["dsp"]["required"] is False


def test_batch_takes_a_full_time_physician_column(data: dict[str, Any]) -> None:
    service = Service(data)
    answer = service.call({"op": "batch_csv", "lang": "en", "text": "Çok Tehlikeli;60;evet\nÇok Tehlikeli;60;hayır\n"})
    assert answer["ok"]
    dsp = [row["dsp.required_minutes"] for row in answer["result"]["rows"]]
    assert dsp == [0, 900]


# -- the CLI --------------------------------------------------------------------------------------


_cli = run


def test_cli_on_a_dated_example() -> None:
    done = _cli("minutes", "--hazard", "cok", "--employees", "300", "--on", "2024-06-01", "--json")
    assert done.returncode == 0
    assert yaml.safe_load(done.stdout)["igu"]["certificate_classes"] == ["A", "B"]


@pytest.mark.parametrize("lang, words", [("tr", "hesap yapılamıyor"), ("en", "cannot be computed")])
def test_cli_refuses_a_date_before_the_data(lang: str, words: str) -> None:
    done = _cli("minutes", "--hazard", "cok", "--employees", "300", "--on", "2011-01-01", "--lang", lang)
    assert done.returncode == 2
    assert words in done.stderr and done.stdout == ""


def test_cli_full_time_physician() -> None:
    done = _cli("minutes", "--hazard", "cok", "--employees", "60", "--full-time-physician", "--json")
    assert done.returncode == 0
    result = yaml.safe_load(done.stdout)
    assert result["full_time_physician"] is True and result["dsp"]["required"] is False


def test_cli_defaults_to_todays_rules() -> None:
    done = _cli("minutes", "--hazard", "az", "--employees", "40", "--json")
    assert yaml.safe_load(done.stdout)["on"] == dt.date.today().isoformat()


def test_cli_marks_secondary_and_unconfirmed_sources() -> None:
    done = _cli("minutes", "--hazard", "cok", "--employees", "600", "--lang", "en")
    assert "[secondary source]" in done.stdout and "[unconfirmed]" in done.stdout


# -- broken timelines stop the loader (and so the build and the CLI) ---------------------------------


def _broken(data_copy: Path, change: Any) -> DataFileError:
    path = data_copy / "durations.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_all(data_copy)
    return caught.value


def test_a_closed_rule_overlapping_a_current_one_is_refused(data_copy: Path) -> None:
    def change(c: dict[str, Any]) -> None:
        old = dict(c["rates"][2], minutes_per_employee=99, valid_from="2020-01-01", valid_to="2025-12-31")
        c["rates"].append(old)

    error = _broken(data_copy, change)
    assert error.file == "data/durations.yaml"
    assert error.entry == "rates[9] (igu, cok_tehlikeli)" and error.field == "valid_from"
    assert "overlaps rates[2]" in error.problem and "2020-01-01" in error.problem


def test_two_certificate_rules_on_one_day_are_refused(data_copy: Path) -> None:
    def change(c: dict[str, Any]) -> None:
        c["certificate_classes"][4]["valid_to"] = "2025-01-01"

    error = _broken(data_copy, change)
    assert error.field == "valid_from" and "2025-01-01" in error.problem and "overlaps" in error.problem


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(c: dict[str, Any]) -> None:
        node = c
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value

    return change


GAPS = [
    # A day between two rules; a first covered day with none; a rule ending with no successor; a DSP rule late.
    (
        ("certificate_classes", 4, "valid_to"),
        "2024-12-30",
        "certificate_classes[4]",
        "valid_to",
        "no rule for certificate_classes (hazard class 'tehlikeli') from 2024-12-31 to 2024-12-31",
    ),
    (
        ("full_time_thresholds", 0, "valid_from"),
        "2016-02-01",
        "full_time_thresholds[0]",
        "valid_from",
        "from 2016-01-01 to 2016-01-31",
    ),
    (("rates", 4, "valid_to"), "2030-06-30", "rates[4]", "valid_to", "from 2030-07-01 to for ever after"),
    (
        ("dsp_rules", "not_with_full_time_physician", "valid_from"),
        "2018-01-01",
        None,
        "dsp_rules.not_with_full_time_physician.valid_from",
        "from 2016-01-01 to 2017-12-31",
    ),
]


@pytest.mark.parametrize("path, value, entry, field, problem", GAPS, ids=[g[2] or g[3] for g in GAPS])
def test_a_gap_in_a_timeline_is_refused(
    data_copy: Path, path: tuple[Any, ...], value: str, entry: str | None, field: str, problem: str
) -> None:
    error = _broken(data_copy, _set(path, value))
    assert (error.entry or "").startswith(entry or "") and (entry is not None or error.entry is None)
    assert error.field == field and problem in error.problem


def test_bands_with_a_hole_are_refused(data_copy: Path) -> None:
    def change(c: dict[str, Any]) -> None:
        c["rates"][7]["min_employees"] = 60

    error = _broken(data_copy, change)
    assert error.entry is not None and error.entry.startswith("rates[7]") and error.field == "min_employees"
    assert "50–59" in error.problem


def test_cli_stops_on_a_broken_timeline(data_copy: Path) -> None:
    def change(c: dict[str, Any]) -> None:
        c["rates"][4]["valid_to"] = "2030-06-30"

    _broken(data_copy, change)
    done = _cli("minutes", "--hazard", "az", "--employees", "40", "--data", str(data_copy))
    assert done.returncode == 3
    assert "data/durations.yaml, entry rates[4]" in done.stderr and "valid_to" in done.stderr


def test_the_dates_rules_md_gives_before_the_data_covers(data: dict[str, Any]) -> None:
    """Rules in force before 1.1.2016 (answers for those days are refused, but the data states them):
    the A/B/C rule from 30.12.2012, the self-service path from 11.9.2014 (Law 6552)."""
    durations = data["durations"]
    first = {
        entry["hazard_class"]: min(
            dt.date.fromisoformat(e["valid_from"])
            for e in durations["certificate_classes"]
            if e["hazard_class"] == entry["hazard_class"]
        )
        for entry in durations["certificate_classes"]
    }
    assert set(first.values()) == {law.ABC_FROM}
    assert min(dt.date.fromisoformat(e["valid_from"]) for e in durations["employer_self_service"]) == law.SELF_SERVICE_FROM


def test_an_impossible_date_in_the_data_is_named(data_copy: Path) -> None:
    """A date of no calendar (2016-13-45) stops the data with its file, entry and field, not a traceback."""
    error = _broken(data_copy, _set(("rates", 0, "valid_from"), "2016-13-45"))
    assert (error.entry or "").startswith("rates[0]") and error.field == "valid_from"
    assert "durations.yaml" in str(error)


@pytest.mark.parametrize("employees", [1, 2, 49, 50, 51, 100, 101, 500, 501, 1000, 1001, 2000, 2001, 50_000])
def test_a_head_count_asks_for_a_committee_and_representatives(calc: Calculator, employees: int) -> None:
    duties = {d.id: d for d in calc.requirements("az", employees).duties}
    assert ("osh_committee" in duties) == (employees >= law.COMMITTEE_FROM)
    count = next((n for low, high, n in law.REPRESENTATIVES if low <= employees and (high is None or employees <= high)), None)
    if count is None:
        assert "employee_representatives" not in duties
    else:
        assert f": {count} " in duties["employee_representatives"].text["en"]
        assert duties["employee_representatives"].source is not None
