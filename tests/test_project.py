"""The project's promises about itself: CI runs README's test command."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## On a fresh machine", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_ci_runs_readme_test_command() -> None:
    commands = _readme_commands()
    assert len(commands) == 2, "README gives exactly two commands: serve and test"
    test_command = next(c for c in commands if "test" in c)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in [line.strip() for line in ci.splitlines()]


def test_readme_commands_exist() -> None:
    for command in _readme_commands():
        script = ROOT / command.split()[0]
        assert script.is_file(), command
        assert script.stat().st_mode & 0o111, f"{command} is not executable"


def test_the_rules_package_imports_without_datafiles_or_its_libraries() -> None:
    """Every module of `calculator` imports with datafiles, PyYAML, jsonschema and openpyxl unavailable,
    as under Pyodide: only the CLI's main() reads data files, and it imports datafiles when it runs."""
    code = """
import importlib, pkgutil, sys
for blocked in ("datafiles", "yaml", "jsonschema", "openpyxl"):
    sys.modules[blocked] = None
import calculator
names = [m.name for m in pkgutil.iter_modules(calculator.__path__, "calculator.") if m.name != "calculator.__main__"]
for name in names:
    importlib.import_module(name)
print(len(names))
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 20


def _mkdocs_config() -> dict[str, object]:
    """mkdocs.yml as plain data (its !ENV and !!python tags read as None: only the structure is wanted)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config: dict[str, object] = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    return config


def test_the_language_folders_are_the_i18n_plugins() -> None:
    """Every hook takes each language's folder from language_builds.ROOTS; it must be where the i18n
    plugin builds that language (the default at the root, the others under their locale)."""
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        from language_builds import DEFAULT_LANGUAGE, ROOTS, language_of
    finally:
        sys.path.remove(str(ROOT / "hooks"))
    plugins = _mkdocs_config()["plugins"]
    assert isinstance(plugins, list)
    i18n = next(p["i18n"] for p in plugins if isinstance(p, dict) and "i18n" in p)
    built = {lang["locale"]: "" if lang.get("default") else lang["locale"] + "/" for lang in i18n["languages"]}
    assert built == ROOTS
    assert next(lang["locale"] for lang in i18n["languages"] if lang.get("default")) == DEFAULT_LANGUAGE
    assert [language_of(path) for path in ("/en/login/", "en/login.md", "/login/", "tr/login.md", "/english/")] == [
        "en",
        "en",
        "tr",
        "tr",
        "tr",
    ]


def test_nginx_conf_sends_the_types_and_cache_policies_of_the_projects_server() -> None:
    """deploy/nginx.conf cannot import Python: its types and Cache-Control values are compared here
    with deploy/serve.py's and the build's (hooks/response_headers.py), so the two servers agree."""
    from deploy.serve import TYPES

    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        from response_headers import IMMUTABLE, IMMUTABLE_PATHS, REVALIDATE
    finally:
        sys.path.remove(str(ROOT / "hooks"))
    conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    block = re.search(r"\btypes \{(.*?)\}", conf, re.S)
    assert block
    nginx_types = {
        f".{ext}": line.split()[0] for line in block.group(1).strip().splitlines() for ext in line.rstrip(" ;").split()[1:]
    }
    ours = {ext: media.split(";")[0] for ext, media in TYPES.items()}
    assert {ext: nginx_types.get(ext) for ext in ours} == ours
    policies = re.findall(r'add_header Cache-Control "([^"]+)" always;', conf)
    # The versioned folders' policy comes from a map on the status: immutable for answers, never for errors.
    versioned = re.search(r"map \$status \$guide_versioned_cache \{\s*~\^\[23\]\s+\"([^\"]+)\";\s*default \"no-store\";", conf)
    assert versioned and "add_header Cache-Control $guide_versioned_cache always;" in conf
    assert set(policies) | {versioned.group(1)} == {IMMUTABLE, REVALIDATE}
    hashed = re.search(r"location ~ \^/assets/\(([^)]+)\)/", conf)
    assert hashed
    # A folder ("pyodide"), or a family of folders named by a hash ("js-[0-9a-f]+": the prefix "/assets/js-").
    prefixes = {
        f"/assets/{name.removesuffix('[0-9a-f]+')}" + ("" if name.endswith("+") else "/") for name in hashed.group(1).split("|")
    }
    assert prefixes == set(IMMUTABLE_PATHS)
