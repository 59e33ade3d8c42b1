"""MkDocs hook: the institution publishing the guide (mkdocs.yml `extra.institution`, or
GUIDE_INSTITUTION, GUIDE_INSTITUTION_UNIT and GUIDE_INSTITUTION_LOGO at build): its name in every
page's footer, and its name, unit and logo on the PDFs' cover (hooks/templates/print_cover.md.j2).

The logo is an image file on the building machine (PNG, JPEG, WebP or SVG; a path relative to the
project or absolute). It is copied into the site, so the cover shows it from the site's own origin.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from language_builds import nested_language_build

ROOT = Path(__file__).resolve().parent.parent
LOGO_TYPES = (".png", ".jpg", ".jpeg", ".webp", ".svg")
# Where the logo is in the built site (its own suffix added).
LOGO_PATH = "assets/institution/logo"

_logo_source: Path | None = None


def logo_source(value: object) -> Path | None:
    """The logo file named in the configuration, checked; None when none is named."""
    if value in (None, ""):
        return None
    path = Path(str(value))
    path = path if path.is_absolute() else ROOT / path
    if path.suffix.lower() not in LOGO_TYPES:
        raise PluginError(f"The institution's logo must be one of {', '.join(LOGO_TYPES)}: {value}")
    if not path.is_file():
        raise PluginError(
            f"The institution's logo was not found: {path} (GUIDE_INSTITUTION_LOGO or extra.institution.logo in mkdocs.yml)"
        )
    return path


@event_priority(50)  # before hooks/data_pages.py's on_config reads extra.institution
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _logo_source
    institution = dict(config.extra.get("institution") or {})
    _logo_source = logo_source(institution.get("logo"))
    if _logo_source is not None and not institution.get("name"):
        raise PluginError("The institution's logo needs its name too (GUIDE_INSTITUTION): the cover says it in words")
    # The templates get the logo's address in the site (`logo` stays the building machine's path: the
    # i18n plugin runs on_config again for each further language, with this very config).
    institution["logo_address"] = LOGO_PATH + _logo_source.suffix.lower() if _logo_source else None
    config.extra["institution"] = institution
    if institution.get("name"):
        config.copyright = " · ".join(str(part) for part in (institution["name"], institution.get("unit")) if part)
    return config


@event_priority(-120)  # after every language is built (static-i18n: -100), before the PDFs print the cover (-170)
def on_post_build(config: MkDocsConfig) -> None:
    if nested_language_build(config) or _logo_source is None:
        return
    target = Path(config.site_dir) / (LOGO_PATH + _logo_source.suffix.lower())
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_logo_source, target)
