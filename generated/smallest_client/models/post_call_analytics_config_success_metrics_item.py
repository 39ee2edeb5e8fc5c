from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.post_call_analytics_config_success_metrics_item_success_metric_type import (
    PostCallAnalyticsConfigSuccessMetricsItemSuccessMetricType,
)

T = TypeVar("T", bound="PostCallAnalyticsConfigSuccessMetricsItem")


@_attrs_define
class PostCallAnalyticsConfigSuccessMetricsItem:
    """
    Attributes:
        identifier (str):
        success_metric_prompt (str):
        success_metric_type (PostCallAnalyticsConfigSuccessMetricsItemSuccessMetricType):
    """

    identifier: str
    success_metric_prompt: str
    success_metric_type: PostCallAnalyticsConfigSuccessMetricsItemSuccessMetricType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        identifier = self.identifier

        success_metric_prompt = self.success_metric_prompt

        success_metric_type = self.success_metric_type.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "identifier": identifier,
                "successMetricPrompt": success_metric_prompt,
                "successMetricType": success_metric_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        identifier = d.pop("identifier")

        success_metric_prompt = d.pop("successMetricPrompt")

        success_metric_type = PostCallAnalyticsConfigSuccessMetricsItemSuccessMetricType(d.pop("successMetricType"))

        post_call_analytics_config_success_metrics_item = cls(
            identifier=identifier,
            success_metric_prompt=success_metric_prompt,
            success_metric_type=success_metric_type,
        )

        post_call_analytics_config_success_metrics_item.additional_properties = d
        return post_call_analytics_config_success_metrics_item

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
