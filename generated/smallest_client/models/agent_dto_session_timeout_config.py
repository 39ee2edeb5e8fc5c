from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentDTOSessionTimeoutConfig")


@_attrs_define
class AgentDTOSessionTimeoutConfig:
    """Maximum session duration before the call is automatically ended.

    Attributes:
        timeout_time_in_secs (float | Unset):
    """

    timeout_time_in_secs: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        timeout_time_in_secs = self.timeout_time_in_secs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if timeout_time_in_secs is not UNSET:
            field_dict["timeoutTimeInSecs"] = timeout_time_in_secs

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        timeout_time_in_secs = d.pop("timeoutTimeInSecs", UNSET)

        agent_dto_session_timeout_config = cls(
            timeout_time_in_secs=timeout_time_in_secs,
        )

        agent_dto_session_timeout_config.additional_properties = d
        return agent_dto_session_timeout_config

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
