"""``import hubspot_association_limits`` loads no CLI or mock stack (issue 12); names load on first use.

The dev env has every extra, so a fresh interpreter shows what the import itself pulls in.
tests/packaging/test_build.py repeats the check in a venv holding only the base install.
"""

from __future__ import annotations

import json
import subprocess
import sys

import hubspot_association_limits
import pytest
from packaging_support import FORBIDDEN

# httpx imports its own command line when click and rich are importable (this env), never without them.
_NO_HTTPX_CLI = "sys.modules['httpx._main'] = None\n"


def _loaded_after(statement: str, prelude: str = "", wanted: list[str] = FORBIDDEN) -> list[str]:
    """Which of ``wanted`` a fresh interpreter has loaded after ``statement``."""
    report = f"print(json.dumps([m for m in {wanted!r} if m in sys.modules]))"
    code = f"import sys, json\n{prelude}{statement}\n{report}"
    done = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    loaded: list[str] = json.loads(done.stdout)
    return loaded


@pytest.mark.parametrize(
    ("statement", "prelude"),
    [
        ("import hubspot_association_limits", ""),
        (
            "from hubspot_association_limits import LimitsClient, AsyncLimitsClient, RetryPolicy, errors",
            _NO_HTTPX_CLI,
        ),
        ("import hubspot_association_limits as h; h.LimitsClient('pat-na1-x').close()", _NO_HTTPX_CLI),
    ],
    ids=["package", "library-names", "client-made"],
)
def test_the_library_loads_no_cli_or_mock_stack(statement: str, prelude: str) -> None:
    assert _loaded_after(statement, prelude) == []


@pytest.mark.parametrize("name", hubspot_association_limits.__all__)
def test_every_public_name_resolves_and_is_listed(name: str) -> None:
    value = getattr(hubspot_association_limits, name)
    assert getattr(value, "__name__", "").rpartition(".")[2] == name
    assert name in dir(hubspot_association_limits)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        _ = hubspot_association_limits.Nope  # type: ignore[attr-defined]


def test_a_sync_program_never_loads_asyncio() -> None:
    # asyncio costs about as much to import as httpx's own modules; only the async client needs it.
    statement = "from hubspot_association_limits import LimitsClient\nLimitsClient('pat-na1-x').close()"
    code = f"import sys\n{_NO_HTTPX_CLI}{statement}\nprint('asyncio' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "False"


# Loaded when first needed, not with the client class: the generated package (its models and
# endpoints) by the first client, the catalogue by the first object-type lookup.
_DEFERRED = ["hubspot_association_limits_api", "hubspot_association_limits._catalogue"]


@pytest.mark.parametrize(
    ("statement", "loaded"),
    [
        ("from hubspot_association_limits import LimitsClient, AsyncLimitsClient", []),
        (
            "from hubspot_association_limits import LimitsClient\nLimitsClient('pat-na1-x').close()",
            _DEFERRED[:1],
        ),
        (
            "from hubspot_association_limits import LimitsClient\n"
            "from hubspot_association_limits._inputs import pair_ids\npair_ids('deals', 'contacts')",
            _DEFERRED[1:],
        ),
    ],
    ids=["client-class", "client-made", "first-lookup"],
)
def test_the_generated_package_and_the_catalogue_load_when_first_needed(
    statement: str, loaded: list[str]
) -> None:
    assert _loaded_after(statement, _NO_HTTPX_CLI, _DEFERRED) == loaded
