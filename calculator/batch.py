"""Several units at once: each row resolved to a hazard class, computed,
and totalled per role. A bad row is reported by its position and does not
stop the good ones."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from calculator import explain
from calculator.errors import AmbiguousUnit, CalculatorError, InvalidQuery, UnknownCode, UnknownUnit
from calculator.lookup import NaceIndex, UnitMatch
from calculator.reasons import Reason
from calculator.requirements import ROLE_CALCULATIONS, Requirements, requirements
from calculator.rules import Rules
from calculator.text import fold

# How many candidate names an "ambiguous" message lists.
_SHOWN_CANDIDATES = 5


@dataclass(frozen=True)
class Resolved:
    hazard_class: str
    unit: UnitMatch | None
    notes: list[Reason] = field(default_factory=list)


@dataclass(frozen=True)
class BatchRow:
    line: int
    input: dict[str, Any]
    unit_id: str | None = None
    unit_name: dict[str, str] | None = None
    result: Requirements | None = None
    notes: list[Reason] = field(default_factory=list)
    error: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["result"] = self.result.to_dict() if self.result else None
        return data


@dataclass(frozen=True)
class RoleTotal:
    required_minutes: int
    full_time: int
    part_time_minutes: int


@dataclass(frozen=True)
class BatchResult:
    rows: list[BatchRow]
    totals: dict[str, RoleTotal]
    employees: int

    @property
    def errors(self) -> list[BatchRow]:
        return [row for row in self.rows if row.error is not None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": [row.to_dict() for row in self.rows],
            "totals": {role: dataclasses.asdict(total) for role, total in self.totals.items()},
            "employees": self.employees,
            "error_count": len(self.errors),
        }


def _ordered_union(lists: list[list[str]]) -> list[str]:
    return list(dict.fromkeys(item for items in lists for item in items))


def _unit_and_classes(index: NaceIndex, text: str) -> tuple[UnitMatch | None, list[str]]:
    """The unit a name or code stands for (None when a code covers several units) and its classes."""
    found = index.lookup(text)
    if not found.matches:
        if found.kind == "name":
            raise UnknownUnit(
                {"tr": f"Rehberde “{text}” adlı bir birim bulunamadı.", "en": f"No unit called “{text}” is in the guide."},
                field="unit",
            )
        raise UnknownCode(
            {"tr": f"{text} kodu rehberin Ek-1 listesinde yok.", "en": f"Code {text} is not in the guide's Annex 1."},
            field="unit",
        )
    matches = found.matches
    if found.kind != "name":
        classes = _ordered_union([e.guide_classes for u in matches for e in u.codes if e.code in u.matched_codes])
        return (matches[0] if len(matches) == 1 else None), classes
    exact = [u for u in matches if fold(text) in (fold(u.name["tr"]), fold(u.name["en"]))]
    matches = exact or matches
    # The guide's two "Tıbbi laboratuvar" rows share a name: one unit to the reader.
    names = list(dict.fromkeys(u.name["tr"] for u in matches))
    if len(names) > 1:
        names_en = list(dict.fromkeys(u.name["en"] for u in matches))
        raise AmbiguousUnit(
            {"tr": f"“{text}” birden fazla birime uyuyor ({', '.join(names[:_SHOWN_CANDIDATES])}); "
                   "tam adı veya NACE kodunu yazın.",
             "en": f"“{text}” matches more than one unit ({', '.join(names_en[:_SHOWN_CANDIDATES])}); "
                   "give the full name or the NACE code."},
            field="unit",
        )
    return matches[0], _ordered_union([u.hazard_classes for u in matches])


def resolve(rules: Rules, index: NaceIndex, row: dict[str, Any]) -> Resolved:
    """The hazard class a row stands for: given directly, or through its unit name or NACE code.

    Where the guide gives several classes, the highest is used and a note says so.
    """
    hazard = row.get("hazard_class")
    if isinstance(hazard, str) and hazard.strip():
        return Resolved(rules.hazard_class(hazard).id, None)
    text = row.get("code") or row.get("unit")
    if not isinstance(text, str) or not text.strip():
        raise InvalidQuery(
            {"tr": "Satırda birim adı, NACE kodu veya tehlike sınıfı yok.",
             "en": "The row has no unit name, NACE code or hazard class."},
            field="unit",
        )
    text = text.strip()
    # A class word ("çok tehlikeli") in the unit column is taken as the class.
    try:
        return Resolved(rules.hazard_class(text).id, None)
    except CalculatorError:
        pass
    unit, classes = _unit_and_classes(index, text)
    chosen = max(classes, key=lambda c: rules.hazard_classes[c].rank)
    notes = []
    if len(classes) > 1:
        labels = [rules.hazard_label(c) for c in classes]
        notes.append(Reason("several_classes", explain.guide_gives_several_classes(labels, rules.hazard_label(chosen))))
    return Resolved(chosen, unit, notes)


def batch(rules: Rules, index: NaceIndex, rows: list[dict[str, Any]]) -> BatchResult:
    """Computes every row; `line` in a row (e.g. its CSV line) is kept, else its 1-based position."""
    results: list[BatchRow] = []
    for position, row in enumerate(rows, start=1):
        given = row.get("line")
        line = given if isinstance(given, int) else position
        shown = {k: v for k, v in row.items() if k != "line"}
        try:
            resolved = resolve(rules, index, row)
            outcome = requirements(rules, resolved.hazard_class, row.get("employees", ""))
        except CalculatorError as error:
            results.append(BatchRow(line, shown, error=error.to_dict()))
            continue
        unit = resolved.unit
        results.append(
            BatchRow(line, shown, unit.unit_id if unit else None, dict(unit.name) if unit else None, outcome,
                     resolved.notes)
        )
    good = [row.result for row in results if row.result is not None]
    totals = {
        calc.role: RoleTotal(
            sum(r.roles[calc.role].required_minutes for r in good),
            sum(r.roles[calc.role].full_time for r in good),
            sum(r.roles[calc.role].part_time_minutes for r in good),
        )
        for calc in ROLE_CALCULATIONS
    }
    return BatchResult(results, totals, sum(r.employees for r in good))
