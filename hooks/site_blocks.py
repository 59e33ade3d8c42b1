"""Data blocks for the pages: each function takes the loaded data and a
language and returns Markdown (with HTML inside) rendered from a Jinja2
template in templates/. Autoescaping is on, so text from YAML can never
become markup; `{Label}` references become quoted İSG-KATİP labels."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from calculator import Rules
from calculator.bilingual import date_in_words, day_month_year, number
from calculator.changes import KINDS, UNCONFIRMED_KINDS, list_changes, rule_changes
from calculator.crosscheck import disagreements
from calculator.csv_batch import assigned_headings
from calculator.lookup import NOT_FOUND_HELP, NaceIndex
from calculator.requirements import requirements
from calculator.rules import amendment_text
from calculator.screens import NARROW, WIDTH, Drawing, draw
from language_builds import ROOTS

TEMPLATES = Path(__file__).parent / "templates"
_LABEL = re.compile(r"\{([^{}]+)\}")
# Characters Markdown would read as formatting inside a heading or link text.
_MARKDOWN_SPECIAL = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]#+!|<>"})


def list_sections(index: NaceIndex, sections: dict[str, Any]) -> list[dict[str, Any]]:
    """The NACE list's codes grouped by section and then by division, in code order. A division no
    section claims stops the build (the page would silently lose its codes)."""
    grouped = [{"letter": s["letter"], "name": s["name"], "divisions": {}} for s in sections["sections"]]
    for entry in index.list_entries.values():
        division = int(entry.code[:2])
        home = next(
            (g for g, s in zip(grouped, sections["sections"], strict=True) if s["divisions"][0] <= division <= s["divisions"][1]),
            None,
        )
        if home is None:
            raise ValueError(f"nace_sections.yaml: no section holds division {entry.code[:2]} ({entry.code})")
        home["divisions"].setdefault(entry.code[:2], []).append(entry)
    for group in grouped:
        group["divisions"] = sorted(
            (division, sorted(entries, key=lambda e: e.code)) for division, entries in group["divisions"].items()
        )
    return [group for group in grouped if group["divisions"]]


def script_json(value: object) -> Markup:
    """JSON for a <script type="application/json">: no "<" at all, so that nothing in it can close
    the element or look like markup (JSON reads \\u003c as "<")."""
    return Markup(json.dumps(value, ensure_ascii=False).replace("<", "\\u003c"))


def markdown_text(value: object) -> Markup:
    """Text safe inside Markdown (headings, link texts): escaped for HTML and for Markdown."""
    return Markup(str(value).translate(_MARKDOWN_SPECIAL).replace("&#60;", "&lt;").replace("&#62;", "&gt;"))


# Each procedure's page (its `<!-- data: procedure NAME -->`), for links to its steps.
PROCEDURE_PAGES = {"login": "login/", "contract": "contracts/", "upkeep": "upkeep/"}

# The worked example the printed guide shows in place of the interactive calculator.
EXAMPLE = ("cok_tehlikeli", 300)


_PUBLISHED_TABLE = re.compile(r"GitHub (?P<project>[\w.-]+/[\w.-]+), (?P<file>[^,]+), commit (?P<version>[0-9a-f]+)")


class Blocks:
    def __init__(
        self,
        data: dict[str, Any],
        site_url: str = "",
        pdf_names: dict[str, str] | None = None,
        institution: dict[str, str | None] | None = None,
        edition: str = "",
    ):
        self.data = data
        self.site_url = site_url
        # Who publishes the guide ({"name", "unit"}, either None) and which edition of it this build is.
        self.institution = {"name": None, "unit": None, "logo_address": None, **(institution or {})}
        self.edition = edition
        self.pdf_names = pdf_names or {}
        self.rules = Rules(data["durations"])
        acts = (data.get("nace_list_source") or {}).get("acts")
        self.index = NaceIndex(
            data["nace"], data.get("nace_list"), acts, names=data.get("unit_names"), titles_en=data.get("nace_titles_en")
        )
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,  # every template: YAML text is never markup
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["md"] = markdown_text
        self.env.filters["number"] = number
        self.env.filters["dmy"] = day_month_year
        self.env.filters["in_words"] = date_in_words
        self.env.filters["amendment"] = amendment_text

    # -- helpers the templates use ------------------------------------------

    def word(self, key: str, lang: str) -> str:
        return str(self.data["ui"]["words"][key][lang])

    def with_labels(self, text: str, lang: str) -> Markup:
        """Escapes `text`, then turns each {Label} into a quoted Turkish label (with its gloss in English)."""
        labels = self.data["labels"]["labels"]
        parts: list[str] = []
        last = 0
        for match in _LABEL.finditer(text):
            parts.append(str(escape(text[last : match.start()])))
            label = match.group(1)
            span = f'<span class="katip-label" lang="tr">“{escape(label)}”</span>'
            if lang == "en":
                span += f" ({escape(labels[label])})"
            parts.append(span)
            last = match.end()
        parts.append(str(escape(text[last:])))
        return Markup("".join(parts))

    def hazard_label(self, hazard_class: str, lang: str) -> str:
        return self.rules.hazard_label(hazard_class)[lang]

    def render(self, template: str, lang: str, **context: Any) -> str:
        return self.env.get_template(template).render(b=self, lang=lang, data=self.data, **context)

    # -- the blocks ----------------------------------------------------------

    def procedure(self, lang: str, argument: str) -> str:
        procedure = self.data[argument]
        return self.render("procedure.md.j2", lang, procedure=procedure, figures=self.screen_figures(procedure, lang))

    def screen_figures(self, procedure: dict[str, Any], lang: str) -> dict[str, list[tuple[Drawing, Drawing]]]:
        """{step id: the schematics shown after it}: each screen of the procedure once, after the first
        step on it, with every step's target on it outlined and numbered as the step list numbers it;
        each drawn twice, for a page and for a phone (laid out narrower, so no target is off-screen)."""
        screens = {screen["id"]: screen for screen in self.data["screens"]["screens"]}
        marks: dict[str, dict[str, int]] = {}
        first: dict[str, str] = {}
        for step_number, step in enumerate(procedure["steps"], 1):
            for pointer in step.get("screens", []):
                marks.setdefault(pointer["id"], {})[pointer["target"]] = step_number
                first.setdefault(pointer["id"], step["id"])
        figures: dict[str, list[tuple[Drawing, Drawing]]] = {}
        labels = self.data["labels"]["labels"]
        for screen_id, step_id in first.items():
            element_id = f"screen-{procedure['id']}-{screen_id}"
            wide, phone = (
                draw(screens[screen_id], labels, lang, element_id + suffix, marks=marks[screen_id], width=width)
                for suffix, width in (("", WIDTH), ("-phone", NARROW))
            )
            figures.setdefault(step_id, []).append((wide, phone))
        return figures

    def path(self, lang: str, argument: str) -> str:
        login = {step["id"]: step for step in self.data["login"]["steps"]}
        return self.render("path.md.j2", lang, login=login, contract=self.data["contract"])

    def contacts(self, lang: str, argument: str) -> str:
        return self.render("contacts.md.j2", lang, contacts=self.data["contacts"])

    def durations(self, lang: str, argument: str) -> str:
        return self.render("durations.md.j2", lang, durations=self.data["durations"], rules=self.rules)

    def calculator(self, lang: str, argument: str) -> str:
        words = {key[len("calc_") :]: value[lang] for key, value in self.data["ui"]["words"].items() if key.startswith("calc_")}
        # The JSON sits in a <script type="application/json">: "</" must not close it.
        words_json = script_json(words)
        # The ids the page's script needs, from the data rather than typed in JS: the roles in order, and
        # the short word a link uses for each hazard class (its first alias: ?hazard=cok).
        durations = self.data["durations"]
        vocabulary = {
            "roles": [role["id"] for role in durations["roles"]],
            "hazard_links": {h["aliases"][0]: h["id"] for h in durations["hazard_classes"]},
            # What the unit box says where nothing is found (calculator.lookup, as every finder says it).
            "not_found_help": {key: text[lang] for key, text in NOT_FOUND_HELP.items()},
        }
        vocabulary_json = script_json(vocabulary)
        one_class = next(f for f in self.data["durations"]["facts"] if f["id"] == "one_class_per_workplace")
        return self.render(
            "calculator.md.j2",
            lang,
            words_json=words_json,
            vocabulary_json=vocabulary_json,
            one_class=one_class,
            durations=self.data["durations"],
            rules=self.rules,
            assigned_headings=lambda lang: assigned_headings(self.rules.role_shorts, lang),
        )

    def plan(self, lang: str, argument: str) -> str:
        """The staffing plan's form; docs/assets/js/plan.js asks the calculator's worker for the plan."""
        words = {key[len("plan_") :]: value[lang] for key, value in self.data["ui"]["words"].items() if key.startswith("plan_")}
        return self.render("plan.md.j2", lang, words_json=script_json(words))

    def monthly(self, lang: str, argument: str) -> str:
        """The monthly check's form; docs/assets/js/monthly.js asks the calculator's worker for the check."""
        words = {
            key[len("monthly_") :]: value[lang] for key, value in self.data["ui"]["words"].items() if key.startswith("monthly_")
        }
        return self.render("monthly.md.j2", lang, words_json=script_json(words))

    def online(self, lang: str, page: str = "") -> str:
        """The page's published address; "" when the build was given none (SITE_URL): then no page
        or PDF names an address at all, rather than a local one."""
        if not self.site_url:
            return ""
        return self.site_url + ROOTS[lang] + page

    def site_root(self, lang: str) -> str:
        """The site's root, relative to the printed guide of `lang` (print/ or en/print/)."""
        return "../" * (1 + ROOTS[lang].count("/"))

    def print_cover(self, lang: str, argument: str) -> str:
        return self.render(
            "print_cover.md.j2",
            lang,
            durations=self.data["durations"],
            online=self.online(lang),
            institution=self.institution,
            edition=self.edition,
        )

    def pdf_link(self, lang: str, argument: str) -> str:
        return self.render("pdf_link.md.j2", lang, pdf=self.pdf_names[lang])

    def calculator_example(self, lang: str, argument: str) -> str:
        result = requirements(self.rules, *EXAMPLE)
        return self.render("calculator_example.md.j2", lang, result=result, online=self.online(lang, "calculator/"))

    def nace_table(self, lang: str, argument: str) -> str:
        filter_words = {
            key[len("filter_") :]: value[lang] for key, value in self.data["ui"]["words"].items() if key.startswith("filter_")
        }
        filter_words["hazard"] = {h["id"]: h["label"][lang] for h in self.data["durations"]["hazard_classes"]}
        return self.render(
            "nace_table.md.j2",
            lang,
            nace=self.data["nace"],
            index=self.index,
            names=self.data["unit_names"],
            suggestions={s.entry_id: s for s in self.index.suggestions},
            guide_json=script_json(self.index.guide_search_data()),
            filter_words=json.dumps(filter_words, ensure_ascii=False),
        )

    def nace_list(self, lang: str, argument: str) -> str:
        """Every code of the NACE list, by NACE section and division, each row anchored by its code."""
        units_of: dict[str, list[Any]] = {}
        for unit in self.index.units:
            for entry in unit.codes:
                units_of.setdefault(entry.code, []).append(unit)
        return self.render(
            "nace_list.md.j2",
            lang,
            sections=list_sections(self.index, self.data["nace_sections"]),
            units_of=units_of,
            source=self.data["nace_sections"]["source"],
            first_act=min(self.index.acts.values(), key=lambda a: str(a["effective"]))["number"],
        )

    def crosscheck(self, lang: str, argument: str) -> str:
        return self.render("crosscheck.md.j2", lang, rows=disagreements(self.index))

    def nace_list_source(self, lang: str, argument: str) -> str:
        # Each transcription as the refresh command records it ("GitHub owner/project, path, commit abc123"),
        # said in a reader's words: whose table, where it is published, which version.
        sources = []
        for source in self.data["nace_list_source"]["sources"]:
            found = _PUBLISHED_TABLE.fullmatch(" ".join(source["source"].split()))
            said = (
                # The project's own name ("isg-suite-osgb"), not its host, path or commit (nace_list.yaml keeps those).
                self.word("list_source_published", lang).format(project=found["project"].split("/")[-1])
                if found
                else source["source"]
            )
            sources.append({"said": said, "retrieved": source["retrieved"]})
        changes_link = Markup('<a href="../changes/">{}</a>').format(self.word("list_changes_link", lang))
        return self.render(
            "nace_list_source.md.j2",
            lang,
            sources=sources,
            rows=len(self.index.list_entries),
            changes_link=changes_link,
            titles_source=self.data["nace_titles_source"],
            titles_missing=sorted({e.code[:5] for e in self.index.list_entries.values() if not e.title_en}),
        )

    def changes(self, lang: str, argument: str) -> str:
        """The "what changed" page: the NACE list act by act, and the dated rules day by day."""
        return self.render(
            "changes.md.j2",
            lang,
            acts=list_changes(self.index),
            days=rule_changes(self.rules),
            kinds=KINDS,
            unconfirmed_kinds=UNCONFIRMED_KINDS,
        )

    def sources(self, lang: str, argument: str) -> str:
        return self.render("sources.md.j2", lang, durations=self.data["durations"])

    def unconfirmed(self, lang: str, argument: str) -> str:
        rules = _not_primary(self.data["durations"])
        # The steps of İSG-KATİP's procedures that are not simply the institution's guide, with their page.
        steps = {
            level: [
                (PROCEDURE_PAGES[name], step)
                for name in PROCEDURE_PAGES
                for step in self.data[name]["steps"]
                if step.get("confidence") == level
            ]
            for level in rules
        }
        groups = [(level, items, steps[level]) for level, items in rules.items() if items or steps[level]]
        return self.render("unconfirmed.md.j2", lang, groups=groups, rules=self.rules)

    def fact(self, lang: str, argument: str) -> str:
        """One fact of durations.yaml's `facts`, as a note beside what it concerns (e.g. where a unit is asked for)."""
        # Page markers write ids with hyphens (`<!-- data: fact one-class-per-workplace -->`).
        found = [f for f in self.data["durations"]["facts"] if f["id"] == argument.replace("-", "_")]
        if not found:
            raise ValueError(f"no fact {argument!r} in durations.yaml")
        return self.render("fact.md.j2", lang, fact=found[0], rules=self.rules)

    def guide_notes(self, lang: str, argument: str) -> str:
        units = [(g, u) for g in self.data["nace"]["groups"] for u in g["units"] if u.get("notes")]
        return self.render("guide_notes.md.j2", lang, units=units)

    def report_mistake(self, lang: str, argument: str) -> str:
        return self.render("report_mistake.md.j2", lang, contacts=self.data["contacts"])

    def checked_on(self, lang: str, argument: str) -> str:
        return self.render("checked_on.md.j2", lang, durations=self.data["durations"])


def _not_primary(durations: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Every rule and fact not read in the law's own text, by how well it is sourced (unconfirmed first)."""
    entries: list[dict[str, Any]] = [
        *durations["dsp_rules"].values(),
        durations["full_time_capacity"],
        durations["public_bodies"],
        durations["sector_exception"],
        *durations["facts"],
    ]
    for key in ("rates", "full_time_thresholds", "certificate_classes", "employer_self_service"):
        entries += durations[key]
    groups: dict[str, list[dict[str, Any]]] = {"unconfirmed": [], "secondary": []}
    for entry in entries:
        if entry["confidence"] in groups:
            groups[entry["confidence"]].append(entry)
    return groups


BLOCKS: dict[str, Callable[[Blocks, str, str], str]] = {
    "procedure": Blocks.procedure,
    "path": Blocks.path,
    "contacts": Blocks.contacts,
    "durations": Blocks.durations,
    "calculator": Blocks.calculator,
    "calculator-example": Blocks.calculator_example,
    "print-cover": Blocks.print_cover,
    "pdf-link": Blocks.pdf_link,
    "nace-table": Blocks.nace_table,
    "sources": Blocks.sources,
    "crosscheck": Blocks.crosscheck,
    "nace-list-source": Blocks.nace_list_source,
    "nace-list": Blocks.nace_list,
    "changes": Blocks.changes,
    "plan": Blocks.plan,
    "monthly": Blocks.monthly,
    "unconfirmed": Blocks.unconfirmed,
    "fact": Blocks.fact,
    "guide-notes": Blocks.guide_notes,
    "report-mistake": Blocks.report_mistake,
    "checked-on": Blocks.checked_on,
}
