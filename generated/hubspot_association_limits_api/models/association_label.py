from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.association_category import AssociationCategory
from ..types import UNSET, Unset

T = TypeVar("T", bound="AssociationLabel")


@_attrs_define
class AssociationLabel:
    """One association type of a pair, as the label operations return it. `label` is null for HubSpot's unlabeled type.

    Attributes:
        category (AssociationCategory): Who defined the association type. An open set: HubSpot added `WORK` in 2026-02,
            and the generated client keeps values it does not know instead of failing. Example: HUBSPOT_DEFINED.
        type_id (int): The association type, unique within its category (deal to contact is 3). Example: 3.
        label (None | str | Unset): The label, `Primary` for the primary type, or null for the unlabeled type.
        from_object_type_id (str | Unset): The source object type id, when HubSpot sends it.
        to_object_type_id (str | Unset): The target object type id, when HubSpot sends it.
    """

    category: AssociationCategory
    type_id: int
    label: None | str | Unset = UNSET
    from_object_type_id: str | Unset = UNSET
    to_object_type_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category = self.category.value

        type_id = self.type_id

        label: None | str | Unset
        if isinstance(self.label, Unset):
            label = UNSET
        else:
            label = self.label

        from_object_type_id = self.from_object_type_id

        to_object_type_id = self.to_object_type_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "typeId": type_id,
            }
        )
        if label is not UNSET:
            field_dict["label"] = label
        if from_object_type_id is not UNSET:
            field_dict["fromObjectTypeId"] = from_object_type_id
        if to_object_type_id is not UNSET:
            field_dict["toObjectTypeId"] = to_object_type_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        category = AssociationCategory(d.pop("category"))

        type_id = d.pop("typeId")

        def _parse_label(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        label = _parse_label(d.pop("label", UNSET))

        from_object_type_id = d.pop("fromObjectTypeId", UNSET)

        to_object_type_id = d.pop("toObjectTypeId", UNSET)

        association_label = cls(
            category=category,
            type_id=type_id,
            label=label,
            from_object_type_id=from_object_type_id,
            to_object_type_id=to_object_type_id,
        )

        association_label.additional_properties = d
        return association_label

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
