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

_TURKISH_UPPER = str.maketrans({"I": "ı", "İ": "i"})
_TURKISH_FOLD = str.maketrans({"ç": "c", "ğ": "g", "ı": "i", "ö": "o", "ş": "s", "ü": "u"})
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


# Turkish softens a final consonant before a vowel suffix: yurt -> yurdu,
# kitap -> kitabı, ağaç -> ağacı, renk -> rengi. Comparing stems, both words
# are hardened back.
HARDEN = str.maketrans({"d": "t", "b": "p", "g": "k"})


def same_stem(query_word: str, word: str) -> bool:
    """True when two words differ only in a Turkish suffix ("kazanı" ~ "kazan",
    "laboratuvarlar" ~ "laboratuvarı", "yurdu" ~ "yurtları"). Five shared
    letters at least, or all but the shorter word's last letter, so that
    unrelated short words rarely collide."""
    a, b = query_word.translate(HARDEN), word.translate(HARDEN)
    shared = common_prefix_length(a, b)
    shorter = min(len(a), len(b))
    return shared >= max(5, shorter - 2) or (shared >= 4 and shared >= shorter - 1)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def shown(value: object, limit: int = 60) -> str:
    """Input echoed back in a message: one line of printable characters, at most `limit` of them."""
    text = " ".join(_CONTROL.sub(" ", str(value)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
