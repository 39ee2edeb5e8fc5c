from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GetConversationLogByIdResponse200DataPostCallAnalyticsDispositionMetricsItem")


@_attrs_define
class GetConversationLogByIdResponse200DataPostCallAnalyticsDispositionMetricsItem:
    """
    Attributes:
        identifier (str | Unset): Metric identifier matching the agent config
        value (str | Unset): The evaluated value for this metric
        confidence (float | Unset): Confidence score for the evaluation (0–1)
    """

    identifier: str | Unset = UNSET
    value: str | Unset = UNSET
    confidence: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        identifier = self.identifier

        value = self.value

        confidence = self.confidence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if identifier is not UNSET:
            field_dict["identifier"] = identifier
        if value is not UNSET:
            field_dict["value"] = value
        if confidence is not UNSET:
            field_dict["confidence"] = confidence

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        identifier = d.pop("identifier", UNSET)

        value = d.pop("value", UNSET)

        confidence = d.pop("confidence", UNSET)

        get_conversation_log_by_id_response_200_data_post_call_analytics_disposition_metrics_item = cls(
            identifier=identifier,
            value=value,
            confidence=confidence,
        )

        get_conversation_log_by_id_response_200_data_post_call_analytics_disposition_metrics_item.additional_properties = d
        return get_conversation_log_by_id_response_200_data_post_call_analytics_disposition_metrics_item

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
