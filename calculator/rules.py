"""The rules in force on a date, read from the plain dict of durations.yaml.

Every rule in the data carries `valid_from`/`valid_to`; `Rules` keeps only
those in force on the chosen date, so the rest of the package never looks
at dates again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from calculator.bilingual import Text, both, day_month_year
from calculator.errors import InvalidDate, UnknownHazardClass
from calculator.text import fold

ROLES = ("igu", "isyeri_hekimi", "dsp")


@dataclass(frozen=True)
class Citation:
    """Where a rule comes from, ready to show: {"tr": "İGU Yönetmeliği md. 12(1), RG 29.12.2012/28512"}."""

    source_id: str
    article: str
    title: Text
    short: Text
    gazette_date: str
    gazette_number: str
    text: Text


@dataclass(frozen=True)
class HazardClass:
    id: str
    rank: int
    label: Text


def _article(article: str, lang: str) -> str:
    # Provisional articles are numbered apart: "Geçici 4" is not "4".
    if article.lower().startswith("geçici "):
        number = article.split(" ", 1)[1]
        return f"geçici md. {number}" if lang == "tr" else f"Provisional Art. {number}"
    return f"md. {article}" if lang == "tr" else f"Art. {article}"


def _gazette(date: str, number: str, lang: str) -> str:
    if lang == "tr":
        return f"Resmî Gazete {day_month_year(date)}, sayı {number}"
    return f"Official Gazette (Resmî Gazete) {day_month_year(date)}, No. {number}"


def parse_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidDate(
            {"tr": f"Tarih YYYY-AA-GG biçiminde olmalı: {value!r}", "en": f"The date must be YYYY-MM-DD: {value!r}"},
            field="on",
        ) from None


def _in_force(rule: dict[str, Any], on: dt.date | None) -> bool:
    if on is None:
        return rule["valid_to"] is None
    starts = dt.date.fromisoformat(rule["valid_from"])
    ends = dt.date.fromisoformat(rule["valid_to"]) if rule["valid_to"] else None
    return starts <= on and (ends is None or on <= ends)


class Rules:
    """The rules of durations.yaml in force on `on` (None: those in force today, i.e. with no end date)."""

    def __init__(self, durations: dict[str, Any], on: str | dt.date | None = None):
        self.data = durations
        self.on = parse_date(on)
        self._sources = {s["id"]: s for s in durations["sources"]}
        self._citations: dict[tuple[str, str], Citation] = {}
        self.hazard_classes = {
            h["id"]: HazardClass(h["id"], h["rank"], dict(h["label"])) for h in durations["hazard_classes"]
        }
        self._aliases: dict[str, str] = {}
        for h in durations["hazard_classes"]:
            for alias in [h["id"], h["label"]["tr"], h["label"]["en"], *h["aliases"]]:
                self._aliases[fold(alias)] = h["id"]
        self.role_labels: dict[str, Text] = {r["id"]: dict(r["label"]) for r in durations["roles"]}
        self._rates = [r for r in durations["rates"] if _in_force(r, self.on)]
        self._thresholds = [t for t in durations["full_time_thresholds"] if _in_force(t, self.on)]
        self._certificates = [c for c in durations["certificate_classes"] if _in_force(c, self.on)]

    # -- looking things up -------------------------------------------------

    def hazard_class(self, value: str) -> HazardClass:
        """Reads `az`, `cok`, `cok_tehlikeli`, "Çok Tehlikeli", "very hazardous"..."""
        hazard_id = self._aliases.get(fold(value.replace("_", " "))) if isinstance(value, str) else None
        if hazard_id is None:
            shown = str(value)[:60]
            raise UnknownHazardClass(
                {
                    "tr": f"Bilinmeyen tehlike sınıfı: “{shown}”. Az Tehlikeli, Tehlikeli veya Çok Tehlikeli olmalı.",
                    "en": f"Unknown hazard class: “{shown}”. It must be less hazardous, hazardous or very hazardous.",
                },
                field="hazard_class",
            )
        return self.hazard_classes[hazard_id]

    def citation(self, ref: dict[str, str]) -> Citation:
        key = (ref["id"], ref["article"])
        if key not in self._citations:
            self._citations[key] = self._cite(ref)
        return self._citations[key]

    def _cite(self, ref: dict[str, str]) -> Citation:
        source = self._sources[ref["id"]]
        gazette = source["gazette"]

        def render(lang: str) -> str:
            published = _gazette(gazette["date"], gazette["number"], lang)
            text = f"{source['short'][lang]}, {_article(ref['article'], lang)} ({published}"
            amendments = source["amendments"]
            if amendments:
                word = "değişik" if lang == "tr" else "amended"
                text += "; " + word + " " + ", ".join(
                    f"{day_month_year(a['date'])}/{a['number']}" for a in amendments
                )
            return text + ")"

        return Citation(
            source_id=ref["id"],
            article=ref["article"],
            title=dict(source["title"]),
            short=dict(source["short"]),
            gazette_date=gazette["date"],
            gazette_number=gazette["number"],
            text=both(render),
        )

    def rate(self, role: str, hazard_class: str, employees: int) -> dict[str, Any] | None:
        """The minutes-per-employee rule for this role, class and head count, if any."""
        for rule in self._rates:
            if rule["role"] != role or rule["hazard_class"] != hazard_class:
                continue
            high = rule["max_employees"]
            if rule["min_employees"] <= employees and (high is None or employees <= high):
                found: dict[str, Any] = rule
                return found
        return None

    @property
    def rates(self) -> list[dict[str, Any]]:
        """Every minutes-per-employee rule in force."""
        return list(self._rates)

    def threshold(self, role: str, hazard_class: str) -> dict[str, Any] | None:
        for rule in self._thresholds:
            if rule["role"] == role and rule["hazard_class"] == hazard_class:
                found: dict[str, Any] = rule
                return found
        return None

    def certificates(self, hazard_class: str) -> dict[str, Any] | None:
        for rule in self._certificates:
            if rule["hazard_class"] == hazard_class:
                found: dict[str, Any] = rule
                return found
        return None

    @property
    def dsp_rules(self) -> dict[str, Any]:
        return dict(self.data["dsp_rules"])

    @property
    def full_time_capacity(self) -> dict[str, Any]:
        return dict(self.data["full_time_capacity"])

    @property
    def employer_self_service(self) -> dict[str, Any]:
        return dict(self.data["employer_self_service"])

    def hazard_label(self, hazard_class: str) -> Text:
        return self.hazard_classes[hazard_class].label
