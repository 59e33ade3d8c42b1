"""The monthly check: İSG-KATİP's own contract export ("İSG Hizmet Sözleşmeleri", Dışa Aktar) against
the law, per workplace and role, and the actions that bring it into line, fewest first.

What is read, and how well it is known (rules.md, "İSG-KATİP's contract screen", secondary: a public
project that imports these files records the header; the values below are the ones known there):
- the header row is found by its names, in any position; the trailing space of "Hizmet Veren İşyeri
  ID " and any other spacing or letter case are tolerated;
- a contract's role is read from "Sözleşme Adı" (İŞ GÜVENLİĞİ UZMANI, İŞYERİ HEKİMİ, DİĞER SAĞLIK
  PERSONELİ), else from the certificate type; its state from "Sözleşme Statü" ("Sözleşme Devam
  Ediyor" counts; ended or cancelled ones are listed apart) and "Sözleşme Onay Durumu" (one
  awaiting approval is counted apart);
- minutes from "Çalışma Süresi". How a full-time assignment shows is not known: a contract whose
  minutes reach a full month (full_time_capacity) is read as a full-time post, marked unconfirmed;
- a value the check does not know is reported per column with its count, never guessed at.

Personal data: the export holds TC identity numbers and names. Nothing here keeps them: a TC number
is only ever passed on masked (`mask_tc`), and the answer names contracts by their ids.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from calculator.batch_table import Table
from calculator.bilingual import Text, number
from calculator.csv_batch import InvalidCsv
from calculator.errors import CalculatorError, failure_message, line_failure
from calculator.requirements import requirements
from calculator.rules import Rules
from calculator.text import fold, shown
from calculator.xlsx import MAX_LINES

# The export's columns the check reads (their names as İSG-KATİP writes them).
CONTRACT_ID = "Sözleşme ID"
CONTRACT_NAME = "Sözleşme Adı"
PERSON_TC = "Görevlendirilen Kişi TC Kimlik No"
CERTIFICATE = "Görevlendirilen Kişi Sertifika Tipi"
CONTRACT_TYPE = "Sözleşme Tipi"
PERIOD = "Çalışma Periyodu"
MINUTES = "Çalışma Süresi"
WORKPLACE_ID = "Hizmet Alan İşyeri ID"
WORKPLACE_NAME = "Hizmet Alan İşyeri Unvanı"
WORKPLACE_REGISTRY = "Hizmet Alan İşyeri SGK/DETSİS No"
EMPLOYEES = "Hizmet Alan İşyeri Çalışan Sayısı"
HAZARD = "Hizmet Alan İşyeri Tehlike Sınıfı"
NACE = "Hizmet Alan İşyeri Nace Kodu"
STATUS = "Sözleşme Statü"
APPROVAL = "Sözleşme Onay Durumu"
COMPLIANT = "Sözleşme Mevzuata Uygun Mu"
# Without these the file is not the export the check reads.
REQUIRED = (CONTRACT_ID, CONTRACT_NAME, MINUTES, WORKPLACE_ID, EMPLOYEES, HAZARD, STATUS)
# (The people's names are never read.)
READ = (*REQUIRED, PERSON_TC, CERTIFICATE, CONTRACT_TYPE, PERIOD, WORKPLACE_NAME, WORKPLACE_REGISTRY, NACE, APPROVAL, COMPLIANT)
# Columns whose values no source explains: every value found is reported as not read (rules.md).
NOT_INTERPRETED = (CONTRACT_TYPE, PERIOD)

# The role a contract's name names (folded), in İSG-KATİP's words.
ROLE_WORDS = (("is guvenligi uzmani", "igu"), ("isyeri hekimi", "isyeri_hekimi"), ("diger saglik personeli", "dsp"))
IN_FORCE, ENDED = "in_force", "ended"
_STATUSES = {"sozlesme devam ediyor": IN_FORCE, "sozlesme sonlandirildi": ENDED, "sozlesme iptal edildi": ENDED}
# Approval states read as "awaiting": their folded text holds one of these words.
_AWAITING = ("bekl",)
_CERTIFICATE_CLASS = re.compile(r"\b([abc])\b")
_DIGITS = re.compile(r"[0-9]+")
# The most contracts one file may hold: as many lines as a sheet is read for.
MAX_CONTRACTS = MAX_LINES


def mask_tc(value: object) -> str:
    """A TC identity number as it may be shown: its first three and last two digits ("123******01")."""
    digits = "".join(_DIGITS.findall(str(value or "")))
    if len(digits) < 6:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 5) + digits[-2:]


@dataclass
class Contract:
    id: str
    role: str | None
    minutes: int | None
    status: str | None
    awaiting: bool
    certificate: str | None
    person_tc: str  # masked
    compliant_flag: str
    full_time: bool = False


@dataclass
class Workplace:
    id: str
    name: str
    registry: str
    employees: int | None
    hazard_text: str
    nace_code: str
    contracts: list[Contract] = field(default_factory=list)


@dataclass
class Unread:
    """A column's values the check does not know, with how many rows hold each."""

    column: str
    values: dict[str, int] = field(default_factory=dict)

    def to_dict(self, lang: str) -> dict[str, Any]:
        listed = ", ".join(f"“{value}” ({count})" for value, count in sorted(self.values.items()))
        message: Text = {
            "tr": f"{self.column}: {listed} satırda; tanınmadı, okunmadı.",
            "en": f"{self.column}: {listed} row(s); not recognised, not read.",
        }
        return {"column": self.column, "values": dict(self.values), "message": message[lang]}


def _header_index(cells: list[str]) -> dict[str, int] | None:
    """The export's columns by name (folded, so spacing and case do not matter), or None for another line."""
    wanted = {fold(name): name for name in READ}
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = wanted.get(fold(cell))
        if name is not None and name not in found:
            found[name] = index
    return found if len(found) >= 4 else None


def _not_the_export(missing: list[str]) -> InvalidCsv:
    listed = ", ".join(f"“{name}”" for name in missing)
    return InvalidCsv(
        {
            "tr": f"Bu dosya İSG-KATİP'in İSG Hizmet Sözleşmeleri dışa aktarımı olarak okunamadı: şu sütunlar "
            f"yok: {listed}. İSG-KATİP'te sözleşme listesinde “Dışa Aktar” ile alınan dosyayı seçin.",
            "en": f"This file could not be read as İSG-KATİP's İSG Hizmet Sözleşmeleri export: these columns "
            f"are missing: {listed}. Choose the file İSG-KATİP's contract list gives with “Dışa Aktar”.",
        },
        field="export",
    )


def _cell(cells: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _role(name: str, certificate: str) -> str | None:
    """The role the contract's name names, else the one its certificate type names."""
    for text in (fold(name), fold(certificate)):
        found = next((role for words, role in ROLE_WORDS if words in text), None)
        if found is not None:
            return found
    return None


def _count(text: str) -> int | None:
    digits = text.replace(".", "").replace(" ", "").replace("\u00a0", "")
    return int(digits) if digits.isdigit() else None


@dataclass
class Export:
    workplaces: dict[str, Workplace]
    unread: list[Unread]
    errors: list[dict[str, Any]]


class _Reader:
    """The export's rows, grouped by workplace; what it does not know, counted per column."""

    def __init__(self, columns: dict[str, int]):
        self.columns = columns
        self.workplaces: dict[str, Workplace] = {}
        self.unread: dict[str, Unread] = {}
        self.errors: list[dict[str, Any]] = []

    def value(self, cells: list[str], name: str) -> str:
        return _cell(cells, self.columns, name)

    def unknown(self, column: str, value: str) -> None:
        entry = self.unread.setdefault(column, Unread(column))
        key = shown(value, 40)
        entry.values[key] = entry.values.get(key, 0) + 1

    def workplace(self, cells: list[str]) -> Workplace:
        key = self.value(cells, WORKPLACE_ID) or self.value(cells, WORKPLACE_REGISTRY)
        if key not in self.workplaces:
            self.workplaces[key] = Workplace(
                key,
                shown(self.value(cells, WORKPLACE_NAME), 120),
                self.value(cells, WORKPLACE_REGISTRY),
                _count(self.value(cells, EMPLOYEES)),
                self.value(cells, HAZARD),
                self.value(cells, NACE),
            )
        return self.workplaces[key]

    def contract(self, cells: list[str]) -> Contract:
        for column in NOT_INTERPRETED:
            if self.value(cells, column):
                self.unknown(column, self.value(cells, column))
        name, certificate = self.value(cells, CONTRACT_NAME), self.value(cells, CERTIFICATE)
        role = _role(name, certificate)
        if role is None:
            self.unknown(CONTRACT_NAME, name)
        status_text = self.value(cells, STATUS)
        status = _STATUSES.get(fold(status_text))
        if status is None:
            self.unknown(STATUS, status_text)
        minutes_text = self.value(cells, MINUTES)
        minutes = _count(minutes_text)
        if minutes is None:
            self.unknown(MINUTES, minutes_text)
        # A certificate class (A, B, C) is a safety specialist's: a physician's certificate type names none.
        found = _CERTIFICATE_CLASS.search(fold(certificate)) if certificate and role == "igu" else None
        if certificate and role == "igu" and found is None:
            self.unknown(CERTIFICATE, certificate)
        return Contract(
            shown(self.value(cells, CONTRACT_ID), 40),
            role,
            minutes,
            status,
            any(word in fold(self.value(cells, APPROVAL)) for word in _AWAITING),
            found.group(1).upper() if found else None,
            mask_tc(self.value(cells, PERSON_TC)),
            shown(self.value(cells, COMPLIANT), 40),
        )

    def read(self, line: int, cells: list[str]) -> None:
        if not self.value(cells, WORKPLACE_ID) and not self.value(cells, WORKPLACE_REGISTRY):
            self.errors.append(
                line_failure(
                    line,
                    self.value(cells, CONTRACT_ID),
                    "no_workplace",
                    {
                        "tr": f"{line}. satırda hizmet alan işyeri yok (ID ve SGK/DETSİS No boş).",
                        "en": f"Line {line} names no workplace (its ID and SGK/DETSİS number are empty).",
                    },
                    "export",
                )
            )
            return
        self.workplace(cells).contracts.append(self.contract(cells))


def read_export(lines: list[list[str]]) -> Export:
    """The export's contracts grouped by workplace, from its lines of cells (a sheet's or a CSV's)."""
    header_at, columns = next(((i, found) for i, cells in enumerate(lines[:50]) if (found := _header_index(cells))), (None, None))
    if header_at is None or columns is None:
        raise _not_the_export(list(REQUIRED))
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise _not_the_export(missing)
    reader = _Reader(columns)
    rows = [
        (number_, cells)
        for number_, cells in enumerate(lines[header_at + 1 :], start=header_at + 2)
        if any(cell.strip() for cell in cells)
    ]
    if not rows:
        raise InvalidCsv({"tr": "Dışa aktarım dosyasında sözleşme yok.", "en": "The export holds no contract."}, field="export")
    if len(rows) > MAX_CONTRACTS:
        raise InvalidCsv(
            {
                "tr": f"Dosya en çok {number(MAX_CONTRACTS, 'tr')} sözleşme tutabilir.",
                "en": f"The file can hold at most {number(MAX_CONTRACTS, 'en')} contracts.",
            },
            field="export",
        )
    for line, cells in rows:
        reader.read(line, cells)
    return Export(reader.workplaces, list(reader.unread.values()), reader.errors)


def _assigned(workplace: Workplace, capacity: int, roles: list[str]) -> dict[str, dict[str, int]]:
    """Per role, the full-time posts and part-time minutes in force (approved contracts only); a role
    with no contract has nothing assigned."""
    found: dict[str, dict[str, int]] = {role: {"full_time": 0, "minutes": 0} for role in roles}
    for contract in workplace.contracts:
        if contract.role is None or contract.status != IN_FORCE or contract.awaiting or contract.minutes is None:
            continue
        role = found.setdefault(contract.role, {"full_time": 0, "minutes": 0})
        contract.full_time = contract.minutes >= capacity
        if contract.full_time:
            role["full_time"] += 1
        else:
            role["minutes"] += contract.minutes
    return found


def _problems(
    rules: Rules, hazard: str, contracts: list[Contract], role: str, lang: str, compliant: bool
) -> list[dict[str, Any]]:
    """Each contract's problems: a certificate class that may not serve the class on the date; İSG-KATİP's
    own "Uygun" flag where it disagrees with the check."""
    found = []
    rule = rules.certificates(hazard)
    allowed = rule["classes"] if rule else []
    for contract in contracts:
        says_compliant = fold(contract.compliant_flag) == "uygun"
        if contract.compliant_flag and says_compliant != compliant:
            ours = {
                "tr": "eksik var" if not compliant else "asgari süre karşılanıyor",
                "en": "something is missing" if not compliant else "the minimum is met",
            }[lang]
            found.append(
                {
                    "contract_id": contract.id,
                    "kind": "katip_flag",
                    "message": {
                        "tr": f"Sözleşme {contract.id}: İSG-KATİP “{contract.compliant_flag}” diyor; bu kontrole göre {ours}.",
                        "en": f"Contract {contract.id}: İSG-KATİP says “{contract.compliant_flag}”; by this check, {ours}.",
                    }[lang],
                }
            )
        if role == "igu" and contract.certificate is not None and contract.certificate not in allowed:
            found.append(
                {
                    "contract_id": contract.id,
                    "kind": "certificate",
                    "message": {
                        "tr": f"Sözleşme {contract.id}: {contract.certificate} sınıfı belge bu tehlike sınıfında görev yapamaz "
                        f"({', '.join(allowed)} olmalı); sözleşme sonlandırılıp uygun belgeli biriyle yenilenmeli.",
                        "en": f"Contract {contract.id}: a {contract.certificate}-class certificate may not serve this "
                        f"hazard class ({', '.join(allowed)} needed); end it and replace it with a suitably "
                        "certified professional.",
                    }[lang],
                }
            )
    return found


def _actions(role: str, label: str, figures: dict[str, Any], contracts: list[Contract], lang: str) -> list[str]:
    """What to do in İSG-KATİP for one role, fewest steps first: raise the one part-time contract, else
    create an assignment; create the full-time posts missing."""
    actions = []
    part = [c for c in contracts if not c.full_time]
    if figures["missing_full_time"]:
        n = figures["missing_full_time"]
        actions.append(
            {"tr": f"{label}: {n} tam süreli görevlendirme oluşturun.", "en": f"{label}: create {n} full-time assignment(s)."}[
                lang
            ]
        )
    missing = figures["missing_minutes"]
    if missing and len(part) == 1 and part[0].minutes is not None:
        old = part[0].minutes
        actions.append(
            {
                "tr": f"{label}: {part[0].id} numaralı sözleşmenin süresini {number(old, lang)} dakikadan "
                f"{number(old + missing, lang)} dakikaya çıkarın.",
                "en": f"{label}: raise contract {part[0].id} from {number(old, lang)} to {number(old + missing, lang)} minutes.",
            }[lang]
        )
    elif missing:
        actions.append(
            {
                "tr": f"{label}: {number(missing, lang)} dakikalık yeni bir görevlendirme oluşturun.",
                "en": f"{label}: create a new assignment of {number(missing, lang)} minutes.",
            }[lang]
        )
    return actions


def _class(rules: Rules, workplace: Workplace, listed: dict[str, str], lang: str) -> tuple[str, str | None]:
    """The class to compute with: the export's, or the higher where the NACE list gives its code another
    (the protective class; İSG-KATİP uses its own), with a note saying both."""
    given = rules.hazard_class(workplace.hazard_text).id
    other = listed.get(workplace.nace_code)
    if other is None or other == given:
        return given, None
    higher = max(given, other, key=lambda c: rules.hazard_classes[c].rank)
    ours, theirs = rules.hazard_label(other)[lang], rules.hazard_label(given)[lang]
    note = {
        "tr": f"İSG-KATİP bu işyerini {theirs} gösteriyor; NACE listesinde {workplace.nace_code} kodunun sınıfı "
        f"{ours}. İSG-KATİP kendi sınıfını kullanır; hesap çalışanı koruyan yüksek sınıfla "
        f"({rules.hazard_label(higher)[lang]}) yapıldı.",
        "en": f"İSG-KATİP shows this workplace as {theirs}; the NACE list gives code {workplace.nace_code} the class "
        f"{ours}. İSG-KATİP uses its own class; the check uses the higher one, which protects the worker "
        f"({rules.hazard_label(higher)[lang]}).",
    }[lang]
    return higher, note


def check_workplace(
    rules: Rules, workplace: Workplace, lang: str, head_count: int | None = None, listed: dict[str, str] | None = None
) -> dict[str, Any]:
    """One workplace's answer: class and head count used, and per role required, assigned, missing and over,
    its contracts, their problems, and the actions. `listed`: the NACE list's class per code."""
    capacity = int(rules.full_time_capacity["minutes"])
    assigned = _assigned(workplace, capacity, list(rules.role_labels))
    employees, source = workplace.employees, "export"
    if head_count is not None and (employees is None or head_count > employees):
        employees, source = head_count, "office"
    answer: dict[str, Any] = {
        "id": workplace.id,
        "name": workplace.name,
        "nace_code": workplace.nace_code,
        "hazard_class": None,
        "employees": employees,
        "employees_source": source,
        "roles": {},
        "actions": [],
    }
    try:
        hazard, note = _class(rules, workplace, listed or {}, lang)
        result = requirements(rules, hazard, employees if employees is not None else "", assigned=assigned)
    except CalculatorError as error:
        answer["error"] = error.text(lang)
        return answer
    answer["hazard_class"] = hazard
    answer["hazard_label"] = rules.hazard_label(hazard)[lang]
    if note:
        answer["class_note"] = note
    awaiting = sum(1 for c in workplace.contracts if c.awaiting and c.status == IN_FORCE)
    if awaiting:
        answer["awaiting_approval"] = awaiting
    for role_id, role in result.roles.items():
        contracts = [c for c in workplace.contracts if c.role == role_id]
        if not role.required and not contracts:
            continue
        figures = {
            "required_minutes": role.required_minutes,
            "full_time_required": role.full_time,
            "assigned_minutes": role.assigned_minutes or 0,
            "full_time_assigned": role.assigned_full_time or 0,
            "missing_minutes": role.missing_minutes or 0,
            "missing_full_time": role.missing_full_time or 0,
            "over_minutes": role.over_minutes or 0,
        }
        in_force = [c for c in contracts if c.status == IN_FORCE and not c.awaiting]
        answer["roles"][role_id] = {
            **figures,
            "contracts": [
                {
                    "id": c.id,
                    "minutes": c.minutes,
                    "status": c.status,
                    "awaiting_approval": c.awaiting,
                    "certificate": c.certificate,
                    "person": c.person_tc,
                    "full_time": c.full_time,
                    "katip_compliant": c.compliant_flag,
                }
                for c in contracts
            ],
            "problems": _problems(
                rules, hazard, in_force, role_id, lang, not (figures["missing_minutes"] or figures["missing_full_time"])
            ),
        }
        if role.required:
            answer["actions"] += _actions(role_id, rules.role_labels[role_id][lang], figures, in_force, lang)
        answer["actions"] += [p["message"] for p in answer["roles"][role_id]["problems"] if p["kind"] == "certificate"]
    return answer


# How many workplaces between two progress reports.
PROGRESS_EVERY = 100


def reconcile(
    rules: Rules,
    lines: list[list[str]],
    lang: str = "tr",
    head_counts: dict[str, int] | None = None,
    listed: dict[str, str] | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> dict[str, Any]:
    """The monthly check of an export's lines: {"workplaces", "ended", "unread", "errors", "rules", "summary"}.
    `head_counts`: the office's counts by workplace id, registry number or title; `listed`: the NACE list's
    class per code, against which the export's class is checked; `progress(done, total)` hears how far
    a large export has got (the page shows it)."""
    export = read_export(lines)
    counts = head_counts or {}
    workplaces = []
    for done, w in enumerate(export.workplaces.values(), start=1):
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, len(export.workplaces))
        workplaces.append(
            check_workplace(rules, w, lang, counts.get(w.id) or counts.get(w.registry) or counts.get(w.name), listed)
        )
    ended = [
        {"workplace": w.id, "contract_id": c.id, "role": c.role}
        for w in export.workplaces.values()
        for c in w.contracts
        if c.status == ENDED
    ]
    acting = sum(1 for w in workplaces if w["actions"])
    summary = {
        "tr": f"{number(acting, 'tr')} / {number(len(workplaces), 'tr')} işyerinde işlem gerekiyor.",
        "en": f"{number(acting, 'en')} of {number(len(workplaces), 'en')} workplaces need action.",
    }[lang]
    return {
        "summary": summary,
        "workplaces": workplaces,
        "ended": ended,
        "unread": [u.to_dict(lang) for u in export.unread],
        "errors": [{"line": e["line"], "message": failure_message(e, lang)} for e in export.errors],
        "rules": {
            "full_time_reading": {
                "tr": "Tam süreli görevlendirmenin dışa aktarımda nasıl göründüğü bilinmiyor: süresi tam bir ayın "
                f"dakikasına ({number(int(rules.full_time_capacity['minutes']), 'tr')}) ulaşan sözleşme tam süreli "
                "sayıldı (doğrulanmamış).",
                "en": "How a full-time assignment shows in the export is not known: a contract whose minutes reach a "
                f"full month ({number(int(rules.full_time_capacity['minutes']), 'en')}) is counted as full-time "
                "(unconfirmed).",
            }[lang],
            "confidence": "unconfirmed",
        },
    }


# The head counts file's columns: the workplace (as the export names it) and the count.
_KEYS = (
    "hizmet alan isyeri id",
    "isyeri id",
    "sgk detsis no",
    "hizmet alan isyeri sgk detsis no",
    "unvan",
    "hizmet alan isyeri unvani",
)
_COUNTS = ("calisan sayisi", "hizmet alan isyeri calisan sayisi", "employees")


def lines_of(text: str, field: str = "export") -> list[list[str]]:
    """A file's text as lines of cells: tab-separated (a sheet), else the separator that splits the first
    line into the most cells. `field`: the input a fault is said beside."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max(("\t", ";", ","), key=lambda d: len(first.split(d)))
    try:
        return [row for row in csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)]
    except csv.Error:
        raise InvalidCsv(
            {
                "tr": "Dosya okunamadı (çok uzun bir hücre veya kapanmamış bir tırnak).",
                "en": "The file could not be read (a cell too long, or an unclosed quote).",
            },
            field=field,
        ) from None


def head_counts(text: str) -> dict[str, int]:
    """The office's head counts by workplace id, registry number or title."""
    rows = lines_of(text, "head_counts")
    header = [fold(cell) for cell in rows[0]] if rows else []
    key = next((header.index(name) for name in _KEYS if name in header), None)
    count = next((header.index(name) for name in _COUNTS if name in header), None)
    if key is None or count is None:
        raise InvalidCsv(
            {
                "tr": "Çalışan sayıları listesinde işyeri ve “Çalışan Sayısı” sütunları bulunamadı.",
                "en": "The head counts list has no workplace and “Çalışan Sayısı” columns.",
            },
            field="head_counts",
        )
    found = {}
    for cells in rows[1:]:
        value = _count(cells[count].strip()) if len(cells) > max(key, count) else None
        if value is not None:
            found[cells[key].strip()] = value
    return found


TITLE: Text = {"tr": "Aylık kontrol", "en": "Monthly check"}
COLUMNS: dict[str, Text] = {
    "workplace": {"tr": "İşyeri", "en": "Workplace"},
    "class": {"tr": "Tehlike sınıfı", "en": "Hazard class"},
    "employees": {"tr": "Çalışan", "en": "Employees"},
    "role": {"tr": "Unvan", "en": "Role"},
    "required": {"tr": "Gereken dk", "en": "Required min"},
    "assigned": {"tr": "Görevli dk", "en": "Assigned min"},
    "missing": {"tr": "Eksik dk", "en": "Missing min"},
    "missing_full": {"tr": "Eksik tam süreli", "en": "Full-time missing"},
    "over": {"tr": "Fazla dk", "en": "Over min"},
    "actions": {"tr": "Yapılacaklar", "en": "Actions"},
}


def table(answer: dict[str, Any], lang: str, role_labels: dict[str, Text]) -> Table:
    """The check as one table, a row per workplace and role (the page's download and the CLI's file)."""
    columns = {key: heading[lang] for key, heading in COLUMNS.items()}
    rows: list[dict[str, int | str]] = []
    for place in answer["workplaces"]:
        for role, figures in place["roles"].items():
            rows.append(
                {
                    "workplace": f"{place['id']} {place['name']}".strip(),
                    "class": place.get("hazard_label", ""),
                    "employees": place["employees"] or "",
                    "role": role_labels[role][lang],
                    "required": figures["required_minutes"],
                    "assigned": figures["assigned_minutes"],
                    "missing": figures["missing_minutes"],
                    "missing_full": figures["missing_full_time"],
                    "over": figures["over_minutes"],
                    "actions": " ".join(place["actions"]),
                }
            )
    return Table(
        columns, ["employees", "required", "assigned", "missing", "missing_full", "over"], rows, dict.fromkeys(columns, "")
    )
