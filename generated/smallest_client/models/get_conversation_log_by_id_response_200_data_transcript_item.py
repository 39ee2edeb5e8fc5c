from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.get_conversation_log_by_id_response_200_data_transcript_item_role import (
    GetConversationLogByIdResponse200DataTranscriptItemRole,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="GetConversationLogByIdResponse200DataTranscriptItem")


@_attrs_define
class GetConversationLogByIdResponse200DataTranscriptItem:
    """
    Attributes:
        role (GetConversationLogByIdResponse200DataTranscriptItemRole | Unset): Who spoke this turn
        content (str | Unset): The spoken text for this turn
        timestamp (str | Unset): ISO-8601 timestamp of the turn (e.g. 2026-07-28T15:46:12.472Z)
    """

    role: GetConversationLogByIdResponse200DataTranscriptItemRole | Unset = UNSET
    content: str | Unset = UNSET
    timestamp: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        content = self.content

        timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if role is not UNSET:
            field_dict["role"] = role
        if content is not UNSET:
            field_dict["content"] = content
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _role = d.pop("role", UNSET)
        role: GetConversationLogByIdResponse200DataTranscriptItemRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = GetConversationLogByIdResponse200DataTranscriptItemRole(_role)

        content = d.pop("content", UNSET)

        timestamp = d.pop("timestamp", UNSET)

        get_conversation_log_by_id_response_200_data_transcript_item = cls(
            role=role,
            content=content,
            timestamp=timestamp,
        )

        get_conversation_log_by_id_response_200_data_transcript_item.additional_properties = d
        return get_conversation_log_by_id_response_200_data_transcript_item

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
