// An accessible combobox (the WAI-ARIA 1.2 pattern "combobox with a listbox popup"): the text
// field keeps the focus; Down and Up move through the suggestions (aria-activedescendant),
// Enter picks the highlighted one, Escape closes the list, and a polite live line says how many
// suggestions there are. The suggestions come in labelled groups. UI glue only: what is
// suggested is the caller's (the calculator's worker answers it).
export const combobox = ({ input, listbox, status, pick }) => {
  let options = [];
  let active = -1;

  const setActive = (index) => {
    options.forEach((option, i) => option.element.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (index < 0) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    input.setAttribute("aria-activedescendant", options[index].element.id);
    options[index].element.scrollIntoView({ block: "nearest" });
  };
  const open = (isOpen) => {
    listbox.hidden = !isOpen;
    input.setAttribute("aria-expanded", String(isOpen));
    if (!isOpen) setActive(-1);
  };
  const choose = (index) => {
    const { value } = options[index];
    open(false);
    pick(value);
  };

  const optionElement = (item, index) => {
    const element = document.createElement("div");
    element.setAttribute("role", "option");
    element.setAttribute("aria-selected", "false");
    element.id = `${listbox.id}-${index}`;
    element.className = "calc-options__option";
    const label = document.createElement("span");
    label.textContent = item.label;
    if (item.lang) label.lang = item.lang;
    const detail = document.createElement("span");
    detail.className = "calc-options__detail";
    detail.textContent = item.detail;
    element.append(label, detail);
    element.addEventListener("mousedown", (event) => event.preventDefault()); // the field keeps the focus
    element.addEventListener("click", () => choose(index));
    return element;
  };

  // groups: [{label, items: [{value, label, detail, lang?}]}]; `said`: the live line's text.
  const show = (groups, said) => {
    options = [];
    const boxes = [];
    groups.forEach((group, number) => {
      if (!group.items.length) return;
      const box = document.createElement("div");
      box.setAttribute("role", "group");
      const heading = document.createElement("div");
      heading.setAttribute("role", "presentation");
      heading.id = `${listbox.id}-group-${number}`;
      heading.className = "calc-options__group";
      heading.textContent = group.label;
      box.setAttribute("aria-labelledby", heading.id);
      box.append(heading);
      for (const item of group.items) {
        const element = optionElement(item, options.length);
        options.push({ element, value: item.value });
        box.append(element);
      }
      boxes.push(box);
    });
    listbox.replaceChildren(...boxes);
    status.textContent = said;
    open(options.length > 0 && document.activeElement === input);
  };

  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options.length) return;
      event.preventDefault();
      if (listbox.hidden) open(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive(active < 0 && step < 0 ? options.length - 1 : (active + step + options.length) % options.length);
    } else if (event.key === "Enter" && !listbox.hidden && active >= 0) {
      event.preventDefault(); // picks the suggestion; the form is not sent
      choose(active);
    } else if (event.key === "Escape" && !listbox.hidden) {
      event.preventDefault();
      open(false);
    }
  });
  input.addEventListener("blur", () => open(false));

  return {
    show,
    clear: () => show([], ""),
  };
};
