"""OAuth refresh as an ``httpx.Auth``, and the plain-HTTP refusal (a plain token is a default header).

The token goes only over HTTPS, or plain HTTP to loopback (127.0.0.0/8, ::1, localhost). The
client never follows redirects itself, and httpx drops ``Authorization`` on a redirect to another
origin when an injected client follows them.
"""

from __future__ import annotations

import functools
import ipaddress
import threading
from collections.abc import Callable, Generator
from typing import Final

import attrs
import httpx

from ._logging import logger
from ._redact import register_secret
from .errors import AuthenticationError, InsecureTransportError, from_response, parse_json_object

__all__ = ["OAuthCredentials", "OAuthRefreshAuth", "TokenRefresh", "check_secure_url"]

TOKEN_PATH: Final = "/oauth/v1/token"


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# Decided once per scheme and host: every request of a client goes to the same one or two.
@functools.lru_cache(maxsize=64)
def _may_send_token(scheme: str, host: str) -> bool:
    return scheme == "https" or (scheme == "http" and _is_loopback(host))


def check_secure_url(url: httpx.URL | str) -> None:
    """Raise ``InsecureTransportError`` unless a token may be sent to ``url``."""
    parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
    if not _may_send_token(parsed.scheme, parsed.host):
        raise InsecureTransportError(
            f"refusing to send the access token to {parsed.scheme}://{parsed.host}: "
            "use https (plain http is allowed only to loopback hosts)"
        )


@attrs.frozen(repr=False)
class OAuthCredentials:
    """An OAuth app's ``client_id`` and ``client_secret`` plus the portal's ``refresh_token``."""

    client_id: str
    client_secret: str
    refresh_token: str

    def __repr__(self) -> str:
        return f"OAuthCredentials(client_id={self.client_id!r}, client_secret=..., refresh_token=...)"


@attrs.frozen(repr=False)
class TokenRefresh:
    """What a refresh returned; passed to ``on_token_refresh`` so the caller can store it."""

    access_token: str
    refresh_token: str | None
    expires_in: int | None

    def __repr__(self) -> str:
        return f"TokenRefresh(access_token=..., refresh_token=..., expires_in={self.expires_in})"


class OAuthRefreshAuth(httpx.Auth):
    """Bearer auth that, on 401 EXPIRED_AUTHENTICATION, refreshes the token once and replays the request.

    The refresh is ``POST {base_url}/oauth/v1/token`` with ``grant_type=refresh_token``; a new
    refresh token in the answer replaces the old one. Without an access token it refreshes first.
    """

    requires_response_body = True

    def __init__(
        self,
        access_token: str | None,
        credentials: OAuthCredentials,
        *,
        base_url: str,
        on_token_refresh: Callable[[TokenRefresh], None] | None = None,
    ) -> None:
        for secret in (access_token, credentials.client_secret, credentials.refresh_token):
            register_secret(secret)
        self._token = access_token
        self._credentials = credentials
        self._token_url = httpx.URL(base_url.rstrip("/") + TOKEN_PATH)
        self._on_token_refresh = on_token_refresh
        # Guards the token fields only; never held across a yield (async callers share the thread).
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"OAuthRefreshAuth(token_url={str(self._token_url)!r}, credentials=...)"

    def _refresh_request(self) -> httpx.Request:
        with self._lock:
            refresh_token = self._credentials.refresh_token
        return httpx.Request(
            "POST",
            self._token_url,
            data={
                "grant_type": "refresh_token",
                "client_id": self._credentials.client_id,
                "client_secret": self._credentials.client_secret,
                "refresh_token": refresh_token,
            },
        )

    def _store(self, response: httpx.Response) -> None:
        if response.status_code != 200:
            error = from_response(response.status_code, response.headers, response.content)
            raise AuthenticationError(
                f"the OAuth token refresh failed: {error.message}",
                status_code=response.status_code,
                correlation_id=error.correlation_id,
                category=error.category,
                headers=response.headers,
            )
        body = parse_json_object(response.content)
        access_token = body.get("access_token")
        if not isinstance(access_token, str) or not access_token:
            raise AuthenticationError(
                "the OAuth token refresh answered without an access_token",
                status_code=response.status_code,
                headers=response.headers,
            )
        new_refresh = body.get("refresh_token")
        expires_in = body.get("expires_in")
        refresh = TokenRefresh(
            access_token=access_token,
            refresh_token=new_refresh if isinstance(new_refresh, str) and new_refresh else None,
            expires_in=expires_in
            if isinstance(expires_in, int) and not isinstance(expires_in, bool)
            else None,
        )
        register_secret(refresh.access_token)
        register_secret(refresh.refresh_token)
        with self._lock:
            self._token = refresh.access_token
            if refresh.refresh_token:
                self._credentials = attrs.evolve(self._credentials, refresh_token=refresh.refresh_token)
        logger.info("refreshed the OAuth access token (expires in %s s)", refresh.expires_in)
        if self._on_token_refresh is not None:
            self._on_token_refresh(refresh)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        check_secure_url(request.url)
        check_secure_url(self._token_url)
        with self._lock:
            token = self._token
        if token is None:
            self._store((yield self._refresh_request()))
            with self._lock:
                token = self._token
        request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if response.status_code != 401 or not _is_expired(response):
            return
        with self._lock:
            current = self._token
        if current == token:  # nobody refreshed meanwhile
            self._store((yield self._refresh_request()))
            with self._lock:
                current = self._token
        request.headers["Authorization"] = f"Bearer {current}"
        yield request


def _is_expired(response: httpx.Response) -> bool:
    return parse_json_object(response.content).get("category") == "EXPIRED_AUTHENTICATION"
