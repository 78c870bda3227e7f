"""A known token never reaches logs, exception text or repr, whatever path the call takes."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from unittest import mock

import httpx
import pytest
from hubspot_association_limits import AsyncLimitsClient, LimitsClient, errors
from hubspot_association_limits._redact import MASK, redact, register_secret
from wrapper_helpers import FAST, TOKEN, batch_body, item_error, sync_client


@pytest.mark.parametrize(
    ("text", "secret_part"),
    [
        ("Authorization: Bearer abc.def-ghi_jkl", "abc.def-ghi_jkl"),
        ("refresh_token=r-123456789&x=1", "r-123456789"),
        ('{"access_token": "tok-987654321"}', "tok-987654321"),
        ("client_secret: s3cr3t-value", "s3cr3t-value"),
        ("token=abcdefghijklmnopqrstuvwxyzABCDEFGH", "abcdefghijklmnopqrstuvwxyzABCDEFGH"),
        ("budget at redis://:hunter2-pw@127.0.0.1:6379/0 unreachable", "hunter2-pw"),
        ("proxy https://me:S3cret@proxy.test:3128 refused", "S3cret"),
        ("redis://default:password@redis.test:6379", ":password@"),
    ],
)
def test_credential_patterns_are_masked(text: str, secret_part: str):
    assert secret_part not in redact(text) and MASK in redact(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the server said pat-eu1-0f0e0d0c-aaaa-bbbb-cccc-123456789abc.",
            f"the server said {MASK}.",
        ),
        ("401 for pat-na1-11111111-2222-3333-4444-555555555555 (expired)", f"401 for {MASK} (expired)"),
        ('{"detail": "pat-na2-8a7b6c5d-1e2f-3a4b-5c6d-7e8f9a0b1c2d"}', f'{{"detail": "{MASK}"}}'),
        ("token pat-ap1-abcdef12-3456-7890-abcd-ef1234567890,next", f"token {MASK},next"),
    ],
    ids=["eu1", "na1", "na2-in-json", "ap1-before-a-comma"],
)
def test_hubspot_tokens_with_several_dashed_groups_are_masked_whole(text: str, expected: str):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "no token: pass --token or set HUBSPOT_ACCESS_TOKEN (or use --mock)",
        "access_token: no access token: pass access_token or set HUBSPOT_ACCESS_TOKEN",
        "send a Bearer token; the token: see the docs.",
        "Bearer (token) expected; token: (see the docs)",
        "refusing to send the access token to http://api.hubapi.com: use https",
        "--budget takes a Redis URL: redis://HOST:PORT/DB",
    ],
)
def test_prose_about_tokens_is_left_alone(text: str):
    assert redact(text) == text


# The library's own messages for the first mistakes a user makes: each reads exactly as written.
def _client(**options: object) -> None:
    LimitsClient(**{"access_token": TOKEN, **options})  # type: ignore[arg-type]


def _client_from_env(base_url: str) -> None:
    with mock.patch.dict(os.environ, {"HUBSPOT_BASE_URL": base_url}):
        _client()


@pytest.mark.parametrize(
    ("mistake", "error_type", "expected"),
    [
        pytest.param(
            lambda: _client(access_token=None),
            errors.InvalidInputError,
            "access_token: no access token: pass access_token or set HUBSPOT_ACCESS_TOKEN",
            id="missing token",
        ),
        pytest.param(
            lambda: _client(base_url="api.hubapi.com"),
            errors.InvalidInputError,
            "base_url: must be an absolute URL like 'https://api.hubapi.com', got 'api.hubapi.com'",
            id="base URL without scheme",
        ),
        pytest.param(
            lambda: _client_from_env("localhost:8080"),
            errors.InvalidInputError,
            "HUBSPOT_BASE_URL: must be an absolute URL like 'https://api.hubapi.com', got 'localhost:8080'",
            id="HUBSPOT_BASE_URL without scheme names the variable",
        ),
        pytest.param(
            lambda: _client(base_url="http://[::1"),
            errors.InvalidInputError,
            "base_url: must be an absolute URL like 'https://api.hubapi.com', got 'http://[::1'",
            id="base URL httpx cannot parse",
        ),
        pytest.param(
            lambda: _client(base_url="http://api.hubapi.com"),
            errors.InsecureTransportError,
            "refusing to send the access token to http://api.hubapi.com: "
            "use https (plain http is allowed only to loopback hosts)",
            id="plain http to a remote host",
        ),
        pytest.param(
            lambda: LimitsClient(TOKEN).get("dea ls", "contacts"),
            errors.InvalidInputError,
            "from_object_type: 'dea ls' cannot be an object type: it contains ' '",
            id="bad object type",
        ),
        pytest.param(
            lambda: _client(batch_size=0),
            errors.InvalidInputError,
            "batch_size: must be a positive integer, got 0",
            id="bad batch size",
        ),
    ],
)
def test_messages_for_common_mistakes_read_as_written(
    monkeypatch: pytest.MonkeyPatch, mistake: Callable[[], object], error_type: type[Exception], expected: str
):
    monkeypatch.delenv("HUBSPOT_ACCESS_TOKEN", raising=False)
    with pytest.raises(error_type) as caught:
        mistake()
    assert str(caught.value) == expected
    assert MASK not in str(caught.value)


def test_registered_secrets_are_masked_anywhere():
    register_secret("plain-secret-value-42")
    assert redact("the server echoed plain-secret-value-42 back") == f"the server echoed {MASK} back"
    register_secret("short")  # too short to mask safely
    assert redact("short") == "short"


def _echoing(request: httpx.Request) -> httpx.Response:
    # A hostile or buggy server that echoes the Authorization header in its error body.
    auth = request.headers.get("authorization", "")
    if request.url.path.endswith("/all"):
        return httpx.Response(503, text=f"<html>upstream said {auth}</html>", headers={"Retry-After": "0"})
    return httpx.Response(
        400,
        json={
            "status": "error",
            "message": f"bad token {auth[7:]}",
            "correlationId": "x",
            "category": "VALIDATION_ERROR",
        },
    )


def test_token_never_in_logs_or_errors(caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.DEBUG, logger="hubspot_association_limits")
    with LimitsClient(
        TOKEN,
        base_url="https://api.hubapi.test",
        http_client=httpx.Client(transport=httpx.MockTransport(_echoing)),
        retry=FAST,
    ) as client:
        texts = [repr(client)]
        for call in (client.list_all, lambda: client.get("deals", "contacts")):
            with pytest.raises(errors.APIStatusError) as caught:
                call()
            texts += [str(caught.value), repr(caught.value), caught.value.message, str(caught.value.args)]
    assert any("retrying GET" in record.getMessage() for record in caplog.records)  # the retries were logged
    texts += [record.getMessage() for record in caplog.records]
    assert texts and all(TOKEN not in text for text in texts)


def test_a_207_item_message_echoing_the_token_is_masked():
    def handler(request: httpx.Request) -> httpx.Response:
        echoed = item_error(3, message=f"bad {request.headers['authorization']}")
        return httpx.Response(207, json=batch_body([], [echoed]))

    with sync_client(handler) as client:
        result = client.create(
            "deals", "contacts", [{"category": "HUBSPOT_DEFINED", "typeId": 3, "maxToObjectIds": 5}]
        )
    with pytest.raises(errors.BatchIncompleteError) as caught:
        result.raise_for_errors()
    texts = [repr(result), result.errors[0].message, str(caught.value)]
    assert MASK in result.errors[0].message
    assert all(TOKEN not in text for text in texts)


def test_retry_log_line_has_reason_wait_attempt_and_correlation_id(caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.INFO, logger="hubspot_association_limits")
    answers = iter(
        [
            httpx.Response(503, headers={"X-HubSpot-Correlation-Id": "cid-77"}),
            httpx.Response(200, json={"results": []}),
        ]
    )
    with LimitsClient(
        TOKEN,
        base_url="https://api.hubapi.test",
        http_client=httpx.Client(transport=httpx.MockTransport(lambda r: next(answers))),
        retry=FAST,
    ) as client:
        client.list_all()
    (line,) = [r.getMessage() for r in caplog.records if "retrying" in r.getMessage()]
    assert "status 503" in line and "waiting 0.00 s" in line and "retry 1 of 3" in line and "cid-77" in line


@pytest.mark.parametrize(("level", "shown"), [("info", True), ("debug", True), ("", False)])
def test_env_switches_logging_on(level: str, shown: bool):
    script = (
        "import httpx, hubspot_association_limits as h\n"
        "answers = iter([httpx.Response(503), httpx.Response(200, json={'results': []})])\n"
        f"c = h.LimitsClient({TOKEN!r}, base_url='https://api.hubapi.test',"
        " retry=h.RetryPolicy(backoff_initial=0.001),"
        " http_client=httpx.Client(transport=httpx.MockTransport(lambda r: next(answers))))\n"
        "c.list_all()\n"
    )
    env = {"HUBSPOT_ASSOCIATION_LIMITS_LOG": level, "PATH": ""}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60, check=True
    )
    assert ("retrying GET" in done.stderr) is shown
    assert TOKEN not in done.stderr + done.stdout


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_token_echoed_in_a_response_header_never_reaches_a_log_record(
    caplog: pytest.LogCaptureFixture, mode: str
):
    # The retry line quotes X-HubSpot-Correlation-Id; a server echoing the token there must not leak it.
    caplog.set_level(logging.DEBUG, logger="hubspot_association_limits")
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) == 1:
            echoed = f"cid-{request.headers['authorization'].removeprefix('Bearer ')}"
            return httpx.Response(502, headers={"X-HubSpot-Correlation-Id": echoed})
        return httpx.Response(200, json={"results": []})

    options = {"base_url": "https://api.hubapi.test", "retry": FAST}
    if mode == "sync":
        with LimitsClient(
            TOKEN, http_client=httpx.Client(transport=httpx.MockTransport(handler)), **options
        ) as c:
            c.list_all()
    else:

        async def main() -> None:
            transport = httpx.MockTransport(handler)
            async with AsyncLimitsClient(
                TOKEN, http_client=httpx.AsyncClient(transport=transport), **options
            ) as c:
                await c.list_all()

        asyncio.run(main())
    (retry_line,) = [r for r in caplog.records if "retrying GET" in r.getMessage()]
    assert f"cid-{MASK}" in retry_line.getMessage()  # the line was logged, with the token masked
    assert len(seen) == 2
    for record in caplog.records:
        assert TOKEN not in record.getMessage()
        assert TOKEN not in str(record.msg) + repr(record.args)
    assert TOKEN not in caplog.text and TOKEN[-12:] not in caplog.text
