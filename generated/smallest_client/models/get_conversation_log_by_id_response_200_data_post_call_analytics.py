from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.get_conversation_log_by_id_response_200_data_post_call_analytics_disposition_metrics_item import (
        GetConversationLogByIdResponse200DataPostCallAnalyticsDispositionMetricsItem,
    )


T = TypeVar("T", bound="GetConversationLogByIdResponse200DataPostCallAnalytics")


@_attrs_define
class GetConversationLogByIdResponse200DataPostCallAnalytics:
    """Post-call analytics results evaluated against the call transcript

    Attributes:
        summary (str | Unset): Auto-generated summary of the call
        disposition_metrics (list[GetConversationLogByIdResponse200DataPostCallAnalyticsDispositionMetricsItem] |
            Unset): Evaluated disposition metrics for this call
    """

    summary: str | Unset = UNSET
    disposition_metrics: list[GetConversationLogByIdResponse200DataPostCallAnalyticsDispositionMetricsItem] | Unset = (
        UNSET
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        summary = self.summary

        disposition_metrics: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.disposition_metrics, Unset):
            disposition_metrics = []
            for disposition_metrics_item_data in self.disposition_metrics:
                disposition_metrics_item = disposition_metrics_item_data.to_dict()
                disposition_metrics.append(disposition_metrics_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if summary is not UNSET:
            field_dict["summary"] = summary
        if disposition_metrics is not UNSET:
            field_dict["dispositionMetrics"] = disposition_metrics

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.get_conversation_log_by_id_response_200_data_post_call_analytics_disposition_metrics_item import (
            GetConversationLogByIdResponse200DataPostCallAnalyticsDispositionMetricsItem,  # noqa: PLC0415
        )

        d = dict(src_dict)
        summary = d.pop("summary", UNSET)

        _disposition_metrics = d.pop("dispositionMetrics", UNSET)
        disposition_metrics: (
            list[GetConversationLogByIdResponse200DataPostCallAnalyticsDispositionMetricsItem] | Unset
        ) = UNSET
        if _disposition_metrics is not UNSET:
            disposition_metrics = []
            for disposition_metrics_item_data in _disposition_metrics:
                disposition_metrics_item = (
                    GetConversationLogByIdResponse200DataPostCallAnalyticsDispositionMetricsItem.from_dict(
                        disposition_metrics_item_data
                    )
                )

                disposition_metrics.append(disposition_metrics_item)

        get_conversation_log_by_id_response_200_data_post_call_analytics = cls(
            summary=summary,
            disposition_metrics=disposition_metrics,
        )

        get_conversation_log_by_id_response_200_data_post_call_analytics.additional_properties = d
        return get_conversation_log_by_id_response_200_data_post_call_analytics

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
