from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GetConversationLogByIdResponse200DataVoiceConfigUsed")


@_attrs_define
class GetConversationLogByIdResponse200DataVoiceConfigUsed:
    """The voice configuration that was actually used for this call

    Attributes:
        model (str | Unset): The TTS model used for the call
        voice_id (str | Unset): The voice ID used for the call
        gender (str | Unset): The gender of the voice used for the call
    """

    model: str | Unset = UNSET
    voice_id: str | Unset = UNSET
    gender: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        voice_id = self.voice_id

        gender = self.gender

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if model is not UNSET:
            field_dict["model"] = model
        if voice_id is not UNSET:
            field_dict["voiceId"] = voice_id
        if gender is not UNSET:
            field_dict["gender"] = gender

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        model = d.pop("model", UNSET)

        voice_id = d.pop("voiceId", UNSET)

        gender = d.pop("gender", UNSET)

        get_conversation_log_by_id_response_200_data_voice_config_used = cls(
            model=model,
            voice_id=voice_id,
            gender=gender,
        )

        get_conversation_log_by_id_response_200_data_voice_config_used.additional_properties = d
        return get_conversation_log_by_id_response_200_data_voice_config_used

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
