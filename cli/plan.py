"""`python -m calculator plan --units UNITS --staff STAFF`: a staffing plan for the institution's units
and professionals (calculator.staffing), printed per professional (what to create in İSG-KATİP) and per
unit (what is still missing), as JSON (`--json`), or written as CSV or XLSX (`--output`).

Exit 0 when everything is covered, 1 when it is not, 2 for bad input (a line of either list that
could not be read, or a file that is not there), 3 for broken data (cli.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from calculator import Calculator, xlsx
from calculator.batch_table import to_csv
from calculator.bilingual import number
from calculator.csv_batch import InvalidCsv
from calculator.errors import failure_message
from calculator.rules import Rules
from calculator.staffing import SHEET_TITLE, StaffingPlan, plan_json, plan_table, staffing_plan
from calculator.text import shown as shown_text
from cli.batch import read_file
from cli.words import words

EXIT_NOT_COVERED = 1
EXIT_BAD_INPUT = 2

_WORDS = words("plan")


def _print(calculator: Calculator, answer: StaffingPlan, lang: str) -> None:
    words = _WORDS[lang]
    result = answer.plan
    print(words["covered"] if result.feasible else words["not_covered"])
    for text in answer.shortfall_texts:
        print(f"  - {text[lang]}")
    print()
    _print_people(calculator.rules, answer, lang)
    print()
    _print_units(calculator.rules, answer, lang)
    print()
    full = sum(1 for a in result.assignments if a.kind == "full_time")
    print(words["counts"].format(full=full, part=result.part_time_assignments))
    if result.lower_bound is not None:
        print(words["bound"].format(lower=result.lower_bound, used_up=result.used_up))
    for key, errors in (("unit_errors", answer.unit_errors), ("staff_errors", answer.staff_errors)):
        if errors:
            print()
            print(words[key])
            for error in errors:
                print(f"  {error['line']}: {failure_message(error, lang)}")
    print()
    print(words["rules"])
    for rule in answer.rules:
        print(f"  - {rule[lang]}")


def _print_people(rules: Rules, answer: StaffingPlan, lang: str) -> None:
    """Per professional: their load and the assignments to create for them."""
    words = _WORDS[lang]
    result = answer.plan
    print(words["per_person"])
    for load in result.loads:
        mine = [a for a in result.assignments if a.professional == load.professional]
        cls = f", {load.certificate_class}" if load.certificate_class != "-" else ""
        used = words["load"].format(used=number(load.used_minutes, lang), available=number(load.available_minutes, lang))
        print(f"  {load.professional} ({rules.role_shorts[load.role][lang]}{cls}) — {used}")
        if not mine:
            print(f"    {words['none']}")
        for a in mine:
            kind = words["full_time"] if a.kind == "full_time" else words["part_time"].format(minutes=number(a.minutes, lang))
            code = f"{a.code}, " if a.code else ""
            print(f"    - {a.unit} ({code}{rules.hazard_label(a.hazard_class)[lang]}): {kind}")


def _print_units(rules: Rules, answer: StaffingPlan, lang: str) -> None:
    """Per unit and role: who covers it, and what is left uncovered."""
    words = _WORDS[lang]
    result = answer.plan
    print(words["by_unit"])
    covering: dict[tuple[str, str], list[str]] = {}
    for a in result.assignments:
        said = (
            words["by_full"].format(name=a.professional)
            if a.kind == "full_time"
            else words["by_minutes"].format(name=a.professional, minutes=number(a.minutes, lang))
        )
        covering.setdefault((a.unit, a.role), []).append(said)
    for (unit, role), names in covering.items():
        print(f"  - {unit}, {rules.role_shorts[role][lang]}: {', '.join(names)}")
    if result.uncovered:
        print()
        print(words["per_unit"])
        for u in result.uncovered:
            parts = ([words["missing_full"].format(n=u.full_time)] if u.full_time else []) + (
                [words["missing_minutes"].format(minutes=number(u.minutes, lang))] if u.minutes else []
            )
            classes = f" [{'/'.join(u.certificate_classes)}]" if u.certificate_classes else ""
            print(f"  - {u.unit}: {rules.role_shorts[u.role][lang]}{classes} {' + '.join(parts)}")


def run(
    calculator: Calculator, units: str, staff: str, lang: str, *, as_json_output: bool, output: str | None, class_source: str
) -> int:
    words = _WORDS[lang]
    if output is not None and Path(output).suffix.lower() not in (".csv", ".xlsx"):
        shown = shown_text(output)
        raise InvalidCsv({code: w["output_kind"].format(path=shown) for code, w in _WORDS.items()}, field="output")
    answer = staffing_plan(calculator.rules, calculator.index, read_file(units), read_file(staff), class_source)
    if as_json_output:
        print(json.dumps(plan_json(answer), ensure_ascii=False, indent=2))
    else:
        _print(calculator, answer, lang)
    if output is not None:
        table = plan_table(calculator.rules, answer, lang)
        target = Path(output)
        if target.suffix.lower() == ".xlsx":
            target.write_bytes(xlsx.to_xlsx(lang, table, SHEET_TITLE))
        else:
            target.write_text(to_csv(lang, table), encoding="utf-8")
        if not as_json_output:
            print(words["written"].format(path=output))
    if answer.unit_errors or answer.staff_errors:
        return EXIT_BAD_INPUT
    return 0 if answer.plan.feasible else EXIT_NOT_COVERED
