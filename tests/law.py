"""An independent statement of the rules, typed from the regulations (see
shared/reference/rules.md), for checking the data-driven calculator
against. Deliberately not read from data/: a slip in durations.yaml must
make the tests fail, not agree with itself."""

from __future__ import annotations

import datetime as dt

RATES = {
    "igu": {"az_tehlikeli": 10, "tehlikeli": 20, "cok_tehlikeli": 40},
    "isyeri_hekimi": {"az_tehlikeli": 5, "tehlikeli": 10, "cok_tehlikeli": 15},
}
THRESHOLDS = {
    "igu": {"az_tehlikeli": 1000, "tehlikeli": 500, "cok_tehlikeli": 250},
    "isyeri_hekimi": {"az_tehlikeli": 2000, "tehlikeli": 1000, "cok_tehlikeli": 750},
}
CERTIFICATES = {"az_tehlikeli": ["A", "B", "C"], "tehlikeli": ["A", "B"], "cok_tehlikeli": ["A"]}
# 6331 geçici md. 4: B may serve çok tehlikeli, C tehlikeli, until 31.12.2024 (rules.md, corrected).
TRANSITIONAL_CERTIFICATES = {"az_tehlikeli": ["A", "B", "C"], "tehlikeli": ["A", "B", "C"], "cok_tehlikeli": ["A", "B"]}
TRANSITIONAL_ENDS = dt.date(2024, 12, 31)
# The A/B/C rule (6331 md. 8(5)) from 30.12.2012 (md. 38(1)(c): six months after publication). The 2015 text of
# geçici md. 4 lets C serve tehlikeli only until 1.1.2017; nothing extending it was found (rules.md, corrected (3)):
# from then until the transitional rule's end, "C for tehlikeli" is unconfirmed.
ABC_FROM = dt.date(2012, 12, 30)
C_IN_TEHLIKELI_DOUBTFUL = (dt.date(2017, 1, 1), dt.date(2024, 12, 31))
# The self-service path was added by Law 6552, in force 11.9.2014 (rules.md, corrected (3)).
SELF_SERVICE_FROM = dt.date(2014, 9, 11)
# Today's minutes and thresholds apply from 1.1.2016; nothing earlier is stated, so earlier dates are refused.
FIRST_DAY = dt.date(2016, 1, 1)
# The self-service path (last sentence of 6331 md. 6(1)(a)): "10" became "50" by Law 7033 (RG 1.7.2017).
SELF_SERVICE_50_FROM = dt.date(2017, 7, 1)
# Public bodies bound from 31.12.2024 (6331 md. 38(1)(a)(1), Law 7491).
PUBLIC_BODIES_FROM = dt.date(2024, 12, 31)
CLASSES = ("az_tehlikeli", "tehlikeli", "cok_tehlikeli")
# 6331 md. 22: an OHS committee from 50 employees; md. 20: employee representatives by head count.
COMMITTEE_FROM = 50
REPRESENTATIVES = ((2, 50, 1), (51, 100, 2), (101, 500, 3), (501, 1000, 4), (1001, 2000, 5), (2001, None, 6))
BOUNDARIES = (1, 9, 10, 49, 50, 249, 250, 251, 499, 500, 501, 749, 750, 751, 999, 1000, 1001, 1999, 2000, 2001)


def dsp_rate(employees: int) -> int:
    if employees < 10:
        return 0
    if employees < 50:
        return 10
    if employees < 250:
        return 15
    return 20


def certificates(hazard: str, on: dt.date) -> list[str]:
    return (TRANSITIONAL_CERTIFICATES if on <= TRANSITIONAL_ENDS else CERTIFICATES)[hazard]


def self_service_below(on: dt.date) -> int:
    return 50 if on >= SELF_SERVICE_50_FROM else 10


def expected(role: str, hazard: str, employees: int, full_time_physician: bool = False) -> dict[str, int | bool]:
    if role == "dsp":
        physician_full_time = employees // THRESHOLDS["isyeri_hekimi"][hazard]
        # 6331 md. 6(3): no DSP where a full-time physician is assigned, required or by choice.
        assigned = full_time_physician or physician_full_time > 0
        required = hazard == "cok_tehlikeli" and employees >= 10 and not assigned
        minutes = employees * dsp_rate(employees) if required else 0
        return {"required": required, "required_minutes": minutes, "full_time": 0, "part_time_minutes": minutes}
    rate, threshold = RATES[role][hazard], THRESHOLDS[role][hazard]
    return {
        "required": True,
        "required_minutes": employees * rate,
        "full_time": employees // threshold,
        "part_time_minutes": (employees % threshold) * rate,
    }


# The NACE list (İşyeri Tehlike Sınıfları Tebliği's annex), as rules.md (new (3)) and the 2026 transcription's
# README give it: moved to NACE Rev. 2.1 by RG 13.3.2025/32840, amended by 21.5.2025/32906 and 1.4.2026/33211;
# effective dates not read, so the publication dates (unconfirmed).
LIST_FROM = dt.date(2025, 3, 13)
LIST_ACTS = {"32840": dt.date(2025, 3, 13), "32906": dt.date(2025, 5, 21), "33211": dt.date(2026, 4, 1)}
RENUMBERED_2026 = {
    "05.10.01": "05.10.00",
    "05.20.01": "05.20.00",
    "07.10.01": "07.10.00",
    "08.92.01": "08.92.00",
    "60.39.00": "60.39.09",
}
ADDED_2026 = {"10.89.07", "13.96.13", "28.21.11", "43.12.00", "46.33.04", "60.39.01", "96.99.15"}
CHANGED_2025 = {"10.73.03", "33.18.02", "53.20.09"}
# 81.22.04: çok tehlikeli until 31.3.2026, tehlikeli from 1.4.2026.
RECLASSIFIED_2026 = {"81.22.04": ("cok_tehlikeli", "tehlikeli")}
# İSG Hizmetleri Yönetmeliği md. 5(3) (rules.md; secondary): in public bodies (and the other listed sectors),
# where two or more full-time safety specialists are required, one must hold the matching class, the others any.
SECTOR_EXCEPTION_POSTS = 2
