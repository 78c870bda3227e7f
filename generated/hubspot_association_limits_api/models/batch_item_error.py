from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_context import ErrorContext
    from ..models.error_detail import ErrorDetail
    from ..models.links import Links
    from ..models.sub_category_object import SubCategoryObject


T = TypeVar("T", bound="BatchItemError")


@_attrs_define
class BatchItemError:
    """Why one input of a batch was not applied (a 207's `errors` entry).

    Attributes:
        status (str): The item's HTTP-like status, as a string.
        category (str):
        message (str):
        sub_category (str | SubCategoryObject | Unset): A finer category: a string such as
            `crm.associations.INVALID_ASSOCIATION_TYPE` (what HubSpot sends), or an object (what upstream declares).
        id (str | Unset):
        context (ErrorContext | Unset): Values that explain the error, each a list of strings (for example
            `missingScopes`).
        errors (list[ErrorDetail] | Unset):
        links (Links | Unset): Named links to documentation or related resources.
    """

    status: str
    category: str
    message: str
    sub_category: str | SubCategoryObject | Unset = UNSET
    id: str | Unset = UNSET
    context: ErrorContext | Unset = UNSET
    errors: list[ErrorDetail] | Unset = UNSET
    links: Links | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.sub_category_object import SubCategoryObject

        status = self.status

        category = self.category

        message = self.message

        sub_category: dict[str, Any] | str | Unset
        if isinstance(self.sub_category, Unset):
            sub_category = UNSET
        elif isinstance(self.sub_category, SubCategoryObject):
            sub_category = self.sub_category.to_dict()
        else:
            sub_category = self.sub_category

        id = self.id

        context: dict[str, Any] | Unset = UNSET
        if not isinstance(self.context, Unset):
            context = self.context.to_dict()

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "category": category,
                "message": message,
            }
        )
        if sub_category is not UNSET:
            field_dict["subCategory"] = sub_category
        if id is not UNSET:
            field_dict["id"] = id
        if context is not UNSET:
            field_dict["context"] = context
        if errors is not UNSET:
            field_dict["errors"] = errors
        if links is not UNSET:
            field_dict["links"] = links

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_context import ErrorContext
        from ..models.error_detail import ErrorDetail
        from ..models.links import Links
        from ..models.sub_category_object import SubCategoryObject

        d = dict(src_dict)
        status = d.pop("status")

        category = d.pop("category")

        message = d.pop("message")

        def _parse_sub_category(data: object) -> str | SubCategoryObject | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sub_category_type_1 = SubCategoryObject.from_dict(data)

                return sub_category_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | SubCategoryObject | Unset, data)

        sub_category = _parse_sub_category(d.pop("subCategory", UNSET))

        id = d.pop("id", UNSET)

        _context = d.pop("context", UNSET)
        context: ErrorContext | Unset
        if isinstance(_context, Unset):
            context = UNSET
        else:
            context = ErrorContext.from_dict(_context)

        _errors = d.pop("errors", UNSET)
        errors: list[ErrorDetail] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = ErrorDetail.from_dict(errors_item_data)

                errors.append(errors_item)

        _links = d.pop("links", UNSET)
        links: Links | Unset
        if isinstance(_links, Unset):
            links = UNSET
        else:
            links = Links.from_dict(_links)

        batch_item_error = cls(
            status=status,
            category=category,
            message=message,
            sub_category=sub_category,
            id=id,
            context=context,
            errors=errors,
            links=links,
        )

        batch_item_error.additional_properties = d
        return batch_item_error

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
