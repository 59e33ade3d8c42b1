"""What changed, and when: the NACE list's changes act by act (codes added, removed, renumbered,
reclassified, retitled) and the dated rules of durations.yaml by the day they began or ended.
Both are read from the data's own dates, so the "what changed" page cannot disagree with an
answer given for a date."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from calculator.bilingual import Text, shifted
from calculator.lookup import ListEntry, NaceIndex
from calculator.rules import Rules

# What an act can do to a code, in the order the page lists them (each an ActChanges field).
KINDS = ("added", "changed", "renumbered", "reclassified", "retitled", "removed")
# The kinds whose rows no act is known to have set, said unconfirmed.
UNCONFIRMED_KINDS = ("changed", "removed")
# The dated rules of durations.yaml, in the order the page lists them.
DATED_RULES = ("rates", "full_time_thresholds", "certificate_classes", "employer_self_service")


@dataclass
class ActChanges:
    """One act of the NACE list and what it changed."""

    number: str
    published: str
    effective: str
    effective_confirmed: bool
    address: str
    first_list: int = 0  # codes the act's list holds where no earlier list is held here
    added: list[ListEntry] = field(default_factory=list)
    # Rows a transcription says the act changed, whose earlier state neither transcription gives.
    changed: list[ListEntry] = field(default_factory=list)
    renumbered: list[tuple[ListEntry, ListEntry]] = field(default_factory=list)
    reclassified: list[tuple[ListEntry, ListEntry]] = field(default_factory=list)
    retitled: list[tuple[ListEntry, ListEntry]] = field(default_factory=list)
    # Codes absent from the list after this act, where no act is known to have removed them.
    removed: list[ListEntry] = field(default_factory=list)


def _classify(act: ActChanges, entry: ListEntry, earlier: ListEntry | None, moved_from: ListEntry | None) -> None:
    if moved_from is not None:
        act.renumbered.append((moved_from, entry))
    elif earlier is None:
        (act.changed if "earlier row" in entry.note else act.added).append(entry)
    elif earlier.hazard_class != entry.hazard_class:
        act.reclassified.append((earlier, entry))
    else:
        act.retitled.append((earlier, entry))


def list_changes(index: NaceIndex) -> list[ActChanges]:
    """Each act of the NACE list, oldest first, with the codes it changed."""
    acts = {
        number: ActChanges(number, str(a["published"]), str(a["effective"]), bool(a["effective_confirmed"]), str(a["address"]))
        for number, a in sorted(index.acts.items(), key=lambda item: str(item[1]["effective"]))
    }
    first_act = next(iter(acts), None)
    history = index.history
    ended: dict[tuple[str, str], ListEntry] = {(e.code, e.valid_to): e for e in history if e.valid_to}
    moved = {(e.successor, e.valid_to): e for e in history if e.successor}
    for entry in history:
        act = acts[entry.act]
        before = shifted(entry.valid_from, -1)
        if entry.act == first_act:
            act.first_list += 1
        else:
            _classify(act, entry, ended.get((entry.code, before)), moved.get((entry.code, before)))
        if entry.valid_to and not entry.successor:
            after = shifted(entry.valid_to, 1)
            if not any(e.code == entry.code and e.valid_from == after for e in history):
                ending = next((a for a in acts.values() if a.effective == after), None)
                if ending is not None:
                    ending.removed.append(entry)
    return list(acts.values())


@dataclass(frozen=True)
class RuleChange:
    """A dated rule that began or ended on a day, with what it says and where it comes from."""

    label: Text
    figure: Text
    source: Text
    confidence: str


@dataclass
class RuleDay:
    day: str
    began: list[RuleChange] = field(default_factory=list)
    ended: list[RuleChange] = field(default_factory=list)  # their last day was the day before


def _figure(key: str, rule: dict[str, Any]) -> Text:
    if key == "rates":
        minutes = rule["minutes_per_employee"]
        return {"tr": f"{minutes} dk", "en": f"{minutes} min"}
    if key == "full_time_thresholds":
        return {"tr": f"{rule['employees']} çalışan", "en": f"{rule['employees']} employees"}
    if key == "certificate_classes":
        classes = "/".join(rule["classes"])
        return {"tr": classes, "en": classes}
    return {"tr": "", "en": ""}


def rule_changes(rules: Rules) -> list[RuleDay]:
    """Every day a dated rule of durations.yaml began or ended, and the day public bodies became bound,
    oldest first."""
    days: dict[str, RuleDay] = {}
    public = rules.public_bodies
    days[str(public["duties_from"])] = RuleDay(
        str(public["duties_from"]),
        [RuleChange(dict(public["label"]), {"tr": "", "en": ""}, rules.citation(public["source"]).text, public["confidence"])],
    )
    for key in DATED_RULES:
        for rule in rules.data[key]:
            change = RuleChange(dict(rule["label"]), _figure(key, rule), rules.citation(rule["source"]).text, rule["confidence"])
            days.setdefault(str(rule["valid_from"]), RuleDay(str(rule["valid_from"]))).began.append(change)
            if rule["valid_to"]:
                after = shifted(str(rule["valid_to"]), 1)
                days.setdefault(after, RuleDay(after)).ended.append(change)
    return [days[day] for day in sorted(days)]
