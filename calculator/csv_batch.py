"""Several units from a CSV file, and the results back as CSV.

Reading and writing the CSV lives here, not in the page's JavaScript, so
the browser and the tests share one tested implementation. The file is
what a reader exports from Excel: comma- or semicolon-separated, with or
without a header row, columns "unit name or NACE code or hazard class" and
"employees".
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from typing import Any, Protocol

from calculator.batch import BatchResult
from calculator.bilingual import Text
from calculator.errors import CalculatorError

# The most rows one paste or file may hold: far above any institution's
# unit count, low enough to keep the page responsive.
MAX_ROWS = 5000
# The most characters one paste or file may hold (5,000 lines of long names fit many times over).
MAX_TEXT = 2_000_000

_HEADERS = {"unit", "birim", "code", "kod", "nace", "nace kodu", "hazard", "tehlike sinifi", "tehlike sınıfı",
            "employees", "calisan", "çalışan", "calisan sayisi", "çalışan sayısı",
            "full-time physician", "tam süreli hekim", "tam sureli hekim", "tam süreli işyeri hekimi"}


class InvalidCsv(CalculatorError):
    code = "invalid_csv"


# Separators a spreadsheet writes: Turkish Excel's ";", a paste from Excel's tab, and ",".
_DELIMITERS = (";", "\t", ",")
# How many lines the separator is judged on: enough for any mix, few enough to stay quick.
_SNIFFED_LINES = 200
_COUNT = re.compile(r"\s*[0-9][0-9. \u00a0\u202f]*\s*")


def _delimiter(text: str) -> str:
    """The separator that reads the most lines as "unit; a number (; yes/no)", judged on the whole file.

    Guessing from the first line alone let one comma in a unit's name ("kimya, biyoloji") break every
    line of a ";" file. Quoted cells are honoured while judging, as when reading.
    """
    lines = list(itertools.islice((line for line in text.splitlines() if line.strip()), _SNIFFED_LINES))

    def score(delimiter: str) -> int:
        rows = csv.reader(lines, delimiter=delimiter)
        try:
            return sum(1 for cells in rows if len(cells) in (2, 3) and _COUNT.fullmatch(cells[1]))
        except csv.Error:
            return -1

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


def parse_rows(text: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows for `batch()` (each with its line number), and the lines that could not be read."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidCsv({"tr": "CSV boş: her satıra bir birim ve çalışan sayısı yazın.",
                          "en": "The CSV is empty: write one unit and its number of employees on each line."}, field="csv")
    if len(text) > MAX_TEXT:
        raise InvalidCsv({"tr": f"CSV çok büyük: en çok {MAX_TEXT // 1_000_000} milyon karakter olabilir.",
                          "en": f"The CSV is too large: it can have at most {MAX_TEXT // 1_000_000} million characters."},
                         field="csv")
    # Old Mac files end lines with a lone CR, which the csv module refuses outside quotes.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=_delimiter(text))
    try:
        return _read(reader)
    except csv.Error:
        # The reader stops at a cell longer than its limit or a broken quote: say which line.
        line = reader.line_num
        raise InvalidCsv({"tr": f"CSV'nin {line}. satırı okunamadı (çok uzun bir hücre veya kapanmamış bir tırnak).",
                          "en": f"Line {line} of the CSV could not be read (a cell too long, or an unclosed quote)."},
                         field="csv") from None


def _read(reader: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    bad: list[dict[str, Any]] = []
    for line, cells in enumerate(reader, start=1):
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if line == 1 and {c.lower() for c in cells if c} <= _HEADERS:
            continue
        if len(rows) + len(bad) >= MAX_ROWS:
            raise InvalidCsv({"tr": f"CSV en çok {MAX_ROWS} satır olabilir.",
                              "en": f"The CSV can have at most {MAX_ROWS} lines."}, field="csv")
        if len(cells) not in (2, 3):
            message: Text = {
                "tr": f"{line}. satır okunamadı: iki veya üç sütun olmalı (birim veya kod; çalışan sayısı; "
                      f"isteğe bağlı olarak tam süreli işyeri hekimi görevlendirildi mi: evet/hayır), {len(cells)} sütun var.",
                "en": f"Line {line} could not be read: it needs two or three columns (unit or code; employees; "
                      f"optionally whether a full-time workplace physician is assigned: yes/no), it has {len(cells)}.",
            }
            bad.append({"line": line, "input": {"text": ",".join(cells)[:100]},
                        "error": {"error": "invalid_csv_line", "field": "csv", "message": message}})
            continue
        row: dict[str, Any] = {"line": line, "unit": cells[0], "employees": cells[1]}
        if len(cells) == 3:
            row["full_time_physician"] = cells[2]
        rows.append(row)
    return rows, bad


# The table's columns, in order, with their headings.
COLUMNS: dict[str, Text] = {
    "line": {"tr": "Satır", "en": "Line"},
    "input": {"tr": "Girdi", "en": "Input"},
    "unit": {"tr": "Birim", "en": "Unit"},
    "hazard": {"tr": "Tehlike sınıfı", "en": "Hazard class"},
    "employees": {"tr": "Çalışan", "en": "Employees"},
    "igu": {"tr": "İGU dakika", "en": "OSS minutes"},
    "igu_full": {"tr": "İGU tam süreli", "en": "OSS full-time"},
    "igu_part": {"tr": "İGU kısmi süreli dakika", "en": "OSS part-time minutes"},
    "ih": {"tr": "İH dakika", "en": "WP minutes"},
    "ih_full": {"tr": "İH tam süreli", "en": "WP full-time"},
    "ih_part": {"tr": "İH kısmi süreli dakika", "en": "WP part-time minutes"},
    "dsp": {"tr": "DSP dakika", "en": "OHP minutes"},
    "note": {"tr": "Not", "en": "Note"},
    "error": {"tr": "Hata", "en": "Error"},
}
_TOTAL: Text = {"tr": "Toplam", "en": "Total"}

# A table cell: a figure, a text, or empty ("").
Cell = int | str
TableRow = dict[str, Cell]


class _RoleFigures(Protocol):
    """A role's figures: one unit's (RoleResult) or a batch's totals (RoleTotal)."""

    @property
    def required_minutes(self) -> int: ...
    @property
    def full_time(self) -> int: ...
    @property
    def part_time_minutes(self) -> int: ...


def _row(cells: list[Cell]) -> TableRow:
    return dict(zip(COLUMNS, cells, strict=True))


def _role_cells(safety: _RoleFigures, physician: _RoleFigures, dsp: _RoleFigures) -> list[Cell]:
    """The role columns: the specialist's and the physician's minutes, full-time count and
    part-time minutes, then DSP's minutes."""
    return [safety.required_minutes, safety.full_time, safety.part_time_minutes,
            physician.required_minutes, physician.full_time, physician.part_time_minutes, dsp.required_minutes]


def table_rows(result: BatchResult, lang: str, bad_lines: list[dict[str, Any]] | None = None) -> list[TableRow]:
    """Every line of a batch as the page's table and the CSV show it, in one language, in line order.

    A line that could not be read or computed keeps its place, with its message under "error".
    """
    rows: list[TableRow] = []
    for row in result.rows:
        given = row.input
        text = str(given.get("unit") or given.get("code") or given.get("hazard_class") or "")
        outcome = row.result
        if outcome is None:
            message = row.error["message"][lang] if row.error else ""
            rows.append(_error_row(row.line, text, given.get("employees", ""), message))
            continue
        roles = outcome.roles
        rows.append(_row([
            row.line, text, row.unit_name[lang] if row.unit_name else "", outcome.hazard_label[lang], outcome.employees,
            *_role_cells(roles["igu"], roles["isyeri_hekimi"], roles["dsp"]),
            " ".join(note.text[lang] for note in row.notes), "",
        ]))
    for bad in bad_lines or []:
        rows.append(_error_row(bad["line"], bad["input"].get("text", ""), "", bad["error"]["message"][lang]))
    return sorted(rows, key=lambda r: int(r["line"]))


def _error_row(line: int, text: str, employees: object, message: str) -> TableRow:
    return _row([line, text, "", "", str(employees), *[""] * 8, message])


def total_row(result: BatchResult, lang: str) -> TableRow:
    totals = result.totals
    return _row(["", _TOTAL[lang], "", "", result.employees,
                 *_role_cells(totals["igu"], totals["isyeri_hekimi"], totals["dsp"]), "", ""])


# A text cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Cell) -> Cell:
    """A cell a spreadsheet shows as text: a leading quote disarms a formula a reader's input carried."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(lang: str, rows: list[TableRow], total: TableRow) -> str:
    """The table as CSV, UTF-8 with a BOM so Excel shows Turkish letters; no cell is read as a formula."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if lang == "tr" else ",", lineterminator="\r\n")
    writer.writerow([label[lang] for label in COLUMNS.values()])
    writer.writerows([safe_cell(row[key]) for key in COLUMNS] for row in [*rows, total])
    return "\ufeff" + out.getvalue()
