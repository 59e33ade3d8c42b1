"""Several units at once: each row resolved to a hazard class, computed,
and totalled per role. A bad row is reported by its position and does not
stop the good ones."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from calculator.errors import CalculatorError
from calculator.lookup import NaceIndex
from calculator.plain import plain
from calculator.reasons import Reason
from calculator.requirements import ROLE_CALCULATIONS, Requirements, requirements
from calculator.resolve import HIGHER, Resolved, resolve
from calculator.rules import Rules


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
        data: dict[str, Any] = plain(dataclasses.replace(self, result=None))
        if self.result is not None:
            data["result"] = self.result.to_dict()
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
            "totals": {role: plain(total) for role, total in self.totals.items()},
            "employees": self.employees,
            "error_count": len(self.errors),
        }


def batch(rules: Rules, index: NaceIndex, rows: list[dict[str, Any]], prefer: str = HIGHER) -> BatchResult:
    """Computes every row; `line` in a row (e.g. its CSV line) is kept, else its 1-based position.

    `prefer`: where a unit's class comes from when the guide and the list disagree (resolve.CLASS_SOURCES).
    """
    results: list[BatchRow] = []
    # Rows often repeat a unit: resolve each distinct one once.
    resolved_before: dict[tuple[Any, ...], Resolved] = {}
    for position, row in enumerate(rows, start=1):
        given = row.get("line")
        line = given if isinstance(given, int) else position
        shown = {k: v for k, v in row.items() if k != "line"}
        try:
            key = (row.get("hazard_class"), row.get("code"), row.get("unit"))
            if key not in resolved_before:
                resolved_before[key] = resolve(rules, index, row, prefer)
            resolved = resolved_before[key]
            outcome = requirements(rules, resolved.hazard_class, row.get("employees", ""),
                                   row.get("full_time_physician", False))
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
