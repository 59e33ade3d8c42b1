"""hooks/versioned_assets.py: the guide's stylesheets and scripts moved into folders named by their
content's hash, and the pages' references to them rewritten."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def hook() -> Iterator[ModuleType]:
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        import versioned_assets

        yield versioned_assets
    finally:
        sys.path.remove(str(ROOT / "hooks"))


def assets(tmp_path: Path, calculator: str = "let answer = 1;\n") -> Path:
    folder = tmp_path / "assets"
    for name, text in (
        ("css/guide.css", "body {}\n"),
        ("js/calculator.js", calculator),
        ("js/combobox.js", "export const combobox = 1;\n"),
        ("js/service-worker.js", "self;\n"),
    ):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_files_move_into_folders_named_by_their_content(hook: ModuleType, tmp_path: Path) -> None:
    moved = hook.version_folders(assets(tmp_path / "a"))
    js, names = moved["js"]
    assert names == {"calculator.js", "combobox.js"} and moved["css"][1] == {"guide.css"}
    assert js.startswith("js-") and len(js) == len("js-") + hook.HASH_LENGTH
    assert (tmp_path / "a" / "assets" / js / "calculator.js").read_text(encoding="utf-8") == "let answer = 1;\n"
    # The service worker's code stays for hooks/offline.py; the emptied stylesheets' folder goes.
    assert [p.name for p in (tmp_path / "a" / "assets" / "js").iterdir()] == ["service-worker.js"]
    assert not (tmp_path / "a" / "assets" / "css").exists()
    # The same files name the same folder; one changed script, another.
    assert hook.version_folders(assets(tmp_path / "b"))["js"][0] == js
    changed = hook.version_folders(assets(tmp_path / "c", calculator="let answer = 2;\n"))
    assert changed["js"][0] != js and changed["css"][0] == moved["css"][0]


def test_references_point_at_the_versioned_folders(hook: ModuleType) -> None:
    moved = {"css": ("css-aaa", {"guide.css"}), "js": ("js-bbb", {"calculator.js"})}
    html = (
        '<link rel="stylesheet" href="../assets/css/guide.css">'
        '<script type="module" async src="/assets/js/calculator.js"></script>'
        '<script data-page-script="../../assets/js/calculator.js">const a = "assets/js/calculator.js";</script>'
        '<script src="assets/js/service-worker.js"></script><a href="assets/javascripts/x.js">x</a>'
    )
    assert hook.rewrite_references(html, moved) == (
        '<link rel="stylesheet" href="../assets/css-aaa/guide.css">'
        '<script type="module" async src="/assets/js-bbb/calculator.js"></script>'
        '<script data-page-script="../../assets/js-bbb/calculator.js">const a = "assets/js/calculator.js";</script>'
        '<script src="assets/js/service-worker.js"></script><a href="assets/javascripts/x.js">x</a>'
    )


def test_a_reference_to_a_file_the_build_has_not_is_an_error(hook: ModuleType) -> None:
    from mkdocs.exceptions import PluginError

    moved = {"css": ("css-aaa", {"guide.css"}), "js": ("js-bbb", {"calculator.js"})}
    with pytest.raises(PluginError, match=r"assets/js/missing\.js"):
        hook.rewrite_references('<script src="../assets/js/missing.js"></script>', moved)
