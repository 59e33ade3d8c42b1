"""Results as plain JSON-ready data.

`dataclasses.asdict` deep-copies every value on the way, which made a
1,000-unit batch spend most of its time copying strings; results here are
frozen and their texts immutable, so nothing needs copying.
"""

from __future__ import annotations

import dataclasses
from typing import Any

_SCALARS = (str, int, float, bool, type(None))
_FIELDS: dict[type, tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    kind = type(value)
    names = _FIELDS.get(kind)
    if names is None:
        if not dataclasses.is_dataclass(value):
            return value
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
    return {name: plain(getattr(value, name)) for name in names}
