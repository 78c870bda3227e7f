from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LabelCreateInput")


@_attrs_define
class LabelCreateInput:
    """A new label; `name` is its unique internal name.

    Attributes:
        label (str): The label shown from the source side.
        name (str): Unique internal name, for example `decision_maker`.
        inverse_label (str | Unset): The label shown from the target side (a paired label).
    """

    label: str
    name: str
    inverse_label: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        name = self.name

        inverse_label = self.inverse_label

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "label": label,
                "name": name,
            }
        )
        if inverse_label is not UNSET:
            field_dict["inverseLabel"] = inverse_label

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        label = d.pop("label")

        name = d.pop("name")

        inverse_label = d.pop("inverseLabel", UNSET)

        label_create_input = cls(
            label=label,
            name=name,
            inverse_label=inverse_label,
        )

        label_create_input.additional_properties = d
        return label_create_input

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
