from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateACampaignBody")


@_attrs_define
class CreateACampaignBody:
    """
    Attributes:
        name (str): The name of the campaign
        audience_id (str): The ID of the audience
        agent_id (str): The ID of the agent
        description (str | Unset): The description of the campaign
        phone_number_ids (list[str] | Unset): Optional list of caller-ID phone number IDs to rotate across
            when placing outbound calls for this campaign. If omitted,
            the agent's default phone number is used.
        scheduled_at (datetime.datetime | Unset): Optional ISO-8601 timestamp for when the campaign should
            start dialing. Must be in the future. If provided, the
            campaign is created in `scheduled` status; otherwise it
            starts in `draft` status and must be started manually.
        max_retries (int | Unset): Maximum number of times a failed call is retried before the
            participant is marked as failed. `0` disables retries.
             Default: 3.
        retry_delay (int | Unset): Delay in minutes between retry attempts for a failed call.
             Default: 15.
    """

    name: str
    audience_id: str
    agent_id: str
    description: str | Unset = UNSET
    phone_number_ids: list[str] | Unset = UNSET
    scheduled_at: datetime.datetime | Unset = UNSET
    max_retries: int | Unset = 3
    retry_delay: int | Unset = 15
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        audience_id = self.audience_id

        agent_id = self.agent_id

        description = self.description

        phone_number_ids: list[str] | Unset = UNSET
        if not isinstance(self.phone_number_ids, Unset):
            phone_number_ids = self.phone_number_ids

        scheduled_at: str | Unset = UNSET
        if not isinstance(self.scheduled_at, Unset):
            scheduled_at = self.scheduled_at.isoformat()

        max_retries = self.max_retries

        retry_delay = self.retry_delay

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "audienceId": audience_id,
                "agentId": agent_id,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if phone_number_ids is not UNSET:
            field_dict["phoneNumberIds"] = phone_number_ids
        if scheduled_at is not UNSET:
            field_dict["scheduledAt"] = scheduled_at
        if max_retries is not UNSET:
            field_dict["maxRetries"] = max_retries
        if retry_delay is not UNSET:
            field_dict["retryDelay"] = retry_delay

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        audience_id = d.pop("audienceId")

        agent_id = d.pop("agentId")

        description = d.pop("description", UNSET)

        phone_number_ids = cast(list[str], d.pop("phoneNumberIds", UNSET))

        _scheduled_at = d.pop("scheduledAt", UNSET)
        scheduled_at: datetime.datetime | Unset
        if isinstance(_scheduled_at, Unset):
            scheduled_at = UNSET
        else:
            scheduled_at = datetime.datetime.fromisoformat(_scheduled_at)

        max_retries = d.pop("maxRetries", UNSET)

        retry_delay = d.pop("retryDelay", UNSET)

        create_a_campaign_body = cls(
            name=name,
            audience_id=audience_id,
            agent_id=agent_id,
            description=description,
            phone_number_ids=phone_number_ids,
            scheduled_at=scheduled_at,
            max_retries=max_retries,
            retry_delay=retry_delay,
        )

        create_a_campaign_body.additional_properties = d
        return create_a_campaign_body

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
