"""Finding a NACE code's hazard class: in the guide's Ek-1 (university
units) and in the official list of every six-digit NACE Rev. 2.1 code.
By code ("43.22.06"), by four-digit class ("43.22": every code under it),
or by words of a unit's name (Turkish or English) or of an official title
(Turkish), typed with or without Turkish letters and with Turkish suffixes
("kazanı", "isitma", "ogrenci yurdu"). Ek-1 units come first."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from calculator.bilingual import Text
from calculator.errors import InvalidCode, InvalidQuery
from calculator.text import HARDEN as _HARDEN
from calculator.text import fold, same_stem, words

_CODE_LIKE = re.compile(r"[0-9][0-9.\s]*")
_SIX_DIGITS = re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}")
_FOUR_DIGITS = re.compile(r"[0-9]{2}\.[0-9]{2}")
MAX_QUERY_LENGTH = 200
# The most official-list entries one word search returns (a prefix returns all under it).
MAX_OFFICIAL_MATCHES = 50


@dataclass(frozen=True)
class OfficialEntry:
    """One row of the official list: its code, class and Turkish title."""

    code: str
    hazard_class: str
    title_tr: str


@dataclass(frozen=True)
class CodeEntry:
    code: str
    hazard_class: str
    # Every class the guide gives this code anywhere; more than one is a conflict.
    guide_classes: list[str]
    # The class of this code in the official list; None where the list lacks the code.
    list_class: str | None = None

    @property
    def conflicting(self) -> bool:
        return len(self.guide_classes) > 1

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
class LookupResult:
    query: str
    kind: str  # "code", "prefix" or "name"
    matches: list[UnitMatch]
    # For a code the guide does not list: the units under its four-digit class.
    nearby: list[UnitMatch] = field(default_factory=list)
    # Matches in the official list of every code: the code itself, every code under a
    # four-digit class, or titles matching the words.
    official: list[OfficialEntry] = field(default_factory=list)
    # For a code: whether the official list has it (None when no list was given).
    listed: bool | None = None


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


# How many query words' scores a NaceIndex keeps (each a small dict).
_WORD_CACHE_SIZE = 4096


class NaceIndex:
    """The guide's Ek-1 (the plain dict of nace.yaml) and the official list
    (the rows of nace_list.csv, if given), ready to search."""

    def __init__(self, nace: dict[str, Any], nace_list: list[dict[str, str]] | None = None):
        self.data = nace
        self.has_list = nace_list is not None
        self.official = {row["code"]: OfficialEntry(row["code"], row["hazard_class"], row["description_tr"])
                         for row in nace_list or []}
        # Folded titles and a word -> titles index, made on the first word search: most readers never need them.
        self._titles: list[tuple[OfficialEntry, str]] = []
        self._postings: dict[str, list[int]] | None = None
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
        self._word_cache: dict[str, dict[str, int]] = {}
        for group in nace["groups"]:
            for unit in group["units"]:
                codes = [
                    CodeEntry(e["code"], e["hazard_class"], list(classes_of[e["code"]]),
                              self.official[e["code"]].hazard_class if e["code"] in self.official else None)
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
                tr, en = fold(unit["name"]["tr"]), fold(unit["name"]["en"])
                self._folded.append((tr, en, tr.split() + en.split()))
        # Every distinct word of the names, and those of four letters or more by their first four
        # hardened letters: same_stem() can only hold within one such group.
        self._vocabulary = sorted({w for _, _, name_words in self._folded for w in name_words})
        self._by_stem_prefix: dict[str, list[str]] = {}
        for word in self._vocabulary:
            if len(word) >= 4:
                self._by_stem_prefix.setdefault(word.translate(_HARDEN)[:4], []).append(word)

    def unit(self, unit_id: str) -> UnitMatch | None:
        return next((u for u in self.units if u.unit_id == unit_id), None)

    def lookup(self, query: str, official_titles: bool = True) -> LookupResult:
        """Every unit matching `query`, best first. Raises InvalidQuery or InvalidCode.

        `official_titles=False` skips the word search of the official list's titles (resolving a
        unit by name needs only the guide's units, and a batch resolves many)."""
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
        official = self._official_by_words(query) if official_titles else []
        return LookupResult(query, "name", self._by_name(query), official=official)

    def _with_codes(self, unit: UnitMatch, matched: list[str]) -> UnitMatch:
        return UnitMatch(unit.unit_id, unit.group_id, unit.name, unit.group, unit.codes, unit.hazard_classes,
                         unit.notes, matched)

    def _by_code(self, query: str, code: str) -> LookupResult:
        listed = (code in self.official) if self.has_list else None
        # The guide's own odd codes ("86.90.1", "72.10") are found as written.
        if code in self.guide_classes and not _SIX_DIGITS.fullmatch(code) and not _FOUR_DIGITS.fullmatch(code):
            return LookupResult(query, "code", self._matching(lambda c: c == code), listed=listed)
        if _SIX_DIGITS.fullmatch(code):
            matches = self._matching(lambda c: c == code)
            nearby = [] if matches else self._matching(lambda c: c == code[:5] or c.startswith(code[:5] + "."))
            official = [self.official[code]] if code in self.official else []
            return LookupResult(query, "code", matches, nearby, official, listed)
        if _FOUR_DIGITS.fullmatch(code):
            under = [entry for key, entry in self.official.items() if key.startswith(code + ".")]
            matches = self._matching(lambda c: c == code or c.startswith(code + "."))
            return LookupResult(query, "prefix", matches, official=under, listed=bool(under) if self.has_list else None)
        shown = query.strip()[:30]
        raise InvalidCode(
            {
                "tr": f"“{shown}” geçerli bir NACE kodu değil. "
                "Altı haneli kodu 43.22.06, dört haneli sınıfı 43.22 biçiminde yazın.",
                "en": f"“{shown}” is not a valid NACE code. Write a six-digit code as 43.22.06, a four-digit class as 43.22.",
            },
            field="query",
        )

    def _title_index(self) -> dict[str, list[int]]:
        if self._postings is None:
            postings: dict[str, list[int]] = {}
            for position, entry in enumerate(self.official.values()):
                title = fold(entry.title_tr)
                self._titles.append((entry, title))
                for word in dict.fromkeys(title.split()):
                    postings.setdefault(word, []).append(position)
            self._postings = postings
        return self._postings

    def _official_by_words(self, query: str) -> list[OfficialEntry]:
        query_words = words(query)
        if not query_words or not self.official:
            return []
        postings = self._title_index()
        # Score each distinct title word once per query word, then spread it to the titles holding it.
        per_word: list[dict[int, int]] = []
        for query_word in query_words:
            head = query_word[:3].translate(_HARDEN)
            best: dict[int, int] = {}
            for word, positions in postings.items():
                if word == query_word:
                    score = 3
                elif word.startswith(query_word):
                    score = 2
                elif query_word in word or (word[:3].translate(_HARDEN) == head and same_stem(query_word, word)):
                    score = 1
                else:
                    continue
                for position in positions:
                    if score > best.get(position, 0):
                        best[position] = score
            per_word.append(best)
        candidates = set(per_word[0]).intersection(*per_word[1:])
        folded = fold(query)
        scored: list[tuple[int, int, str, OfficialEntry]] = []
        for position in candidates:
            entry, title = self._titles[position]
            # The whole phrase, and a title that starts with it, rank higher; then shorter titles.
            bonus = (5 if folded in title else 0) + (3 if title.startswith(query_words[0]) else 0)
            total = bonus + sum(best[position] for best in per_word)
            scored.append((-total, len(title), entry.code, entry))
        return [entry for *_, entry in sorted(scored, key=lambda s: s[:3])][:MAX_OFFICIAL_MATCHES]

    def _matching(self, wanted: Any) -> list[UnitMatch]:
        found = []
        for unit in self.units:
            codes = [e.code for e in unit.codes if wanted(e.code)]
            if codes:
                found.append(self._with_codes(unit, codes))
        return found

    def _vocabulary_scores(self, query_word: str) -> dict[str, int]:
        """How well `query_word` matches each word of the unit names (only those above 0): 3 the same
        word, 2 a word it starts, 1 a word it is inside of or shares a Turkish stem with.

        A batch asks the same few words thousands of times, and a name word is shared by many units:
        each query word is scored once against the distinct words (same_stem only where the first four
        hardened letters agree, which it needs), then looked up per unit.
        """
        found = self._word_cache.get(query_word)
        if found is not None:
            return found
        found = {}
        for word in self._vocabulary:
            if word == query_word:
                found[word] = 3
            elif word.startswith(query_word):
                found[word] = 2
            elif query_word in word:
                found[word] = 1
        for word in self._by_stem_prefix.get(query_word.translate(_HARDEN)[:4], ()):
            if word not in found and same_stem(query_word, word):
                found[word] = 1
        if len(self._word_cache) >= _WORD_CACHE_SIZE:
            self._word_cache.clear()
        self._word_cache[query_word] = found
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
                word_scores = []
                for query_word in query_words:
                    against = self._vocabulary_scores(query_word)
                    best = max((against.get(word, 0) for word in name_words), default=0)
                    if best == 0:
                        break  # every query word must match somewhere
                    word_scores.append(best)
                if len(word_scores) < len(query_words):
                    continue
                score = 10 * sum(word_scores) // len(word_scores)
            scored.append((-score, position, unit))
        return [unit for _, _, unit in sorted(scored, key=lambda s: (s[0], s[1]))]
