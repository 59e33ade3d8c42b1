"""Finding a NACE code's hazard class: in the guide's Ek-1 (university
units) and in the NACE list of every six-digit NACE Rev. 2.1 code (a
transcription of the Communiqué's annex). By code ("43.22.06"), by a code's
first digits ("43.22", "43.2", "43": every code under them), or by words of a
unit's name (Turkish or English) or of a list title (Turkish), typed with or
without Turkish letters and with Turkish suffixes ("kazanı", "isitma",
"ogrenci yurdu"). Ek-1 units come first. How well words match is decided in
calculator.matching, which the NACE page's filter applies too."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from calculator import matching
from calculator.bilingual import Text, both, day_month_year, shifted
from calculator.errors import InvalidCode, InvalidDate, InvalidQuery
from calculator.text import fold, turkish_lower, words

_SIX_DIGITS = re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}")
_FOUR_DIGITS = re.compile(r"[0-9]{2}\.[0-9]{2}")
MAX_QUERY_LENGTH = matching.MAX_QUERY_LENGTH
MAX_LIST_MATCHES = matching.MAX_LIST_MATCHES


@dataclass(frozen=True)
class ListEntry:
    """One state of a code in the NACE list: its class and Turkish title, from `valid_from` (the day the
    act numbered `act` took effect) to `valid_to` ("" while in force), and what ended it."""

    code: str
    hazard_class: str
    title_tr: str
    valid_from: str = ""
    valid_to: str = ""
    act: str = ""
    ended_by: str = ""
    successor: str = ""
    confidence: str = "secondary"
    note: str = ""
    # The English title of the code's NACE Rev. 2.1 class ("" where the class has none: 66.13).
    title_en: str = ""

    def in_force(self, on: dt.date | None) -> bool:
        """In force on `on` (None: the latest list, the rows with no end)."""
        if on is None:
            return not self.valid_to
        day = on.isoformat()
        return (self.valid_from or day) <= day and (not self.valid_to or day <= self.valid_to)


def _entry(row: dict[str, str], titles_en: dict[str, str]) -> ListEntry:
    """A row of nace_list.csv (its title is `description_tr` there), with its class's English title."""
    return ListEntry(
        row["code"],
        row["hazard_class"],
        row["description_tr"],
        row.get("valid_from", ""),
        row.get("valid_to", ""),
        row.get("act", ""),
        row.get("ended_by", ""),
        row.get("successor", ""),
        row.get("confidence") or "secondary",
        row.get("note", ""),
        titles_en.get(row["code"][:5], ""),
    )


@dataclass(frozen=True)
class CodeChange:
    """What became of a code that is not in the list on the date asked."""

    kind: str  # RENUMBERED, REMOVED or NOT_YET
    code: str
    day: str  # the day it happened: the new number's or the removal's first day, or the code's first day
    act: str  # the act's Resmî Gazete number ("" where none is known)
    successor: str
    message: Text


@dataclass(frozen=True)
class CodeEntry:
    code: str
    hazard_class: str
    # Every class the guide gives this code anywhere; more than one is a conflict.
    guide_classes: list[str]
    # The class of this code in the NACE list; None where the list lacks the code.
    list_class: str | None = None
    # Whether the list gives this code another class than the guide's row does (said wherever both show).
    disagreement: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "disagreement", self.list_class is not None and self.list_class != self.hazard_class)

    @property
    def in_list(self) -> bool:
        return self.list_class is not None


@dataclass(frozen=True)
class UnitMatch:
    unit_id: str
    group_id: str
    name: Text
    group: Text
    codes: list[CodeEntry]
    hazard_classes: list[str]
    notes: list[dict[str, str]]
    matched_codes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SuggestedCode:
    code: str
    hazard_class: str
    title_tr: str


@dataclass(frozen=True)
class Suggestion:
    """An everyday name of data/unit_names.yaml with the codes such a unit usually has: the guide's
    suggestion, not a registration (`notice` says so)."""

    entry_id: str
    names: dict[str, list[str]]
    codes: list[SuggestedCode]
    note: Text | None
    notice: Text
    # The name the query matched best, as written ("" in the index's own list).
    matched: str = ""
    # The name a finder shows in each language: the matched one where it is one of that language's
    # names, else that language's first.
    shown: Text = field(default_factory=dict)


@dataclass(frozen=True)
class LookupResult:
    query: str
    kind: str  # "code", "prefix" or "name"
    matches: list[UnitMatch]
    # For a code the guide does not list: the units under its four-digit class.
    nearby: list[UnitMatch] = field(default_factory=list)
    # Matches in the NACE list: the code itself, every code under a prefix, or titles matching the words.
    list_entries: list[ListEntry] = field(default_factory=list)
    # For a code: whether the NACE list has it (None when no list was given).
    listed: bool | None = None
    # For a code not in the list on the date asked: renumbered, removed, or not yet in it.
    change: CodeChange | None = None
    # For words: the everyday names (data/unit_names.yaml) matching them, after the Ek-1 units.
    suggestions: list[Suggestion] = field(default_factory=list)
    # For words that found nothing: the known words closest to those that matched none.
    nearest: list[str] = field(default_factory=list)
    # Whether the best everyday name matches better than the best Ek-1 unit: the finders show it first.
    suggestions_first: bool = False


def normalise_code(query: str) -> str | None:
    """ "432206" -> "43.22.06", " 43.22 " -> "43.22"; None when it is no code at all."""
    parsed = matching.code_digits(query)
    if parsed is None:
        return None
    compact, digits = parsed
    if "." not in compact and len(digits) in (4, 6):
        return matching.dotted(digits)
    return compact


def _invalid_code(query: str) -> InvalidCode:
    shown = query.strip()[:30]
    return InvalidCode(
        {
            "tr": f"“{shown}” geçerli bir NACE kodu değil. "
            "Altı haneli kodu 43.22.06, dört haneli sınıfı 43.22 biçiminde yazın; "
            "ilk iki hane bir bölümün bütün kodlarını verir.",
            "en": f"“{shown}” is not a valid NACE code. Write a six-digit code as 43.22.06, a four-digit class "
            "as 43.22; the first two digits give every code of a division.",
        },
        field="query",
    )


# What every finder says where nothing is found: the nearest words (a list follows), and what to try next.
NOT_FOUND_HELP: dict[str, Text] = {
    "nearest": {"tr": "Bunu mu aradınız:", "en": "Did you mean:"},
    "next": {
        "tr": "Birimin yaptığı işi anlatan başka bir kelimeyle ya da kodun ilk haneleriyle deneyin; NACE listesi "
        "sayfasında bütün kodlar bölüm bölüm sıralıdır. Geçerli kod işyerinin kaydındaki koddur: SGK işyeri kaydında "
        "(DETSİS numarasıyla kayıtlı kamu kurumlarında o kayıtta) yazılıdır.",
        "en": "Try another word for what the unit does, or a code's first digits; the NACE list page has every code, "
        "division by division. The code that applies is the one in the workplace's registration: its SGK workplace "
        "record (for a public body registered by DETSİS number, that record).",
    },
}

# How many query words' scores a NaceIndex keeps (each a small dict).
_WORD_CACHE_SIZE = 4096


def _word_scores(query_word: str, vocabulary: list[str]) -> dict[str, int]:
    """matching.word_score of a query word against every word of a vocabulary, the ones it matches.

    A word with another first letter can match only with the query word inside it (the same word,
    its stem, its start and a typo all share the first letter): checked so without the full rule,
    which most words of a vocabulary would otherwise go through."""
    scores = {}
    first, inside = query_word[0], len(query_word) >= matching.MIN_INSIDE
    for word in vocabulary:
        if word[0] != first:
            if inside and query_word in word:
                scores[word] = matching.INSIDE
            continue
        score = matching.word_score(query_word, word)
        if score:
            scores[word] = score
    return scores


RENUMBERED, REMOVED, NOT_YET = "renumbered", "removed", "not_yet"
# How many dates' lists one index keeps (a reader tries a few dates; each list is a view of one history).
_DATES_KEPT = 16


class NaceIndex:
    """The guide's Ek-1 (the plain dict of nace.yaml) and the NACE list (the dated rows of
    nace_list.csv with the acts of nace_list.yaml, if given), ready to search: the list as in
    force on `on` (None: the latest)."""

    def __init__(
        self,
        nace: dict[str, Any],
        nace_list: list[dict[str, str]] | list[ListEntry] | None = None,
        acts: list[dict[str, Any]] | None = None,
        on: dt.date | None = None,
        names: dict[str, Any] | None = None,
        titles_en: list[dict[str, str]] | dict[str, str] | None = None,
    ):
        self.data = nace
        self.names = names or {"entries": []}
        # The English title of each NACE Rev. 2.1 class ("16.26"), from data/nace_titles_en.csv.
        self.titles_en = titles_en if isinstance(titles_en, dict) else {r["code"]: r["title_en"] for r in titles_en or []}
        self.on = on
        self.acts = {str(act["number"]): act for act in acts or []}
        self._history: list[ListEntry] | None = [
            row if isinstance(row, ListEntry) else _entry(row, self.titles_en) for row in nace_list or []
        ]
        self._packed: bytes | None = None
        self._dated: dict[dt.date | None, NaceIndex] = {}
        self.covers_from = min((e.valid_from for e in self._history if e.valid_from), default="")
        # A date before the list's first act: the list then in force (NACE Rev. 2) is not held here.
        self.list_refused = bool(on is not None and self.covers_from and on.isoformat() < self.covers_from)
        self.has_list = nace_list is not None and not self.list_refused
        self._list_entries: dict[str, ListEntry] | None = None
        # Folded titles and their words, made on the first word search: most readers never need them.
        # Per code in force: its Turkish title as searched, and its class's English title as searched ("").
        self._titles: list[tuple[ListEntry, str, str]] | None = None
        self._title_vocabulary: list[str] = []
        self._making: set[str] = set()
        self._whole: dict[str, str] = {}
        self._title_names: list[tuple[list[str], list[str]]] = []
        self._title_index: dict[str, list[int]] = {}
        self._whole_only: set[int] = set()
        self._build_units()
        self._build_names()

    def _build_units(self) -> None:
        nace = self.data
        classes_of: dict[str, list[str]] = {}
        for group in nace["groups"]:
            for unit in group["units"]:
                for entry in unit["codes"]:
                    known = classes_of.setdefault(entry["code"], [])
                    if entry["hazard_class"] not in known:
                        known.append(entry["hazard_class"])
        self.guide_classes = classes_of
        # The guide's codes that are neither six- nor four-digit codes ("86.90.1"): found as written.
        self.odd_codes = [c for c in classes_of if not _SIX_DIGITS.fullmatch(c) and not _FOUR_DIGITS.fullmatch(c)]
        self.units: list[UnitMatch] = []
        # Per unit: its folded names (Turkish, English).
        self.folded_names: list[list[str]] = []
        self._word_cache: dict[tuple[str, bool], dict[str, int]] = {}
        listed = self.list_entries
        for group in nace["groups"]:
            for unit in group["units"]:
                codes = [
                    CodeEntry(
                        e["code"],
                        e["hazard_class"],
                        list(classes_of[e["code"]]),
                        listed[e["code"]].hazard_class if e["code"] in listed else None,
                    )
                    for e in unit["codes"]
                ]
                hazard_classes: list[str] = []
                for entry in codes:
                    if entry.hazard_class not in hazard_classes:
                        hazard_classes.append(entry.hazard_class)
                self.units.append(
                    UnitMatch(
                        unit_id=unit["id"],
                        group_id=group["id"],
                        name=dict(unit["name"]),
                        group=dict(group["name"]),
                        codes=codes,
                        hazard_classes=hazard_classes,
                        notes=[dict(n) for n in unit.get("notes", [])],
                    )
                )
                self.folded_names.append([fold(unit["name"]["tr"]), fold(unit["name"]["en"])])

    def _build_names(self) -> None:
        """The everyday names: other names of Ek-1 rows (`aliases`, per unit) and suggested codes in force."""
        entries = self.names["entries"]
        by_unit: dict[str, list[tuple[str, str]]] = {}
        for entry in entries:
            if "unit" in entry:
                by_unit.setdefault(entry["unit"], []).extend((lang, fold(n)) for lang in ("tr", "en") for n in entry[lang])
        self.aliases = [by_unit.get(unit.unit_id, []) for unit in self.units]
        notice = dict(self.names.get("notice") or {})
        self.suggestions: list[Suggestion] = []
        self.suggestion_names: list[list[tuple[str, str]]] = []
        for entry in entries:
            in_force = [self._in_force(code) for code in entry.get("codes", [])]
            codes = [SuggestedCode(e.code, e.hazard_class, e.title_tr) for e in dict.fromkeys(in_force) if e is not None]
            if codes:
                names = {"tr": list(entry["tr"]), "en": list(entry["en"])}
                note = dict(entry["note"]) if "note" in entry else None
                self.suggestions.append(Suggestion(entry["id"], names, codes, note, notice))
                self.suggestion_names.append([(lang, fold(n)) for lang in ("tr", "en") for n in entry[lang]])
        named = [name for names in self.folded_names for name in names]
        named += [name for names in [*self.aliases, *self.suggestion_names] for _, name in names]
        self._vocabulary = sorted({w for name in named for w in name.split()})
        self._written: dict[str, str] | None = None

    def _in_force(self, code: str) -> ListEntry | None:
        """A code's row on this index's date, a renumbered code's new row; None where it is not in the list."""
        if code in self.list_entries:
            return self.list_entries[code]
        change = self.change(code) if self.has_list else None
        return self.list_entries.get(change.successor) if change is not None and change.successor else None

    @property
    def written_words(self) -> dict[str, str]:
        """Every word of the guide's names and the everyday names, folded -> as written (lower case); made
        when first asked ("nothing found", the pages' search data)."""
        if self._written is None:
            self._written = self._written_words()
        return self._written

    def _written_words(self) -> dict[str, str]:
        written: dict[str, str] = {}
        names = [n for unit in self.units for n in unit.name.values()]
        names += [n for entry in self.names["entries"] for lang in ("tr", "en") for n in entry[lang]]
        for name in names:
            for word in re.findall(r"[^\W_]+", turkish_lower(name)):
                folded = fold(word)
                if len(folded) >= matching.MIN_INSIDE:
                    written.setdefault(folded, word)
        return dict(sorted(written.items()))

    @property
    def history(self) -> list[ListEntry]:
        """Every state of every code of the NACE list (unpacked again on first use after pack_list())."""
        if self._history is None:
            self._history = [ListEntry(*row) for row in json.loads(self._packed or b"[]")]
            self._packed = None
        return self._history

    @property
    def list_entries(self) -> dict[str, ListEntry]:
        """The NACE list's rows in force on this index's date, by code."""
        if self._list_entries is None:
            self._list_entries = (
                {} if self.list_refused else {entry.code: entry for entry in self.history if entry.in_force(self.on)}
            )
        return self._list_entries

    def pack_list(self) -> None:
        """Keeps the NACE list as one UTF-8 text until a search needs its rows.

        For the browser's memory snapshot (calculator.browser): the list's rows as Python
        objects (Turkish titles are two bytes a letter there, each row a dozen objects and a dict
        entry) cost the page several times their bytes as text; most readers never search the list,
        and one who does waits once for it to be read (some 10 ms in Pyodide)."""
        if self._history is not None:
            rows = [[getattr(e, f) for f in ListEntry.__dataclass_fields__] for e in self._history]
            self._packed = json.dumps(rows, ensure_ascii=False).encode()
            self._history = None
            self._list_entries = None
            self._titles = None
            self._title_vocabulary = []
            self._dated.clear()

    def at(self, on: dt.date | None) -> NaceIndex:
        """This index with the list in force on `on` (None: the latest)."""
        if on == self.on:
            return self
        dated = self._dated.get(on)
        if dated is None:
            if len(self._dated) >= _DATES_KEPT:
                self._dated.clear()
            dated = self._dated[on] = NaceIndex(self.data, self.history, list(self.acts.values()), on, self.names, self.titles_en)
        return dated

    def known_as(self, position: int) -> list[str]:
        """The folded names the unit at `position` of `units` is known by: its own two and its other names."""
        return [*self.folded_names[position], *(alias for _, alias in self.aliases[position])]

    def unit(self, unit_id: str) -> UnitMatch | None:
        return next((u for u in self.units if u.unit_id == unit_id), None)

    def guide_search_data(self) -> dict[str, Any]:
        """What the NACE page's filter needs to match the guide's units as lookup() does: the rule's
        constants, the units with their names folded here, and the guide's odd codes."""
        return {
            "rule": matching.RULE,
            "odd_codes": self.odd_codes,
            "units": [
                {
                    "id": unit.unit_id,
                    "name": unit.name,
                    "folded": names,
                    "aliases": aliases,
                    "codes": [entry.code for entry in unit.codes],
                    "classes": unit.hazard_classes,
                }
                for unit, names, aliases in zip(self.units, self.folded_names, self.aliases, strict=True)
            ],
            "suggestions": [
                {
                    "id": suggestion.entry_id,
                    "names": suggestion.names,
                    "folded": names,
                    "codes": [code.code for code in suggestion.codes],
                    "classes": [code.hazard_class for code in suggestion.codes],
                    "note": suggestion.note,
                }
                for suggestion, names in zip(self.suggestions, self.suggestion_names, strict=True)
            ],
            "notice": self.names.get("notice"),
            "words": self.written_words,
            "help": NOT_FOUND_HELP,
            # The English class titles: as written and as searched ({"16.26": [title, searched]}).
            "classes_en": self.classes_en(),
        }

    def list_search_rows(self) -> list[list[Any]]:
        """The NACE list for the page's filter: code, class, Turkish title, the title as searched here
        (folded, without exclusion clauses), 1 where it is about making or building a thing, and the
        title folded whole where that differs ("" elsewhere)."""
        titles, _ = self._title_words()
        making, whole = self._making, self._whole
        return [
            [entry.code, entry.hazard_class, entry.title_tr, title, int(entry.code in making), whole.get(entry.code, "")]
            for entry, title, _ in titles
        ]

    def classes_en(self) -> dict[str, list[str]]:
        """The English class titles of the codes in force, as written and as searched: {"16.26": [title, searched]}."""
        return {code: [title, matching.searchable(title)] for code, title in sorted(self.titles_en.items())}

    def class_code(self, query: str) -> bool:
        """Whether a code-like query is a four-digit class (43.22) or longer, as a unit's code can be."""
        parsed = matching.code_digits(query)
        return parsed is not None and len(parsed[1]) >= 4

    def lookup(self, query: str, list_titles: bool = True, offers: bool = True) -> LookupResult:
        """Every unit matching `query`, best first. Raises InvalidQuery or InvalidCode.

        `list_titles=False` skips the word search of the NACE list's titles (resolving a unit
        by name needs only the guide's units, and a batch resolves many); `offers=False` skips what
        only a reader is offered, the everyday names and the nearest words (a batch row needs neither,
        and 5,000 rows of unknown names would each look for the nearest words)."""
        if not isinstance(query, str) or not query.strip():
            raise InvalidQuery(
                {"tr": "Bir birim adı veya NACE kodu yazın.", "en": "Type a unit name or a NACE code."}, field="query"
            )
        if len(query) > MAX_QUERY_LENGTH:
            raise InvalidQuery(
                {
                    "tr": f"Arama en çok {MAX_QUERY_LENGTH} karakter olabilir.",
                    "en": f"A search can be at most {MAX_QUERY_LENGTH} characters long.",
                },
                field="query",
            )
        parsed = matching.code_digits(query)
        if parsed is not None:
            return self._by_code(query, *parsed)
        units, best_unit = self._by_name(query)
        if not list_titles:
            return LookupResult(query, "name", units)
        (suggested, best_name), entries = self._suggested(query) if offers else ([], 0), self._list_by_words(query)
        nearest = [] if units or suggested or entries or not offers else self._nearest(query)
        return LookupResult(
            query,
            "name",
            units,
            list_entries=entries,
            suggestions=suggested,
            nearest=nearest,
            suggestions_first=best_name > best_unit,
        )

    def _with_codes(self, unit: UnitMatch, matched: list[str]) -> UnitMatch:
        return UnitMatch(unit.unit_id, unit.group_id, unit.name, unit.group, unit.codes, unit.hazard_classes, unit.notes, matched)

    def _by_code(self, query: str, compact: str, digits: str) -> LookupResult:
        # The guide's own odd codes ("86.90.1", "72.10") are found as written.
        if compact in self.odd_codes:
            listed = (compact in self.list_entries) if self.has_list else None
            return LookupResult(query, "code", self._matching(lambda c: c == compact), listed=listed)
        if not matching.well_formed(compact, digits):
            raise _invalid_code(query)
        if len(digits) == matching.CODE_DIGITS:
            code = matching.dotted(digits)
            matches = self._matching(lambda c: c == code)
            if self.list_refused and not matches:
                raise self._refused()
            listed = (code in self.list_entries) if self.has_list else None
            nearby = [] if matches else self._matching(lambda c: c.replace(".", "").startswith(digits[:4]))
            entries = [self.list_entries[code]] if code in self.list_entries else []
            change = self.change(code) if self.has_list and not entries else None
            if change is not None and change.successor in self.list_entries:
                entries = [self.list_entries[change.successor]]
            return LookupResult(query, "code", matches, nearby, entries, listed, change)
        if self.list_refused:
            raise self._refused()
        under = [entry for key, entry in self.list_entries.items() if key.replace(".", "").startswith(digits)]
        matches = self._matching(lambda c: c.replace(".", "").startswith(digits))
        return LookupResult(query, "prefix", matches, list_entries=under, listed=bool(under) if self.has_list else None)

    def _refused(self) -> InvalidDate:
        asked, first = day_month_year(str(self.on)), day_month_year(self.covers_from)
        return InvalidDate(
            {
                "tr": f"{asked} tarihinin NACE listesi bu rehberde yok: liste {first} tarihli Tebliğ değişikliğiyle "
                "NACE Rev. 2.1'e geçti ve buradaki liste o tarihten başlıyor. Birimin kodunu ve sınıfını o tarihteki "
                "SGK kaydından okuyun.",
                "en": f"The NACE list of {asked} is not in this guide: the list moved to NACE Rev. 2.1 with the "
                f"Communiqué's amendment of {first}, and the list here starts then. Read the unit's code and class "
                "from its SGK registration of that date.",
            },
            field="on",
        )

    def _act_text(self, number: str, lang: str) -> str:
        act = self.acts.get(number)
        if act is None:
            return ""
        gazette = day_month_year(str(act["published"]))
        text = f"Resmî Gazete {gazette}, sayı {number}" if lang == "tr" else f"Official Gazette {gazette}, No. {number}"
        if not act.get("effective_confirmed"):
            text += (
                "; yürürlük tarihi olarak yayım tarihi alındı, doğrulanmadı"
                if lang == "tr"
                else "; taken to apply from its publication, unconfirmed"
            )
        return text

    def change(self, code: str) -> CodeChange | None:
        """Why `code` is not in the list on this index's date: renumbered, removed or not yet in it (None
        when it never was)."""
        states = [e for e in self.history if e.code == code]
        if not states:
            return None
        day = self.on.isoformat() if self.on else "9999-12-31"
        if states[0].valid_from > day:
            first = states[0]
            return CodeChange(NOT_YET, code, first.valid_from, first.act, "", both(lambda lang: self._not_yet(first, lang)))
        last = max((e for e in states if e.valid_to and e.valid_to < day), key=lambda e: e.valid_to, default=None)
        if last is None:
            return None
        since = shifted(last.valid_to, 1)
        successor = self._successor(last)
        kind = RENUMBERED if successor else REMOVED
        return CodeChange(
            kind, code, since, last.ended_by, successor, both(lambda lang: self._ended(last, since, successor, lang))
        )

    def _successor(self, entry: ListEntry) -> str:
        """The code in force now that `entry` was renumbered to (following later renumberings too)."""
        seen = {entry.code}
        successor = entry.successor
        while successor and successor not in self.list_entries and successor not in seen:
            seen.add(successor)
            later = [e for e in self.history if e.code == successor and e.successor]
            successor = later[-1].successor if later else ""
        return successor if successor in self.list_entries else ""

    def _not_yet(self, first: ListEntry, lang: str) -> str:
        act, start = self._act_text(first.act, lang), day_month_year(first.valid_from)
        asked = day_month_year(str(self.on))
        # A row a transcription calls changed, whose earlier state neither transcription gives.
        unknown_before = "earlier row" in first.note
        if lang == "tr":
            return (
                f"{first.code} kodu NACE listesinde {start} tarihinden itibaren var ({act}); {asked} tarihinde listede "
                "yoktu."
                + (
                    " Doğrulanmadı: bir aktarım bu satırın o gün değiştirildiğini söylüyor; önceki hâli hiçbir aktarımda yok."
                    if unknown_before
                    else ""
                )
            )
        return f"Code {first.code} is in the NACE list from {start} ({act}); it was not in the list on {asked}." + (
            " Unconfirmed: a transcription says this row was changed that day; its earlier state is in neither transcription."
            if unknown_before
            else ""
        )

    def _ended(self, last: ListEntry, since: str, successor: str, lang: str) -> str:
        when, act = day_month_year(since), self._act_text(last.ended_by, lang)
        if successor:
            if lang == "tr":
                return f"{last.code} kodu {when} tarihinde {successor} oldu ({act}); yeni kodun sınıfı gösteriliyor."
            return f"{last.code} became {successor} on {when} ({act}); the new code's class is shown."
        same = [e.code for e in self.list_entries.values() if e.title_tr == last.title_tr]
        if lang == "tr":
            text = f"{last.code} kodu {when} tarihinden beri NACE listesinde yok"
            text += (
                f" ({act})."
                if act
                else (
                    " (doğrulanmadı: hangi düzenlemeyle kaldırıldığı bulunamadı; "
                    "son değişiklikten sonraki aktarımda yer almıyor)."
                )
            )
            return text + (f" Aynı başlık bugün {same[0]} kodunda." if same else "")
        text = f"Code {last.code} has not been in the NACE list since {when}"
        text += (
            f" ({act})."
            if act
            else (" (unconfirmed: no act was found that removed it; the transcription after the latest amendment lacks it).")
        )
        return text + (f" The same title is now code {same[0]}." if same else "")

    def _title_words(self) -> tuple[list[tuple[ListEntry, str, str]], list[str]]:
        """The titles in force as searched (folded, without exclusion clauses; the Turkish title and its
        class's English one), and their distinct words; `_whole` keeps each Turkish title folded whole
        where it differs (a title typed in full is found)."""
        if self._titles is None:
            english = {code: searched for code, (_, searched) in self.classes_en().items()}
            self._titles = [
                (entry, matching.searchable(entry.title_tr), english.get(entry.code[:5], ""))
                for entry in self.list_entries.values()
            ]
            self._title_vocabulary = sorted({w for _, tr, en in self._titles for w in f"{tr} {en}".split()})
            self._making = {entry.code for entry, tr, en in self._titles if matching.making(f"{tr} {en}".split())}
            self._whole = {e.code: whole for e, searched, _ in self._titles if (whole := fold(e.title_tr)) != searched}
            # Per title: its names and the names a whole query is compared with; and which titles have each word.
            self._title_names = []
            self._title_index = {}
            for at, (entry, tr, en) in enumerate(self._titles):
                names = [tr, en] if en else [tr]
                self._title_names.append((names, [*names, self._whole[entry.code]] if entry.code in self._whole else names))
                for word in set(f"{tr} {en}".split()):
                    self._title_index.setdefault(word, []).append(at)
            self._whole_only = {at for at, (entry, _, _) in enumerate(self._titles) if entry.code in self._whole}
        return self._titles, self._title_vocabulary

    def _scores(self, query_words: list[str], vocabulary: list[str], titles: bool) -> list[dict[str, int]]:
        """Per query word, the score of every word of `vocabulary` it matches.

        A batch asks the same few words thousands of times, and a name word is shared by many
        names: each query word is scored once against the distinct words, then looked up per name."""
        found = []
        for query_word in query_words:
            key = (query_word, titles)
            scores = self._word_cache.get(key)
            if scores is None:
                scores = _word_scores(query_word, vocabulary)
                if len(self._word_cache) >= _WORD_CACHE_SIZE:
                    self._word_cache.clear()
                self._word_cache[key] = scores
            found.append(scores)
        return found

    def _list_by_words(self, query: str) -> list[ListEntry]:
        query_words = words(query)
        if not query_words or not self.list_entries:
            return []
        titles, vocabulary = self._title_words()
        scores = self._scores(query_words, vocabulary, titles=True)
        folded = fold(query)
        # A title about making or building a thing comes after the others unless the query asks for that.
        asks = matching.making(query_words)
        # A query word no title has (beyond exclusion clauses): only a title typed whole can match.
        words_match = all(scores)
        scored: list[tuple[bool, int, int, str, ListEntry]] = []
        # Without a word each, only a title with an exclusion clause may match, typed whole.
        for at in self._candidates(scores) if words_match else self._whole_only:
            (entry, title, _), (names, whole) = titles[at], self._title_names[at]
            score = matching.name_score(folded, names, scores, whole) if words_match else matching.whole_score(folded, whole)
            if score:
                # Then shorter titles, then by code.
                scored.append((not asks and entry.code in self._making, -score, len(title), entry.code, entry))
        scored.sort(key=lambda s: s[:4])
        return [entry for *_, entry in scored[:MAX_LIST_MATCHES]]

    def _candidates(self, scores: list[dict[str, int]]) -> set[int]:
        """The titles that may match: those with a word each query word matches (name_score needs one per
        query word), and those a query may match whole only with their exclusion clauses."""
        found: set[int] | None = None
        for per_word in scores:
            having = {at for word in per_word for at in self._title_index.get(word, ())}
            found = having if found is None else found & having
        return (found or set()) | self._whole_only

    def _matching(self, wanted: Any) -> list[UnitMatch]:
        found = []
        for unit in self.units:
            codes = [e.code for e in unit.codes if wanted(e.code)]
            if codes:
                found.append(self._with_codes(unit, codes))
        return found

    def _by_name(self, query: str) -> tuple[list[UnitMatch], int]:
        """The Ek-1 units matching `query`, best first, and the best one's score (0: none)."""
        query_words = words(query)
        if not query_words:
            return [], 0
        folded = fold(query)
        scores = self._scores(query_words, self._vocabulary, titles=False)
        if not all(scores):
            return [], 0  # a query word matching no word of any name: no name matches (see name_score)
        scored: list[tuple[int, bool, int, UnitMatch]] = []
        for position, (unit, names, aliases) in enumerate(zip(self.units, self.folded_names, self.aliases, strict=True)):
            # Its two names together, or one of its other names (data/unit_names.yaml) alone; at the same
            # score, a unit found by its own name first.
            own = matching.name_score(folded, names, scores)
            score = max([own, *(matching.name_score(folded, [alias], scores) for _, alias in aliases)])
            if score:
                scored.append((-score, own < score, position, unit))
        scored.sort(key=lambda s: s[:3])
        return [unit for *_, unit in scored], -scored[0][0] if scored else 0

    def _suggested(self, query: str) -> tuple[list[Suggestion], int]:
        """The everyday names matching `query`, best first (each name on its own), then in the file's order;
        and the best one's score (0: none)."""
        query_words = words(query)
        scores = self._scores(query_words, self._vocabulary, titles=False)
        if not query_words or not all(scores):
            return [], 0
        folded = fold(query)
        scored = []
        for position, names in enumerate(self.suggestion_names):
            # The best of its names, the first of them at a tie.
            score, best = max((matching.name_score(folded, [name], scores), -i) for i, (_, name) in enumerate(names))
            if score:
                scored.append((-score, position, -best))
        scored.sort()
        found = [self._matched(self.suggestions[position], best) for _, position, best in scored]
        return found, -scored[0][0] if scored else 0

    @staticmethod
    def _matched(suggestion: Suggestion, best: int) -> Suggestion:
        written = [*suggestion.names["tr"], *suggestion.names["en"]][best]
        shown = {lang: written if written in names else names[0] for lang, names in suggestion.names.items()}
        return dataclasses.replace(suggestion, matched=written, shown=shown)

    def _nearest(self, query: str) -> list[str]:
        """For words that found nothing: the guide's words closest to each query word no name or title has."""
        _, title_vocabulary = self._title_words()
        vocabularies = ((self._vocabulary, False), (title_vocabulary, True))
        unknown = [w for w in words(query) if not any(self._scores([w], v, titles)[0] for v, titles in vocabularies)]
        found = [near for w in unknown for near in matching.nearest(w, self.written_words)]
        return list(dict.fromkeys(found))[: matching.NEAREST_SHOWN]
