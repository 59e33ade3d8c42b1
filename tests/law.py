"""An independent statement of the rules, typed from the regulations (see
shared/reference/rules.md), for checking the data-driven calculator
against. Deliberately not read from data/: a slip in durations.yaml must
make the tests fail, not agree with itself."""

from __future__ import annotations

RATES = {
    "igu": {"az_tehlikeli": 10, "tehlikeli": 20, "cok_tehlikeli": 40},
    "isyeri_hekimi": {"az_tehlikeli": 5, "tehlikeli": 10, "cok_tehlikeli": 15},
}
THRESHOLDS = {
    "igu": {"az_tehlikeli": 1000, "tehlikeli": 500, "cok_tehlikeli": 250},
    "isyeri_hekimi": {"az_tehlikeli": 2000, "tehlikeli": 1000, "cok_tehlikeli": 750},
}
CERTIFICATES = {"az_tehlikeli": ["A", "B", "C"], "tehlikeli": ["A", "B"], "cok_tehlikeli": ["A"]}
CLASSES = ("az_tehlikeli", "tehlikeli", "cok_tehlikeli")
BOUNDARIES = (1, 9, 10, 49, 50, 249, 250, 251, 499, 500, 501, 749, 750, 751, 999, 1000, 1001, 1999, 2000, 2001)


def dsp_rate(employees: int) -> int:
    if employees < 10:
        return 0
    if employees < 50:
        return 10
    if employees < 250:
        return 15
    return 20


def expected(role: str, hazard: str, employees: int) -> dict[str, int | bool]:
    if role == "dsp":
        physician_full_time = employees // THRESHOLDS["isyeri_hekimi"][hazard]
        required = hazard == "cok_tehlikeli" and employees >= 10 and physician_full_time == 0
        minutes = employees * dsp_rate(employees) if required else 0
        return {"required": required, "required_minutes": minutes, "full_time": 0, "part_time_minutes": minutes}
    rate, threshold = RATES[role][hazard], THRESHOLDS[role][hazard]
    return {
        "required": True,
        "required_minutes": employees * rate,
        "full_time": employees // threshold,
        "part_time_minutes": (employees % threshold) * rate,
    }
