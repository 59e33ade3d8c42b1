"""Excel workbooks (XLSX) for the batch: a sheet's cells in, the table out.

openpyxl is imported only here, and only when a workbook is actually read or
written: the rest of the package keeps to the standard library, and under
Pyodide the page loads openpyxl's pure-Python files from our own site the
first time a reader uses XLSX (calculator-worker.js, on `needs_library`).
"""

from __future__ import annotations

import datetime
import io
from types import ModuleType
from typing import Any

from calculator.batch_table import Table
from calculator.bilingual import Text
from calculator.csv_batch import MAX_ROWS, InvalidCsv
from calculator.errors import CalculatorError

# Every XLSX file is a zip archive; its first bytes say so.
_ZIP_START = b"PK\x03\x04"
# Columns past this are not a unit table (a batch has at most a few dozen).
MAX_COLUMNS = 60

_SHEET_TITLE: Text = {"tr": "İSG süreleri", "en": "OHS times"}


class LibraryNeeded(CalculatorError):
    """openpyxl is not importable here: the browser's worker loads it and asks again."""

    code = "needs_library"


def is_xlsx(data: bytes) -> bool:
    return data.startswith(_ZIP_START)


def _openpyxl() -> ModuleType:
    try:
        import openpyxl  # here, when a workbook is used: never on start-up
    except ImportError:
        raise LibraryNeeded({"tr": "Excel (XLSX) desteği yüklenemedi.",
                             "en": "Excel (XLSX) support could not be loaded."}, field="xlsx") from None
    return openpyxl


def _not_a_workbook() -> InvalidCsv:
    return InvalidCsv({"tr": "Dosya bir Excel çalışma kitabı (XLSX) olarak okunamadı. Excel'de “Farklı Kaydet → "
                             "Excel Çalışma Kitabı (.xlsx)” veya “CSV UTF-8” ile yeniden kaydedin.",
                       "en": "The file could not be read as an Excel workbook (XLSX). Save it again in Excel with "
                             "“Save As → Excel Workbook (.xlsx)” or “CSV UTF-8”."}, field="csv")


def _text(value: object) -> str:
    """A cell as the text a reader sees: 1200 not 1200.0, a date as YYYY-MM-DD, empty as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def sheet_lines(data: bytes) -> list[list[str]]:
    """The first sheet's rows as cells of text (formulas as the values Excel last computed)."""
    openpyxl = _openpyxl()
    # openpyxl raises many kinds of error on a damaged or foreign file (zip, XML, key, value...):
    # to the reader they all mean one thing, said plainly.
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise _not_a_workbook() from None
    try:
        if not book.worksheets:
            raise _not_a_workbook()
        lines: list[list[str]] = []
        filled = 0
        for row in book.worksheets[0].iter_rows(values_only=True):
            cells = [_text(value) for value in row[:MAX_COLUMNS]]
            while cells and not cells[-1].strip():
                cells.pop()
            lines.append(cells)
            filled += bool(cells)
            # A header and MAX_ROWS lines, and one more so that "too many" is still said.
            if filled > MAX_ROWS + 2:
                break
        return lines
    except InvalidCsv:
        raise
    except Exception:
        raise _not_a_workbook() from None
    finally:
        book.close()


def to_xlsx(lang: str, table: Table, title: dict[str, str] | None = None) -> bytes:
    """The table as a workbook: the same cells as the CSV, figures as numbers, every text cell typed as
    text so that no reader's input is ever evaluated as a formula."""
    openpyxl = _openpyxl()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = (title or _SHEET_TITLE)[lang]
    keys = list(table.columns)
    sheet.append(list(table.columns.values()))
    for row in [*table.rows, table.total]:
        sheet.append([_typed(row[key]) for key in keys])
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a string, whatever it starts with (OWASP's advice for "=", "+", "-", "@")
    bold = openpyxl.styles.Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    sheet.freeze_panes = "A2"
    for index, key in enumerate(keys, start=1):
        width = 10 if key in table.figures or key == "line" else 28
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = width
    book.properties.title = (title or _SHEET_TITLE)[lang]
    book.properties.language = lang
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _typed(value: Any) -> Any:
    return value if value != "" else None
