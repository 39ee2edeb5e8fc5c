from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StartOrResumeACampaignResponse202Data")


@_attrs_define
class StartOrResumeACampaignResponse202Data:
    """
    Attributes:
        message (str | Unset):  Example: Campaign is being processed.
        task_id (str | Unset): Internal task identifier for the queued job
        campaign_id (str | Unset): The ID of the campaign
    """

    message: str | Unset = UNSET
    task_id: str | Unset = UNSET
    campaign_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        task_id = self.task_id

        campaign_id = self.campaign_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if message is not UNSET:
            field_dict["message"] = message
        if task_id is not UNSET:
            field_dict["taskId"] = task_id
        if campaign_id is not UNSET:
            field_dict["campaignId"] = campaign_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message = d.pop("message", UNSET)

        task_id = d.pop("taskId", UNSET)

        campaign_id = d.pop("campaignId", UNSET)

        start_or_resume_a_campaign_response_202_data = cls(
            message=message,
            task_id=task_id,
            campaign_id=campaign_id,
        )

        start_or_resume_a_campaign_response_202_data.additional_properties = d
        return start_or_resume_a_campaign_response_202_data

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
