"""A staffing plan: the institution's professionals across all its units.

Given each unit's needs (per role: full-time posts and part-time minutes still to cover, after
what is already assigned, as `batch` computes them) and the professionals (role, certificate
class for safety specialists, minutes available a month, whether they may take a full-time
post), the plan says who is assigned where, for how many minutes, and what is still short.

The rules it keeps (their sources are shown with the plan, from durations.yaml):
- a safety specialist serves only the hazard classes their certificate class allows on the
  plan's date (6331 md. 8(5); until 31.12.2024 the transitional rule, Geçici 4);
- a full-time post takes one professional wholly, who then takes no other assignment (the
  fact `full_time_exclusive`);
- a professional's part-time minutes never exceed their available minutes;
- every unit's full-time posts and part-time minutes per role are covered where they can be.

What it guarantees (tests/test_plan.py checks each, on hand-made and on random instances):
1. Feasibility is decided exactly. On every date the data covers, the certificate classes
   allowed for the hazard classes nest (those for çok tehlikeli among those for tehlikeli,
   among those for az tehlikeli); the planner checks this and refuses data where they do not.
   On nested sets the part-time minutes can be covered exactly when, for each hazard class,
   its minutes and those of every stricter class fit in the time of the certificate classes
   allowed for it (Hall's condition on a chain); serving the strictest class first, each from
   the least capable certificate class first, covers them whenever that holds. Who takes the
   full-time posts is decided by trying every split of the posts between certificate classes
   (within a class, those with the least time first, leaving the most for part-time work).
2. Few assignments: a part-time need goes to one professional whenever someone has room for
   all of it; otherwise it is split, and each split uses up a professional's whole time. So
   in a covering plan the part-time assignments are at least `lower_bound` (for each need, the
   fewest allowed professionals whose whole time could hold it: no covering plan with the same
   full-time holders can have fewer) and at most `lower_bound` plus `used_up` (professionals
   whose time the plan fills); the plan reports both.
3. Scarce time is kept: A-class time goes to çok tehlikeli units first, and to other units only
   after B- and C-class time.
4. Deterministic: the same input gives the same plan; ties go by input order.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

# Only safety specialists carry a certificate class; the others are one class of their own.
CERTIFIED_ROLE = "igu"
NO_CLASS = "-"
FULL_TIME, PART_TIME = "full_time", "part_time"


@dataclass(frozen=True)
class Professional:
    name: str
    role: str
    certificate_class: str  # "A", "B" or "C" for a safety specialist, NO_CLASS for the others
    available_minutes: int
    full_time: bool  # may take a full-time post
    line: int = 0


@dataclass(frozen=True)
class Need:
    """What one unit still needs of one role."""

    unit: str
    code: str | None
    hazard_class: str
    role: str
    full_time: int
    minutes: int
    position: int = 0


@dataclass(frozen=True)
class Assignment:
    professional: str
    role: str
    unit: str
    code: str | None
    hazard_class: str
    kind: str  # FULL_TIME or PART_TIME
    minutes: int  # of a full-time post: the professional's available minutes


@dataclass(frozen=True)
class Uncovered:
    unit: str
    role: str
    hazard_class: str
    full_time: int
    minutes: int
    certificate_classes: list[str]


@dataclass(frozen=True)
class Shortfall:
    role: str
    certificate_classes: list[str]  # the classes that could serve it ([] for uncertified roles)
    hazard_classes: list[str]  # the units' classes it is for (one for a safety specialist, any for the others)
    full_time: int
    minutes: int


@dataclass(frozen=True)
class Load:
    professional: str
    role: str
    certificate_class: str
    available_minutes: int
    used_minutes: int
    full_time: bool  # holds a full-time post


@dataclass(frozen=True)
class RolePlan:
    assignments: list[Assignment]
    uncovered: list[Uncovered]
    shortfall: list[Shortfall]
    loads: list[Load]
    lower_bound: int
    part_time_assignments: int
    used_up: int


@dataclass(frozen=True)
class Plan:
    feasible: bool
    assignments: list[Assignment]
    uncovered: list[Uncovered]
    shortfall: list[Shortfall]
    loads: list[Load]
    # For a covering plan: the fewest part-time assignments any covering plan could have (None when
    # nothing covers everything: a bound on plans that do not exist says nothing).
    lower_bound: int | None
    part_time_assignments: int
    used_up: int


def strictness_order(certificates: dict[str, list[str]]) -> list[str]:
    """The hazard classes from the one the fewest certificate classes may serve. Raises ValueError
    where the allowed sets do not nest: the plan's exactness rests on it."""
    order = sorted(certificates, key=lambda h: (len(certificates[h]), h))
    for stricter, looser in itertools.pairwise(order):
        if not set(certificates[stricter]) <= set(certificates[looser]):
            raise ValueError(f"the certificate classes for {stricter} and {looser} do not nest")
    return order


class _Role:
    """One role's view of the rules: which certificate classes serve which hazard class."""

    def __init__(self, role: str, certificates: dict[str, list[str]]):
        self.role = role
        self.certified = role == CERTIFIED_ROLE
        self.order = strictness_order(certificates)
        if self.certified:
            serves = {c: sum(c in certificates[h] for h in certificates) for h in certificates for c in certificates[h]}
            self.least_first = sorted(serves, key=lambda c: (serves[c], c))
        else:
            self.least_first = [NO_CLASS]
        self.certificates = certificates

    def allowed(self, hazard_class: str) -> list[str]:
        """The certificate classes that may serve `hazard_class`, least capable first."""
        if not self.certified:
            return [NO_CLASS]
        return [c for c in self.least_first if c in self.certificates[hazard_class]]

    def strictness(self, hazard_class: str) -> int:
        return self.order.index(hazard_class)


def coverable_minutes(rules: _Role, needs: list[Need], time: dict[str, int]) -> int:
    """The most part-time minutes the time of each certificate class can cover (exact on nested sets:
    the strictest hazard class first, each from the least capable class first)."""
    left = dict(time)
    covered = 0
    for hazard in rules.order:
        demand = sum(n.minutes for n in needs if n.hazard_class == hazard)
        for c in rules.allowed(hazard):
            given = min(demand, left.get(c, 0))
            left[c] = left.get(c, 0) - given
            demand -= given
            covered += given
    return covered


def plan_role(role: str, needs: list[Need], people: list[Professional], certificates: dict[str, list[str]]) -> RolePlan:
    """The plan of one role: its professionals serve only its needs."""
    rules = _Role(role, certificates)
    needs = [n for n in needs if n.role == role and (n.full_time > 0 or n.minutes > 0)]
    people = [p for p in people if p.role == role]
    posts = _full_time_posts(rules, needs, people)
    holders = {p.name for _, p in posts}
    free = [p for p in people if p.name not in holders]
    left = {p.name: p.available_minutes for p in free}
    part, short_minutes = _part_time(rules, needs, free, left)
    filled: dict[int, int] = {}
    for need, _ in posts:
        filled[need.position] = filled.get(need.position, 0) + 1
    uncovered = []
    for need in needs:
        posts_short = need.full_time - filled.get(need.position, 0)
        minutes_short = short_minutes.get(need.position, 0)
        if posts_short or minutes_short:
            uncovered.append(Uncovered(need.unit, role, need.hazard_class, posts_short, minutes_short,
                                       rules.allowed(need.hazard_class) if rules.certified else []))
    assignments = [Assignment(p.name, role, n.unit, n.code, n.hazard_class, FULL_TIME, p.available_minutes)
                   for n, p in posts] + part
    givers = {a.professional for a in part}
    loads = [Load(p.name, role, p.certificate_class, p.available_minutes,
                  p.available_minutes if p.name in holders else p.available_minutes - left[p.name], p.name in holders)
             for p in people]
    return RolePlan(assignments, uncovered, _shortfall(rules, uncovered), loads, _lower_bound(rules, needs, free),
                    len(part), sum(1 for name in givers if left[name] == 0))


def _full_time_posts(rules: _Role, needs: list[Need], people: list[Professional]) -> list[tuple[Need, Professional]]:
    """Who takes the full-time posts. Every split of the posts between certificate classes is tried
    (within a class those with the least time go first); the split that fills the most posts, then
    leaves the most part-time minutes coverable, then uses the least capable classes, wins."""
    posts = sorted((n for n in needs for _ in range(n.full_time)), key=lambda n: (rules.strictness(n.hazard_class), n.position))
    if not posts:
        return []
    capable = {c: sorted((p for p in people if p.full_time and p.certificate_class == c),
                         key=lambda p: (p.available_minutes, p.line)) for c in rules.least_first}
    best: tuple[tuple[int, ...], list[tuple[Need, Professional]]] | None = None
    # A chosen professional no post can use stays free, so only splits of exactly this many matter.
    size = min(len(posts), sum(len(c) for c in capable.values()))
    for counts in itertools.product(*(range(min(len(capable[c]), size) + 1) for c in rules.least_first)):
        if sum(counts) != size:
            continue
        chosen = {c: list(capable[c][:n]) for c, n in zip(rules.least_first, counts, strict=True)}
        filled = []
        for need in posts:
            person = next((chosen[c].pop(0) for c in rules.allowed(need.hazard_class) if chosen.get(c)), None)
            if person is not None:
                filled.append((need, person))
        holders = {p.name for _, p in filled}
        time: dict[str, int] = {}
        for p in people:
            if p.name not in holders:
                time[p.certificate_class] = time.get(p.certificate_class, 0) + p.available_minutes
        used = [sum(1 for _, p in filled if p.certificate_class == c) for c in rules.least_first]
        key = (len(filled), coverable_minutes(rules, needs, time), *(-n for n in reversed(used)))
        if best is None or key > best[0]:
            best = (key, filled)
    assert best is not None
    return best[1]


def _part_time(rules: _Role, needs: list[Need], people: list[Professional],
               left: dict[str, int]) -> tuple[list[Assignment], dict[int, int]]:
    """Part-time assignments: the strictest hazard class first, the largest need first. A need goes
    whole to one professional where anyone allowed has room (the least capable class first, then the
    least loaded once it is added); else the professional with the most time left gives all of it
    and the rest goes on. Returns the assignments and, per need position, the minutes left short."""
    assignments = []
    short: dict[int, int] = {}
    for need in sorted((n for n in needs if n.minutes > 0),
                       key=lambda n: (rules.strictness(n.hazard_class), -n.minutes, n.position)):
        classes = rules.allowed(need.hazard_class)
        candidates = [p for p in people if p.certificate_class in classes and p.available_minutes > 0]
        rest = need.minutes
        while rest > 0:
            room = [p for p in candidates if left[p.name] >= rest]
            if room:
                person = min(room, key=lambda p: (classes.index(p.certificate_class),
                                                  (p.available_minutes - left[p.name] + rest) / p.available_minutes,
                                                  p.line))
                given = rest
            else:
                some = [p for p in candidates if left[p.name] > 0]
                if not some:
                    short[need.position] = rest
                    break
                person = min(some, key=lambda p: (classes.index(p.certificate_class), -left[p.name], p.line))
                given = left[person.name]
            left[person.name] -= given
            rest -= given
            assignments.append(Assignment(person.name, rules.role, need.unit, need.code, need.hazard_class, PART_TIME,
                                          given))
    return assignments, short


def _lower_bound(rules: _Role, needs: list[Need], people: list[Professional]) -> int:
    """For each part-time need, the fewest allowed professionals whose whole time could hold it."""
    total = 0
    for need in needs:
        if need.minutes <= 0:
            continue
        times = sorted((p.available_minutes for p in people if p.certificate_class in rules.allowed(need.hazard_class)),
                       reverse=True)
        held = count = 0
        for time in times:
            if held >= need.minutes:
                break
            held += time
            count += 1
        total += max(1, count)
    return total


def _shortfall(rules: _Role, uncovered: list[Uncovered]) -> list[Shortfall]:
    """What must be added: full-time professionals and minutes of time, per hazard class for safety
    specialists (each with the certificate classes that could serve it; on nested sets this is the
    least that covers everything), and in one sum for the other roles, whom any unit can take."""
    groups = [[h] for h in rules.order] if rules.certified else [list(rules.order)]
    found = []
    for hazards in groups:
        posts = sum(u.full_time for u in uncovered if u.hazard_class in hazards)
        minutes = sum(u.minutes for u in uncovered if u.hazard_class in hazards)
        if posts or minutes:
            classes = rules.allowed(hazards[0]) if rules.certified else []
            found.append(Shortfall(rules.role, classes, [h for h in hazards if any(u.hazard_class == h for u in uncovered)],
                                   posts, minutes))
    return found


def plan(needs: list[Need], people: list[Professional], certificates: dict[str, list[str]], roles: list[str]) -> Plan:
    """The plan over every role. `certificates`: per hazard class, the certificate classes that may serve
    it on the plan's date (Rules.certificates)."""
    parts = [plan_role(role, needs, people, certificates) for role in roles]
    feasible = all(not part.uncovered for part in parts)
    return Plan(
        feasible=feasible,
        assignments=[a for part in parts for a in part.assignments],
        uncovered=[u for part in parts for u in part.uncovered],
        shortfall=[s for part in parts for s in part.shortfall],
        loads=[load for part in parts for load in part.loads],
        lower_bound=sum(part.lower_bound for part in parts) if feasible else None,
        part_time_assignments=sum(part.part_time_assignments for part in parts),
        used_up=sum(part.used_up for part in parts),
    )
