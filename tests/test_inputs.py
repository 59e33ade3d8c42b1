from __future__ import annotations

import pytest

from calculator import MAX_EMPLOYEES, Calculator, parse_employees
from calculator.errors import CalculatorError, InvalidEmployees, InvalidQuery, UnknownHazardClass


@pytest.mark.parametrize(
    "value, word_en",
    [
        (-5, "negative"),
        ("-5", "negative"),
        (0, "at least 1"),
        ("0", "at least 1"),
        (1.5, "fraction"),
        ("1.5", "whole number"),
        ("1,5", "whole number"),
        ("abc", "not"),
        ("", "Enter"),
        ("   ", "Enter"),
        (10**12, "at most"),
        (str(10**12), "at most"),
        ("9" * 5000, "at most"),
        (MAX_EMPLOYEES + 1, "at most"),
        (True, "whole number"),
        (None, "whole number"),
        ("1e3", "not"),
        ("12.00", "fraction"),
        ("1.2000", "fraction"),
        ("1.200,5", "not"),
        ("1.200 300", "not"),
        ("1,200", "fraction"),
        ("1.000.0000", "not"),
        ("2.000.000", "at most"),
        ("0000", "at least 1"),
        ("+-3", "not"),
        ("++3", "not"),
    ],
)
def test_bad_employee_counts(value: object, word_en: str) -> None:
    with pytest.raises(InvalidEmployees) as caught:
        parse_employees(value)
    assert word_en in caught.value.message["en"]
    assert caught.value.message["tr"] and caught.value.message["tr"] != caught.value.message["en"]
    assert caught.value.field == "employees"


@pytest.mark.parametrize(
    "value, count",
    [
        (1, 1),
        ("300", 300),
        (" 42 ", 42),
        (300.0, 300),
        (MAX_EMPLOYEES, MAX_EMPLOYEES),
        ("1.200", 1200),
        ("1 200", 1200),
        ("1\u00a0200", 1200),
        ("1.000.000", 1_000_000),
        ("12.345", 12345),
        ("000000000012", 12),
        ("+12", 12),
        ("0300", 300),
    ],
)
def test_good_employee_counts(value: object, count: int) -> None:
    assert parse_employees(value) == count


@pytest.mark.parametrize("hazard", ["", "orta", "çokça", "4", "x" * 500])
def test_unknown_hazard_class(calc: Calculator, hazard: str) -> None:
    with pytest.raises(UnknownHazardClass) as caught:
        calc.requirements(hazard, 10)
    assert "tehlike sınıfı" in caught.value.message["tr"]
    assert len(caught.value.message["en"]) < 200


@pytest.mark.parametrize("query", ["", "   ", "k" * 201])
def test_bad_queries(calc: Calculator, query: str) -> None:
    with pytest.raises(InvalidQuery):
        calc.lookup(query)


def test_errors_are_value_errors_with_two_languages() -> None:
    error = InvalidEmployees({"tr": "a", "en": "b"})
    assert isinstance(error, CalculatorError) and isinstance(error, ValueError)
    assert error.text("tr") == "a" and error.text("en") == "b"
    assert error.to_dict() == {"error": "invalid_employees", "field": None, "message": {"tr": "a", "en": "b"}}
