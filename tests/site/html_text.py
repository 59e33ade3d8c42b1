"""Reading built pages: visible text with the language it is marked in, and links."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_HIDDEN = {"script", "style", "svg", "template", "head"}


@dataclass
class Page:
    lang: str = ""
    texts: list[tuple[str, str]] = field(default_factory=list)  # (text, language in force)
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    labels: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[tuple[str, str, bool, bool]] = []  # tag, lang, hidden, in label

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.page.lang = values.get("lang", "")
        if "id" in values:
            self.page.ids.add(values["id"])
        # A canonical link names the published address; it is never fetched.
        fetched_or_followed = tag in ("a", "script", "img") or (tag == "link" and values.get("rel") != "canonical")
        for key in ("href", "src"):
            if key in values and fetched_or_followed:
                self.page.links.append(values[key])
        parent_lang = self.stack[-1][1] if self.stack else self.page.lang
        parent_hidden = self.stack[-1][2] if self.stack else False
        hidden = parent_hidden or tag in _HIDDEN or "md-select" in values.get("class", "")
        in_label = (self.stack[-1][3] if self.stack else False) or "katip-label" in values.get("class", "")
        if tag not in _VOID:
            self.stack.append((tag, values.get("lang", parent_lang), hidden, in_label))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not data.strip() or not self.stack:
            return
        _, lang, hidden, in_label = self.stack[-1]
        if hidden:
            return
        self.page.texts.append((data.strip(), lang))
        if in_label:
            self.page.labels.append(data.strip())


def read(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    return reader.page
