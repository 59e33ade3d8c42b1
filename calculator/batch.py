"""Several units at once: each row resolved to a hazard class, computed,
and totalled per role. A bad row is reported by its position and does not
stop the good ones."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from calculator.errors import CalculatorError
from calculator.lookup import NaceIndex
from calculator.plain import plain
from calculator.reasons import Reason
from calculator.requirements import ROLE_CALCULATIONS, Requirements, RoleResult, requirements
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
    # The NACE code the class is that of, where there is one.
    code: str | None = None

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
    # Summed over the rows that gave what is already assigned; None when none did.
    missing_full_time: int | None = None
    missing_minutes: int | None = None
    over_minutes: int | None = None


@dataclass(frozen=True)
class BatchResult:
    rows: list[BatchRow]
    totals: dict[str, RoleTotal]
    employees: int

    @property
    def with_assigned(self) -> bool:
        """Whether any row gave what is already assigned (the table then shows what is missing)."""
        return any(total.missing_minutes is not None for total in self.totals.values())

    @property
    def errors(self) -> list[BatchRow]:
        return [row for row in self.rows if row.error is not None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": [row.to_dict() for row in self.rows],
            "totals": {role: total_dict(total) for role, total in self.totals.items()},
            "employees": self.employees,
            "error_count": len(self.errors),
        }


# How many rows between two progress reports: a few dozen reports for the largest batch.
PROGRESS_EVERY = 250
Progress = Callable[[int, int], object]


def batch(
    rules: Rules, index: NaceIndex, rows: list[dict[str, Any]], prefer: str = HIGHER, progress: Progress | None = None
) -> BatchResult:
    """Computes every row; `line` in a row (e.g. its CSV line) is kept, else its 1-based position.

    `prefer`: where a unit's class comes from when the guide and the list disagree (resolve.CLASS_SOURCES).
    `progress(done, total)` is called every PROGRESS_EVERY rows, so that the page can show how far a
    large batch has got while Python works.
    """
    results: list[BatchRow] = []
    # Rows often repeat a unit: resolve each distinct one once.
    resolved_before: dict[tuple[Any, ...], Resolved] = {}
    for position, row in enumerate(rows, start=1):
        if progress is not None and position % PROGRESS_EVERY == 0:
            progress(position, len(rows))
        given = row.get("line")
        line = given if isinstance(given, int) else position
        shown = {k: v for k, v in row.items() if k != "line"}
        try:
            key = (row.get("hazard_class"), row.get("code"), row.get("unit"))
            if key not in resolved_before:
                resolved_before[key] = resolve(rules, index, row, prefer)
            resolved = resolved_before[key]
            outcome = requirements(
                rules, resolved.hazard_class, row.get("employees", ""), row.get("full_time_physician", False), row.get("assigned")
            )
        except CalculatorError as error:
            results.append(BatchRow(line, shown, error=error.to_dict()))
            continue
        unit = resolved.unit
        results.append(
            BatchRow(
                line,
                shown,
                unit.unit_id if unit else None,
                dict(unit.name) if unit else None,
                outcome,
                code=resolved.code,
                notes=resolved.notes,
            )
        )
    good = [row.result for row in results if row.result is not None]
    totals = {calc.role: role_total([r.roles[calc.role] for r in good]) for calc in ROLE_CALCULATIONS}
    return BatchResult(results, totals, sum(r.employees for r in good))


def _sum_given(values: list[int | None]) -> int | None:
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def role_total(results: list[RoleResult]) -> RoleTotal:
    """One role's figures summed over the computed rows. What is missing is summed where it was
    asked (a unit's surplus never covers another's shortfall: each unit is its own workplace)."""
    return RoleTotal(
        sum(r.required_minutes for r in results),
        sum(r.full_time for r in results),
        sum(r.part_time_minutes for r in results),
        _sum_given([r.missing_full_time for r in results]),
        _sum_given([r.missing_minutes for r in results]),
        _sum_given([r.over_minutes for r in results]),
    )


def total_dict(total: RoleTotal) -> dict[str, int]:
    """A role's totals as JSON: the missing keys only where something already assigned was given."""
    return {key: value for key, value in plain(total).items() if value is not None}
