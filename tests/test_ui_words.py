"""data/ui.yaml holds the interface's words once: every key is used somewhere, and every key a
template, a hook or the page's JavaScript asks for exists, in both languages."""

from __future__ import annotations

import json
import re
from pathlib import Path

from calculator.changes import KINDS, UNCONFIRMED_KINDS
from calculator.reasons import CONFIDENCES
from datafiles import load_site

ROOT = Path(__file__).resolve().parents[1]
# Where words are asked for: templates and hooks (b.word("key"), config.extra.words.key, w.key), and
# the calculator page's script, which gets the calc_ words without their prefix (words.key).
SERVER_SOURCES = [*ROOT.glob("hooks/**/*.py"), *ROOT.glob("hooks/templates/*.j2"), *ROOT.glob("overrides/**/*.html")]
PAGE_SCRIPT = ROOT / "docs" / "assets" / "js" / "calculator.js"
# The NACE page's filter gets the filter_ words without their prefix (words.key) too.
FILTER_SCRIPT = ROOT / "docs" / "assets" / "js" / "nace-filter.js"
PREFIXED_SCRIPTS = {
    "calc_": PAGE_SCRIPT,
    "filter_": FILTER_SCRIPT,
    "plan_": ROOT / "docs" / "assets" / "js" / "plan.js",
    "monthly_": ROOT / "docs" / "assets" / "js" / "monthly.js",
}


def _procedure_note_kinds() -> list[str]:
    schema = json.loads((ROOT / "data" / "schema" / "procedure.schema.json").read_text(encoding="utf-8"))
    found = re.findall(r'"kind": \{"enum": (\[[^\]]*\])', json.dumps(schema))
    return [kind for kinds in found for kind in json.loads(kinds)]


def _dynamic_keys() -> set[str]:
    """Keys named by joining a word to data: "note_" ~ kind, level ~ "_hint", words[confidence]."""
    levels = [level for level in CONFIDENCES if level != "primary"]
    return (
        {f"note_{kind}" for kind in _procedure_note_kinds()}
        | {f"{level}_hint" for level in levels}
        | set(levels)
        | {f"calc_{level}" for level in levels}
        | {f"changes_{kind}" for kind in KINDS}
        | {f"changes_{kind}_unconfirmed" for kind in UNCONFIRMED_KINDS}
    )


def test_every_word_is_used() -> None:
    words = load_site()["ui"]["words"]
    server = "\n".join(path.read_text(encoding="utf-8") for path in SERVER_SOURCES)
    scripts = {prefix: path.read_text(encoding="utf-8") for prefix, path in PREFIXED_SCRIPTS.items()}

    def in_script(key: str) -> bool:
        return any(
            key.startswith(prefix) and re.search(rf"\bwords\.{re.escape(key[len(prefix) :])}\b", script)
            for prefix, script in scripts.items()
        )

    unused = [
        key
        for key in words
        if key not in _dynamic_keys() and not re.search(rf"\b{re.escape(key)}\b", server) and not in_script(key)
    ]
    assert unused == []


def test_every_word_asked_for_exists_in_both_languages() -> None:
    words = load_site()["ui"]["words"]
    asked = set()
    for path in SERVER_SOURCES:
        text = path.read_text(encoding="utf-8")
        asked |= set(re.findall(r'b\.word\(\s*"([a-z0-9_]+)"', text))
        asked |= set(re.findall(r"\b(?:extra\.words|w)\.([a-z0-9_]+)\[", text))
    for prefix, path in PREFIXED_SCRIPTS.items():
        asked |= {prefix + key for key in re.findall(r"\bwords\.([a-z0-9_]+)\b", path.read_text(encoding="utf-8"))}
    asked.discard("filter_hazard")  # the class names, added to the filter's words from the data
    assert len(asked) > 80
    asked = {key for key in asked if not key.endswith("_")}  # "note_" ~ kind: a prefix, checked above
    assert sorted(asked - set(words)) == []
    assert [key for key, text in words.items() if not (text.get("tr") and text.get("en"))] == []


def test_every_cli_word_is_used_by_its_module() -> None:
    """The command line's words (ui.yaml's `cli` part): each module's words are said in that module."""
    catalogue = load_site()["ui"]["cli"]
    for part, words in catalogue.items():
        source = (ROOT / "cli" / f"{part}.py").read_text(encoding="utf-8")
        assert f'words("{part}")' in source
        # Asked for by name ("key" or 'key'), or by a reason's source level (words[reason.confidence]).
        levels = set(CONFIDENCES) if "words[reason.confidence]" in source else set()
        assert [key for key in words if f'"{key}"' not in source and f"'{key}'" not in source and key not in levels] == [], part
