from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.association_category import AssociationCategory

T = TypeVar("T", bound="LimitInput")


@_attrs_define
class LimitInput:
    """The limit to set for one association type.

    Attributes:
        category (AssociationCategory): Who defined the association type. An open set: HubSpot added `WORK` in 2026-02,
            and the generated client keeps values it does not know instead of failing. Example: HUBSPOT_DEFINED.
        type_id (int): The association type, unique within its category (deal to contact is 3). Example: 3.
        max_to_object_ids (int): The most target records one source record may be associated with through this
            association type. HubSpot accepts 1 to 10,000 and rejects others per item. Example: 5.
    """

    category: AssociationCategory
    type_id: int
    max_to_object_ids: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category = self.category.value

        type_id = self.type_id

        max_to_object_ids = self.max_to_object_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "typeId": type_id,
                "maxToObjectIds": max_to_object_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        category = AssociationCategory(d.pop("category"))

        type_id = d.pop("typeId")

        max_to_object_ids = d.pop("maxToObjectIds")

        limit_input = cls(
            category=category,
            type_id=type_id,
            max_to_object_ids=max_to_object_ids,
        )

        limit_input.additional_properties = d
        return limit_input

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
