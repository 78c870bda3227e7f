"""The three generator defects the custom templates in spec/templates fix, shown both ways: the committed
client survives each case, and a client generated from the same spec with the stock templates fails it
(so these tests would fail if the templates were dropped)."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from spec_paths import ROOT, SPEC_PATH

COMMITTED = "hubspot_association_limits_api"
STOCK = "stock_hubspot_association_limits_api"
LIMIT_ENDPOINTS = ["create_limits", "update_limits", "purge_limits", "get_limits", "list_all_limits"]
LABEL_ENDPOINTS = ["list_labels", "create_label", "update_label", "delete_label"]
ENDPOINTS = LIMIT_ENDPOINTS + LABEL_ENDPOINTS
UNKNOWN_STATUSES = [477, 521, 522, 523, 524, 525, 526]
ERROR_BODY = {
    "status": "error",
    "message": "This portal is being migrated.",
    "correlationId": "aeb5f871-7f07-4993-9211-075dc63e7cbf",
    "category": "MIGRATION_IN_PROGRESS",
}
HTML = b"<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>"


@pytest.fixture(scope="module")
def stock_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The spec generated with the generator's stock templates (same config, no --custom-template-path)."""
    out = tmp_path_factory.mktemp("stock")
    bin_dir = Path(sys.executable).parent
    result = subprocess.run(
        [str(bin_dir / "openapi-python-client"), "generate", "--path", str(SPEC_PATH),
         "--config", str(ROOT / "spec" / "generator-config.yaml"), "--meta", "none",
         "--output-path", str(out / STOCK), "--fail-on-warning"],
        cwd=out, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(out))
    yield STOCK
    sys.path.remove(str(out))
    for name in [n for n in sys.modules if n == STOCK or n.startswith(STOCK + ".")]:
        del sys.modules[name]


def call(package: str, endpoint: str, status: int, content: bytes, content_type: str) -> Any:
    """Run endpoint.sync_detailed of `package` against one canned response."""
    tag = "labels" if endpoint in LABEL_ENDPOINTS else "limits"
    module = importlib.import_module(f"{package}.api.{tag}.{endpoint}")
    model_module: ModuleType = importlib.import_module(f"{package}.models")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=content, headers={"Content-Type": content_type})

    client_class = importlib.import_module(package).Client
    client = client_class(
        base_url="https://api.hubapi.com", httpx_args={"transport": httpx.MockTransport(handler)}
    )
    key = {"category": "HUBSPOT_DEFINED", "typeId": 3}
    if endpoint in ("create_limits", "update_limits"):
        body = model_module.LimitBatchInput.from_dict({"inputs": [{**key, "maxToObjectIds": 5}]})
        return module.sync_detailed("deals", "contacts", client=client, body=body)
    if endpoint == "purge_limits":
        return module.sync_detailed(
            "deals", "contacts", client=client, body=model_module.KeyBatchInput.from_dict({"inputs": [key]})
        )
    if endpoint in ("get_limits", "list_labels"):
        return module.sync_detailed("deals", "contacts", client=client)
    if endpoint == "create_label":
        body = model_module.LabelCreateInput(label="Decision maker", name="decision_maker")
        return module.sync_detailed("deals", "contacts", client=client, body=body)
    if endpoint == "update_label":
        body = model_module.LabelUpdateInput(association_type_id=101, label="Buyer")
        return module.sync_detailed("deals", "contacts", client=client, body=body)
    if endpoint == "delete_label":
        return module.sync_detailed("deals", "contacts", 101, client=client)
    return module.sync_detailed(client=client)


def _json(value: Any) -> bytes:
    return json.dumps(value).encode()


LIMIT_NEW_CATEGORY = {
    "results": [{"category": "NEW_CATEGORY", "typeId": 3, "label": None, "userEnforcedMaxToObjectIds": 5}]
}
BATCH_FAILED = {
    "status": "FAILED",
    "results": [{"category": "WORK", "typeId": 7, "label": "Billing", "userEnforcedMaxToObjectIds": 2}],
    "startedAt": "2026-03-02T10:15:30.123Z",
    "completedAt": "2026-03-02T10:15:30.456Z",
}

# (id, endpoint, status, body, content type, what the stock client raises)
CASES = [
    *[
        pytest.param(e, 477, _json(ERROR_BODY), "application/json", ValueError, id=f"477-{e}")
        for e in ENDPOINTS
    ],
    *[
        pytest.param("create_limits", s, HTML, "text/html", ValueError, id=f"{s}-html")
        for s in UNKNOWN_STATUSES[1:]
    ],
    *[pytest.param(e, 502, HTML, "text/html", json.JSONDecodeError, id=f"502-html-{e}") for e in ENDPOINTS],
    pytest.param(
        "get_limits", 200, _json(LIMIT_NEW_CATEGORY), "application/json", ValueError, id="new-category-get"
    ),
    pytest.param(
        "list_all_limits",
        200,
        _json(LIMIT_NEW_CATEGORY),
        "application/json",
        ValueError,
        id="new-category-all",
    ),
    pytest.param(
        "create_limits", 201, _json(BATCH_FAILED), "application/json", ValueError, id="failed-status-create"
    ),
]


@pytest.mark.parametrize(("endpoint", "status", "content", "content_type", "stock_raises"), CASES)
def test_stock_templates_have_the_defect(
    stock_client: str,
    endpoint: str,
    status: int,
    content: bytes,
    content_type: str,
    stock_raises: type[Exception],
) -> None:
    with pytest.raises(stock_raises):
        call(stock_client, endpoint, status, content, content_type)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("status", UNKNOWN_STATUSES)
def test_unknown_status_gives_an_int_status_code(endpoint: str, status: int) -> None:
    response = call(COMMITTED, endpoint, status, _json(ERROR_BODY), "application/json")
    assert response.status_code == status
    assert type(response.status_code) is int  # HTTPStatus has no member for it
    assert response.parsed.category == "MIGRATION_IN_PROGRESS"


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("status", [502, 504, 524])
def test_html_error_body_parses_to_none(endpoint: str, status: int) -> None:
    response = call(COMMITTED, endpoint, status, HTML, "text/html")
    assert response.status_code == status
    assert response.parsed is None
    assert response.content == HTML  # kept for the caller's error message


@pytest.mark.parametrize("endpoint", ["get_limits", "list_all_limits", "list_labels", "create_label"])
def test_unknown_category_parses_and_keeps_its_value(endpoint: str) -> None:
    response = call(COMMITTED, endpoint, 200, _json(LIMIT_NEW_CATEGORY), "application/json")
    limit = response.parsed.results[0]
    assert limit.category == "NEW_CATEGORY"
    assert str(limit.category) == "NEW_CATEGORY"
    assert response.parsed.to_dict() == LIMIT_NEW_CATEGORY


def test_unknown_batch_status_parses_and_keeps_its_value() -> None:
    response = call(COMMITTED, "create_limits", 201, _json(BATCH_FAILED), "application/json")
    assert response.status_code == 201
    assert response.parsed.status == "FAILED"
    assert response.parsed.results[0].category == "WORK"
    assert response.parsed.to_dict()["status"] == "FAILED"


@pytest.mark.parametrize("value", ["HUBSPOT_DEFINED", "WORK"])
def test_known_category_is_still_the_named_member(value: str) -> None:
    from hubspot_association_limits_api.models import AssociationCategory

    assert AssociationCategory(value) is AssociationCategory[value]


def test_unknown_enum_rejects_non_strings() -> None:
    from hubspot_association_limits_api.models import BatchStatus

    with pytest.raises(ValueError):
        BatchStatus(3)
