from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GetAllConversationLogsResponse200DataLogsItemAgentDispositionConfigItem")


@_attrs_define
class GetAllConversationLogsResponse200DataLogsItemAgentDispositionConfigItem:
    """
    Attributes:
        identifier (str | Unset):
        type_ (str | Unset):
    """

    identifier: str | Unset = UNSET
    type_: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        identifier = self.identifier

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if identifier is not UNSET:
            field_dict["identifier"] = identifier
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        identifier = d.pop("identifier", UNSET)

        type_ = d.pop("type", UNSET)

        get_all_conversation_logs_response_200_data_logs_item_agent_disposition_config_item = cls(
            identifier=identifier,
            type_=type_,
        )

        get_all_conversation_logs_response_200_data_logs_item_agent_disposition_config_item.additional_properties = d
        return get_all_conversation_logs_response_200_data_logs_item_agent_disposition_config_item

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
