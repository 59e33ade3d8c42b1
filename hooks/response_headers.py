"""The response headers of the published site: one list, written by the build for each server.

- `_headers` (Netlify and Cloudflare Pages read it; so does scripts/serve's server, deploy/serve.py, which
  also keeps both header files private, as deploy/nginx.conf does);
- `_headers.nginx`, `add_header` lines that deploy/nginx.conf includes;
- `.htaccess`, deploy/htaccess with the same headers, for Apache 2.4.

Every response carries the Content-Security-Policy (the worker's too: a worker takes its policy from
its own response), nosniff, a referrer policy and a permissions policy. Caching: Material's own files
carry their content's hash in their names, and the guide's own stylesheets and scripts
(hooks/versioned_assets.py) and Pyodide's and the calculator's files sit in folders named by a hash of
what they are made of: none of them ever changes, so they are immutable; everything else (the pages,
which name this build's folders, the images, the search index) is revalidated on each use, so that a
new build is seen at once (the server answers 304 when a file has not changed).
"""

from __future__ import annotations

from pathlib import Path

POLICY = {
    "default-src": "'self'",
    "script-src": "'self' 'wasm-unsafe-eval'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}

# The same on every response (the policy is added by the build, with its hashes).
COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
REVALIDATE = "no-cache"
HTACCESS = Path(__file__).resolve().parents[1] / "deploy" / "htaccess"
HTACCESS_HEADERS = "# HEADERS"
IMMUTABLE = "public, max-age=31536000, immutable"
# Paths whose names carry their content's hash: Material's bundles and stylesheets, the guide's own
# (assets/css-<hash>/, assets/js-<hash>/: hooks/versioned_assets.py), and Pyodide's and the calculator's
# versioned folders (hooks/calculator_assets.py).
IMMUTABLE_PATHS = (
    "/assets/javascripts/",
    "/assets/stylesheets/",
    "/assets/css-",
    "/assets/js-",
    "/assets/pyodide/",
    "/assets/calculator/",
)


def write_header_files(site: Path, policy: str) -> None:
    common = {"Content-Security-Policy": policy, **COMMON}
    netlify = ["/*", *[f"  {name}: {value}" for name, value in common.items()], f"  Cache-Control: {REVALIDATE}"]
    for prefix in IMMUTABLE_PATHS:
        # Netlify applies every matching rule: the later, more specific one wins for Cache-Control.
        netlify += [f"{prefix}*", f"  Cache-Control: {IMMUTABLE}"]
    (site / "_headers").write_text("\n".join(netlify) + "\n", encoding="utf-8")
    nginx = ["# Made by the build (hooks/response_headers.py): included by deploy/nginx.conf."]
    nginx += [f'add_header {name} "{value}" always;' for name, value in common.items()]
    (site / "_headers.nginx").write_text("\n".join(nginx) + "\n", encoding="utf-8")
    # Apache: deploy/htaccess with the same headers, as the site's .htaccess (its caching is its own).
    apache = "\n".join(f'  Header always set {name} "{value}"' for name, value in common.items())
    template = HTACCESS.read_text(encoding="utf-8")
    if template.count(HTACCESS_HEADERS) != 1:
        raise ValueError(f"{HTACCESS} must hold the line {HTACCESS_HEADERS!r} once")
    (site / ".htaccess").write_text(template.replace(HTACCESS_HEADERS, apache), encoding="utf-8")
