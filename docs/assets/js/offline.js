// Registers the guide's service worker (/sw.js, made by hooks/offline.py), which keeps every page
// and both PDFs for reading offline. When a new build's worker takes over an open page, the page is
// loaded again once, so that it never runs with files of two builds; but never while it holds what
// the reader typed or chose: then it says a new version is ready and reloads on the reader's word.
if ("serviceWorker" in navigator && window.isSecureContext) {
  const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  const root = new URL("../../", script?.src ?? location.href);
  const controlled = Boolean(navigator.serviceWorker.controller);
  let reloading = false;
  // A field the reader changed (a typed unit, a pasted list, a ticked box) would be lost by a reload.
  const fields = () => /** @type {HTMLInputElement[]} */ ([...document.querySelectorAll("input, textarea, select")]);
  const holdsInput = () => fields().some((field) =>
    field.type !== "hidden" && field.type !== "search" && (field.type === "checkbox" || field.type === "radio"
      ? field.checked !== field.defaultChecked : field.value !== field.defaultValue));
  const reload = () => {
    reloading = true;
    location.reload();
  };
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!controlled || reloading) return;
    const notice = document.getElementById("guide-update");
    if (!holdsInput() || !notice) {
      reload();
      return;
    }
    notice.querySelector("button").addEventListener("click", reload, { once: true });
    notice.hidden = false;
  });
  navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }).catch((error) => {
    // Reading online needs none of it: say why in the console, for the site's keeper.
    console.warn("offline copy not available:", error);
  });
}
