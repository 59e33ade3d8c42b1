"""The rules in force on a date, read from the plain dict of durations.yaml.

Every rule in the data carries `valid_from`/`valid_to`; `Rules` keeps only
those in force on the chosen date, so the rest of the package never looks
at dates again. A date before the data's `covers_from` is refused (the
law of those days is not in the data); a date after its `checked_on` is
answered with the latest rules and a notice that later changes are not
known. The loader has checked that exactly one rule of each key is in
force on every covered day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, TypedDict

from calculator.bilingual import Text, both, day_month_year
from calculator.errors import InvalidDate, UnknownHazardClass
from calculator.text import fold
from calculator.text import shown as shown_text


class SourceRef(TypedDict, total=False):
    """Where a rule comes from: a source of durations.yaml's `sources` and its article (and others with it)."""

    id: str
    article: str
    also: list[SourceRef]


class Dated(TypedDict):
    """A dated rule of durations.yaml: in force from `valid_from` to `valid_to` (None: still in force)."""

    valid_from: str
    valid_to: str | None
    source: SourceRef
    label: Text
    confidence: str


class Rate(Dated):
    """Minutes per employee per month for a role and a hazard class, in a head-count band."""

    role: str
    hazard_class: str
    minutes_per_employee: int
    min_employees: int
    max_employees: int | None


class Threshold(Dated):
    """One full-time professional of a role for every full `employees` in a hazard class."""

    role: str
    hazard_class: str
    employees: int


class CertificateRule(Dated):
    """The certificate classes that may serve a hazard class."""

    hazard_class: str
    classes: list[str]


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
    if not article:
        return ""
    # Provisional articles are numbered apart: "Geçici 4" is not "4".
    if article.lower().startswith("geçici "):
        number = article.split(" ", 1)[1]
        return f"geçici md. {number}" if lang == "tr" else f"Provisional Art. {number}"
    return f"md. {article}" if lang == "tr" else f"Art. {article}"


def _gazette(date: str, number: str, lang: str) -> str:
    if lang == "tr":
        return f"Resmî Gazete {day_month_year(date)}, sayı {number}"
    # The sources table explains the name once ("Official Gazette (Resmî Gazete)"); citations are short.
    return f"Official Gazette {day_month_year(date)}, No. {number}"


def _announced(announcement: dict[str, Any], lang: str) -> str:
    """A source the Ministry published as an announcement: who, and when where the date is known."""
    when = announcement.get("date")
    return str(announcement["by"][lang]) + (f", {day_month_year(str(when))}" if when else "")


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(value: object) -> dt.date | None:
    """None (the latest rules), a date, or "YYYY-MM-DD"; anything else is refused with a message."""
    if value is None or isinstance(value, dt.date):
        return value
    text = value.strip() if isinstance(value, str) else ""
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        shown = shown_text(value)
        raise InvalidDate(
            {
                "tr": f"Tarih YYYY-AA-GG biçiminde, geçerli bir gün olmalı (ör. 2025-03-01): “{shown}”",
                "en": f"The date must be a real day written YYYY-MM-DD (e.g. 2025-03-01): “{shown}”",
            },
            field="on",
        ) from None


def _amendment(amendment: dict[str, Any], lang: str) -> str:
    """One amendment as far as it is known: "30.04.2015/29342", "7033 sayılı Kanun (01.07.2017/30111)", "2017"."""
    if "date" in amendment:
        when = day_month_year(amendment["date"])
    elif "month" in amendment:
        year, month = amendment["month"].split("-")
        when = f"{month}.{year}"
    else:
        when = str(amendment["year"])
    if amendment.get("number"):
        when += f"/{amendment['number']}"
    law = amendment.get("law")
    if law:
        return f"{law} sayılı Kanun ({when})" if lang == "tr" else f"Law No. {law} ({when})"
    return when


def amendment_text(amendment: dict[str, Any], lang: str) -> str:
    """An amendment with its note, for the sources table."""
    text = _amendment(amendment, lang)
    note = amendment.get("note")
    return f"{text} ({note[lang]})" if note else text


def _in_force(rule: Dated | dict[str, Any], on: dt.date | None) -> bool:
    if on is None:
        return rule["valid_to"] is None
    starts = dt.date.fromisoformat(rule["valid_from"])
    ends = dt.date.fromisoformat(rule["valid_to"]) if rule["valid_to"] else None
    return starts <= on and (ends is None or on <= ends)


class Rules:
    """The rules of durations.yaml in force on `on` (None: the latest rules, those with no end date).

    Raises InvalidDate for a date before the data's `covers_from`.
    """

    def __init__(self, durations: dict[str, Any], on: object = None):
        self.data = durations
        self.on = parse_date(on)
        self.covers_from = dt.date.fromisoformat(durations["covers_from"])
        self.checked_on = dt.date.fromisoformat(durations["checked_on"])
        if self.on is not None and self.on < self.covers_from:
            raise InvalidDate(both(lambda lang: _before_coverage(self.on, self.covers_from, lang)), field="on")
        self._sources = {s["id"]: s for s in durations["sources"]}
        self._citations: dict[tuple[object, ...], Citation] = {}
        self.hazard_classes = {h["id"]: HazardClass(h["id"], h["rank"], dict(h["label"])) for h in durations["hazard_classes"]}
        self._aliases: dict[str, str] = {}
        for h in durations["hazard_classes"]:
            for alias in [h["id"], h["label"]["tr"], h["label"]["en"], *h["aliases"]]:
                self._aliases[fold(alias)] = h["id"]
        self.role_labels: dict[str, Text] = {r["id"]: dict(r["label"]) for r in durations["roles"]}
        # "İGU", "İH", "DSP": the roles' short names, as column headings use them (the glossary's, in both languages).
        self.role_shorts: dict[str, Text] = {r["id"]: dict(r["short"]) for r in durations["roles"]}
        self._rates: list[Rate] = [r for r in durations["rates"] if _in_force(r, self.on)]
        self._thresholds: list[Threshold] = [t for t in durations["full_time_thresholds"] if _in_force(t, self.on)]
        self._certificates: list[CertificateRule] = [c for c in durations["certificate_classes"] if _in_force(c, self.on)]
        self._self_service = [e for e in durations["employer_self_service"] if _in_force(e, self.on)]

    # -- looking things up -------------------------------------------------

    def hazard_class(self, value: str) -> HazardClass:
        """Reads `az`, `cok`, `cok_tehlikeli`, "Çok Tehlikeli", "very hazardous"..."""
        hazard_id = self._aliases.get(fold(value.replace("_", " "))) if isinstance(value, str) else None
        if hazard_id is None:
            shown = shown_text(value)
            raise UnknownHazardClass(
                {
                    "tr": f"Bilinmeyen tehlike sınıfı: “{shown}”. Az Tehlikeli, Tehlikeli veya Çok Tehlikeli olmalı.",
                    "en": f"Unknown hazard class: “{shown}”. It must be less hazardous, hazardous or very hazardous.",
                },
                field="hazard_class",
            )
        return self.hazard_classes[hazard_id]

    def citation(self, ref: SourceRef | dict[str, Any]) -> Citation:
        # Keyed on the articles cited with it too: one article is cited alone in one rule and with
        # another law's in the next, and the first citation made must not stand for both.
        key = (ref["id"], ref["article"], *((also["id"], also["article"]) for also in ref.get("also", [])))
        if key not in self._citations:
            self._citations[key] = self._cite(ref)
        return self._citations[key]

    def _cite(self, ref: SourceRef | dict[str, Any]) -> Citation:
        source = self._sources[ref["id"]]
        gazette = source.get("gazette") or {"date": "", "number": ""}

        refs = [ref, *ref.get("also", [])]

        def one(part: dict[str, str], lang: str) -> str:
            cited = self._sources[part["id"]]
            published = (
                _gazette(cited["gazette"]["date"], cited["gazette"]["number"], lang)
                if "gazette" in cited
                else _announced(cited["announcement"], lang)
            )
            article = _article(part["article"], lang)
            text = cited["short"][lang] + (f", {article}" if article else "") + f" ({published}"
            amendments = cited["amendments"]
            if amendments:
                word = "değişik" if lang == "tr" else "amended"
                text += "; " + word + ": " + ", ".join(_amendment(a, lang) for a in amendments)
            return str(text) + ")"

        def render(lang: str) -> str:
            return "; ".join(one(part, lang) for part in refs)

        return Citation(
            source_id=ref["id"],
            article=ref["article"],
            title=dict(source["title"]),
            short=dict(source["short"]),
            gazette_date=gazette["date"],
            gazette_number=gazette["number"],
            text=both(render),
        )

    def rate(self, role: str, hazard_class: str, employees: int) -> Rate | None:
        """The minutes-per-employee rule for this role, class and head count, if any."""
        for rule in self._rates:
            if rule["role"] != role or rule["hazard_class"] != hazard_class:
                continue
            high = rule["max_employees"]
            if rule["min_employees"] <= employees and (high is None or employees <= high):
                return rule
        return None

    @property
    def rates(self) -> list[Rate]:
        """Every minutes-per-employee rule in force."""
        return list(self._rates)

    def rates_of(self, role: str, hazard_class: str | None = None) -> list[Rate]:
        """The minutes rules in force for one role (and one class), each head-count band in the data's order."""
        return [r for r in self._rates if r["role"] == role and hazard_class in (None, r["hazard_class"])]

    def threshold(self, role: str, hazard_class: str) -> Threshold | None:
        for rule in self._thresholds:
            if rule["role"] == role and rule["hazard_class"] == hazard_class:
                return rule
        return None

    @property
    def thresholds(self) -> list[Threshold]:
        """Every full-time threshold in force."""
        return list(self._thresholds)

    def thresholds_of(self, role: str) -> list[Threshold]:
        """The full-time thresholds in force for one role (none for a role without any)."""
        return [rule for rule in self._thresholds if rule["role"] == role]

    def in_force(self, rule: Dated | dict[str, Any]) -> bool:
        """Whether this dated rule of durations.yaml applies on the date these Rules answer for."""
        return _in_force(rule, self.on)

    def history(self, key: str) -> list[dict[str, Any]]:
        """Every rule of a dated list (e.g. `certificate_classes`): those in force first, then the others,
        each group in the data's order. The pages show both, the past ones marked as past."""
        rules: list[dict[str, Any]] = self.data[key]
        return [r for r in rules if self.in_force(r)] + [r for r in rules if not self.in_force(r)]

    def certificates(self, hazard_class: str) -> CertificateRule | None:
        for rule in self._certificates:
            if rule["hazard_class"] == hazard_class:
                return rule
        return None

    @property
    def dsp_rules(self) -> dict[str, Any]:
        return dict(self.data["dsp_rules"])

    @property
    def full_time_capacity(self) -> dict[str, Any]:
        return dict(self.data["full_time_capacity"])

    @property
    def employer_self_service(self) -> dict[str, Any] | None:
        """The self-service rule in force (the loader has checked there is exactly one on every covered day)."""
        return dict(self._self_service[0]) if self._self_service else None

    @property
    def sector_exception(self) -> dict[str, Any]:
        return dict(self.data["sector_exception"])

    def widest_certificates(self) -> list[str]:
        """The certificate classes that may serve the least hazardous workplaces on this date (all of them)."""
        return max((list(rule["classes"]) for rule in self._certificates), key=len, default=[])

    @property
    def workplace_duties(self) -> dict[str, Any]:
        return dict(self.data["workplace_duties"])

    @property
    def public_bodies(self) -> dict[str, Any]:
        return dict(self.data["public_bodies"])

    @property
    def after_checked_on(self) -> bool:
        """The date asked is later than the day the data was last checked against the law."""
        return self.on is not None and self.on > self.checked_on

    def hazard_label(self, hazard_class: str) -> Text:
        return self.hazard_classes[hazard_class].label


def _before_coverage(on: dt.date | None, covers_from: dt.date, lang: str) -> str:
    asked, first = day_month_year(str(on)), day_month_year(covers_from.isoformat())
    if lang == "tr":
        return (
            f"{asked} tarihi için hesap yapılamıyor: bu rehberin verileri {first} ve sonrasındaki kuralları içeriyor "
            "(bugünkü süreler ve eşikler o tarihten beri geçerli; önceki kurallar verilerde yok)."
        )
    return (
        f"The rules of {asked} cannot be computed: this guide's data holds the rules from {first} on "
        "(today's minutes and thresholds apply since then; earlier rules are not in the data)."
    )
