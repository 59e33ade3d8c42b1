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
