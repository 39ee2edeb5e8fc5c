from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.disposition_metric_disposition_metric_type import DispositionMetricDispositionMetricType
from ..types import UNSET, Unset

T = TypeVar("T", bound="DispositionMetric")


@_attrs_define
class DispositionMetric:
    """A single disposition metric captured after each call. The metric prompt
    is evaluated against the call transcript post-call, and the result is
    returned in the call log under `postCallAnalytics.dispositionMetrics`.

        Attributes:
            identifier (str): Stable machine identifier. Lowercase letters, digits, and underscores only. Example:
                call_resolved.
            disposition_metric_prompt (str): Natural-language question evaluated against the transcript after the call ends.
                Example: Was the customer issue resolved by the end of the call?.
            disposition_metric_type (DispositionMetricDispositionMetricType): Data type returned by the metric. Example:
                STRING.
            choices (list[str] | Unset): Required when `dispositionMetricType = ENUM`. Allowed values. Example: ['resolved',
                'escalated', 'callback_scheduled', 'no_action'].
    """

    identifier: str
    disposition_metric_prompt: str
    disposition_metric_type: DispositionMetricDispositionMetricType
    choices: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        identifier = self.identifier

        disposition_metric_prompt = self.disposition_metric_prompt

        disposition_metric_type = self.disposition_metric_type.value

        choices: list[str] | Unset = UNSET
        if not isinstance(self.choices, Unset):
            choices = self.choices

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "identifier": identifier,
                "dispositionMetricPrompt": disposition_metric_prompt,
                "dispositionMetricType": disposition_metric_type,
            }
        )
        if choices is not UNSET:
            field_dict["choices"] = choices

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        identifier = d.pop("identifier")

        disposition_metric_prompt = d.pop("dispositionMetricPrompt")

        disposition_metric_type = DispositionMetricDispositionMetricType(d.pop("dispositionMetricType"))

        choices = cast(list[str], d.pop("choices", UNSET))

        disposition_metric = cls(
            identifier=identifier,
            disposition_metric_prompt=disposition_metric_prompt,
            disposition_metric_type=disposition_metric_type,
            choices=choices,
        )

        disposition_metric.additional_properties = d
        return disposition_metric

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
