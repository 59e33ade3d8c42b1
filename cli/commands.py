"""Command line: `python -m calculator minutes ...`, `... batch FILE`, `... plan --units U --staff S` and `... lookup ...`.

Bad input ends with exit status 2 and one line in the chosen language,
never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from calculator import Calculator
from calculator.bilingual import number
from calculator.errors import CalculatorError
from calculator.lookup import NOT_FOUND_HELP, LookupResult, Suggestion, UnitMatch
from calculator.plain import plain
from calculator.reasons import Reason
from calculator.requirements import Requirements, add_code
from calculator.resolve import CLASS_SOURCES, Resolved, resolve
from calculator.text import shown as shown_text
from cli import batch as cli_batch
from cli import plan as cli_plan
from cli import reconcile as cli_reconcile
from cli.words import words

EXIT_NOT_FOUND = 1
EXIT_BAD_INPUT = 2
EXIT_BROKEN_DATA = 3

_WORDS = words("commands")


def _language(argv: Sequence[str]) -> str:
    """The --lang value, read before parsing so parse errors are in it too."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in _WORDS:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in _WORDS:
            return arg.split("=", 1)[1]
    return "tr"


# argparse's own messages (English, from its source) said in Turkish; what they quote is cut to one
# short line. A message not listed is not echoed in English on a Turkish run: the usage line says it.
_ARGPARSE_TR = [
    (re.compile(r"the following arguments are required: (.+)"), "şu bilgiler eksik: {0}"),
    (re.compile(r"unrecognized arguments: (.+)"), "tanınmayan bilgi: {0}"),
    (re.compile(r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)"), "{0} için geçersiz seçim: {1} (seçenekler: {2})"),
    (re.compile(r"argument (\S+): expected one argument"), "{0} bir değer bekliyor"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), "{0}, {1} ile birlikte kullanılamaz"),
    (re.compile(r"one of the arguments (.+) is required"), "şunlardan biri gerekli: {0}"),
    (re.compile(r"argument (\S+): ignored explicit argument (.+)"), "{0} değer almaz: {1}"),
]


def _argparse_message(message: str, lang: str) -> str:
    if lang == "en":
        return shown_text(message, 160)
    for pattern, turkish in _ARGPARSE_TR:
        found = pattern.fullmatch(message.strip())
        if found:
            # argparse names the sub-command by its dest, "command".
            return turkish.format(*("komut" if g == "command" else shown_text(g, 60) for g in found.groups()))
    return "komut biçimi hatalı"


class _Parser(argparse.ArgumentParser):
    lang = "tr"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # "--lan en" must not pass for "--lang en": a long option is written out in full.
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        words = _WORDS[self.lang]
        detail = _argparse_message(message, self.lang)
        print(f"{words['error']}: {words['usage'].format(detail=detail)}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def _table_options(command: argparse.ArgumentParser, what: str) -> None:
    """--output and --class-source, as batch and plan both take them."""
    command.add_argument("--output", default=None, help=f"also write {what} to this .csv or .xlsx file")
    command.add_argument(
        "--class-source",
        choices=CLASS_SOURCES,
        default="higher",
        help="where the guide and the NACE list disagree: higher (default), guide or list",
    )


def _parser(lang: str) -> _Parser:
    _Parser.lang = lang
    parser = _Parser(prog="python -m calculator", description="İSG-KATİP guide: OHS working times and NACE look-up.")
    commands = parser.add_subparsers(dest="command", required=True)
    minutes = commands.add_parser("minutes", help="minimum monthly minutes per role")
    which = minutes.add_mutually_exclusive_group(required=True)
    which.add_argument("--hazard", help="az | tehlikeli | cok (or az_tehlikeli, çok tehlikeli...)")
    which.add_argument("--unit", help="a unit name of the guide, or any NACE code (its class is looked up)")
    minutes.add_argument(
        "--class-source",
        choices=CLASS_SOURCES,
        default="higher",
        help="with --unit, where the guide and the NACE list disagree: the higher class (default, "
        "protects the worker), the guide's, or the list's",
    )
    minutes.add_argument("--employees", required=True, help="number of employees (1 to 1,000,000)")
    minutes.add_argument(
        "--assigned",
        action="append",
        default=[],
        metavar="ROLE=MINUTES",
        help="part-time minutes already assigned to a role (igu, isyeri_hekimi, dsp); repeatable",
    )
    minutes.add_argument(
        "--assigned-full-time",
        action="append",
        default=[],
        metavar="ROLE=COUNT",
        help="full-time professionals already assigned to a role; repeatable",
    )
    minutes.add_argument(
        "--full-time-physician",
        action="store_true",
        help="a full-time workplace physician is assigned (then other health personnel are not required)",
    )
    batch = commands.add_parser("batch", help="several units from a CSV or text file (as the page's batch)")
    batch.add_argument(
        "file",
        help="lines of: unit name, NACE code or class; employees; optionally yes/no "
        "for a full-time physician (';', tab or ','; UTF-8, UTF-16 or Windows-1254)",
    )
    _table_options(batch, "the table")
    staffing = commands.add_parser("plan", help="a staffing plan: who is assigned where, and what is short")
    staffing.add_argument("--units", required=True, help="the units, as for batch (CSV, text or XLSX)")
    staffing.add_argument(
        "--staff",
        required=True,
        help="the professionals: name; role (igu, isyeri_hekimi, dsp); certificate class (A/B/C, "
        "safety specialists only); available minutes a month; full-time (yes/no)",
    )
    _table_options(staffing, "the plan")
    monthly = commands.add_parser("reconcile", help="the monthly check of İSG-KATİP's contract export")
    monthly.add_argument("export", help="İSG-KATİP's İSG Hizmet Sözleşmeleri export (XLSX, or the same table as CSV)")
    monthly.add_argument(
        "--head-counts",
        default=None,
        help="this month's head counts: a workplace column (Hizmet Alan İşyeri ID, SGK/DETSİS No or "
        "Unvan) and Çalışan Sayısı; a count above the export's governs",
    )
    monthly.add_argument("--output", default=None, help="also write the check to this .csv or .xlsx file")
    lookup = commands.add_parser("lookup", help="find a unit's NACE code and hazard class")
    lookup.add_argument("query", help="a unit name or a NACE code (43.22.06, or 43.22 for every code under it)")
    for sub in (minutes, batch, staffing, monthly, lookup):
        sub.add_argument("--json", action="store_true", help="print JSON")
        sub.add_argument("--lang", choices=sorted(_WORDS), default="tr", help="language of the output")
        sub.add_argument("--on", default=None, help="apply the rules in force on this date (YYYY-MM-DD; default: today)")
        sub.add_argument("--data", default=None, help="folder of the data files (default: the project's data/)")
    return parser


def _flag(reason: Reason, words: dict[str, str]) -> str:
    """How well a reason's source is known, where it is less than the law's own text."""
    return f" [{words[reason.confidence]}]" if reason.confidence != "primary" else ""


def _print_requirements(result: Requirements, lang: str, code: str | None = None) -> None:
    words = _WORDS[lang]
    header = f"{result.hazard_label[lang]} · {number(result.employees, lang)} {words['employees']}"
    print(" · ".join([header, *(line[lang] for line in result.header)]))
    # The answer first, a line per role, as the page shows it.
    print(words["answer"])
    for role in result.roles.values():
        print(f"  {role.label[lang]}: {role.answer[lang]}")
    for notice in [*result.notices, *result.duties]:
        print(f"{words['note']}: {notice.text[lang]}{_flag(notice, words)}")
        if notice.source:
            print(f"  {words['source']}: {notice.source.text[lang]}")
    for role in result.roles.values():
        print()
        if not role.required:
            print(f"{role.label[lang]}: {words['not_required']}")
        else:
            print(f"{role.label[lang]}: {words['per_employee'].format(rate=role.minutes_per_employee)}")
            print("  " + words["monthly"].format(minutes=number(role.required_minutes, lang), hm=role.required_hm))
            print("  " + words["to_create"])
            for line in role.assignment_texts:
                print(f"    * {line[lang]}")
            rows = [*role.form[:1], *([{"label": "NACE KODU", "value": code}] if code else []), *role.form[1:]]
            form = ", ".join(
                f"{row['label']} = {row['value'] if isinstance(row['value'], str) else number(row['value'], lang)}"
                for row in rows
            )
            print("  " + words["form"].format(form=form))
            if role.certificate_classes:
                print("  " + words["certificates"].format(classes=", ".join(role.certificate_classes)))
        for reason in role.reasons:
            print(f"  - {reason.text[lang]}{_flag(reason, words)}")
            if reason.source:
                print(f"    {words['source']}: {reason.source.text[lang]}")


def _print_unit(unit: UnitMatch, calculator: Calculator, lang: str) -> None:
    words = _WORDS[lang]
    labels = calculator.rules.hazard_classes
    print(f"{unit.name[lang]} — {unit.group[lang]}")
    for entry in unit.codes:
        line = f"  {entry.code:<9} {labels[entry.hazard_class].label[lang]}"
        others = [labels[c].label[lang] for c in entry.guide_classes if c != entry.hazard_class]
        if others:
            line += f"  ({words['also_given'].format(classes=' / '.join(others))})"
        if entry.disagreement and entry.list_class is not None:
            line += f"  ({words['list_differs'].format(hazard=labels[entry.list_class].label[lang])})"
        print(line)
    for note in unit.notes:
        print(f"  {words['note']}: {note[lang]}")


SHOWN_LIST = 15


def _print_list(result: LookupResult, calculator: Calculator, lang: str) -> None:
    words = _WORDS[lang]
    labels = calculator.rules.hazard_classes
    print(words["in_list"])
    for entry in result.list_entries[:SHOWN_LIST]:
        print(f"  {entry.code}  {labels[entry.hazard_class].label[lang]:<15} {entry.title_tr}")
        if lang == "en" and entry.title_en:
            print(f"  {'':8}  {'':<15} {words['class_title'].format(title=entry.title_en, code=entry.code[:5])}")
    if len(result.list_entries) > SHOWN_LIST:
        print("  " + words["more_in_list"].format(n=len(result.list_entries) - SHOWN_LIST))


def _print_names(suggestions: list[Suggestion], calculator: Calculator, lang: str) -> None:
    """The everyday names found: each with its codes, their classes and titles, and the notice once."""
    labels = calculator.rules.hazard_classes
    print(_WORDS[lang]["by_name"])
    for suggestion in suggestions:
        print(f"  {' · '.join(suggestion.names[lang])}")
        for code in suggestion.codes:
            print(f"    {code.code}  {labels[code.hazard_class].label[lang]:<15} {code.title_tr}")
        if suggestion.note:
            print(f"    {_WORDS[lang]['note']}: {suggestion.note[lang]}")
    print(f"  {suggestions[0].notice[lang]}")


def _print_not_in_guide(result: LookupResult, calculator: Calculator, lang: str) -> None:
    """What is said of a query no unit of the guide matches: nothing found (with what to try next), or
    the units nearby."""
    words = _WORDS[lang]
    if not result.list_entries and result.change is None and not result.suggestions:
        key = "not_found" if result.kind == "name" else "code_not_found"
        print(words[key].format(query=result.query.strip()))
        if result.nearest:
            print(f"{NOT_FOUND_HELP['nearest'][lang]} {', '.join(result.nearest)}")
        if result.kind == "name":
            print(NOT_FOUND_HELP["next"][lang])
    if result.nearby:
        print(words["nearby"])
        for unit in result.nearby:
            _print_unit(unit, calculator, lang)


def _print_guide(result: LookupResult, calculator: Calculator, lang: str) -> None:
    """The guide's units and the everyday names found, the better group first, a blank line between any two."""
    blocks: list[UnitMatch | None] = list(result.matches)  # None: the everyday names
    if result.suggestions:
        blocks.insert(0 if result.suggestions_first else len(blocks), None)
    for i, block in enumerate(blocks):
        if i:
            print()
        if block is None:
            _print_names(result.suggestions, calculator, lang)
        else:
            _print_unit(block, calculator, lang)


def _print_lookup(result: LookupResult, calculator: Calculator, lang: str) -> int:
    words = _WORDS[lang]
    query = result.query.strip()
    if result.change is not None:
        print(result.change.message[lang])
    if not result.matches:
        _print_not_in_guide(result, calculator, lang)
    _print_guide(result, calculator, lang)
    if result.list_entries:
        if result.matches or result.suggestions:
            print()
        _print_list(result, calculator, lang)
    elif result.listed is False and result.kind == "code" and result.change is None:
        print(words["not_listed"].format(query=query))
    return 0 if result.matches or result.suggestions or result.list_entries else EXIT_NOT_FOUND


def _print_resolved(resolved: Resolved, query: str, calculator: Calculator, lang: str) -> None:
    words = _WORDS[lang]
    if resolved.summary:
        # The unit, its code(s), the class used and where it came from, as the page prints it.
        print(resolved.summary[lang])
    else:
        hazard = calculator.rules.hazard_label(resolved.hazard_class)[lang]
        print(words["unit_class"].format(unit=query, hazard=hazard, source=words["source_given"]))
    for note in resolved.notes:
        print(f"  {words['note']}: {note.text[lang]}")
    print()


def _assigned(minutes: list[str], full_time: list[str]) -> dict[str, dict[str, str]] | None:
    """--assigned igu=500 --assigned-full-time igu=1 -> {"igu": {"minutes": "500", "full_time": "1"}}."""
    found: dict[str, dict[str, str]] = {}
    for key, values in (("minutes", minutes), ("full_time", full_time)):
        for value in values:
            role, sep, amount = value.partition("=")
            if not sep or not role.strip():
                shown = shown_text(value)
                raise CalculatorError(
                    {key: words["assigned_syntax"].format(value=shown) for key, words in _WORDS.items()}, field="assigned"
                )
            found.setdefault(role.strip(), {})[key] = amount
    return found or None


def _as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _minutes(args: argparse.Namespace, calculator: Calculator, lang: str) -> int:
    resolved = None
    hazard = args.hazard
    if args.unit is not None:
        resolved = resolve(calculator.rules, calculator.index, {"unit": args.unit}, args.class_source)
        hazard = resolved.hazard_class
    assigned = _assigned(args.assigned, args.assigned_full_time)
    result = calculator.requirements(hazard, args.employees, args.full_time_physician, assigned)
    code = resolved.code if resolved is not None else None
    if args.json:
        data = result.to_dict()
        add_code(data, code)
        if resolved is not None:
            data["resolved"] = plain(resolved)
        print(_as_json(data))
        return 0
    if resolved is not None:
        _print_resolved(resolved, args.unit, calculator, lang)
    _print_requirements(result, lang, code)
    return 0


def _lookup(args: argparse.Namespace, calculator: Calculator, lang: str) -> int:
    found = calculator.lookup(args.query)
    if args.json:
        print(_as_json(plain(found)))
        return 0 if found.matches or found.suggestions or found.list_entries else EXIT_NOT_FOUND
    return _print_lookup(found, calculator, lang)


# Each command and what runs it, with the calculator made for the date asked.
_COMMANDS: dict[str, Callable[[argparse.Namespace, Calculator, str], int]] = {
    "minutes": _minutes,
    "lookup": _lookup,
    "batch": lambda args, calculator, lang: cli_batch.run(
        calculator, args.file, lang, as_json_output=args.json, output=args.output, class_source=args.class_source
    ),
    "plan": lambda args, calculator, lang: cli_plan.run(
        calculator, args.units, args.staff, lang, as_json_output=args.json, output=args.output, class_source=args.class_source
    ),
    "reconcile": lambda args, calculator, lang: cli_reconcile.run(
        calculator, args.export, lang, counts=args.head_counts, as_json_output=args.json, output=args.output
    ),
}


def main(argv: Sequence[str] | None = None) -> int:
    # A terminal that cannot show Turkish letters gets "?" for them, never a traceback.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = _language(args_list)
    args = _parser(lang).parse_args(args_list)
    words = _WORDS[lang]

    # Reading YAML needs PyYAML and jsonschema, which the rules package
    # itself must not import (it runs under Pyodide without them).
    from pathlib import Path

    from datafiles import DATA_DIR, DataFileError, load_all

    try:
        # Without --on, the rules of today: a date after the data was checked gets its notice.
        on = args.on if args.on is not None else dt.date.today()
        calculator = Calculator(load_all(Path(args.data) if args.data else DATA_DIR), on=on)
        return _COMMANDS[args.command](args, calculator, lang)
    except CalculatorError as error:
        print(f"{words['error']}: {error.text(lang)}", file=sys.stderr)
        # A unit or code that is nowhere is "nothing found" in every command, as in lookup.
        return EXIT_NOT_FOUND if error.code in ("unknown_unit", "unknown_code") else EXIT_BAD_INPUT
    except DataFileError as error:
        print(f"{words['data_error']}: {error}", file=sys.stderr)
        return EXIT_BROKEN_DATA
    except BrokenPipeError:
        # The reader stopped reading (`| head`): nothing more to say.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        return 0
    except OSError as error:
        # A folder that does not exist, a file where a folder is wanted (--data, --output), no room, no right.
        where = shown_text(error.filename if error.filename is not None else "")
        print(
            f"{words['error']}: {words['os_error'].format(path=where, reason=shown_text(error.strerror or error))}",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
