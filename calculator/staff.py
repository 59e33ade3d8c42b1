"""Reading the institution's professionals for a staffing plan (calculator.plan), from CSV text
or a sheet's cells: one professional a line, "name; role; certificate class; available minutes
a month; may take a full-time post (yes/no)", by position or under a header row naming the
columns in any order, in Turkish or English ("Ad Soyad; Rol; Belge sınıfı; Uygun dakika;
Tam süreli" / "Name; Role; Certificate class; Available minutes; Full-time").

A line that cannot be read is reported with its number and the reason, in both languages,
never guessed; the lines that can be read are kept.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from calculator.bilingual import Text
from calculator.csv_batch import MAX_TEXT, InvalidCsv
from calculator.errors import CalculatorError, line_failure
from calculator.inputs import parse_count, parse_flag
from calculator.plan import CERTIFIED_ROLE, NO_CLASS, Professional
from calculator.text import fold, shown

# The columns, and the header words (folded) that name each.
COLUMNS = ("name", "role", "certificate_class", "available_minutes", "full_time")
HEADER_WORDS = {
    "name": ("ad", "ad soyad", "adi soyadi", "adi", "isim", "name", "professional"),
    "role": ("rol", "gorev", "unvan", "role"),
    "certificate_class": ("belge sinifi", "sertifika sinifi", "belge", "sinif", "certificate class", "certificate"),
    "available_minutes": (
        "uygun dakika",
        "musait dakika",
        "dakika",
        "aylik dakika",
        "uygun sure",
        "available minutes",
        "minutes",
        "available",
    ),
    "full_time": ("tam sureli", "tam sure", "tam zamanli", "full time", "fulltime"),
}
# Besides the roles' own ids, labels and short names (durations.yaml), words offices use.
ROLE_WORDS = {
    "igu": ("uzman", "isg uzmani", "safety specialist", "specialist", "oss"),
    "isyeri_hekimi": ("hekim", "doktor", "physician", "doctor", "wp"),
    "dsp": ("saglik personeli", "health personnel", "ohp"),
}
_CLASS_WORD = re.compile(r"([abc])(?: sinifi| class)?")
_DELIMITERS = (";", "\t", ",")
MAX_PEOPLE = 2000


class InvalidStaff(CalculatorError):
    code = "invalid_staff"


@dataclass(frozen=True)
class StaffRead:
    people: list[Professional]
    errors: list[dict[str, Any]]


def role_names(roles: list[dict[str, Any]]) -> dict[str, str]:
    """Every folded way to name a role -> its id."""
    names = {}
    for role in roles:
        for name in (role["id"], *role["label"].values(), *role["short"].values(), *ROLE_WORDS.get(role["id"], ())):
            names[fold(name)] = role["id"]
    return names


def _header(cells: list[str]) -> dict[str, int] | None:
    """The header's column of each field, or None when the line is no header (its first cell names no field)."""
    found = {}
    for index, cell in enumerate(cells):
        word = fold(cell).replace("-", " ")
        field = next((f for f, words in HEADER_WORDS.items() if word in words), None)
        if field is not None and field not in found:
            found[field] = index
    return found if "name" in found and "available_minutes" in found else None


def _error(line: int, message: Text, error: str = "invalid_staff_line", cells: list[str] | None = None) -> dict[str, Any]:
    return line_failure(line, ";".join(cells or []), error, message, "staff")


def read_staff_cells(lines: list[list[str]], roles: list[dict[str, Any]]) -> StaffRead:
    """Professionals from rows of cells (a CSV's or a sheet's), with each unreadable line reported."""
    names = role_names(roles)
    rows = [(number, [c.strip() for c in cells]) for number, cells in enumerate(lines, start=1) if any(c.strip() for c in cells)]
    if not rows:
        raise InvalidStaff(
            {
                "tr": "Personel listesi boş: her satıra bir kişi yazın (ad; rol; belge sınıfı; uygun dakika; tam süreli).",
                "en": "The staff list is empty: write one person a line (name; role; certificate class; "
                "available minutes; full-time).",
            },
            field="staff",
        )
    header = _header(rows[0][1])
    layout = header or {field: index for index, field in enumerate(COLUMNS)}
    if header is not None:
        rows = rows[1:]
    if len(rows) > MAX_PEOPLE:
        raise InvalidStaff(
            {
                "tr": f"Personel listesi en çok {MAX_PEOPLE} kişi olabilir.",
                "en": f"The staff list can have at most {MAX_PEOPLE} people.",
            },
            field="staff",
        )
    people: list[Professional] = []
    errors = []
    seen: dict[str, int] = {}
    for number, cells in rows:
        try:
            person = _person(number, cells, layout, names)
        except CalculatorError as error:
            errors.append(_error(number, error.message, error.code, cells))
            continue
        key = fold(person.name)
        if key in seen:
            errors.append(
                _error(
                    number,
                    {
                        "tr": f"{number}. satır: “{shown(person.name)}” adı {seen[key]}. satırda da var; planda herkes adıyla "
                        "anılır, adları ayırın.",
                        "en": f"Line {number}: the name “{shown(person.name)}” is on line {seen[key]} too; the plan names "
                        "everyone by name, so tell them apart.",
                    },
                    "duplicate_name",
                    cells,
                )
            )
            continue
        seen[key] = number
        people.append(person)
    return StaffRead(people, errors)


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _person(number: int, cells: list[str], layout: dict[str, int], names: dict[str, str]) -> Professional:
    name = _cell(cells, layout.get("name"))
    if not name:
        raise InvalidStaff({"tr": f"{number}. satırda ad yok.", "en": f"Line {number} has no name."}, field="name")
    role_text = _cell(cells, layout.get("role"))
    role = names.get(fold(role_text))
    if role is None:
        raise InvalidStaff(
            {
                "tr": f"{number}. satır: “{shown(role_text)}” bir rol değil; İGU, İH veya DSP (iş güvenliği uzmanı, "
                "işyeri hekimi, diğer sağlık personeli) yazın.",
                "en": f"Line {number}: “{shown(role_text)}” is no role; write İGU, İH or DSP (occupational safety "
                "specialist, workplace physician, other health personnel).",
            },
            field="role",
        )
    certificate = _certificate(number, _cell(cells, layout.get("certificate_class")), role)
    minutes = parse_count(
        _cell(cells, layout.get("available_minutes")),
        "available_minutes",
        {"tr": f"{number}. satırdaki uygun dakika", "en": f"the available minutes on line {number}"},
    )
    full_time = parse_flag(_cell(cells, layout.get("full_time")), "full_time")
    return Professional(name, role, certificate, minutes, full_time, number)


def _certificate(number: int, text: str, role: str) -> str:
    folded = fold(text)
    if role != CERTIFIED_ROLE:
        if folded in ("", "-"):
            return NO_CLASS
        raise InvalidStaff(
            {
                "tr": f"{number}. satır: belge sınıfı (A, B, C) yalnızca iş güvenliği uzmanları için yazılır; "
                "bu hücreyi boş bırakın.",
                "en": f"Line {number}: a certificate class (A, B, C) is for safety specialists only; leave this cell empty.",
            },
            field="certificate_class",
        )
    match = _CLASS_WORD.fullmatch(folded)
    if match is None:
        raise InvalidStaff(
            {
                "tr": f"{number}. satır: “{shown(text)}” bir belge sınıfı değil; iş güvenliği uzmanı için A, B veya C yazın.",
                "en": f"Line {number}: “{shown(text)}” is no certificate class; write A, B or C for a safety specialist.",
            },
            field="certificate_class",
        )
    return match.group(1).upper()


def _delimiter(lines: list[str]) -> str:
    """The separator that splits the first lines into the most cells alike."""

    def score(delimiter: str) -> tuple[int, int]:
        try:
            counts = [len(cells) for cells in csv.reader(lines[:50], delimiter=delimiter)]
        except csv.Error:
            return (-1, -_DELIMITERS.index(delimiter))
        return (sum(1 for c in counts if c >= 4), -_DELIMITERS.index(delimiter))

    return max(_DELIMITERS, key=score)


def read_staff(text: str, roles: list[dict[str, Any]]) -> StaffRead:
    """Professionals from CSV text (";", tab or "," separated; the separator is judged on the file)."""
    if not isinstance(text, str) or not text.strip():
        return read_staff_cells([], roles)
    if len(text) > MAX_TEXT:
        raise InvalidCsv({"tr": "Personel listesi çok büyük.", "en": "The staff list is too large."}, field="staff")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = [line for line in text.split("\n") if line.strip()]
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=_delimiter(lines))
    try:
        cells = list(reader)
    except csv.Error:
        # A cell longer than the csv module's limit, or a broken quote: say which line.
        line = reader.line_num
        raise InvalidStaff(
            {
                "tr": f"Personel listesinin {line}. satırı okunamadı (çok uzun bir hücre veya kapanmamış bir tırnak).",
                "en": f"Line {line} of the staff list could not be read (a cell too long, or an unclosed quote).",
            },
            field="staff",
        ) from None
    return read_staff_cells(cells, roles)
