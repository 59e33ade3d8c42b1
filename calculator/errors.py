"""Errors of bad input. Each carries its message in Turkish and English,
so every caller (CLI, page, batch table) can show it in the reader's
language without knowing what went wrong."""

from __future__ import annotations

from typing import Any

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


def line_failure(line: int, text: str, error: str, message: Text, field: str | None = None) -> dict[str, Any]:
    """A line of a list (units, staff, an export) that could not be read or computed: the one shape every
    such failure has, {line, input: {text}, error: {error, field, message}}, read by `failure_message`
    (and the page's `lineMessage`, docs/assets/js/page-kit.js)."""
    return {"line": line, "input": {"text": text[:100]}, "error": {"error": error, "field": field, "message": dict(message)}}


def failure_message(failure: dict[str, Any], lang: str) -> str:
    """A line failure's message in the reader's language."""
    error = failure.get("error")
    message = error.get("message") if isinstance(error, dict) else None
    return str(message.get(lang, "")) if isinstance(message, dict) else ""
