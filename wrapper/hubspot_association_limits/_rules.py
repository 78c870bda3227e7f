"""HubSpot's published rules that the client, the mock and the command line share, written once.

- A custom limit is 1 to 10,000 ("Set limits for record associations", HubSpot knowledge base; the
  changelog "Introducing custom association limits").
- A label's internal ``name``, when the caller gives none, is its ASCII slug: HubSpot asks for a
  unique internal name, and the slug is what its own UI derives ("Decision maker" -> "decision_maker").
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["MAX_LIMIT", "MIN_LIMIT", "label_name"]

MIN_LIMIT: Final = 1
MAX_LIMIT: Final = 10_000

_NOT_A_NAME: Final = re.compile(r"[^a-z0-9]+")


def label_name(label: str) -> str:
    """The default internal ``name`` of a label: its ASCII slug ("Décision maker" -> "decision_maker")."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    return _NOT_A_NAME.sub("_", ascii_text.lower()).strip("_")
