"""The seeded fault plan: which HubSpot request gets which fault. Same seed, same requests, same faults."""

from __future__ import annotations

import random
import threading
from collections.abc import Sequence

__all__ = ["FaultPlan"]


class FaultPlan:
    """Draws a fault for a ``rate`` share of requests, uniformly among ``kinds``. Thread-safe."""

    def __init__(self, rate: float, kinds: Sequence[str], seed: int) -> None:
        self._rate = rate
        self._kinds = tuple(kinds)
        self._random = random.Random(seed)
        self._lock = threading.Lock()

    def draw(self) -> str | None:
        """The fault kind for the next request, or None."""
        if self._rate <= 0 or not self._kinds:
            return None
        with self._lock:
            if self._random.random() >= self._rate:
                return None
            return self._random.choice(self._kinds)
