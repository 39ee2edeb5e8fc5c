from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentDTOLlmIdleTimeoutConfig")


@_attrs_define
class AgentDTOLlmIdleTimeoutConfig:
    """Per-channel idle timeouts (seconds) after which the LLM is nudged when the user
    stops speaking. `maxRetries` bounds how many nudges before the call ends.

        Attributes:
            chat_timeout_time_in_secs (float | Unset):
            webcall_timeout_time_in_secs (float | Unset):
            telephony_timeout_time_in_secs (float | Unset):
            max_retries (float | Unset):
    """

    chat_timeout_time_in_secs: float | Unset = UNSET
    webcall_timeout_time_in_secs: float | Unset = UNSET
    telephony_timeout_time_in_secs: float | Unset = UNSET
    max_retries: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        chat_timeout_time_in_secs = self.chat_timeout_time_in_secs

        webcall_timeout_time_in_secs = self.webcall_timeout_time_in_secs

        telephony_timeout_time_in_secs = self.telephony_timeout_time_in_secs

        max_retries = self.max_retries

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if chat_timeout_time_in_secs is not UNSET:
            field_dict["chatTimeoutTimeInSecs"] = chat_timeout_time_in_secs
        if webcall_timeout_time_in_secs is not UNSET:
            field_dict["webcallTimeoutTimeInSecs"] = webcall_timeout_time_in_secs
        if telephony_timeout_time_in_secs is not UNSET:
            field_dict["telephonyTimeoutTimeInSecs"] = telephony_timeout_time_in_secs
        if max_retries is not UNSET:
            field_dict["maxRetries"] = max_retries

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        chat_timeout_time_in_secs = d.pop("chatTimeoutTimeInSecs", UNSET)

        webcall_timeout_time_in_secs = d.pop("webcallTimeoutTimeInSecs", UNSET)

        telephony_timeout_time_in_secs = d.pop("telephonyTimeoutTimeInSecs", UNSET)

        max_retries = d.pop("maxRetries", UNSET)

        agent_dto_llm_idle_timeout_config = cls(
            chat_timeout_time_in_secs=chat_timeout_time_in_secs,
            webcall_timeout_time_in_secs=webcall_timeout_time_in_secs,
            telephony_timeout_time_in_secs=telephony_timeout_time_in_secs,
            max_retries=max_retries,
        )

        agent_dto_llm_idle_timeout_config.additional_properties = d
        return agent_dto_llm_idle_timeout_config

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
