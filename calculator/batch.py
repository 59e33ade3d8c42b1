"""Several units at once: each row resolved to a hazard class, computed,
and totalled per role. A bad row is reported by its position and does not
stop the good ones."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from calculator import explain
from calculator.errors import AmbiguousUnit, CalculatorError, InvalidQuery, UnknownCode, UnknownUnit
from calculator.lookup import LookupResult, NaceIndex, OfficialEntry, UnitMatch
from calculator.plain import plain
from calculator.reasons import Reason
from calculator.requirements import ROLE_CALCULATIONS, Requirements, requirements
from calculator.rules import Rules
from calculator.text import fold

# How many candidate names an "ambiguous" message lists.
_SHOWN_CANDIDATES = 5


# Where a unit's class comes from: the NACE list (a transcription of the Communiqué's annex) unless asked otherwise.
FROM_LIST, FROM_GUIDE, GIVEN = "list", "guide", "given"


@dataclass(frozen=True)
class Resolved:
    hazard_class: str
    unit: UnitMatch | None
    notes: list[Reason] = field(default_factory=list)
    # A code found only in the NACE list.
    official: OfficialEntry | None = None
    # Where hazard_class came from, and the classes of the guide and of the list where they differ.
    class_source: str = GIVEN
    guide_class: str | None = None
    list_class: str | None = None


@dataclass(frozen=True)
class BatchRow:
    line: int
    input: dict[str, Any]
    unit_id: str | None = None
    unit_name: dict[str, str] | None = None
    result: Requirements | None = None
    notes: list[Reason] = field(default_factory=list)
    error: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = plain(dataclasses.replace(self, result=None))
        if self.result is not None:
            data["result"] = self.result.to_dict()
        return data


@dataclass(frozen=True)
class RoleTotal:
    required_minutes: int
    full_time: int
    part_time_minutes: int


@dataclass(frozen=True)
class BatchResult:
    rows: list[BatchRow]
    totals: dict[str, RoleTotal]
    employees: int

    @property
    def errors(self) -> list[BatchRow]:
        return [row for row in self.rows if row.error is not None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": [row.to_dict() for row in self.rows],
            "totals": {role: plain(total) for role, total in self.totals.items()},
            "employees": self.employees,
            "error_count": len(self.errors),
        }


def _strictest(rules: Rules, classes: list[str]) -> str:
    return max(classes, key=lambda c: rules.hazard_classes[c].rank)


def _not_found(index: NaceIndex, text: str, kind: str) -> CalculatorError:
    if kind == "name":
        return UnknownUnit(
            {"tr": f"Rehberde “{text}” adlı bir birim bulunamadı; NACE kodunu yazın.",
             "en": f"No unit called “{text}” is in the guide; type the NACE code."},
            field="unit",
        )
    if index.has_list:
        return UnknownCode(
            {"tr": f"{text} kodu ne rehberin Ek-1 listesinde ne de NACE listesinde (Tebliğ ekinin aktarımı) var.",
             "en": f"Code {text} is neither in the guide's Annex 1 nor in the NACE list "
                   "(a transcription of the Communiqué's annex)."},
            field="unit",
        )
    return UnknownCode(
        {"tr": f"{text} kodu rehberin Ek-1 listesinde yok.", "en": f"Code {text} is not in the guide's Annex 1."},
        field="unit",
    )


def _units(index: NaceIndex, text: str) -> tuple[LookupResult, list[UnitMatch]]:
    """The Ek-1 units a name or code stands for (the guide's two "Tıbbi laboratuvar" rows count as one)."""
    found = index.lookup(text, official_titles=False)
    matches = found.matches
    if found.kind == "name" and matches:
        exact = [u for u in matches if fold(text) in (fold(u.name["tr"]), fold(u.name["en"]))]
        matches = exact or matches
        names = list(dict.fromkeys(u.name["tr"] for u in matches))
        if len(names) > 1:
            names_en = list(dict.fromkeys(u.name["en"] for u in matches))
            raise AmbiguousUnit(
                {"tr": f"“{text}” birden fazla birime uyuyor ({', '.join(names[:_SHOWN_CANDIDATES])}); "
                       "tam adı veya NACE kodunu yazın.",
                 "en": f"“{text}” matches more than one unit ({', '.join(names_en[:_SHOWN_CANDIDATES])}); "
                       "give the full name or the NACE code."},
                field="unit",
            )
    return found, matches


def resolve(rules: Rules, index: NaceIndex, row: dict[str, Any], prefer: str = FROM_LIST) -> Resolved:
    """The hazard class a row stands for: given directly, or through its unit name or NACE code.

    A code's class is the NACE list's (the transcription of İSG-KATİP's source) unless `prefer` is "guide" or the
    list lacks the code; where several classes remain, the highest is used. Notes say both.
    """
    hazard = row.get("hazard_class")
    if isinstance(hazard, str) and hazard.strip():
        return Resolved(rules.hazard_class(hazard).id, None)
    text = row.get("code") or row.get("unit")
    if not isinstance(text, str) or not text.strip():
        raise InvalidQuery(
            {"tr": "Satırda birim adı, NACE kodu veya tehlike sınıfı yok.",
             "en": "The row has no unit name, NACE code or hazard class."},
            field="unit",
        )
    text = text.strip()
    # A class word ("çok tehlikeli") in the unit column is taken as the class.
    try:
        return Resolved(rules.hazard_class(text).id, None)
    except CalculatorError:
        pass
    found, units = _units(index, text)
    if not units:
        if found.kind == "code" and found.official:
            entry = found.official[0]
            return Resolved(entry.hazard_class, None, official=entry, class_source=FROM_LIST, list_class=entry.hazard_class)
        raise _not_found(index, text, found.kind)
    entries = [e for u in units for e in u.codes if found.kind == "name" or e.code in u.matched_codes]
    guide = _strictest(rules, list(dict.fromkeys(c for e in entries for c in e.guide_classes)))
    listed = [e.list_class for e in entries if e.list_class is not None]
    list_class = _strictest(rules, listed) if listed else None
    use_list = prefer != FROM_GUIDE and list_class is not None
    used_classes = list(dict.fromkeys(
        (e.list_class if use_list and e.list_class else c) for e in entries
        for c in ([e.hazard_class] if found.kind == "name" else e.guide_classes)))
    chosen = _strictest(rules, used_classes)
    notes = []
    if len(used_classes) > 1:
        labels = [rules.hazard_label(c) for c in used_classes]
        notes.append(Reason("several_classes", explain.guide_gives_several_classes(labels, rules.hazard_label(chosen))))
    differs = list_class is not None and list_class != guide
    if differs:
        notes.append(Reason("guide_and_list_differ", explain.guide_and_list_differ(
            rules.hazard_label(guide), rules.hazard_label(str(list_class)), rules.hazard_label(chosen))))
    unit = units[0] if (found.kind == "name" or len(units) == 1) else None
    return Resolved(chosen, unit, notes, class_source=FROM_LIST if use_list else FROM_GUIDE,
                    guide_class=guide if differs else None, list_class=list_class if differs else None)


def batch(rules: Rules, index: NaceIndex, rows: list[dict[str, Any]]) -> BatchResult:
    """Computes every row; `line` in a row (e.g. its CSV line) is kept, else its 1-based position."""
    results: list[BatchRow] = []
    # Rows often repeat a unit: resolve each distinct one once.
    resolved_before: dict[tuple[Any, ...], Resolved] = {}
    for position, row in enumerate(rows, start=1):
        given = row.get("line")
        line = given if isinstance(given, int) else position
        shown = {k: v for k, v in row.items() if k != "line"}
        try:
            key = (row.get("hazard_class"), row.get("code"), row.get("unit"))
            if key not in resolved_before:
                resolved_before[key] = resolve(rules, index, row)
            resolved = resolved_before[key]
            outcome = requirements(rules, resolved.hazard_class, row.get("employees", ""),
                                   row.get("full_time_physician", False))
        except CalculatorError as error:
            results.append(BatchRow(line, shown, error=error.to_dict()))
            continue
        unit = resolved.unit
        results.append(
            BatchRow(line, shown, unit.unit_id if unit else None, dict(unit.name) if unit else None, outcome,
                     resolved.notes)
        )
    good = [row.result for row in results if row.result is not None]
    totals = {
        calc.role: RoleTotal(
            sum(r.roles[calc.role].required_minutes for r in good),
            sum(r.roles[calc.role].full_time for r in good),
            sum(r.roles[calc.role].part_time_minutes for r in good),
        )
        for calc in ROLE_CALCULATIONS
    }
    return BatchResult(results, totals, sum(r.employees for r in good))
