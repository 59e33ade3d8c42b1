"""The one rule for how well a query matches a unit's name or a list title, and what a
code-like query means. `calculator.lookup` applies it; the NACE page's filter applies the
same rule in JavaScript (docs/assets/js/nace-match.js) with the constants of `RULE`, which
the NACE page carries with its data (NaceIndex.guide_search_data, hooks/site_blocks.py's
nace_table). tests/site/test_nace_search.py
runs the same queries through both and requires the same answers.

Ranking, best first: the whole name; a name that starts with the query's words; then, word
by word (each query word must match a word of the name), the same word, the same word with
another Turkish suffix ("laboratuvarlar" ~ "laboratuvarı"), a word the query word starts,
and a word it is inside of. Text is folded first (calculator.text.fold): "kres" is "kreş".
"""

from __future__ import annotations

import re
from typing import Any

from calculator.text import FOLD_MAP, UPPER_MAP, common_prefix_length

# Word scores: the same word, the same stem with another suffix, a word the query starts, inside a word.
SAME, STEM, START, INSIDE = 4, 3, 2, 1
# Whole-name scores: the whole folded name, and a name starting with the query's whole words.
WHOLE_NAME, NAME_START = 100, 80
# The words' average score is multiplied by this, so that it stays below NAME_START.
WORDS_WEIGHT = 10
# A title holding the query's words in a row (a phrase) ranks above one with them apart.
PHRASE_BONUS = 5
# A query word shorter than this is matched only at the start of a word ("a" is inside every title).
MIN_INSIDE = 3
# Turkish softens a final consonant before a vowel suffix: yurt -> yurdu, kitap -> kitabı,
# renk -> rengi (ç -> c and ğ -> g are already folded). Softened and hard letters compare equal
# where two words first differ, never elsewhere: "gres" is not "kreş".
SOFTENED = {"d": "t", "b": "p", "g": "k"}
# Same stem: at least STEM_SHARED letters in common; what is left of each word must look like a
# Turkish suffix. The shorter leftover: nothing, or a possessive/case vowel with an optional "s"
# (kazan-ı, hastane-si); only a vowel or nothing where just STEM_SHARED letters are shared
# (yurd-u; kaza-n is not kaza). The longer leftover: nothing, or a suffix starting with a vowel or
# a consonant and a vowel (-lar, -si, -nin, -da, -ya, -ci), at most STEM_SUFFIX letters.
STEM_SHARED, STEM_SHARED_LONG = 4, 5
SHORT_TAIL = "s?[aeiou]"
SHORT_TAIL_BRIEF = "[aeiou]"
LONG_TAIL = "(?:[aeiou]|[lsnydtck][aeiou])[a-z]*"
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
    return 0


def name_score(folded: str, names: list[str], scores: list[dict[str, int]]) -> int:
    """A name's score for a query (0: no match). `folded`: the folded query; `names`: the
    folded names (a unit has one per language, a list entry its title); `scores`: per query
    word, the score of each name word it matches (see word_score). A query word that matches no
    word at all (an empty dict) leaves every name at 0: the whole name and its start hold the
    query's words too, so callers may skip the names then."""
    if folded in names:
        return WHOLE_NAME
    if any((name + " ").startswith(folded + " ") for name in names):
        return NAME_START
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
        "whole_name": WHOLE_NAME,
        "name_start": NAME_START,
        "words_weight": WORDS_WEIGHT,
        "phrase_bonus": PHRASE_BONUS,
    },
    "min_inside": MIN_INSIDE,
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
