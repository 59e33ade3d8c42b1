// The staffing plan page's glue: sends the two lists to the calculator's worker (the tested
// `calculator.staffing` under Pyodide) and shows Python's answer: what is short, the assignments
// per professional, the uncovered needs, the rules kept; CSV and XLSX downloads of the same table.
// Nothing is computed here; text from the lists is only ever set as text.
import { XLSX_TYPE, connect, download, element, errorText, fileBase64, fill, fromBase64, lineMessage } from "./page-kit.js";

const { ask, ready } = connect();

if (document.readyState === "loading") {
  await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}

const form = document.getElementById("plan-form");
const lang = form.dataset.lang;
const words = JSON.parse(document.getElementById("plan-words").textContent);
const statusLine = document.getElementById("calc-status");
const resultBox = document.getElementById("plan-result");
const lists = {
  units: /** @type {HTMLTextAreaElement} */ (document.getElementById("plan-units")),
  staff: /** @type {HTMLTextAreaElement} */ (document.getElementById("plan-staff")),
};
const numberFormat = new Intl.NumberFormat(lang === "tr" ? "tr-TR" : "en-GB");
// A figure, or a table's empty cell ("" for a full-time post's minutes, which no source gives).
const figure = (n) => (typeof n === "number" ? numberFormat.format(n) : n);
let lastRequest = null;

const message = (error) => errorText(error, { lost: words.worker_lost, unexpected: words.internal_error }, lang);

const showError = (list, text) => {
  const box = document.getElementById(`plan-${list}-error`);
  box.textContent = text ?? "";
  box.hidden = !text;
  if (text) lists[list].setAttribute("aria-invalid", "true");
  else lists[list].removeAttribute("aria-invalid");
};

// Which list a whole-request error belongs to: the units' CSV reader says "csv".
const listOf = (field) => (field === "staff" || field === "name" || field === "role" ? "staff" : "units");

// A pause between two pieces of drawing: the rest is drawn in a task of its own.
const pause = () => new Promise((resolve) => setTimeout(resolve));
// How many table rows are drawn in one piece.
const ROWS_AT_ONCE = 250;

const table = (headings, rows, figures = []) => {
  const box = element("div", undefined, "guide-table-wrap");
  const tableElement = element("table", undefined, "guide-table plan-table");
  const head = element("tr");
  headings.forEach((heading) => {
    const th = element("th", heading);
    th.scope = "col";
    head.append(th);
  });
  tableElement.append(element("thead"));
  tableElement.tHead.append(head);
  const body = element("tbody");
  tableElement.append(body);
  box.append(tableElement);
  box.fill = async (isCurrent) => {
    for (const [n, row] of rows.entries()) {
      if (n && n % ROWS_AT_ONCE === 0) {
        await pause();
        if (!isCurrent()) return;
      }
      const tr = element("tr");
      row.forEach((cell, index) => {
        const td = element("td", String(cell), figures.includes(index) ? "calc-num" : undefined);
        // Its heading, for the card a phone shows the row as (calculator.css).
        td.dataset.label = headings[index];
        tr.append(td);
      });
      body.append(tr);
    }
  };
  return box;
};

// A table drawn into the page in pieces (a plan's per-unit table has thousands of rows).
const drawTable = async (table, isCurrent) => {
  resultBox.append(table);
  await table.fill(isCurrent);
};

const linesList = (title, errors) => {
  const box = element("div", undefined, "plan-errors");
  box.append(element("p", title));
  const list = element("ul");
  for (const error of errors) list.append(element("li", `${fill(words.line, { line: error.line })}: ${lineMessage(error, lang)}`));
  box.append(list);
  return box;
};

// A professional's assignments on İSG-KATİP's form, drawn by Python (calculator/screens.py) when the
// reader opens them: one schematic per assignment, its figures in their fields.
const formDrawings = (result, professional) => {
  const box = element("details", undefined, "calc-form-drawing plan-form-drawing");
  box.append(element("summary", words.form_drawing));
  let drawn = false;
  box.addEventListener("toggle", async () => {
    if (!box.open || drawn) return;
    drawn = true;
    const mine = result.assignments.map((a, index) => ({ a, index })).filter(({ a }) => a.professional === professional);
    for (const { a, index } of mine) {
      const answer = await ask({ op: "form_drawing", form: a.form, hazard_class: a.hazard_class, lang, id: `plan-form-${index}` });
      if (!answer.ok) {
        box.append(element("p", message(answer.error), "calc-error"));
        continue;
      }
      // Python's own SVGs (every text in them escaped there), parsed as SVG, never as HTML: the form for
      // a page, and its copy laid out narrower, which a phone shows instead (guide.css).
      const svg = (text) => document.importNode(new DOMParser().parseFromString(text, "image/svg+xml").documentElement, true);
      const drawing = element("figure", undefined, "screen-figure screen-figure--paired");
      const phone = element("div", undefined, "screen-phone");
      phone.append(svg(answer.result.svg_phone));
      drawing.append(svg(answer.result.svg), phone);
      drawing.append(element("figcaption", `${a.unit} · ${result.roles[a.role]}`));
      box.append(drawing);
    }
  });
  return box;
};

// How many professionals' sections are drawn in one go: a plan of hundreds is drawn in pieces, each a
// short task of its own, so that the page answers the reader while it is drawn.
const SECTIONS_AT_ONCE = 20;
let drawing = 0;

const show = async (result, request) => {
  const mine = ++drawing;
  resultBox.replaceChildren();
  const summary = element("div", undefined, `plan-summary ${result.feasible ? "plan-summary--covered" : "plan-summary--short"}`);
  summary.append(element("p", result.feasible ? words.covered : words.not_covered, "plan-summary__title"));
  if (result.shortfall.length) {
    const short = element("ul");
    for (const entry of result.shortfall) short.append(element("li", entry.text[lang]));
    summary.append(short);
  }
  resultBox.append(summary);
  if (result.unit_errors.length) resultBox.append(linesList(words.unit_errors, result.unit_errors));
  if (result.staff_errors.length) resultBox.append(linesList(words.staff_errors, result.staff_errors));

  resultBox.append(element("h2", words.per_person));
  const columns = result.columns;
  const rowsOf = new Map();
  for (const row of result.rows) {
    if (!rowsOf.has(row.professional)) rowsOf.set(row.professional, []);
    rowsOf.get(row.professional).push(row);
  }
  const current = () => mine === drawing; // false once a newer plan is being drawn
  for (const [n, load] of result.loads.entries()) {
    if (n && n % SECTIONS_AT_ONCE === 0) {
      await pause();
      if (!current()) return;
    }
    const section = element("section", undefined, "plan-person");
    const cls = load.certificate_class !== "-" ? `, ${load.certificate_class}` : "";
    section.append(element("h3", `${load.professional} (${result.roles[load.role]}${cls})`));
    section.append(element("p", fill(words.load, { used: figure(load.used_minutes), available: figure(load.available_minutes) })));
    const own = rowsOf.get(load.professional) ?? [];
    if (!own.length) section.append(element("p", words.no_assignment));
    else {
      const assigned = table([columns.unit, columns.code, columns.hazard, columns.kind, columns.minutes],
        own.map((row) => [row.unit, row.code, row.hazard, row.kind, figure(row.minutes)]), [4]);
      assigned.fill(current);
      section.append(assigned);
      section.append(formDrawings(result, load.professional));
    }
    resultBox.append(section);
  }
  // Per unit and role: who covers it (from the plan's own assignments) and what is still missing.
  resultBox.append(element("h2", words.per_unit));
  const units = new Map();
  const entry = (unit, role) => {
    const key = `${unit}\u0000${role}`;
    if (!units.has(key)) units.set(key, { unit, role, by: [], missing: [] });
    return units.get(key);
  };
  for (const a of result.assignments) {
    entry(a.unit, a.role).by.push(a.kind === "full_time" ? `${a.professional} (${words.full_time_short})`
      : `${a.professional} (${figure(a.minutes)})`);
  }
  for (const u of result.uncovered) {
    const gap = entry(u.unit, u.role);
    if (u.full_time) gap.missing.push(`${u.full_time} ${words.full_time_short}`);
    if (u.minutes) gap.missing.push(figure(u.minutes));
  }
  const perUnit = table([columns.unit, columns.role, words.covered_by, words.missing],
    [...units.values()].map((u) => [u.unit, result.roles[u.role], u.by.join(", "), u.missing.join(" + ")]));
  perUnit.id = "plan-per-unit";
  await drawTable(perUnit, current);
  if (!current()) return;
  const missing = result.rows.filter((row) => row.professional === "");
  if (missing.length) {
    resultBox.append(element("h2", words.uncovered));
    await drawTable(table([columns.unit, columns.role, columns.certificate_class, columns.hazard, columns.kind, columns.minutes],
      missing.map((row) => [row.unit, row.role, row.certificate_class, row.hazard, row.kind, figure(row.minutes)]), [5]), current);
    if (!current()) return;
  }
  resultBox.append(element("p", fill(words.counts, { full: result.full_time_assignments, part: result.part_time_assignments })));
  if (result.lower_bound !== null) {
    resultBox.append(element("p", fill(words.bound, { lower: result.lower_bound, used_up: result.used_up }), "calc-hint"));
  }
  resultBox.append(element("h2", words.rules));
  const rules = element("ul");
  for (const rule of result.rules) rules.append(element("li", rule[lang]));
  resultBox.append(rules);

  const downloads = element("p", undefined, "calc-downloads");
  const csvLink = element("a", words.download_csv, "md-button");
  csvLink.href = URL.createObjectURL(new Blob([result.csv], { type: "text/csv;charset=utf-8" }));
  csvLink.download = lang === "tr" ? "isg-plan.csv" : "ohs-plan.csv";
  const xlsxButton = element("button", words.download_xlsx, "md-button");
  xlsxButton.type = "button";
  xlsxButton.id = "plan-xlsx";
  xlsxButton.addEventListener("click", async () => {
    xlsxButton.disabled = true;
    const answer = await ask({ ...request, op: "plan_xlsx" });
    xlsxButton.disabled = false;
    if (!answer.ok) {
      statusLine.textContent = message(answer.error);
      return;
    }
    download(new Blob([fromBase64(answer.result.xlsx)], { type: XLSX_TYPE }), lang === "tr" ? "isg-plan.xlsx" : "ohs-plan.xlsx");
  });
  const printButton = element("button", words.print, "md-button");
  printButton.type = "button";
  printButton.addEventListener("click", () => window.print());
  downloads.append(csvLink, " ", xlsxButton, " ", printButton);
  resultBox.append(downloads);
  resultBox.hidden = false;
  resultBox.dataset.feasible = String(result.feasible);
};

// A chosen file is read (and an Excel file turned into lines by Python) before the plan is asked for.
const reading = {};

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!(await ready)) return;
  if (Object.values(reading).some(Boolean)) {
    statusLine.textContent = words.file_reading;
    await Promise.all(Object.values(reading));
  }
  for (const list of Object.keys(lists)) showError(list, "");
  const request = { op: "plan", units: lists.units.value, staff: lists.staff.value, lang };
  statusLine.textContent = words.busy;
  const answer = await ask(request);
  statusLine.textContent = "";
  if (!answer.ok) {
    resultBox.hidden = true;
    showError(listOf(answer.error?.field), message(answer.error));
    return;
  }
  lastRequest = request;
  await show(answer.result, lastRequest);
});

document.getElementById("plan-example").addEventListener("click", () => {
  lists.units.value = words.example_units;
  lists.staff.value = words.example_staff;
});

for (const list of Object.keys(lists)) {
  const input = /** @type {HTMLInputElement} */ (document.getElementById(`plan-${list}-file`));
  const read = async (file) => {
    let base64;
    try {
      base64 = await fileBase64(file);
    } catch {
      showError(list, fill(words.file_failed, { name: file.name }));
      return;
    }
    const answer = await ask({ op: "decode_file", base64 });
    if (!answer.ok) {
      showError(list, message(answer.error));
      return;
    }
    lists[list].value = answer.result.text;
    showError(list, "");
  };
  input.addEventListener("change", async () => {
    const file = input.files[0];
    if (!file) return;
    statusLine.textContent = words.file_reading;
    reading[list] = read(file);
    await reading[list];
    reading[list] = null;
    statusLine.textContent = "";
  });
}

ready.then((ok) => {
  if (ok) statusLine.textContent = words.ready;
});
