// The NACE page's search: the guide's Ek-1 units, the everyday names (data/unit_names.yaml) and
// the NACE list, matched by the rule of calculator/matching.py (applied by nace-match.js with the
// build's constants). With no words typed, the hazard-class choice filters the tables; with words,
// a ranked list of results takes their place: Ek-1 units and everyday names (the better first),
// then codes of the NACE list, each linking to its row; where nothing is found, what to try next.
// The list (2,000 codes) is fetched on the first keystroke, not with the page.
(() => {
  const box = /** @type {HTMLElement | null} */ (document.querySelector("[data-nace-filter]"));
  const guide = document.getElementById("nace-search-guide");
  if (!box || !guide || !globalThis.naceMatch) return;
  const guideData = JSON.parse(guide.textContent);
  const matcher = globalThis.naceMatch.create(guideData);
  const help = /** @type {HTMLElement} */ (box.querySelector("[data-nace-help]"));
  const words = JSON.parse(box.dataset.words);
  const listUrl = new URL("../nace/list.json", /** @type {HTMLScriptElement} */ (document.currentScript).src).href;
  const text = /** @type {HTMLInputElement} */ (box.querySelector("#nace-filter-text"));
  const hazard = /** @type {HTMLSelectElement} */ (box.querySelector("#nace-filter-class"));
  const count = /** @type {HTMLElement} */ (box.querySelector(".nace-filter__count"));
  const results = /** @type {HTMLElement} */ (box.querySelector("[data-nace-results]"));
  /** @type {(found: Iterable<Element>) => HTMLElement[]} */
  const elements = (found) => /** @type {HTMLElement[]} */ ([...found]);
  const lists = Object.fromEntries(elements(results.querySelectorAll("[data-results]")).map((ol) => [ol.dataset.results, ol]));
  const rows = elements(document.querySelectorAll(".nace-table tbody tr"));
  const wraps = elements(document.querySelectorAll(".nace-table")).map((table) => /** @type {HTMLElement} */ (table.closest(".guide-table-wrap")));
  let list = "absent"; // "absent" | "loading" | "loaded" | "failed"

  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));
  const element = (tag, content, className) => {
    const node = document.createElement(tag);
    if (content !== undefined) node.textContent = content;
    if (className) node.className = className;
    return node;
  };

  const loadList = () => {
    if (list !== "absent") return;
    list = "loading";
    fetch(listUrl)
      .then((response) => {
        if (!response.ok) throw new Error(`${response.status} ${listUrl}`);
        return response.json();
      })
      .then((rows) => {
        matcher.setList(rows);
        list = "loaded";
      })
      .catch((error) => {
        console.warn("NACE list unavailable", error);
        list = "failed";
      })
      .finally(apply);
  };

  // The tables and their headings: shown (filtered by class) without words, hidden with them.
  const showTables = (visible, wanted) => {
    let shown = 0;
    for (const row of rows) {
      row.hidden = !visible || (wanted !== "" && !row.dataset.classes.split(" ").includes(wanted));
      if (!row.hidden) shown += 1;
    }
    for (const wrap of wraps) {
      const any = elements(wrap.querySelectorAll("tbody tr")).some((row) => !row.hidden);
      wrap.hidden = !any;
      // The table's heading and what stands between them (an introduction, a note).
      for (let before = /** @type {HTMLElement | null} */ (wrap.previousElementSibling); before; ) {
        before.hidden = !any;
        if (before.tagName === "H2") break;
        before = /** @type {HTMLElement | null} */ (before.previousElementSibling);
      }
    }
    return shown;
  };

  const classLabel = (id) => words.hazard[id] ?? id;
  const unitItem = ({ unit }) => {
    const item = element("li");
    item.dataset.unit = unit.id;
    const link = element("a", unit.name[document.documentElement.lang === "en" ? "en" : "tr"]);
    link.href = `#birim-${unit.id}`;
    item.append(link, ` — ${unit.codes.join(" / ")} — ${unit.classes.map(classLabel).join(" / ")}`);
    return item;
  };
  const lang = document.documentElement.lang === "en" ? "en" : "tr";
  const nameItem = (suggestion) => {
    const item = element("li");
    item.dataset.name = suggestion.id;
    const link = element("a", suggestion.shown[lang]);
    link.href = `#ad-${suggestion.id}`;
    item.append(link, ` — ${suggestion.codes.join(" / ")} — ${[...new Set(suggestion.classes)].map(classLabel).join(" / ")}`);
    return item;
  };
  // Nothing found: the nearest words the guide knows (each a click away), then what to try next.
  const showHelp = (nearest) => {
    help.replaceChildren();
    help.hidden = nearest === null;
    if (nearest === null) return;
    if (nearest.length) {
      const line = element("p", guideData.help.nearest[lang]);
      nearest.forEach((word, i) => {
        const button = element("button", word, "nace-filter__word");
        button.type = "button";
        button.addEventListener("click", () => {
          text.value = word;
          apply();
        });
        line.append(i ? ", " : " ", button);
      });
      help.append(line);
    }
    help.append(element("p", guideData.help.next[lang]));
  };
  const listItem = (entry) => {
    const item = element("li");
    item.dataset.code = entry.code;
    const link = element("a", entry.code);
    link.href = `${box.dataset.listPage}#${entry.code}`;
    const title = element("span", entry.title);
    title.lang = "tr";
    // English pages: the English title of the code's NACE class first, where it has one.
    const english = lang === "en" && entry.titleEn ? [`${entry.titleEn} · `] : [];
    item.append(link, " ", ...english, title, ` — ${classLabel(entry.hazardClass)}`);
    return item;
  };
  const fillList = (name, items) => {
    lists[name].replaceChildren(...items);
    lists[name].hidden = items.length === 0;
    /** @type {HTMLElement} */ (lists[name].previousElementSibling).hidden = items.length === 0;
  };

  const apply = () => {
    const query = text.value;
    const wanted = hazard.value;
    if (!query.trim()) {
      results.hidden = true;
      const shown = showTables(true, wanted);
      count.textContent = shown ? fill(words.count, { shown, total: rows.length }) : words.none;
      results.dataset.query = "";
      return;
    }
    loadList();
    showTables(false, wanted);
    const found = matcher.lookup(query);
    results.hidden = false;
    results.dataset.error = found.error ?? "";
    if (found.error) {
      for (const name of Object.keys(lists)) fillList(name, []);
      showHelp(null);
      count.textContent = found.error === "invalid_code" ? words.invalid_code : words.nothing;
    } else {
      const keep = (classes) => wanted === "" || classes.includes(wanted);
      const guideUnits = found.units.filter(({ unit }) => keep(unit.classes));
      const named = found.suggestions.filter((suggestion) => keep(suggestion.classes));
      const nearby = found.nearby.filter(({ unit }) => keep(unit.classes));
      const entries = found.list.filter((entry) => keep([entry.hazardClass]));
      fillList("guide", guideUnits.map(unitItem));
      fillList("names", named.map(nameItem));
      fillList("nearby", nearby.map(unitItem));
      fillList("list", entries.map(listItem));
      // The better of the two guide groups first.
      const [guideGroup, namesGroup] = ["guide", "names"].map((name) => /** @type {HTMLElement} */ (lists[name].parentElement));
      if (found.suggestionsFirst) namesGroup.after(guideGroup);
      else guideGroup.after(namesGroup);
      const shown = guideUnits.length + named.length + nearby.length + entries.length;
      const parts = [];
      if (list === "loading") parts.push(words.loading);
      if (list === "failed") parts.push(words.failed);
      parts.push(shown ? fill(words.found, { units: guideUnits.length + named.length + nearby.length, codes: entries.length }) : words.nothing);
      count.textContent = parts.join(" ");
      showHelp(shown || list === "loading" ? null : found.nearest);
    }
    // Which query the shown results answer (a test waits for it; the list may still be loading).
    results.dataset.query = list === "loading" ? "" : query;
  };

  text.addEventListener("input", apply);
  hazard.addEventListener("change", apply);
  box.hidden = false;
  apply();
})();
