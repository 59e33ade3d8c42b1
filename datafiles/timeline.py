"""The dated rules of durations.yaml checked as a timeline.

From `covers_from` on, every rule key (a role and class's minutes per band;
a full-time threshold; a class's certificate rule; each DSP rule; the
self-service rule; the full-time capacity) must have exactly one rule in
force on every day, for ever after: two rules of one key whose dates
overlap, or a day with none, would make some date's answer wrong (e.g. two
minutes rates added up), so either stops the build and the CLI with the
entry and field named.

The days checked are the days on which anything starts or ends: between two
of them nothing changes, so checking each such day checks every day.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from datafiles.errors import DataFileError
from datafiles.schema import locate

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Dated:
    """One rule: where it is in the file, the key it belongs to, and its days."""

    path: tuple[str | int, ...]
    key: tuple[Any, ...]
    rule: dict[str, Any]
    starts: dt.date
    ends: dt.date | None

    def in_force(self, day: dt.date) -> bool:
        return self.starts <= day and (self.ends is None or day <= self.ends)

    def describe(self) -> str:
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.path).lstrip(".")
        until = self.rule["valid_to"] or "open"
        return f"{where} ({self.rule['valid_from']} – {until})"


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _dated(path: tuple[str | int, ...], key: tuple[Any, ...], rule: dict[str, Any]) -> Dated:
    ends = _date(rule["valid_to"]) if rule["valid_to"] else None
    return Dated(path, key, rule, _date(rule["valid_from"]), ends)


def dated_rules(data: dict[str, Any]) -> Iterator[Dated]:
    """Every dated rule with its key. Rates are keyed by role and class; their bands are checked per day."""
    for i, rule in enumerate(data["rates"]):
        yield _dated(("rates", i), ("rates", rule["role"], rule["hazard_class"]), rule)
    for i, rule in enumerate(data["full_time_thresholds"]):
        yield _dated(("full_time_thresholds", i), ("full_time_thresholds", rule["role"], rule["hazard_class"]), rule)
    for i, rule in enumerate(data["certificate_classes"]):
        yield _dated(("certificate_classes", i), ("certificate_classes", rule["hazard_class"]), rule)
    for name, rule in data["dsp_rules"].items():
        yield _dated(("dsp_rules", name), ("dsp_rules", name), rule)
    for i, rule in enumerate(data["employer_self_service"]):
        yield _dated(("employer_self_service", i), ("employer_self_service",), rule)
    yield _dated(("full_time_capacity",), ("full_time_capacity",), data["full_time_capacity"])


def _required_keys(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The keys that must have a rule on every covered day."""
    classes = [c["id"] for c in data["hazard_classes"]]
    keys: list[tuple[Any, ...]] = []
    for role in ("igu", "isyeri_hekimi"):
        keys += [("rates", role, c) for c in classes]
        keys += [("full_time_thresholds", role, c) for c in classes]
    keys += [("certificate_classes", c) for c in classes]
    keys += [("dsp_rules", name) for name in data["dsp_rules"]]
    keys += [("employer_self_service",), ("full_time_capacity",)]
    return keys


def _describe_key(key: tuple[Any, ...]) -> str:
    family, *rest = key
    names = {
        "rates": ("role", "hazard class"),
        "full_time_thresholds": ("role", "hazard class"),
        "certificate_classes": ("hazard class",),
        "dsp_rules": ("rule",),
    }
    parts = [f"{name} {value!r}" for name, value in zip(names.get(family, ()), rest, strict=False)]
    return str(family) + (" (" + ", ".join(parts) + ")" if parts else "")


def _days(rules: list[Dated], covers_from: dt.date) -> list[dt.date]:
    """The first covered day and every later day on which a rule starts or the day after one ends."""
    days = {covers_from}
    for rule in rules:
        days.add(rule.starts)
        if rule.ends is not None:
            days.add(rule.ends + ONE_DAY)
    return sorted(d for d in days if d >= covers_from)


def _fail(data: dict[str, Any], name: str, path: tuple[str | int, ...], problem: str) -> DataFileError:
    entry, field = locate(data, list(path))
    return DataFileError(name, problem, entry=entry, field=field)


def _bands_overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    a_high = a["max_employees"] if a["max_employees"] is not None else float("inf")
    b_high = b["max_employees"] if b["max_employees"] is not None else float("inf")
    return bool(a["min_employees"] <= b_high and b["min_employees"] <= a_high)


def _check_overlaps(data: dict[str, Any], name: str, key: tuple[Any, ...], found: list[Dated], day: dt.date) -> None:
    for first, second in itertools.combinations(found, 2):
        if key[0] == "rates" and not _bands_overlap(first.rule, second.rule):
            continue
        later = max(first, second, key=lambda r: (r.starts, r.path != first.path))
        other = second if later is first else first
        # Two bands of one period collide in their head counts; rules of two periods in their dates.
        field = "min_employees" if key[0] == "rates" and first.starts == second.starts else "valid_from"
        raise _fail(
            data,
            name,
            (*later.path, field),
            f"overlaps {other.describe()} on {day.isoformat()}: two rules for {_describe_key(key)} in force on the same day",
        )


def _check_gap(
    data: dict[str, Any], name: str, key: tuple[Any, ...], rules: list[Dated], day: dt.date, covers_from: dt.date
) -> None:
    before = [r for r in rules if r.ends is not None and r.ends < day]
    after = [r for r in rules if r.starts > day]
    until = (min(r.starts for r in after) - ONE_DAY).isoformat() if after else "for ever after"
    problem = (
        f"no rule for {_describe_key(key)} from {day.isoformat()} to {until} "
        f"(the data covers every day from covers_from {covers_from.isoformat()} on)"
    )
    if before:
        last = max(before, key=lambda r: r.ends or day)
        raise _fail(data, name, (*last.path, "valid_to"), problem)
    if rules:
        raise _fail(data, name, (*min(rules, key=lambda r: r.starts).path, "valid_from"), problem)
    raise DataFileError(name, problem, entry=key[0])


def check_timeline(data: dict[str, Any], name: str) -> None:
    """Stops at the first overlap or gap of any rule key from covers_from on."""
    covers_from = _date(data["covers_from"])
    every = list(dated_rules(data))
    by_key: dict[tuple[Any, ...], list[Dated]] = {}
    for rule in every:
        by_key.setdefault(rule.key, []).append(rule)
    required = set(_required_keys(data))
    for key in [*required, *(k for k in by_key if k not in required)]:
        rules = by_key.get(key, [])
        for day in _days(rules, covers_from):
            found = [r for r in rules if r.in_force(day)]
            _check_overlaps(data, name, key, found, day)
            if key in required and not found:
                _check_gap(data, name, key, rules, day, covers_from)
    _check_bands_cover(data, name, by_key, covers_from)


def _check_bands_cover(data: dict[str, Any], name: str, by_key: dict[tuple[Any, ...], list[Dated]], covers_from: dt.date) -> None:
    """On every day, a role's bands for a class run from 1 (DSP: its minimum head count) upward without a hole."""
    for key, rules in by_key.items():
        if key[0] != "rates":
            continue
        for day in _days(rules, covers_from):
            found = sorted((r for r in rules if r.in_force(day)), key=lambda r: r.rule["min_employees"])
            if not found:
                continue
            if key[1] != "dsp" and found[0].rule["min_employees"] != 1:
                raise _fail(
                    data,
                    name,
                    (*found[0].path, "min_employees"),
                    f"the lowest band of {_describe_key(key)} on {day.isoformat()} must start at 1 employee",
                )
            for low, high in itertools.pairwise(found):
                top = low.rule["max_employees"]
                if top is not None and high.rule["min_employees"] != top + 1:
                    raise _fail(
                        data,
                        name,
                        (*high.path, "min_employees"),
                        f"leaves employees {top + 1}–{high.rule['min_employees'] - 1} without a rate "
                        f"for {_describe_key(key)} on {day.isoformat()}",
                    )
            if found[-1].rule["max_employees"] is not None:
                raise _fail(
                    data,
                    name,
                    (*found[-1].path, "max_employees"),
                    f"the highest band of {_describe_key(key)} on {day.isoformat()} must have no upper limit",
                )
