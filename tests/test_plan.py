"""The staffing plan (calculator.plan): hand-made cases with known plans, and properties on random
instances checked against a brute-force search (a max-flow for the part-time minutes, every choice
of full-time holders)."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.plan import NO_CLASS, Need, Plan, Professional, plan

# Today's certificate rules (6331 md. 8(5)) and the transitional ones (until 31.12.2024).
TODAY = {"az_tehlikeli": ["A", "B", "C"], "tehlikeli": ["A", "B"], "cok_tehlikeli": ["A"]}
BEFORE_2025 = {"az_tehlikeli": ["A", "B", "C"], "tehlikeli": ["A", "B", "C"], "cok_tehlikeli": ["A", "B"]}
ROLES = ["igu", "isyeri_hekimi", "dsp"]


def igu(name: str, cls: str, minutes: int, full_time: bool = False, line: int = 0) -> Professional:
    return Professional(name, "igu", cls, minutes, full_time, line)


def need(unit: str, hazard: str, minutes: int, full_time: int = 0, role: str = "igu", position: int = 0) -> Need:
    return Need(unit, None, hazard, role, full_time, minutes, position)


def check_rules(result: Plan, needs: list[Need], people: list[Professional], certificates: dict[str, list[str]]) -> None:
    """What every plan keeps, feasible or not."""
    by_name = {p.name: p for p in people}
    used: dict[str, int] = {}
    holders: dict[str, int] = {}
    for a in result.assignments:
        person = by_name[a.professional]
        assert person.role == a.role
        if a.role == "igu":
            assert person.certificate_class in certificates[a.hazard_class], a
        if a.kind == "full_time":
            assert person.full_time and a.minutes == 0
            holders[a.professional] = holders.get(a.professional, 0) + 1
        else:
            assert a.minutes > 0
        used[a.professional] = used.get(a.professional, 0) + a.minutes
    for name, count in holders.items():
        assert count == 1 and sum(1 for a in result.assignments if a.professional == name) == 1, name
    for name, minutes in used.items():
        assert minutes <= by_name[name].available_minutes, name
    # Covered plus uncovered is exactly what was needed, per need.
    for n in needs:
        got = [a for a in result.assignments if a.unit == n.unit and a.role == n.role]
        short = [u for u in result.uncovered if u.unit == n.unit and u.role == n.role]
        assert sum(a.minutes for a in got if a.kind == "part_time") + sum(u.minutes for u in short) == n.minutes
        assert sum(1 for a in got if a.kind == "full_time") + sum(u.full_time for u in short) == n.full_time
    assert result.feasible == (result.uncovered == [])
    if result.feasible:
        assert result.lower_bound is not None
        assert result.lower_bound <= result.part_time_assignments <= result.lower_bound + result.used_up
    else:
        assert result.lower_bound is None


def test_feasible_plan_one_assignment_per_need() -> None:
    people = [igu("Ayşe", "A", 3000), igu("Bora", "B", 3000), igu("Cem", "C", 3000)]
    needs = [
        need("Hastane", "cok_tehlikeli", 2400, position=1),
        need("Atölye", "tehlikeli", 2000, position=2),
        need("Ofis", "az_tehlikeli", 1000, position=3),
    ]
    result = plan(needs, people, TODAY, ["igu"])
    check_rules(result, needs, people, TODAY)
    assert result.feasible
    assert {(a.professional, a.unit, a.minutes) for a in result.assignments} == {
        ("Ayşe", "Hastane", 2400),
        ("Bora", "Atölye", 2000),
        ("Cem", "Ofis", 1000),
    }
    assert result.part_time_assignments == result.lower_bound == 3


def test_tight_plan_keeps_a_class_time_for_very_hazardous_units() -> None:
    # The office could take A time, but then the hospital could not be covered: B and C go first.
    people = [igu("Ayşe", "A", 2400), igu("Bora", "B", 1000), igu("Cem", "C", 500)]
    needs = [need("Ofis", "az_tehlikeli", 1500, position=1), need("Hastane", "cok_tehlikeli", 2400, position=2)]
    result = plan(needs, people, TODAY, ["igu"])
    check_rules(result, needs, people, TODAY)
    assert result.feasible
    assert [(a.professional, a.minutes) for a in result.assignments if a.unit == "Hastane"] == [("Ayşe", 2400)]
    assert sorted((a.professional, a.minutes) for a in result.assignments if a.unit == "Ofis") == [("Bora", 1000), ("Cem", 500)]


def test_infeasible_by_class_says_which_class_is_short() -> None:
    people = [igu("Bora", "B", 10_000), igu("Cem", "C", 10_000)]
    needs = [need("Hastane", "cok_tehlikeli", 2400, position=1)]
    result = plan(needs, people, TODAY, ["igu"])
    check_rules(result, needs, people, TODAY)
    assert not result.feasible
    assert [(s.certificate_classes, s.hazard_classes, s.minutes) for s in result.shortfall] == [(["A"], ["cok_tehlikeli"], 2400)]
    # Before 2025 the transitional rule let B-class specialists serve very hazardous units.
    assert plan(needs, people, BEFORE_2025, ["igu"]).feasible


def test_infeasible_by_minutes_gives_the_best_partial_plan() -> None:
    people = [igu("Ayşe", "A", 1000), igu("Bora", "B", 1000)]
    needs = [need("Atölye", "tehlikeli", 3400, position=1), need("Hastane", "cok_tehlikeli", 500, position=2)]
    result = plan(needs, people, TODAY, ["igu"])
    check_rules(result, needs, people, TODAY)
    assert not result.feasible
    assert [(s.certificate_classes, s.hazard_classes, s.minutes) for s in result.shortfall] == [(["B", "A"], ["tehlikeli"], 1900)]
    assert sum(a.minutes for a in result.assignments) == 2000  # every minute there is, used


def test_full_time_posts_are_exclusive_and_taken_from_the_least_time() -> None:
    people = [igu("Ayşe", "A", 11_700, True), igu("Arda", "A", 9000, True), igu("Bora", "B", 5000)]
    needs = [need("Hastane", "cok_tehlikeli", 3000, full_time=1, position=1)]
    result = plan(needs, people, TODAY, ["igu"])
    check_rules(result, needs, people, TODAY)
    assert result.feasible
    full = [a for a in result.assignments if a.kind == "full_time"]
    # Arda (less time) takes the post; Ayşe's time covers the part-time minutes.
    # A full-time post carries no minutes of its own: no source gives them.
    assert [(a.professional, a.minutes) for a in full] == [("Arda", 0)]
    assert [(a.professional, a.minutes) for a in result.assignments if a.kind == "part_time"] == [("Ayşe", 3000)]


def test_full_time_post_with_nobody_able_to_take_it() -> None:
    people = [igu("Ayşe", "A", 11_700, False), igu("Bora", "B", 11_700, True)]
    needs = [need("Hastane", "cok_tehlikeli", 0, full_time=2, position=1)]
    result = plan(needs, people, TODAY, ["igu"])
    check_rules(result, needs, people, TODAY)
    assert [(s.certificate_classes, s.full_time) for s in result.shortfall] == [(["A"], 2)]


def test_roles_are_planned_apart() -> None:
    people = [Professional("Dr. Ece", "isyeri_hekimi", NO_CLASS, 2000, False), igu("Ayşe", "A", 2000)]
    needs = [
        need("Hastane", "cok_tehlikeli", 900, role="isyeri_hekimi", position=1),
        need("Hastane", "cok_tehlikeli", 2400, position=1),
    ]
    result = plan(needs, people, TODAY, ROLES)
    check_rules(result, needs, people, TODAY)
    assert [(s.role, s.minutes) for s in result.shortfall] == [("igu", 400)]


def test_deterministic() -> None:
    people = [igu(f"P{i}", "ABC"[i % 3], 1000 + 100 * i, i % 4 == 0, i) for i in range(12)]
    needs = [
        need(f"U{i}", ["az_tehlikeli", "tehlikeli", "cok_tehlikeli"][i % 3], 300 * (i + 1), i % 5 == 0, position=i)
        for i in range(15)
    ]
    assert plan(needs, people, TODAY, ["igu"]) == plan(list(needs), list(people), TODAY, ["igu"])


# -- the brute force ----------------------------------------------------------------


def _max_flow(capacity: dict[tuple[str, str], int], source: str, sink: str) -> int:
    flow = 0
    residual = dict(capacity)
    nodes = {n for edge in capacity for n in edge}
    for a, b in list(capacity):
        residual.setdefault((b, a), 0)
    while True:
        parent = {source: source}
        queue = [source]
        while queue and sink not in parent:
            at = queue.pop(0)
            for n in nodes:
                if n not in parent and residual.get((at, n), 0) > 0:
                    parent[n] = at
                    queue.append(n)
        if sink not in parent:
            return flow
        path, n = [], sink
        while n != source:
            path.append((parent[n], n))
            n = parent[n]
        push = min(residual[e] for e in path)
        for a, b in path:
            residual[(a, b)] -= push
            residual[(b, a)] += push
        flow += push


def coverable_by_brute_force(needs: list[Need], people: list[Professional], certificates: dict[str, list[str]]) -> bool:
    """Whether any plan covers everything: every choice of full-time holders, then a max-flow."""
    posts = [(i, n) for i, n in enumerate(needs) for _ in range(n.full_time)]
    capable = [p for p in people if p.full_time]

    def allowed(p: Professional, n: Need) -> bool:
        return p.role == n.role and (p.role != "igu" or p.certificate_class in certificates[n.hazard_class])

    for holders in itertools.permutations(capable, len(posts)) if len(posts) <= len(capable) else []:
        if not all(allowed(p, n) for p, (_, n) in zip(holders, posts, strict=True)):
            continue
        free = [p for p in people if p not in holders]
        capacity = {("s", f"p{i}"): p.available_minutes for i, p in enumerate(free)}
        for j, n in enumerate(needs):
            capacity[(f"n{j}", "t")] = n.minutes
            for i, p in enumerate(free):
                if allowed(p, n):
                    capacity[(f"p{i}", f"n{j}")] = n.minutes
        if _max_flow(capacity, "s", "t") == sum(n.minutes for n in needs):
            return True
    return False


_hazards = st.sampled_from(["az_tehlikeli", "tehlikeli", "cok_tehlikeli"])
_people = st.lists(st.tuples(st.sampled_from(["A", "B", "C"]), st.integers(0, 3000), st.booleans()), max_size=5)
_needs = st.lists(st.tuples(_hazards, st.integers(0, 4000), st.integers(0, 1)), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(_people, _needs, st.sampled_from([TODAY, BEFORE_2025]))
def test_random_plans_keep_the_rules_and_cover_whenever_possible(
    people_spec: list[Any], needs_spec: list[Any], certificates: dict[str, list[str]]
) -> None:
    people = [igu(f"P{i}", c, m, f, i) for i, (c, m, f) in enumerate(people_spec)]
    needs = [need(f"U{i}", h, m, k, position=i) for i, (h, m, k) in enumerate(needs_spec)]
    result = plan(needs, people, certificates, ["igu"])
    check_rules(result, needs, people, certificates)
    assert result.feasible == coverable_by_brute_force(needs, people, certificates)
    assert result == plan(needs, people, certificates, ["igu"])


def _most_whole_by_brute_force(needs: list[Need], people: list[Professional], certificates: dict[str, list[str]]) -> int:
    """The most needs any plan covers whole (part-time only): every subset, checked by a max-flow."""
    for size in range(len(needs), 0, -1):
        for subset in itertools.combinations(needs, size):
            if coverable_by_brute_force(list(subset), people, certificates):
                return size
    return 0


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["A", "B", "C"]), st.integers(0, 3000)), max_size=4),
    st.lists(st.tuples(_hazards, st.integers(1, 4000)), min_size=1, max_size=5),
    st.sampled_from([TODAY, BEFORE_2025]),
)
def test_too_small_a_pool_covers_the_most_needs_whole_and_leaves_no_one_idle(
    people_spec: list[Any], needs_spec: list[Any], certificates: dict[str, list[str]]
) -> None:
    people = [igu(f"P{i}", c, m, False, i) for i, (c, m) in enumerate(people_spec)]
    needs = [need(f"U{i}", h, m, position=i) for i, (h, m) in enumerate(needs_spec)]
    result = plan(needs, people, certificates, ["igu"])
    check_rules(result, needs, people, certificates)
    short = {u.unit for u in result.uncovered}
    assert len(needs) - len(short) == _most_whole_by_brute_force(needs, people, certificates)
    used = {load.professional: load.used_minutes for load in result.loads}
    for u in result.uncovered:
        idle = [p for p in people if p.certificate_class in certificates[u.hazard_class] and used[p.name] < p.available_minutes]
        assert idle == [], (u, idle)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["A", "B", "C"]), st.lists(st.integers(30, 2000), min_size=1, max_size=4)),
        min_size=1,
        max_size=6,
    ),
    st.randoms(use_true_random=False),
)
def test_where_one_assignment_a_need_can_cover_them_the_plan_finds_it(spec: list[Any], rng: Any) -> None:
    """Planted instances: each professional's time is exactly a few needs of classes they may serve."""
    allowed = {c: [h for h, classes in TODAY.items() if c in classes] for c in "ABC"}
    people: list[Professional] = []
    needs: list[Need] = []
    for i, (cls, parts) in enumerate(spec):
        people.append(igu(f"P{i}", cls, sum(parts), False, i))
        for minutes in parts:
            needs.append(need(f"U{len(needs)}", rng.choice(allowed[cls]), minutes, position=len(needs)))
    rng.shuffle(needs)
    result = plan(needs, people, TODAY, ["igu"])
    check_rules(result, needs, people, TODAY)
    assert result.feasible and result.part_time_assignments <= 1.1 * len(needs)
