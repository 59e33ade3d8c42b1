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
from calculator.bilingual import Text, hours_minutes
from calculator.inputs import parse_employees, parse_flag
from calculator.plain import plain
from calculator.reasons import Reason
from calculator.rules import HazardClass, Rules


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

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = plain(self)
        if self.certificate_classes is None:
            del data["certificate_classes"]
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

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "hazard_class": self.hazard_class,
            "hazard_label": dict(self.hazard_label),
            "employees": self.employees,
            "on": self.on,
            "full_time_physician": self.full_time_physician,
            "notices": plain(self.notices),
        }
        for role_id, result in self.roles.items():
            data[role_id] = result.to_dict()
        return data


class RoleCalculation:
    """The figures of one role. Subclasses change only what differs."""

    role = ""

    def __init__(self, rules: Rules, hazard: HazardClass, employees: int, full_time_physician: bool = False):
        self.rules = rules
        self.hazard = hazard
        self.employees = employees
        # The reader's "a full-time workplace physician is assigned" (6331 md. 6(3)).
        self.full_time_physician = full_time_physician

    @property
    def label(self) -> Text:
        return self.rules.role_labels[self.role]

    # The two rules every figure derives from, looked up once (the figures ask for them often).
    @functools.cached_property
    def _rate(self) -> dict[str, Any] | None:
        return self.rules.rate(self.role, self.hazard.id, self.employees)

    @functools.cached_property
    def _threshold(self) -> dict[str, Any] | None:
        return self.rules.threshold(self.role, self.hazard.id)

    def rate_rule(self) -> dict[str, Any] | None:
        return self._rate

    def threshold_rule(self) -> dict[str, Any] | None:
        return self._threshold

    def is_required(self) -> bool:
        return self.rate_rule() is not None

    def minutes_per_employee(self) -> int | None:
        rule = self.rate_rule()
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

    def reasons(self) -> list[Reason]:
        rule = self.rate_rule()
        if rule is None or not self.is_required():
            return []
        band = None
        if rule["min_employees"] > 1 or rule["max_employees"] is not None:
            band = (rule["min_employees"], rule["max_employees"])
        found = [
            Reason(
                "rate",
                explain.rate(self.hazard.label, self.label, rule["minutes_per_employee"], self.employees,
                             self.required_minutes(), band),
                self.rules.citation(rule["source"]),
                rule["confidence"],
            )
        ]
        threshold = self.threshold_rule()
        if threshold is not None:
            found.append(
                Reason(
                    "full_time",
                    explain.full_time(self.label, threshold["employees"], self.employees, self.full_time(),
                                      rule["minutes_per_employee"], self.part_time_minutes()),
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
            reasons=self.reasons(),
        )


class SafetySpecialist(RoleCalculation):
    role = "igu"

    def certificate_classes(self) -> list[str] | None:
        rule = self.rules.certificates(self.hazard.id)
        return list(rule["classes"]) if rule else []

    def reasons(self) -> list[Reason]:
        found = super().reasons()
        rule = self.rules.certificates(self.hazard.id)
        if rule is not None:
            found.append(
                Reason("certificate", explain.certificates(self.hazard.label, rule["classes"]),
                       self.rules.citation(rule["source"]), rule["confidence"])
            )
        self_service = self.rules.employer_self_service
        if (self_service is not None and self.hazard.id in self_service["hazard_classes"]
                and self.employees < self_service["below_employees"]):
            found.append(
                Reason("employer_self_service", dict(self_service["label"]), self.rules.citation(self_service["source"]),
                       self_service["confidence"])
            )
        return found


class WorkplacePhysician(RoleCalculation):
    role = "isyeri_hekimi"

    def reasons(self) -> list[Reason]:
        found = super().reasons()
        rule = self.rate_rule()
        if self.full_time_physician and self.full_time() == 0 and rule is not None:
            # Assigned by choice below the threshold: one full-time post more than meets the minutes.
            found.append(Reason("full_time_physician_assigned",
                                explain.physician_assigned_by_choice(self.required_minutes()),
                                self.rules.citation(rule["source"]), rule["confidence"]))
        return found


class OtherHealthPersonnel(RoleCalculation):
    """DSP: only in very hazardous workplaces, from 10 employees, and not
    where a full-time physician is assigned: required (750+ in çok tehlikeli)
    or assigned by the employer's choice."""

    role = "dsp"

    def _physician(self) -> WorkplacePhysician:
        return WorkplacePhysician(self.rules, self.hazard, self.employees, self.full_time_physician)

    def _rule_not_met(self) -> str | None:
        return self._not_met

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
        return self._rule_not_met() is None and self.rate_rule() is not None

    def threshold_rule(self) -> dict[str, Any] | None:
        value = self.rules.dsp_rules["full_time_threshold"]["value"]
        if value is None:
            return None
        return {"employees": value, "source": self.rules.dsp_rules["full_time_threshold"]["source"]}

    def reasons(self) -> list[Reason]:
        dsp = self.rules.dsp_rules
        not_met = self._rule_not_met()
        if not_met is not None:
            rule = dsp[not_met]
            return [Reason(f"not_required_{not_met}", dict(rule["label"]), self.rules.citation(rule["source"]),
                           rule["confidence"])]
        found = super().reasons()
        threshold = dsp["full_time_threshold"]
        if threshold["value"] is None:
            found.append(Reason("no_full_time_threshold", dict(threshold["label"]),
                                self.rules.citation(threshold["source"]), threshold["confidence"]))
        return found


ROLE_CALCULATIONS: tuple[type[RoleCalculation], ...] = (SafetySpecialist, WorkplacePhysician, OtherHealthPersonnel)


def notices(rules: Rules) -> list[Reason]:
    """What the date asked means for every answer on it."""
    found: list[Reason] = []
    if rules.after_checked_on:
        found.append(Reason("after_checked_on", explain.after_checked_on(str(rules.on), rules.checked_on.isoformat())))
    public = rules.public_bodies
    if rules.on is not None and rules.on.isoformat() < public["duties_from"]:
        found.append(Reason("public_bodies_before", dict(public["label"]), rules.citation(public["source"]),
                            public["confidence"]))
    return found


def requirements(rules: Rules, hazard_class: str, employees: object, full_time_physician: object = False) -> Requirements:
    """What each role needs a month for `employees` employees in `hazard_class`.

    `full_time_physician`: a full-time workplace physician is assigned, which
    makes DSP not required at any head count (6331 md. 6(3)); by default one
    is taken to be assigned exactly where required.
    Raises UnknownHazardClass, InvalidEmployees or InvalidFlag (with Turkish and English messages).
    """
    hazard = rules.hazard_class(hazard_class)
    count = parse_employees(employees)
    physician = parse_flag(full_time_physician, "full_time_physician")
    roles = {calc.role: calc(rules, hazard, count, physician).result() for calc in ROLE_CALCULATIONS}
    return Requirements(
        hazard_class=hazard.id,
        hazard_label=dict(hazard.label),
        employees=count,
        on=rules.on.isoformat() if rules.on else None,
        roles=roles,
        full_time_physician=physician,
        notices=notices(rules),
    )
