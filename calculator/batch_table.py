"""A batch as one table in one language: the page's rows, the downloaded CSV and XLSX, the same cells.

Columns are named after the answer's own keys ("igu.full_time", "igu.part_time_minutes",
"igu.required_minutes", and, where anything already assigned was given, "igu.missing_full_time",
"igu.missing_minutes", "igu.over_minutes"), with headings made from the roles' short names in the
data ("İGU tam süreli", "İGU part-time min").
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from calculator.batch import BatchResult, BatchRow, RoleTotal
from calculator.bilingual import Text, number
from calculator.requirements import RoleResult

# A table cell: a figure, a text, or empty ("").
Cell = int | str
TableRow = dict[str, Cell]

_FIXED: dict[str, Text] = {
    "line": {"tr": "Satır", "en": "Line"},
    "input": {"tr": "Birim", "en": "Unit"},
    "code": {"tr": "NACE kodu", "en": "NACE code"},
    "unit": {"tr": "Rehberdeki birim", "en": "Unit in the guide"},
    "hazard": {"tr": "Tehlike sınıfı", "en": "Hazard class"},
    "employees": {"tr": "Çalışan", "en": "Employees"},
}
_END: dict[str, Text] = {
    "note": {"tr": "Not", "en": "Note"},
    "error": {"tr": "Hata", "en": "Error"},
}
# Each role's figures: the answer's key and its heading after the role's short name.
FIGURES: dict[str, Text] = {
    "full_time": {"tr": "tam süreli", "en": "full-time"},
    "part_time_minutes": {"tr": "kısmi süreli dk", "en": "part-time min"},
    "required_minutes": {"tr": "aylık toplam dk", "en": "monthly total min"},
}
# The same against what is already assigned: only where the input gave it.
GAPS: dict[str, Text] = {
    "missing_full_time": {"tr": "eksik tam süreli", "en": "full-time missing"},
    "missing_minutes": {"tr": "eksik dk", "en": "min missing"},
    "over_minutes": {"tr": "fazla dk", "en": "min over"},
}
_TOTAL: Text = {"tr": "Toplam", "en": "Total"}


@dataclass(frozen=True)
class Table:
    columns: dict[str, str]
    # The columns holding figures (right-aligned, never wrapped).
    figures: list[str]
    rows: list[TableRow]
    total: TableRow
    # The columns a reader acts on, shown first (the page shows the rest on request; files keep all).
    primary: list[str] | None = None


def columns(role_shorts: dict[str, Text], with_gaps: bool, lang: str) -> dict[str, str]:
    """Every column key and its heading, in order."""
    found = {key: label[lang] for key, label in _FIXED.items()}
    for role, short in role_shorts.items():
        for key, label in [*FIGURES.items(), *(GAPS.items() if with_gaps else [])]:
            found[f"{role}.{key}"] = f"{short[lang]} {label[lang]}"
    found.update({key: label[lang] for key, label in _END.items()})
    return found


def _role_cells(role: str, figures: RoleResult | RoleTotal, with_gaps: bool) -> TableRow:
    cells: TableRow = {f"{role}.{key}": getattr(figures, key) for key in FIGURES}
    if with_gaps:
        for key in GAPS:
            value = getattr(figures, key)
            cells[f"{role}.{key}"] = "" if value is None else value
    return cells


def batch_table(
    result: BatchResult, lang: str, role_shorts: dict[str, Text], bad_lines: list[dict[str, Any]] | None = None
) -> Table:
    """Every line of a batch, in line order; a line that could not be read or computed keeps its
    place, with its message under "error"; then the total."""
    with_gaps = result.with_assigned
    keys = columns(role_shorts, with_gaps, lang)
    empty: TableRow = dict.fromkeys(keys, "")
    rows: list[TableRow] = []
    for row in result.rows:
        given = row.input
        text = str(given.get("unit") or given.get("code") or given.get("hazard_class") or "")
        outcome = row.result
        if outcome is None:
            message = row.error["message"][lang] if row.error else ""
            rows.append(
                {
                    **empty,
                    "line": row.line,
                    "input": text,
                    "code": str(given.get("code") or ""),
                    "employees": str(given.get("employees", "")),
                    "error": message,
                }
            )
            continue
        cells: TableRow = {
            **empty,
            "line": row.line,
            "input": text,
            "code": row.code or "",
            "unit": row.unit_name[lang] if row.unit_name else "",
            "hazard": outcome.hazard_label[lang],
            "employees": outcome.employees,
            "note": " ".join(note.text[lang] for note in row.notes),
        }
        for role in role_shorts:
            cells.update(_role_cells(role, outcome.roles[role], with_gaps))
        rows.append(cells)
    for bad in bad_lines or []:
        rows.append({**empty, "line": bad["line"], "input": bad["input"].get("text", ""), "error": bad["error"]["message"][lang]})
    rows.sort(key=lambda r: int(r["line"]))
    total: TableRow = {**empty, "input": _TOTAL[lang], "employees": result.employees}
    for role in role_shorts:
        total.update(_role_cells(role, result.totals[role], with_gaps))
    figures = ["employees", *[key for key in keys if "." in key]]
    acted_on = GAPS if with_gaps else FIGURES
    primary = [
        "line",
        "input",
        "code",
        "hazard",
        "employees",
        *[f"{role}.{key}" for role in role_shorts for key in acted_on if key != "over_minutes" and key != "required_minutes"],
    ]
    return Table(keys, figures, rows, total, primary)


def needs_action(row: BatchRow) -> bool:
    """Whether a computed row asks for something this month: with what is assigned given, something
    missing in any role; without it, any assignment to create."""
    if row.result is None:
        return False
    for role in row.result.roles.values():
        if role.missing_minutes is not None:
            if role.missing_minutes or role.missing_full_time:
                return True
        elif role.required and (role.full_time or role.part_time_minutes):
            return True
    return False


_SUMMARY: dict[str, dict[str, str]] = {
    "tr": {
        "gaps": "{n} / {m} birimde işlem gerekiyor.",
        "plain": "{n} / {m} birim için görevlendirme oluşturulmalı.",
        "missing": "{role}: {full} tam süreli ve {minutes} dk eksik, {over} dk fazla",
        "create": "{role}: {full} tam süreli ve {minutes} dk kısmi süreli görevlendirme oluşturulacak",
        "none": "Hiçbir birimde işlem gerekmiyor.",
    },
    "en": {
        "gaps": "{n} of {m} units need action.",
        "plain": "{n} of {m} units need assignments created.",
        "missing": "{role}: {full} full-time and {minutes} min missing, {over} min over",
        "create": "{role}: create {full} full-time and {minutes} min part-time",
        "none": "No unit needs action.",
    },
}


def action_summary(result: BatchResult, role_labels: dict[str, Text], lang: str) -> str:
    """What to do this month, in one paragraph: how many units need action and, per role, what is missing
    and over (or, with nothing assigned given, what to create)."""
    words = _SUMMARY[lang]
    computed = [row for row in result.rows if row.result is not None]
    acting = sum(1 for row in computed if needs_action(row))
    if not acting:
        return words["none"]
    gaps = result.with_assigned
    head = words["gaps" if gaps else "plain"].format(n=number(acting, lang), m=number(len(computed), lang))
    parts = []
    for role, label in role_labels.items():
        total = result.totals[role]
        if total.missing_minutes is not None:
            parts.append(
                words["missing"].format(
                    role=label[lang],
                    full=number(total.missing_full_time or 0, lang),
                    minutes=number(total.missing_minutes or 0, lang),
                    over=number(total.over_minutes or 0, lang),
                )
            )
        else:
            parts.append(
                words["create"].format(
                    role=label[lang], full=number(total.full_time, lang), minutes=number(total.part_time_minutes, lang)
                )
            )
    return f"{head} " + "; ".join(parts) + "."


# A text cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Cell) -> Cell:
    """A cell a spreadsheet shows as text: a leading quote disarms a formula a reader's input carried."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def cells(table: Table) -> list[list[Cell]]:
    """The table as a file holds it: the headings, every row, the total; no cell a formula."""
    return [list(table.columns.values()), *[[safe_cell(row[key]) for key in table.columns] for row in [*table.rows, table.total]]]


def to_csv(lang: str, table: Table) -> str:
    """The table as CSV, UTF-8 with a BOM so Excel shows Turkish letters; ";" in Turkish, as Turkish Excel reads it."""
    out = io.StringIO()
    csv.writer(out, delimiter=";" if lang == "tr" else ",", lineterminator="\r\n").writerows(cells(table))
    return "\ufeff" + out.getvalue()
