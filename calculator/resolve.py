"""Which hazard class a unit name, NACE code or class word stands for.

Where the guide's Ek-1 and the NACE list (a transcription of the
Communiqué's annex) disagree, or the guide gives a unit two classes, the
answer protects the worker: the higher class, both shown, and a note that
İSG-KATİP uses the class of the workplace's registered NACE code. The
reader may choose the guide's or the list's class instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from calculator import explain
from calculator.bilingual import Text
from calculator.errors import AmbiguousUnit, CalculatorError, InvalidCode, InvalidQuery, UnknownCode, UnknownUnit
from calculator.lookup import ListEntry, LookupResult, NaceIndex, UnitMatch
from calculator.reasons import Reason
from calculator.rules import Rules
from calculator.text import fold
from calculator.text import shown as shown_text

# How many candidate names an "ambiguous" message lists.
_SHOWN_CANDIDATES = 5

# Where a unit's class comes from. HIGHER (the default): the higher of the guide's and the list's,
# which protects the worker where they disagree; LIST or GUIDE when the reader asks; GIVEN: typed as a class.
HIGHER, FROM_LIST, FROM_GUIDE, GIVEN = "higher", "list", "guide", "given"
CLASS_SOURCES = (HIGHER, FROM_GUIDE, FROM_LIST)


@dataclass(frozen=True)
class Resolved:
    hazard_class: str
    unit: UnitMatch | None
    notes: list[Reason] = field(default_factory=list)
    # A code found only in the NACE list.
    list_entry: ListEntry | None = None
    # Where hazard_class came from, and the classes of the guide and of the list where they differ.
    class_source: str = GIVEN
    guide_class: str | None = None
    list_class: str | None = None
    # One line naming the unit, its code(s), the class used and where it came from (for a printed result).
    summary: Text = field(default_factory=dict)


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
    found = index.lookup(text, list_titles=False)
    if found.kind == "prefix" and not index.class_code(text):
        # "43.2" finds every code under it; a unit is one code (or the guide's four-digit class).
        raise InvalidCode(
            {"tr": f"“{shown_text(text, 30)}” bir NACE kodunun yalnızca başı; birimin altı haneli kodunu "
                   "(43.22.06 gibi) yazın.",
             "en": f"“{shown_text(text, 30)}” is only the start of a NACE code; give the unit's six-digit code "
                   "(such as 43.22.06)."},
            field="unit",
        )
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


def resolve(rules: Rules, index: NaceIndex, row: dict[str, Any], prefer: str = HIGHER) -> Resolved:
    """The hazard class a row stands for: given directly, or through its unit name or NACE code.

    `prefer`: "higher" (the default) computes with the higher of the guide's and the list's classes;
    "list" or "guide" with that source's (the guide's where the list lacks the code). Where several
    classes remain, the highest is used. Notes say both classes and what İSG-KATİP uses.
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
        if found.kind == "code" and found.list_entries:
            entry = found.list_entries[0]
            summary = explain.unit_summary(None, entry.title_tr, [entry.code], rules.hazard_label(entry.hazard_class),
                                           FROM_LIST)
            return Resolved(entry.hazard_class, None, list_entry=entry, class_source=FROM_LIST, list_class=entry.hazard_class,
                            summary=summary)
        raise _not_found(index, text, found.kind)
    entries = [e for u in units for e in u.codes if found.kind == "name" or e.code in u.matched_codes]
    guide_used = list(dict.fromkeys(
        c for e in entries for c in ([e.hazard_class] if found.kind == "name" else e.guide_classes)))
    guide = _strictest(rules, list(dict.fromkeys(c for e in entries for c in e.guide_classes)))
    listed = [e.list_class for e in entries if e.list_class is not None]
    list_class = _strictest(rules, listed) if listed else None
    differs = list_class is not None and list_class != guide
    if list_class is None or prefer == FROM_GUIDE:
        source, used = FROM_GUIDE, guide_used
    else:
        # The list's class per entry; the guide's where the list lacks that code.
        list_used = list(dict.fromkeys(
            (e.list_class or c) for e in entries for c in ([e.hazard_class] if found.kind == "name" else e.guide_classes)))
        if prefer == FROM_LIST or not differs:
            source, used = FROM_LIST, list_used
        else:
            source, used = HIGHER, list(dict.fromkeys([*list_used, *guide_used]))
    chosen = _strictest(rules, used)
    notes = []
    if len(used) > 1 and not (source == HIGHER and set(used) == {guide, list_class}):
        labels = [rules.hazard_label(c) for c in used]
        notes.append(Reason("several_classes", explain.guide_gives_several_classes(labels, rules.hazard_label(chosen))))
    if differs:
        notes.append(Reason("guide_and_list_differ", explain.guide_and_list_differ(
            rules.hazard_label(guide), rules.hazard_label(str(list_class)), rules.hazard_label(chosen),
            protective=source == HIGHER)))
    unit = units[0] if (found.kind == "name" or len(units) == 1) else None
    codes = list(dict.fromkeys(e.code for e in entries))
    summary = explain.unit_summary(dict(unit.name) if unit else None, text, codes, rules.hazard_label(chosen), source)
    return Resolved(chosen, unit, notes, class_source=source,
                    guide_class=guide if differs else None, list_class=list_class if differs else None,
                    summary=summary)
