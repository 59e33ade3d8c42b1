"""How long a staffing plan takes: 200 units × 60 professionals (the issue's size), and larger, in
CPython and, side by side in the same run, under Pyodide in Node.js (the page runs that same Python in
its worker; bench/service_pyodide.mjs). Targets for 200 × 60: at most 2 s in CPython, at most 3× that
under Pyodide. A script that prints figures, not a test.

    .venv/bin/python bench/plan_speed.py [--runs 5]

The units are real rows (names of the guide's Ek-1 and NACE codes, 1–1,500 employees), through
the same path the CLI takes: CSV text -> batch -> needs -> plan.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from calculator import Calculator  # noqa: E402
from calculator.staffing import staffing_plan  # noqa: E402
from datafiles import load_all  # noqa: E402
from datafiles.export import write_calculator_json  # noqa: E402


def under_pyodide(request: dict[str, object], runs: int) -> list[float] | None:
    """Each run's seconds of one worker request under Pyodide in Node.js, or None without Node.js or the
    npm packages (bench/monthly_check.py uses it too)."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "pyodide").is_dir():
        return None
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "request.json").write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
        data = write_calculator_json(work / "data.json")
        done = subprocess.run(
            [
                node,
                str(ROOT / "bench" / "service_pyodide.mjs"),
                str(ROOT / "calculator"),
                str(data),
                str(work / "request.json"),
                str(runs),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
            timeout=600,
        )
    return [ms / 1000 for ms in json.loads(done.stdout)["ms"]]


def instance(calc: Calculator, units: int, people: int, seed: int = 1) -> tuple[str, str]:
    rng = random.Random(seed)
    names = [unit.name["tr"] for unit in calc.index.units]
    codes = [entry.code for entry in calc.index.list_entries.values()]
    unit_lines = ["Birim;Çalışan sayısı"]
    for i in range(units):
        what = rng.choice(names) if i % 2 else rng.choice(codes)
        unit_lines.append(f"{what};{rng.choice([5, 12, 40, 120, 300, 800, 1500])}")
    roles = ["İGU", "İH", "DSP"]
    staff_lines = ["Ad Soyad;Rol;Belge sınıfı;Uygun dakika;Tam süreli"]
    for i in range(people):
        role = roles[i % 3]
        certificate = rng.choice("ABC") if role == "İGU" else ""
        staff_lines.append(f"Kişi {i};{role};{certificate};{rng.choice([4000, 8000, 11700])};{'evet' if i % 4 == 0 else 'hayır'}")
    return "\n".join(unit_lines), "\n".join(staff_lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    calc = Calculator(load_all())
    for units, people in ((200, 60), (1000, 200)):
        units_text, staff_text = instance(calc, units, people)
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            answer = staffing_plan(calc.rules, calc.index, units_text, staff_text)
            times.append(time.perf_counter() - started)
        result = answer.plan
        cpython = statistics.median(times)
        print(
            f"{units} units × {people} professionals, CPython: median {cpython * 1000:,.0f} ms "
            f"(min {min(times) * 1000:,.0f}) — {len(result.assignments)} assignments, "
            f"covered: {result.feasible}, part-time {result.part_time_assignments} "
            f"(lower bound {result.lower_bound}, + {result.used_up} used up)" + ("   target ≤ 2,000 ms" if units == 200 else "")
        )
        pyodide = under_pyodide({"op": "plan", "units": units_text, "staff": staff_text}, args.runs)
        if pyodide is None:
            print("  Pyodide: not measured (no Node.js or no node_modules/pyodide: run scripts/setup)")
        else:
            # The first run also compiles the package's modules: the median is the reader's second plan on.
            median = statistics.median(pyodide)
            print(
                f"  Pyodide (Node.js): median {median * 1000:,.0f} ms = {median / cpython:.2f} × CPython"
                f" (first run {pyodide[0] * 1000:,.0f} ms)" + ("   target ≤ 3 ×" if units == 200 else "")
            )


if __name__ == "__main__":
    main()
