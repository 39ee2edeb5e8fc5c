from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentDTOVoiceDetectionConfig")


@_attrs_define
class AgentDTOVoiceDetectionConfig:
    """VAD (voice activity detection) tuning.

    Attributes:
        confidence (float | Unset):
        min_volume (float | Unset):
        trigger_time_in_secs (float | Unset):
        release_time_in_secs (float | Unset):
    """

    confidence: float | Unset = UNSET
    min_volume: float | Unset = UNSET
    trigger_time_in_secs: float | Unset = UNSET
    release_time_in_secs: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        confidence = self.confidence

        min_volume = self.min_volume

        trigger_time_in_secs = self.trigger_time_in_secs

        release_time_in_secs = self.release_time_in_secs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if confidence is not UNSET:
            field_dict["confidence"] = confidence
        if min_volume is not UNSET:
            field_dict["minVolume"] = min_volume
        if trigger_time_in_secs is not UNSET:
            field_dict["triggerTimeInSecs"] = trigger_time_in_secs
        if release_time_in_secs is not UNSET:
            field_dict["releaseTimeInSecs"] = release_time_in_secs

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        confidence = d.pop("confidence", UNSET)

        min_volume = d.pop("minVolume", UNSET)

        trigger_time_in_secs = d.pop("triggerTimeInSecs", UNSET)

        release_time_in_secs = d.pop("releaseTimeInSecs", UNSET)

        agent_dto_voice_detection_config = cls(
            confidence=confidence,
            min_volume=min_volume,
            trigger_time_in_secs=trigger_time_in_secs,
            release_time_in_secs=release_time_in_secs,
        )

        agent_dto_voice_detection_config.additional_properties = d
        return agent_dto_voice_detection_config

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
