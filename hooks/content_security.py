"""MkDocs hook: a Content-Security-Policy on every page, allowing only the
site's own origin, and the response headers a server should send with it.

Material puts a few small inline scripts in every page; rather than allow
inline scripts at all, each page's policy lists the hashes of exactly its
own (a <meta> tag, for any host). The calculator's worker runs Pyodide,
which compiles WebAssembly: 'wasm-unsafe-eval' allows that (and not
JavaScript eval).

A meta policy cannot say frame-ancestors, and a worker takes its policy
from its own response. So the build also writes the headers every response
should carry (response_headers.py: the policy with every page's hashes,
frame-ancestors 'none', nosniff, a referrer and a permissions policy, and a
cache policy per kind of path) in two forms a server reads: _headers
(Netlify, Cloudflare Pages) and _headers.nginx (deploy/nginx.conf includes
it); scripts/serve's own server reads _headers.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from language_builds import nested_language_build
from response_headers import POLICY, write_header_files

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)
# Every inline script's hash on any page of this build (both languages): the header policy lists them all.
_every_hash: set[str] = set()


def policy(extra_script_sources: list[str] | None = None) -> str:
    parts = dict(POLICY)
    if extra_script_sources:
        parts["script-src"] += " " + " ".join(extra_script_sources)
    return "; ".join(f"{key} {value}" for key, value in parts.items())


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def on_post_page(output: str, **_: object) -> str:
    hashes = sorted({_hash(body) for body in _INLINE_SCRIPT.findall(output)})
    _every_hash.update(hashes)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    return output.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n    ' + meta, 1)


def on_post_template(output_content: str, template_name: str, **_: object) -> str:
    """The 404 page is a static template: on_post_page never sees it."""
    return on_post_page(output_content) if template_name == "404.html" else output_content


@event_priority(-150)
def on_post_build(config: MkDocsConfig) -> None:
    if nested_language_build(config):
        return
    # frame-ancestors works only as a header: no page of the guide is to be framed by another site.
    header_policy = policy(sorted(_every_hash)) + "; frame-ancestors 'none'"
    write_header_files(Path(config.site_dir), header_policy)
