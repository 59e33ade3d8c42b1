"""`python -m calculator reconcile EXPORT`: the monthly check of İSG-KATİP's contract export
(calculator.reconcile), printed, as JSON, or written as CSV or XLSX. Exit 0: nothing to do; 1: some
workplace needs action; 2: bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from calculator import Calculator, xlsx
from calculator.batch_table import to_csv
from calculator.csv_batch import InvalidCsv
from calculator.reconcile import TITLE, head_counts, lines_of, reconcile, table
from calculator.text import shown as shown_text
from cli.batch import read_file
from cli.words import words

EXIT_ACTION = 1
EXIT_BAD_INPUT = 2

_WORDS = words("reconcile")


def _print(answer: dict[str, Any], lang: str) -> None:
    words = _WORDS[lang]
    print(answer["summary"])
    for place in answer["workplaces"]:
        source = words["office"] if place["employees_source"] == "office" else words["export"]
        print(
            f"{words['workplace']} {place['id']} {place['name']} — {place.get('hazard_label', '?')} · "
            f"{place['employees']} {words['employees'].lower()} ({words['source']}: {source})"
        )
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


def run(calculator: Calculator, export: str, lang: str, *, counts: str | None, as_json_output: bool, output: str | None) -> int:
    if output is not None and not output.lower().endswith((".csv", ".xlsx")):
        raise InvalidCsv({code: w["output_kind"].format(path=shown_text(output)) for code, w in _WORDS.items()}, field="output")
    offices = head_counts(read_file(counts)) if counts else None
    listed = {code: entry.hazard_class for code, entry in calculator.index.list_entries.items()}
    answer = reconcile(calculator.rules, lines_of(read_file(export)), lang, offices, listed)
    if output is not None:
        made = table(answer, lang, calculator.rules.role_labels)
        if output.lower().endswith(".xlsx"):
            Path(output).write_bytes(xlsx.to_xlsx(lang, made, TITLE))
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
