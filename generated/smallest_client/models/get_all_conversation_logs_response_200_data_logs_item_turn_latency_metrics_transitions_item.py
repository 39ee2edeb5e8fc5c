from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GetAllConversationLogsResponse200DataLogsItemTurnLatencyMetricsTransitionsItem")


@_attrs_define
class GetAllConversationLogsResponse200DataLogsItemTurnLatencyMetricsTransitionsItem:
    """
    Attributes:
        turn (float | Unset):
        user_end (float | Unset): Timestamp (ms) when the user finished speaking
        bot_start (float | Unset): Timestamp (ms) when the agent started responding
        latency (float | Unset): Latency for this turn in milliseconds
    """

    turn: float | Unset = UNSET
    user_end: float | Unset = UNSET
    bot_start: float | Unset = UNSET
    latency: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        turn = self.turn

        user_end = self.user_end

        bot_start = self.bot_start

        latency = self.latency

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if turn is not UNSET:
            field_dict["turn"] = turn
        if user_end is not UNSET:
            field_dict["user_end"] = user_end
        if bot_start is not UNSET:
            field_dict["bot_start"] = bot_start
        if latency is not UNSET:
            field_dict["latency"] = latency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        turn = d.pop("turn", UNSET)

        user_end = d.pop("user_end", UNSET)

        bot_start = d.pop("bot_start", UNSET)

        latency = d.pop("latency", UNSET)

        get_all_conversation_logs_response_200_data_logs_item_turn_latency_metrics_transitions_item = cls(
            turn=turn,
            user_end=user_end,
            bot_start=bot_start,
            latency=latency,
        )

        get_all_conversation_logs_response_200_data_logs_item_turn_latency_metrics_transitions_item.additional_properties = d
        return get_all_conversation_logs_response_200_data_logs_item_turn_latency_metrics_transitions_item

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
