from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.batch_status import BatchStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_item_error import BatchItemError
    from ..models.links import Links
    from ..models.updated_limit import UpdatedLimit


T = TypeVar("T", bound="UpdateBatchResultWithErrors")


@_attrs_define
class UpdateBatchResultWithErrors:
    """
    Attributes:
        status (BatchStatus): State of a batch operation. An open set, like AssociationCategory.
        results (list[UpdatedLimit]):
        started_at (datetime.datetime):
        completed_at (datetime.datetime):
        num_errors (int | Unset):
        errors (list[BatchItemError] | Unset):
        requested_at (datetime.datetime | Unset):
        links (Links | Unset): Named links to documentation or related resources.
    """

    status: BatchStatus
    results: list[UpdatedLimit]
    started_at: datetime.datetime
    completed_at: datetime.datetime
    num_errors: int | Unset = UNSET
    errors: list[BatchItemError] | Unset = UNSET
    requested_at: datetime.datetime | Unset = UNSET
    links: Links | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        started_at = self.started_at.isoformat()

        completed_at = self.completed_at.isoformat()

        num_errors = self.num_errors

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        requested_at: str | Unset = UNSET
        if not isinstance(self.requested_at, Unset):
            requested_at = self.requested_at.isoformat()

        links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "results": results,
                "startedAt": started_at,
                "completedAt": completed_at,
            }
        )
        if num_errors is not UNSET:
            field_dict["numErrors"] = num_errors
        if errors is not UNSET:
            field_dict["errors"] = errors
        if requested_at is not UNSET:
            field_dict["requestedAt"] = requested_at
        if links is not UNSET:
            field_dict["links"] = links

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_item_error import BatchItemError
        from ..models.links import Links
        from ..models.updated_limit import UpdatedLimit

        d = dict(src_dict)
        status = BatchStatus(d.pop("status"))

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = UpdatedLimit.from_dict(results_item_data)

            results.append(results_item)

        started_at = datetime.datetime.fromisoformat(d.pop("startedAt"))

        completed_at = datetime.datetime.fromisoformat(d.pop("completedAt"))

        num_errors = d.pop("numErrors", UNSET)

        _errors = d.pop("errors", UNSET)
        errors: list[BatchItemError] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = BatchItemError.from_dict(errors_item_data)

                errors.append(errors_item)

        _requested_at = d.pop("requestedAt", UNSET)
        requested_at: datetime.datetime | Unset
        if isinstance(_requested_at, Unset):
            requested_at = UNSET
        else:
            requested_at = datetime.datetime.fromisoformat(_requested_at)

        _links = d.pop("links", UNSET)
        links: Links | Unset
        if isinstance(_links, Unset):
            links = UNSET
        else:
            links = Links.from_dict(_links)

        update_batch_result_with_errors = cls(
            status=status,
            results=results,
            started_at=started_at,
            completed_at=completed_at,
            num_errors=num_errors,
            errors=errors,
            requested_at=requested_at,
            links=links,
        )

        update_batch_result_with_errors.additional_properties = d
        return update_batch_result_with_errors

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
