from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.association_category import AssociationCategory
from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdatedLimit")


@_attrs_define
class UpdatedLimit:
    """A limit as update returns it (without `label`).

    Attributes:
        category (AssociationCategory): Who defined the association type. An open set: HubSpot added `WORK` in 2026-02,
            and the generated client keeps values it does not know instead of failing. Example: HUBSPOT_DEFINED.
        type_id (int): The association type, unique within its category (deal to contact is 3). Example: 3.
        user_enforced_max_to_object_ids (int | None | Unset): The limit now in force.
    """

    category: AssociationCategory
    type_id: int
    user_enforced_max_to_object_ids: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category = self.category.value

        type_id = self.type_id

        user_enforced_max_to_object_ids: int | None | Unset
        if isinstance(self.user_enforced_max_to_object_ids, Unset):
            user_enforced_max_to_object_ids = UNSET
        else:
            user_enforced_max_to_object_ids = self.user_enforced_max_to_object_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "typeId": type_id,
            }
        )
        if user_enforced_max_to_object_ids is not UNSET:
            field_dict["userEnforcedMaxToObjectIds"] = user_enforced_max_to_object_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        category = AssociationCategory(d.pop("category"))

        type_id = d.pop("typeId")

        def _parse_user_enforced_max_to_object_ids(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        user_enforced_max_to_object_ids = _parse_user_enforced_max_to_object_ids(
            d.pop("userEnforcedMaxToObjectIds", UNSET)
        )

        updated_limit = cls(
            category=category,
            type_id=type_id,
            user_enforced_max_to_object_ids=user_enforced_max_to_object_ids,
        )

        updated_limit.additional_properties = d
        return updated_limit

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
