"""Everything one mock instance holds: its config and the store, rate limiter, fault plan and stats
built from it. Changing the config rebuilds only the parts it affects."""

from __future__ import annotations

import collections
import threading
from typing import Any

import attrs

from ._config import MockConfig
from ._faults import FaultPlan
from ._limits import RateLimiter
from ._registry import Seed, load_seed
from ._store import LimitStore

__all__ = ["Runtime", "Stats", "config_json"]

_RATE_FIELDS = ("burst_limit", "interval_ms", "daily_limit")
_FAULT_FIELDS = ("fault_rate", "faults", "seed")


class Stats:
    """Counters of HubSpot-path traffic (the control API is not counted). Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests = 0
        self._by_status: collections.Counter[str] = collections.Counter()
        self._rate_limited = 0
        self._faults = 0

    def request(self) -> None:
        with self._lock:
            self._requests += 1

    def response(self, status_code: int) -> None:
        with self._lock:
            self._by_status[str(status_code)] += 1
            if status_code == 429:
                self._rate_limited += 1

    def fault(self) -> None:
        with self._lock:
            self._faults += 1

    def as_json(self) -> dict[str, Any]:
        with self._lock:
            return {
                "requests": self._requests,
                "by_status": dict(sorted(self._by_status.items())),
                "rate_limited": self._rate_limited,
                "faults": self._faults,
            }


class Runtime:
    """The live parts of one mock. ``reset()`` returns to the config the mock was created with."""

    def __init__(self, config: MockConfig) -> None:
        self.initial_config = config
        self.config = config
        self.store = _store_for(config)
        self.limiter = _limiter_for(config)
        self.faults = _faults_for(config)
        self.stats = Stats()

    def reset(self) -> None:
        """Initial config and limits, empty stats, fresh rate limits, the fault plan re-seeded."""
        config = self.initial_config
        self.config, self.store, self.stats = config, _store_for(config), Stats()
        self.limiter, self.faults = _limiter_for(config), _faults_for(config)

    def configure(self, config: MockConfig) -> None:
        """Use ``config`` from now on; a new seed file replaces the stored limits with its own.
        Raises SeedError (and changes nothing) when the seed file is unusable."""
        old = self.config
        store = _store_for(config) if config.seed_file != old.seed_file else self.store
        self.config, self.store = config, store
        if _changed(old, config, _RATE_FIELDS):
            self.limiter = _limiter_for(config)
        if _changed(old, config, _FAULT_FIELDS):
            self.faults = _faults_for(config)


def _changed(old: MockConfig, new: MockConfig, names: tuple[str, ...]) -> bool:
    return any(getattr(old, name) != getattr(new, name) for name in names)


def _store_for(config: MockConfig) -> LimitStore:
    seed = load_seed(config.seed_file) if config.seed_file else Seed()
    return LimitStore(seed.registry(), seed.limits)


def _limiter_for(config: MockConfig) -> RateLimiter:
    return RateLimiter(config.burst_limit, config.interval_ms, config.daily_limit)


def _faults_for(config: MockConfig) -> FaultPlan:
    return FaultPlan(config.fault_rate, config.faults, config.seed)


def config_json(config: MockConfig) -> dict[str, Any]:
    """The config as the control API shows it; tokens are secrets, so only their count is shown."""
    fields = attrs.asdict(config, recurse=False)
    fields["tokens"] = None if config.tokens is None else {"count": len(config.tokens)}
    fields["faults"] = list(config.faults)
    return fields
