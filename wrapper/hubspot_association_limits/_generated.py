"""The generated client (``hubspot_association_limits_api``), loaded by the first client, not the import.

Its models and endpoint modules are a fifth of ``from hubspot_association_limits import
LimitsClient``'s import time, and a program that imports the client may never construct one (a
CLI's ``--help``, a test collecting). ``generated()`` imports them once and hands them out.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hubspot_association_limits_api.models import AssociationCategory

__all__ = ["Generated", "generated"]


class Generated:
    """The generated pieces the library uses: the client class, the endpoints, the request models."""

    def __init__(self) -> None:
        from hubspot_association_limits_api import Client
        from hubspot_association_limits_api.api.labels import (
            create_label,
            delete_label,
            list_labels,
            update_label,
        )
        from hubspot_association_limits_api.api.limits import (
            create_limits,
            get_limits,
            list_all_limits,
            purge_limits,
            update_limits,
        )
        from hubspot_association_limits_api.models import (
            AssociationCategory,
            AssociationTypeKey,
            KeyBatchInput,
            LabelCreateInput,
            LabelUpdateInput,
            LimitBatchInput,
            LimitInput,
        )
        from hubspot_association_limits_api.types import UNSET

        self.Client = Client
        self.create_limits = create_limits
        self.update_limits = update_limits
        self.purge_limits = purge_limits
        self.get_limits = get_limits
        self.list_all_limits = list_all_limits
        self.list_labels = list_labels
        self.create_label = create_label
        self.update_label = update_label
        self.delete_label = delete_label
        self.AssociationCategory = AssociationCategory
        self.AssociationTypeKey = AssociationTypeKey
        self.KeyBatchInput = KeyBatchInput
        self.LabelCreateInput = LabelCreateInput
        self.LabelUpdateInput = LabelUpdateInput
        self.LimitBatchInput = LimitBatchInput
        self.LimitInput = LimitInput
        self.UNSET = UNSET
        # The members by value, looked up for every input: cheaper than calling the enum.
        self._categories = {member.value: member for member in AssociationCategory}

    def category(self, value: str) -> AssociationCategory:
        """The generated category for ``value``; one HubSpot added later becomes an unnamed member."""
        return self._categories.get(value) or self.AssociationCategory(value)


@functools.cache
def generated() -> Generated:
    """The generated package, imported on the first call."""
    return Generated()
