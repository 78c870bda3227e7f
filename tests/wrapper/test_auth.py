"""Bearer auth, OAuth refresh on 401 EXPIRED_AUTHENTICATION, plain-HTTP refusal and redirects."""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qs

import httpx
import pytest
from hubspot_association_limits import AsyncLimitsClient, LimitsClient, OAuthCredentials, TokenRefresh, errors
from hubspot_association_limits._auth import check_secure_url
from wrapper_helpers import FAST, TOKEN, error_body

CREDENTIALS = OAuthCredentials(
    client_id="app-id", client_secret="app-secret-0123456789", refresh_token="refresh-0123456789"
)


def _oauth_server(expired_token: str, fresh_token: str, token_status: int = 200):
    log: list[tuple[str, str, str | None]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        log.append((request.method, request.url.path, request.headers.get("authorization")))
        if request.url.path == "/oauth/v1/token":
            form = parse_qs(request.content.decode())
            assert form == {
                "grant_type": ["refresh_token"],
                "client_id": ["app-id"],
                "client_secret": ["app-secret-0123456789"],
                "refresh_token": ["refresh-0123456789"],
            }
            if token_status != 200:
                return httpx.Response(
                    token_status,
                    json={"status": "BAD_REFRESH_TOKEN", "message": "missing or unknown refresh token"},
                )
            return httpx.Response(
                200,
                json={
                    "access_token": fresh_token,
                    "refresh_token": "refresh-new-0123456789",
                    "expires_in": 1800,
                },
            )
        if request.headers.get("authorization") == f"Bearer {expired_token}":
            return httpx.Response(401, json=error_body("EXPIRED_AUTHENTICATION"))
        return httpx.Response(200, json={"results": []})

    return handler, log


def _client(handler, access_token: str | None, **kwargs) -> LimitsClient:
    return LimitsClient(
        access_token,
        base_url="https://api.hubapi.test",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
        retry=FAST,
        oauth=CREDENTIALS,
        **kwargs,
    )


def test_expired_token_is_refreshed_once_and_the_request_replayed():
    handler, log = _oauth_server("old-access-0123456789", "new-access-0123456789")
    refreshed: list[TokenRefresh] = []
    with _client(handler, "old-access-0123456789", on_token_refresh=refreshed.append) as client:
        client.list_all()
        client.list_all()
    assert log == [
        ("GET", "/crm/associations/v4/definitions/configurations/all", "Bearer old-access-0123456789"),
        ("POST", "/oauth/v1/token", None),
        ("GET", "/crm/associations/v4/definitions/configurations/all", "Bearer new-access-0123456789"),
        ("GET", "/crm/associations/v4/definitions/configurations/all", "Bearer new-access-0123456789"),
    ]
    assert [(r.access_token, r.refresh_token, r.expires_in) for r in refreshed] == [
        ("new-access-0123456789", "refresh-new-0123456789", 1800)
    ]
    assert "new-access" not in repr(refreshed[0])


def test_without_an_access_token_oauth_refreshes_first():
    handler, log = _oauth_server("never", "fresh-access-0123456789")
    with _client(handler, None) as client:
        client.list_all()
    assert [entry[1] for entry in log] == [
        "/oauth/v1/token",
        "/crm/associations/v4/definitions/configurations/all",
    ]


def test_a_failed_refresh_raises_authentication_error():
    handler, _ = _oauth_server("old-access-0123456789", "x", token_status=400)
    with (
        _client(handler, "old-access-0123456789") as client,
        pytest.raises(errors.AuthenticationError, match="refresh failed"),
    ):
        client.list_all()


def test_still_expired_after_refresh_raises_expired_authentication():
    handler, log = _oauth_server("same-token-0123456789", "same-token-0123456789")
    with (
        _client(handler, "same-token-0123456789") as client,
        pytest.raises(errors.ExpiredAuthenticationError),
    ):
        client.list_all()
    assert [entry[1] for entry in log].count("/oauth/v1/token") == 1


def test_a_plain_401_is_not_refreshed():
    log: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        log.append(request.url.path)
        return httpx.Response(401, json=error_body("INVALID_AUTHENTICATION"))

    with (
        _client(handler, "bad-token-0123456789") as client,
        pytest.raises(errors.AuthenticationError) as caught,
    ):
        client.list_all()
    assert type(caught.value) is errors.AuthenticationError and "/oauth/v1/token" not in log


@pytest.mark.parametrize(
    ("base_url", "allowed"),
    [
        ("https://api.hubapi.com", True),
        ("http://127.0.0.1:8123", True),
        ("http://127.9.9.9:8123", True),
        ("http://localhost:8123", True),
        ("http://[::1]:8123", True),
        ("http://api.hubapi.com", False),
        ("http://10.0.0.5:8080", False),
        ("http://128.0.0.1", False),
        ("ftp://api.hubapi.com", False),
    ],
)
def test_token_only_over_https_or_to_loopback(base_url: str, allowed: bool):
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(200, json={"results": []}))
    if allowed:
        with LimitsClient(TOKEN, base_url=base_url, http_client=httpx.Client(transport=transport)) as client:
            client.list_all()
        assert len(seen) == 1
    else:
        with pytest.raises(errors.InsecureTransportError) as caught:
            LimitsClient(TOKEN, base_url=base_url, http_client=httpx.Client(transport=transport))
        assert TOKEN not in str(caught.value)
        assert seen == []


@pytest.mark.parametrize(
    ("urls", "sent"),
    [
        (["http://127.0.0.1:1/a", "http://127.0.0.1:1/b"], 2),
        (["http://api.hubapi.com/a", "http://api.hubapi.com/b"], 0),
        (["https://api.hubapi.com/a", "http://api.hubapi.com/a", "https://api.hubapi.com/b"], 2),
        (["http://localhost:1/a", "http://10.0.0.5/a", "http://localhost:1/b"], 2),
    ],
)
def test_every_url_is_checked_even_after_the_decision_is_cached(urls: list[str], sent: int):
    # The check decides once per scheme and host; a refused host stays refused every time.
    allowed = 0
    for url in urls:
        if url.startswith("https://") or httpx.URL(url).host in ("127.0.0.1", "localhost"):
            check_secure_url(url)
            allowed += 1
        else:
            with pytest.raises(errors.InsecureTransportError):
                check_secure_url(url)
    assert allowed == sent


def test_redirects_are_not_followed_and_the_token_stays_home():
    seen: list[tuple[str, str | None]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.host, request.headers.get("authorization")))
        if request.url.host == "api.hubapi.test":
            return httpx.Response(302, headers={"Location": "https://evil.test/steal"})
        return httpx.Response(200, json={"results": []})

    with (
        LimitsClient(
            TOKEN,
            base_url="https://api.hubapi.test",
            http_client=httpx.Client(transport=httpx.MockTransport(handler)),
            retry=FAST,
        ) as client,
        pytest.raises(errors.APIStatusError) as caught,
    ):
        client.list_all()
    assert caught.value.status_code == 302
    assert seen == [("api.hubapi.test", f"Bearer {TOKEN}")]

    # An injected client that follows redirects: httpx strips the token for another origin.
    seen.clear()
    follower = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True)
    with LimitsClient(TOKEN, base_url="https://api.hubapi.test", http_client=follower, retry=FAST) as client:
        client.list_all()
    assert seen == [("api.hubapi.test", f"Bearer {TOKEN}"), ("evil.test", None)]


def test_async_oauth_refresh():
    handler, log = _oauth_server("old-access-0123456789", "new-access-0123456789")
    refreshed: list[TokenRefresh] = []

    async def main() -> None:
        async with AsyncLimitsClient(
            "old-access-0123456789",
            base_url="https://api.hubapi.test",
            http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)),
            retry=FAST,
            oauth=CREDENTIALS,
            on_token_refresh=refreshed.append,
        ) as client:
            await client.list_all()

    asyncio.run(main())
    assert [entry[1] for entry in log] == [
        "/crm/associations/v4/definitions/configurations/all",
        "/oauth/v1/token",
        "/crm/associations/v4/definitions/configurations/all",
    ]
    assert [r.access_token for r in refreshed] == ["new-access-0123456789"]


class _StoreFailed(Exception):
    pass


def _raise(error: Exception):
    def callback(refresh: TokenRefresh) -> None:
        raise error

    return callback


# A raising on_token_refresh is the caller's own error, not "a body that is not the documented JSON".
@pytest.mark.parametrize(
    "error",
    [ValueError("vault is read-only"), KeyError("vault"), TypeError("vault"), _StoreFailed("vault")],
    ids=lambda error: type(error).__name__,
)
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_raising_on_token_refresh_surfaces_as_itself(mode: str, error: Exception):
    handler, _log = _oauth_server("old-access-0123456789", "new-access-0123456789")
    options = {
        "base_url": "https://api.hubapi.test",
        "retry": FAST,
        "oauth": CREDENTIALS,
        "on_token_refresh": _raise(error),
    }
    with pytest.raises(type(error)) as caught:
        if mode == "sync":
            transport = httpx.MockTransport(handler)
            with LimitsClient(
                "old-access-0123456789", http_client=httpx.Client(transport=transport), **options
            ) as client:
                client.list_all()
        else:

            async def main() -> None:
                transport = httpx.MockTransport(handler)
                async with AsyncLimitsClient(
                    "old-access-0123456789", http_client=httpx.AsyncClient(transport=transport), **options
                ) as client:
                    await client.list_all()

            asyncio.run(main())
    assert caught.value is error
    assert not isinstance(caught.value, errors.HubSpotError)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_body_the_parser_cannot_read_is_still_an_unreadable_body(mode: str):
    # The other half of the rule above: what the generated parser raises is about the body.
    transport = httpx.MockTransport(lambda request: httpx.Response(201, content=b"<html>ok</html>"))
    limits = [{"category": "USER_DEFINED", "typeId": 1, "maxToObjectIds": 1}]
    options = {"base_url": "https://api.hubapi.test", "retry": FAST}
    with pytest.raises(errors.APIStatusError) as caught:
        if mode == "sync":
            with LimitsClient(TOKEN, http_client=httpx.Client(transport=transport), **options) as client:
                client.create("deals", "contacts", limits)
        else:

            async def main() -> None:
                async with AsyncLimitsClient(
                    TOKEN, http_client=httpx.AsyncClient(transport=transport), **options
                ) as client:
                    await client.create("deals", "contacts", limits)

            asyncio.run(main())
    assert caught.value.status_code == 201 and "not the documented JSON" in str(caught.value)
