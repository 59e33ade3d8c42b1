"""`python -m calculator reconcile EXPORT`: the monthly check of İSG-KATİP's contract export
(calculator.reconcile), printed, as JSON, or written as CSV or XLSX. Exit 0: nothing to do; 1: some
workplace needs action; 2: bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from calculator import Calculator, xlsx
from calculator.batch_table import Table, to_csv
from calculator.cli_batch import read_file
from calculator.csv_batch import InvalidCsv
from calculator.reconcile import reconcile
from calculator.text import fold
from calculator.text import shown as shown_text

EXIT_ACTION = 1
EXIT_BAD_INPUT = 2

_WORDS = {
    "tr": {"workplace": "İşyeri", "class": "Tehlike sınıfı", "employees": "Çalışan", "source": "kaynak",
           "export": "dışa aktarım", "office": "kurumun sayısı",
           "awaiting": "onay bekleyen {n} sözleşme sayılmadı", "unread": "Okunmayan değerler:",
           "ended": "Sona ermiş veya iptal edilmiş sözleşme: {n}", "errors": "Okunamayan satırlar:",
           "written": "Yazıldı: {path}", "output_kind": "--output bir .csv veya .xlsx dosyası olmalı: {path}",
           "no_counts": "Çalışan sayıları dosyasında işyeri ve “Çalışan Sayısı” sütunları bulunamadı.",
           "title": "Aylık kontrol", "role": "Unvan", "required": "Gereken dk", "assigned": "Görevli dk",
           "missing": "Eksik dk", "over": "Fazla dk", "missing_full": "Eksik tam süreli", "actions": "Yapılacaklar"},
    "en": {"workplace": "Workplace", "class": "Hazard class", "employees": "Employees", "source": "source",
           "export": "the export", "office": "the office's count",
           "awaiting": "{n} contract(s) awaiting approval not counted", "unread": "Values not read:",
           "ended": "Contracts ended or cancelled: {n}", "errors": "Lines that could not be read:",
           "written": "Written: {path}", "output_kind": "--output must be a .csv or .xlsx file: {path}",
           "no_counts": "The head counts file has no workplace and “Çalışan Sayısı” columns.",
           "title": "Monthly check", "role": "Role", "required": "Required min", "assigned": "Assigned min",
           "missing": "Missing min", "over": "Over min", "missing_full": "Full-time missing", "actions": "Actions"},
}
# The head counts file's columns: the workplace (as the export names it) and the count.
_KEYS = ("hizmet alan isyeri id", "isyeri id", "sgk detsis no", "hizmet alan isyeri sgk detsis no", "unvan",
         "hizmet alan isyeri unvani")
_COUNTS = ("calisan sayisi", "hizmet alan isyeri calisan sayisi", "employees")


def lines_of(text: str) -> list[list[str]]:
    """A file's text as lines of cells: tab-separated (a sheet), else the separator that splits the first
    line into the most cells."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max(("\t", ";", ","), key=lambda d: len(first.split(d)))
    try:
        return [row for row in csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)]
    except csv.Error:
        raise InvalidCsv({"tr": "Dosya okunamadı (çok uzun bir hücre veya kapanmamış bir tırnak).",
                          "en": "The file could not be read (a cell too long, or an unclosed quote)."}, field="export") from None


def head_counts(text: str) -> dict[str, int]:
    """The office's head counts by workplace id, registry number or title."""
    rows = lines_of(text)
    header = [fold(cell) for cell in rows[0]] if rows else []
    key = next((header.index(name) for name in _KEYS if name in header), None)
    count = next((header.index(name) for name in _COUNTS if name in header), None)
    if key is None or count is None:
        raise InvalidCsv({lang: words["no_counts"] for lang, words in _WORDS.items()}, field="head_counts")
    found = {}
    for cells in rows[1:]:
        if len(cells) > max(key, count) and cells[count].strip().replace(".", "").isdigit():
            found[cells[key].strip()] = int(cells[count].strip().replace(".", ""))
    return found


def table(answer: dict[str, Any], lang: str, role_labels: dict[str, dict[str, str]]) -> Table:
    words = _WORDS[lang]
    columns = {"workplace": words["workplace"], "class": words["class"], "employees": words["employees"],
               "role": words["role"], "required": words["required"], "assigned": words["assigned"],
               "missing": words["missing"], "missing_full": words["missing_full"], "over": words["over"],
               "actions": words["actions"]}
    rows: list[dict[str, int | str]] = []
    for place in answer["workplaces"]:
        for role, figures in place["roles"].items():
            rows.append({"workplace": f"{place['id']} {place['name']}".strip(), "class": place.get("hazard_label", ""),
                         "employees": place["employees"] or "", "role": role_labels[role][lang],
                         "required": figures["required_minutes"], "assigned": figures["assigned_minutes"],
                         "missing": figures["missing_minutes"], "missing_full": figures["missing_full_time"],
                         "over": figures["over_minutes"], "actions": " ".join(place["actions"])})
    return Table(columns, ["employees", "required", "assigned", "missing", "missing_full", "over"], rows,
                 dict.fromkeys(columns, ""))


def _print(answer: dict[str, Any], lang: str) -> None:
    words = _WORDS[lang]
    print(answer["summary"])
    for place in answer["workplaces"]:
        source = words["office"] if place["employees_source"] == "office" else words["export"]
        print(f"{words['workplace']} {place['id']} {place['name']} — {place.get('hazard_label', '?')} · "
              f"{place['employees']} {words['employees'].lower()} ({words['source']}: {source})")
        if place.get("class_note"):
            print("  " + place["class_note"])
        if place.get("awaiting_approval"):
            print("  " + words["awaiting"].format(n=place["awaiting_approval"]))
        if "error" in place:
            print(f"  ! {place['error']}")
        for action in place["actions"]:
            print(f"  * {action}")
    if answer["ended"]:
        print(words["ended"].format(n=len(answer["ended"])))
    for key, entries in (("unread", answer["unread"]), ("errors", answer["errors"])):
        if entries:
            print(words[key])
            for entry in entries:
                print(f"  {entry['message']}")
    print(answer["rules"]["full_time_reading"])


def run(calculator: Calculator, export: str, lang: str, *, counts: str | None, as_json_output: bool,
        output: str | None) -> int:
    if output is not None and not output.lower().endswith((".csv", ".xlsx")):
        raise InvalidCsv({code: w["output_kind"].format(path=shown_text(output)) for code, w in _WORDS.items()},
                         field="output")
    offices = head_counts(read_file(counts)) if counts else None
    listed = {code: entry.hazard_class for code, entry in calculator.index.list_entries.items()}
    answer = reconcile(calculator.rules, lines_of(read_file(export)), lang, offices, listed)
    if output is not None:
        made = table(answer, lang, calculator.rules.role_labels)
        title = {"tr": _WORDS["tr"]["title"], "en": _WORDS["en"]["title"]}
        if output.lower().endswith(".xlsx"):
            Path(output).write_bytes(xlsx.to_xlsx(lang, made, title))
        else:
            Path(output).write_text(to_csv(lang, made), encoding="utf-8", newline="")
    if as_json_output:
        print(json.dumps(answer, ensure_ascii=False, indent=2))
    else:
        _print(answer, lang)
        if output is not None:
            print(_WORDS[lang]["written"].format(path=output))
    if answer["errors"]:
        return EXIT_BAD_INPUT
    return EXIT_ACTION if any(place["actions"] for place in answer["workplaces"]) else 0
