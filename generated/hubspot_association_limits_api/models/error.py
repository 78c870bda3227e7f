from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_context import ErrorContext
    from ..models.error_detail import ErrorDetail
    from ..models.links import Links


T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """HubSpot's error body.

    Attributes:
        message (str):
        correlation_id (UUID):
        category (str): For example VALIDATION_ERROR or EXPIRED_AUTHENTICATION.
        status (str | Unset): Always "error".
        sub_category (str | Unset):
        errors (list[ErrorDetail] | Unset):
        context (ErrorContext | Unset): Values that explain the error, each a list of strings (for example
            `missingScopes`).
        links (Links | Unset): Named links to documentation or related resources.
    """

    message: str
    correlation_id: UUID
    category: str
    status: str | Unset = UNSET
    sub_category: str | Unset = UNSET
    errors: list[ErrorDetail] | Unset = UNSET
    context: ErrorContext | Unset = UNSET
    links: Links | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        correlation_id = str(self.correlation_id)

        category = self.category

        status = self.status

        sub_category = self.sub_category

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        context: dict[str, Any] | Unset = UNSET
        if not isinstance(self.context, Unset):
            context = self.context.to_dict()

        links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "correlationId": correlation_id,
                "category": category,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if sub_category is not UNSET:
            field_dict["subCategory"] = sub_category
        if errors is not UNSET:
            field_dict["errors"] = errors
        if context is not UNSET:
            field_dict["context"] = context
        if links is not UNSET:
            field_dict["links"] = links

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_context import ErrorContext
        from ..models.error_detail import ErrorDetail
        from ..models.links import Links

        d = dict(src_dict)
        message = d.pop("message")

        correlation_id = UUID(d.pop("correlationId"))

        category = d.pop("category")

        status = d.pop("status", UNSET)

        sub_category = d.pop("subCategory", UNSET)

        _errors = d.pop("errors", UNSET)
        errors: list[ErrorDetail] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = ErrorDetail.from_dict(errors_item_data)

                errors.append(errors_item)

        _context = d.pop("context", UNSET)
        context: ErrorContext | Unset
        if isinstance(_context, Unset):
            context = UNSET
        else:
            context = ErrorContext.from_dict(_context)

        _links = d.pop("links", UNSET)
        links: Links | Unset
        if isinstance(_links, Unset):
            links = UNSET
        else:
            links = Links.from_dict(_links)

        error = cls(
            message=message,
            correlation_id=correlation_id,
            category=category,
            status=status,
            sub_category=sub_category,
            errors=errors,
            context=context,
            links=links,
        )

        error.additional_properties = d
        return error

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
