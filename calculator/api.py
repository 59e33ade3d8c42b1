"""One JSON-shaped entry point for callers outside Python (the browser
worker under Pyodide, and the tests that compare it with CPython).

A request is a dict with an "op"; the answer is {"ok": true, "result": ...}
or {"ok": false, "error": {"error", "field", "message": {"tr", "en"}}}.
Bad input never raises out of here, so a worker keeps answering.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable
from typing import Any

from calculator import Calculator, xlsx
from calculator.batch import Progress, batch
from calculator.batch_table import action_summary, batch_table, needs_action, to_csv
from calculator.csv_batch import MAX_ROWS, InvalidCsv, parse_rows
from calculator.errors import CalculatorError
from calculator.lookup import NaceIndex
from calculator.plain import plain
from calculator.reconcile import head_counts, lines_of, reconcile, table
from calculator.requirements import add_code, requirements
from calculator.resolve import CLASS_SOURCES, HIGHER, resolve
from calculator.rules import Rules
from calculator.screens import NARROW, WIDTH, filled_form
from calculator.staffing import SHEET_TITLE, plan_json, plan_table, staffing_plan

_BAD_REQUEST = {
    "tr": "İstek anlaşılamadı.",
    "en": "The request could not be understood.",
}


# How many dates' rules one service keeps (a reader tries a few dates; each is small).
_RULES_KEPT = 32


def _decode_file(data: object) -> dict[str, str]:
    """A file's bytes (base64, as the page reads them) as text, whatever encoding Excel wrote it in; an
    XLSX workbook's first sheet as tab-separated lines (as cells pasted from Excel are)."""
    if not isinstance(data, str):
        raise InvalidCsv(dict(_BAD_REQUEST), field="csv")
    if len(data) > xlsx.MAX_FILE_BYTES * 4 // 3 + 4:
        raise InvalidCsv(
            {
                "tr": f"Dosya çok büyük: en çok {xlsx.MAX_FILE_BYTES // 1_000_000} MB olabilir.",
                "en": f"The file is too large: it can be at most {xlsx.MAX_FILE_BYTES // 1_000_000} MB.",
            },
            field="csv",
        )
    try:
        raw = base64.b64decode(data, validate=True)
    except (ValueError, binascii.Error):
        raise InvalidCsv(dict(_BAD_REQUEST), field="csv") from None
    text, kind = xlsx.file_text(raw)
    return {"text": text, "kind": kind}


class _BadRequest(CalculatorError):
    """A request the page could not have sent (a wrong op, a field of the wrong kind)."""

    code = "bad_request"

    def __init__(self, field: str):
        super().__init__(dict(_BAD_REQUEST), field=field)


class _TooManyRows(CalculatorError):
    code = "too_many_rows"


def _texts(request: dict[str, Any], keys: tuple[str, ...], field: str) -> None:
    """Refuses a request whose fields `keys` are not text (absent counts as empty text)."""
    if not all(isinstance(request.get(key, ""), str) for key in keys):
        raise _BadRequest(field)


class Service:
    def __init__(self, data: dict[str, Any], on: str | None = None, bundle: str = ""):
        self.calculator = Calculator(data, on=on)
        # The screens and labels the assignment form is drawn from (absent in a data set without them).
        self.screens, self.labels = data.get("screens"), (data.get("labels") or {}).get("labels")
        # Which build's code and data this is: lets a restored snapshot prove it is current.
        self.bundle = bundle
        self._rules: dict[str, Rules] = {}

    def rules(self, on: object) -> Rules:
        """The rules of the date a request names ("on": "YYYY-MM-DD"), or the service's own without one."""
        if on is None or on == "":
            return self.calculator.rules
        key = on if isinstance(on, str) else repr(on)
        if key not in self._rules:
            if len(self._rules) >= _RULES_KEPT:
                self._rules.clear()
            self._rules[key] = Rules(self.calculator.rules.data, on)
        return self._rules[key]

    def index(self, on: object) -> NaceIndex:
        """The guide's units and the NACE list in force on the date a request names."""
        return self.calculator.index.at(self.rules(on).on)

    def call(self, request: dict[str, Any], progress: Progress | None = None) -> dict[str, Any]:
        """The answer to one request; `progress(done, total)` hears how far a batch has got."""
        op = request.get("op") if isinstance(request, dict) else None
        handler = _OPS.get(op) if isinstance(op, str) else None
        try:
            if handler is None:
                raise _BadRequest("op")
            result = handler(self, request, progress)
        except CalculatorError as error:
            return {"ok": False, "error": error.to_dict()}
        return {"ok": True, "result": result}

    def _requirements(self, request: dict[str, Any], _: Progress | None) -> Any:
        found = requirements(
            self.rules(request.get("on")),
            request.get("hazard_class", ""),
            request.get("employees", ""),
            request.get("full_time_physician", False),
            request.get("assigned"),
        )
        result = found.to_dict()
        add_code(result, request.get("code"))
        self._draw_forms(result, "en" if request.get("lang") == "en" else "tr")
        return result

    def _resolve(self, request: dict[str, Any], _: Progress | None) -> Any:
        prefer = str(request["prefer"]) if request.get("prefer") in CLASS_SOURCES else HIGHER
        return plain(resolve(self.rules(request.get("on")), self.calculator.index, {"unit": request.get("unit", "")}, prefer))

    def _lookup(self, request: dict[str, Any], _: Progress | None) -> Any:
        return plain(self.index(request.get("on")).lookup(request.get("query", "")))

    def _batch(self, request: dict[str, Any], progress: Progress | None) -> Any:
        rows = request.get("rows")
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise _BadRequest("rows")
        if len(rows) > MAX_ROWS:
            raise _TooManyRows(
                {
                    "tr": f"Bir seferde en çok {MAX_ROWS} birim hesaplanabilir; {len(rows)} birim verildi.",
                    "en": f"At most {MAX_ROWS} units can be calculated at once; {len(rows)} were given.",
                },
                field="rows",
            )
        return batch(self.rules(request.get("on")), self.calculator.index, rows, progress=progress).to_dict()

    def _form(self, request: dict[str, Any], _: Progress | None) -> Any:
        result = self._form_drawing(request)
        if result is None:
            raise _BadRequest("form")
        return result

    def _decode(self, request: dict[str, Any], _: Progress | None) -> Any:
        return _decode_file(request.get("base64"))

    def _draw_forms(self, result: dict[str, Any], lang: str) -> None:
        """Each required role's assignment form, filled in with its figures, as a schematic view (SVG)."""
        if not self.screens or not self.labels:
            return
        for role_id in self.calculator.rules.role_labels:
            role = result[role_id]
            if role["form"]:
                role["form_drawing"] = filled_form(
                    self.screens, self.labels, role["form"], result["hazard_label"]["tr"], lang, f"calc-form-{role_id}"
                ).svg

    def _form_drawing(self, request: dict[str, Any]) -> dict[str, str] | None:
        """One assignment's form, drawn with the figures the request gives (a plan's assignment `form`)."""
        rows, hazard, element_id = request.get("form"), request.get("hazard_class"), request.get("id", "form")
        valid = (
            isinstance(rows, list)
            and rows
            and isinstance(element_id, str)
            and re.fullmatch(r"[a-z0-9-]{1,40}", element_id)
            and all(
                isinstance(r, dict) and isinstance(r.get("label"), str) and isinstance(r.get("value"), int | str) for r in rows
            )
            and hazard in self.calculator.rules.hazard_classes
        )
        if not valid or not self.screens or not self.labels:
            return None
        assert isinstance(rows, list) and isinstance(hazard, str) and isinstance(element_id, str)
        lang, label = "en" if request.get("lang") == "en" else "tr", self.calculator.rules.hazard_label(hazard)["tr"]
        # For a page, and a phone's copy laid out narrower (shown instead on a phone).
        try:
            page, phone = (
                filled_form(self.screens, self.labels, rows, label, lang, element_id + suffix, width).svg
                for suffix, width in (("", WIDTH), ("-phone", NARROW))
            )
        except ValueError:
            return None
        return {"svg": page, "svg_phone": phone}

    def _plan(self, request: dict[str, Any], as_xlsx: bool = False) -> dict[str, Any]:
        """A staffing plan from the page's two lists (CSV text): the CLI's JSON, and its table in the
        page's language with the CSV the page offers (as `plan_xlsx`, the same table as XLSX, base64)."""
        _texts(request, ("units", "staff"), "units")
        lang = "en" if request.get("lang") == "en" else "tr"
        rules = self.rules(request.get("on"))
        prefer = str(request["prefer"]) if request.get("prefer") in CLASS_SOURCES else HIGHER
        answer = staffing_plan(rules, self.calculator.index, request.get("units", ""), request.get("staff", ""), prefer)
        table = plan_table(rules, answer, lang)
        if as_xlsx:
            return {"xlsx": base64.b64encode(xlsx.to_xlsx(lang, table, SHEET_TITLE)).decode("ascii")}
        return {
            **plan_json(answer),
            "columns": table.columns,
            "figures": table.figures,
            "rows": table.rows,
            "total": table.total,
            "csv": to_csv(lang, table),
            "roles": {role: label[lang] for role, label in rules.role_shorts.items()},
            "hazards": {h: rules.hazard_label(h)[lang] for h in rules.hazard_classes},
        }

    def _reconcile(self, request: dict[str, Any], progress: Progress | None = None) -> dict[str, Any]:
        """The monthly check of an export's text (as decode_file gives it) and the office's head counts: the
        CLI's JSON, with its table's CSV."""
        _texts(request, ("text", "counts"), "export")
        lang = "en" if request.get("lang") == "en" else "tr"
        rules = self.rules(request.get("on"))
        counts = request.get("counts") or ""
        listed = {code: entry.hazard_class for code, entry in self.index(request.get("on")).list_entries.items()}
        answer = reconcile(
            rules, lines_of(request.get("text", "")), lang, head_counts(counts) if counts.strip() else None, listed, progress
        )
        return {**answer, "csv": to_csv(lang, table(answer, lang, rules.role_labels))}

    def _batch_table(self, request: dict[str, Any], as_xlsx: bool = False, progress: Progress | None = None) -> dict[str, Any]:
        """A CSV's lines as one table in the page's language, the same rows the downloadable CSV holds
        (and, asked as `batch_xlsx`, the same table as an XLSX workbook, base64).

        Only what a table of many units shows (no reasons): a thousand lines
        stay a small answer to pass to the page.
        """
        _texts(request, ("text",), "csv")
        lang = "en" if request.get("lang") == "en" else "tr"
        rules = self.rules(request.get("on"))
        parsed = parse_rows(request.get("text", ""), rules.role_shorts)
        bad_lines = parsed.bad
        computed = batch(rules, self.calculator.index, parsed.rows, progress=progress)
        table = batch_table(computed, lang, rules.role_shorts, bad_lines)
        if as_xlsx:
            return {"xlsx": base64.b64encode(xlsx.to_xlsx(lang, table)).decode("ascii")}
        return {
            "columns": table.columns,
            "figures": table.figures,
            "roles": {role: label[lang] for role, label in rules.role_labels.items()},
            "rows": table.rows,
            "total": table.total,
            "error_count": len(computed.errors) + len(bad_lines),
            "ignored_columns": [notice["message"][lang] for notice in parsed.ignored],
            "primary": table.primary,
            "summary": action_summary(computed, rules.role_labels, lang),
            "needs_action": [row.line for row in computed.rows if needs_action(row)],
            "csv": to_csv(lang, table),
        }

    def call_json(self, request: str, progress: Progress | None = None) -> str:
        """The same, JSON in and out: the cheapest way across the Pyodide boundary (`progress` may be a
        JavaScript function: the worker passes one that posts to the page)."""
        try:
            parsed = json.loads(request)
        except ValueError:
            parsed = None
        return json.dumps(self.call(parsed, progress), ensure_ascii=False)


_Handler = Callable[[Service, dict[str, Any], Progress | None], Any]
# Each request's op and what answers it.
_OPS: dict[str, _Handler] = {
    "requirements": Service._requirements,
    "resolve": Service._resolve,
    "lookup": Service._lookup,
    "batch": Service._batch,
    "form_drawing": Service._form,
    "decode_file": Service._decode,
    "plan": lambda service, request, _: service._plan(request),
    "plan_xlsx": lambda service, request, _: service._plan(request, as_xlsx=True),
    "reconcile": lambda service, request, progress: service._reconcile(request, progress),
    "batch_csv": lambda service, request, progress: service._batch_table(request, progress=progress),
    "batch_xlsx": lambda service, request, progress: service._batch_table(request, as_xlsx=True, progress=progress),
}
