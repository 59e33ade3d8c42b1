"""A reason: one sentence of why a figure is what it is, with its source."""

from __future__ import annotations

from dataclasses import dataclass

from calculator.bilingual import Text
from calculator.rules import Citation


@dataclass(frozen=True)
class Reason:
    id: str
    text: Text
    source: Citation | None = None
    unconfirmed: bool = False
