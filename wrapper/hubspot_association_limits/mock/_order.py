"""The order of label answers and label lists: a fixed one, or a seeded shuffle.

HubSpot promises no order: its guide lists a paired label's inverse first, a connector's recording
lists it second, and its label lists are not sorted. Shuffled (``MockConfig.shuffle_label_order``),
the mock makes code that relies on an order fail in tests rather than in production; the same
``MockConfig.seed`` and the same requests give the same orders.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterable
from typing import TypeVar

__all__ = ["LabelOrder"]

_T = TypeVar("_T")


class LabelOrder:
    """Puts label answers in order: as given, or shuffled with ``random.Random(seed)``. Thread-safe."""

    def __init__(self, shuffle: bool, seed: int) -> None:
        self._random = random.Random(seed) if shuffle else None
        self._lock = threading.Lock()

    def arrange(self, items: Iterable[_T]) -> list[_T]:
        """``items`` in the order the mock answers with."""
        arranged = list(items)
        if self._random is not None:
            with self._lock:
                self._random.shuffle(arranged)
        return arranged
