"""``record``: run the scenario against a portal and keep what it answered, sanitised."""

from __future__ import annotations

import datetime
import importlib.metadata
from collections.abc import Callable
from typing import Final, Literal

import httpx

from ._answers import Observed
from ._recording import Exchange, Origin, Recording, Step
from ._runner import Listener, play
from ._sanitise import sanitise
from ._scenario import DEFAULT_PAIR, SCENARIO, SCENARIO_VERSION, roles, scenario
from ._session import Session, Target
from ._templates import Bindings, new_run_id

__all__ = ["origin_of", "record"]

_HUBSPOT_HOSTS: Final = ("hubapi.com", "hubspot.com")


def origin_of(target: Target, now: datetime.datetime) -> Origin:
    """Where a recording comes from: HubSpot (its API hosts), a mock (this machine), or another server."""
    host = httpx.URL(target.base_url).host
    server: Literal["hubspot", "mock", "other"] = "other"
    if any(host == name or host.endswith(f".{name}") for name in _HUBSPOT_HOSTS):
        server = "hubspot"
    elif target.on_this_machine:
        server = "mock"
    recorded_at = now.astimezone(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    tool = f"hubspot-association-limits {importlib.metadata.version('hubspot-association-limits')}"
    return Origin(server, host, target.api_prefix, recorded_at, tool)


def _unusable(step: Step, observed: Observed | None, problem: str | None) -> str | None:
    """Why an answer cannot go into a recording (the run then stops), or None."""
    if observed is None:
        return f"step {step.id}: {problem}"
    status = observed.status
    if status == 429 or status >= 500:
        return f"step {step.id}: HTTP {status}, even after retries; try again later"
    body = observed.json()
    failed = isinstance(body, dict) and (bool(body.get("errors")) or bool(body.get("numErrors")))
    if step.expect == "success" and (not observed.ok or failed):
        message = body.get("message") if isinstance(body, dict) else None
        if failed and isinstance(body, dict) and isinstance(body.get("errors"), list):
            first = body["errors"][0]
            message = first.get("message") if isinstance(first, dict) else message
        done = f"step {step.id} ({step.purpose}) was not done: HTTP {status}"
        return done + (f": {message}" if message else "")
    return None if problem is None else f"step {step.id}: {problem}"


def record(
    target: Target,
    *,
    pair: tuple[str, str] = DEFAULT_PAIR,
    listener: Listener | None = None,
    run_id: str | None = None,
    clock: Callable[[], datetime.datetime] = lambda: datetime.datetime.now(datetime.UTC),
) -> Recording:
    """Run the scenario on ``pair`` against ``target`` and return the sanitised recording.

    Prints the plan (``listener.planned``) before sending anything. Stops with ``Aborted`` at the
    first answer a recording cannot hold; on every way out (also Ctrl-C) removes what the run
    created first and tells the listener (``cleaned_up``).
    """
    steps = scenario(pair)
    bindings = Bindings(run_id or new_run_id())
    started = clock()
    session = Session(target)
    try:
        run = play(session, steps, bindings, listener or Listener(), stop=_unusable)
    finally:
        session.close()
    exchanges = tuple(
        Exchange(step, sanitise(step, run.answers[step.id], bindings, [target.token])) for step in steps
    )
    return Recording(SCENARIO, SCENARIO_VERSION, pair, origin_of(target, started), roles(pair), exchanges)
