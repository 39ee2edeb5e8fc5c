from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ToolResponseVariablesItem")


@_attrs_define
class ToolResponseVariablesItem:
    """
    Attributes:
        variable_name (str): Name to store the extracted value under Example: orderStatus.
        json_path (str): JSON path to extract the value from the response Example: $.data.status.
    """

    variable_name: str
    json_path: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        variable_name = self.variable_name

        json_path = self.json_path

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "variableName": variable_name,
                "jsonPath": json_path,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        variable_name = d.pop("variableName")

        json_path = d.pop("jsonPath")

        tool_response_variables_item = cls(
            variable_name=variable_name,
            json_path=json_path,
        )

        tool_response_variables_item.additional_properties = d
        return tool_response_variables_item

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
