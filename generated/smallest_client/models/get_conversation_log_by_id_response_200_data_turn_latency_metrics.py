from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.get_conversation_log_by_id_response_200_data_turn_latency_metrics_transitions_item import (
        GetConversationLogByIdResponse200DataTurnLatencyMetricsTransitionsItem,
    )


T = TypeVar("T", bound="GetConversationLogByIdResponse200DataTurnLatencyMetrics")


@_attrs_define
class GetConversationLogByIdResponse200DataTurnLatencyMetrics:
    """Per-turn latency statistics for the call. Replaces the deprecated average_*_latency fields.

    Attributes:
        turns (float | Unset): Total number of turns in the call
        avg_latency (float | Unset): Average turn latency in milliseconds
        median_latency (float | Unset): Median turn latency in milliseconds
        min_latency (float | Unset): Minimum turn latency in milliseconds
        max_latency (float | Unset): Maximum turn latency in milliseconds
        latencies (list[float] | Unset): Array of individual turn latencies in milliseconds
        transitions (list[GetConversationLogByIdResponse200DataTurnLatencyMetricsTransitionsItem] | Unset): Per-turn
            timing breakdown
        processed_at (datetime.datetime | Unset): When the latency metrics were computed
    """

    turns: float | Unset = UNSET
    avg_latency: float | Unset = UNSET
    median_latency: float | Unset = UNSET
    min_latency: float | Unset = UNSET
    max_latency: float | Unset = UNSET
    latencies: list[float] | Unset = UNSET
    transitions: list[GetConversationLogByIdResponse200DataTurnLatencyMetricsTransitionsItem] | Unset = UNSET
    processed_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        turns = self.turns

        avg_latency = self.avg_latency

        median_latency = self.median_latency

        min_latency = self.min_latency

        max_latency = self.max_latency

        latencies: list[float] | Unset = UNSET
        if not isinstance(self.latencies, Unset):
            latencies = self.latencies

        transitions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.transitions, Unset):
            transitions = []
            for transitions_item_data in self.transitions:
                transitions_item = transitions_item_data.to_dict()
                transitions.append(transitions_item)

        processed_at: str | Unset = UNSET
        if not isinstance(self.processed_at, Unset):
            processed_at = self.processed_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if turns is not UNSET:
            field_dict["turns"] = turns
        if avg_latency is not UNSET:
            field_dict["avgLatency"] = avg_latency
        if median_latency is not UNSET:
            field_dict["medianLatency"] = median_latency
        if min_latency is not UNSET:
            field_dict["minLatency"] = min_latency
        if max_latency is not UNSET:
            field_dict["maxLatency"] = max_latency
        if latencies is not UNSET:
            field_dict["latencies"] = latencies
        if transitions is not UNSET:
            field_dict["transitions"] = transitions
        if processed_at is not UNSET:
            field_dict["processedAt"] = processed_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.get_conversation_log_by_id_response_200_data_turn_latency_metrics_transitions_item import (
            GetConversationLogByIdResponse200DataTurnLatencyMetricsTransitionsItem,  # noqa: PLC0415
        )

        d = dict(src_dict)
        turns = d.pop("turns", UNSET)

        avg_latency = d.pop("avgLatency", UNSET)

        median_latency = d.pop("medianLatency", UNSET)

        min_latency = d.pop("minLatency", UNSET)

        max_latency = d.pop("maxLatency", UNSET)

        latencies = cast(list[float], d.pop("latencies", UNSET))

        _transitions = d.pop("transitions", UNSET)
        transitions: list[GetConversationLogByIdResponse200DataTurnLatencyMetricsTransitionsItem] | Unset = UNSET
        if _transitions is not UNSET:
            transitions = []
            for transitions_item_data in _transitions:
                transitions_item = GetConversationLogByIdResponse200DataTurnLatencyMetricsTransitionsItem.from_dict(
                    transitions_item_data
                )

                transitions.append(transitions_item)

        _processed_at = d.pop("processedAt", UNSET)
        processed_at: datetime.datetime | Unset
        if isinstance(_processed_at, Unset):
            processed_at = UNSET
        else:
            processed_at = datetime.datetime.fromisoformat(_processed_at)

        get_conversation_log_by_id_response_200_data_turn_latency_metrics = cls(
            turns=turns,
            avg_latency=avg_latency,
            median_latency=median_latency,
            min_latency=min_latency,
            max_latency=max_latency,
            latencies=latencies,
            transitions=transitions,
            processed_at=processed_at,
        )

        get_conversation_log_by_id_response_200_data_turn_latency_metrics.additional_properties = d
        return get_conversation_log_by_id_response_200_data_turn_latency_metrics

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
