"""The mock's configuration: what it accepts, how fast, and which faults it injects."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from ._words import template_problems

__all__ = [
    "DEFAULT_PORTAL",
    "FAULT_KINDS",
    "ConfigError",
    "MockConfig",
    "TokenConfig",
    "config_from_json",
    "config_to_json",
]

# The portal of a token configured without one, of every token when ``tokens`` is None, and of the
# seed file's top level.
DEFAULT_PORTAL: Final = "default"

# Every fault the mock can inject. Status codes answer with that status (500, 502 and 524 with the edge
# proxy's HTML page); "drop_connection" closes the socket without answering; "applied_then_failed"
# stores the change, then answers 502 as if the edge lost the response.
FAULT_KINDS: Final = (
    "500",
    "502",
    "503",
    "504",
    "521",
    "524",
    "423",
    "477",
    "drop_connection",
    "applied_then_failed",
)


class ConfigError(ValueError):
    """A configuration value the mock cannot use."""


def _scopes(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


@attrs.frozen
class TokenConfig:
    """What one configured bearer token may do.

    ``scopes=None`` grants every scope; a tuple lists the granted ones (the mock accepts any one
    object scope, as HubSpot does for these endpoints). ``expired=True`` answers 401
    ``EXPIRED_AUTHENTICATION``. ``portal`` names the portal the token belongs to (see
    ``MockConfig``); every request made with it reads and changes that portal only.
    """

    scopes: tuple[str, ...] | None = attrs.field(default=None, converter=_scopes)
    expired: bool = False
    portal: str = DEFAULT_PORTAL


def _tokens_repr(tokens: Mapping[str, TokenConfig] | None) -> str:
    # Tokens are secrets: show how many there are, never what they are.
    return "None" if tokens is None else f"<{len(tokens)} configured>"


def _check_non_negative(_: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if isinstance(value, bool) or value < 0:
        raise ConfigError(f"{attribute.name} must be a number >= 0, got {value!r}")


def _check_positive(_: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{attribute.name} must be an integer >= 1, got {value!r}")


def _check_rate(_: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if isinstance(value, bool) or not 0.0 <= value <= 1.0:
        raise ConfigError(f"{attribute.name} must be between 0.0 and 1.0, got {value!r}")


def _check_bool(_: object, attribute: attrs.Attribute[Any], value: bool) -> None:
    if not isinstance(value, bool):
        raise ConfigError(f"{attribute.name} must be true or false, got {value!r}")


def _messages(value: object) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"item_error_messages must map a rule to a message template, got {value!r}")
    return dict(value)


def _check_messages(_: object, attribute: attrs.Attribute[Any], value: Mapping[str, str]) -> None:
    problems = template_problems(value)
    if problems:
        raise ConfigError(f"{attribute.name}: {'; '.join(problems)}")


def _check_faults(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    unknown = [kind for kind in value if kind not in FAULT_KINDS]
    if unknown:
        raise ConfigError(f"unknown fault kinds {unknown}; choose from {list(FAULT_KINDS)}")


@attrs.frozen
class MockConfig:
    """How the mock behaves. Every field can be changed at run time with ``PATCH /_mock/config``.

    - ``tokens``: None accepts any well-formed bearer token; otherwise only these tokens, each with
      its ``TokenConfig``.
    - Portals: one mock serves several portals (a public app is installed in many), each with its
      own labels, typeId numbering, limits and rate budget. A token's ``TokenConfig.portal`` says
      which; tokens without one (and every token when ``tokens`` is None) use the ``"default"``
      portal, so a single-portal setup needs no portal anywhere. The seed file's ``portals:``
      section seeds named portals; a portal only a token names starts empty.
    - ``burst_limit`` requests per ``interval_ms`` (rolling) and ``daily_limit`` per UTC day, per token
      (a token belongs to one portal, so one portal's 429s never throttle another).
    - ``latency_ms``: added to every HubSpot request.
    - ``fault_rate`` (0.0-1.0) of HubSpot requests get a fault, drawn from ``faults`` with
      ``random.Random(seed)``, so a run is reproducible (``seed`` seeds ``shuffle_label_order`` too).
    - ``seed_file``: custom objects, extra association types and initial limits (YAML or JSON; see
      ``_registry``), or ``"demo"``.
    - ``max_body_bytes``: larger request bodies get 413.
    - ``retry_after_s``: the ``Retry-After`` value sent with 423 and 477 faults.
    - ``label_limit_per_pair``: how many labels one object-type pair may have (both directions
      count once); a create beyond it gets 400. HubSpot caps labels per pair by subscription
      (its limits tracking API reports the cap); 50 is the mock's default.
    - ``item_error_extras``: add to every batch item error what HubSpot is not known to send: the
      mock's code for the rule the item broke (``context.reason``: ``UNKNOWN_ASSOCIATION_TYPE``,
      ``ALREADY_CONFIGURED``, ``NOT_CONFIGURED``, ``LIMIT_OUT_OF_RANGE``,
      ``LABEL_LIMIT_ABOVE_OBJECT_LIMIT``) and the empty ``errors`` and ``links`` that the upstream
      spec's ``StandardError`` requires. Off by default, so that code tested against the mock reads
      only what HubSpot sends.
    - ``shuffle_label_order``: answer label creates and label lists in a random order drawn with
      ``random.Random(seed)``, so that no code comes to rely on an order HubSpot does not promise.
      Off, a created label's types come inverse first (as HubSpot's guide shows them) and a list
      comes HubSpot-defined types first (the catalogue's order), then the portal's by typeId.
    - ``item_error_messages``: reword batch item errors by the rule they broke (a key of
      ``context.reason``'s codes above), with a template that may name ``{message}`` (the mock's
      own), ``{type}`` (``0-5``), ``{category}``, ``{typeId}``, ``{fromObjectType}`` and
      ``{toObjectType}`` (``CONTACT``): put in HubSpot's words where they are known to you and
      not yet to the mock, or prove that your code does not depend on a message's wording.
    - ``refuse_invalid_types``: answer a create or update that names an association type the pair
      does not have with a 400 (in the words of that item error, every such input named in
      ``errors[]``) and apply none of its inputs, as a purge does. HubSpot's status for such a
      batch is not recorded (the mock's 207 is its own choice): turn this on to prove your code
      handles a refusal too.
    - ``daily_rate_limit_headers``: False sends no ``X-HubSpot-RateLimit-Daily`` and
      ``-Daily-Remaining``, as HubSpot does for apps that authenticate with OAuth.
    """

    tokens: Mapping[str, TokenConfig] | None = attrs.field(default=None, repr=_tokens_repr)
    burst_limit: int = attrs.field(default=100, validator=_check_positive)
    interval_ms: int = attrs.field(default=10_000, validator=_check_positive)
    daily_limit: int = attrs.field(default=250_000, validator=_check_positive)
    latency_ms: float = attrs.field(default=0, validator=_check_non_negative)
    fault_rate: float = attrs.field(default=0.0, validator=_check_rate)
    faults: tuple[str, ...] = attrs.field(default=FAULT_KINDS, converter=tuple, validator=_check_faults)
    seed: int = 0
    seed_file: str | None = None
    max_body_bytes: int = attrs.field(default=1_000_000, validator=_check_positive)
    retry_after_s: int = attrs.field(default=1, validator=_check_non_negative)
    label_limit_per_pair: int = attrs.field(default=50, validator=_check_positive)
    item_error_extras: bool = attrs.field(default=False, validator=_check_bool)
    shuffle_label_order: bool = attrs.field(default=False, validator=_check_bool)
    item_error_messages: Mapping[str, str] = attrs.field(
        factory=dict, converter=_messages, validator=_check_messages
    )
    refuse_invalid_types: bool = attrs.field(default=False, validator=_check_bool)
    daily_rate_limit_headers: bool = attrs.field(default=True, validator=_check_bool)


def config_to_json(fields: Mapping[str, Any]) -> dict[str, Any]:
    """MockConfig field values as JSON-ready values (``TokenConfig`` becomes a dict)."""
    out = dict(fields)
    tokens = out.get("tokens")
    if tokens is not None:
        out["tokens"] = {token: _token_to_json(cfg) for token, cfg in tokens.items()}
    if "faults" in out:
        out["faults"] = list(out["faults"])
    return out


def config_from_json(base: MockConfig, fields: Mapping[str, Any]) -> MockConfig:
    """``base`` with ``fields`` (JSON values, MockConfig names) applied; raises ConfigError."""
    names = {field.name for field in attrs.fields(MockConfig)}
    unknown = sorted(set(fields) - names)
    if unknown:
        raise ConfigError(f"unknown config fields {unknown}; known: {sorted(names)}")
    changes = dict(fields)
    if changes.get("tokens") is not None:
        tokens = changes["tokens"]
        if not isinstance(tokens, Mapping):
            raise ConfigError("tokens must be an object mapping token -> {scopes, expired, portal}")
        changes["tokens"] = {str(token): _token_from_json(cfg) for token, cfg in tokens.items()}
    try:
        return attrs.evolve(base, **changes)
    except (TypeError, ValueError) as exc:
        raise ConfigError(str(exc)) from exc


def _token_to_json(config: TokenConfig | Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(config, TokenConfig):
        return {
            "scopes": None if config.scopes is None else list(config.scopes),
            "expired": config.expired,
            "portal": config.portal,
        }
    return config


def _token_from_json(value: object) -> TokenConfig:
    if isinstance(value, TokenConfig):
        return value
    if not isinstance(value, Mapping) or set(value) - {"scopes", "expired", "portal"}:
        raise ConfigError(
            "each token config must be an object with optional 'scopes', 'expired' and 'portal'"
        )
    scopes = value.get("scopes")
    if scopes is not None and (not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes)):
        raise ConfigError("token scopes must be a list of strings or null")
    portal = value.get("portal", DEFAULT_PORTAL)
    if not isinstance(portal, str) or not portal:
        raise ConfigError("a token's portal must be a non-empty string")
    return TokenConfig(scopes=scopes, expired=bool(value.get("expired", False)), portal=portal)
