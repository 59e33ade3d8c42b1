"""The guide's Ek-1 checked against the NACE list: for every row and
every code, is the code in the list, and does the guide's class equal the
list's? Computed from the data every build, never typed by hand."""

from __future__ import annotations

from dataclasses import dataclass

from calculator.bilingual import Text
from calculator.lookup import NaceIndex

AGREES, DIFFERS, NOT_IN_LIST = "agrees", "differs", "not_in_list"


@dataclass(frozen=True)
class CrossCheck:
    unit_id: str
    unit_name: Text
    group: Text
    code: str
    guide_class: str
    list_class: str | None
    list_title: str | None

    @property
    def status(self) -> str:
        if self.list_class is None:
            return NOT_IN_LIST
        return AGREES if self.list_class == self.guide_class else DIFFERS


def cross_check(index: NaceIndex) -> list[CrossCheck]:
    """One entry per Ek-1 row and code, in the guide's order."""
    found = []
    for unit in index.units:
        for entry in unit.codes:
            listed = index.list_entries.get(entry.code)
            found.append(
                CrossCheck(
                    unit.unit_id,
                    unit.name,
                    unit.group,
                    entry.code,
                    entry.hazard_class,
                    listed.hazard_class if listed else None,
                    listed.title_tr if listed else None,
                )
            )
    return found


def disagreements(index: NaceIndex) -> list[CrossCheck]:
    return [row for row in cross_check(index) if row.status != AGREES]
