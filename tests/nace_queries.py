"""The queries every finder of the guide must answer alike (the NACE page's filter, the
calculator's suggestions, the CLI's lookup): the Ek-1 units' names as typed in every way a
reader types them, their inflections, codes whole and in part, and words of the NACE list's
titles. Made from the data, so a new unit or code is asked about too."""

from __future__ import annotations

from typing import Any

from calculator.text import fold

SPECIAL = [
    "kres",
    "kreş",
    "KREŞ",
    "öğrenci yurdu",
    "ogrenci yurdu",
    "OGRENCI YURDU",
    "yurdu",
    "yurtlar",
    "laboratuvarlar",
    "laboratuvarları",
    "ameliyathanesi",
    "432206",
    "43 22 06",
    "43.22.06",
    "43.22",
    "4322",
    "43.2",
    "432",
    "43",
    "43.",
    "869",
    "86.90.1",
    "72.10",
    "55.90.01",
    "88.91.01",
    "99.99.99",
    "43..22",
    "4",
    "1234567",
    "43.222.1",
    "KAZAN DAİRESİ",
    "ISITMA",
    "ısıtma",
    "isitma",
    "kazanı",
    "kazan",
    "kazak",
    "hastane",
    "hastanesi",
    "lab",
    "a",
    "gres",
    "gres yağı",
    "yemekhane",
    "kantin",
    "kütüphanesi",
    "matbaa",
    "çiftlik",
    "veteriner kliniği",
    "spor salonu",
    "havuz",
    "arıtma",
    "boiler room",
    "operating theatre",
]


def listed_now(data: dict[str, Any]) -> list[dict[str, str]]:
    """The NACE list's rows in force today (a row with an end date is a past state of its code)."""
    return [row for row in data["nace_list"] if not row["valid_to"]]


def turkish_upper(text: str) -> str:
    return text.replace("i", "İ").replace("ı", "I").upper()


def inflections(word: str) -> list[str]:
    """A word with a plural, a possessive and case endings, as a reader types them (roughly harmonised)."""
    back = next((c for c in reversed(word) if c in "aeıioöuü"), "a") in "aıou"
    plural, case, possessive = ("lar", "da", "ı") if back else ("ler", "de", "i")
    ends_in_vowel = word[-1:] in "aeıioöuü"
    return [word + plural, word + ("s" + possessive if ends_in_vowel else possessive), word + case, word + plural + possessive]


def queries(data: dict[str, Any]) -> list[str]:
    units = [unit for group in data["nace"]["groups"] for unit in group["units"]]
    found: list[str] = list(SPECIAL)
    for unit in units:
        tr, en = unit["name"]["tr"], unit["name"]["en"]
        found += [tr, en, fold(tr), turkish_upper(tr)]
        first = tr.split()[0].strip("(),/").lower()
        if len(first) >= 4:
            found += inflections(first)
        for entry in unit["codes"]:
            code = entry["code"]
            digits = code.replace(".", "")
            found += [code, digits, digits[:2], digits[:3], code[:5]]
    titles = [row["description_tr"] for row in listed_now(data)]
    for title in titles[::40]:
        title_words = [w for w in title.split() if len(w.strip("(),-")) >= 3]
        if title_words:
            found.append(title_words[0].strip("(),-"))
        if len(title_words) >= 2:
            found.append(" ".join(w.strip("(),-") for w in title_words[:2]))
    for row in listed_now(data)[::97]:
        found += [row["code"], row["code"].replace(".", "")[:4]]
    return list(dict.fromkeys(q for q in found if q.strip()))
