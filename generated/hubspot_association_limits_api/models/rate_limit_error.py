from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RateLimitError")


@_attrs_define
class RateLimitError:
    """The 429 body. It has no `category`; `policyName` says which window ran out.

    Attributes:
        status (str):
        message (str):
        error_type (str):  Example: RATE_LIMIT.
        correlation_id (UUID):
        policy_name (str): `TEN_SECONDLY_ROLLING`, `DAILY` or `SECONDLY`; an open set. Example: TEN_SECONDLY_ROLLING.
        group_name (str | Unset):
        request_id (str | Unset):
    """

    status: str
    message: str
    error_type: str
    correlation_id: UUID
    policy_name: str
    group_name: str | Unset = UNSET
    request_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        message = self.message

        error_type = self.error_type

        correlation_id = str(self.correlation_id)

        policy_name = self.policy_name

        group_name = self.group_name

        request_id = self.request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "message": message,
                "errorType": error_type,
                "correlationId": correlation_id,
                "policyName": policy_name,
            }
        )
        if group_name is not UNSET:
            field_dict["groupName"] = group_name
        if request_id is not UNSET:
            field_dict["requestId"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        status = d.pop("status")

        message = d.pop("message")

        error_type = d.pop("errorType")

        correlation_id = UUID(d.pop("correlationId"))

        policy_name = d.pop("policyName")

        group_name = d.pop("groupName", UNSET)

        request_id = d.pop("requestId", UNSET)

        rate_limit_error = cls(
            status=status,
            message=message,
            error_type=error_type,
            correlation_id=correlation_id,
            policy_name=policy_name,
            group_name=group_name,
            request_id=request_id,
        )

        rate_limit_error.additional_properties = d
        return rate_limit_error

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
