// What the calculator's pages share (calculator.js, plan.js): the worker that runs the tested
// Python package (started by overrides/partials/calculator-start.html, taken over here), and the
// browser chores around it. UI glue only: every figure and sentence comes from Python.

// Takes the started worker over. `ask(request, onEvent)` resolves with Python's answer;
// `ready` with true once Python is ready, false if it could not start.
export const connect = () => {
  const pending = new Map();
  let nextId = 0;
  let resolveReady;
  const ready = new Promise((resolve) => {
    resolveReady = resolve;
  });
  const worker = window.calculatorStart.takeOver((data) => {
    if (data.type === "ready") {
      document.documentElement.dataset.calculator = `ready-${data.boot}`;
      resolveReady(true);
    } else if (data.type === "failed") {
      document.documentElement.dataset.calculator = "failed";
      console.error("calculator:", data.message);
      resolveReady(false);
    } else if (data.type === "result") {
      pending.get(data.id)?.resolve(JSON.parse(data.response));
      pending.delete(data.id);
    } else if (data.type === "progress" || data.type === "status") {
      // How far a request has got, or that a library is being loaded for it.
      pending.get(data.id)?.onEvent?.(data);
    }
  });
  const ask = (request, onEvent) => {
    const id = ++nextId;
    return new Promise((resolve) => {
      pending.set(id, { resolve, onEvent });
      worker.postMessage({ type: "request", id, request });
    });
  };
  return { ask, ready };
};

export const element = (tag, text, className) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
};

export const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));

export const download = (blob, name) => {
  const link = element("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
};

export const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A file's bytes as base64 text, for Python to decode (it decides the encoding, as Excel writes it).
export const fileBase64 = async (file) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

// What to say for an answer's error: an input's fault in the reader's language (said next to the
// input); a fault of ours (the worker could not answer) once in the page's problem box, never as
// "check your input" (then "" is returned). `said`: the page's words {lost, unexpected}.
export const errorText = (error, said, lang) => {
  if (error?.error === "internal") {
    window.calculatorStart.show(said.lost);
    return "";
  }
  return error?.message?.[lang] ?? said.unexpected;
};

// A line of a list that could not be read or computed, as Python reports every such line
// (calculator/errors.py, line_failure): {line, input: {text}, error: {error, field, message}}.
// The language switch leads to the same page with what the reader entered (the address's query).
export const carryQuery = (query) => {
  for (const link of /** @type {HTMLAnchorElement[]} */ ([...document.querySelectorAll("a.md-select__link[hreflang]")])) {
    const target = new URL(link.href);
    target.search = String(query);
    link.href = target.href;
  }
};

export const lineMessage = (failure, lang) => failure?.error?.message?.[lang] ?? "";
