from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tool_llm_parameters_item_type import ToolLlmParametersItemType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ToolLlmParametersItem")


@_attrs_define
class ToolLlmParametersItem:
    """
    Attributes:
        name (str): Parameter name
        description (str): What the parameter represents
        type_ (ToolLlmParametersItemType):
        values (list[str] | Unset): Required when type is `enum`. Allowed values.
        required (bool | Unset):  Default: False.
    """

    name: str
    description: str
    type_: ToolLlmParametersItemType
    values: list[str] | Unset = UNSET
    required: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        type_ = self.type_.value

        values: list[str] | Unset = UNSET
        if not isinstance(self.values, Unset):
            values = self.values

        required = self.required

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "description": description,
                "type": type_,
            }
        )
        if values is not UNSET:
            field_dict["values"] = values
        if required is not UNSET:
            field_dict["required"] = required

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description")

        type_ = ToolLlmParametersItemType(d.pop("type"))

        values = cast(list[str], d.pop("values", UNSET))

        required = d.pop("required", UNSET)

        tool_llm_parameters_item = cls(
            name=name,
            description=description,
            type_=type_,
            values=values,
            required=required,
        )

        tool_llm_parameters_item.additional_properties = d
        return tool_llm_parameters_item

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
