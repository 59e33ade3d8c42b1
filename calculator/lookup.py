"""Finding a unit's NACE code(s) and hazard class in the guide's Ek-1:
by code ("43.22.06"), by four-digit class ("43.22": every code under it),
or by words of the unit's name in Turkish or English, typed with or
without Turkish letters and with Turkish suffixes ("kazanı", "isitma")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from calculator.bilingual import Text
from calculator.errors import InvalidCode, InvalidQuery
from calculator.text import fold, same_stem, words

_CODE_LIKE = re.compile(r"[0-9][0-9.\s]*")
_SIX_DIGITS = re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}")
_FOUR_DIGITS = re.compile(r"[0-9]{2}\.[0-9]{2}")
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class CodeEntry:
    code: str
    hazard_class: str
    # Every class the guide gives this code anywhere; more than one is a conflict.
    guide_classes: list[str]

    @property
    def conflicting(self) -> bool:
        return len(self.guide_classes) > 1


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
class LookupResult:
    query: str
    kind: str  # "code", "prefix" or "name"
    matches: list[UnitMatch]
    # For a code the guide does not list: the units under its four-digit class.
    nearby: list[UnitMatch] = field(default_factory=list)


def normalise_code(query: str) -> str | None:
    """ "432206" -> "43.22.06", " 43.22 " -> "43.22"; None when it is no code at all."""
    text = query.strip()
    if not _CODE_LIKE.fullmatch(text):
        return None
    compact = re.sub(r"\s+", "", text)
    digits = compact.replace(".", "")
    if "." not in compact and len(digits) in (4, 6):
        return ".".join(digits[i : i + 2] for i in range(0, len(digits), 2))
    return compact


def _word_score(query_word: str, name_words: list[str]) -> int:
    best = 0
    for word in name_words:
        if word == query_word:
            return 3
        if word.startswith(query_word):
            best = max(best, 2)
        elif query_word in word or same_stem(query_word, word):
            best = max(best, 1)
    return best


class NaceIndex:
    """The guide's Ek-1 (the plain dict of nace.yaml), ready to search."""

    def __init__(self, nace: dict[str, Any]):
        self.data = nace
        classes_of: dict[str, list[str]] = {}
        for group in nace["groups"]:
            for unit in group["units"]:
                for entry in unit["codes"]:
                    known = classes_of.setdefault(entry["code"], [])
                    if entry["hazard_class"] not in known:
                        known.append(entry["hazard_class"])
        self.guide_classes = classes_of
        self.units: list[UnitMatch] = []
        self._folded: list[tuple[str, str, list[str]]] = []
        for group in nace["groups"]:
            for unit in group["units"]:
                codes = [CodeEntry(e["code"], e["hazard_class"], list(classes_of[e["code"]])) for e in unit["codes"]]
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
                tr, en = fold(unit["name"]["tr"]), fold(unit["name"]["en"])
                self._folded.append((tr, en, tr.split() + en.split()))

    def unit(self, unit_id: str) -> UnitMatch | None:
        return next((u for u in self.units if u.unit_id == unit_id), None)

    def lookup(self, query: str) -> LookupResult:
        """Every unit matching `query`, best first. Raises InvalidQuery or InvalidCode."""
        if not isinstance(query, str) or not query.strip():
            raise InvalidQuery(
                {"tr": "Bir birim adı veya NACE kodu yazın.", "en": "Type a unit name or a NACE code."}, field="query"
            )
        if len(query) > MAX_QUERY_LENGTH:
            raise InvalidQuery(
                {"tr": f"Arama en çok {MAX_QUERY_LENGTH} karakter olabilir.",
                 "en": f"A search can be at most {MAX_QUERY_LENGTH} characters long."},
                field="query",
            )
        code = normalise_code(query)
        if code is not None:
            return self._by_code(query, code)
        return LookupResult(query, "name", self._by_name(query))

    def _with_codes(self, unit: UnitMatch, matched: list[str]) -> UnitMatch:
        return UnitMatch(unit.unit_id, unit.group_id, unit.name, unit.group, unit.codes, unit.hazard_classes,
                         unit.notes, matched)

    def _by_code(self, query: str, code: str) -> LookupResult:
        # The guide's own odd codes ("86.90.1", "72.10") are found as written.
        if code in self.guide_classes and not _SIX_DIGITS.fullmatch(code) and not _FOUR_DIGITS.fullmatch(code):
            return LookupResult(query, "code", self._matching(lambda c: c == code))
        if _SIX_DIGITS.fullmatch(code):
            matches = self._matching(lambda c: c == code)
            nearby = [] if matches else self._matching(lambda c: c == code[:5] or c.startswith(code[:5] + "."))
            return LookupResult(query, "code", matches, nearby)
        if _FOUR_DIGITS.fullmatch(code):
            return LookupResult(query, "prefix", self._matching(lambda c: c == code or c.startswith(code + ".")))
        shown = query.strip()[:30]
        raise InvalidCode(
            {
                "tr": f"“{shown}” geçerli bir NACE kodu değil. "
                "Altı haneli kodu 43.22.06, dört haneli sınıfı 43.22 biçiminde yazın.",
                "en": f"“{shown}” is not a valid NACE code. Write a six-digit code as 43.22.06, a four-digit class as 43.22.",
            },
            field="query",
        )

    def _matching(self, wanted: Any) -> list[UnitMatch]:
        found = []
        for unit in self.units:
            codes = [e.code for e in unit.codes if wanted(e.code)]
            if codes:
                found.append(self._with_codes(unit, codes))
        return found

    def _by_name(self, query: str) -> list[UnitMatch]:
        folded = fold(query)
        query_words = words(query)
        if not query_words:
            return []
        scored: list[tuple[int, int, UnitMatch]] = []
        for position, (unit, (tr, en, name_words)) in enumerate(zip(self.units, self._folded, strict=True)):
            if folded in (tr, en):
                score = 100
            elif tr.startswith(folded) or en.startswith(folded):
                score = 80
            else:
                word_scores = [_word_score(w, name_words) for w in query_words]
                if min(word_scores) == 0:
                    continue
                score = 10 * sum(word_scores) // len(word_scores)
            scored.append((-score, position, unit))
        return [unit for _, _, unit in sorted(scored, key=lambda s: (s[0], s[1]))]
