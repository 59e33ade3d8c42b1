// Header search: Material's search box, answered in two parts. The pages: Pagefind, which picks
// the index of the page's <html lang>, so Turkish pages search Turkish pages and English pages
// English ones. The rows (Ek-1 units, everyday names, NACE list codes), each linking to its row:
// the rule of the NACE page's box and the calculator's (nace-match.js, with the build's
// assets/nace/guide.json and list.json), so all three finders answer alike. The rows come first
// (the guide's, then the list's codes, in the order of the NACE page's box), then the pages.
(() => {
  const root = /** @type {HTMLElement} */ (document.querySelector("[data-guide-search]"));
  if (!root) return;
  const input = /** @type {HTMLInputElement} */ (root.querySelector(".md-search__input"));
  const form = root.querySelector(".md-search__form");
  const list = root.querySelector(".md-search-result__list");
  const meta = root.querySelector(".md-search-result__meta");
  const toggle = /** @type {HTMLInputElement} */ (document.getElementById("__search"));
  const script = /** @type {HTMLScriptElement} */ (document.currentScript).src;
  const guideUrl = new URL("../nace/guide.json", script).href;
  const listUrl = new URL("../nace/list.json", script).href;
  // This language's pages: the site's root (two folders above the scripts) and the language's folder.
  const pages = new URL(`../../${root.dataset.languageRoot ?? ""}`, script).href;
  const lang = document.documentElement.lang === "en" ? "en" : "tr";
  const MAX_RESULTS = 10;
  // Of the ten shown, the rows first (at most this many), then the pages (at most this many); the
  // rest fill the gap.
  const ROWS_FIRST = 5;
  const PAGES_FIRST = 4;
  let engines = null;
  let latest = 0;

  const start = async (address) => {
    // Resolved against the page: a bare import() would resolve against this script.
    const pagefind = await import(new URL(address, document.baseURI).href);
    await pagefind.options({ excerptLength: 24 });
    await pagefind.init();
    return pagefind;
  };
  const fetchJson = async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${response.status} ${url}`);
    return response.json();
  };
  const rowsMatcher = async () => {
    const [guide, rows] = await Promise.all([fetchJson(guideUrl), fetchJson(listUrl)]);
    const matcher = globalThis.naceMatch.create(guide);
    matcher.setList(rows);
    return { matcher, guide };
  };
  const load = () => {
    engines ??= Promise.all([start(root.dataset.pagefind), rowsMatcher()]);
    return engines;
  };

  const open = (isOpen) => {
    toggle.checked = isOpen;
  };

  // Pagefind's excerpts mark hits with <mark>; keep those and plain text only.
  const excerptNodes = (html) => {
    const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
    const nodes = [];
    for (const node of doc.body.firstChild.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(node.textContent));
      }
    }
    return nodes;
  };

  const resultItem = (result) => {
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = result.url;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h1");
    title.textContent = result.meta.title || result.url;
    const excerpt = document.createElement("p");
    excerpt.append(...excerptNodes(result.excerpt));
    article.append(title, excerpt);
    link.append(article);
    item.append(link);
    return item;
  };

  const countText = (n) => {
    if (n === 0) return root.dataset.none;
    if (n === 1) return root.dataset.one;
    return root.dataset.other.replace("#", String(n));
  };

  // A found row as a result: its name or code and title, and a line with its codes and classes.
  const rowResult = (url, title, line, titleLang) => ({ url, meta: { title }, line, titleLang });
  const rowResults = (found, guide) => {
    const classes = (ids) => [...new Set(ids)].map((id) => guide.hazard[id][lang]).join(" / ");
    const codesPage = `${pages}nace-codes/`;
    const units = found.units.map(({ unit }) =>
      rowResult(`${codesPage}#birim-${unit.id}`, unit.name[lang], `${unit.codes.join(" / ")} · ${classes(unit.classes)}`, lang));
    const named = found.suggestions.map((s) =>
      rowResult(`${codesPage}#ad-${s.id}`, s.shown[lang], `${s.codes.join(" / ")} · ${classes(s.classes)} · ${guide.words_suggested[lang]}`, lang));
    const nearby = found.nearby.map(({ unit }) =>
      rowResult(`${codesPage}#birim-${unit.id}`, unit.name[lang], `${unit.codes.join(" / ")} · ${classes(unit.classes)}`, lang));
    // English pages: the English title of the code's NACE class, where it has one.
    const english = (entry) => lang === "en" && entry.titleEn;
    const codes = found.list.map((entry) =>
      rowResult(
        `${pages}nace-list/#${entry.code}`,
        `${entry.code} ${english(entry) ? entry.titleEn : entry.title}`,
        english(entry) ? `${classes([entry.hazardClass])} · ${entry.title}` : classes([entry.hazardClass]),
        english(entry) ? "en" : "tr",
      ));
    return { guideRows: [...(found.suggestionsFirst ? [...named, ...units] : [...units, ...named]), ...nearby], codes };
  };
  const rowItem = (row) => {
    const item = resultItem({ url: row.url, meta: row.meta, excerpt: "" });
    const title = /** @type {HTMLElement} */ (item.querySelector("h1"));
    title.lang = row.titleLang;
    /** @type {HTMLElement} */ (item.querySelector("p")).textContent = row.line;
    return item;
  };
  // Nothing found: the nearest words the guide knows (each a click away), then what to try next.
  const helpItem = (nearest, guide) => {
    const item = document.createElement("li");
    item.className = "md-search-result__item guide-search-help";
    if (nearest.length) {
      const line = document.createElement("p");
      line.append(guide.help.nearest[lang]);
      nearest.forEach((word, i) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "guide-search-help__word";
        button.textContent = word;
        button.addEventListener("click", () => {
          input.value = word;
          run();
        });
        line.append(i ? ", " : " ", button);
      });
      item.append(line);
    }
    const next = document.createElement("p");
    next.textContent = guide.help.next[lang];
    item.append(next);
    return item;
  };

  const run = async () => {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      meta.textContent = root.dataset.placeholder;
      list.replaceChildren();
      return;
    }
    try {
      const [pagesIndex, { matcher, guide }] = await load();
      const found = await pagesIndex.debouncedSearch(query, {}, 150);
      if (found === null || ticket !== latest) return;
      const answer = matcher.lookup(query);
      const { guideRows, codes } = answer.error ? { guideRows: [], codes: [] } : rowResults(answer, guide);
      const rows = [...guideRows, ...codes];
      const firstPages = found.results.slice(0, PAGES_FIRST);
      const rest = [...rows.slice(ROWS_FIRST), ...found.results.slice(PAGES_FIRST)];
      const shown = [...rows.slice(0, ROWS_FIRST), ...firstPages, ...rest].slice(0, MAX_RESULTS);
      // Each page's text is a file of its own: one that cannot be had (offline, never opened) is left
      // out, never the whole list.
      const settled = await Promise.allSettled(shown.map((r) => ("line" in r ? Promise.resolve(r) : r.data())));
      if (ticket !== latest) return;
      const results = settled.filter((r) => r.status === "fulfilled").map((r) => r.value);
      const missing = results.length < shown.length;
      const total = found.results.length + guideRows.length + codes.length;
      meta.textContent = missing && !navigator.onLine ? root.dataset.offline : countText(total);
      const items = results.map((r) => ("line" in r ? rowItem(r) : resultItem(r)));
      if (!total && !answer.error) items.push(helpItem(answer.nearest, guide));
      list.replaceChildren(...items);
    } catch (error) {
      engines = null; // try again on the next keystroke
      console.warn("search unavailable", error);
      meta.textContent = navigator.onLine ? root.dataset.none : root.dataset.offline;
    }
  };

  input.addEventListener("focus", () => {
    open(true);
    load();
  });
  input.addEventListener("input", run);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    list.querySelector("a")?.click();
  });
  form.addEventListener("reset", () => {
    setTimeout(run);
  });
  root.addEventListener("keydown", (/** @type {KeyboardEvent} */ event) => {
    if (event.key === "Escape") {
      open(false);
      input.blur();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const links = [...list.querySelectorAll("a")];
      if (!links.length) return;
      event.preventDefault();
      const at = links.indexOf(/** @type {HTMLAnchorElement} */ (document.activeElement));
      const next = event.key === "ArrowDown" ? Math.min(at + 1, links.length - 1) : at - 1;
      (next < 0 ? input : links[next]).focus();
    }
  });
  document.addEventListener("keydown", (event) => {
    const typing = /** @type {Element} */ (event.target).closest?.("input, textarea, select, [contenteditable]");
    if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
    }
  });
})();
