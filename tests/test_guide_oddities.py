"""Every oddity of the guide's Ek-1, found by computing over the data,
carries a bilingual note: nothing odd is ever silently "fixed"."""

from __future__ import annotations

from collections import defaultdict
from typing import Any


def _kinds(unit: dict[str, Any]) -> set[str]:
    return {note["kind"] for note in unit.get("notes", [])}


def test_codes_given_two_classes_are_noted(all_units: list[dict[str, Any]]) -> None:
    classes: dict[str, set[str]] = defaultdict(set)
    for unit in all_units:
        for entry in unit["codes"]:
            classes[entry["code"]].add(entry["hazard_class"])
    conflicting = {code for code, found in classes.items() if len(found) > 1}
    assert conflicting == {"85.40.02", "86.91.01", "33.12.03"}
    for unit in all_units:
        if any(e["code"] in conflicting for e in unit["codes"]):
            assert "code_two_classes" in _kinds(unit), unit["id"]


def test_duplicate_unit_names_are_noted(all_units: list[dict[str, Any]]) -> None:
    by_name: dict[str, list[str]] = defaultdict(list)
    for unit in all_units:
        by_name[unit["name"]["tr"]].append(unit["id"])
    duplicated = [ids for ids in by_name.values() if len(ids) > 1]
    assert duplicated == [["tibbi-laboratuvar", "hastane-tibbi-laboratuvar"]]
    for unit in all_units:
        if len(by_name[unit["name"]["tr"]]) > 1:
            assert "duplicate_unit" in _kinds(unit)


def test_rows_with_two_codes_are_noted(all_units: list[dict[str, Any]]) -> None:
    for unit in all_units:
        if len(unit["codes"]) > 1:
            assert "two_codes" in _kinds(unit), unit["id"]


def test_the_guide_as_transcribed(all_units: list[dict[str, Any]]) -> None:
    # A count of the source's rows per group: 4 general, 5 labs, 9 technical, 7 hospital, 6 additional.
    assert len(all_units) == 31
    notes = [n for u in all_units for n in u.get("notes", [])]
    assert all(n["tr"] != n["en"] for n in notes)


def test_ocr_slips_are_fixed(all_units: list[dict[str, Any]]) -> None:
    names = [u["name"]["tr"] for u in all_units]
    assert "Sıhhi tesisat / ısıtma sistemi" in names
    assert "Tıbbi gaz dolum / dağıtım" in names
    assert not [n for n in names if "Sihhi" in n or "dolun" in n]
