// Header search: Material's search box, answered by Pagefind.
// Pagefind picks the index of the page's <html lang>, so Turkish pages
// search Turkish pages and English pages English ones. A second bundle holds a
// record per Ek-1 unit and per NACE list code (hooks/search_index.py), 2,000 of
// them, each linking to its row: it is asked apart from the pages, so that a
// word found in many codes' titles never hides the page that explains it.
(() => {
  const root = /** @type {HTMLElement} */ (document.querySelector("[data-guide-search]"));
  if (!root) return;
  const input = /** @type {HTMLInputElement} */ (root.querySelector(".md-search__input"));
  const form = root.querySelector(".md-search__form");
  const list = root.querySelector(".md-search-result__list");
  const meta = root.querySelector(".md-search-result__meta");
  const toggle = /** @type {HTMLInputElement} */ (document.getElementById("__search"));
  const MAX_RESULTS = 10;
  // Of the ten shown, the pages first (at most this many), then the rows; the rest fill the gap.
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
  const load = () => {
    engines ??= Promise.all([start(root.dataset.pagefind), start(root.dataset.pagefindRows)]);
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

  const run = async () => {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      meta.textContent = root.dataset.placeholder;
      list.replaceChildren();
      return;
    }
    try {
      const [pagesIndex, rowsIndex] = await load();
      const pages = await pagesIndex.debouncedSearch(query, {}, 150);
      if (pages === null || ticket !== latest) return;
      const rows = await rowsIndex.search(query);
      if (ticket !== latest) return;
      const firstPages = pages.results.slice(0, PAGES_FIRST);
      const firstRows = rows.results.slice(0, MAX_RESULTS - firstPages.length);
      const rest = [...pages.results.slice(PAGES_FIRST), ...rows.results.slice(firstRows.length)];
      const shown = [...firstPages, ...firstRows, ...rest].slice(0, MAX_RESULTS);
      // Each result's text is a file of its own: one that cannot be had (offline, never opened) is left
      // out, never the whole list.
      const settled = await Promise.allSettled(shown.map((r) => r.data()));
      if (ticket !== latest) return;
      const results = settled.filter((r) => r.status === "fulfilled").map((r) => r.value);
      const missing = results.length < shown.length;
      meta.textContent = missing && !navigator.onLine ? root.dataset.offline
        : countText(pages.results.length + rows.results.length);
      list.replaceChildren(...results.map(resultItem));
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
