"""Checks a loaded data file against its JSON Schema under data/schema/."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource

from datafiles.errors import DataFileError


@cache
def _validator(schema_dir: Path, name: str) -> jsonschema.Draft202012Validator:
    resources = []
    for path in sorted(schema_dir.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, Resource.from_contents(contents)))
    registry: Registry[Any] = Registry().with_resources(resources)
    schema = json.loads((schema_dir / f"{name}.schema.json").read_text(encoding="utf-8"))
    # "format": "date" is checked too: a date such as 2016-13-45 is refused with its file, entry and field.
    return jsonschema.Draft202012Validator(
        schema, registry=registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _label(item: Any) -> str:
    """A readable name for a list item: its id, or its role and class."""
    if not isinstance(item, dict):
        return ""
    if isinstance(item.get("id"), str):
        return f' "{item["id"]}"'
    keys = [str(item[k]) for k in ("role", "hazard_class") if isinstance(item.get(k), str)]
    return f" ({', '.join(keys)})" if keys else ""


def locate(data: Any, path: Sequence[str | int]) -> tuple[str | None, str | None]:
    """Splits a path into the entry (the deepest list item with an id, else
    the deepest list item) and the field within it."""
    node = data
    items: list[tuple[int, bool]] = []  # (depth, has an id)
    for depth, step in enumerate(path):
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(step, int):
            items.append((depth, isinstance(node, dict) and isinstance(node.get("id"), str)))
    if not items:
        return None, ".".join(str(s) for s in path) or None
    with_id = [depth for depth, has_id in items if has_id]
    last_item = with_id[-1] if with_id else items[-1][0]
    entry = ""
    node = data
    for step in path[: last_item + 1]:
        entry += f"[{step}]" if isinstance(step, int) else (f".{step}" if entry else str(step))
        node = node[step]
    field_steps = path[last_item + 1 :]
    field = "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in field_steps).lstrip(".")
    return entry + _label(node), field or None


def validate(data: Any, schema_name: str, schema_dir: Path, display_name: str) -> None:
    validator = _validator(schema_dir, schema_name)
    # The most specific first: deepest in the document, and "unevaluated
    # properties" last, since a failed sub-schema leaves its keys unevaluated.
    errors = sorted(
        validator.iter_errors(data),
        key=lambda e: (e.validator == "unevaluatedProperties", -len(e.absolute_path), list(map(str, e.absolute_path))),
    )
    if not errors:
        return
    error = errors[0]
    # The deepest, most specific reason inside anyOf/oneOf branches.
    while error.context:
        error = max(error.context, key=lambda e: len(e.absolute_path))
    path = list(error.absolute_path)
    problem = error.message
    if error.validator == "required" and isinstance(error.validator_value, list):
        missing = [k for k in error.validator_value if isinstance(error.instance, dict) and k not in error.instance]
        if missing:
            path.append(missing[0])
            problem = "missing (required)"
    entry, field = locate(data, path)
    more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
    raise DataFileError(display_name, problem + more, entry=entry, field=field)
