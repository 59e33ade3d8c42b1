"""A staffing plan: the institution's professionals across all its units.

Given each unit's needs (per role: full-time posts and part-time minutes still to cover, after
what is already assigned, as `batch` computes them) and the professionals (role, certificate
class for safety specialists, minutes available a month, whether they may take a full-time
post), the plan says who is assigned where, for how many minutes, and what is still short.

The rules it keeps (their sources are shown with the plan, from durations.yaml):
- a safety specialist serves only the hazard classes their certificate class allows on the
  plan's date (6331 md. 8(5); until 31.12.2024 the transitional rule, Geçici 4);
- a full-time post takes one professional wholly, who is then given no other assignment (the
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
2. With too little time, as many needs as possible are covered whole (the smallest first, each
   kept while all those kept can still be covered: exact on nested classes), then every minute
   left that may serve a need left short goes to it: no one who could serve it stays idle.
3. Few assignments: where one professional a need can cover the needs, a search finds that
   packing (within a bounded number of steps); otherwise a part-time need goes to one
   professional whenever someone has room for all of it (the tightest fit), else it is split,
   and each split uses up a professional's whole time. So
   in a covering plan the part-time assignments are at least `lower_bound` (for each need, the
   fewest allowed professionals whose whole time could hold it: no covering plan with the same
   full-time holders can have fewer) and at most `lower_bound` plus `used_up` (professionals
   whose time the plan fills); the plan reports both.
4. Scarce time is kept: A-class time goes to çok tehlikeli units first, and to other units only
   after B- and C-class time.
5. Deterministic: the same input gives the same plan; ties go by input order.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
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
    # The hazard class whose certificate classes may serve this need ("": its own). In a listed sector the
    # full-time posts beyond the first may be served by any class (İSG Hizmetleri Yön. md. 5(3)).
    serves: str = ""

    @property
    def cert(self) -> str:
        """The hazard class this need's certificate rule is that of."""
        return self.serves or self.hazard_class


@dataclass(frozen=True)
class Assignment:
    professional: str
    role: str
    unit: str
    code: str | None
    hazard_class: str
    kind: str  # FULL_TIME or PART_TIME
    # A part-time assignment's minutes; 0 for a full-time post, whose minutes in İSG-KATİP no source gives.
    minutes: int


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
    demand: dict[str, int] = {}
    for n in needs:
        demand[n.cert] = demand.get(n.cert, 0) + n.minutes
    return _coverable(rules, demand, time)


def _coverable(rules: _Role, demand: dict[str, int], time: dict[str, int]) -> int:
    left = dict(time)
    covered = 0
    for hazard in rules.order:
        wanted = demand.get(hazard, 0)
        for c in rules.allowed(hazard):
            given = min(wanted, left.get(c, 0))
            left[c] = left.get(c, 0) - given
            wanted -= given
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
    # Per need (a unit's posts may be two needs of one line: the matching class's and any class's).
    filled: dict[int, int] = {}
    for need, _ in posts:
        filled[id(need)] = filled.get(id(need), 0) + 1
    uncovered = []
    for need in needs:
        posts_short = need.full_time - filled.get(id(need), 0)
        minutes_short = short_minutes.get(need.position, 0)
        if posts_short or minutes_short:
            uncovered.append(
                Uncovered(
                    need.unit,
                    role,
                    need.hazard_class,
                    posts_short,
                    minutes_short,
                    rules.allowed(need.cert) if rules.certified else [],
                )
            )
    assignments = [Assignment(p.name, role, n.unit, n.code, n.hazard_class, FULL_TIME, 0) for n, p in posts] + part
    givers = {a.professional for a in part}
    loads = [
        Load(
            p.name,
            role,
            p.certificate_class,
            p.available_minutes,
            p.available_minutes if p.name in holders else p.available_minutes - left[p.name],
            p.name in holders,
        )
        for p in people
    ]
    return RolePlan(
        assignments,
        uncovered,
        _shortfall(rules, uncovered),
        loads,
        _lower_bound(rules, needs, free),
        len(part),
        sum(1 for name in givers if left[name] == 0),
    )


def _full_time_posts(rules: _Role, needs: list[Need], people: list[Professional]) -> list[tuple[Need, Professional]]:
    """Who takes the full-time posts. Every split of the posts between certificate classes is tried
    (within a class those with the least time go first); the split that fills the most posts, then
    leaves the most part-time minutes coverable, then uses the least capable classes, wins."""
    posts = sorted((n for n in needs for _ in range(n.full_time)), key=lambda n: (rules.strictness(n.cert), n.position))
    if not posts:
        return []
    capable = {
        c: sorted((p for p in people if p.full_time and p.certificate_class == c), key=lambda p: (p.available_minutes, p.line))
        for c in rules.least_first
    }
    best: tuple[tuple[int, ...], list[tuple[Need, Professional]]] | None = None
    # A chosen professional no post can use stays free, so only splits of exactly this many matter.
    size = min(len(posts), sum(len(c) for c in capable.values()))
    for counts in itertools.product(*(range(min(len(capable[c]), size) + 1) for c in rules.least_first)):
        if sum(counts) != size:
            continue
        chosen = {c: list(capable[c][:n]) for c, n in zip(rules.least_first, counts, strict=True)}
        filled = []
        for need in posts:
            person = next((chosen[c].pop(0) for c in rules.allowed(need.cert) if chosen.get(c)), None)
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


def _part_time(
    rules: _Role, needs: list[Need], people: list[Professional], left: dict[str, int]
) -> tuple[list[Assignment], dict[int, int]]:
    """Part-time assignments. With too little time, as many needs as possible are covered whole
    (`_most_needs`), then the rest get every minute left that may serve them; no professional who
    could serve a need left short keeps time. The needs covered whole get one professional each
    where such a packing is found (`_one_each`), else `_greedy`. Returns the assignments and, per
    need position, the minutes left short."""
    wanted = [n for n in needs if n.minutes > 0]
    whole = _most_needs(rules, wanted, people, left)
    trial = dict(left)
    assignments, _ = _greedy(rules, whole, people, trial)
    if len(assignments) > len(whole):
        packed = _one_each(rules, whole, people, dict(left))
        tries = (
            [packed]
            if packed is not None
            else [_fullest_first(rules, whole, order, dict(left)) for order in _orders(rules, people, left)]
        )
        for packed in tries:
            placed = {id(need) for need, _ in packed}
            other = dict(left)
            found = []
            for need, person in packed:
                other[person.name] -= need.minutes
                found.append(
                    Assignment(person.name, rules.role, need.unit, need.code, need.hazard_class, PART_TIME, need.minutes)
                )
            split, missed = _greedy(rules, [n for n in whole if id(n) not in placed], people, other)
            if not missed and len(found) + len(split) < len(assignments):
                assignments, trial = found + split, other
    left.update(trial)
    chosen = {n.position for n in whole}
    rest, short = _greedy(rules, [n for n in wanted if n.position not in chosen], people, left)
    return assignments + rest, short


def _order(rules: _Role, needs: list[Need]) -> list[Need]:
    """The strictest hazard class first, the largest need first, then input order."""
    return sorted(needs, key=lambda n: (rules.strictness(n.cert), -n.minutes, n.position))


def _most_needs(rules: _Role, needs: list[Need], people: list[Professional], left: dict[str, int]) -> list[Need]:
    """The needs to cover whole: all of them where the time allows; else the smallest first, each
    taken while the chosen ones can still all be covered (decided exactly on nested classes)."""
    time: dict[str, int] = {}
    for p in people:
        time[p.certificate_class] = time.get(p.certificate_class, 0) + left[p.name]
    if coverable_minutes(rules, needs, time) == sum(n.minutes for n in needs):
        return needs
    demand: dict[str, int] = {}
    chosen = []
    for need in sorted(needs, key=lambda n: (n.minutes, -rules.strictness(n.cert), n.position)):
        demand[need.cert] = demand.get(need.cert, 0) + need.minutes
        if _coverable(rules, demand, time) == sum(demand.values()):
            chosen.append(need)
        else:
            demand[need.cert] -= need.minutes
    return chosen


def _greedy(
    rules: _Role, needs: list[Need], people: list[Professional], left: dict[str, int]
) -> tuple[list[Assignment], dict[int, int]]:
    """A need goes whole to the allowed professional it fits best (the least capable class first,
    then the least room left once it is added); where nobody has room, the professional with the
    most time left gives all of it and the rest goes on."""
    assignments = []
    short: dict[int, int] = {}
    for need in _order(rules, needs):
        classes = rules.allowed(need.cert)
        candidates = [p for p in people if p.certificate_class in classes and p.available_minutes > 0]
        rest = need.minutes
        while rest > 0:
            room = [p for p in candidates if left[p.name] >= rest]
            if room:
                person = min(room, key=lambda p: (classes.index(p.certificate_class), left[p.name] - rest, p.line))
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
            assignments.append(Assignment(person.name, rules.role, need.unit, need.code, need.hazard_class, PART_TIME, given))
    return assignments, short


# How many steps `_one_each` may take in all before it gives up (some tens of milliseconds' work),
# and the most needs and professionals it searches (its depth: well within Python's and Pyodide's stacks).
_PACKING_STEPS = 100_000
_PACKING_DEPTH = 200


def _one_each(
    rules: _Role, needs: list[Need], people: list[Professional], left: dict[str, int]
) -> list[tuple[Need, Professional]] | None:
    """One professional for each need, each within their time, or None when none is found within
    _PACKING_STEPS steps (bin completion, after Korf): the largest need left goes to one of the
    professionals who may take it (those of the same class and time left tried once), and that
    professional is then filled at once with other needs, the fullest sets first; the time anyone
    leaves unused may not exceed the slack (all time less all needs), and what is left must still be
    coverable (Hall's condition on the chain of classes)."""
    givers = [p for p in people if left[p.name] > 0]
    items = sorted(needs, key=lambda n: (-n.minutes, n.position))
    slack = sum(left[p.name] for p in givers) - sum(n.minutes for n in items)
    if slack < 0 or len(items) > _PACKING_DEPTH or len(givers) > _PACKING_DEPTH:
        return None
    search = _Packing(rules, left)
    return search.chosen if search.fill(items, givers, slack) else None


# How many orders of the professionals `_fullest_first` is tried in.
_FILL_ORDERS = 24


def _orders(rules: _Role, people: list[Professional], left: dict[str, int]) -> list[list[Professional]]:
    """Orders to fill the professionals in: the least capable class first (they may take the fewest
    needs), within a class the most time first, then the least, then shuffled (a fixed seed: the
    same input gives the same plan)."""
    givers = [p for p in people if left[p.name] > 0]
    rank = rules.least_first.index
    orders = [
        sorted(givers, key=lambda p: (rank(p.certificate_class), -left[p.name], p.line)),
        sorted(givers, key=lambda p: (rank(p.certificate_class), left[p.name], p.line)),
    ]
    shuffler = random.Random(len(givers))
    for _ in range(_FILL_ORDERS - len(orders)):
        keys = {p.name: shuffler.random() for p in givers}
        orders.append(sorted(givers, key=lambda p: (rank(p.certificate_class), keys[p.name])))
    return orders


def _fullest_first(
    rules: _Role, needs: list[Need], people: list[Professional], left: dict[str, int]
) -> list[tuple[Need, Professional]]:
    """Each professional in turn (the least capable class first, then the most time) takes the set of
    whole needs left that fills their time the most (subset sums as the bits of one integer); the
    needs no one took whole are left to be split."""
    taken: list[tuple[Need, Professional]] = []
    rest = list(needs)
    for person in people:
        fits = [n for n in rest if person.certificate_class in rules.allowed(n.cert)]
        room = left[person.name]
        mask = (1 << (room + 1)) - 1
        reach = [1]
        for n in fits:
            reach.append((reach[-1] | (reach[-1] << n.minutes)) & mask)
        total = reach[-1].bit_length() - 1
        chosen = []
        for i in range(len(fits) - 1, -1, -1):
            if not (reach[i] >> total) & 1:
                chosen.append(fits[i])
                total -= fits[i].minutes
        taken.extend((n, person) for n in chosen)
        ids = {id(n) for n in chosen}
        rest = [n for n in rest if id(n) not in ids]
    return taken


class _Packing:
    """The depth-first search of `_one_each`."""

    def __init__(self, rules: _Role, left: dict[str, int]):
        self.rules = rules
        self.left = left
        self.steps = 0
        self.chosen: list[tuple[Need, Professional]] = []

    def coverable(self, items: list[Need], givers: list[Professional]) -> bool:
        time: dict[str, int] = {}
        for p in givers:
            time[p.certificate_class] = time.get(p.certificate_class, 0) + self.left[p.name]
        return coverable_minutes(self.rules, items, time) == sum(n.minutes for n in items)

    def fillable(self, items: list[Need], givers: list[Professional], slack: int) -> bool:
        """Whether each professional left could still be filled to within the slack by the needs left."""
        seen: set[tuple[str, int]] = set()
        for p in givers:
            room = self.left[p.name]
            if (p.certificate_class, room) in seen:
                continue
            seen.add((p.certificate_class, room))
            reach, mask = 1, (1 << (room + 1)) - 1
            for n in items:
                if p.certificate_class in self.rules.allowed(n.cert):
                    reach = (reach | (reach << n.minutes)) & mask
            low = max(0, room - slack)
            if not reach >> low:
                return False
        return True

    def fill(self, items: list[Need], givers: list[Professional], slack: int) -> bool:
        if not items:
            return True
        self.steps += len(givers)
        if self.steps > _PACKING_STEPS or not self.coverable(items, givers) or not self.fillable(items, givers, slack):
            return False
        largest, others = items[0], items[1:]
        classes = self.rules.allowed(largest.cert)
        tried: set[tuple[str, int]] = set()
        for person in sorted(
            (p for p in givers if p.certificate_class in classes and self.left[p.name] >= largest.minutes),
            key=lambda p: (classes.index(p.certificate_class), self.left[p.name], p.line),
        ):
            room = self.left[person.name]
            if (person.certificate_class, room) in tried:
                continue
            tried.add((person.certificate_class, room))
            fits = [n for n in others if person.certificate_class in self.rules.allowed(n.cert)]
            rest = [p for p in givers if p is not person]
            for subset in self.subsets(fits, room - largest.minutes, room - largest.minutes - slack):
                taken = {id(n) for n in subset}
                self.chosen.extend((n, person) for n in [largest, *subset])
                unused = room - largest.minutes - sum(n.minutes for n in subset)
                if self.fill([n for n in others if id(n) not in taken], rest, slack - unused):
                    return True
                del self.chosen[len(self.chosen) - len(subset) - 1 :]
                if self.steps > _PACKING_STEPS:
                    return False
        return False

    def subsets(self, fits: list[Need], room: int, least: int) -> Iterator[list[Need]]:
        """Sets of `fits` (largest first) whose minutes sum to between `least` and `room`, the larger
        needs tried in first; needs of the same minutes and class are taken in order (no repeats)."""
        if room < 0:
            return
        # reach[i]: the sums the needs from i on can make, as the bits of one integer (none over room).
        mask = (1 << (room + 1)) - 1
        reach = [1] * (len(fits) + 1)
        for i in range(len(fits) - 1, -1, -1):
            reach[i] = (reach[i + 1] | (reach[i + 1] << fits[i].minutes)) & mask
        picked: list[Need] = []

        def walk(i: int, total: int) -> Iterator[list[Need]]:
            self.steps += 1
            low = max(0, least - total)
            if self.steps > _PACKING_STEPS or not (reach[i] >> low) & ((1 << (room - total - low + 1)) - 1):
                return
            if i == len(fits):
                yield list(picked)
                return
            need = fits[i]
            if total + need.minutes <= room:
                picked.append(need)
                yield from walk(i + 1, total + need.minutes)
                picked.pop()
            # Leaving this need out: leave out every later one of the same size and class too.
            j = i + 1
            while j < len(fits) and (fits[j].minutes, fits[j].cert) == (need.minutes, need.cert):
                j += 1
            yield from walk(j, total)

        yield from walk(0, 0)


def _lower_bound(rules: _Role, needs: list[Need], people: list[Professional]) -> int:
    """For each part-time need, the fewest allowed professionals whose whole time could hold it."""
    total = 0
    for need in needs:
        if need.minutes <= 0:
            continue
        times = sorted((p.available_minutes for p in people if p.certificate_class in rules.allowed(need.cert)), reverse=True)
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
        classes = rules.allowed(hazards[0]) if rules.certified else []
        # A need is short of the classes that may serve it (any class, for a listed sector's later posts).
        members = [u for u in uncovered if not rules.certified or u.certificate_classes == classes]
        posts = sum(u.full_time for u in members)
        minutes = sum(u.minutes for u in members)
        if posts or minutes:
            found.append(
                Shortfall(
                    rules.role, classes, [h for h in rules.order if any(u.hazard_class == h for u in members)], posts, minutes
                )
            )
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
