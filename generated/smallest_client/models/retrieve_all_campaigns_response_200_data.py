from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.retrieve_all_campaigns_response_200_data_campaigns_item import (
        RetrieveAllCampaignsResponse200DataCampaignsItem,
    )
    from ..models.retrieve_all_campaigns_response_200_data_pagination import (
        RetrieveAllCampaignsResponse200DataPagination,
    )


T = TypeVar("T", bound="RetrieveAllCampaignsResponse200Data")


@_attrs_define
class RetrieveAllCampaignsResponse200Data:
    """
    Attributes:
        campaigns (list[RetrieveAllCampaignsResponse200DataCampaignsItem] | Unset):
        pagination (RetrieveAllCampaignsResponse200DataPagination | Unset):
        total_campaign_count (int | Unset): Total number of campaigns in the organization (unfiltered)
    """

    campaigns: list[RetrieveAllCampaignsResponse200DataCampaignsItem] | Unset = UNSET
    pagination: RetrieveAllCampaignsResponse200DataPagination | Unset = UNSET
    total_campaign_count: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaigns: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.campaigns, Unset):
            campaigns = []
            for campaigns_item_data in self.campaigns:
                campaigns_item = campaigns_item_data.to_dict()
                campaigns.append(campaigns_item)

        pagination: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pagination, Unset):
            pagination = self.pagination.to_dict()

        total_campaign_count = self.total_campaign_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if campaigns is not UNSET:
            field_dict["campaigns"] = campaigns
        if pagination is not UNSET:
            field_dict["pagination"] = pagination
        if total_campaign_count is not UNSET:
            field_dict["totalCampaignCount"] = total_campaign_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.retrieve_all_campaigns_response_200_data_campaigns_item import (
            RetrieveAllCampaignsResponse200DataCampaignsItem,  # noqa: PLC0415
        )
        from ..models.retrieve_all_campaigns_response_200_data_pagination import (
            RetrieveAllCampaignsResponse200DataPagination,  # noqa: PLC0415
        )

        d = dict(src_dict)
        _campaigns = d.pop("campaigns", UNSET)
        campaigns: list[RetrieveAllCampaignsResponse200DataCampaignsItem] | Unset = UNSET
        if _campaigns is not UNSET:
            campaigns = []
            for campaigns_item_data in _campaigns:
                campaigns_item = RetrieveAllCampaignsResponse200DataCampaignsItem.from_dict(campaigns_item_data)

                campaigns.append(campaigns_item)

        _pagination = d.pop("pagination", UNSET)
        pagination: RetrieveAllCampaignsResponse200DataPagination | Unset
        if isinstance(_pagination, Unset):
            pagination = UNSET
        else:
            pagination = RetrieveAllCampaignsResponse200DataPagination.from_dict(_pagination)

        total_campaign_count = d.pop("totalCampaignCount", UNSET)

        retrieve_all_campaigns_response_200_data = cls(
            campaigns=campaigns,
            pagination=pagination,
            total_campaign_count=total_campaign_count,
        )

        retrieve_all_campaigns_response_200_data.additional_properties = d
        return retrieve_all_campaigns_response_200_data

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
