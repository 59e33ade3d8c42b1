"""Odd input never breaks: the CLI's commands and the page's worker service, fed random arguments,
files, cells, headers and encodings (a bounded generator with fixed seeds), answer every call with a
documented exit code or an answer, and never with a traceback or an "internal" fault."""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from calculator.api import Service
from tests.cli_run import run

# How many CLI calls and worker messages the fuzz makes (FUZZ_CALLS to change it while working on it).
CALLS = int(os.environ.get("FUZZ_CALLS", "5000"))
EXIT_CODES = {0, 1, 2, 3}

NAMES = [
    "Kazan dairesi",
    "kazan dairesinde",
    "Kantin",
    "Rektörlük",
    "Öğrenci yurdu",
    "Öğrenci ve işçi yurtları",
    "Ameliyathane",
    "çok tehlikeli",
    "Az Tehlikeli",
    "az",
    "cok",
    "x",
    "<b>x</b>",
    "=1+1",
    "",
    " ",
    "\x1b[31mred",
    "a\nb",
    "İ" * 300,
    "ş" * 5000,
    "86.90.1",
    "72.10",
    "43.2",
    "43",
    "4322",
    "43.22.06",
    "85.40.02",
    "99.99.99",
    "55.90.01",
    "05.10.01",
    "1e9",
    "NaN",
    "\u202e",
    "\ufeff",
    "\x00",
    "kimya laboratuari",
]
NUMBERS = [
    "1",
    "10",
    "49",
    "50",
    "249",
    "250",
    "750",
    "1.200",
    "1,200",
    "1 200",
    "0",
    "-5",
    "abc",
    "",
    "1e3",
    "1000001",
    "999999999999999999999",
    "3.5",
    "٣",
    "12,5",
    "\u00a0300",
]
FLAGS = ["evet", "hayır", "yes", "no", "1", "0", "belki", "", "EVET", "Hayir"]
HEADERS = [
    "Birim",
    "Birim Adı",
    "Unit",
    "NACE Kodu",
    "NACE code",
    "Kod",
    "Çalışan",
    "Çalışan Sayısı",
    "Employees",
    "Tam süreli hekim",
    "İGU mevcut dk",
    "İGU mevcut tam süreli",
    "İH mevcut tam süreli",
    "DSP mevcut dk",
    "OSS assigned minutes",
    "Sıra",
    "No",
    "Notlar",
    "İGU mevcut dakkika",
    "",
    "Tehlike sınıfı",
]
STAFF = [
    "Ayşe;İGU;A;3000;hayır",
    "Bora;İGU;B;2000;evet",
    "Dr. Ece;İH;;9000;evet",
    "Can;DSP;;1200;hayır",
    "Ad Soyad;Rol;Belge sınıfı;Uygun dakika;Tam süreli",
    ";İGU;A;3000;hayır",
    "Ayşe;müdür;A;x;belki",
    "Deniz;İGU;D;-1;hayır",
    "a;b",
    "Ayşe;İGU;A;3000;hayır",
]
DATES = ["2026-12-01", "2024-06-01", "2015-12-31", "2016-01-01", "2016-13-45", "yesterday", "", "2099-01-01", "01.12.2026"]
SEPARATORS = [";", ",", "\t", "|", ";;"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1254", "latin-1"]


def _units_file(rng: random.Random, folder: Path) -> str:
    lines = []
    if rng.random() < 0.6:
        lines.append([rng.choice(HEADERS) for _ in range(rng.randint(1, 6))])
    for _ in range(rng.randint(0, 8)):
        cells = [rng.choice(NAMES), rng.choice(NUMBERS)]
        cells += [rng.choice(FLAGS + NUMBERS + NAMES) for _ in range(rng.randint(0, 4))]
        rng.shuffle(cells) if rng.random() < 0.2 else None
        lines.append(cells)
    separator = rng.choice(SEPARATORS)
    text = "\n".join(separator.join(cells) for cells in lines)
    if rng.random() < 0.1:
        text += '\n"unclosed;' + "x" * rng.choice([10, 200_000])
    path = folder / f"units{rng.randrange(10**9)}.csv"
    if rng.random() < 0.05:
        path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(0, 400))))
    else:
        path.write_bytes(text.encode(rng.choice(ENCODINGS), errors="replace"))
    return str(path)


def _staff_file(rng: random.Random, folder: Path) -> str:
    path = folder / f"staff{rng.randrange(10**9)}.csv"
    lines = [rng.choice(STAFF).replace(";", rng.choice([";", ";", "\t", ","])) for _ in range(rng.randint(0, 6))]
    path.write_text("\n".join(lines), encoding="utf-8")
    return str(path)


def _output(rng: random.Random, folder: Path) -> list[str]:
    return rng.choice(
        [
            [],
            [],
            ["--output", str(folder / "out.csv")],
            ["--output", str(folder / "out.xlsx")],
            ["--output", str(folder / "missing" / "out.csv")],
            ["--output", str(folder / "out.txt")],
            ["--output", str(folder)],
        ]
    )


def _common(rng: random.Random) -> list[str]:
    args: list[str] = []
    if rng.random() < 0.5:
        args.append("--json")
    if rng.random() < 0.5:
        args += ["--lang", rng.choice(["tr", "en", "de"])]
    if rng.random() < 0.2:
        args += ["--on", rng.choice(DATES)]
    if rng.random() < 0.1:
        args += ["--class-source", rng.choice(["higher", "guide", "list", "best"])]
    return args


def _minutes(rng: random.Random, folder: Path) -> list[str]:
    args = ["minutes"]
    if rng.random() < 0.6:
        args += ["--hazard", rng.choice([*NAMES[7:11], "tehlikeli", "very hazardous", "x"])]
    else:
        args += ["--unit", rng.choice(NAMES)]
    if rng.random() < 0.9:
        args += ["--employees", rng.choice(NUMBERS)]
    if rng.random() < 0.3:
        args.append("--full-time-physician")
    for _ in range(rng.choice([0, 0, 1, 2])):
        option = rng.choice(["--assigned", "--assigned-full-time"])
        args += [option, f"{rng.choice(['igu', 'isyeri_hekimi', 'dsp', 'x'])}={rng.choice(NUMBERS)}"]
    return args + _common(rng)


def _batch(rng: random.Random, folder: Path) -> list[str]:
    path = _units_file(rng, folder) if rng.random() < 0.95 else str(folder / "nowhere.csv")
    return ["batch", path, *_output(rng, folder), *_common(rng)]


def _plan(rng: random.Random, folder: Path) -> list[str]:
    return [
        "plan",
        "--units",
        _units_file(rng, folder),
        "--staff",
        _staff_file(rng, folder),
        *_output(rng, folder),
        *_common(rng),
    ]


EXPORT_HEADER = [
    "Sözleşme ID",
    "Sözleşme Adı",
    "Çalışma Süresi",
    "Hizmet Alan İşyeri ID",
    "Hizmet Alan İşyeri Unvanı",
    "Hizmet Alan İşyeri Çalışan Sayısı",
    "Hizmet Alan İşyeri Tehlike Sınıfı",
    "Sözleşme Statü",
    "Görevlendirilen Kişi TC Kimlik No",
    "Görevlendirilen Kişi Sertifika Tipi",
    "Sözleşme Onay Durumu",
]
EXPORT_CELLS = [
    "İŞ GÜVENLİĞİ UZMANI GÖREVLENDİRMESİ",
    "İŞYERİ HEKİMİ",
    "DİĞER SAĞLIK PERSONELİ",
    "Sözleşme Devam Ediyor",
    "Sözleşme Sonlandırıldı",
    "Onay Bekliyor",
    "A Sınıfı",
    "C",
    "12345678901",
    "Çok Tehlikeli",
    "Az Tehlikeli",
]


def _reconcile(rng: random.Random, folder: Path) -> list[str]:
    header = rng.sample(EXPORT_HEADER, rng.randint(3, len(EXPORT_HEADER)))
    lines = [header] + [[rng.choice(EXPORT_CELLS + NAMES + NUMBERS) for _ in header] for _ in range(rng.randint(0, 8))]
    path = folder / f"export{rng.randrange(10**9)}.csv"
    path.write_text("\n".join(rng.choice(SEPARATORS).join(cells) for cells in lines), encoding="utf-8")
    counts = ["--head-counts", _units_file(rng, folder)] if rng.random() < 0.3 else []
    return ["reconcile", str(path), *counts, *_output(rng, folder), *_common(rng)[:4]]


def _lookup(rng: random.Random, folder: Path) -> list[str]:
    query = rng.choice(NAMES) if rng.random() < 0.8 else "".join(chr(rng.randrange(32, 0x2FF)) for _ in range(12))
    return ["lookup", query, *_common(rng)]


def _odd(rng: random.Random, folder: Path) -> list[str]:
    """Argument lists nobody should type."""
    return rng.choice(
        [
            [],
            ["--help"],
            ["minutes"],
            ["minutes", "--hazard"],
            ["batch"],
            ["plan", "--units"],
            ["lookup"],
            ["nothing"],
            ["minutes", "--hazard", "cok", "--employees", "10", "--data", str(folder)],
            ["minutes", "--hazard", "cok", "--employees", "10", "--lan", "en"],
        ]
    )


COMMANDS: list[Callable[[random.Random, Path], list[str]]] = [
    _minutes,
    _minutes,
    _batch,
    _batch,
    _plan,
    _reconcile,
    _lookup,
    _odd,
]


def _run(argv: list[str]) -> tuple[int, str, str]:
    done = run(*argv)
    return done.returncode, done.stdout, done.stderr


def test_the_cli_answers_any_input_with_a_documented_exit_code(tmp_path: Path) -> None:
    rng = random.Random(35)
    seen: dict[int, int] = {}
    for _ in range(CALLS):
        argv = rng.choice(COMMANDS)(rng, tmp_path)
        try:
            code, out, err = _run(argv)
        except Exception as error:  # a traceback a reader would have seen
            raise AssertionError(f"{argv!r}: {error!r}") from error
        assert code in EXIT_CODES, (argv, code, err)
        assert "Traceback" not in err and "Traceback" not in out, argv
        if code == 2 and argv and argv[0] != "--help":
            assert (err + out).strip(), argv  # bad input is said (a batch's bad lines with its table)
        seen[code] = seen.get(code, 0) + 1
    # The generator reaches every outcome: computed, not found, bad input.
    assert {0, 1, 2} <= set(seen), seen


def _message(rng: random.Random) -> Any:
    ops = [
        "requirements",
        "resolve",
        "lookup",
        "batch",
        "batch_csv",
        "batch_xlsx",
        "plan",
        "plan_xlsx",
        "form_drawing",
        "decode_file",
        "nothing",
        None,
        5,
    ]
    pool: list[Any] = [
        *NAMES,
        *NUMBERS,
        None,
        0,
        -1,
        10**30,
        1.5,
        True,
        [],
        {},
        [{}],
        {"igu": {"minutes": "x"}},
        [{"unit": "Kantin", "employees": 10}],
        [{"label": "TOPLAM ÇALIŞAN SAYISI", "value": 1}],
        "QUJD",
        "@@",
        "UEsDBA==",
    ]
    keys = [
        "hazard_class",
        "employees",
        "full_time_physician",
        "assigned",
        "unit",
        "query",
        "rows",
        "text",
        "units",
        "staff",
        "on",
        "lang",
        "prefer",
        "code",
        "form",
        "id",
        "base64",
    ]
    if rng.random() < 0.05:
        return rng.choice(pool)
    message = {"op": rng.choice(ops)}
    for key in rng.sample(keys, rng.randint(0, 6)):
        message[key] = rng.choice(pool)
    return message


def test_the_workers_service_answers_every_message(data: dict[str, Any]) -> None:
    service = Service(data)
    rng = random.Random(36)
    for _ in range(CALLS):
        message = _message(rng)
        answer = json.loads(service.call_json(json.dumps(message)))
        assert isinstance(answer, dict) and isinstance(answer.get("ok"), bool), message
        if not answer["ok"]:
            error = answer["error"]
            assert error["error"] != "internal" and set(error["message"]) == {"tr", "en"}, (message, error)


def test_a_terminal_without_turkish_letters_gets_question_marks_not_a_traceback() -> None:
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "calculator", "minutes", "--hazard", "cok", "--employees", "10"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "?ok Tehlikeli" in done.stdout
