"""A stateful mock of HubSpot's association-limit service, for tests and for users' CI.

Imports are lazy so that the pytest plugin (``pytest_plugin``) loads without starlette or uvicorn.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._app import create_app
    from ._config import FAULT_KINDS, MockConfig, TokenConfig
    from ._fidelity import (
        FIDELITY,
        Basis,
        Behaviour,
        Found,
        Trace,
        behaviour,
        behaviours,
        behind,
        counts_by_basis,
    )
    from ._server import MockServer, running_mock

__all__ = [
    "FAULT_KINDS",
    "FIDELITY",
    "Basis",
    "Behaviour",
    "Found",
    "MockConfig",
    "MockServer",
    "TokenConfig",
    "Trace",
    "behaviour",
    "behaviours",
    "behind",
    "counts_by_basis",
    "create_app",
    "running_mock",
]

_HOMES = {
    "FIDELITY": "._fidelity",
    "Basis": "._fidelity",
    "Behaviour": "._fidelity",
    "behaviour": "._fidelity",
    "behaviours": "._fidelity",
    "behind": "._fidelity",
    "Found": "._fidelity",
    "Trace": "._fidelity",
    "counts_by_basis": "._fidelity",
    "create_app": "._app",
    "FAULT_KINDS": "._config",
    "MockConfig": "._config",
    "TokenConfig": "._config",
    "MockServer": "._server",
    "running_mock": "._server",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home, __name__), name)
