"""Serving the mock with uvicorn: in a background thread for tests (``running_mock``), or in the
foreground for the command line (``serve`` / ``main``)."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import socket
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, TextIO

import httpx
import uvicorn

from ._app import create_app
from ._auth import bearer_token
from ._config import FAULT_KINDS, ConfigError, MockConfig, TokenConfig, config_from_json, config_to_json

__all__ = ["TOKENS_ENV", "MockServer", "build_parser", "config_from_args", "main", "running_mock", "serve"]

_STARTUP_TIMEOUT_S = 10.0
# Tokens for the standalone mock, kept out of its command line (which any user can read with ps).
TOKENS_ENV: Final = "HUBSPOT_MOCK_TOKENS"


class MockServer:
    """A running mock: its ``base_url`` and the control API (``state``, ``reset``, ``configure``)."""

    def __init__(self, base_url: str, config: MockConfig) -> None:
        self.base_url = base_url
        self.config = config
        self._initial_config = config
        self._control = httpx.Client(base_url=base_url, timeout=10.0)

    def state(self) -> dict[str, Any]:
        """``GET /_mock/state``: the stored limits, the portal's own association types (its labels
        among them) and the traffic stats."""
        response = self._control.get("/_mock/state")
        response.raise_for_status()
        state: dict[str, Any] = response.json()
        return state

    def reset(self) -> None:
        """``POST /_mock/reset``: initial config and limits, empty stats, fresh rate limits and faults."""
        self._control.post("/_mock/reset").raise_for_status()
        self.config = self._initial_config

    def configure(self, **fields: Any) -> None:
        """``PATCH /_mock/config`` with MockConfig field names; raises ConfigError for a bad value."""
        changes = config_to_json(fields)
        config = config_from_json(self.config, changes)  # refuses bad values before asking the server
        response = self._control.patch("/_mock/config", json=changes)
        if response.status_code != 200:
            raise ConfigError(f"mock refused config {sorted(fields)}: {response.json().get('message')}")
        self.config = config

    def close(self) -> None:
        """Close the control connection (the server itself stops with ``running_mock``)."""
        self._control.close()

    def __repr__(self) -> str:
        return f"MockServer(base_url={self.base_url!r})"


def _bound_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets that say so, and without it
    # every response waits ~40 ms for the client's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def _base_url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _uvicorn_config(config: MockConfig, log_level: str) -> uvicorn.Config:
    # lifespan off: the app has no startup work; access log off: it would dominate the run time.
    return uvicorn.Config(create_app(config), log_level=log_level, lifespan="off", access_log=False)


@contextlib.contextmanager
def running_mock(config: MockConfig | None = None, *, host: str = "127.0.0.1") -> Iterator[MockServer]:
    """Run the mock on a free port of ``host`` in a background thread until the block ends."""
    config = config or MockConfig()
    sock = _bound_socket(host, 0)
    server = uvicorn.Server(_uvicorn_config(config, "warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="hubspot-mock", daemon=True)
    thread.start()
    deadline = time.monotonic() + _STARTUP_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the HubSpot mock did not start")
        time.sleep(0.005)
    mock = MockServer(_base_url(sock), config)
    try:
        yield mock
    finally:
        mock.close()
        server.should_exit = True
        thread.join(timeout=_STARTUP_TIMEOUT_S)
        sock.close()


class _AnnouncingServer(uvicorn.Server):
    """Prints the base URL and a ready line once it accepts connections."""

    def __init__(self, config: uvicorn.Config, base_url: str, out: TextIO) -> None:
        super().__init__(config)
        self._announce = base_url
        self._out = out

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        print(self._announce, file=self._out)
        print(f"ready: HubSpot association-limit mock at {self._announce} (Ctrl-C to stop)", file=self._out)
        self._out.flush()


def serve(config: MockConfig, host: str = "127.0.0.1", port: int = 8080, *, out: TextIO = sys.stdout) -> None:
    """Serve the mock in the foreground until Ctrl-C or SIGTERM. Prints the base URL, then a ready line."""
    sock = _bound_socket(host, port)
    try:
        _AnnouncingServer(_uvicorn_config(config, "warning"), _base_url(sock), out).run(sockets=[sock])
    finally:
        sock.close()


def build_parser(prog: str = "python -m hubspot_association_limits.mock") -> argparse.ArgumentParser:
    """The command-line options of the standalone mock."""
    parser = argparse.ArgumentParser(
        prog=prog, description="A stateful mock of HubSpot's association-limit API."
    )
    defaults = MockConfig()
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port; 0 picks a free one (default 8080)")
    parser.add_argument("--seed", dest="seed_file", help="seed file (YAML/JSON) or 'demo'")
    parser.add_argument("--burst-limit", type=int, default=defaults.burst_limit, help="requests per interval")
    parser.add_argument("--interval-ms", type=int, default=defaults.interval_ms, help="burst interval")
    parser.add_argument("--daily-limit", type=int, default=defaults.daily_limit, help="requests per UTC day")
    parser.add_argument(
        "--latency-ms", type=float, default=defaults.latency_ms, help="added to every request"
    )
    parser.add_argument(
        "--fault-rate", type=float, default=defaults.fault_rate, help="share of faulted requests"
    )
    parser.add_argument(
        "--faults",
        default=",".join(defaults.faults),
        help=f"comma-separated kinds from {','.join(FAULT_KINDS)}",
    )
    parser.add_argument("--fault-seed", dest="seed", type=int, default=defaults.seed, help="fault RNG seed")
    parser.add_argument("--max-body-bytes", type=int, default=defaults.max_body_bytes, help="413 above this")
    parser.add_argument(
        "--retry-after-s", type=int, default=defaults.retry_after_s, help="Retry-After of 423/477 faults"
    )
    parser.add_argument(
        "--label-limit-per-pair",
        type=int,
        default=defaults.label_limit_per_pair,
        help="labels one object-type pair may have",
    )
    parser.add_argument(
        "--item-error-extras",
        action="store_true",
        help="add context.reason and empty errors/links to batch item errors (HubSpot sends neither)",
    )
    parser.add_argument(
        "--shuffle-label-order",
        action="store_true",
        help="answer label creates and lists in a seeded random order (--fault-seed seeds it)",
    )
    parser.add_argument(
        "--item-error-message",
        dest="item_error_messages",
        action="append",
        metavar="RULE=TEMPLATE",
        help="reword the item errors of RULE (UNKNOWN_ASSOCIATION_TYPE, ...) with TEMPLATE, which may "
        "name {message}, {type}, {category}, {typeId}, {fromObjectType}, {toObjectType} (repeatable)",
    )
    parser.add_argument(
        "--refuse-invalid-types",
        action="store_true",
        help="answer a create or update naming an association type the pair lacks with a 400",
    )
    parser.add_argument(
        "--no-daily-rate-limit-headers",
        dest="daily_rate_limit_headers",
        action="store_false",
        help="send no X-HubSpot-RateLimit-Daily(-Remaining) headers, as HubSpot does for OAuth apps",
    )
    parser.add_argument(
        "--tokens-file",
        metavar="PATH",
        help=f"accept the bearer tokens in PATH, one TOKEN[@PORTAL] a line ('#' starts a comment); "
        f"the environment variable {TOKENS_ENV} takes entries too, separated by spaces or commas. "
        "Without any token, every well-formed token is accepted. PORTAL is a seed file's portal or a "
        "new empty one (default: the default portal)",
    )
    parser.add_argument(
        "--token",
        dest="tokens",
        action="append",
        metavar="TOKEN[@PORTAL]",
        help="accept this bearer token (repeatable). It shows in the process list (ps): use it for "
        f"throwaway tokens only, and --tokens-file or {TOKENS_ENV} for any other",
    )
    return parser


def _token_entries(args: argparse.Namespace, environ: Mapping[str, str]) -> list[tuple[str, str]]:
    """Every TOKEN[@PORTAL] given, each with where it was given (never the token itself)."""
    entries = [(f"--token #{index}", value) for index, value in enumerate(args.tokens or [], 1)]
    if args.tokens_file:
        try:
            lines = Path(args.tokens_file).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise ConfigError(f"cannot read tokens file {args.tokens_file}: {exc.strerror}") from exc
        entries += [
            (f"{args.tokens_file} line {number}", text)
            for number, line in enumerate(lines, 1)
            if (text := line.split("#", 1)[0].strip())
        ]
    values = [value for value in re.split(r"[\s,]+", environ.get(TOKENS_ENV, "")) if value]
    return entries + [(f"{TOKENS_ENV} entry {index}", value) for index, value in enumerate(values, 1)]


def _tokens(entries: Sequence[tuple[str, str]]) -> dict[str, TokenConfig] | None:
    # "@" is not a bearer-token character (RFC 6750 b64token), so it separates the portal safely.
    # Messages say where a bad entry is, never what it is: it may be a real token.
    if not entries:
        return None
    tokens: dict[str, TokenConfig] = {}
    for where, value in entries:
        token, _, portal = value.partition("@")
        if bearer_token(f"Bearer {token}") != token:
            raise ConfigError(f"{where}: not a well-formed bearer token")
        config = TokenConfig(portal=portal) if portal else TokenConfig()
        if tokens.setdefault(token, config) != config:
            raise ConfigError(f"{where}: a token given before is given again with another portal")
    return tokens


def _messages(entries: Sequence[str] | None) -> dict[str, str]:
    messages = {}
    for entry in entries or []:
        rule, sep, template = entry.partition("=")
        if not sep:
            raise ConfigError(f"--item-error-message {entry!r}: write RULE=TEMPLATE")
        messages[rule] = template
    return messages


def config_from_args(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> MockConfig:
    """The MockConfig that parsed options (and ``HUBSPOT_MOCK_TOKENS`` in ``environ``) describe;
    raises ValueError for a bad value."""
    return MockConfig(
        burst_limit=args.burst_limit,
        interval_ms=args.interval_ms,
        daily_limit=args.daily_limit,
        latency_ms=args.latency_ms,
        fault_rate=args.fault_rate,
        faults=tuple(kind for kind in args.faults.split(",") if kind),
        seed=args.seed,
        seed_file=args.seed_file,
        max_body_bytes=args.max_body_bytes,
        retry_after_s=args.retry_after_s,
        label_limit_per_pair=args.label_limit_per_pair,
        item_error_extras=args.item_error_extras,
        shuffle_label_order=args.shuffle_label_order,
        item_error_messages=_messages(args.item_error_messages),
        refuse_invalid_types=args.refuse_invalid_types,
        daily_rate_limit_headers=args.daily_rate_limit_headers,
        tokens=_tokens(_token_entries(args, environ)),
    )


def main(argv: Sequence[str] | None = None, *, prog: str | None = None) -> int:
    """``python -m hubspot_association_limits.mock [options]``; returns the exit code. ``prog`` names
    the command in help and errors (the CLI passes ``hubspot-association-limits mock``)."""
    parser = build_parser(prog) if prog else build_parser()
    args = parser.parse_args(argv)
    try:
        config = config_from_args(args)
        create_app(config)  # fail fast, before binding, on a bad seed file
    except ValueError as exc:
        parser.error(str(exc))
    try:
        serve(config, args.host, args.port)
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl-C after its graceful shutdown
        return 0
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    return 0
