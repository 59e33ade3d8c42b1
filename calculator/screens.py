"""Schematic views of İSG-KATİP's screens (data/screens.yaml) as SVG.

Drawings, not screenshots: boxes where the screen has them, and every text one of labels.yaml's
labels, in Turkish as the screen writes it. A step's target is outlined and numbered with the
step's number; a filled-in form shows the figures of one answer in its fields. Each drawing is an
image with a title and a text alternative in the reader's language (the labels' English gloss on
English pages). Pure and standard-library only: the build draws the guide's pages with it, and
the calculator's worker draws the assignment form of a result with the same code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

WIDTH = 760
# A phone's drawing: the same screen laid out this narrow, shown at about 1.1 x on a 375 px phone
# (the smallest text then at least 12 px).
NARROW = 300
FONT = 13
SMALL = 11
MIN_COLUMN = 118
PAD = 10
# Colours (presentation attributes: the pages' Content-Security-Policy allows no style attribute).
INK, FRAME, PANEL, FIELD, TARGET, BUTTON = "#1f2937", "#6b7280", "#eef1f6", "#ffffff", "#b3360b", "#c62828"
# What html.escape replaces, done here: importing the html module loads its table of 2,231 entity
# names too, which the calculator's worker would carry in its memory snapshot (~100 kB of it as sent).
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape(text: str) -> str:
    """`text` safe inside an SVG element or a double-quoted attribute, as html.escape makes it."""
    return text.translate(_ESCAPES)


# A character's advance, in ems, by kind: enough to wrap a label inside its box (DejaVu Sans, roughly).
_WIDE = set("MWmwĞÖÜŞÇİ")


def text_width(text: str, size: float) -> float:
    """An estimate of the text's width in px (the drawing's own wrapping needs no more)."""

    def advance(char: str) -> float:
        if char == " ":
            return 0.32
        if char in _WIDE:
            return 0.86
        if char.isupper() or char.isdigit():
            return 0.68
        return 0.56

    return sum(advance(char) for char in text) * size


def wrap(text: str, size: float, width: float) -> list[str]:
    """Greedy wrapping at spaces (a word longer than the width stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(lines[-1] + " " + word, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


@dataclass
class Canvas:
    """The SVG's parts, top to bottom; `y` is where the next row starts."""

    marks: Mapping[str, int]
    values: Mapping[str, str]
    width: float = WIDTH
    parts: list[str] = field(default_factory=list)
    # The labels written on the drawing, and those outlined as a step's target, in drawing order.
    shown: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    y: float = PAD

    def box(self, x: float, y: float, w: float, h: float, fill: str = FIELD, stroke: str = FRAME, radius: int = 3) -> None:
        self.parts.append(
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" rx="{radius}" fill="{fill}" stroke="{stroke}"/>'
        )

    def text(
        self,
        x: float,
        y: float,
        lines: list[str],
        size: float = FONT,
        weight: str = "normal",
        fill: str = INK,
        css: str = "screen-label",
        field: str = "",
    ) -> None:
        extra = f' data-field="{escape(field)}"' if field else ""
        for i, line in enumerate(lines):
            self.parts.append(
                f'<text x="{x:.0f}" y="{y + size + i * (size + 4):.0f}" font-size="{size}" '
                f'font-weight="{weight}" fill="{fill}" class="{css}"{extra}>{escape(line)}</text>'
            )

    def label_box(
        self,
        label: str,
        x: float,
        y: float,
        w: float,
        size: float = FONT,
        fill: str = FIELD,
        ink: str = INK,
        weight: str = "normal",
        min_height: float = 0,
    ) -> float:
        """A label in its own box, wrapped to the box; outlined and numbered where a step points at it.
        Returns the box's height."""
        lines = wrap(label, size, w - 2 * PAD)
        h = max(min_height, len(lines) * (size + 4) + 2 * 6)
        self.box(x, y, w, h, fill=fill)
        self.text(x + PAD, y + 5, lines, size, weight, ink)
        self.shown.append(label)
        self.mark(label, x, y, w, h)
        return h

    def heading(self, label: str, x: float, size: float) -> None:
        """A heading of the screen (or of a part of it), written without a box."""
        self.text(x, self.y, [label], size, "bold")
        self.shown.append(label)
        self.mark(label, x, self.y, text_width(label, size), size + 8)

    def mark(self, label: str, x: float, y: float, w: float, h: float) -> None:
        number = self.marks.get(label)
        if number is None:
            return
        self.targets.append(label)
        self.parts.append(
            f'<rect x="{x - 3:.0f}" y="{y - 3:.0f}" width="{w + 6:.0f}" height="{h + 6:.0f}" rx="5" '
            f'fill="none" stroke="{TARGET}" stroke-width="3" class="screen-target" data-step="{number}"/>'
        )
        cx, cy = x + w - 4, y - 2
        self.parts.append(f'<circle cx="{cx:.0f}" cy="{cy:.0f}" r="11" fill="{TARGET}"/>')
        self.parts.append(
            f'<text x="{cx:.0f}" y="{cy + 4.5:.0f}" font-size="{SMALL + 1}" font-weight="bold" '
            f'fill="#ffffff" text-anchor="middle" class="screen-step">{number}</text>'
        )

    def row_of(self, labels: list[str], size: float = FONT, fill: str = FIELD, gap: float = 6) -> None:
        """Labels side by side (tabs, buttons), wrapping onto further rows."""
        width = self.width - 2 * PAD
        x, top, tallest = float(PAD), self.y, 0.0
        for label in labels:
            w = min(text_width(label, size) + 2 * PAD + 2, width)
            if x + w > PAD + width:
                x, top, tallest = float(PAD), top + tallest + gap, 0.0
            tallest = max(tallest, self.label_box(label, x, top, w, size, fill))
            x += w + gap
        self.y = top + tallest + 2 * gap


def _menu(canvas: Canvas, screen: dict[str, Any]) -> None:
    if screen.get("tabs"):
        canvas.box(0, 0, canvas.width, 44, fill=PANEL, stroke=PANEL, radius=0)
        # At the top right, in the screen's order.
        widths = [text_width(tab, FONT) + 2 * PAD + 2 for tab in screen["tabs"]]
        x = canvas.width - PAD - sum(widths) - 6 * (len(widths) - 1)
        for tab, w in zip(screen["tabs"], widths, strict=True):
            canvas.label_box(tab, x, 8, w)
            x += w + 6
        canvas.y = 56
    item_width = min(340, canvas.width - 2 * PAD)
    for item in screen["items"]:
        canvas.y += canvas.label_box(item["label"], PAD, canvas.y, item_width, weight="bold") + 4
        for child in item.get("children", []):
            canvas.y += canvas.label_box(child, PAD + 24, canvas.y, item_width - 24) + 4
    canvas.y += PAD


def _list(canvas: Canvas, screen: dict[str, Any]) -> None:
    canvas.heading(screen["heading"], PAD, FONT + 3)
    if "button" in screen:
        w = text_width(screen["button"], FONT) + 2 * PAD + 8
        canvas.label_box(screen["button"], canvas.width - PAD - w, canvas.y - 2, w, fill=BUTTON, ink="#ffffff", weight="bold")
    canvas.y += 36
    for key, size, fill in (("tabs", FONT, PANEL), ("subtabs", SMALL, FIELD), ("actions", SMALL, PANEL)):
        if screen.get(key):
            canvas.row_of(screen[key], size, fill)
    # The columns, at least MIN_COLUMN px each: more than fit go on to a further heading row.
    columns = screen["columns"]
    per_row = max(1, min(len(columns), int((canvas.width - 2 * PAD) // MIN_COLUMN)))
    w = (canvas.width - 2 * PAD) / per_row
    for start in range(0, len(columns), per_row):
        row = columns[start : start + per_row]
        h = max(len(wrap(c, SMALL, w - 8)) for c in row) * (SMALL + 4) + 12
        for i, column in enumerate(row):
            x = PAD + i * w
            canvas.box(x, canvas.y, w, h, fill=PANEL)
            canvas.text(x + 4, canvas.y + 5, wrap(column, SMALL, w - 8), SMALL, "bold")
            canvas.shown.append(column)
            canvas.mark(column, x, canvas.y, w, h)
        canvas.y += h
    for i in range(per_row):
        canvas.box(PAD + i * w, canvas.y, w, 26)
    canvas.y += 26 + PAD


def _dialog(canvas: Canvas, screen: dict[str, Any]) -> None:
    # A dialog over the screen; on a phone, the screen's whole width.
    left = 60 if canvas.width == WIDTH else 0
    width = canvas.width - 2 * left
    top = canvas.y
    canvas.y += 8
    canvas.heading(screen["heading"], left + PAD, FONT + 3)
    canvas.y += 34
    for choice in screen["choices"]:
        canvas.parts.append(f'<circle cx="{left + PAD + 7}" cy="{canvas.y + 14:.0f}" r="6" fill="{FIELD}" stroke="{FRAME}"/>')
        canvas.y += canvas.label_box(choice, left + PAD + 22, canvas.y, width - 2 * PAD - 22, SMALL) + 6
    w = text_width(screen["button"], FONT) + 2 * PAD + 8
    canvas.y += 4
    canvas.y += canvas.label_box(screen["button"], left + width - PAD - w, canvas.y, w, fill=PANEL, weight="bold") + PAD
    canvas.parts.insert(
        0,
        f'<rect x="{left}" y="{top:.0f}" width="{width}" height="{canvas.y - top:.0f}" rx="6" '
        f'fill="{FIELD}" stroke="{FRAME}" stroke-width="2"/>',
    )
    canvas.y += PAD


def _form(canvas: Canvas, screen: dict[str, Any]) -> None:
    canvas.heading(screen["heading"], PAD, FONT + 3)
    canvas.y += 34
    # A field's label, its value beside it, and the section's button beside the first value; on a
    # phone the button goes under its row.
    wide = canvas.width == WIDTH
    label_w = 380 if wide else (canvas.width - 2 * PAD - 6) * 0.55
    value_w = 230 if wide else canvas.width - 2 * PAD - 6 - label_w
    for section in screen["sections"]:
        if "heading" in section:
            canvas.heading(section["heading"], PAD, FONT + 1)
            canvas.y += 28
        for i, name in enumerate(section["fields"]):
            h = canvas.label_box(name, PAD, canvas.y, label_w, SMALL, fill=PANEL, min_height=26)
            canvas.box(PAD + label_w + 6, canvas.y, value_w, h)
            if name in canvas.values:
                canvas.text(
                    PAD + label_w + 6 + PAD, canvas.y + 5, [canvas.values[name]], FONT, "bold", css="screen-value", field=name
                )
            if i == 0 and "button" in section:
                w = text_width(section["button"], FONT) + 2 * PAD + 8
                x, y = (PAD + label_w + value_w + 12, canvas.y) if wide else (canvas.width - PAD - w, canvas.y + h + 4)
                h = max(h, y - canvas.y + canvas.label_box(section["button"], x, y, w, fill=PANEL, weight="bold", min_height=h))
            canvas.y += h + 4
        canvas.y += 12


_KINDS = {"menu": _menu, "list": _list, "dialog": _dialog, "form": _form}


def quoted(label: str, labels: Mapping[str, str], lang: str) -> str:
    """A label as the text alternative says it: “Yeni”, and on English pages “Yeni” (New)."""
    return f"“{label}”" + (f" ({labels[label]})" if lang == "en" and label in labels else "")


def describe(
    screen: dict[str, Any],
    labels: Mapping[str, str],
    lang: str,
    shown: list[str],
    marks: Mapping[str, int],
    values: Mapping[str, str],
) -> tuple[str, str]:
    """The drawing's title and its text alternative: what it shows, which step points where, the figures."""
    name = screen["name"][lang]
    title = f"Şematik görünüm: {name}" if lang == "tr" else f"Schematic view: {name}"
    said = ", ".join(quoted(label, labels, lang) for label in shown)
    text = (
        f"Ekran görüntüsü değil, çizim. Ekranda: {said}."
        if lang == "tr"
        else f"A drawing, not a screenshot. On the screen: {said}."
    )
    for label, number in sorted(marks.items(), key=lambda item: item[1]):
        text += (
            f" {number}. adım: {quoted(label, labels, lang)}."
            if lang == "tr"
            else f" Step {number}: {quoted(label, labels, lang)}."
        )
    filled = "; ".join(f"{quoted(label, labels, lang)} {value}" for label, value in values.items())
    if filled:
        text += f" Bu hesaba göre: {filled}." if lang == "tr" else f" For this calculation: {filled}."
    return title, text


@dataclass(frozen=True)
class Drawing:
    svg: str
    screen_id: str
    # What it shows ("İSG-KATİP's left menu"), its title ("Schematic view: ...") and text alternative.
    name: str
    title: str
    description: str
    # The labels written on it, and those outlined as a step's target, in drawing order.
    shown: tuple[str, ...]
    targets: tuple[str, ...]
    # (step number, label) of each target, by number.
    marks: tuple[tuple[int, str], ...]


def draw(
    screen: dict[str, Any],
    labels: Mapping[str, str],
    lang: str,
    element_id: str,
    *,
    marks: Mapping[str, int] | None = None,
    values: Mapping[str, str] | None = None,
    width: float = WIDTH,
) -> Drawing:
    """One screen as an SVG image; `marks`: {label: step number}; `values`: {field label: text to show in it};
    `width`: WIDTH, or NARROW for a phone (the same screen laid out narrower)."""
    marks, values = dict(marks or {}), dict(values or {})
    unknown = [label for label in [*marks, *values] if label not in labels]
    if unknown:
        raise ValueError(f"not an İSG-KATİP label of labels.yaml: {unknown[0]!r}")
    canvas = Canvas(marks, values, width)
    _KINDS[screen["kind"]](canvas, screen)
    height = canvas.y
    title, description = describe(screen, labels, lang, list(dict.fromkeys(canvas.shown)), marks, values)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="screen-drawing{"" if width == WIDTH else " screen-drawing--narrow"}" '
        f'viewBox="-4 -14 {width + 8:.0f} {height + 18:.0f}" '
        f'role="img" aria-labelledby="{element_id}-title {element_id}-desc" font-family="DejaVu Sans, sans-serif" '
        f'data-screen="{escape(screen["id"])}">'
        f'<title id="{element_id}-title">{escape(title)}</title><desc id="{element_id}-desc">{escape(description)}</desc>'
        f'<rect x="-2" y="-12" width="{width + 4:.0f}" height="{height + 14:.0f}" rx="8" fill="{FIELD}" stroke="{FRAME}" '
        f'stroke-dasharray="6 4"/>' + "".join(canvas.parts) + "</svg>"
    )
    numbered = tuple(sorted((number, label) for label, number in marks.items()))
    return Drawing(
        svg, screen["id"], screen["name"][lang], title, description, tuple(canvas.shown), tuple(canvas.targets), numbered
    )


def filled_form(
    screens: dict[str, Any],
    labels: Mapping[str, str],
    form: list[dict[str, Any]],
    hazard_label: str,
    lang: str,
    element_id: str,
    width: float = WIDTH,
) -> Drawing:
    """The assignment form with one answer's figures in their fields (a role's `form` rows, our reading of
    the form) and the hazard class as the screen writes it; only the parts of the form that get a figure."""
    from calculator.bilingual import number

    screen = next(s for s in screens["screens"] if s["kind"] == "form")
    values = {row["label"]: number(row["value"], lang) if isinstance(row["value"], int) else str(row["value"]) for row in form}
    values["TEHLİKE SINIFI"] = hazard_label
    fields = {name for section in screen["sections"] for name in section["fields"]}
    if not set(values) <= fields:
        raise ValueError(f"not a field of the form: {sorted(set(values) - fields)[0]!r}")
    sections = [
        {key: value for key, value in section.items() if key != "button"}
        for section in screen["sections"]
        if any(name in values for name in section["fields"])
    ]
    return draw({**screen, "sections": sections}, labels, lang, element_id, values=values, width=width)
