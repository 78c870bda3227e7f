"""The fidelity suites replay evidence/ to the clients (over httpx.MockTransport) and to the mock."""

from __future__ import annotations

import sys
from pathlib import Path

# The wrapper suite's helpers: both clients over httpx.MockTransport, the async one behind a sync facade.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "wrapper"))
