"""Test vectors for comparing runtimes (CPython, Pyodide in Node, the page):
requests to `calculator.api.Service`, built from the data and the law's
boundaries so they grow with the data."""

from __future__ import annotations

from typing import Any

from tests import law

BAD_EMPLOYEES: list[Any] = [-5, 0, 1.5, "1.5", "abc", "", 10**12, "10^12", None]
BAD_QUERIES = ["", "43.2", "99.99.99", "1234567", "zzzz"]
EXAMPLE_QUERIES = [
    "kazan",
    "KAZAN DAİRESİ",
    "isitma",
    "hvac",
    "ameliyathane",
    "43.22",
    "43.22.06",
    "86.91.01",
    "86.90.1",
    "72.10",
    "43.22.01",
    "laboratuvarı",
]


def requirement_vectors() -> list[dict[str, Any]]:
    spellings = {"az_tehlikeli": "az", "tehlikeli": "tehlikeli", "cok_tehlikeli": "çok tehlikeli"}
    vectors = [
        {"op": "requirements", "hazard_class": spellings[hazard], "employees": employees}
        for hazard in law.CLASSES
        for employees in law.BOUNDARIES
    ]
    vectors += [{"op": "requirements", "hazard_class": "cok", "employees": bad} for bad in BAD_EMPLOYEES]
    vectors.append({"op": "requirements", "hazard_class": "orta", "employees": 10})
    # Dated rules and the assigned-physician input: the same answers (and refusals) in every runtime.
    for on in (
        "2015-12-31",
        "2016-01-01",
        "2017-06-30",
        "2017-07-01",
        "2024-12-31",
        "2025-01-01",
        "2099-01-01",
        "2024-02-30",
        "soon",
    ):
        vectors.append({"op": "requirements", "hazard_class": "cok", "employees": 300, "on": on})
        vectors.append({"op": "requirements", "hazard_class": "az", "employees": 40, "on": on})
    for flag in (True, False, "evet", "belki"):
        vectors.append({"op": "requirements", "hazard_class": "cok", "employees": 60, "full_time_physician": flag})
    return vectors


def lookup_vectors(nace: dict[str, Any]) -> list[dict[str, Any]]:
    units = [u for g in nace["groups"] for u in g["units"]]
    queries = [u["name"][lang] for u in units for lang in ("tr", "en")]
    queries += sorted({e["code"] for u in units for e in u["codes"]})
    queries += EXAMPLE_QUERIES + BAD_QUERIES
    return [{"op": "lookup", "query": q} for q in queries]


def official_list_vectors(nace_list: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Codes across the whole official list, words of its titles, and the guide/list choice."""
    vectors: list[dict[str, Any]] = [{"op": "lookup", "query": row["code"]} for row in nace_list[::43]]
    vectors += [{"op": "lookup", "query": q} for q in ("55.90", "ogrenci yurdu", "kreş", "matbaa", "veteriner")]
    # The dated list: a renumbered, a removed, an added and a reclassified code, before and after 1.4.2026.
    for on in ("2025-04-01", "2026-04-01", "2024-12-31", None):
        for code in ("05.10.01", "05.10.00", "13.92.11", "10.89.07", "81.22.04"):
            vectors += [{"op": "lookup", "query": code, "on": on}, {"op": "resolve", "unit": code, "on": on}]
    for unit in ("Kazan dairesi", "Ameliyathane", "55.90.01", "86.91.01", "ogrenci yurdu"):
        vectors += [{"op": "resolve", "unit": unit}, {"op": "resolve", "unit": unit, "prefer": "guide"}]
    return vectors


def batch_vectors() -> list[dict[str, Any]]:
    rows = [
        {"unit": "Kazan dairesi / buhar kazanı", "employees": 12},
        {"unit": "Radyasyonlu laboratuvar", "employees": "300"},
        {"code": "86.91.01", "employees": 20},
        {"unit": "laboratuvar", "employees": 3},
        {"hazard_class": "az", "employees": 2500},
        {"unit": "Kantin", "employees": "abc"},
    ]
    csv_text = "Birim;Çalışan\nKazan dairesi; 12\n43.22.06; 300\nbroken line\nKantin; abc\nAz Tehlikeli; 40\n"
    return [
        {"op": "batch", "rows": rows},
        {"op": "batch", "rows": "not a list"},
        {"op": "nonsense"},
        {"op": "batch_csv", "text": csv_text, "lang": "tr"},
        {"op": "batch_csv", "text": csv_text, "lang": "en"},
        {"op": "batch_csv", "text": "", "lang": "tr"},
    ]


def all_vectors(data: dict[str, Any]) -> list[dict[str, Any]]:
    return requirement_vectors() + lookup_vectors(data["nace"]) + official_list_vectors(data["nace_list"]) + batch_vectors()
