"""A reason: one sentence of why a figure is what it is, with its source
and how well that source is known (the data's `confidence`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from calculator.bilingual import Text
from calculator.rules import Citation

CONFIDENCES = ("primary", "secondary", "unconfirmed")


@dataclass(frozen=True)
class Reason:
    id: str
    text: Text
    source: Citation | None = None
    # primary: read in the law's text; secondary: quoted by practitioners; unconfirmed: no text found.
    confidence: str = "primary"
    # Kept beside `confidence` for readers of the JSON that only ask "is this settled?".
    unconfirmed: bool = field(init=False)

    def __post_init__(self) -> None:
        if self.confidence not in CONFIDENCES:
            raise ValueError(f"unknown confidence {self.confidence!r}")
        object.__setattr__(self, "unconfirmed", self.confidence == "unconfirmed")
