"""Reading the employee count from whatever a reader typed."""

from __future__ import annotations

import re

from calculator.bilingual import number
from calculator.errors import InvalidEmployees, InvalidFlag

# The largest head count accepted. Türkiye's largest employers have a few
# hundred thousand staff; a figure above a million is a typing slip, and
# catching it keeps results (and the browser) sane.
MAX_EMPLOYEES = 1_000_000

_DIGITS = re.compile(r"[0-9]+")
_DECIMAL = re.compile(r"[+-]?[0-9]*[.,][0-9]+")


def _error(tr: str, en: str) -> InvalidEmployees:
    return InvalidEmployees({"tr": tr, "en": en}, field="employees")


def parse_employees(value: object) -> int:
    """A whole number from 1 to MAX_EMPLOYEES, from an int or a typed string."""
    if isinstance(value, bool):
        raise _error("Çalışan sayısı bir tam sayı olmalı.", "The number of employees must be a whole number.")
    if isinstance(value, float):
        if not value.is_integer():
            raise _error(
                "Çalışan sayısı tam sayı olmalı (ör. 300); kesirli sayı olamaz.",
                "The number of employees must be a whole number (e.g. 300), not a fraction.",
            )
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise _error("Çalışan sayısını girin.", "Enter the number of employees.")
        if text.startswith("-") and _DIGITS.fullmatch(text[1:]):
            raise _error("Çalışan sayısı negatif olamaz.", "The number of employees cannot be negative.")
        if _DECIMAL.fullmatch(text):
            raise _error(
                "Çalışan sayısını yalnızca rakamla, tam sayı olarak yazın (ör. 1500); nokta veya virgül kullanmayın.",
                "Write the number of employees as a whole number in digits only (e.g. 1500), without points or commas.",
            )
        if not _DIGITS.fullmatch(text):
            shown = text[:40]
            raise _error(
                f"Çalışan sayısı bir sayı olmalı; “{shown}” sayı değil.",
                f"The number of employees must be a number; “{shown}” is not.",
            )
        # Past nine digits it is over the limit anyway; int() of a huge string is slow.
        value = int(text) if len(text) <= 9 else MAX_EMPLOYEES + 1
    if not isinstance(value, int):
        raise _error("Çalışan sayısı bir tam sayı olmalı.", "The number of employees must be a whole number.")
    if value < 0:
        raise _error("Çalışan sayısı negatif olamaz.", "The number of employees cannot be negative.")
    if value == 0:
        raise _error("Çalışan sayısı en az 1 olmalı.", "The number of employees must be at least 1.")
    if value > MAX_EMPLOYEES:
        raise _error(
            f"Çalışan sayısı en çok {number(MAX_EMPLOYEES, 'tr')} olabilir; girilen sayıyı kontrol edin.",
            f"The number of employees can be at most {number(MAX_EMPLOYEES, 'en')}; check the figure you entered.",
        )
    return value


# How a yes/no cell or field may be written, in either language (folded: no Turkish letters, lower case).
_YES = {"1", "true", "yes", "y", "x", "evet", "e", "var"}
_NO = {"", "0", "false", "no", "n", "hayir", "h", "yok"}
_FOLD_YES_NO = str.maketrans({"ı": "i", "İ": "i", "I": "i"})


def parse_flag(value: object, field: str) -> bool:
    """A yes/no input: a bool, or "evet"/"hayır"/"yes"/"no"/"1"/"0"/"x"/empty."""
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if isinstance(value, str):
        text = value.translate(_FOLD_YES_NO).strip().lower()
        if text in _YES:
            return True
        if text in _NO:
            return False
    shown = " ".join(str(value).split())[:60]
    raise InvalidFlag(
        {"tr": f"“{shown}” evet veya hayır olarak okunamadı; “evet” ya da “hayır” yazın (boş: hayır).",
         "en": f"“{shown}” could not be read as yes or no; write “yes” or “no” (empty: no)."},
        field=field,
    )
