"""Reading the employee count from whatever a reader typed."""

from __future__ import annotations

import re

from calculator.bilingual import Text, number
from calculator.errors import InvalidAssigned, InvalidEmployees, InvalidFlag
from calculator.text import shown as shown_text

# The largest head count accepted. Türkiye's largest employers have a few
# hundred thousand staff; a figure above a million is a typing slip, and
# catching it keeps results (and the browser) sane.
MAX_EMPLOYEES = 1_000_000
# Already-assigned minutes or people above this are a typing slip (a million employees × 40 minutes).
MAX_ASSIGNED = 40_000_000

_DIGITS = re.compile(r"[0-9]+")
# How Turkish readers (and our own results) write thousands: "1.200", "1 200" (a space, no-break or narrow
# no-break space), one separator throughout, groups of three. "1,200" is left out: in Turkish it is 1.2.
_GROUPED = re.compile(r"[0-9]{1,3}(?:(?P<sep>[. \u00a0\u202f])[0-9]{3})(?:(?P=sep)[0-9]{3})*")
_DECIMAL = re.compile(r"[+-]?[0-9]*[.,][0-9]+")


def _error(tr: str, en: str) -> InvalidEmployees:
    return InvalidEmployees({"tr": tr, "en": en}, field="employees")


def parse_employees(value: object) -> int:
    """A whole number from 1 to MAX_EMPLOYEES, from an int or a typed string."""
    if isinstance(value, bool):
        raise _error("Çalışan sayısı bir tam sayı olmalı.", "The number of employees must be a whole number.")
    if isinstance(value, float):
        value = _whole_float(value)
    if isinstance(value, str):
        value = _typed_count(value)
    if not isinstance(value, int):
        raise _error("Çalışan sayısı bir tam sayı olmalı.", "The number of employees must be a whole number.")
    return _in_range(value)


def _whole_float(value: float) -> int:
    if not value.is_integer():
        raise _error(
            "Çalışan sayısı tam sayı olmalı (ör. 300); kesirli sayı olamaz.",
            "The number of employees must be a whole number (e.g. 300), not a fraction.",
        )
    return int(value)


def _digits_of(text: str) -> str:
    """ "1.500" -> "1500", "+12" -> "12", "000012" -> "12" (leading zeros, as some exports pad, say nothing)."""
    if _GROUPED.fullmatch(text):
        text = re.sub(r"[^0-9]", "", text)
    if text.startswith("+") and _DIGITS.fullmatch(text[1:]):
        text = text[1:]
    if _DIGITS.fullmatch(text):
        text = text.lstrip("0") or "0"
    return text


def _typed_count(value: str) -> int:
    text = value.strip()
    if not text:
        raise _error("Çalışan sayısını girin.", "Enter the number of employees.")
    text = _digits_of(text)
    if text.startswith("-") and _DIGITS.fullmatch(text[1:]):
        raise _error("Çalışan sayısı negatif olamaz.", "The number of employees cannot be negative.")
    if _DECIMAL.fullmatch(text):
        raise _error(
            f"Çalışan sayısı tam sayı olmalı; “{shown_text(text)}” kesirli bir sayı gibi okunuyor. 1500 veya binlik "
            "ayırıcıyla 1.500 yazın (nokta yalnızca üç hanelik gruplar arasında).",
            f"The number of employees must be a whole number; “{shown_text(text)}” reads as a fraction. Write 1500, or "
            "1.500 with a thousands point (a point only between groups of three digits).",
        )
    if not _DIGITS.fullmatch(text):
        shown = shown_text(text)
        raise _error(
            f"Çalışan sayısı bir sayı olmalı; “{shown}” sayı değil.",
            f"The number of employees must be a number; “{shown}” is not.",
        )
    # Past nine digits it is over the limit anyway; int() of a huge string is slow.
    return int(text) if len(text) <= 9 else MAX_EMPLOYEES + 1


def _in_range(value: int) -> int:
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
    shown = shown_text(value)
    raise InvalidFlag(
        {
            "tr": f"“{shown}” evet veya hayır olarak okunamadı; “evet” ya da “hayır” yazın (boş: hayır).",
            "en": f"“{shown}” could not be read as yes or no; write “yes” or “no” (empty: no).",
        },
        field=field,
    )


def _whole(text: str) -> int | None:
    """Digits, or digits grouped by thousands ("2.000", as results show minutes), up to nine of them."""
    if _GROUPED.fullmatch(text):
        text = re.sub(r"[^0-9]", "", text)
    return int(text) if _DIGITS.fullmatch(text) and len(text) <= 9 else None


def parse_count(value: object, field: str, what: Text) -> int:
    """A whole number from 0 up (what is already assigned: people or minutes), typed or given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    if isinstance(value, int) and not isinstance(value, bool):
        number_value: int | None = value
    elif isinstance(value, str) and _whole(value.strip()) is not None:
        number_value = _whole(value.strip())
    else:
        number_value = None
    if number_value is None or number_value < 0 or number_value > MAX_ASSIGNED:
        shown = shown_text(value)
        raise InvalidAssigned(
            {
                "tr": f"{what['tr']} 0 veya daha büyük bir tam sayı olmalı (en çok {number(MAX_ASSIGNED, 'tr')}): “{shown}”",
                "en": f"{what['en']} must be a whole number from 0 up (at most {number(MAX_ASSIGNED, 'en')}): “{shown}”",
            },
            field=field,
        )
    return number_value
