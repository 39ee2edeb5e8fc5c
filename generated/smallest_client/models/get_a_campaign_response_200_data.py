from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.get_a_campaign_response_200_data_campaign import GetACampaignResponse200DataCampaign
    from ..models.get_a_campaign_response_200_data_events_item import GetACampaignResponse200DataEventsItem
    from ..models.get_a_campaign_response_200_data_metrics import GetACampaignResponse200DataMetrics


T = TypeVar("T", bound="GetACampaignResponse200Data")


@_attrs_define
class GetACampaignResponse200Data:
    """
    Attributes:
        campaign (GetACampaignResponse200DataCampaign | Unset):
        events (list[GetACampaignResponse200DataEventsItem] | Unset): Campaign events history
        metrics (GetACampaignResponse200DataMetrics | Unset): Campaign performance metrics
    """

    campaign: GetACampaignResponse200DataCampaign | Unset = UNSET
    events: list[GetACampaignResponse200DataEventsItem] | Unset = UNSET
    metrics: GetACampaignResponse200DataMetrics | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaign: dict[str, Any] | Unset = UNSET
        if not isinstance(self.campaign, Unset):
            campaign = self.campaign.to_dict()

        events: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item = events_item_data.to_dict()
                events.append(events_item)

        metrics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metrics, Unset):
            metrics = self.metrics.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if campaign is not UNSET:
            field_dict["campaign"] = campaign
        if events is not UNSET:
            field_dict["events"] = events
        if metrics is not UNSET:
            field_dict["metrics"] = metrics

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.get_a_campaign_response_200_data_campaign import GetACampaignResponse200DataCampaign  # noqa: PLC0415
        from ..models.get_a_campaign_response_200_data_events_item import GetACampaignResponse200DataEventsItem  # noqa: PLC0415
        from ..models.get_a_campaign_response_200_data_metrics import GetACampaignResponse200DataMetrics  # noqa: PLC0415

        d = dict(src_dict)
        _campaign = d.pop("campaign", UNSET)
        campaign: GetACampaignResponse200DataCampaign | Unset
        if isinstance(_campaign, Unset):
            campaign = UNSET
        else:
            campaign = GetACampaignResponse200DataCampaign.from_dict(_campaign)

        _events = d.pop("events", UNSET)
        events: list[GetACampaignResponse200DataEventsItem] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = GetACampaignResponse200DataEventsItem.from_dict(events_item_data)

                events.append(events_item)

        _metrics = d.pop("metrics", UNSET)
        metrics: GetACampaignResponse200DataMetrics | Unset
        if isinstance(_metrics, Unset):
            metrics = UNSET
        else:
            metrics = GetACampaignResponse200DataMetrics.from_dict(_metrics)

        get_a_campaign_response_200_data = cls(
            campaign=campaign,
            events=events,
            metrics=metrics,
        )

        get_a_campaign_response_200_data.additional_properties = d
        return get_a_campaign_response_200_data

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
