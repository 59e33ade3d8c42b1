"""Several units from a CSV file (or an XLSX sheet's cells), read into rows for `batch()`.

Reading the CSV lives here, not in the page's JavaScript, so
the browser and the tests share one tested implementation. The file is
what a reader exports from Excel: comma-, semicolon- or tab-separated.

Without a header row the columns are "unit name, NACE code or hazard class",
"employees" and optionally "full-time physician assigned (yes/no)". A header
row names its columns instead, in any order, and may add what each role
already has ("İGU mevcut tam süreli", "İGU mevcut dk", ...: see `header_names`);
a column it does not know is reported, not guessed at.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from calculator.bilingual import Text
from calculator.errors import CalculatorError, line_failure
from calculator.text import fold, shown

# The most rows one paste or file may hold: far above any institution's
# unit count, low enough to keep the page responsive.
MAX_ROWS = 5000
# The most characters one paste or file may hold (5,000 lines of long names fit many times over).
MAX_TEXT = 2_000_000

# A header row's names (folded: lower case, no Turkish letters, punctuation as spaces).
_UNIT_NAMES = {"unit", "birim", "birim adi", "unit name", "birim veya kod", "unit or code", "isyeri", "isyeri adi", "workplace"}
_CODE_NAMES = {"code", "kod", "nace", "nace kodu", "nace code", "nace kod"}
_HAZARD_NAMES = {"hazard", "hazard class", "tehlike sinifi"}
_EMPLOYEE_NAMES = {"employees", "calisan", "calisan sayisi", "number of employees", "employee count"}
_PHYSICIAN_NAMES = {"full time physician", "tam sureli hekim", "tam sureli isyeri hekimi", "full time workplace physician"}


class InvalidCsv(CalculatorError):
    code = "invalid_csv"


class Parsed(NamedTuple):
    """What a file's lines hold: rows for `batch()`, the lines that could not be read (each
    {line, input: {text}, error: {error, field, message}}, the shape every line-level failure has),
    and the header's columns that were not read (a notice, not a failed line)."""

    rows: list[dict[str, Any]]
    bad: list[dict[str, Any]]
    ignored: list[dict[str, Any]]


# Separators a spreadsheet writes: Turkish Excel's ";", a paste from Excel's tab, and ",".
_DELIMITERS = (";", "\t", ",")
# How many lines the separator is judged on: enough for any mix, few enough to stay quick.
_SNIFFED_LINES = 200
_COUNT = re.compile(r"\s*[0-9][0-9. \u00a0\u202f]*\s*")


def _delimiter(text: str, role_shorts: dict[str, Text]) -> str:
    """The separator that reads the most lines as rows, judged on the file's first lines.

    A row is "unit; a number (; yes/no)" by position, or, under a header row the separator reads,
    a line with a number in the header's employees column. Guessing from the first line alone let
    one comma in a unit's name ("kimya, biyoloji") break every line of a ";" file. Quoted cells are
    honoured while judging, as when reading.
    """
    lines = list(itertools.islice((line for line in text.splitlines() if line.strip()), _SNIFFED_LINES))

    def score(delimiter: str) -> int:
        try:
            rows = [[cell.strip() for cell in cells] for cells in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            return -1
        header = _header(rows[0], role_shorts) if rows else None
        if header is not None:
            return len(rows) + sum(1 for cells in rows[1:] if _COUNT.fullmatch(_cell(cells, header.employees)))
        return sum(1 for cells in rows if len(cells) in (2, 3) and _COUNT.fullmatch(cells[1]))

    return max(_DELIMITERS, key=lambda d: (score(d), -_DELIMITERS.index(d)))


def decode(data: bytes) -> str:
    """A file's bytes as text: UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text"), or
    Windows-1254 (Turkish Excel's default "CSV"), in that order of evidence."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    sample = data[:4000]
    # UTF-16 without a BOM: every other byte of Latin text is zero.
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4:
        return data.decode("utf-16-le", errors="replace")
    if len(sample) >= 4 and sample[0::2].count(0) > len(sample) // 4:
        return data.decode("utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1254", errors="replace")


def parse_rows(text: str, role_shorts: dict[str, Text] | None = None) -> Parsed:
    """Rows for `batch()` (each with its line number), the lines that could not be read, and the
    header's columns that were not read.

    `role_shorts` ({"igu": {"tr": "İGU", "en": "İGU"}, ...}, Rules.role_shorts) names the
    already-assigned columns a header row may have; without it only the basic columns are known.
    """
    if not isinstance(text, str) or not text.strip():
        raise InvalidCsv(
            {
                "tr": "CSV boş: her satıra bir birim ve çalışan sayısı yazın.",
                "en": "The CSV is empty: write one unit and its number of employees on each line.",
            },
            field="csv",
        )
    if len(text) > MAX_TEXT:
        raise InvalidCsv(
            {
                "tr": f"CSV çok büyük: en çok {MAX_TEXT // 1_000_000} milyon karakter olabilir.",
                "en": f"The CSV is too large: it can have at most {MAX_TEXT // 1_000_000} million characters.",
            },
            field="csv",
        )
    # Old Mac files end lines with a lone CR, which the csv module refuses outside quotes.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=_delimiter(text, role_shorts or {}))
    try:
        return read_cells(reader, role_shorts or {}, lambda: reader.line_num)
    except csv.Error:
        # The reader stops at a cell longer than its limit or a broken quote: say which line.
        line = reader.line_num
        raise InvalidCsv(
            {
                "tr": f"CSV'nin {line}. satırı okunamadı (çok uzun bir hücre veya kapanmamış bir tırnak).",
                "en": f"Line {line} of the CSV could not be read (a cell too long, or an unclosed quote).",
            },
            field="csv",
        ) from None


def cells_text(lines: list[list[str]]) -> str:
    """Lines of cells (an XLSX sheet) as tab-separated text, as cells pasted from Excel arrive: the page
    shows it in the batch box, and `parse_rows` reads it like any paste."""
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\n").writerows(lines)
    return out.getvalue()


# The already-assigned columns' headings after a role's short name: the first of each is the one the
# page names; the others are understood too.
_ASSIGNED_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "full_time": {"tr": ("mevcut tam süreli",), "en": ("assigned full-time",)},
    "minutes": {"tr": ("mevcut dk", "mevcut dakika", "devam eden süre"), "en": ("assigned minutes", "assigned min")},
}
# The header names of the basic columns the page names.
_BASIC_HEADINGS: Text = {
    "tr": "Birim; NACE kodu; Çalışan; Tam süreli hekim",
    "en": "Unit, NACE code, Employees, Full-time physician",
}


def assigned_headings(role_shorts: dict[str, Text], lang: str) -> str:
    """The header row a reader may write, in their language: "Birim; Çalışan; ...; İGU mevcut dk; ..."."""
    separator = "; " if lang == "tr" else ", "
    names = [f"{short[lang]} {_ASSIGNED_WORDS[kind][lang][0]}" for short in role_shorts.values() for kind in _ASSIGNED_WORDS]
    return separator.join([_BASIC_HEADINGS[lang], *names])


# The English short names earlier versions wrote in headings and files, still read.
OLD_SHORTS = {"igu": ("oss",), "isyeri_hekimi": ("wp",), "dsp": ("ohp",)}


def header_names(role_shorts: dict[str, Text]) -> dict[str, tuple[str, str]]:
    """Folded header name -> (role, "full_time" | "minutes") for the already-assigned columns, e.g.
    "İGU mevcut tam süreli", "İGU mevcut dk", "İGU assigned full-time", "İGU assigned minutes"; a
    role's Turkish and English short names (and those earlier versions wrote, OLD_SHORTS) are understood
    in either language."""
    names: dict[str, tuple[str, str]] = {}
    for role, short in role_shorts.items():
        for name in {fold(short["tr"]), fold(short["en"]), *OLD_SHORTS.get(role, ())}:
            for kind, words in _ASSIGNED_WORDS.items():
                for word in (*words["tr"], *words["en"]):
                    names[f"{name} {fold(word)}"] = (role, kind)
    return names


@dataclass(frozen=True)
class Layout:
    """Which cell of a line holds what: named by a header row, or by position (2 or 3 cells)."""

    unit: int | None = 0
    employees: int = 1
    physician: int | None = 2
    # The office's NACE code column and a hazard class column, when the header names them.
    code: int | None = None
    hazard: int | None = None
    # (role, "full_time" | "minutes") -> cell index
    assigned: dict[tuple[str, str], int] = field(default_factory=dict)
    named: bool = False
    # A header's cells no column is known by, as written.
    unknown: list[str] = field(default_factory=list)


def _header(cells: list[str], role_shorts: dict[str, Text]) -> Layout | None:
    """The layout a header row names, or None when the line is data (it must name the unit and the employees)."""
    assigned_names = header_names(role_shorts)
    found: dict[str, int] = {}
    assigned: dict[tuple[str, str], int] = {}
    unknown: list[str] = []
    kinds = (
        ("unit", _UNIT_NAMES),
        ("code", _CODE_NAMES),
        ("hazard", _HAZARD_NAMES),
        ("employees", _EMPLOYEE_NAMES),
        ("physician", _PHYSICIAN_NAMES),
    )
    for index, cell in enumerate(cells):
        name = fold(cell)
        if not name:
            continue
        kind = next((kind for kind, names in kinds if name in names), None)
        if kind is not None:
            found.setdefault(kind, index)
        elif name in assigned_names:
            assigned.setdefault(assigned_names[name], index)
        else:
            unknown.append(cell)
    if "employees" not in found or not {"unit", "code", "hazard"} & found.keys():
        return None
    if (
        set(found) <= {"unit", "employees", "physician"}
        and (found.get("unit"), found["employees"]) == (0, 1)
        and found.get("physician", 2) == 2
        and not assigned
        and len(unknown) + len(found) <= 3
    ):
        # "Birim; Çalışan (; Tam süreli hekim)": the positional layout with its header line.
        return Layout(unknown=unknown)
    return Layout(
        found.get("unit"),
        found["employees"],
        found.get("physician"),
        found.get("code"),
        found.get("hazard"),
        assigned,
        True,
        unknown,
    )


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _line_row(line: int, cells: list[str], layout: Layout) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """One line's row, or why the line cannot be one (a line failure)."""
    if not layout.named and len(cells) not in (2, 3):
        return {}, _bad_line(line, cells)
    if layout.named and len(cells) <= layout.employees:
        return {}, _short_line(line, cells)
    row = _row(line, cells, layout)
    if not any(row.get(key) for key in ("unit", "code", "hazard_class")):
        return {}, _no_unit(line, cells)
    if layout.assigned:
        assigned: dict[str, dict[str, str]] = {}
        for (role, kind), index in layout.assigned.items():
            assigned.setdefault(role, {})[kind] = _cell(cells, index)
        row["assigned"] = assigned
    return row, None


def read_cells(lines: Iterable[list[str]], role_shorts: dict[str, Text], line_number: Callable[[], int] | None = None) -> Parsed:
    """Rows for `batch()`, the lines that could not be read and the header's columns not read, from
    lines of cells (CSV or a sheet).

    `line_number` gives the source line of the cells just read (a CSV cell may span lines);
    by default lines are counted from 1.
    """
    rows: list[dict[str, Any]] = []
    bad: list[dict[str, Any]] = []
    ignored: list[dict[str, Any]] = []
    layout: Layout | None = None
    for count, raw in enumerate(lines, start=1):
        line = line_number() if line_number else count
        cells = [c.strip() for c in raw]
        if not any(cells):
            continue
        if layout is None:
            layout = _header(cells, role_shorts)
            if layout is not None:
                if layout.unknown:
                    ignored.append(_unknown_columns(line, layout.unknown, role_shorts))
                continue
            layout = Layout()
        if len(rows) + len(bad) >= MAX_ROWS:
            raise InvalidCsv(
                {"tr": f"CSV en çok {MAX_ROWS} satır olabilir.", "en": f"The CSV can have at most {MAX_ROWS} lines."}, field="csv"
            )
        row, failed = _line_row(line, cells, layout)
        if failed is not None:
            bad.append(failed)
        else:
            rows.append(row)
    return Parsed(rows, bad, ignored)


def _row(line: int, cells: list[str], layout: Layout) -> dict[str, Any]:
    """One line's cells as a row for `batch()`: only the columns it has (an empty cell is left out)."""
    row: dict[str, Any] = {"line": line, "employees": _cell(cells, layout.employees)}
    for key, index in (
        ("unit", layout.unit),
        ("code", layout.code),
        ("hazard_class", layout.hazard),
        ("full_time_physician", layout.physician),
    ):
        value = _cell(cells, index)
        if value:
            row[key] = value
    return row


def _no_unit(line: int, cells: list[str]) -> dict[str, Any]:
    message: Text = {
        "tr": f"{line}. satır okunamadı: birim adı, NACE kodu veya tehlike sınıfı sütunu boş.",
        "en": f"Line {line} could not be read: its unit name, NACE code or hazard class column is empty.",
    }
    return _unread(line, ",".join(cells), message)


def _unread(line: int, text: str, message: Text, error: str = "invalid_csv_line") -> dict[str, Any]:
    """A line that could not be read: where it was, what it held (cut short), and why."""
    return line_failure(line, text, error, message, "csv")


def _bad_line(line: int, cells: list[str]) -> dict[str, Any]:
    message: Text = {
        "tr": f"{line}. satır okunamadı: iki veya üç sütun olmalı (birim veya kod; çalışan sayısı; "
        f"isteğe bağlı olarak tam süreli işyeri hekimi görevlendirildi mi: evet/hayır), {len(cells)} sütun var.",
        "en": f"Line {line} could not be read: it needs two or three columns (unit or code; employees; "
        f"optionally whether a full-time workplace physician is assigned: yes/no), it has {len(cells)}.",
    }
    return _unread(line, ",".join(cells), message)


def _short_line(line: int, cells: list[str]) -> dict[str, Any]:
    message: Text = {
        "tr": f"{line}. satır okunamadı: {len(cells)} sütun var; başlık satırının birim ve çalışan sayısı sütunlarına ulaşmıyor.",
        "en": f"Line {line} could not be read: it has {len(cells)} column(s), too few to reach the header row's unit "
        "and employees columns.",
    }
    return _unread(line, ",".join(cells), message)


def _unknown_columns(line: int, names: list[str], role_shorts: dict[str, Text]) -> dict[str, Any]:
    """A header's columns that are not read (a "Sıra" or "Notlar" column, a misspelt "İGU mevcut dk"):
    said, so that nothing in them is silently taken as 0 or misread."""
    listed = ", ".join(f"“{shown(name, 40)}”" for name in names[:10])
    message: Text = {
        "tr": f"Başlık satırındaki şu sütunlar tanınmadı ve okunmadı: {listed}. Tanınan başlıklar: "
        f"{assigned_headings(role_shorts, 'tr')}.",
        "en": f"These columns of the header row were not recognised and were not read: {listed}. Recognised headers: "
        f"{assigned_headings(role_shorts, 'en')}.",
    }
    return {"line": line, "columns": [shown(name, 40) for name in names], "message": message}
