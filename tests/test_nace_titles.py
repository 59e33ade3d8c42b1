"""The English title of every NACE Rev. 2.1 class (data/nace_titles_en.csv): read from a maintained
copy of Eurostat's headings by one command, checked when loaded, given to each six-digit code under
the class, and searched by every finder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from calculator import Calculator
from datafiles.errors import DataFileError
from datafiles.load import DATA_DIR, load_all
from datafiles.nace_titles import main, read_headings

HEADINGS = """# a heading file, as python-stdnum's stdnum/eu/nace21.dat gives it
A label="AGRICULTURE, FORESTRY AND FISHING" isic="A"
01 section="A" label="Crop and animal production" isic="01"
 1 label="Growing of non-perennial crops" isic="011"
  1 label="Growing of cereals, other than rice" isic="0111"
  2 label="Growing of rice" isic="0112"
P label="EDUCATION" isic="P"
85 section="P" label="Education" isic="85"
 1 label="Pre-primary education" isic="851"
  0 label="Pre-primary education" isic="8510"
"""


def test_the_classes_are_read_from_the_headings() -> None:
    assert read_headings(HEADINGS, "nace21.dat") == {
        "01.11": "Growing of cereals, other than rice",
        "01.12": "Growing of rice",
        "85.10": "Pre-primary education",
    }
    with pytest.raises(DataFileError, match="line 2 is no heading"):
        read_headings("# x\nnot a heading\n", "other.csv")


def test_the_command_reports_then_writes_what_the_loader_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    source = tmp_path / "nace21.dat"
    source.write_text(HEADINGS, encoding="utf-8")
    before = (folder / "nace_titles_en.csv").read_bytes()
    assert main([str(source), "--data", str(folder), "--source", "test"]) == 0
    assert (folder / "nace_titles_en.csv").read_bytes() == before
    assert "nothing written" in capsys.readouterr().out
    assert main([str(source), "--data", str(folder), "--source", "test", "--write"]) == 0
    assert [row["code"] for row in load_all(folder)["nace_titles_en"]] == ["01.11", "01.12", "85.10"]
    # A hand edit is caught: the recorded checksum no longer matches.
    with (folder / "nace_titles_en.csv").open("a", encoding="utf-8") as csv:
        csv.write("99.99,Typed by hand\n")
    with pytest.raises(DataFileError, match="refresh the list"):
        load_all(folder)


def test_every_code_gets_its_class_title(calc: Calculator, data: dict[str, list[dict[str, str]]]) -> None:
    titles = {row["code"]: row["title_en"] for row in data["nace_titles_en"]}
    entries = calc.index.list_entries.values()
    assert all(entry.title_en == titles.get(entry.code[:5], "") for entry in entries)
    # Only a class NACE Rev. 2.1 lacks has none.
    assert sorted({e.code[:5] for e in entries if not e.title_en}) == ["66.13"]
    assert calc.index.list_entries["88.91.01"].title_en == "Child day-care activities"


def test_english_words_find_codes_by_their_class_title(calc: Calculator) -> None:
    assert [e.code for e in calc.lookup("pre-primary education").list_entries] == ["85.10.01", "85.10.02"]
    # An English title's exclusion ("…, except software publishing") is not searched either.
    publishing = [e.code for e in calc.lookup("software publishing").list_entries]
    assert publishing and not any(code.startswith("58.19") for code in publishing)
    assert any(code.startswith("58.19") for code in (e.code for e in calc.lookup("other publishing").list_entries))
