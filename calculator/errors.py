"""Errors of bad input. Each carries its message in Turkish and English,
so every caller (CLI, page, batch table) can show it in the reader's
language without knowing what went wrong."""

from __future__ import annotations

from calculator.bilingual import Text


class CalculatorError(ValueError):
    """Bad input. `code` is a stable id for programs, `field` the input it concerns."""

    code = "invalid_input"

    def __init__(self, message: Text, field: str | None = None):
        self.message = message
        self.field = field
        super().__init__(message["en"])

    def text(self, lang: str) -> str:
        return self.message.get(lang, self.message["en"])

    def to_dict(self) -> dict[str, object]:
        return {"error": self.code, "field": self.field, "message": dict(self.message)}


class InvalidEmployees(CalculatorError):
    code = "invalid_employees"


class UnknownHazardClass(CalculatorError):
    code = "unknown_hazard_class"


class InvalidQuery(CalculatorError):
    code = "invalid_query"


class InvalidCode(CalculatorError):
    code = "invalid_code"


class UnknownCode(CalculatorError):
    code = "unknown_code"


class UnknownUnit(CalculatorError):
    code = "unknown_unit"


class AmbiguousUnit(CalculatorError):
    code = "ambiguous_unit"


class InvalidDate(CalculatorError):
    code = "invalid_date"


class InvalidFlag(CalculatorError):
    code = "invalid_flag"


class InvalidAssigned(CalculatorError):
    code = "invalid_assigned"
