"""Texts in two languages and the number formats of each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

# A text in both languages: {"tr": "...", "en": "..."}.
Text = dict[str, str]

LANGUAGES = ("tr", "en")

_THOUSANDS = {"tr": ".", "en": ","}


def number(value: int, lang: str) -> str:
    """12000 -> "12.000" in Turkish, "12,000" in English."""
    return f"{value:,}".replace(",", _THOUSANDS[lang])


def hours_minutes(minutes: int) -> str:
    """2000 -> "33:20": how İSG-KATİP users think of long durations."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def duration(minutes: int, lang: str) -> str:
    """2000 -> "33 sa 20 dk" / "33 h 20 min": the "33:20" of İSG-KATİP users, spelled out."""
    hours, rest = divmod(minutes, 60)
    h, m = ("sa", "dk") if lang == "tr" else ("h", "min")
    if hours and rest:
        return f"{number(hours, lang)} {h} {rest} {m}"
    if hours:
        return f"{number(hours, lang)} {h}"
    return f"{rest} {m}"


def shifted(iso: str, days: int) -> str:
    """An ISO day moved by `days`: 2026-03-31, 1 -> 2026-04-01 (a rule's last day -> the next one's first)."""
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=days)).isoformat()


def day_month_year(iso: str) -> str:
    """2012-12-29 -> 29.12.2012, as the Resmî Gazete writes dates."""
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


_MONTHS = {
    "tr": ("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def date_in_words(iso: str, lang: str) -> str:
    """2026-12-07 -> "7 Aralık 2026" / "7 December 2026", as a cover or a letter writes a date."""
    year, month, day = iso.split("-")
    return f"{int(day)} {_MONTHS[lang][int(month) - 1]} {year}"


def both(render: Callable[[str], str]) -> Text:
    """Builds a Text by rendering the same message once per language."""
    return {lang: render(lang) for lang in LANGUAGES}
