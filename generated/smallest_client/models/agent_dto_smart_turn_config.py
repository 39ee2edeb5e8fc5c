from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentDTOSmartTurnConfig")


@_attrs_define
class AgentDTOSmartTurnConfig:
    """Smart end-of-turn detection settings.

    Attributes:
        is_enabled (bool | Unset):
        wait_time_in_secs (float | Unset):
    """

    is_enabled: bool | Unset = UNSET
    wait_time_in_secs: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_enabled = self.is_enabled

        wait_time_in_secs = self.wait_time_in_secs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if is_enabled is not UNSET:
            field_dict["isEnabled"] = is_enabled
        if wait_time_in_secs is not UNSET:
            field_dict["waitTimeInSecs"] = wait_time_in_secs

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        is_enabled = d.pop("isEnabled", UNSET)

        wait_time_in_secs = d.pop("waitTimeInSecs", UNSET)

        agent_dto_smart_turn_config = cls(
            is_enabled=is_enabled,
            wait_time_in_secs=wait_time_in_secs,
        )

        agent_dto_smart_turn_config.additional_properties = d
        return agent_dto_smart_turn_config

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
