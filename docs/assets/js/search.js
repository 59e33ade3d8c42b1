// Header search: Material's search box, answered by Pagefind.
// Pagefind picks the index of the page's <html lang>, so Turkish pages
// search Turkish pages and English pages English ones.
(() => {
  const root = document.querySelector("[data-guide-search]");
  if (!root) return;
  const input = root.querySelector(".md-search__input");
  const form = root.querySelector(".md-search__form");
  const list = root.querySelector(".md-search-result__list");
  const meta = root.querySelector(".md-search-result__meta");
  const toggle = document.getElementById("__search");
  const MAX_RESULTS = 10;
  let engine = null;
  let latest = 0;

  const load = () => {
    // Resolved against the page: a bare import() would resolve against this script.
    const url = new URL(root.dataset.pagefind, document.baseURI).href;
    engine ??= import(url).then(async (pagefind) => {
      await pagefind.options({ excerptLength: 24 });
      await pagefind.init();
      return pagefind;
    });
    return engine;
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
      const pagefind = await load();
      const search = await pagefind.debouncedSearch(query, {}, 150);
      if (search === null || ticket !== latest) return;
      const results = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
      if (ticket !== latest) return;
      meta.textContent = countText(search.results.length);
      list.replaceChildren(...results.map(resultItem));
    } catch (error) {
      engine = null; // try again on the next keystroke
      console.warn("search unavailable", error);
      meta.textContent = root.dataset.none;
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
  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      open(false);
      input.blur();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const links = [...list.querySelectorAll("a")];
      if (!links.length) return;
      event.preventDefault();
      const at = links.indexOf(document.activeElement);
      const next = event.key === "ArrowDown" ? Math.min(at + 1, links.length - 1) : at - 1;
      (next < 0 ? input : links[next]).focus();
    }
  });
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest?.("input, textarea, select, [contenteditable]");
    if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
    }
  });
})();
