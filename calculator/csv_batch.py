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
from typing import Any

from calculator.batch import BatchResult
from calculator.bilingual import Text
from calculator.errors import CalculatorError

# The most rows one paste or file may hold: far above any institution's
# unit count, low enough to keep the page responsive.
MAX_ROWS = 5000

_HEADERS = {"unit", "birim", "code", "kod", "nace", "nace kodu", "hazard", "tehlike sinifi", "tehlike sınıfı",
            "employees", "calisan", "çalışan", "calisan sayisi", "çalışan sayısı"}


class InvalidCsv(CalculatorError):
    code = "invalid_csv"


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if first.count(";") > first.count(",") else ","


def parse_rows(text: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows for `batch()` (each with its line number), and the lines that could not be read."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidCsv({"tr": "CSV boş: her satıra bir birim ve çalışan sayısı yazın.",
                          "en": "The CSV is empty: write one unit and its number of employees on each line."}, field="csv")
    rows: list[dict[str, Any]] = []
    bad: list[dict[str, Any]] = []
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=_delimiter(text))
    for line, cells in enumerate(reader, start=1):
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if line == 1 and {c.lower() for c in cells if c} <= _HEADERS:
            continue
        if len(rows) + len(bad) >= MAX_ROWS:
            raise InvalidCsv({"tr": f"CSV en çok {MAX_ROWS} satır olabilir.",
                              "en": f"The CSV can have at most {MAX_ROWS} lines."}, field="csv")
        if len(cells) != 2:
            message: Text = {
                "tr": f"{line}. satır okunamadı: iki sütun olmalı (birim veya kod; çalışan sayısı), {len(cells)} sütun var.",
                "en": f"Line {line} could not be read: it needs two columns (unit or code; employees), it has {len(cells)}.",
            }
            bad.append({"line": line, "input": {"text": ",".join(cells)[:100]},
                        "error": {"error": "invalid_csv_line", "field": "csv", "message": message}})
            continue
        rows.append({"line": line, "unit": cells[0], "employees": cells[1]})
    return rows, bad


_COLUMNS: dict[str, Text] = {
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
    "error": {"tr": "Hata", "en": "Error"},
}
_TOTAL: Text = {"tr": "Toplam", "en": "Total"}


def to_csv(result: BatchResult, lang: str, bad_lines: list[dict[str, Any]] | None = None) -> str:
    """The results as CSV, UTF-8 with a BOM so Excel shows Turkish letters."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if lang == "tr" else ",", lineterminator="\r\n")
    writer.writerow([label[lang] for label in _COLUMNS.values()])
    rows = sorted([*(row.to_dict(summary=True) for row in result.rows), *(bad_lines or [])], key=lambda r: r["line"])
    for row in rows:
        given = row["input"]
        text = given.get("unit") or given.get("code") or given.get("hazard_class") or given.get("text", "")
        outcome = row.get("result")
        if outcome is None:
            writer.writerow([row["line"], text, "", "", given.get("employees", ""), *[""] * 7, row["error"]["message"][lang]])
            continue
        name = (row.get("unit_name") or {}).get(lang, "")
        writer.writerow([
            row["line"], text, name, outcome["hazard_label"][lang], outcome["employees"],
            outcome["igu"]["required_minutes"], outcome["igu"]["full_time"], outcome["igu"]["part_time_minutes"],
            outcome["isyeri_hekimi"]["required_minutes"], outcome["isyeri_hekimi"]["full_time"],
            outcome["isyeri_hekimi"]["part_time_minutes"], outcome["dsp"]["required_minutes"], "",
        ])
    totals = result.totals
    writer.writerow([
        "", _TOTAL[lang], "", "", result.employees,
        totals["igu"].required_minutes, totals["igu"].full_time, totals["igu"].part_time_minutes,
        totals["isyeri_hekimi"].required_minutes, totals["isyeri_hekimi"].full_time,
        totals["isyeri_hekimi"].part_time_minutes, totals["dsp"].required_minutes, "",
    ])
    return "\ufeff" + out.getvalue()
