"""One matching rule: the JavaScript port every page finder runs (docs/assets/js/nace-match.js:
the NACE page's box and the header search) gives, in Node.js, the same matches in the same
order as calculator.lookup (the CLI, and the calculator's box under Pyodide) for every query of
tests/nace_queries.py and tests/everyday_names.py, typos and words that find nothing included."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from calculator import Calculator
from calculator.errors import CalculatorError
from tests.everyday_names import EVERYDAY
from tests.nace_queries import queries

RUNNER = Path(__file__).parent / "node" / "run_matching.mjs"
# Words that find nothing, or only by a typo: "nothing found" offers the nearest words alike; and a
# title typed whole, its exclusion clause too.
NOTHING = [
    "merkz kütüphanesi",
    "merkz yurdu",
    "spr salonu",
    "kutuphne",
    "xyzqw",
    "yemekahne salonu",
    "laboratuari",
    "Kamu kurumları tarafından verilen okul öncesi eğitim faaliyeti (okula yönelik eğitim verilmeyen gündüz bakım (kreş) "
    "faaliyetleri hariç)",
]


def python_answer(calc: Calculator, query: str) -> dict[str, Any]:
    try:
        found = calc.lookup(query)
    except CalculatorError:
        return {"error": True}
    return {
        "error": False,
        "units": [m.unit_id for m in found.matches],
        "names": [[s.entry_id, s.matched, s.shown] for s in found.suggestions],
        "nearby": [m.unit_id for m in found.nearby],
        "list": [e.code for e in found.list_entries],
        "nearest": found.nearest,
        "names_first": found.suggestions_first,
    }


def test_the_javascript_port_answers_like_python(node: str, calc: Calculator, data: dict[str, Any]) -> None:
    asked = list(dict.fromkeys([*queries(data), *(q for q, _ in EVERYDAY), *NOTHING]))
    request = {"guide": calc.index.guide_search_data(), "rows": calc.index.list_search_rows(), "queries": asked}
    out = subprocess.run([node, str(RUNNER)], input=json.dumps(request), capture_output=True, text=True, check=True, timeout=300)
    shown = json.loads(out.stdout)
    expected = [python_answer(calc, q) for q in asked]
    assert [(q, got) for q, got, want in zip(asked, shown, expected, strict=True) if got != want] == []
    # The queries exercise every kind of answer.
    assert sum(a["error"] for a in expected) >= 3 and sum(bool(a.get("nearby")) for a in expected) >= 1
    assert sum(bool(a.get("names")) for a in expected) >= 100 and sum(bool(a.get("nearest")) for a in expected) >= 2
    assert sum(bool(a.get("names_first")) for a in expected) >= 5
