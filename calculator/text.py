"""Turkish-aware text folding, so "KAZAN DAİRESİ", "kazan dairesi" and
"kazan dairesı" compare equal, and "isitma" finds "ısıtma".

Python's own `lower()` maps "I" to "i" and "İ" to "i" plus a combining dot;
Turkish maps "I" to "ı" and "İ" to "i". We lower the Turkish way first and
then fold every Turkish letter to its ASCII base, because readers type
without ş/ğ/ı as often as with them.
"""

from __future__ import annotations

import re
import unicodedata

# Both maps are also written for the NACE page's JavaScript (calculator.matching.RULE).
UPPER_MAP = {"I": "ı", "İ": "i"}
FOLD_MAP = {"ç": "c", "ğ": "g", "ı": "i", "ö": "o", "ş": "s", "ü": "u"}
_TURKISH_UPPER = str.maketrans(UPPER_MAP)
_TURKISH_FOLD = str.maketrans(FOLD_MAP)
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def turkish_lower(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_TURKISH_UPPER).lower()


def fold(text: str) -> str:
    """Lower-case ASCII with Turkish letters folded and punctuation as single spaces."""
    lowered = turkish_lower(text).translate(_TURKISH_FOLD)
    # Other accents (â, î, û, é) lose their marks.
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", stripped).strip()


def words(text: str) -> list[str]:
    return fold(text).split()


def common_prefix_length(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def shown(value: object, limit: int = 60) -> str:
    """Input echoed back in a message: one line of printable characters, at most `limit` of them."""
    text = " ".join(_CONTROL.sub(" ", str(value)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
