from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli_run import run

ROOT = Path(__file__).resolve().parent.parent


def test_minutes_json_shape() -> None:
    out = run("minutes", "--hazard", "cok", "--employees", "300", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["hazard_class"] == "cok_tehlikeli" and data["employees"] == 300
    assert data["igu"]["required_minutes"] == 12000 and data["igu"]["full_time"] == 1
    assert data["igu"]["part_time_minutes"] == 2000 and data["igu"]["certificate_classes"] == ["A"]
    assert (data["isyeri_hekimi"]["required_minutes"], data["isyeri_hekimi"]["full_time"]) == (4500, 0)
    assert (data["dsp"]["required_minutes"], data["dsp"]["part_time_minutes"]) == (6000, 6000)


@pytest.mark.parametrize("hazard", ["az", "tehlikeli", "cok", "az_tehlikeli", "cok_tehlikeli", "çok tehlikeli"])
def test_hazard_spellings(hazard: str) -> None:
    out = run("minutes", "--hazard", hazard, "--employees", "10", "--json")
    assert out.returncode == 0, out.stderr


def test_readable_summary_in_each_language() -> None:
    tr = run("minutes", "--hazard", "cok", "--employees", "300")
    en = run("minutes", "--hazard", "cok", "--employees", "300", "--lang", "en")
    assert "İş Güvenliği Uzmanı" in tr.stdout and "12.000 dk" in tr.stdout and "1 tam süreli" in tr.stdout
    assert "Occupational safety specialist" in en.stdout and "12,000 min" in en.stdout and "1 full-time" in en.stdout
    assert "Resmî Gazete" in tr.stdout and "Official Gazette" in en.stdout


@pytest.mark.parametrize(
    "args, tr_word, en_word",
    [
        (["minutes", "--hazard", "cok", "--employees", "-5"], "negatif", "negative"),
        (["minutes", "--hazard", "cok", "--employees", "abc"], "sayı", "number"),
        (["minutes", "--hazard", "orta", "--employees", "5"], "tehlike sınıfı", "hazard class"),
        (["minutes", "--hazard", "cok"], "--help", "--help"),
        (["lookup", "43..2"], "NACE", "NACE"),
        (["frobnicate"], "--help", "--help"),
    ],
)
def test_bad_input_exit_2_one_line(args: list[str], tr_word: str, en_word: str) -> None:
    for lang, word in (("tr", tr_word), ("en", en_word)):
        out = run(*args, "--lang", lang)
        assert out.returncode == 2
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1, out.stderr
        assert word in lines[0]
        assert "Traceback" not in out.stderr
        assert lines[0].startswith("Hata:" if lang == "tr" else "Error:")


def test_lookup_text_and_json() -> None:
    out = run("lookup", "kazan dairesi")
    assert out.returncode == 0
    assert "33.12.03" in out.stdout and "Çok Tehlikeli" in out.stdout
    data = json.loads(run("lookup", "kazan dairesi", "--json").stdout)
    assert data["matches"][0]["unit_id"] == "kazan-dairesi"


def test_lookup_not_found() -> None:
    out = run("lookup", "99.99.99", "--lang", "en")
    assert out.returncode == 1
    assert "not in the guide" in out.stdout


def test_broken_data_named_without_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "data"
    (broken / "schema").mkdir(parents=True)
    for path in (ROOT / "data" / "schema").iterdir():
        (broken / "schema" / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (broken / "durations.yaml").write_text((ROOT / "data" / "durations.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (broken / "nace.yaml").write_text("groups: [\n", encoding="utf-8")
    for lang, word in (("tr", "Veri dosyası hatalı"), ("en", "A data file is broken")):
        out = run("lookup", "kazan", "--data", str(broken), "--lang", lang)
        assert out.returncode == 3
        assert out.stderr.startswith(word)
        assert "data/nace.yaml" in out.stderr and "line 2" in out.stderr
        assert "Traceback" not in out.stderr


# -- one language per run -----------------------------------------------------------------------------------

ENGLISH_WORDS = re.compile(
    r"\b(the|following|arguments|required|invalid|choice|choose|from|expected|argument|"
    r"unrecognized|allowed|with)\b"
)


@pytest.mark.parametrize(
    "args",
    [
        ["minutes", "--hazard", "cok"],
        ["minutes", "--hazard", "cok", "--employees", "3", "--lan", "en"],
        ["minutes", "--hazard", "cok", "--employees", "3", "--class-source", "xx"],
        ["nonsense"],
        ["minutes", "--hazard", "cok", "--unit", "x", "--employees", "3"],
        ["minutes", "--hazard"],
        [],
    ],
)
def test_turkish_runs_say_argparse_errors_in_turkish(args: list[str]) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert done.stderr.startswith("Hata:")
    assert not ENGLISH_WORDS.search(done.stderr.replace("python -m calculator --help", "")), done.stderr


def test_abbreviated_options_are_refused() -> None:
    done = run("minutes", "--hazard", "cok", "--employees", "3", "--lan", "en")
    assert done.returncode == 2 and "--lan" in done.stderr and done.stdout == ""


def test_echoed_input_is_one_short_line() -> None:
    value = "x\ny\x07" * 5000
    for args in (
        ["minutes", "--hazard", value, "--employees", "3"],
        ["minutes", "--hazard", "cok", "--employees", value],
        ["minutes", "--hazard", "cok", "--employees", "3", "--on", value],
    ):
        done = run(*args)
        assert done.returncode == 2
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and len(lines[0]) < 300 and "\x07" not in lines[0], lines[:2]


@pytest.mark.parametrize("employees, status", [("000000000012", 0), ("+12", 0), ("1.200", 0), ("1,2", 2)])
def test_employee_counts_as_typed(employees: str, status: int) -> None:
    assert run("minutes", "--hazard", "az", "--employees", employees).returncode == status


def test_not_found_is_exit_1_in_every_command() -> None:
    assert run("minutes", "--unit", "99.99.99", "--employees", "3").returncode == 1
    assert run("lookup", "99.99.99").returncode == 1
