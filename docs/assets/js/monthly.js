// The monthly check page's glue: reads the chosen export file in the browser, hands its bytes to the
// calculator's worker (the tested `calculator.reconcile` under Pyodide) with the office's head counts,
// and shows Python's answer: per workplace what to do, then the table and its CSV. Nothing is sent
// anywhere and nothing is stored (no storage API is used here); text from the file is only ever set as
// text, and the file's TC numbers come back from Python masked.
import { connect, element, errorText, fileBase64, fill } from "./page-kit.js";

const { ask, ready } = connect();

if (document.readyState === "loading") {
  await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}

const form = document.getElementById("monthly-form");
const lang = form.dataset.lang;
const words = JSON.parse(document.getElementById("monthly-words").textContent);
const statusLine = document.getElementById("calc-status");
const resultBox = document.getElementById("monthly-result");
const fileInput = /** @type {HTMLInputElement} */ (document.getElementById("monthly-export"));
const counts = /** @type {HTMLTextAreaElement} */ (document.getElementById("monthly-counts"));
const numberFormat = new Intl.NumberFormat(lang === "tr" ? "tr-TR" : "en-GB");

const message = (error) => errorText(error, { lost: words.worker_lost, unexpected: words.internal_error }, lang);

const showError = (field, text) => {
  const box = document.getElementById(`monthly-${field}-error`);
  box.textContent = text ?? "";
  box.hidden = !text;
};

// Which input an error belongs to: the head counts' reader says "head_counts", the rest is the file's.
const fieldOf = (error) => (error?.field === "head_counts" ? "counts" : "export");

const workplaceCard = (place) => {
  const card = element("section", undefined, `plan-person monthly-workplace ${place.actions.length ? "monthly-workplace--act" : ""}`);
  card.append(element("h3", `${words.workplace} ${place.id} ${place.name}`.trim()));
  const count = place.employees_source === "office" ? words.employees_office : words.employees_export;
  const classLine = [place.hazard_label, fill(count, { n: numberFormat.format(place.employees ?? 0) }), place.nace_code]
    .filter(Boolean).join(" · ");
  card.append(element("p", classLine));
  if (place.error) card.append(element("p", place.error, "calc-error"));
  if (place.class_note) card.append(element("p", place.class_note, "calc-note"));
  if (place.awaiting_approval) card.append(element("p", fill(words.awaiting, { n: place.awaiting_approval }), "calc-note"));
  if (!place.actions.length) {
    card.append(element("p", words.nothing, "calc-coverage calc-coverage--ok"));
    return card;
  }
  const todo = element("ul", undefined, "calc-assignments");
  for (const action of place.actions) todo.append(element("li", action));
  card.append(todo);
  return card;
};

const listed = (title, entries) => {
  const box = element("div", undefined, "plan-errors");
  box.append(element("p", title));
  const list = element("ul");
  for (const entry of entries) list.append(element("li", entry.message));
  box.append(list);
  return box;
};

const show = (answer) => {
  resultBox.replaceChildren();
  resultBox.append(element("p", answer.summary, "plan-summary__title calc-batch-summary"));
  if (answer.unread.length) resultBox.append(listed(words.unread, answer.unread));
  if (answer.errors.length) resultBox.append(listed(words.errors, answer.errors));
  // The workplaces that need action first.
  const places = [...answer.workplaces].sort((a, b) => Number(!b.actions.length) - Number(!a.actions.length));
  for (const place of places) resultBox.append(workplaceCard(place));
  if (answer.ended.length) resultBox.append(element("p", fill(words.ended, { n: answer.ended.length }), "calc-hint"));
  resultBox.append(element("p", answer.rules.full_time_reading, "calc-hint"));
  const csvLink = element("a", words.download, "md-button");
  // A URL of the page's own memory: nothing leaves the browser.
  csvLink.href = URL.createObjectURL(new Blob([answer.csv], { type: "text/csv;charset=utf-8" }));
  csvLink.download = lang === "tr" ? "aylik-kontrol.csv" : "monthly-check.csv";
  const downloads = element("p", undefined, "calc-downloads");
  downloads.append(csvLink);
  resultBox.append(downloads);
  resultBox.hidden = false;
  resultBox.dataset.workplaces = String(answer.workplaces.length);
};

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  showError("export", "");
  showError("counts", "");
  const file = fileInput.files[0];
  if (!file) {
    showError("export", words.no_file);
    return;
  }
  if (!(await ready)) return;
  statusLine.textContent = words.busy;
  let base64;
  try {
    base64 = await fileBase64(file);
  } catch {
    statusLine.textContent = "";
    showError("export", fill(words.file_failed, { name: file.name }));
    return;
  }
  const decoded = await ask({ op: "decode_file", base64 });
  base64 = null;
  if (!decoded.ok) {
    statusLine.textContent = "";
    showError("export", message(decoded.error));
    return;
  }
  // A large export takes a while: how far Python has got is said as it goes.
  const answer = await ask({ op: "reconcile", text: decoded.result.text, counts: counts.value, lang }, (progress) => {
    if (progress.type === "progress") statusLine.textContent = fill(words.progress, { done: progress.done, total: progress.total });
  });
  statusLine.textContent = "";
  if (!answer.ok) {
    resultBox.hidden = true;
    showError(fieldOf(answer.error), message(answer.error));
    return;
  }
  show(answer.result);
});

ready.then((ok) => {
  if (ok) statusLine.textContent = words.ready;
});
