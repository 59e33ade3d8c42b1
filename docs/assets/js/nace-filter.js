// The NACE page's filter: by words of a unit's name (with or without
// Turkish letters) or by code, and by hazard class. Each row carries its
// name already folded at build time (calculator.text.fold), so the only
// folding here is of what the reader types, the same way.
(() => {
  const box = document.querySelector("[data-nace-filter]");
  if (!box) return;
  const text = box.querySelector("#nace-filter-text");
  const hazard = box.querySelector("#nace-filter-class");
  const count = box.querySelector(".nace-filter__count");
  const rows = [...document.querySelectorAll(".nace-table tbody tr")];
  const FOLD = { ç: "c", ğ: "g", ı: "i", ö: "o", ş: "s", ü: "u" };

  const fold = (value) =>
    value
      .toLocaleLowerCase("tr-TR")
      .replace(/[çğıöşü]/g, (c) => FOLD[c])
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^0-9a-z]+/g, " ")
      .trim();

  const isCode = (value) => /^[0-9][0-9.\s]*$/.test(value);

  const matches = (row, query, wanted) => {
    if (wanted && !row.dataset.classes.split(" ").includes(wanted)) return false;
    if (!query) return true;
    if (isCode(query)) {
      const code = query.replace(/\s+/g, "");
      return row.dataset.codes.split(" ").some((c) => c.startsWith(code));
    }
    const words = row.dataset.search.split(" ");
    return fold(query)
      .split(" ")
      .every((part) => words.some((word) => word.startsWith(part) || word.includes(part)));
  };

  const apply = () => {
    const query = text.value.trim();
    let shown = 0;
    for (const row of rows) {
      const visible = matches(row, query, hazard.value);
      row.hidden = !visible;
      if (visible) shown += 1;
    }
    for (const table of document.querySelectorAll(".nace-table")) {
      const any = [...table.tBodies[0].rows].some((row) => !row.hidden);
      table.closest(".guide-table-wrap").hidden = !any;
    }
    count.textContent = shown
      ? count.dataset.countTemplate.replace("{shown}", shown).replace("{total}", rows.length)
      : count.dataset.none;
  };

  text.addEventListener("input", apply);
  hazard.addEventListener("change", apply);
  box.hidden = false;
  apply();
})();
