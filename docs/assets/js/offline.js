// Registers the guide's service worker (/sw.js, made by hooks/offline.py), which keeps every page
// and both PDFs for reading offline. When a new build's worker takes over an open page, the page is
// loaded again once, so that it never runs with files of two builds.
if ("serviceWorker" in navigator && window.isSecureContext) {
  const root = new URL("../../", document.currentScript?.src ?? location.href);
  const controlled = Boolean(navigator.serviceWorker.controller);
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!controlled || reloading) return;
    reloading = true;
    location.reload();
  });
  navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }).catch((error) => {
    // Reading online needs none of it: say why in the console, for the site's keeper.
    console.warn("offline copy not available:", error);
  });
}
