"""`python -m calculator batch FILE`: several units from a file, the same table the page shows.

The file is read as the page reads it (csv_batch: UTF-8, UTF-16 or Windows-1254; ";", tab or ",";
or an XLSX workbook), computed by `batch()`, and printed, written as CSV or XLSX (`--output`), or
given as JSON whose rows carry the same per-role keys as `minutes --json`. XLSX needs openpyxl
(installed with the project), imported only when a workbook is read or written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from calculator import Calculator, xlsx
from calculator.batch import BatchResult, total_dict
from calculator.batch_table import action_summary, batch_table, needs_action, to_csv
from calculator.bilingual import number
from calculator.csv_batch import InvalidCsv, Parsed, parse_rows
from calculator.errors import CalculatorError
from calculator.text import shown as shown_text
from cli.words import words

EXIT_NOT_FOUND = 1
EXIT_BAD_INPUT = 2
# A line whose unit or code is not found: "nothing found" (exit 1) when no line had worse trouble.
_NOT_FOUND = {"unknown_unit", "unknown_code"}

_WORDS = words("batch")


def read_file(path: str) -> str:
    """The file's text, whatever encoding Excel wrote it in, or an XLSX workbook's first sheet as
    tab-separated lines (the page reads both the same way); a missing file is bad input, said plainly."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        shown = shown_text(path)
        raise InvalidCsv({lang: words["no_file"].format(path=shown) for lang, words in _WORDS.items()}, field="file") from None
    return xlsx.file_text(data)[0]


def _role_summary(role: dict[str, Any], lang: str) -> str:
    words = _WORDS[lang]
    if not role["required"]:
        return words["not_required"]
    parts = [
        words["full_time"].format(n=item["count"])
        if item["kind"] == "full_time"
        else words["part_time"].format(minutes=number(item["minutes"], lang))
        for item in role["assignments"]
    ]
    return " + ".join(parts) or "0"


def as_json(result: BatchResult, lang: str, parsed: Parsed) -> dict[str, Any]:
    """{"rows": [...], "errors": [{"line", "message"}], "ignored_columns": [...], "totals": {...}}; rows as
    `minutes --json`."""
    rows = []
    errors = [{"line": bad["line"], "message": bad["error"]["message"][lang]} for bad in parsed.bad]
    for row in result.rows:
        if row.result is None:
            message = row.error["message"][lang] if row.error else ""
            errors.append({"line": row.line, "message": message})
            continue
        rows.append(
            {
                "line": row.line,
                "input": row.input,
                "unit_id": row.unit_id,
                "needs_action": needs_action(row),
                "unit": row.unit_name[lang] if row.unit_name else None,
                "code": row.code,
                "notes": [note.text[lang] for note in row.notes],
                **row.result.to_dict(),
            }
        )
    totals = {role: total_dict(t) for role, t in result.totals.items()}
    ignored = [
        {"line": notice["line"], "columns": notice["columns"], "message": notice["message"][lang]} for notice in parsed.ignored
    ]
    return {
        "rows": rows,
        "errors": sorted(errors, key=lambda e: int(e["line"])),
        "ignored_columns": ignored,
        "totals": totals,
        "employees": result.employees,
    }


def _print_row(row: dict[str, Any], lang: str, labels: dict[str, dict[str, str]]) -> None:
    words = _WORDS[lang]
    # The office's own name labels the row; then the guide's unit, then the code.
    name = shown_text(row["input"].get("unit") or row["unit"] or row["input"].get("code") or "")
    code = f" (NACE {row['code']})" if row["code"] else ""
    print(
        f"{words['line']} {row['line']}: {name}{code} — {row['hazard_label'][lang]} · "
        f"{number(row['employees'], lang)} {words['employees']}"
    )
    for role in labels:  # the data's order of roles
        print(f"  {labels[role][lang]}: {_role_summary(row[role], lang)}")
        for reason in row[role]["reasons"]:
            if reason["id"] == "coverage":
                print(f"    {reason['text'][lang]}")
    for note in row["notes"]:
        print(f"  * {note}")


def _print(result: BatchResult, lang: str, parsed: Parsed, labels: dict[str, dict[str, str]]) -> None:
    words = _WORDS[lang]
    data = as_json(result, lang, parsed)
    for notice in data["ignored_columns"]:
        print(notice["message"])
    print(action_summary(result, labels, lang))
    for row in data["rows"]:
        _print_row(row, lang, labels)
    totals = data["totals"]
    print(f"{words['total']}: {number(data['employees'], lang)} {words['employees']}")
    for role in labels:
        t = totals[role]
        print(
            f"  {labels[role][lang]}: "
            + words["full_time"].format(n=t["full_time"])
            + " + "
            + words["part_time"].format(minutes=number(t["part_time_minutes"], lang))
        )
        if "missing_minutes" in t:
            print(
                "    "
                + words["missing"].format(
                    full=number(t["missing_full_time"], lang),
                    minutes=number(t["missing_minutes"], lang),
                    over=number(t["over_minutes"], lang),
                )
            )
    if data["errors"]:
        print(words["errors"])
        for error in data["errors"]:
            print(f"  {words['line']} {error['line']}: {error['message']}")


def run(calculator: Calculator, path: str, lang: str, *, as_json_output: bool, output: str | None, class_source: str) -> int:
    if output is not None and not output.lower().endswith((".csv", ".xlsx")):
        shown = shown_text(output)
        raise CalculatorError({key: words["output_kind"].format(path=shown) for key, words in _WORDS.items()}, field="output")
    shorts = calculator.rules.role_shorts
    parsed = parse_rows(read_file(path), shorts)
    bad_lines = parsed.bad
    result = calculator.batch(parsed.rows, class_source)
    if output is not None:
        table = batch_table(result, lang, shorts, bad_lines)
        if output.lower().endswith(".xlsx"):
            Path(output).write_bytes(xlsx.to_xlsx(lang, table))
        else:
            Path(output).write_text(to_csv(lang, table), encoding="utf-8", newline="")
    if as_json_output:
        print(json.dumps(as_json(result, lang, parsed), ensure_ascii=False, indent=2))
    else:
        _print(result, lang, parsed, calculator.rules.role_labels)
        if output is not None:
            print(_WORDS[lang]["written"].format(path=output))
    codes = {row.error["error"] for row in result.rows if row.error} | {"invalid_csv_line" for _ in bad_lines}
    if not codes:
        return 0
    return EXIT_NOT_FOUND if codes <= _NOT_FOUND else EXIT_BAD_INPUT
