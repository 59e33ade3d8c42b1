"""Opening a page the way a reader does, recording what it asks for and says."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def serious_axe_issues(page: Any) -> list[tuple[str, list[Any]]]:
    """axe-core's serious and critical findings on the page as it is now (each rule and its first three
    places). The page must have been opened with bypass_csp=True: axe is injected as an inline script."""
    page.add_script_tag(path=str(AXE))
    result = json.loads(page.evaluate("async () => JSON.stringify(await axe.run(document))"))
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]


@dataclass
class Visit:
    page: Any
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def foreign(self, base_url: str) -> list[str]:
        origin = urlparse(base_url).netloc
        return [url for url in self.requests if urlparse(url).scheme not in ("data", "blob") and urlparse(url).netloc != origin]


def visit(browser: Any, url: str, until: str = "networkidle", **context: Any) -> Visit:
    """`until`: the load state to wait for ("load" where a refused file may never count as finished).

    The guide's service worker is blocked unless a test asks for it (service_workers="allow", as the
    offline tests do): elsewhere its downloads for the offline copy would only add noise.
    """
    context.setdefault("service_workers", "block")
    page = browser.new_context(**context).new_page()
    seen = Visit(page)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("requestfailed", lambda request: seen.failures.append(f"{request.url} {request.failure}"))

    def responded(response: Any) -> None:
        if response.status >= 400:
            seen.failures.append(f"{response.status} {response.url}")

    def said(message: Any) -> None:
        if message.type == "error":
            seen.console_errors.append(message.text)

    page.on("response", responded)
    page.on("console", said)
    page.on("pageerror", lambda error: seen.console_errors.append(str(error)))
    page.goto(url)
    page.wait_for_load_state(until)
    return seen


def close(seen: Visit) -> None:
    seen.page.context.close()
