"""How long the monthly check takes: an İSG-KATİP export of 5,000 contracts over 1,000 workplaces (the
issue's size), in CPython and, side by side in the same run, under Pyodide in Node.js (the page runs that
same Python in its worker). Targets: at most 2 s in CPython, at most 3 × those 2 s under Pyodide. A script that
prints figures, not a test.

    .venv/bin/python bench/monthly_check.py [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.plan_speed import under_pyodide  # noqa: E402
from calculator import Calculator  # noqa: E402
from calculator.reconcile import reconcile  # noqa: E402
from datafiles import load_all  # noqa: E402
from tests.test_reconcile import DSP, HEADER, IGU, IH  # noqa: E402

CLASSES = ("Az Tehlikeli", "Tehlikeli", "Çok Tehlikeli")


def export(contracts: int, workplaces: int, seed: int = 1) -> list[list[str]]:
    """An export with İSG-KATİP's header: contracts spread over the workplaces, all roles and classes."""
    rng = random.Random(seed)
    column = {name.strip(): i for i, name in enumerate(HEADER)}
    lines = [HEADER]
    for i in range(contracts):
        place = i % workplaces
        row = [""] * len(HEADER)
        values = {
            "Sözleşme ID": str(i),
            "Sözleşme Adı": (IGU, IH, DSP)[i % 3],
            "Çalışma Süresi": str(rng.randint(60, 4000)),
            "Hizmet Alan İşyeri ID": f"W{place}",
            "Hizmet Alan İşyeri Çalışan Sayısı": str(5 + place % 400),
            "Hizmet Alan İşyeri Tehlike Sınıfı": CLASSES[place % 3],
            "Sözleşme Statü": "Sözleşme Devam Ediyor",
            "Görevlendirilen Kişi Sertifika Tipi": rng.choice("ABC"),
            "Görevlendirilen Kişi TC Kimlik No": "12345678901",
        }
        for name, value in values.items():
            row[column[name]] = value
        lines.append(row)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    calc = Calculator(load_all())
    lines = export(5000, 1000)
    listed = {code: entry.hazard_class for code, entry in calc.index.list_entries.items()}
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        answer = reconcile(calc.rules, lines, "tr", None, listed)
        times.append(time.perf_counter() - started)
    cpython = statistics.median(times)
    print(
        f"5,000 contracts × 1,000 workplaces, CPython: median {cpython * 1000:,.0f} ms — {answer['summary']}   target ≤ 2,000 ms"
    )
    text = "\n".join("\t".join(line) for line in lines)
    pyodide = under_pyodide({"op": "reconcile", "text": text, "counts": "", "lang": "tr"}, args.runs)
    if pyodide is None:
        print("  Pyodide: not measured (needs Node.js and npm's pyodide: scripts/setup)")
        return
    median = statistics.median(pyodide)
    print(f"  Pyodide (Node.js): median {median * 1000:,.0f} ms = {median / cpython:.2f} × CPython   target ≤ 6,000 ms")


if __name__ == "__main__":
    main()
