from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentDTOVoiceMailDetectionConfig")


@_attrs_define
class AgentDTOVoiceMailDetectionConfig:
    """Voicemail detection settings.

    Attributes:
        enabled (bool | Unset):  Default: False.
        end_text (str | Unset): Text spoken before the call is terminated when voicemail is detected. Default:
            'Terminating call, you can call us back anytime. Thank you for calling.'.
    """

    enabled: bool | Unset = False
    end_text: str | Unset = "Terminating call, you can call us back anytime. Thank you for calling."
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enabled = self.enabled

        end_text = self.end_text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if end_text is not UNSET:
            field_dict["endText"] = end_text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        enabled = d.pop("enabled", UNSET)

        end_text = d.pop("endText", UNSET)

        agent_dto_voice_mail_detection_config = cls(
            enabled=enabled,
            end_text=end_text,
        )

        agent_dto_voice_mail_detection_config.additional_properties = d
        return agent_dto_voice_mail_detection_config

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
