"""The one rule for how well a query matches a unit's name or a list title, and what a
code-like query means. `calculator.lookup` applies it; the NACE page's filter applies the
same rule in JavaScript (docs/assets/js/nace-match.js) with the constants of `RULE`, which
the NACE page carries with its data (NaceIndex.guide_search_data, hooks/site_blocks.py's
nace_table). tests/site/test_nace_search.py
runs the same queries through both and requires the same answers.

Ranking, best first: the whole name; a name that starts with the query's words; then, word
by word (each query word must match a word of the name), the same word, the same word with
another Turkish suffix ("laboratuvarlar" ~ "laboratuvarı"), a word the query word starts,
a word it is inside of, and last a word one or two letters away (a typo: "laboratuar" ~
"laboratuvar"). Text is folded first (calculator.text.fold): "kres" is "kreş".

A list title is searched without its exclusion clauses ("… (kreş faaliyetleri hariç)" is not
found by "kreş": `searchable`), and a title about making or building a thing ranks below the
others unless the query asks for that ("yüzme havuzu": pool construction after the rest).
"""

from __future__ import annotations

import re
from typing import Any

from calculator.text import FOLD_MAP, UPPER_MAP, common_prefix_length, fold

# Word scores: the same word, the same stem with another suffix, a word the query starts, inside a word,
# a word a typo away.
SAME, STEM, START, INSIDE, TYPO = 8, 6, 4, 2, 1
# Whole-name scores: the whole folded name, and a name starting with the query's whole words.
WHOLE_NAME, NAME_START = 100, 80
# The words' average score is multiplied by this, so that it stays below NAME_START.
WORDS_WEIGHT = 5
# A typo: a query word of TYPO_ONE letters or more may differ from a word by one edit (a letter
# added, dropped, changed, or two side by side swapped), of TYPO_TWO letters or more by two; the
# first letter must be the same. Shorter words are too alike ("kazan", "kazak").
TYPO_ONE, TYPO_TWO = 6, 9
# The words "nothing found" offers: at most NEAREST_SHOWN, at most NEAREST_EDITS edits away.
NEAREST_SHOWN, NEAREST_EDITS = 3, 2
# A list title ending a clause with one of these words excludes what the clause names; a clause
# ending with an INCLUDING word closes the run an exclusion may take back ("A dahil, B, C hariç").
# An English title's clause starting with one of EXCLUDING_FIRST excludes what follows it.
EXCLUDING, INCLUDING = ("haric",), ("dahil",)
EXCLUDING_FIRST = (("except",), ("excluding",), ("other", "than"))
# A title with a word starting so is about making or building a thing; it comes after the other
# titles unless a query word starts so too.
MAKING = ("imalat", "insaat", "montaj", "kurulum", "manufactur", "construct", "install")
# A title holding the query's words in a row (a phrase) ranks above one with them apart.
PHRASE_BONUS = 5
# A query word shorter than this is matched only at the start of a word ("a" is inside every title).
MIN_INSIDE = 4
# Turkish softens a final consonant before a vowel suffix: yurt -> yurdu, kitap -> kitabı,
# renk -> rengi (ç -> c and ğ -> g are already folded). Softened and hard letters compare equal
# where two words first differ, never elsewhere: "gres" is not "kreş".
SOFTENED = {"d": "t", "b": "p", "g": "k"}
# Same stem: at least STEM_SHARED letters in common; what is left of each word must look like a
# Turkish suffix. The shorter leftover: nothing, or a possessive/case vowel with an optional "s"
# (kazan-ı, hastane-si); only a vowel or nothing where just STEM_SHARED letters are shared
# (yurd-u; kaza-n is not kaza). The longer leftover: nothing, or a suffix starting with a vowel or
# a consonant and a vowel (-lar, -si, -nin, -da, -ya, -ci), or n, d or t and a vowel (-nde, -nda:
# "dairesinde"), at most STEM_SUFFIX letters.
STEM_SHARED, STEM_SHARED_LONG = 4, 5
SHORT_TAIL = "s?[aeiou]"
SHORT_TAIL_BRIEF = "[aeiou]"
LONG_TAIL = "(?:[aeiou]|[lsnydtck][aeiou]|n[dt][aeiou])[a-z]*"
STEM_SUFFIX = 8
# The most list entries one word search returns (a code prefix returns every code under it).
MAX_LIST_MATCHES = 50
# A code-like query: digits, dots and spaces; at least two digits (a NACE division) and at most six.
CODE_LIKE_PATTERN = r"[0-9][0-9.\s]*"
CODE_LIKE = re.compile(CODE_LIKE_PATTERN)
# The longest query answered.
MAX_QUERY_LENGTH = 200
MIN_CODE_DIGITS, CODE_DIGITS = 2, 6


def stem_shared(a: str, b: str) -> int:
    """How many leading letters two folded words share, a softened consonant where they first
    differ counting as the same letter."""
    shared = common_prefix_length(a, b)
    if shared < len(a) and shared < len(b) and SOFTENED.get(a[shared], a[shared]) == SOFTENED.get(b[shared], b[shared]):
        shared += 1
    return shared


def same_stem(a: str, b: str) -> bool:
    """True when two folded words differ only in a Turkish suffix ("kazanı" ~ "kazan",
    "laboratuvarlar" ~ "laboratuvarı", "yurdu" ~ "yurtları"; not "kazan" ~ "kazak")."""
    # Sharing STEM_SHARED letters takes the same first STEM_SHARED - 1 at least (a softened consonant
    # counts only where the words first differ): most pairs are told apart here, without a loop.
    if a[: STEM_SHARED - 1] != b[: STEM_SHARED - 1]:
        return False
    shared = stem_shared(a, b)
    if shared < STEM_SHARED:
        return False
    short, long = sorted((a[shared:], b[shared:]), key=len)
    if len(long) > STEM_SUFFIX:
        return False
    if short and not re.fullmatch(SHORT_TAIL if shared >= STEM_SHARED_LONG else SHORT_TAIL_BRIEF, short):
        return False
    return not long or re.fullmatch(LONG_TAIL, long) is not None


def word_score(query_word: str, word: str) -> int:
    """How well one folded query word matches one folded word of a name (0: not at all)."""
    if word == query_word:
        return SAME
    starts = word.startswith(query_word)
    # A word the query starts ("kazan" of "kazanç") is no inflection of it; an inflected word is.
    if not starts and same_stem(query_word, word):
        return STEM
    if starts:
        return START
    if len(query_word) >= MIN_INSIDE and query_word in word:
        return INSIDE
    if word[:1] != query_word[:1]:
        return 0
    allowed = typo_edits(query_word)
    if allowed and abs(len(word) - len(query_word)) <= allowed:
        return TYPO if edits(query_word, word, allowed) <= allowed else 0
    return 0


def typo_edits(query_word: str) -> int:
    """How many edits a query word may be away from a word and still match it (0, 1 or 2)."""
    return 2 if len(query_word) >= TYPO_TWO else 1 if len(query_word) >= TYPO_ONE else 0


def edits(a: str, b: str, limit: int) -> int:
    """The fewest one-letter edits (add, drop, change, swap two side by side) from a to b; limit + 1 once
    it is certain to be more than limit."""
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return min(row[-1], limit + 1)


def nearest(query_word: str, vocabulary: dict[str, str]) -> list[str]:
    """The words of `vocabulary` (folded -> as written) closest to a query word that matched nothing,
    closest first: at most NEAREST_SHOWN, at most NEAREST_EDITS edits away."""
    found = []
    for word, written in vocabulary.items():
        distance = edits(query_word, word, NEAREST_EDITS)
        if distance <= NEAREST_EDITS:
            found.append((distance, word, written))
    found.sort()
    return [written for _, _, written in found[:NEAREST_SHOWN]]


_CLAUSE_TOKENS = re.compile(r"[(),;]|[^(),;]+")


def searchable(title: str) -> str:
    """A list title folded for searching, without its exclusion clauses: "Okul öncesi eğitim (gündüz
    bakım (kreş) faaliyetleri hariç)" -> "okul oncesi egitim"; "Manufacture of apparel, except fur
    apparel" -> "manufacture of apparel"."""
    kept, _ = _clauses(_CLAUSE_TOKENS.findall(title), 0, nested=False)
    return fold(kept)


def _clauses(tokens: list[str], at: int, nested: bool) -> tuple[str, int]:
    """The text of tokens[at:] up to the closing parenthesis kept for searching, and where it ended. A
    clause's own words (outside its parentheses) say whether it excludes."""
    clauses: list[tuple[str, str]] = []
    kept: list[str] = []
    written: list[str] = []
    while at < len(tokens):
        token = tokens[at]
        at += 1
        if token == "(":
            inner, at = _clauses(tokens, at, nested=True)
            kept.append(inner)
        elif token == ")":
            break
        elif token in ",;":
            clauses.append((" ".join(kept), " ".join(written)))
            kept, written = [], []
        else:
            kept.append(token)
            written.append(token)
    clauses.append((" ".join(kept), " ".join(written)))
    return _without_exclusions(clauses, nested), at


def _without_exclusions(clauses: list[tuple[str, str]], nested: bool) -> str:
    """The clauses' kept text less each exclusion clause and, inside parentheses, the clauses it lists
    before it back to the last inclusion ("A dahil, B, C hariç" keeps A)."""
    kept: list[str] = []
    pending: list[str] = []
    for text, written in clauses:
        clause = fold(written).split() or [""]
        if any(tuple(clause[: len(first)]) == first for first in EXCLUDING_FIRST):
            continue
        if clause[-1] in EXCLUDING:
            pending.clear()
        elif clause[-1] in INCLUDING or not nested:
            kept += [*pending, text]
            pending = []
        else:
            pending.append(text)
    return " ".join(kept + pending)


def making(folded_words: list[str]) -> bool:
    """Whether words (folded) speak of making or building a thing."""
    return any(word.startswith(MAKING) for word in folded_words)


def name_score(folded: str, names: list[str], scores: list[dict[str, int]], whole: list[str] | None = None) -> int:
    """A name's score for a query (0: no match). `folded`: the folded query; `names`: the
    folded names (a unit has one per language, a list entry its title as searched); `scores`: per
    query word, the score of each name word it matches (see word_score); `whole`: the names the
    whole query is compared with (default `names`; a list title whole, its exclusion clauses too).
    A query word that matches no word at all (an empty dict) leaves every name at 0 but a whole
    one: the whole name and its start hold the query's words too (see whole_score)."""
    whole_found = whole_score(folded, names if whole is None else whole)
    if whole_found:
        return whole_found
    name_words = [word for name in names for word in name.split()]
    total = 0
    for per_word in scores:
        best = max((per_word.get(word, 0) for word in name_words), default=0)
        if best == 0:
            return 0  # every query word must match somewhere
        total += best
    score = WORDS_WEIGHT * total // len(scores)
    if len(scores) > 1 and any(f" {folded} " in f" {name} " for name in names):
        score += PHRASE_BONUS
    return score


def whole_score(folded: str, names: list[str]) -> int:
    """WHOLE_NAME for a query that is one of the names, NAME_START for one a name starts with, else 0."""
    if folded in names:
        return WHOLE_NAME
    if any((name + " ").startswith(folded + " ") for name in names):
        return NAME_START
    return 0


def code_digits(query: str) -> tuple[str, str] | None:
    """A code-like query as (its form without spaces, its digits): "43 22 06" -> ("432206",
    "432206"), "43.22" -> ("43.22", "4322"); None when the query is no code at all."""
    text = query.strip()
    if not CODE_LIKE.fullmatch(text):
        return None
    compact = re.sub(r"\s+", "", text)
    return compact, compact.replace(".", "")


def well_formed(compact: str, digits: str) -> bool:
    """A code's digits (two to six) without dots, or with them where NACE puts them ("43.2", "43.22.0";
    a dot just typed at the end too): "43..22" and "43.222.1" are no codes."""
    return MIN_CODE_DIGITS <= len(digits) <= CODE_DIGITS and compact in (digits, dotted(digits), dotted(digits) + ".")


def dotted(digits: str) -> str:
    """ "432206" -> "43.22.06", "4322" -> "43.22", "432" -> "43.2"."""
    return ".".join(digits[i : i + 2] for i in range(0, len(digits), 2))


RULE: dict[str, Any] = {
    "fold": FOLD_MAP,
    "upper": UPPER_MAP,
    "softened": SOFTENED,
    "scores": {
        "same": SAME,
        "stem": STEM,
        "start": START,
        "inside": INSIDE,
        "typo": TYPO,
        "whole_name": WHOLE_NAME,
        "name_start": NAME_START,
        "words_weight": WORDS_WEIGHT,
        "phrase_bonus": PHRASE_BONUS,
    },
    "min_inside": MIN_INSIDE,
    "typo": {"one": TYPO_ONE, "two": TYPO_TWO},
    "nearest": {"shown": NEAREST_SHOWN, "edits": NEAREST_EDITS},
    "making": list(MAKING),
    "stem": {
        "shared": STEM_SHARED,
        "shared_long": STEM_SHARED_LONG,
        "short_tail": SHORT_TAIL,
        "short_tail_brief": SHORT_TAIL_BRIEF,
        "long_tail": LONG_TAIL,
        "suffix": STEM_SUFFIX,
    },
    "max_list_matches": MAX_LIST_MATCHES,
    "code_digits": {"min": MIN_CODE_DIGITS, "max": CODE_DIGITS},
    "code_like": CODE_LIKE_PATTERN,
    "max_query_length": MAX_QUERY_LENGTH,
}
