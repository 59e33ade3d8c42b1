"""The İSG-KATİP guide's rules: minimum OHS working times and NACE look-up.

Standard library only and free of I/O, so the very same files run in
CPython (tests, CLI) and in the browser under Pyodide. Callers read the
data (data/*.yaml, or its JSON export) and pass plain dicts in.
"""

from __future__ import annotations

from typing import Any

from calculator.batch import BatchResult, batch
from calculator.errors import CalculatorError
from calculator.inputs import MAX_EMPLOYEES, parse_employees
from calculator.lookup import LookupResult, NaceIndex
from calculator.requirements import Requirements, requirements
from calculator.rules import Rules

__all__ = [
    "MAX_EMPLOYEES",
    "BatchResult",
    "Calculator",
    "CalculatorError",
    "LookupResult",
    "NaceIndex",
    "Requirements",
    "Rules",
    "batch",
    "parse_employees",
    "requirements",
]


class Calculator:
    """The rules and the Ek-1 index together: what the CLI and the page call."""

    def __init__(self, data: dict[str, Any], on: object = None):
        self.rules = Rules(data["durations"], on)
        acts = (data.get("nace_list_source") or {}).get("acts")
        # The NACE list as in force on the rules' date.
        self.index = NaceIndex(
            data["nace"], data.get("nace_list"), acts, names=data.get("unit_names"), titles_en=data.get("nace_titles_en")
        ).at(self.rules.on)

    def requirements(
        self, hazard_class: str, employees: object, full_time_physician: object = False, assigned: object = None
    ) -> Requirements:
        return requirements(self.rules, hazard_class, employees, full_time_physician, assigned)

    def lookup(self, query: str) -> LookupResult:
        return self.index.lookup(query)

    def batch(self, rows: list[dict[str, Any]], prefer: str = "higher") -> BatchResult:
        return batch(self.rules, self.index, rows, prefer)
