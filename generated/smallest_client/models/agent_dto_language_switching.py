from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentDTOLanguageSwitching")


@_attrs_define
class AgentDTOLanguageSwitching:
    """Language switching configuration for the agent

    Attributes:
        is_enabled (bool | Unset): Whether language switching is enabled for the agent
        min_words_for_detection (float | Unset): Minimum number of words required for language detection
        strong_signal_threshold (float | Unset): Threshold for strong language signal detection
        weak_signal_threshold (float | Unset): Threshold for weak language signal detection
        min_consecutive_for_weak_threshold_switch (float | Unset): Minimum consecutive detections required for weak
            threshold language switch
    """

    is_enabled: bool | Unset = UNSET
    min_words_for_detection: float | Unset = UNSET
    strong_signal_threshold: float | Unset = UNSET
    weak_signal_threshold: float | Unset = UNSET
    min_consecutive_for_weak_threshold_switch: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_enabled = self.is_enabled

        min_words_for_detection = self.min_words_for_detection

        strong_signal_threshold = self.strong_signal_threshold

        weak_signal_threshold = self.weak_signal_threshold

        min_consecutive_for_weak_threshold_switch = self.min_consecutive_for_weak_threshold_switch

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if is_enabled is not UNSET:
            field_dict["isEnabled"] = is_enabled
        if min_words_for_detection is not UNSET:
            field_dict["minWordsForDetection"] = min_words_for_detection
        if strong_signal_threshold is not UNSET:
            field_dict["strongSignalThreshold"] = strong_signal_threshold
        if weak_signal_threshold is not UNSET:
            field_dict["weakSignalThreshold"] = weak_signal_threshold
        if min_consecutive_for_weak_threshold_switch is not UNSET:
            field_dict["minConsecutiveForWeakThresholdSwitch"] = min_consecutive_for_weak_threshold_switch

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        is_enabled = d.pop("isEnabled", UNSET)

        min_words_for_detection = d.pop("minWordsForDetection", UNSET)

        strong_signal_threshold = d.pop("strongSignalThreshold", UNSET)

        weak_signal_threshold = d.pop("weakSignalThreshold", UNSET)

        min_consecutive_for_weak_threshold_switch = d.pop("minConsecutiveForWeakThresholdSwitch", UNSET)

        agent_dto_language_switching = cls(
            is_enabled=is_enabled,
            min_words_for_detection=min_words_for_detection,
            strong_signal_threshold=strong_signal_threshold,
            weak_signal_threshold=weak_signal_threshold,
            min_consecutive_for_weak_threshold_switch=min_consecutive_for_weak_threshold_switch,
        )

        agent_dto_language_switching.additional_properties = d
        return agent_dto_language_switching

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
