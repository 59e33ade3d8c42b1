// The calculator page's glue: reads the form, asks the worker (where the
// tested `calculator` package runs under Pyodide), and shows the answer.
// Every figure and every sentence comes from Python; text from the URL, the
// form or a CSV is only ever set as text, never as markup.
//
// The worker was started at the top of the page's head
// (overrides/partials/calculator-start.html); everything that touches the
// form waits for the form.
import { combobox } from "./combobox.js";
import { XLSX_TYPE, carryQuery, connect, download, element, errorText, fileBase64, fill, fromBase64 } from "./page-kit.js";

const params = new URLSearchParams(location.search);

// -- the worker ---------------------------------------------------------------

// Sent at once, even while Python is still starting: the worker answers each request when it can.
const { ask, ready } = connect();

if (document.readyState === "loading") {
  await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}

// -- the page -------------------------------------------------------------------

const form = document.getElementById("calc-form");
const lang = form.dataset.lang;
const words = JSON.parse(document.getElementById("calc-words").textContent);
// Ids from the data (hooks/site_blocks.py): the roles in order, the hazard classes' link words.
const vocabulary = JSON.parse(document.getElementById("calc-vocabulary").textContent);
const statusLine = document.getElementById("calc-status");
const resultBox = document.getElementById("calc-result");
const unitInput = /** @type {HTMLInputElement} */ (document.getElementById("calc-unit"));
const unitFound = document.getElementById("calc-unit-found");
const employeesInput = /** @type {HTMLInputElement} */ (document.getElementById("calc-employees"));
const physicianBox = /** @type {HTMLInputElement} */ (document.getElementById("calc-ftp"));
const onInput = /** @type {HTMLInputElement} */ (document.getElementById("calc-on"));
const advanced = /** @type {HTMLDetailsElement} */ (document.getElementById("calc-advanced"));
const assignedBox = /** @type {HTMLDetailsElement} */ (document.getElementById("calc-assigned"));
const assignedInputs = /** @type {HTMLInputElement[]} */ ([...document.querySelectorAll(".calc-assigned-input")]);
// What the reader says is already assigned, per role: {igu: {full_time: "1", minutes: "500"}}; null if nothing.
const assignedGiven = () => {
  const found = {};
  for (const input of assignedInputs) {
    if (!input.value.trim()) continue;
    found[input.dataset.role] ??= {};
    found[input.dataset.role][input.dataset.kind] = input.value.trim();
  }
  return Object.keys(found).length ? found : null;
};
// Python names a bad assigned value "assigned_full_time.igu" / "assigned_minutes.igu": its input's id.
const assignedField = (name) => {
  const [kind, role] = name.split(".");
  const prefix = { assigned_full_time: "afull", assigned_minutes: "amin" }[kind];
  return prefix && role ? `${prefix}-${role}` : undefined;
};
const batchForm = document.getElementById("calc-batch");
const csvText = /** @type {HTMLTextAreaElement} */ (document.getElementById("calc-csv"));
const csvFile = /** @type {HTMLInputElement} */ (document.getElementById("calc-csv-file"));
const batchBox = document.getElementById("calc-batch-result");
// A short status is announced; the table itself is not a live region (a thousand rows would be read out).
const batchStatus = document.getElementById("calc-batch-status");
const batchProgress = /** @type {HTMLProgressElement} */ (document.getElementById("calc-batch-progress"));
const numberFormat = new Intl.NumberFormat(lang === "tr" ? "tr-TR" : "en-GB");
// Where a unit's class comes from when the guide and the NACE list disagree: the higher class by
// default (it protects the worker), or the guide's or the list's if the reader asks.
let prefer = ["guide", "list"].includes(params.get("source")) ? params.get("source") : "higher";

// A failed start is said in #calc-problem by the start-up script (calculator-start.html).
ready.then((ok) => {
  statusLine.textContent = ok ? words.ready : "";
});

// -- small helpers ------------------------------------------------------------

// Milestones in the browser's Performance timeline (DevTools shows them;
// bench/calculator_startup.py reads them), each taken once the result has
// been laid out and painted.
const afterPaint = (then) => requestAnimationFrame(() => setTimeout(then));
let firstResultMarked = false;

const number = (value) => numberFormat.format(value);
// An input's fault is said next to the input; a fault of ours (the worker could not answer) is said
// once in the result area, never as "check your input".
const message = (error) => errorText(error, { lost: words.worker_lost, unexpected: words.internal_error }, lang);

const showError = (field, text) => {
  const box = document.getElementById(`calc-${field}-error`);
  const input = field === "hazard" ? null : document.getElementById(`calc-${field}`);
  box.textContent = text ?? "";
  box.hidden = !text;
  if (input) {
    if (text) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }
};

const today = () => {
  const now = new Date();
  const two = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
};

const hazardRadios = () => /** @type {HTMLInputElement[]} */ ([...form.querySelectorAll('input[name="hazard"]')]);
const hazardChoice = () => hazardRadios().find((radio) => radio.checked)?.value ?? "";
const setHazard = (id) => {
  for (const radio of hazardRadios()) radio.checked = radio.value === id;
};
// A link names a hazard class by a short word (?hazard=cok): the build's list, from the data.
const hazardShort = vocabulary.hazard_links;
const hazardParam = Object.fromEntries(Object.entries(hazardShort).map(([word, id]) => [id, word]));

// -- unit look-up -------------------------------------------------------------

// Suggestions as the reader types: Python's lookup (the same rule as the NACE page and the CLI),
// the guide's units first, then codes of the NACE list, each with its code and class.
const SUGGESTED = 8;
const unitBox = combobox({
  input: unitInput,
  listbox: document.getElementById("calc-unit-options"),
  status: document.getElementById("calc-unit-count"),
  pick: (value) => {
    unitInput.value = value;
    unitInput.dispatchEvent(new Event("change"));
  },
});
let lookupTicket = 0;
const suggest = async () => {
  const query = unitInput.value.trim();
  const ticket = ++lookupTicket;
  if (query.length < 2) {
    unitBox.clear();
    return;
  }
  // The suggestions are those of the date asked, where it is a well-formed one (else today's).
  const on = /^\d{4}-\d{2}-\d{2}$/.test(onInput.value.trim()) ? onInput.value.trim() : today();
  const answer = await ask({ op: "lookup", query, on });
  if (ticket !== lookupTicket) return;
  if (!answer.ok) {
    unitBox.show([], words.suggest_none);
    return;
  }
  const result = answer.result;
  // The guide names some units twice (one row per code): one suggestion per name.
  const units = [...new Map(result.matches.map((unit) => [unit.name[lang], unit])).values()].slice(0, SUGGESTED);
  // An everyday name (data/unit_names.yaml) offers each of its codes; picking one calculates with that code.
  const named = result.suggestions.flatMap((s) => s.codes.map((code) => ({ name: s.shown[lang], code }))).slice(0, SUGGESTED);
  const entries = result.list_entries.slice(0, SUGGESTED);
  const classes = (ids) => [...new Set(ids)].map(hazardName).join(" / ");
  const guideGroup = {
    label: words.suggest_guide,
    items: units.map((unit) => ({
      value: unit.name[lang],
      label: unit.name[lang],
      detail: `${unit.codes.map((entry) => entry.code).join(" / ")} · ${classes(unit.hazard_classes)}`,
    })),
  };
  const namesGroup = {
    label: words.suggest_names,
    items: named.map(({ name, code }) => ({ value: code.code, label: `${name} · ${code.code}`, detail: classes([code.hazard_class]) })),
  };
  const groups = [
    ...(result.suggestions_first ? [namesGroup, guideGroup] : [guideGroup, namesGroup]),
    {
      label: words.suggest_list,
      // English pages: the English title of the code's NACE class where it has one.
      items: entries.map((entry) => ({
        value: entry.code,
        label: `${entry.code} ${lang === "en" && entry.title_en ? entry.title_en : entry.title_tr}`,
        lang: lang === "en" && entry.title_en ? "en" : "tr",
        detail: classes([entry.hazard_class]),
      })),
    },
  ];
  const inGuide = units.length + named.length;
  const help = vocabulary.not_found_help;
  const nearest = result.nearest?.length ? ` ${help.nearest} ${result.nearest.join(", ")}.` : "";
  const said = inGuide + entries.length
    ? fill(words.suggest_count, { guide: inGuide, list: entries.length })
    : `${words.suggest_none}${nearest} ${help.next}`;
  unitBox.show(groups, said);
};

const hazardName = (id) => form.querySelector(`input[name="hazard"][value="${id}"]`)?.parentElement.textContent.trim() ?? id;

const showUnit = (resolved) => {
  unitFound.replaceChildren();
  if (resolved?.list_entry) {
    const line = element("p", fill(words.official_entry, { code: resolved.list_entry.code, title: resolved.list_entry.title_tr }));
    unitFound.append(line);
  }
  if (resolved?.unit) {
    const unit = resolved.unit;
    const codes = unit.codes.map((entry) => entry.code).join(" / ");
    unitFound.append(element("p", fill(words.unit_found, { unit: unit.name[lang], codes })));
    for (const note of unit.notes) unitFound.append(element("p", note[lang], "calc-note"));
  }
  for (const note of resolved?.notes ?? []) unitFound.append(element("p", note.text[lang], "calc-note"));
  // A code typed alone: each of the guide's rows with that code is one click away.
  for (const row of resolved?.guide_rows ?? []) {
    if (row.hazard_class === resolved.hazard_class) continue;
    const button = element("button", fill(words.use_guide_row, { unit: row.name[lang], hazard: row.hazard_label[lang] }), "md-button calc-switch");
    button.type = "button";
    button.addEventListener("click", () => {
      unitInput.value = row.name[lang];
      calculate();
    });
    unitFound.append(button);
  }
  if (resolved?.guide_class) {
    // The guide and the list differ: each other choice is one click away.
    const classOf = { guide: resolved.guide_class, list: resolved.list_class };
    const label = { guide: words.use_guide, list: words.use_list, higher: words.use_higher };
    for (const choice of ["higher", "guide", "list"]) {
      if (choice === resolved.class_source) continue;
      if (choice !== "higher" && classOf[choice] === resolved.hazard_class) continue;
      const shown = choice === "higher" ? "" : hazardName(classOf[choice]);
      const button = element("button", fill(label[choice], { hazard: shown }), "md-button calc-switch");
      button.type = "button";
      button.addEventListener("click", () => {
        prefer = choice;
        calculate();
      });
      unitFound.append(button);
    }
  }
};

// -- one workplace ------------------------------------------------------------

const reasonList = (reasons) => {
  const list = element("ul", undefined, "calc-reasons");
  for (const reason of reasons) {
    const item = element("li", reason.text[lang]);
    // How well the rule is sourced, where it is less than the law's own text (data: `confidence`).
    if (reason.confidence === "secondary" || reason.confidence === "unconfirmed") {
      item.append(" ", element("span", words[reason.confidence] ?? "", `guide-badge guide-badge--${reason.confidence}`));
    }
    if (reason.source) item.append(element("span", reason.source.text[lang], "guide-source"));
    list.append(item);
  }
  return list;
};

// İSG-KATİP's assignment form, label by label: the labels in Turkish as on the screen; and the
// form itself, drawn by Python (calculator/screens.py) with these figures in its fields, to open.
const formTable = (rows) => {
  const box = element("div", undefined, "calc-form-figures");
  box.append(element("p", words.form_title, "calc-subhead"));
  const list = element("dl");
  for (const row of rows) {
    const term = element("dt", row.label, "katip-label");
    term.lang = "tr";
    list.append(term, element("dd", typeof row.value === "number" ? number(row.value) : row.value));
  }
  box.append(list);
  return box;
};

// Each role's form drawn, under the cards at the result's full width (legible there); on a phone the
// cards' lists of the same figures stand for it (calculator.css).
const formDrawings = (roles) => {
  const box = element("section", undefined, "calc-forms");
  for (const role of roles.filter((r) => r.form_drawing)) {
    const shown = element("details", undefined, "calc-form-drawing");
    shown.dataset.role = role.role;
    shown.append(element("summary", `${role.label[lang]}: ${words.form_drawing}`));
    // Python's own SVG (every text in it escaped there), parsed as SVG, never as HTML.
    const svg = new DOMParser().parseFromString(role.form_drawing, "image/svg+xml").documentElement;
    shown.append(document.importNode(svg, true));
    box.append(shown);
  }
  return box;
};

const roleCard = (role) => {
  const card = element("article", undefined, `calc-role calc-role--${role.role}`);
  // The raw figures, for programs reading the page (and its tests).
  Object.assign(card.dataset, {
    role: role.role,
    required: String(role.required),
    requiredMinutes: String(role.required_minutes),
    fullTime: String(role.full_time),
    partTimeMinutes: String(role.part_time_minutes),
  });
  card.append(element("h3", role.label[lang]));
  if (!role.required) {
    card.append(element("p", words.not_required, "calc-figure calc-figure--none"));
  } else {
    const total = element("p", undefined, "calc-figure");
    total.append(element("span", `${words.monthly_total}: `, "calc-figure__label"));
    total.append(element("strong", `${number(role.required_minutes)} ${words.minutes}`));
    total.append(` (${role.required_duration[lang]})`);
    card.append(total);
    card.append(element("p", words.to_create, "calc-subhead"));
    const todo = element("ul", undefined, "calc-assignments");
    for (const line of role.assignment_texts) todo.append(element("li", line[lang]));
    card.append(todo);
    if (role.certificate_classes?.length) {
      card.append(element("p", fill(words.certificates, { classes: role.certificate_classes.join(", ") })));
    }
    // A listed sector's full-time posts: one with the matching class, the others any class.
    const sector = role.reasons.find((reason) => reason.id === "sector_exception");
    if (sector) card.append(element("p", sector.text[lang], "calc-sector"));
  }
  const coverage = role.reasons.find((reason) => reason.id === "coverage");
  if (coverage) {
    const covered = role.missing_full_time === 0 && role.missing_minutes === 0;
    card.append(element("p", coverage.text[lang], `calc-coverage calc-coverage--${covered ? "ok" : "missing"}`));
  }
  if (role.form.length) card.append(formTable(role.form));
  const why = element("details");
  why.append(element("summary", words.why));
  why.append(reasonList(role.reasons.filter((reason) => reason.id !== "coverage")));
  // Open on a wide screen; on a phone the answer comes first and the reasons are one tap away.
  why.open = !window.matchMedia("(max-width: 44.9375em)").matches;
  card.append(why);
  return card;
};

// The unit the last result was for, as Python words it, and its NACE code (null when a class was chosen
// directly): the drawn form carries the code.
let unitSummary = null;
let unitCode = null;

const showResult = (result) => {
  resultBox.replaceChildren();
  resultBox.append(element("h2", words.result_title));
  if (unitSummary) resultBox.append(element("p", unitSummary[lang], "calc-result__unit"));
  resultBox.append(element("p", fill(words.result_for, { hazard: result.hazard_label[lang], employees: number(result.employees) }), "calc-result__for"));
  for (const line of result.header) resultBox.append(element("p", line[lang], "calc-result__on"));
  // The answer first, a line per role (Python's words): on a phone it fits the first screen.
  const roles = vocabulary.roles.map((role) => result[role]);
  const answer = element("ul", undefined, "calc-answer");
  for (const role of roles) {
    const line = element("li");
    line.dataset.role = role.role;
    line.append(element("strong", `${role.label[lang]}: `), role.answer[lang]);
    answer.append(line);
  }
  resultBox.append(answer);
  if (result.notices.length) resultBox.append(reasonList(result.notices));
  // What the head count asks for beside the professionals (a committee, employee representatives).
  if (result.duties.length) {
    const duties = reasonList(result.duties);
    duties.classList.add("calc-duties");
    resultBox.append(duties);
  }
  const grid = element("div", undefined, "calc-roles");
  grid.append(...roles.map(roleCard));
  resultBox.append(grid, formDrawings(roles));
  // On paper the roles' reasons and sources follow the three cards in two narrow columns, so that the
  // whole result fits one A4 page (the cards' own lists are left out there).
  const printed = element("section", undefined, "calc-print-only calc-print-reasons");
  printed.append(element("h3", words.why));
  for (const role of roles) {
    const reasons = role.reasons.filter((reason) => reason.id !== "coverage");
    if (!reasons.length) continue;
    printed.append(element("p", role.label[lang], "calc-subhead"), reasonList(reasons));
  }
  resultBox.append(printed);
  const link = element("a", words.share, "calc-share");
  link.href = location.href;
  const share = element("p");
  share.append(link);
  resultBox.append(share);
  // On paper the link is its address.
  resultBox.append(element("p", fill(words.printed_link, { url: location.href }), "calc-print-only"));
  resultBox.hidden = false;
  if (!firstResultMarked) {
    firstResultMarked = true;
    afterPaint(() => performance.mark("calculator:first-result"));
  }
};

const remember = (values) => {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) query.set(key, value);
  if (params.get("boot")) query.set("boot", params.get("boot"));
  history.replaceState(null, "", `${location.pathname}?${query}`);
  carryQuery(query);
};

// What the reader entered, as the link keeps it: put in the address before Python is asked, so that
// "what you entered is kept in the link" is true whenever the worker cannot answer.
const inputState = () => {
  const unit = unitInput.value.trim();
  const state = unit
    ? { unit, employees: employeesInput.value.trim(), source: prefer === "higher" ? "" : prefer }
    : { hazard: hazardParam[hazardChoice()] ?? "", employees: employeesInput.value.trim() };
  state.on = onInput.value.trim();
  state.ftp = physicianBox.checked ? "1" : "";
  for (const input of assignedInputs) state[input.id.slice(5)] = input.value.trim();
  for (const key of Object.keys(state)) if (!state[key]) delete state[key];
  return state;
};

const calculate = async () => {
  for (const field of ["hazard", "unit", "employees", "on", ...assignedInputs.map((input) => input.id.slice(5))]) showError(field, "");
  const unit = unitInput.value.trim();
  let hazard = hazardChoice();
  remember(inputState());
  // An empty date field means today (the reader's own calendar day); the unit's class is that day's too.
  const on = onInput.value.trim();
  if (unit) {
    const answer = await ask({ op: "resolve", unit, prefer, on: on || today() });
    if (!answer.ok) {
      unitFound.replaceChildren();
      const field = answer.error.field === "on" ? "on" : "unit";
      if (field === "on") advanced.open = true;
      showError(field, message(answer.error));
      resultBox.hidden = true;
      delete resultBox.dataset.request;
      return;
    }
    const ticked = hazardChoice();
    hazard = answer.result.hazard_class;
    setHazard(hazard);
    showUnit(answer.result);
    if (ticked && ticked !== hazard) {
      unitFound.append(element("p", fill(words.unit_class_replaced, { unit: hazardName(hazard), ticked: hazardName(ticked) }), "calc-note"));
    }
    unitSummary = answer.result.summary;
    unitCode = answer.result.code;
  } else {
    unitFound.replaceChildren();
    unitSummary = null;
    unitCode = null;
  }
  if (!hazard) {
    showError("hazard", words.choose_hazard);
    return;
  }
  const employees = employeesInput.value;
  const physician = physicianBox.checked;
  const assigned = assignedGiven();
  const answer = await ask({ op: "requirements", hazard_class: hazard, employees, on: on || today(), full_time_physician: physician, assigned, code: unitCode, lang });
  if (!answer.ok) {
    const given = answer.error.field ?? "";
    const field = { hazard_class: "hazard", on: "on" }[given] ?? assignedField(given) ?? "employees";
    if (field === "on") advanced.open = true;
    if (assignedField(given)) assignedBox.open = true;
    showError(field, message(answer.error));
    resultBox.hidden = true;
    delete resultBox.dataset.request;
    return;
  }
  // The class the unit resolved to is ticked now: the link names it as the reader sees it.
  const state = inputState();
  remember(state);
  showResult(answer.result);
  resultBox.dataset.request = new URLSearchParams(state).toString();
};

form.addEventListener("submit", (event) => {
  event.preventDefault();
  calculate();
});
unitInput.addEventListener("input", suggest);
unitInput.addEventListener("change", () => {
  if (!unitInput.value.trim()) unitFound.replaceChildren();
});

// -- several units --------------------------------------------------------------

// Python's table (batch_table.batch_table): the same columns, rows and total the CSV and XLSX hold,
// but for the guide's unit (shown beside the reader's own name) and the error, which are shown apart.
const cellText = (value) => (typeof value === "number" ? number(value) : value);
const SHOWN_APART = new Set(["unit", "error"]);

// The batch table's rows are laid out as grids (calculator.css): explicit
// roles keep it a table for screen readers whatever the display.
const withRole = (node, role) => {
  node.setAttribute("role", role);
  return node;
};
const tableCell = (tag, text, role) => withRole(element(tag, text), role);

// A grid column's width: the line's number narrow, figures even, text wider (calculator.css).
const columnWidth = (key, figures) => {
  if (key === "line") return "3.5em";
  if (figures.has(key)) return "minmax(var(--calc-figure-width), 1fr)";
  return { note: "minmax(4em, 0.5fr)", code: "minmax(5em, 0.5fr)", hazard: "minmax(6.5em, 1fr)" }[key] ?? "minmax(7em, 2fr)";
};

// `all`: every column Python sent, else the ones a reader acts on (result.primary); `onlyAction`: the
// units that need action this month only.
const batchTable = (result, all, onlyAction) => {
  const wanted = all ? Object.keys(result.columns) : result.primary;
  const keys = wanted.filter((key) => !SHOWN_APART.has(key));
  const figures = new Set(result.figures);
  const table = withRole(element("table", undefined, "guide-table calc-batch-table"), "table");
  table.style.setProperty("--calc-columns", keys.map((key) => columnWidth(key, figures)).join(" "));
  const headRow = withRole(withRole(table.createTHead(), "rowgroup").insertRow(), "row");
  for (const key of keys) {
    const cell = tableCell("th", result.columns[key], "columnheader");
    cell.scope = "col";
    headRow.append(cell);
  }
  const body = withRole(table.createTBody(), "rowgroup");
  // A thousand rows: each is a copy of one empty row, then filled in.
  const blank = withRole(document.createElement("tr"), "row");
  // Each cell says its column (data-label: the heading a phone's card shows beside it, calculator.css).
  const cell = (key, text) => {
    const td = withRole(element("td", text, figures.has(key) ? "calc-num" : undefined), "cell");
    Object.assign(td.dataset, { key, label: result.columns[key] });
    return td;
  };
  for (const key of keys) blank.append(cell(key, ""));
  // Notes (a class the sources disagree on) repeat from unit to unit: the table shows a note's number,
  // the list under it the note, once.
  const notes = new Map();
  const noteNumber = (text) => {
    if (!text) return "";
    if (!notes.has(text)) notes.set(text, notes.size + 1);
    return `[${notes.get(text)}]`;
  };
  const acting = new Set(result.needs_action);
  for (const row of result.rows) {
    if (row.error || (onlyAction && !acting.has(row.line))) continue;
    const tr = blank.cloneNode(true);
    keys.forEach((key, i) => {
      // The office's own name labels the row; the guide's unit it was found as, beside it; without the
      // note column, the note's number too.
      const found = key === "input" && row.unit && row.unit !== row.input ? ` (${row.unit})` : "";
      const note = key === "input" && !keys.includes("note") && row.note ? ` ${noteNumber(row.note)}` : "";
      tr.cells[i].textContent = key === "note" ? noteNumber(row[key]) : cellText(row[key]) + found + note;
    });
    body.append(tr);
  }
  const foot = withRole(withRole(table.createTFoot(), "rowgroup").insertRow(), "row");
  const totalHeader = tableCell("th", result.total.input, "rowheader");
  totalHeader.scope = "row";
  // The total's label spans the columns before the first figure (line, unit, code, class).
  totalHeader.colSpan = keys.findIndex((key) => figures.has(key));
  table.style.setProperty("--calc-label-span", String(totalHeader.colSpan));
  foot.append(totalHeader);
  for (const key of keys.slice(totalHeader.colSpan)) foot.append(cell(key, cellText(result.total[key])));
  const noteList = element("ol", undefined, "calc-batch-notes");
  for (const [text, n] of notes) {
    const item = element("li", text);
    item.value = n;
    noteList.append(item);
  }
  return { table, notes: noteList };
};

// The last batch asked: its XLSX is made from the same lines when the reader asks for it.
let lastBatch = null;

const libraryStatus = (event) => {
  if (event.type === "status" && event.status === "loading_library") batchStatus.textContent = words.batch_xlsx_loading;
};

const downloadXlsx = async (button) => {
  button.disabled = true;
  const answer = await ask({ ...lastBatch, op: "batch_xlsx" }, libraryStatus);
  button.disabled = false;
  if (!answer.ok) {
    batchStatus.textContent = message(answer.error);
    return;
  }
  batchStatus.textContent = "";
  download(new Blob([fromBase64(answer.result.xlsx)], { type: XLSX_TYPE }), lang === "tr" ? "isg-sureler.xlsx" : "ohs-times.xlsx");
};

const showBatch = (result) => {
  batchBox.replaceChildren();
  const errors = result.rows.filter((row) => row.error);
  if (errors.length) {
    batchBox.append(element("p", fill(words.batch_errors, { n: number(errors.length) }), "calc-error"));
    const list = element("ul", undefined, "calc-batch-errors");
    for (const row of errors) list.append(element("li", `${words.batch_line} ${row.line}: ${row.error}`));
    batchBox.append(list);
  }
  // What to do this month, first; then what of the header was not read.
  batchBox.append(element("p", result.summary, "calc-batch-summary"));
  for (const notice of result.ignored_columns) batchBox.append(element("p", notice, "calc-note"));
  const wrap = element("div", undefined, "guide-table-wrap");
  // The table may scroll sideways: a keyboard user must be able to reach and scroll it.
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", words.batch_title);
  const noteBox = element("div");
  const view = { all: false, onlyAction: false };
  const draw = () => {
    const { table, notes } = batchTable(result, view.all, view.onlyAction);
    wrap.replaceChildren(table);
    noteBox.replaceChildren(...(notes.children.length ? [element("p", result.columns.note), notes] : []));
  };
  const controls = element("p", undefined, "calc-batch-controls");
  const onlyLabel = element("label");
  const only = element("input");
  only.type = "checkbox";
  only.id = "calc-batch-only-action";
  only.addEventListener("change", () => {
    view.onlyAction = only.checked;
    draw();
  });
  onlyLabel.append(only, ` ${words.batch_only_action}`);
  const columnsButton = element("button", words.batch_all_columns, "md-button calc-switch");
  columnsButton.type = "button";
  columnsButton.id = "calc-batch-columns";
  columnsButton.setAttribute("aria-pressed", "false");
  columnsButton.addEventListener("click", () => {
    view.all = !view.all;
    columnsButton.setAttribute("aria-pressed", String(view.all));
    columnsButton.textContent = view.all ? words.batch_fewer_columns : words.batch_all_columns;
    draw();
  });
  controls.append(onlyLabel, " ", columnsButton);
  draw();
  batchBox.append(controls, wrap, noteBox);
  const csvLink = element("a", words.batch_download, "md-button");
  csvLink.href = URL.createObjectURL(new Blob([result.csv], { type: "text/csv;charset=utf-8" }));
  csvLink.download = lang === "tr" ? "isg-sureler.csv" : "ohs-times.csv";
  const xlsxButton = element("button", words.batch_download_xlsx, "md-button");
  xlsxButton.type = "button";
  xlsxButton.id = "calc-batch-xlsx";
  xlsxButton.addEventListener("click", () => downloadXlsx(xlsxButton));
  const downloadLine = element("p", undefined, "calc-downloads");
  downloadLine.append(csvLink, " ", xlsxButton);
  batchBox.append(downloadLine);
  batchBox.hidden = false;
  batchStatus.textContent = fill(words.batch_done, { n: number(result.rows.length - errors.length) });
  afterPaint(() => performance.measure("calculator:batch", "calculator:batch-asked"));
};

batchForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  showError("csv", "");
  performance.mark("calculator:batch-asked");
  // Thousands of lines take a moment: the reader is told it is under way (and the button waits).
  const button = /** @type {HTMLButtonElement} */ (batchForm.querySelector("button[type=submit]"));
  button.disabled = true;
  batchStatus.textContent = words.batch_working;
  batchForm.setAttribute("aria-busy", "true");
  lastBatch = { op: "batch_csv", text: csvText.value, lang, on: onInput.value.trim() || today() };
  // A large batch reports its progress: a bar (not read out at every step) under the status line.
  const answer = await ask(lastBatch, (event) => {
    if (event.type !== "progress") return;
    batchProgress.hidden = false;
    batchProgress.max = event.total;
    batchProgress.value = event.done;
  });
  batchProgress.hidden = true;
  button.disabled = false;
  batchForm.removeAttribute("aria-busy");
  if (!answer.ok) batchStatus.textContent = "";
  if (!answer.ok && answer.error.field === "on") {
    // The date is the single calculator's field: the message goes next to it.
    advanced.open = true;
    showError("on", message(answer.error));
    batchBox.hidden = true;
    return;
  }
  if (!answer.ok) {
    showError("csv", message(answer.error));
    batchBox.hidden = true;
    return;
  }
  showBatch(answer.result);
});

csvFile.addEventListener("change", async () => {
  const file = csvFile.files[0];
  if (!file) return;
  let base64;
  try {
    // Python decides the encoding (UTF-8, UTF-16 or Windows-1254, as Excel writes them).
    base64 = await fileBase64(file);
  } catch {
    showError("csv", words.batch_file_error);
    return;
  }
  const answer = await ask({ op: "decode_file", base64 }, libraryStatus);
  if (!answer.ok) {
    batchStatus.textContent = "";
    showError("csv", message(answer.error));
    return;
  }
  csvText.value = answer.result.text;
  showError("csv", "");
  batchStatus.textContent = fill(words.batch_file_read, { name: file.name });
});

// -- a shared link reproduces its result ------------------------------------------

const fromUrl = () => {
  const hazard = hazardShort[params.get("hazard")] ?? params.get("hazard");
  if (hazard) setHazard(hazard);
  unitInput.value = params.get("unit") ?? params.get("code") ?? "";
  employeesInput.value = params.get("employees") ?? "";
  physicianBox.checked = params.get("ftp") === "1";
  onInput.value = params.get("on") ?? "";
  if (onInput.value) advanced.open = true;
  for (const input of assignedInputs) input.value = params.get(input.id.slice(5)) ?? "";
  if (assignedInputs.some((input) => input.value)) assignedBox.open = true;
  if (unitInput.value || hazard || employeesInput.value) calculate();
};
fromUrl();
