"""MkDocs hook: a Content-Security-Policy on every page, allowing only the
site's own origin.

Material puts a few small inline scripts in every page; rather than allow
inline scripts at all, each page's policy lists the hashes of exactly its
own. The calculator's worker runs Pyodide, which compiles WebAssembly:
'wasm-unsafe-eval' allows that (and not JavaScript eval). The same policy,
without hashes, is written to _headers (the format Netlify and Cloudflare
Pages read) for the worker script, which takes its policy from its own
response headers, not from the page.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

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
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)


def policy(extra_script_sources: list[str] | None = None) -> str:
    parts = dict(POLICY)
    if extra_script_sources:
        parts["script-src"] += " " + " ".join(extra_script_sources)
    return "; ".join(f"{key} {value}" for key, value in parts.items())


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def on_post_page(output: str, **_: object) -> str:
    hashes = sorted({_hash(body) for body in _INLINE_SCRIPT.findall(output)})
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    return output.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n    ' + meta, 1)


@event_priority(-150)
def on_post_build(config: MkDocsConfig) -> None:
    headers = f"/assets/js/calculator-worker.js\n  Content-Security-Policy: {policy()}\n"
    (Path(config.site_dir) / "_headers").write_text(headers, encoding="utf-8")
