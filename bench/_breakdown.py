"""Where a wrapper call's CPU goes: each piece of the hot path timed alone, in µs (best of 5 x 20,000).

``uv run --group bench python -m bench._breakdown``. One create and one get are sent to the bench
mock (in its own process) for real headers and bodies; every piece then runs offline on them, so
the figures show the wrapper's own work apart from the socket and from httpx. Pieces marked
"generated" are the generated client's, which every request goes through.
"""

from __future__ import annotations

import json
import timeit
from collections.abc import Callable

from bench._arms import CREATE_INPUT, FROM, PREFIX, TO, TOKEN, RawHttpx
from bench._server import UNLIMITED, MockProcess


def _time(call: Callable[[], object], number: int = 20_000) -> float:
    return min(timeit.repeat(call, number=number, repeat=5)) / number * 1e6


def main() -> None:
    from hubspot_association_limits import _batching, _inputs, _pacing, _responses, _results, _transport
    from hubspot_association_limits._auth import BearerAuth
    from hubspot_association_limits._client import _Core, _raise_for_status
    from hubspot_association_limits._retry import RetryPolicy
    from hubspot_association_limits_api.api.limits import create_limits, get_limits

    with MockProcess(**UNLIMITED) as mock:
        raw = RawHttpx(mock.base_url)
        raw.purge()
        created = raw._client.post(f"{PREFIX}/{FROM}/{TO}/batch/create", json={"inputs": [CREATE_INPUT]})
        read = raw._client.get(f"{PREFIX}/{FROM}/{TO}")
        raw.purge()
        raw.close()
    items = _inputs.coerce_limit_inputs([CREATE_INPUT])
    body = _Core.limit_body(items)
    policy = RetryPolicy()
    state = _transport.CallState(policy)
    rate_limit = _results.RateLimitInfo.from_headers(read.headers)
    state.last_rate_limit = rate_limit
    budget = _pacing.InProcessBudget(max_requests=10**9)
    observation = _transport._Loop.observation(read, rate_limit)
    auth = BearerAuth(TOKEN)
    built_create = create_limits._build_response(client=None, response=created)  # type: ignore[arg-type]
    built_get = get_limits._build_response(client=None, response=read)  # type: ignore[arg-type]

    def context() -> None:
        token = _transport.call_state.set(_transport.CallState(policy))
        _transport.call_state.reset(token)

    def loop() -> None:
        each = _transport._Loop(policy, _transport.GENERATED_PREFIX, lambda: 0.5, lambda: None, state)  # type: ignore[arg-type, return-value]
        each.prepare(read.request)
        each.after_response(read.request, read)

    def auth_flow() -> None:
        next(auth.sync_auth_flow(read.request))

    def flow() -> object:
        sent = _Core.chunk_sent("create", built_create, state, items)
        return _batching.run(_batching.batch_flow("create", items, 100), lambda step: sent)

    pieces: list[tuple[str, Callable[[], object]]] = [
        ("validation: coerce_limit_inputs (1 dict)", lambda: _inputs.coerce_limit_inputs([CREATE_INPUT])),
        ("validation: pair_ids", lambda: _inputs.pair_ids(FROM, TO)),
        ("request body: limit_body", lambda: _Core.limit_body(items)),
        ("generated: to_dict", body.to_dict),
        ("generated: create _get_kwargs", lambda: create_limits._get_kwargs(FROM, TO, body=body)),
        ("call state + context variable", context),
        ("transport: _Loop, prefix, success decision", loop),
        ("transport: rate-limit headers", lambda: _results.RateLimitInfo.from_headers(read.headers)),
        ("pacing: acquire", budget.acquire),
        ("pacing: observation", lambda: _transport._Loop.observation(read, rate_limit)),
        ("pacing: observe", lambda: budget.observe(observation)),
        ("auth: BearerAuth flow", auth_flow),
        (
            "generated: create _build_response (JSON, from_dict)",
            lambda: create_limits._build_response(client=None, response=created),
        ),  # type: ignore[arg-type]
        ("generated: get _build_response", lambda: get_limits._build_response(client=None, response=read)),  # type: ignore[arg-type]
        ("result: chunk_sent (BatchResult)", lambda: _Core.chunk_sent("create", built_create, state, items)),
        ("result: limits (LimitsResult)", lambda: _Core.limits(built_get, state)),
        ("result: meta", lambda: _responses.meta_of(built_get, state)),
        ("status check", lambda: _raise_for_status(built_get, state)),
        ("batching: batch_flow + run, with chunk_sent", flow),
        ("reference: json.loads of the get body", lambda: json.loads(read.content)),
    ]
    print("| piece | µs |\n|---|---|")
    for name, call in pieces:
        print(f"| {name} | {_time(call):.1f} |")


if __name__ == "__main__":
    main()
