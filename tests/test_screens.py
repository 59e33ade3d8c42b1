"""The schematic views of İSG-KATİP's screens (data/screens.yaml, calculator/screens.py): only labels
the institution's guide shows, each a label of labels.yaml; a text alternative in both languages;
each step's number on the very label the step names; the filled-in form holds the answer's figures."""

from __future__ import annotations

import json
import re
import sys
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from calculator.api import Service
from calculator.screens import NARROW, WIDTH, draw, filled_form, text_width
from datafiles import load_all, load_site
from datafiles.checks import screen_labels
from tests.cli_run import run

ROOT = Path(__file__).resolve().parents[1]
# The institution's guide, as OCR read it (a copy of ../shared/source/isg-katip-rehberi.txt).
SOURCE = ROOT / "tests" / "source" / "isg-katip-rehberi.txt"
# The OCR's slips in the screenshots' text, and what the screen says (rules.md, "İSG-KATİP's contract
# screen", reads the form the same way).
OCR_SLIPS = {
    "Smavi": "Sınav",
    "Sıraç": "Süreç",
    "GÖREVLİNDİRMESİ": "GÖREVLENDİRMESİ",
    "GÜVENLÜĞÜ": "GÜVENLİĞİ",
    "TORLAMA": "TOPLAM",
    "SÜRELI": "SÜRELİ",
    "SURELI": "SÜRELİ",
    "SAHİPİ": "SAYISI",
    "MERCUY": "MEVCUT",
    "AŞAĞI KEMİ": "ASGARİ KISMİ",
    "SURESİ": "SÜRESİ",
    "DEHAK EDEY": "DEVAM EDEN",
    "KIMLIK": "KİMLİK",
    "ŞİRTİRKİ": "SERTİFİKA",
}


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return load_site()


def _source_text() -> str:
    text = " ".join(SOURCE.read_text(encoding="utf-8").split())
    for slip, reading in OCR_SLIPS.items():
        text = text.replace(slip, reading)
    return text


def _texts(svg: str, css: str) -> list[str]:
    return [unescape(t) for t in re.findall(rf'<text [^>]*class="{css}"[^>]*>([^<]*)</text>', svg)]


def test_every_label_drawn_is_the_guides_and_in_labels_yaml(data: dict[str, Any]) -> None:
    source, labels = _source_text(), data["labels"]["labels"]
    for screen in data["screens"]["screens"]:
        drawing = draw(screen, labels, "tr", "t")
        assert sorted(drawing.shown) == sorted(screen_labels(screen))
        assert [label for label in drawing.shown if label not in labels] == []
        assert [label for label in drawing.shown if label not in source] == [], screen["id"]
        # What is written on it: those labels' words and nothing else (no number without a step).
        written = " ".join(_texts(drawing.svg, "screen-label"))
        assert sorted(written.split()) == sorted(" ".join(drawing.shown).split())
        assert _texts(drawing.svg, "screen-step") == [] and _texts(drawing.svg, "screen-value") == []


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_each_drawing_has_a_title_and_text_alternative(data: dict[str, Any], lang: str) -> None:
    labels = data["labels"]["labels"]
    for screen in data["screens"]["screens"]:
        drawing = draw(screen, labels, lang, f"s-{screen['id']}", marks={screen_labels(screen)[-1]: 7})
        svg = drawing.svg
        assert 'role="img"' in svg and f'aria-labelledby="s-{screen["id"]}-title s-{screen["id"]}-desc"' in svg
        assert f'<title id="s-{screen["id"]}-title">' in svg and f'<desc id="s-{screen["id"]}-desc">' in svg
        assert drawing.title.startswith("Şematik görünüm" if lang == "tr" else "Schematic view")
        assert screen["name"][lang] in drawing.title
        for label in drawing.shown:
            said = f"“{label}”" + (f" ({labels[label]})" if lang == "en" else "")
            assert said in drawing.description
        step = ("7. adım" if lang == "tr" else "Step 7") + f": “{screen_labels(screen)[-1]}”"
        assert step in drawing.description


def _hooks() -> Any:
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        import site_blocks
    finally:
        sys.path.remove(str(ROOT / "hooks"))
    return site_blocks


@pytest.mark.parametrize("procedure", ["login", "contract"])
def test_each_steps_number_is_on_the_label_it_names(data: dict[str, Any], procedure: str) -> None:
    blocks = _hooks().Blocks(data)
    steps = data[procedure]["steps"]
    figures = blocks.screen_figures(data[procedure], "en")
    drawn = [d for drawings in figures.values() for pair in drawings for d in pair]
    pointed = {
        (number, pointer["id"], pointer["target"]) for number, step in enumerate(steps, 1) for pointer in step.get("screens", [])
    }
    assert pointed, "the procedure's steps point at their screens"
    assert {(number, d.screen_id, label) for d in drawn for number, label in d.marks} == pointed
    for drawing in drawn:
        for number, label in drawing.marks:
            step = steps[number - 1]
            named = step["text"]["tr"] + " ".join(note["tr"] for note in step.get("notes", []))
            assert "{" + label + "}" in named
            assert label in drawing.targets
        # The numbers written on the drawing are its steps', one each.
        assert sorted(int(n) for n in _texts(drawing.svg, "screen-step")) == sorted(n for n, _ in drawing.marks)
    # Each screen once per procedure (drawn for a page and for a phone), after the first step on it.
    assert len({d.screen_id for d in drawn}) == len(drawn) / 2


def test_the_filled_in_form_holds_the_clis_figures() -> None:
    data = load_all()
    args = ["--hazard", "cok", "--employees", "300", "--assigned", "igu=1500", "--assigned-full-time", "igu=1"]
    done = run("minutes", *args, "--json")
    assert done.returncode == 0, done.stderr
    cli = json.loads(done.stdout)
    answer = Service(data).call(
        {
            "op": "requirements",
            "hazard_class": "cok",
            "employees": "300",
            "lang": "tr",
            "assigned": {"igu": {"minutes": "1500", "full_time": "1"}},
        }
    )["result"]
    for role in ("igu", "isyeri_hekimi", "dsp"):
        svg = answer[role]["form_drawing"]
        values = dict(re.findall(r'<text [^>]*class="screen-value" data-field="([^"]+)">([^<]*)</text>', svg))
        values = {unescape(field): unescape(value) for field, value in values.items()}
        assert values.pop("TEHLİKE SINIFI") == "Çok Tehlikeli"
        assert {field: int(value.replace(".", "")) for field, value in values.items()} == {
            row["label"]: row["value"] for row in cli[role]["form"]
        }
    assert "Çalışma Süresi Dakika" in {row["label"] for row in cli["igu"]["form"]}


def test_a_form_drawing_refuses_a_field_it_does_not_have(data: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="not a field of the form"):
        filled_form(data["screens"], data["labels"]["labels"], [{"label": "Yeni", "value": 1}], "Tehlikeli", "tr", "x")
    with pytest.raises(ValueError, match="not an İSG-KATİP label"):
        draw(data["screens"]["screens"][0], data["labels"]["labels"], "tr", "x", marks={"Kaydet": 1})


@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda d: d["screens"]["screens"][2]["tabs"].append("Arşiv"), "unknown İSG-KATİP label 'Arşiv'"),
        (
            lambda d: d["contract"]["steps"][1]["screens"][0].update(target="Başlat"),
            "'Başlat' is not drawn on screen 'contracts'",
        ),
        (
            lambda d: d["contract"]["steps"][1]["screens"][0].update(target="Geçmiş Sözleşmeler"),
            "the step does not name {Geçmiş Sözleşmeler}",
        ),
        (lambda d: d["contract"]["steps"][1]["screens"][0].update(id="ana-ekran"), "no screen 'ana-ekran'"),
    ],
)
def test_a_screen_or_step_pointing_wrong_is_refused(data_copy: Path, change: Any, problem: str) -> None:
    import yaml

    from datafiles import DataFileError

    files = {name: yaml.safe_load((data_copy / f"{name}.yaml").read_text(encoding="utf-8")) for name in ("screens", "contract")}
    change(files)
    for name, content in files.items():
        (data_copy / f"{name}.yaml").write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError, match=re.escape(problem)):
        load_site(data_copy)


def test_each_procedure_is_on_the_page_its_steps_are_linked_to() -> None:
    pages = _hooks().PROCEDURE_PAGES
    for lang in ("tr", "en"):
        for name, page in pages.items():
            text = (ROOT / "docs" / lang / f"{page.rstrip('/')}.md").read_text(encoding="utf-8")
            assert f"<!-- data: procedure {name} -->" in text


@pytest.mark.parametrize(
    "request_",
    [
        {"form": [{"label": "Yeni", "value": 1}], "hazard_class": "tehlikeli"},  # not a field of the form
        {"form": [{"label": "AD", "value": 1}], "hazard_class": "orta"},  # no such class
        {"form": [], "hazard_class": "tehlikeli"},
        {"form": [{"label": "AD", "value": 1}], "hazard_class": "tehlikeli", "id": "<svg onload=x>"},
        {"form": [{"label": "AD", "value": [1]}], "hazard_class": "tehlikeli"},
    ],
)
def test_the_form_drawing_op_refuses_what_it_cannot_draw(request_: dict[str, Any]) -> None:
    answer = Service(load_all()).call({"op": "form_drawing", **request_})
    assert answer["ok"] is False and answer["error"]["field"] == "form"


def test_the_form_drawing_op_draws_a_plans_assignment() -> None:
    answer = Service(load_all()).call(
        {
            "op": "form_drawing",
            "hazard_class": "cok_tehlikeli",
            "lang": "en",
            "id": "plan-form-3",
            "form": [{"label": "NACE KODU", "value": "86.10.04"}, {"label": "Çalışma Süresi Dakika", "value": 2000}],
        }
    )
    # For a page, and a phone's copy: the same fields and figures.
    for key, element_id in (("svg", "plan-form-3"), ("svg_phone", "plan-form-3-phone")):
        svg = answer["result"][key]
        assert f'aria-labelledby="{element_id}-title {element_id}-desc"' in svg
        assert dict(re.findall(r'data-field="([^"]+)">([^<]*)<', svg)) == {
            "NACE KODU": "86.10.04",
            "TEHLİKE SINIFI": "Çok Tehlikeli",
            "Çalışma Süresi Dakika": "2,000",
        }


def test_escape_is_html_escape() -> None:
    import html

    from calculator.screens import escape

    for text in ["a & b < c > d \"e\" 'f'", "&amp;", "İSG-KATİP “Süreç Yönetimi”", "", "<<&&>>"]:
        assert escape(text) == html.escape(text)


@pytest.mark.parametrize("width", [WIDTH, NARROW])
def test_every_box_lies_inside_the_drawing(data: dict[str, Any], width: int) -> None:
    """Drawn for a page or for a phone, no box (and no step's number) reaches past the drawing's width."""
    labels = data["labels"]["labels"]
    for screen in data["screens"]["screens"]:
        marks = {label: n for n, label in enumerate(screen_labels(screen), 1)}
        svg = draw(screen, labels, "tr", "t", marks=marks, width=width).svg
        assert _rightmost(svg) <= width + 4, screen["id"]
    # The assignment form filled in with wide figures and the longest class name.
    rows = [{"label": label, "value": 88_888} for label in ("GEREKLİ TOPLAM İSG SÜRESİ", "Çalışma Süresi Dakika")]
    rows.append({"label": "NACE KODU", "value": "86.10.04"})
    form = filled_form(data["screens"], labels, rows, "Çok Tehlikeli", "tr", "f", width)
    assert _rightmost(form.svg) <= width + 4


def _rightmost(svg: str) -> float:
    """How far right a drawing's boxes, step numbers and texts (by the drawing's own estimate) reach."""
    rights = [float(x) + float(w) for x, w in re.findall(r'<rect x="(-?[\d.]+)" y="[^"]+" width="([\d.]+)"', svg)]
    rights += [float(cx) + 11 for cx in re.findall(r'<circle cx="([\d.]+)"', svg)]
    texts = re.findall(r'<text x="([\d.]+)" y="[^"]+" font-size="([\d.]+)"[^>]*class="screen-(?:label|value)"[^>]*>([^<]*)<', svg)
    rights += [float(x) + text_width(unescape(line), float(size)) for x, size, line in texts]
    return max(rights)
