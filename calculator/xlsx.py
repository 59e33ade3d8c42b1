"""Excel workbooks (XLSX) for the batch: a sheet's cells in, the table out.

openpyxl is imported only here, and only when a workbook is actually read or
written: the rest of the package keeps to the standard library, and under
Pyodide the page loads openpyxl's pure-Python files from our own site the
first time a reader uses XLSX (calculator-worker.js, on `needs_library`).
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from types import ModuleType
from typing import Any

from calculator.batch_table import Table
from calculator.bilingual import Text
from calculator.csv_batch import InvalidCsv, cells_text, decode
from calculator.errors import CalculatorError

# Every XLSX file is a zip archive; its first bytes say so.
_ZIP_START = b"PK\x03\x04"
# Columns past this are not a unit table (a batch has at most a few dozen).
MAX_COLUMNS = 60
# The largest file a reader may load (a few thousand lines, even as UTF-16), and the most a workbook's
# parts may unpack to (a 5,000-line sheet is a few MB).
MAX_FILE_BYTES = 4_000_000
# The most lines a sheet is read for: İSG-KATİP's contract export (reconcile.MAX_CONTRACTS); the
# batch refuses more than its own MAX_ROWS.
MAX_LINES = 50_000
MAX_UNPACKED = 64_000_000

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
        raise LibraryNeeded(
            {"tr": "Excel (XLSX) desteği yüklenemedi.", "en": "Excel (XLSX) support could not be loaded."}, field="xlsx"
        ) from None
    return openpyxl


def _not_a_workbook() -> InvalidCsv:
    return InvalidCsv(
        {
            "tr": "Dosya bir Excel çalışma kitabı (XLSX) olarak okunamadı. Excel'de “Farklı Kaydet → "
            "Excel Çalışma Kitabı (.xlsx)” veya “CSV UTF-8” ile yeniden kaydedin.",
            "en": "The file could not be read as an Excel workbook (XLSX). Save it again in Excel with "
            "“Save As → Excel Workbook (.xlsx)” or “CSV UTF-8”.",
        },
        field="csv",
    )


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


def file_text(data: bytes) -> tuple[str, str]:
    """A file's text and its kind ("xlsx" or "text"): an XLSX workbook's first sheet as tab-separated
    lines (as cells pasted from Excel are), any other file decoded as Excel writes text. A file over
    MAX_FILE_BYTES is refused, named as what it is."""
    kind = "xlsx" if is_xlsx(data) else "text"
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1_000_000
        what = (
            {"tr": "Excel dosyası (XLSX)", "en": "The Excel file (XLSX)"} if kind == "xlsx" else {"tr": "Dosya", "en": "The file"}
        )
        raise InvalidCsv(
            {
                "tr": f"{what['tr']} çok büyük: en çok {limit} MB olabilir.",
                "en": f"{what['en']} is too large: it can be at most {limit} MB.",
            },
            field="csv",
        )
    text = cells_text(sheet_lines(data)) if kind == "xlsx" else decode(data)
    if not text.strip():
        # Said of what the reader chose, at once (not later as "the CSV is empty").
        raise InvalidCsv(
            {"tr": "Excel dosyasının ilk sayfasında dolu hücre yok.", "en": "The Excel file's first sheet has no filled cells."}
            if kind == "xlsx"
            else {"tr": "Seçilen dosya boş.", "en": "The chosen file is empty."},
            field="csv",
        )
    return text, kind


def _check_unpacked(data: bytes) -> None:
    """Refuses a workbook whose parts unpack to more than MAX_UNPACKED bytes (a "zip bomb"), before any
    is inflated: their sizes are in the archive's directory, and Python's zipfile inflates none past them."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _not_a_workbook() from None
    if unpacked > MAX_UNPACKED:
        raise InvalidCsv(
            {
                "tr": f"Excel dosyası açıldığında {MAX_UNPACKED // 1_000_000} MB'tan büyük: bir birim listesi "
                "olamaz. Listeyi yeni bir çalışma kitabına kopyalayıp kaydedin.",
                "en": f"The Excel file unpacks to more than {MAX_UNPACKED // 1_000_000} MB: that is no unit "
                "list. Copy the list into a new workbook and save that.",
            },
            field="csv",
        )


def sheet_lines(data: bytes) -> list[list[str]]:
    """The first sheet's rows as cells of text (formulas as the values Excel last computed)."""
    _check_unpacked(data)
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
        sheet = book.worksheets[0]
        # Read every row, whatever the sheet's <dimension> claims (read-only mode trusts it otherwise).
        sheet.reset_dimensions()
        for row in sheet.iter_rows(values_only=True):
            cells = [_text(value) for value in row[:MAX_COLUMNS]]
            while cells and not cells[-1].strip():
                cells.pop()
            lines.append(cells)
            filled += bool(cells)
            # A header and the most lines any list may hold (an export's contracts), and one more so that
            # "too many" is still said.
            if filled > MAX_LINES + 2:
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
        sheet.append([_typed(row[key], openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE) for key in keys])
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


def _typed(value: Any, illegal: re.Pattern[str]) -> Any:
    """A cell's value for the workbook: empty as no value; a text without the control characters XML
    cannot hold (a reader's pasted U+000B), which openpyxl refuses."""
    if value == "":
        return None
    return illegal.sub("", value) if isinstance(value, str) else value
