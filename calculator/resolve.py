"""Which hazard class a unit name, NACE code or class word stands for.

Where the guide's Ek-1 and the NACE list (a transcription of the
Communiqué's annex) disagree, or the guide gives a unit two classes, the
answer protects the worker: the higher class, both shown, and a note that
İSG-KATİP uses the class of the workplace's registered NACE code. The
reader may choose the guide's or the list's class instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from calculator import explain, matching
from calculator.bilingual import Text
from calculator.errors import AmbiguousUnit, CalculatorError, InvalidCode, InvalidQuery, UnknownCode, UnknownUnit
from calculator.lookup import CodeEntry, ListEntry, LookupResult, NaceIndex, UnitMatch, normalise_code
from calculator.reasons import Reason
from calculator.rules import Rules
from calculator.text import fold, words
from calculator.text import shown as shown_text

# How many candidate names an "ambiguous" message lists.
_SHOWN_CANDIDATES = 5

# Where a unit's class comes from. HIGHER (the default): the higher of the guide's and the list's,
# which protects the worker where they disagree; LIST or GUIDE when the reader asks; CODE: a code given
# without a unit of the guide, which takes its listed class; GIVEN: typed as a class.
HIGHER, FROM_LIST, FROM_GUIDE, FROM_CODE, GIVEN = "higher", "list", "guide", "code", "given"
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
    # The one NACE code the class is that of, where there is one (İSG-KATİP's form's NACE KODU).
    code: str | None = None
    # For a code typed alone: the guide's rows with that code ({unit_id, name, hazard_class, hazard_label}),
    # so that a reader can compute with one of them instead.
    guide_rows: list[dict[str, Any]] = field(default_factory=list)


def _strictest(rules: Rules, classes: list[str]) -> str:
    return max(classes, key=lambda c: rules.hazard_classes[c].rank)


def _not_found(index: NaceIndex, typed: str, kind: str) -> CalculatorError:
    text = shown_text(typed)
    if kind == "name":
        return UnknownUnit(
            {
                "tr": f"Rehberde “{text}” adlı bir birim bulunamadı; NACE kodunu yazın.",
                "en": f"No unit called “{text}” is in the guide; type the NACE code.",
            },
            field="unit",
        )
    if index.has_list:
        return UnknownCode(
            {
                "tr": f"{text} kodu ne rehberin Ek-1 listesinde ne de NACE listesinde (Tebliğ ekinin aktarımı) var.",
                "en": f"Code {text} is neither in the guide's Annex 1 nor in the NACE list "
                "(a transcription of the Communiqué's annex).",
            },
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
            {
                "tr": f"“{shown_text(text, 30)}” bir NACE kodunun yalnızca başı; birimin altı haneli kodunu "
                "(43.22.06 gibi) yazın.",
                "en": f"“{shown_text(text, 30)}” is only the start of a NACE code; give the unit's six-digit code "
                "(such as 43.22.06).",
            },
            field="unit",
        )
    matches = found.matches
    if found.kind == "name" and matches:
        exact = [u for u in matches if fold(text) in _names_of(index, u)]
        matches = exact or matches
        names = list(dict.fromkeys(u.name["tr"] for u in matches))
        if len(names) > 1:
            names_en = list(dict.fromkeys(u.name["en"] for u in matches))
            raise AmbiguousUnit(
                {
                    "tr": f"“{text}” birden fazla birime uyuyor ({', '.join(names[:_SHOWN_CANDIDATES])}); "
                    "tam adı veya NACE kodunu yazın.",
                    "en": f"“{text}” matches more than one unit ({', '.join(names_en[:_SHOWN_CANDIDATES])}); "
                    "give the full name or the NACE code.",
                },
                field="unit",
            )
    return found, matches


def resolve(rules: Rules, index: NaceIndex, row: dict[str, Any], prefer: str = HIGHER) -> Resolved:
    """The hazard class a row stands for: its NACE code, its unit name, or a class given directly.

    The policy, one step each:
    - a code (in the row's code column, or typed alone) takes the class the NACE list gives that
      code, which İSG-KATİP uses for a workplace registered with it; the guide's rows with that
      code are named beside it (`_by_code`);
    - a row naming both a unit of the guide and that unit's code: the higher of the row's class and
      the code's listed class (`_named_with_code`);
    - a unit of the guide by name: the higher of its row's class and its code's listed class
      (`_by_guide_unit`); a name only in the NACE list's titles: that code, where one is found
      (`_by_list_title`).
    - a class given beside a unit or a code (a sheet's class column): the higher of the two, said.
    `prefer`: "higher" (the default), or "list" / "guide" for that source's class (the guide's where
    the list lacks the code). Where several classes remain, the highest is used.
    """
    index = index.at(rules.on)
    hazard = _cell(row, "hazard_class")
    found = _by_unit_or_code(rules, index, _cell(row, "code"), _cell(row, "unit"), prefer)
    if found is not None and hazard:
        return _with_given_class(rules, found, rules.hazard_class(hazard).id)
    if found is not None:
        return found
    if hazard:
        return Resolved(rules.hazard_class(hazard).id, None)
    raise InvalidQuery(
        {
            "tr": "Satırda birim adı, NACE kodu veya tehlike sınıfı yok.",
            "en": "The row has no unit name, NACE code or hazard class.",
        },
        field="unit",
    )


def _by_unit_or_code(rules: Rules, index: NaceIndex, code: str, unit: str, prefer: str) -> Resolved | None:
    if code:
        return _named_with_code(rules, index, code, unit, prefer) if unit else _by_code(rules, index, code, prefer)
    if not unit:
        return None
    given = _class_word(rules, unit)
    if given is not None:
        return given
    if index.class_code(unit) or normalise_code(unit) is not None:
        return _by_code(rules, index, unit, prefer)
    return _by_name(rules, index, unit, prefer)


def _with_given_class(rules: Rules, found: Resolved, given: str) -> Resolved:
    """A row's own class column beside its unit or code: where they differ, the higher, both said."""
    if given == found.hazard_class:
        return found
    chosen = _strictest(rules, [given, found.hazard_class])
    note = Reason(
        "given_class_differs",
        explain.given_class_differs(
            rules.hazard_label(given), rules.hazard_label(found.hazard_class), rules.hazard_label(chosen)
        ),
    )
    return replace(found, hazard_class=chosen, notes=[*found.notes, note])


def _cell(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return value.strip() if isinstance(value, str) else ""


def _class_word(rules: Rules, text: str) -> Resolved | None:
    """A class word ("çok tehlikeli") in the unit column is taken as the class."""
    try:
        return Resolved(rules.hazard_class(text).id, None)
    except CalculatorError:
        return None


def _by_code(rules: Rules, index: NaceIndex, text: str, prefer: str, name: str | None = None) -> Resolved:
    """A code alone names no unit: it takes the class of the code in the NACE list (the guide's where
    the list lacks it, or where the reader asks for the guide's)."""
    found, units = _units(index, text)
    if found.kind != "code" or not found.list_entries:
        if not units:
            if found.change is not None:
                raise UnknownCode(dict(found.change.message), field="unit")
            raise _not_found(index, text, found.kind)
        return _by_guide_codes(rules, text, found, units, prefer)
    entry = found.list_entries[0]
    rows = _guide_rows(rules, units, entry.code)
    if prefer == FROM_GUIDE and rows:
        return _by_guide_codes(rules, text, found, units, prefer)
    # A renumbering as a public transcription cites it (the act's own text not read here).
    notes = [Reason("code_renumbered", dict(found.change.message), confidence="secondary")] if found.change is not None else []
    if any(r["hazard_class"] != entry.hazard_class for r in rows):
        notes.append(
            Reason(
                "guide_rows_for_code",
                explain.guide_rows_for_code(
                    entry.code,
                    [(r["name"], rules.hazard_label(r["hazard_class"])) for r in rows],
                    rules.hazard_label(entry.hazard_class),
                ),
            )
        )
    summary = explain.unit_summary(
        {"tr": name, "en": name} if name else None,
        entry.title_tr,
        [entry.code],
        rules.hazard_label(entry.hazard_class),
        FROM_CODE,
    )
    return Resolved(
        entry.hazard_class,
        None,
        notes,
        list_entry=entry,
        class_source=FROM_CODE,
        list_class=entry.hazard_class,
        summary=summary,
        code=entry.code,
        guide_rows=rows,
    )


def _guide_rows(rules: Rules, units: list[UnitMatch], code: str) -> list[dict[str, Any]]:
    """The guide's rows with this code: unit, name and the class the guide gives that row."""
    return [
        {
            "unit_id": u.unit_id,
            "name": dict(u.name),
            "hazard_class": e.hazard_class,
            "hazard_label": dict(rules.hazard_label(e.hazard_class)),
        }
        for u in units
        for e in u.codes
        if e.code == code
    ]


def _named_with_code(rules: Rules, index: NaceIndex, code_text: str, name: str, prefer: str) -> Resolved:
    """A row with the office's own name and a code: the code gives the class; where the name finds a unit
    of the guide with that code, its row's class counts too (the higher); a unit of the guide by that
    very name but with another code is said."""
    code = normalise_code(code_text) or code_text
    found = index.lookup(name, list_titles=False) if normalise_code(name) is None else None
    with_code = [u for u in (found.matches if found else []) if any(e.code == code for e in u.codes)]
    if with_code:
        unit = with_code[0]
        pairs = [(e, [e.hazard_class]) for e in unit.codes if e.code == code]
        resolved = _from_classes(rules, pairs, prefer)
        summary = explain.unit_summary(
            {"tr": name, "en": name}, name, [code], rules.hazard_label(resolved.hazard_class), resolved.class_source
        )
        return replace(resolved, unit=unit, summary=summary, code=code)
    resolved = _by_code(rules, index, code_text, prefer, name=name)
    named = _exact_units(index, name)
    if named:
        unit = named[0]
        note = Reason(
            "guide_unit_other_code",
            explain.guide_unit_other_code(dict(unit.name), [e.code for e in unit.codes], resolved.code or code),
        )
        return replace(resolved, notes=[*resolved.notes, note])
    return resolved


def _exact_units(index: NaceIndex, name: str) -> list[UnitMatch]:
    folded = fold(name)
    return [u for i, u in enumerate(index.units) if folded in index.known_as(i)]


def _names_of(index: NaceIndex, unit: UnitMatch) -> list[str]:
    """Every folded name a unit is known by (data/unit_names.yaml's too), found by its id."""
    return next(index.known_as(i) for i, u in enumerate(index.units) if u.unit_id == unit.unit_id)


def _by_name(rules: Rules, index: NaceIndex, text: str, prefer: str) -> Resolved:
    found, units = _units(index, text)
    if units:
        return _by_guide_codes(rules, text, found, units, prefer)
    return _by_list_title(rules, index, text)


def _by_list_title(rules: Rules, index: NaceIndex, text: str) -> Resolved:
    """A name only in the NACE list's titles: accepted where the look-up finds one code, said where several."""
    entries = [e for e in index.lookup(text, offers=False).list_entries if _names_it(text, e.title_tr)]
    exact = [e for e in entries if fold(e.title_tr) == fold(text)]
    chosen = exact or entries
    if len(chosen) == 1:
        entry = chosen[0]
        note = Reason("found_in_list_title", explain.found_in_list_title(shown_text(text), entry.code, entry.title_tr))
        summary = explain.unit_summary(
            {"tr": text, "en": text}, text, [entry.code], rules.hazard_label(entry.hazard_class), FROM_CODE
        )
        return Resolved(
            entry.hazard_class,
            None,
            [note],
            list_entry=entry,
            class_source=FROM_CODE,
            list_class=entry.hazard_class,
            summary=summary,
            code=entry.code,
        )
    if chosen:
        listed = ", ".join(f"{e.code} {shown_text(e.title_tr, 40)}" for e in chosen[:_SHOWN_CANDIDATES])
        raise AmbiguousUnit(
            {
                "tr": f"“{shown_text(text)}” rehberde yok; NACE listesinde birden fazla koda uyuyor ({listed}): "
                "NACE kodunu yazın.",
                "en": f"“{shown_text(text)}” is not in the guide; it matches more than one code of the NACE list "
                f"({listed}): give the NACE code.",
            },
            field="unit",
        )
    raise _not_found(index, text, "name")


def _names_it(text: str, title: str) -> bool:
    """Whether every word typed (of three letters or more) is a word of the title, or the same word with
    another Turkish suffix: a unit named only by a list title must name it, not merely share a few letters."""
    typed, title_words = [word for word in words(text) if len(word) >= 3], fold(title).split()
    return bool(typed) and all(any(matching.word_score(word, other) >= matching.STEM for other in title_words) for word in typed)


def _by_guide_codes(rules: Rules, text: str, found: LookupResult, units: list[UnitMatch], prefer: str) -> Resolved:
    """Units of the guide found by name (each row's own class) or by code (every class the guide gives it)."""
    by_name = found.kind == "name"
    pairs = [
        (e, [e.hazard_class] if by_name else e.guide_classes)
        for u in units
        for e in u.codes
        if by_name or e.code in u.matched_codes
    ]
    resolved = _from_classes(rules, pairs, prefer)
    unit = units[0] if (by_name or len(units) == 1) else None
    codes = list(dict.fromkeys(e.code for e, _ in pairs))
    summary = explain.unit_summary(
        dict(unit.name) if unit else None, text, codes, rules.hazard_label(resolved.hazard_class), resolved.class_source
    )
    return replace(resolved, unit=unit, summary=summary, code=codes[0] if len(codes) == 1 else None)


def _from_classes(rules: Rules, pairs: list[tuple[CodeEntry, list[str]]], prefer: str) -> Resolved:
    """The class of guide rows (each code entry with the classes the guide gives it there) against
    their codes' listed classes: the higher by default, with notes saying both."""
    guide_used = list(dict.fromkeys(c for _, classes in pairs for c in classes))
    guide = _strictest(rules, guide_used)
    listed = [e.list_class for e, _ in pairs if e.list_class is not None]
    list_class = _strictest(rules, listed) if listed else None
    differs = list_class is not None and list_class != guide
    if list_class is None or prefer == FROM_GUIDE:
        source, used = FROM_GUIDE, guide_used
    else:
        # The list's class per entry; the guide's where the list lacks that code.
        list_used = list(dict.fromkeys((e.list_class or c) for e, classes in pairs for c in classes))
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
        notes.append(
            Reason(
                "guide_and_list_differ",
                explain.guide_and_list_differ(
                    rules.hazard_label(guide),
                    rules.hazard_label(str(list_class)),
                    rules.hazard_label(chosen),
                    protective=source == HIGHER,
                ),
            )
        )
    return Resolved(
        chosen,
        None,
        notes,
        class_source=source,
        guide_class=guide if differs else None,
        list_class=list_class if differs else None,
    )
