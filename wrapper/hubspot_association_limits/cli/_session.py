"""The client the global options describe (HubSpot with a token, or the embedded demo mock) and its budget."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final

from hubspot_association_limits import LimitsClient, RateBudget
from hubspot_association_limits._extras import install_hint, is_missing
from hubspot_association_limits.cli._output import EXIT_USAGE, Output, Settings

__all__ = ["budget_of", "open_client"]

# The embedded mock accepts any well-formed bearer token; this one is not a secret.
_MOCK_TOKEN: Final = "embedded-mock-token"
_REDIS_SCHEMES: Final = ("redis://", "rediss://", "unix://")


@contextmanager
def open_client(settings: Settings, output: Output) -> Iterator[LimitsClient]:
    """A LimitsClient for the global options: on the embedded mock with --mock, else on HubSpot."""
    options: dict[str, Any] = {"budget": budget_of(settings, output)}
    if settings.prefix is not None:
        options["api_prefix"] = settings.prefix
    if settings.mock:
        if settings.base_url is not None:
            output.fail(EXIT_USAGE, "--mock and --base-url exclude each other")
        # Imported here: the mock needs the [mock] extra, which talking to HubSpot does not.
        try:
            from hubspot_association_limits.mock import MockConfig, running_mock
        except ImportError as error:
            if not is_missing(error, "mock"):
                raise
            output.fail(EXIT_USAGE, install_hint("mock", "--mock"))

        with (
            running_mock(MockConfig(seed_file="demo")) as mock,
            LimitsClient(_MOCK_TOKEN, base_url=mock.base_url, **options) as client,
        ):
            yield client
        return
    if not settings.token:
        output.fail(EXIT_USAGE, "no token: pass --token or set HUBSPOT_ACCESS_TOKEN (or use --mock)")
    if settings.base_url is not None:
        options["base_url"] = settings.base_url
    with LimitsClient(settings.token, **options) as client:
        yield client


def budget_of(settings: Settings, output: Output) -> RateBudget | None:
    """``--budget redis://...``: a RedisBudget shared with every worker naming the same Redis."""
    if settings.budget is None:
        return None
    if not settings.budget.startswith(_REDIS_SCHEMES):
        output.fail(EXIT_USAGE, "--budget takes a Redis URL: redis://HOST:PORT/DB")
    try:
        # Imported here: the "redis" extra is optional.
        from hubspot_association_limits import RedisBudget

        return RedisBudget(settings.budget)
    except ImportError as error:
        output.fail(EXIT_USAGE, str(error))
    except ValueError as error:
        output.fail(EXIT_USAGE, f"--budget: {error}")
