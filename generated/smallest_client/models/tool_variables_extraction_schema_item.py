from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tool_variables_extraction_schema_item_type import ToolVariablesExtractionSchemaItemType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ToolVariablesExtractionSchemaItem")


@_attrs_define
class ToolVariablesExtractionSchemaItem:
    """
    Attributes:
        name (str): Name of the variable to extract Example: customer_name.
        description (str): What this variable represents Example: The customer's full name.
        type_ (ToolVariablesExtractionSchemaItemType):
        values (list[str] | Unset): Required when type is `enum`. List of possible values. Example: ['satisfied',
            'unsatisfied', 'neutral'].
    """

    name: str
    description: str
    type_: ToolVariablesExtractionSchemaItemType
    values: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        type_ = self.type_.value

        values: list[str] | Unset = UNSET
        if not isinstance(self.values, Unset):
            values = self.values

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description")

        type_ = ToolVariablesExtractionSchemaItemType(d.pop("type"))

        values = cast(list[str], d.pop("values", UNSET))

        tool_variables_extraction_schema_item = cls(
            name=name,
            description=description,
            type_=type_,
            values=values,
        )

        tool_variables_extraction_schema_item.additional_properties = d
        return tool_variables_extraction_schema_item

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
