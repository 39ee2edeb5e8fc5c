from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.disposition_metric import DispositionMetric
    from ..models.post_call_analytics_config_success_metrics_item import PostCallAnalyticsConfigSuccessMetricsItem


T = TypeVar("T", bound="PostCallAnalyticsConfig")


@_attrs_define
class PostCallAnalyticsConfig:
    """Per-agent post-call analytics configuration. Evaluated after each call ends
    and surfaced in call logs under the `postCallAnalytics` field.

        Attributes:
            disposition_metrics (list[DispositionMetric] | Unset): Structured metrics extracted from each completed call.
            success_metrics (list[PostCallAnalyticsConfigSuccessMetricsItem] | Unset): **Deprecated** — will be removed in a
                future version. Use
                `dispositionMetrics` instead. Kept here because the backend still
                accepts it on writes and returns it on reads.
            summary_prompt (str | Unset): **Deprecated** — no longer used in post-call analysis and will be
                removed in a future version. Kept here because the backend still
                accepts it on writes and returns it on reads.
                 Default: ''.
            use_internal_analytics_model (bool | Unset): Use the internal analytics model. When false, falls back to the
                agent's own LLM. Default: True.
            use_reasoning_model (bool | Unset): Route analytics evaluation through the reasoning model for higher-quality
                results at a latency/cost tradeoff. Default: False.
    """

    disposition_metrics: list[DispositionMetric] | Unset = UNSET
    success_metrics: list[PostCallAnalyticsConfigSuccessMetricsItem] | Unset = UNSET
    summary_prompt: str | Unset = ""
    use_internal_analytics_model: bool | Unset = True
    use_reasoning_model: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        disposition_metrics: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.disposition_metrics, Unset):
            disposition_metrics = []
            for disposition_metrics_item_data in self.disposition_metrics:
                disposition_metrics_item = disposition_metrics_item_data.to_dict()
                disposition_metrics.append(disposition_metrics_item)

        success_metrics: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.success_metrics, Unset):
            success_metrics = []
            for success_metrics_item_data in self.success_metrics:
                success_metrics_item = success_metrics_item_data.to_dict()
                success_metrics.append(success_metrics_item)

        summary_prompt = self.summary_prompt

        use_internal_analytics_model = self.use_internal_analytics_model

        use_reasoning_model = self.use_reasoning_model

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if disposition_metrics is not UNSET:
            field_dict["dispositionMetrics"] = disposition_metrics
        if success_metrics is not UNSET:
            field_dict["successMetrics"] = success_metrics
        if summary_prompt is not UNSET:
            field_dict["summaryPrompt"] = summary_prompt
        if use_internal_analytics_model is not UNSET:
            field_dict["useInternalAnalyticsModel"] = use_internal_analytics_model
        if use_reasoning_model is not UNSET:
            field_dict["useReasoningModel"] = use_reasoning_model

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.disposition_metric import DispositionMetric  # noqa: PLC0415
        from ..models.post_call_analytics_config_success_metrics_item import PostCallAnalyticsConfigSuccessMetricsItem  # noqa: PLC0415

        d = dict(src_dict)
        _disposition_metrics = d.pop("dispositionMetrics", UNSET)
        disposition_metrics: list[DispositionMetric] | Unset = UNSET
        if _disposition_metrics is not UNSET:
            disposition_metrics = []
            for disposition_metrics_item_data in _disposition_metrics:
                disposition_metrics_item = DispositionMetric.from_dict(disposition_metrics_item_data)

                disposition_metrics.append(disposition_metrics_item)

        _success_metrics = d.pop("successMetrics", UNSET)
        success_metrics: list[PostCallAnalyticsConfigSuccessMetricsItem] | Unset = UNSET
        if _success_metrics is not UNSET:
            success_metrics = []
            for success_metrics_item_data in _success_metrics:
                success_metrics_item = PostCallAnalyticsConfigSuccessMetricsItem.from_dict(success_metrics_item_data)

                success_metrics.append(success_metrics_item)

        summary_prompt = d.pop("summaryPrompt", UNSET)

        use_internal_analytics_model = d.pop("useInternalAnalyticsModel", UNSET)

        use_reasoning_model = d.pop("useReasoningModel", UNSET)

        post_call_analytics_config = cls(
            disposition_metrics=disposition_metrics,
            success_metrics=success_metrics,
            summary_prompt=summary_prompt,
            use_internal_analytics_model=use_internal_analytics_model,
            use_reasoning_model=use_reasoning_model,
        )

        post_call_analytics_config.additional_properties = d
        return post_call_analytics_config

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
