"""A staffing plan from the reader's two lists: the units (as the batch reads them, with what is
already assigned) and the professionals (calculator.staff). The units' needs per role come from
`batch`, the same figures every other surface shows; the plan from calculator.plan; the words
here, in both languages."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from calculator.batch import batch
from calculator.batch_table import Table
from calculator.bilingual import Text, number
from calculator.csv_batch import parse_rows
from calculator.errors import line_failure
from calculator.lookup import NaceIndex
from calculator.plain import plain
from calculator.plan import FULL_TIME, NO_CLASS, Assignment, Need, Plan, Professional, Shortfall, plan
from calculator.resolve import HIGHER
from calculator.rules import Rules
from calculator.staff import read_staff

# İSG-KATİP's form figures, label by label ({"label", "value"}), as a single answer's `form`.
FormRows = list[dict[str, Any]]


@dataclass(frozen=True)
class StaffingPlan:
    plan: Plan
    # Lines of either list that could not be read or computed (line, error, message), by list.
    unit_errors: list[dict[str, Any]]
    staff_errors: list[dict[str, Any]]
    # What is short, in words: one sentence per shortfall entry.
    shortfall_texts: list[Text] = field(default_factory=list)
    # The rules the plan keeps, each with its citation (bilingual).
    rules: list[Text] = field(default_factory=list)
    on: str = ""
    # Each assignment's İSG-KATİP form figures, in the plan's order of assignments (assignment_form).
    forms: list[FormRows] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = plain(self)
        return data


def certificate_rules(rules: Rules) -> dict[str, list[str]]:
    """Per hazard class, the certificate classes that may serve it on the rules' date."""
    found = {}
    for hazard in rules.hazard_classes:
        rule = rules.certificates(hazard)
        if rule is None:
            raise ValueError(f"durations.yaml: no certificate rule for {hazard} on {rules.on}")
        found[hazard] = list(rule["classes"])
    return found


def _unit_label(row_input: dict[str, Any], line: int) -> str:
    text = str(row_input.get("unit") or row_input.get("code") or row_input.get("hazard_class") or "")
    return text or f"#{line}"


def needs_of(
    rules: Rules,
    index: NaceIndex,
    rows: list[dict[str, Any]],
    prefer: str = HIGHER,
    forms: dict[tuple[str, str], FormRows] | None = None,
) -> tuple[list[Need], list[dict[str, Any]]]:
    """Each unit's needs per role (after what is already assigned), and the rows that failed; `forms`,
    when given, gets each unit's and role's İSG-KATİP form figures (the single answer's `form`)."""
    result = batch(rules, index, rows, prefer)
    certificates = certificate_rules(rules)
    # The hazard class every certificate class may serve: the listed sector's posts beyond the first.
    loosest = max(certificates, key=lambda hazard: len(certificates[hazard]))
    needs: list[Need] = []
    labels: dict[str, int] = {}
    for row in result.rows:
        if row.result is None:
            continue
        label = _unit_label(row.input, row.line)
        # Two rows of the same name stay apart in the plan: the later ones carry their line.
        if label in labels:
            label = f"{label} ({row.line})"
        labels[label] = row.line
        code = row.code
        if code is None and row.unit_id is not None and (unit := index.unit(row.unit_id)) is not None:
            code = " / ".join(entry.code for entry in unit.codes)
        for role, needed in row.result.roles.items():
            if not needed.required:
                continue
            full = needed.missing_full_time if needed.missing_full_time is not None else needed.full_time
            minutes = needed.missing_minutes if needed.missing_minutes is not None else needed.part_time_minutes
            if full or minutes:
                needs += _role_needs(
                    Need(label, code, row.result.hazard_class, role, full, minutes, row.line), needed.certificate_posts, loosest
                )
                if forms is not None:
                    forms[(label, role)] = needed.form
    errors = [
        line_failure(row.line, _unit_label(row.input, row.line), str(error["error"]), error["message"], error.get("field"))
        for row in result.errors
        if (error := row.error) is not None
    ]
    return needs, errors


def _role_needs(need: Need, certificate_posts: list[dict[str, Any]] | None, loosest: str) -> list[Need]:
    """One unit's need of one role; where the sector exception lets later full-time posts be held by any
    class, the first missing post keeps the matching class (the posts already held are not known) and the
    others become a need any class may serve."""
    if not certificate_posts or need.full_time < 2:
        return [need]
    return [replace(need, full_time=1), replace(need, full_time=need.full_time - 1, minutes=0, serves=loosest)]


def _classes_text(classes: list[str], lang: str) -> str:
    joined = (" veya " if lang == "tr" else " or ").join(classes)
    return joined


def shortfall_text(rules: Rules, entry: Shortfall) -> Text:
    role = next(r for r in rules.data["roles"] if r["id"] == entry.role)
    hazard = {
        lang: (" / " if lang == "tr" else " or ").join(rules.hazard_label(h)[lang] for h in entry.hazard_classes)
        for lang in ("tr", "en")
    }
    parts: dict[str, list[str]] = {"tr": [], "en": []}
    if entry.full_time:
        if entry.certificate_classes:
            parts["tr"].append(
                f"{entry.full_time} tam süreli {_classes_text(entry.certificate_classes, 'tr')} sınıfı {role['label']['tr']} daha"
            )
            parts["en"].append(
                f"{entry.full_time} more full-time {_classes_text(entry.certificate_classes, 'en')}-class "
                f"{role['label']['en'].lower()}{'s' if entry.full_time > 1 else ''}"
            )
        else:
            parts["tr"].append(f"{entry.full_time} tam süreli {role['label']['tr']} daha")
            parts["en"].append(
                f"{entry.full_time} more full-time {role['label']['en'].lower()}{'s' if entry.full_time > 1 else ''}"
            )
    if entry.minutes:
        if entry.certificate_classes:
            parts["tr"].append(
                f"{_classes_text(entry.certificate_classes, 'tr')} sınıfı belgeli {role['label']['tr']} "
                f"süresinden {number(entry.minutes, 'tr')} dakika daha"
            )
            parts["en"].append(
                f"{number(entry.minutes, 'en')} more minutes of "
                f"{_classes_text(entry.certificate_classes, 'en')}-class {role['label']['en'].lower()} time"
            )
        else:
            parts["tr"].append(f"{role['label']['tr']} süresinden {number(entry.minutes, 'tr')} dakika daha")
            parts["en"].append(f"{number(entry.minutes, 'en')} more minutes of {role['label']['en'].lower()} time")
    return {
        "tr": f"{hazard['tr']} birimler için: " + " ve ".join(parts["tr"]) + ".",
        "en": f"For {hazard['en'].lower()} units: " + " and ".join(parts["en"]) + ".",
    }


def rules_kept(rules: Rules) -> list[Text]:
    """The plan's rules in words, each with its source."""
    certificates = [rules.certificates(h) for h in rules.hazard_classes]
    cited = rules.citation(certificates[0]["source"]).text if certificates and certificates[0] else {"tr": "", "en": ""}
    exclusive = next((f for f in rules.data["facts"] if f["id"] == "full_time_exclusive"), None)
    exclusive_source = rules.citation(exclusive["source"]).text if exclusive else {"tr": "", "en": ""}
    sector = rules.citation(rules.sector_exception["source"]).text
    classes = {
        lang: "; ".join(f"{rules.hazard_label(c['hazard_class'])[lang]}: {', '.join(c['classes'])}" for c in certificates if c)
        for lang in ("tr", "en")
    }
    return [
        {
            "tr": "İş güvenliği uzmanı yalnızca belgesinin izin verdiği sınıflarda görev yapar "
            f"({classes['tr']}; {cited['tr']}).",
            "en": f"A safety specialist serves only the classes their certificate allows ({classes['en']}; {cited['en']}).",
        },
        {
            "tr": "Planda tam süreli görevlendirilen kişiye başka görev verilmez: tam gün çalışan uzman, çalıştığı işyeri "
            f"dışında fazla çalışma yapamaz ({exclusive_source['tr']}).",
            "en": "In the plan a professional in a full-time post is given no other assignment: a full-time specialist may "
            f"not work overtime outside that workplace ({exclusive_source['en']}).",
        },
        {
            "tr": "Birden fazla tam süreli iş güvenliği uzmanı gereken birimde yalnızca ilk tam süreli görev birimin "
            "sınıfına uygun belge ister; diğerlerini her sınıftan uzman alabilir (kamu kurumlarında ve sayılan "
            f"diğer sektörlerde; {sector['tr']}).",
            "en": "Where a unit needs several full-time safety specialists, only the first full-time post asks for the "
            "certificate class matching the unit's class; any class may take the others (in public bodies and "
            f"the other sectors listed; {sector['en']}).",
        },
        {
            "tr": "Bir kişinin kısmi süreli görevlerinin toplamı, yazılan uygun dakikasını aşmaz.",
            "en": "A professional's part-time minutes never exceed the available minutes given for them.",
        },
        {
            "tr": "Süre yetmediğinde önce olabildiğince çok birimin ihtiyacı eksiksiz karşılanır (küçük ihtiyaçlar önce), "
            "kalan her dakika eksik kalan birimlere verilir; bir birim eksik kalırken ona görev yapabilecek kimse "
            "boşta kalmaz.",
            "en": "Where the time is too little, as many units' needs as possible are covered in full (the smaller ones "
            "first), and every minute left goes to the units left short: no one who could serve a unit left short "
            "stays idle.",
        },
        {
            "tr": "Az sözleşme: mümkün olduğunda her ihtiyaç tek bir kişiye verilir. Tam süreli görevlendirmelerin "
            "İSG-KATİP'e hangi dakikayla girildiği bir kaynakta bulunamadığından Dakika sütunu onlar için boştur.",
            "en": "Few contracts: where possible each need goes to a single professional. With what minutes a full-time "
            "assignment is entered in İSG-KATİP was not found in any source, so the Minutes column is empty for "
            "full-time posts.",
        },
    ]


def staffing_plan(rules: Rules, index: NaceIndex, units_text: str, staff_text: str, prefer: str = HIGHER) -> StaffingPlan:
    """The plan for the units and the professionals given as CSV text (either list's unreadable lines
    are reported and left out)."""
    rows, unread, _ = parse_rows(units_text, rules.role_shorts)
    forms: dict[tuple[str, str], FormRows] = {}
    needs, failed = needs_of(rules, index, rows, prefer, forms)
    staff = read_staff(staff_text, rules.data["roles"])
    answer = plan_for(rules, needs, staff.people, unread + failed, staff.errors)
    return replace(answer, forms=[assignment_form(a, forms.get((a.unit, a.role), [])) for a in answer.plan.assignments])


def assignment_form(assignment: Assignment, unit_form: FormRows) -> FormRows:
    """What İSG-KATİP's form shows when this assignment is made: the unit's and role's figures, its
    NACE code, and for a part-time assignment its own minutes in Çalışma Süresi Dakika."""
    rows = [row for row in unit_form if row["label"] != "Çalışma Süresi Dakika"]
    if assignment.code:
        rows.insert(1, {"label": "NACE KODU", "value": assignment.code})
    if assignment.kind != FULL_TIME:
        rows.append({"label": "Çalışma Süresi Dakika", "value": assignment.minutes})
    return rows


def plan_for(
    rules: Rules,
    needs: list[Need],
    people: list[Professional],
    unit_errors: list[dict[str, Any]],
    staff_errors: list[dict[str, Any]],
) -> StaffingPlan:
    roles = [role["id"] for role in rules.data["roles"]]
    result = plan(needs, people, certificate_rules(rules), roles)
    return StaffingPlan(
        result,
        sorted(unit_errors, key=lambda e: e["line"]),
        staff_errors,
        [shortfall_text(rules, s) for s in result.shortfall],
        rules_kept(rules),
        rules.on.isoformat() if rules.on else "",
    )


def plan_json(answer: StaffingPlan) -> dict[str, Any]:
    """The CLI's and the page's JSON (the issue's shape, and more)."""
    result = answer.plan
    return {
        "feasible": result.feasible,
        "on": answer.on,
        "assignments": [
            {**plain(a), "form": form}
            for a, form in zip(result.assignments, answer.forms or [[] for _ in result.assignments], strict=True)
        ],
        "uncovered": [plain(u) for u in result.uncovered],
        "shortfall": [{**plain(s), "text": text} for s, text in zip(result.shortfall, answer.shortfall_texts, strict=True)],
        "loads": [plain(load) for load in result.loads],
        "lower_bound": result.lower_bound,
        "part_time_assignments": result.part_time_assignments,
        "full_time_assignments": sum(1 for a in result.assignments if a.kind == FULL_TIME),
        "used_up": result.used_up,
        "unit_errors": answer.unit_errors,
        "staff_errors": answer.staff_errors,
        "rules": answer.rules,
    }


PLAN_COLUMNS: dict[str, Text] = {
    "professional": {"tr": "Kişi", "en": "Professional"},
    "role": {"tr": "Rol", "en": "Role"},
    "certificate_class": {"tr": "Belge sınıfı", "en": "Certificate class"},
    "unit": {"tr": "Birim", "en": "Unit"},
    "code": {"tr": "NACE kodu", "en": "NACE code"},
    "hazard": {"tr": "Tehlike sınıfı", "en": "Hazard class"},
    "kind": {"tr": "Görevlendirme", "en": "Assignment"},
    "minutes": {"tr": "Dakika", "en": "Minutes"},
}
KINDS: dict[str, Text] = {
    "full_time": {"tr": "tam süreli", "en": "full-time"},
    "part_time": {"tr": "kısmi süreli", "en": "part-time"},
    "missing_full_time": {"tr": "EKSİK: tam süreli", "en": "MISSING: full-time"},
    "missing_minutes": {"tr": "EKSİK: kısmi süreli", "en": "MISSING: part-time"},
}
SHEET_TITLE: Text = {"tr": "Görevlendirme planı", "en": "Staffing plan"}
_TOTAL: Text = {"tr": "Toplam", "en": "Total"}


def plan_table(rules: Rules, answer: StaffingPlan, lang: str) -> Table:
    """The plan as one table: per professional (in input order) the assignments to create in İSG-KATİP,
    then what is still uncovered, per unit; the total of the minutes assigned."""
    result = answer.plan
    shorts = rules.role_shorts
    # No class for physicians and other health personnel: an empty cell ("-" would read as a formula's start).
    classes = {load.professional: "" if load.certificate_class == NO_CLASS else load.certificate_class for load in result.loads}
    order = {load.professional: position for position, load in enumerate(result.loads)}
    rows: list[dict[str, int | str]] = []
    for a in sorted(result.assignments, key=lambda a: order.get(a.professional, 0)):
        rows.append(
            {
                "professional": a.professional,
                "role": shorts[a.role][lang],
                "certificate_class": classes.get(a.professional, ""),
                "unit": a.unit,
                "code": a.code or "",
                "hazard": rules.hazard_label(a.hazard_class)[lang],
                "kind": KINDS[a.kind][lang],
                # A full-time post's minutes in İSG-KATİP: no source gives them (the calculator says so too).
                "minutes": a.minutes if a.kind != FULL_TIME else "",
            }
        )
    for u in result.uncovered:
        for kind, amount in (("missing_full_time", u.full_time), ("missing_minutes", u.minutes)):
            if amount:
                rows.append(
                    {
                        "professional": "",
                        "role": shorts[u.role][lang],
                        "certificate_class": "/".join(u.certificate_classes),
                        "unit": u.unit,
                        "code": "",
                        "hazard": rules.hazard_label(u.hazard_class)[lang],
                        "kind": KINDS[kind][lang],
                        "minutes": amount,
                    }
                )
    total: dict[str, int | str] = {key: "" for key in PLAN_COLUMNS}
    total["professional"] = _TOTAL[lang]
    total["minutes"] = sum(a.minutes for a in result.assignments)
    return Table({key: heading[lang] for key, heading in PLAN_COLUMNS.items()}, ["minutes"], rows, total)
