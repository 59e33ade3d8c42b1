"""Hazard class + employee count -> what each OHS role needs a month.

One small object per role, one derived quantity per method (after GOV.UK's
smart-answers calculators), so each figure can be read, tested and
explained on its own.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from calculator import explain
from calculator.bilingual import Text, both, duration, hours_minutes
from calculator.errors import InvalidAssigned
from calculator.inputs import parse_count, parse_employees, parse_flag
from calculator.lookup import normalise_code
from calculator.plain import plain
from calculator.reasons import Reason
from calculator.rules import HazardClass, Rate, Rules, Threshold
from calculator.text import shown as shown_text


@dataclass(frozen=True)
class Assigned:
    """What one role already has: full-time professionals and part-time minutes."""

    full_time: int = 0
    minutes: int = 0


@dataclass(frozen=True)
class RoleResult:
    role: str
    label: Text
    required: bool
    minutes_per_employee: int | None
    required_minutes: int
    required_hm: str
    full_time: int
    full_time_threshold: int | None
    part_time_minutes: int
    part_time_hm: str
    certificate_classes: list[str] | None
    reasons: list[Reason] = field(default_factory=list)
    # Where a listed sector's exception lets the full-time posts differ (İSG Hizmetleri Yön. md. 5(3)):
    # [{"count": 1, "classes": the matching ones}, {"count": N - 1, "classes": any}]; None otherwise.
    certificate_posts: list[dict[str, Any]] | None = None
    # The assignments (görevlendirme) to create: [{"kind": "full_time", "count": N},
    # {"kind": "part_time", "minutes": M}], an entry left out where it is 0; [] when not required.
    assignments: list[dict[str, Any]] = field(default_factory=list)
    # The same in words, in both languages: what to create, and what is not known about it.
    assignment_texts: list[Text] = field(default_factory=list)
    # The answer in a few words (what to create, or what is still missing), shown first.
    answer: Text = field(default_factory=dict)
    # What İSG-KATİP's assignment form should then show, under its own labels (our reading of the form).
    form: list[dict[str, Any]] = field(default_factory=list)
    # "33 sa 20 dk" / "33 h 20 min": the H:MM figures spelled out in each language.
    required_duration: Text = field(default_factory=dict)
    part_time_duration: Text = field(default_factory=dict)
    # What is already assigned, when the reader gave it (MEVCUT TAM SÜRELİ İSG SAYISI, DEVAM EDEN TOPLAM
    # İSG SÜRESİ), and so what is still missing or over; None when nothing was given.
    assigned_full_time: int | None = None
    assigned_minutes: int | None = None
    missing_full_time: int | None = None
    missing_minutes: int | None = None
    over_minutes: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = plain(self)
        if self.certificate_classes is None:
            del data["certificate_classes"]
        for key in ("assigned_full_time", "assigned_minutes", "missing_full_time", "missing_minutes", "over_minutes"):
            if data[key] is None:
                del data[key]
        return data


@dataclass(frozen=True)
class Requirements:
    hazard_class: str
    hazard_label: Text
    employees: int
    on: str | None
    roles: dict[str, RoleResult]
    # The reader said a full-time workplace physician is assigned (whether or not one is required).
    full_time_physician: bool = False
    # What the date asked means for the answer: rules checked before it; public bodies' start date.
    notices: list[Reason] = field(default_factory=list)
    # What the head count asks for beside the professionals: an OHS committee, employee representatives.
    duties: list[Reason] = field(default_factory=list)

    @property
    def header(self) -> list[Text]:
        """What the answer is for beside class and head count: the rules' date, an assigned physician."""
        found = [explain.rules_of(self.on)] if self.on else []
        if self.full_time_physician:
            found.append(dict(explain.PHYSICIAN_ASSIGNED))
        return found

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "hazard_class": self.hazard_class,
            "hazard_label": dict(self.hazard_label),
            "employees": self.employees,
            "on": self.on,
            "full_time_physician": self.full_time_physician,
            "notices": plain(self.notices),
            "duties": plain(self.duties),
            "header": self.header,
        }
        for role_id, result in self.roles.items():
            data[role_id] = result.to_dict()
        return data


class RoleCalculation:
    """The figures of one role. Subclasses change only what differs."""

    role = ""

    def __init__(
        self,
        rules: Rules,
        hazard: HazardClass,
        employees: int,
        full_time_physician: bool = False,
        assigned: Assigned | None = None,
    ):
        self.rules = rules
        self.hazard = hazard
        self.employees = employees
        # The reader's "a full-time workplace physician is assigned" (6331 md. 6(3)).
        self.full_time_physician = full_time_physician
        # What this role already has in İSG-KATİP, if the reader said.
        self.assigned = assigned

    @property
    def label(self) -> Text:
        return self.rules.role_labels[self.role]

    # The two rules every figure derives from, looked up once (the figures ask for them often).
    @functools.cached_property
    def _rate(self) -> Rate | None:
        return self.rules.rate(self.role, self.hazard.id, self.employees)

    @functools.cached_property
    def _threshold(self) -> Threshold | None:
        return self.rules.threshold(self.role, self.hazard.id)

    def threshold_rule(self) -> Threshold | None:
        return self._threshold

    def is_required(self) -> bool:
        return self._rate is not None

    def minutes_per_employee(self) -> int | None:
        rule = self._rate
        return rule["minutes_per_employee"] if rule and self.is_required() else None

    def required_minutes(self) -> int:
        return self.employees * (self.minutes_per_employee() or 0)

    def full_time_threshold(self) -> int | None:
        rule = self.threshold_rule()
        return rule["employees"] if rule else None

    def full_time(self) -> int:
        threshold = self.full_time_threshold()
        return self.employees // threshold if threshold and self.is_required() else 0

    def part_time_minutes(self) -> int:
        threshold = self.full_time_threshold() or 0
        return self.required_minutes() - self.full_time() * threshold * (self.minutes_per_employee() or 0)

    def certificate_classes(self) -> list[str] | None:
        return None

    def certificate_posts(self) -> list[dict[str, Any]] | None:
        return None

    def assignments(self) -> list[dict[str, Any]]:
        """The assignments to create: N full-time posts (one professional each) and the part-time minutes."""
        if not self.is_required():
            return []
        found: list[dict[str, Any]] = []
        if self.full_time():
            found.append({"kind": "full_time", "count": self.full_time()})
        if self.part_time_minutes():
            found.append({"kind": "part_time", "minutes": self.part_time_minutes()})
        return found

    def assignment_texts(self) -> list[Text]:
        if not self.is_required():
            return []
        return explain.assignments(self.label, self.full_time(), self.part_time_minutes(), self.role)

    def answer(self) -> Text:
        made = {entry["kind"]: entry for entry in self.assignments()}
        return explain.answer(
            self.is_required(),
            made.get("full_time", {}).get("count", 0),
            made.get("part_time", {}).get("minutes", 0),
            self.missing_full_time(),
            self.missing_minutes(),
        )

    def form(self) -> list[dict[str, Any]]:
        """İSG-KATİP's assignment form figures for this role, label by label (labels.yaml names them).

        Our reading of the form, not confirmed by a manual: GEREKLİ TAM SÜRELİ = full_time, GEREKLİ
        ASGARİ KISMİ SÜRELİ = part_time_minutes, GEREKLİ TOPLAM = required_minutes; MEVCUT and
        DEVAM EDEN = what is already assigned; Çalışma Süresi Dakika, the minutes a new part-time
        assignment is given = the part-time minutes still missing (all of them when none is assigned).
        """
        rows: list[dict[str, Any]] = [
            {"label": "TOPLAM ÇALIŞAN SAYISI", "value": self.employees},
            {"label": "GEREKLİ TAM SÜRELİ İSG SAYISI", "value": self.full_time()},
            {"label": "GEREKLİ ASGARİ KISMİ SÜRELİ İSG SÜRESİ", "value": self.part_time_minutes()},
            {"label": "GEREKLİ TOPLAM İSG SÜRESİ", "value": self.required_minutes()},
        ]
        if self.assigned is not None:
            rows.insert(2, {"label": "MEVCUT TAM SÜRELİ İSG SAYISI", "value": self.assigned.full_time})
            rows.insert(4, {"label": "DEVAM EDEN TOPLAM İSG SÜRESİ", "value": self.assigned.minutes})
        to_assign = self.part_time_minutes() if self.assigned is None else self.missing_minutes()
        if to_assign:
            rows.append({"label": "Çalışma Süresi Dakika", "value": to_assign})
        return rows

    # -- against what is already assigned -------------------------------------------

    def missing_full_time(self) -> int | None:
        if self.assigned is None:
            return None
        return max(0, self.full_time() - self.assigned.full_time)

    def part_time_needed(self) -> int:
        """The part-time minutes to be covered by part-time assignments. A full-time post beyond those
        required is not counted against them: no source says İSG-KATİP does so (the coverage sentence
        says this), and counting it could under-assign."""
        return self.part_time_minutes()

    def missing_minutes(self) -> int | None:
        if self.assigned is None:
            return None
        return max(0, self.part_time_needed() - self.assigned.minutes)

    def over_minutes(self) -> int | None:
        if self.assigned is None:
            return None
        return max(0, self.assigned.minutes - self.part_time_needed())

    def covered_by_full_time(self) -> bool:
        """Whether a full-time post beyond those required meets the part-time minutes (never, but for
        the workplace physician: see WorkplacePhysician)."""
        return False

    def coverage_reason(self) -> Reason | None:
        if self.assigned is None:
            return None
        extra = self.assigned.full_time > self.full_time() and not self.covered_by_full_time()
        return Reason(
            "coverage",
            explain.coverage(
                self.label,
                self.assigned.full_time,
                self.assigned.minutes,
                self.missing_full_time() or 0,
                self.missing_minutes() or 0,
                self.over_minutes() or 0,
                extra_full_time=extra,
            ),
        )

    def reasons(self) -> list[Reason]:
        rule = self._rate
        if rule is None or not self.is_required():
            return []
        band = None
        if rule["min_employees"] > 1 or rule["max_employees"] is not None:
            band = (rule["min_employees"], rule["max_employees"])
        found = [
            Reason(
                "rate",
                explain.rate(
                    self.hazard.label, self.label, rule["minutes_per_employee"], self.employees, self.required_minutes(), band
                ),
                self.rules.citation(rule["source"]),
                rule["confidence"],
            )
        ]
        threshold = self.threshold_rule()
        if threshold is not None:
            found.append(
                Reason(
                    "full_time",
                    explain.full_time(
                        self.label,
                        threshold["employees"],
                        self.employees,
                        self.full_time(),
                        rule["minutes_per_employee"],
                        self.part_time_minutes(),
                    ),
                    self.rules.citation(threshold["source"]),
                    threshold["confidence"],
                )
            )
        capacity = self.rules.full_time_capacity
        if self.part_time_minutes() > capacity["minutes"]:
            found.append(
                Reason(
                    "over_capacity",
                    explain.over_capacity(self.part_time_minutes(), capacity["minutes"]),
                    self.rules.citation(capacity["source"]),
                    capacity["confidence"],
                )
            )
        return found

    def result(self) -> RoleResult:
        return RoleResult(
            role=self.role,
            label=dict(self.label),
            required=self.is_required(),
            minutes_per_employee=self.minutes_per_employee(),
            required_minutes=self.required_minutes(),
            required_hm=hours_minutes(self.required_minutes()),
            full_time=self.full_time(),
            full_time_threshold=self.full_time_threshold(),
            part_time_minutes=self.part_time_minutes(),
            part_time_hm=hours_minutes(self.part_time_minutes()),
            certificate_classes=self.certificate_classes(),
            certificate_posts=self.certificate_posts(),
            reasons=self.reasons() + [r for r in [self.coverage_reason()] if r is not None],
            assignments=self.assignments(),
            assignment_texts=self.assignment_texts(),
            answer=self.answer(),
            form=self.form() if self.is_required() else [],
            required_duration=both(lambda lang: duration(self.required_minutes(), lang)),
            part_time_duration=both(lambda lang: duration(self.part_time_minutes(), lang)),
            assigned_full_time=self.assigned.full_time if self.assigned else None,
            assigned_minutes=self.assigned.minutes if self.assigned else None,
            missing_full_time=self.missing_full_time(),
            missing_minutes=self.missing_minutes(),
            over_minutes=self.over_minutes(),
        )


class SafetySpecialist(RoleCalculation):
    role = "igu"

    def certificate_classes(self) -> list[str] | None:
        rule = self.rules.certificates(self.hazard.id)
        return list(rule["classes"]) if rule else []

    def certificate_posts(self) -> list[dict[str, Any]] | None:
        """The sector exception (İSG Hizmetleri Yön. md. 5(3)), where several full-time posts are required
        and the matching classes are not already every class."""
        rule = self.rules.certificates(self.hazard.id)
        widest = self.rules.widest_certificates()
        posts = self.full_time()
        if rule is None or posts < self.rules.sector_exception["min_full_time"] or list(rule["classes"]) == widest:
            return None
        return [{"count": 1, "classes": list(rule["classes"])}, {"count": posts - 1, "classes": widest}]

    def reasons(self) -> list[Reason]:
        found = super().reasons()
        rule = self.rules.certificates(self.hazard.id)
        if rule is not None:
            found.append(
                Reason(
                    "certificate",
                    explain.certificates(self.hazard.label, rule["classes"]),
                    self.rules.citation(rule["source"]),
                    rule["confidence"],
                )
            )
        posts = self.certificate_posts()
        if posts is not None:
            exception = self.rules.sector_exception
            found.append(
                Reason(
                    "sector_exception",
                    explain.sector_exception(self.full_time(), posts[0]["classes"], posts[1]["classes"]),
                    self.rules.citation(exception["source"]),
                    exception["confidence"],
                )
            )
        self_service = self.rules.employer_self_service
        if (
            self_service is not None
            and self.hazard.id in self_service["hazard_classes"]
            and self.employees < self_service["below_employees"]
        ):
            found.append(
                Reason(
                    "employer_self_service",
                    dict(self_service["label"]),
                    self.rules.citation(self_service["source"]),
                    self_service["confidence"],
                )
            )
        return found


class WorkplacePhysician(RoleCalculation):
    """A full-time physician beyond the posts required (below the threshold: any full-time physician)
    meets the part-time minutes: a full-time physician assigned meets the physician's monthly minimum
    (IH md. 12(1), as rules.md reads it), and the part-time remainder is always less than a full month.
    Where more full-time posts are required than assigned, the remainder is still asked, as the
    threshold rule adds it "in addition" (IH md. 12(2)-(4))."""

    role = "isyeri_hekimi"

    def covered_by_full_time(self) -> bool:
        return self.assigned is not None and self.assigned.full_time > self.full_time()

    def part_time_needed(self) -> int:
        return 0 if self.covered_by_full_time() else self.part_time_minutes()

    def assignments(self) -> list[dict[str, Any]]:
        """With a full-time post beyond those required, the posts alone: the required ones and the one
        that meets the part-time minutes (no part-time assignment is asked on top of it)."""
        if self.is_required() and self.covered_by_full_time():
            return [{"kind": "full_time", "count": self.full_time() + 1}]
        return super().assignments()

    def assignment_texts(self) -> list[Text]:
        if self.is_required() and self.covered_by_full_time():
            return explain.assignments(self.label, self.full_time() + 1, 0)
        return super().assignment_texts()

    def reasons(self) -> list[Reason]:
        found = super().reasons()
        rule = self._rate
        if self.covered_by_full_time() and rule is not None:
            found.append(
                Reason(
                    "full_time_physician_assigned",
                    explain.physician_assigned_by_choice(self.part_time_minutes()),
                    self.rules.citation(rule["source"]),
                    rule["confidence"],
                )
            )
        return found


class OtherHealthPersonnel(RoleCalculation):
    """DSP: only in very hazardous workplaces, from 10 employees, and not
    where a full-time physician is assigned: required (750+ in çok tehlikeli)
    or assigned by the employer's choice."""

    role = "dsp"

    def _physician(self) -> WorkplacePhysician:
        return WorkplacePhysician(self.rules, self.hazard, self.employees, self.full_time_physician)

    @functools.cached_property
    def _not_met(self) -> str | None:
        """The first DSP rule that rules DSP out, or None when all are met."""
        dsp = self.rules.dsp_rules
        if self.hazard.id not in dsp["hazard_classes"]["value"]:
            return "hazard_classes"
        if self.employees < dsp["min_employees"]["value"]:
            return "min_employees"
        assigned = self.full_time_physician or self._physician().full_time() > 0
        if dsp["not_with_full_time_physician"]["value"] and assigned:
            return "not_with_full_time_physician"
        return None

    def is_required(self) -> bool:
        return self._not_met is None and self._rate is not None

    def threshold_rule(self) -> Threshold | None:
        rule = self.rules.dsp_rules["full_time_threshold"]
        if rule["value"] is None:
            return None
        return Threshold(
            valid_from=rule["valid_from"],
            valid_to=rule["valid_to"],
            source=rule["source"],
            label=rule["label"],
            confidence=rule["confidence"],
            role=self.role,
            hazard_class=self.hazard.id,
            employees=rule["value"],
        )

    def reasons(self) -> list[Reason]:
        dsp = self.rules.dsp_rules
        not_met = self._not_met
        if not_met is not None:
            rule = dsp[not_met]
            return [
                Reason(f"not_required_{not_met}", dict(rule["label"]), self.rules.citation(rule["source"]), rule["confidence"])
            ]
        found = super().reasons()
        threshold = dsp["full_time_threshold"]
        if threshold["value"] is None:
            found.append(
                Reason(
                    "no_full_time_threshold",
                    dict(threshold["label"]),
                    self.rules.citation(threshold["source"]),
                    threshold["confidence"],
                )
            )
        return found


ROLE_CALCULATIONS: tuple[type[RoleCalculation], ...] = (SafetySpecialist, WorkplacePhysician, OtherHealthPersonnel)


def notices(rules: Rules) -> list[Reason]:
    """What the date asked means for every answer on it."""
    found: list[Reason] = []
    if rules.after_checked_on:
        found.append(Reason("after_checked_on", explain.after_checked_on(str(rules.on), rules.checked_on.isoformat())))
    public = rules.public_bodies
    if rules.on is not None and rules.on.isoformat() < public["duties_from"]:
        found.append(
            Reason("public_bodies_before", dict(public["label"]), rules.citation(public["source"]), public["confidence"])
        )
    return found


def parse_assigned(given: object, role_labels: dict[str, Text]) -> dict[str, Assigned]:
    """{"igu": {"full_time": 1, "minutes": 500}, ...} -> Assigned per role named; bad values refused with messages."""
    if given is None:
        return {}
    if not isinstance(given, dict):
        raise InvalidAssigned(
            {"tr": "Görevlendirilmiş süreler anlaşılamadı.", "en": "The assigned times could not be read."}, field="assigned"
        )
    found: dict[str, Assigned] = {}
    for role, values in given.items():
        if role not in role_labels or not isinstance(values, dict):
            known = ", ".join(role_labels)
            shown = shown_text(role)
            raise InvalidAssigned(
                {
                    "tr": f"Bilinmeyen unvan: “{shown}” ({known} olmalı)",
                    "en": f"Unknown role: “{shown}” (it must be one of {known})",
                },
                field="assigned",
            )
        label = role_labels[role]
        full = parse_count(
            values.get("full_time"),
            f"assigned_full_time.{role}",
            {"tr": f"{label['tr']}: mevcut tam süreli sayısı", "en": f"{label['en']}: full-time already assigned"},
        )
        minutes = parse_count(
            values.get("minutes"),
            f"assigned_minutes.{role}",
            {"tr": f"{label['tr']}: devam eden süre (dakika)", "en": f"{label['en']}: minutes already assigned"},
        )
        found[role] = Assigned(full, minutes)
    return found


def duties(rules: Rules, employees: int) -> list[Reason]:
    """The committee and the employee representatives a head count asks for (6331 md. 22 and 20)."""
    asked = rules.workplace_duties
    found = []
    committee = asked["osh_committee"]
    if employees >= committee["min_employees"]:
        found.append(
            Reason(
                "osh_committee",
                explain.osh_committee(employees, committee["min_employees"]),
                rules.citation(committee["source"]),
                committee["confidence"],
            )
        )
    representatives = asked["representatives"]
    count = next(
        (n for low, high, n in representatives["bands"] if low <= employees and (high is None or employees <= high)), None
    )
    if count is not None:
        found.append(
            Reason(
                "employee_representatives",
                explain.representatives(employees, count),
                rules.citation(representatives["source"]),
                representatives["confidence"],
            )
        )
    return found


def physician_assigned(flag: bool, assigned: dict[str, Assigned]) -> tuple[bool, dict[str, Assigned]]:
    """One fact said two ways: "a full-time workplace physician is assigned" (the flag) and a physician
    given as already assigned full-time. Either implies the other: the flag alone means one post."""
    physician = assigned.get(WorkplacePhysician.role)
    if physician is not None and physician.full_time >= 1:
        return True, assigned
    if not flag:
        return False, assigned
    return True, {**assigned, WorkplacePhysician.role: Assigned(1, physician.minutes if physician else 0)}


def requirements(
    rules: Rules, hazard_class: str, employees: object, full_time_physician: object = False, assigned: object = None
) -> Requirements:
    """What each role needs a month for `employees` employees in `hazard_class`.

    `full_time_physician`: a full-time workplace physician is assigned, which
    makes DSP not required at any head count (6331 md. 6(3)); by default one
    is taken to be assigned exactly where required.
    `assigned`: what each role already has ({"igu": {"full_time": 1, "minutes": 500}}), which adds
    what is still missing or over to that role's answer.
    Raises UnknownHazardClass, InvalidEmployees, InvalidFlag or InvalidAssigned (with Turkish and English messages).
    """
    hazard = rules.hazard_class(hazard_class)
    count = parse_employees(employees)
    physician, already = physician_assigned(
        parse_flag(full_time_physician, "full_time_physician"), parse_assigned(assigned, rules.role_labels)
    )
    roles = {calc.role: calc(rules, hazard, count, physician, already.get(calc.role)).result() for calc in ROLE_CALCULATIONS}
    return Requirements(
        hazard_class=hazard.id,
        hazard_label=dict(hazard.label),
        employees=count,
        on=rules.on.isoformat() if rules.on else None,
        roles=roles,
        full_time_physician=physician,
        notices=notices(rules),
        duties=duties(rules, count),
    )


def add_code(answer: dict[str, Any], code: object) -> None:
    """Puts the unit's NACE code on each role's form (an answer's dict, `Requirements.to_dict()`), second,
    as İSG-KATİP's form shows it; a value that is no NACE code is left out."""
    if not isinstance(code, str) or not code or normalise_code(code) != code:
        return
    for value in answer.values():
        if isinstance(value, dict) and value.get("form"):
            value["form"].insert(1, {"label": "NACE KODU", "value": code})
