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

from bench._arms import CREATE_INPUT, FROM, PREFIX, TO, RawHttpx
from bench._server import UNLIMITED, MockProcess


def _time(call: Callable[[], object], number: int = 20_000) -> float:
    return min(timeit.repeat(call, number=number, repeat=5)) / number * 1e6


def main() -> None:
    from hubspot_association_limits import _batching, _call, _flow, _inputs, _pacing, _wire
    from hubspot_association_limits._headers import RateLimitInfo
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
    pair = _inputs.pair_ids(FROM, TO)
    body = _wire.limit_body(items)
    policy = RetryPolicy()
    rate_limit = RateLimitInfo.from_headers(read.headers)
    budget = _pacing.InProcessBudget(max_requests=10**9)
    observation = _pacing.observation_from(read.status_code, rate_limit, None)
    built_create = create_limits._build_response(client=None, response=created)  # type: ignore[arg-type]
    built_get = get_limits._build_response(client=None, response=read)  # type: ignore[arg-type]
    create_exchange = _call.Exchange(built_create, 1, rate_limit)
    get_exchange = _call.Exchange(built_get, 1, rate_limit)

    def request(paced: bool) -> object:
        call = _call.Call(policy, budget if paced else None)
        return _call.exchange(_call.request_flow(call, "POST"), lambda: built_create, call.budget)

    def flow() -> object:
        steps = _batching.batch_flow("create", pair, items, 100)
        return _flow.run(steps, lambda step: create_exchange)

    pieces: list[tuple[str, Callable[[], object]]] = [
        ("validation: coerce_limit_inputs (1 dict)", lambda: _inputs.coerce_limit_inputs([CREATE_INPUT])),
        ("validation: pair_ids", lambda: _inputs.pair_ids(FROM, TO)),
        ("request body: limit_body", lambda: _wire.limit_body(items)),
        ("generated: to_dict", body.to_dict),
        ("generated: create _get_kwargs", lambda: create_limits._get_kwargs(FROM, TO, body=body)),
        (
            "generated: create _build_response (parse deferred)",
            lambda: create_limits._build_response(client=None, response=created),
        ),  # type: ignore[arg-type]
        ("call: Call", lambda: _call.Call(policy, budget)),
        ("call: request flow + driver, no pacing", lambda: request(paced=False)),
        ("call: request flow + driver, paced", lambda: request(paced=True)),
        ("rate-limit headers", lambda: RateLimitInfo.from_headers(read.headers)),
        ("pacing: acquire", budget.acquire),
        ("pacing: observation", lambda: _pacing.observation_from(read.status_code, rate_limit, None)),
        ("pacing: observe", lambda: budget.observe(observation)),
        ("reading: read_batch (BatchResult)", lambda: _wire.read_batch(create_exchange, items)),
        ("reading: read_limits (LimitsResult)", lambda: _wire.read_limits(get_exchange)),
        ("reading: meta", lambda: _wire.meta_of(get_exchange)),
        ("flow: batch_flow + run, with read_batch", flow),
        ("reference: json.loads of the get body", lambda: json.loads(read.content)),
    ]
    print("| piece | µs |\n|---|---|")
    for name, call in pieces:
        print(f"| {name} | {_time(call):.1f} |")


if __name__ == "__main__":
    main()
