"""Bad input never reaches HubSpot: the wrapper raises ``InvalidInputError`` and the mock sees no request."""

from __future__ import annotations

from typing import Any

import pytest
from hubspot_association_limits import LimitsClient, errors
from hubspot_association_limits.mock import MockConfig, running_mock

from ._drivers import TOKEN

GOOD = {"category": "HUBSPOT_DEFINED", "typeId": 3, "maxToObjectIds": 5}


@pytest.mark.parametrize(
    ("operation", "pair", "inputs"),
    [
        ("create", ("deals", "contacts"), [{**GOOD, "maxToObjectIds": 0}]),
        ("create", ("deals", "contacts"), [{**GOOD, "maxToObjectIds": 10_001}]),
        ("update", ("deals", "contacts"), [{**GOOD, "maxToObjectIds": True}]),
        ("update", ("deals", "contacts"), [{**GOOD, "maxToObjectIds": "5"}]),
        ("create", ("deals", "contacts"), [{**GOOD, "typeId": -1}]),
        ("create", ("deals", "contacts"), [{**GOOD, "typeId": 2**31}]),
        ("create", ("deals", "contacts"), [{"category": "HUBSPOT_DEFINED", "typeId": 3}]),
        ("create", ("deals", "contacts"), [{**GOOD, "label": "extra"}]),
        ("create", ("deals", "contacts"), [GOOD, {**GOOD, "maxToObjectIds": 6}]),
        ("create", ("deals", "contacts"), [{**GOOD, "category": ""}]),
        ("create", ("deals", "contacts"), GOOD),
        ("create", ("deals/contacts", "contacts"), [GOOD]),
        ("purge", ("deals", ".."), [{"category": "HUBSPOT_DEFINED", "typeId": 3}]),
        ("purge", ("deals", "contacts"), [{"category": "HUBSPOT_DEFINED", "typeId": "3"}]),
    ],
)
def test_bad_input_raises_before_anything_is_sent(operation: str, pair: tuple[str, str], inputs: Any) -> None:
    with running_mock(MockConfig()) as mock, LimitsClient(TOKEN, base_url=mock.base_url) as client:
        with pytest.raises(errors.InvalidInputError):
            getattr(client, operation)(*pair, inputs)
        assert mock.state()["stats"]["requests"] == 0
