"""Everything one mock instance holds: its config and the portals (one store each), rate limiter,
fault plan, label order and stats built from it. Changing the config rebuilds only the parts it affects."""

from __future__ import annotations

import collections
import threading
from typing import Any

import attrs

from ._config import DEFAULT_PORTAL, MockConfig
from ._faults import FaultPlan
from ._limits import RateLimiter
from ._order import LabelOrder
from ._registry import Registry, Seed, load_seed
from ._store import LimitStore

__all__ = ["Runtime", "Stats", "config_json"]

_RATE_FIELDS = ("burst_limit", "interval_ms", "daily_limit")
_FAULT_FIELDS = ("fault_rate", "faults", "seed")
_ORDER_FIELDS = ("shuffle_label_order", "seed")


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
        self.portals = _portals_for(config)
        self.limiter = _limiter_for(config)
        self.faults = _faults_for(config)
        self.label_order = _label_order_for(config)
        self.stats = Stats()

    def reset(self) -> None:
        """Initial config and limits, empty stats, fresh rate limits, the fault plan and the label
        order re-seeded."""
        config = self.initial_config
        self.config, self.portals, self.stats = config, _portals_for(config), Stats()
        self.limiter, self.faults = _limiter_for(config), _faults_for(config)
        self.label_order = _label_order_for(config)

    @property
    def store(self) -> LimitStore:
        """The default portal's store."""
        return self.portals[DEFAULT_PORTAL]

    def portal(self, name: str) -> LimitStore:
        """The store of the portal ``name`` (a configured token's portal always has one)."""
        return self.portals[name]

    def configure(self, config: MockConfig) -> None:
        """Use ``config`` from now on; a new seed file replaces every portal's state with its own,
        and a portal a token names for the first time starts empty. Raises SeedError (and changes
        nothing) when the seed file is unusable."""
        old = self.config
        if config.seed_file != old.seed_file:
            portals = _portals_for(config)
        else:
            portals = {name: LimitStore(Registry()) for name in _token_portals(config)} | self.portals
        self.config, self.portals = config, portals
        if _changed(old, config, _RATE_FIELDS):
            self.limiter = _limiter_for(config)
        if _changed(old, config, _FAULT_FIELDS):
            self.faults = _faults_for(config)
        if _changed(old, config, _ORDER_FIELDS):
            self.label_order = _label_order_for(config)


def _changed(old: MockConfig, new: MockConfig, names: tuple[str, ...]) -> bool:
    return any(getattr(old, name) != getattr(new, name) for name in names)


def _portals_for(config: MockConfig) -> dict[str, LimitStore]:
    seed = load_seed(config.seed_file) if config.seed_file else Seed()
    seeds = {DEFAULT_PORTAL: seed, **seed.portals}
    for name in _token_portals(config):
        seeds.setdefault(name, Seed())
    return {name: _store_for(portal_seed) for name, portal_seed in seeds.items()}


def _token_portals(config: MockConfig) -> set[str]:
    return {token.portal for token in (config.tokens or {}).values()}


def _store_for(seed: Seed) -> LimitStore:
    return LimitStore(
        seed.registry(), seed.limits, labels=seed.labels, first_label_type_id=seed.first_label_type_id
    )


def _limiter_for(config: MockConfig) -> RateLimiter:
    return RateLimiter(config.burst_limit, config.interval_ms, config.daily_limit)


def _faults_for(config: MockConfig) -> FaultPlan:
    return FaultPlan(config.fault_rate, config.faults, config.seed)


def _label_order_for(config: MockConfig) -> LabelOrder:
    return LabelOrder(config.shuffle_label_order, config.seed)


def config_json(config: MockConfig) -> dict[str, Any]:
    """The config as the control API shows it; tokens are secrets, so only their count is shown, in all
    and per portal: ``{"count": 3, "portals": {"default": 1, "production": 2}}``."""
    fields = attrs.asdict(config, recurse=False)
    if config.tokens is not None:
        per_portal = collections.Counter(token.portal for token in config.tokens.values())
        fields["tokens"] = {"count": len(config.tokens), "portals": dict(sorted(per_portal.items()))}
    fields["faults"] = list(config.faults)
    return fields
