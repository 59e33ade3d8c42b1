"""MkDocs hook: drop the head's hreflang <link rel="alternate"> tags.

mkdocs-static-i18n points them at the same page in each language, and
Material fetches a sitemap.xml next to each one (/login/sitemap.xml,
/en/login/sitemap.xml...), which do not exist: a 404 on every page. The
language selector's own links already lead to the same page in the other
language, so nothing is lost.
"""

from __future__ import annotations

import re

_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_post_page(output: str, **_: object) -> str:
    head, separator, body = output.partition("</head>")
    return _HEAD_ALTERNATE.sub("", head) + separator + body


def on_post_template(output_content: str, template_name: str, **_: object) -> str:
    """The same on the 404 page (a static template, which on_post_page never sees)."""
    return on_post_page(output_content) if template_name == "404.html" else output_content
