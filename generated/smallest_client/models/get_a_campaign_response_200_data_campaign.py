from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.get_a_campaign_response_200_data_campaign_status import GetACampaignResponse200DataCampaignStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.get_a_campaign_response_200_data_campaign_agent import GetACampaignResponse200DataCampaignAgent
    from ..models.get_a_campaign_response_200_data_campaign_audience import GetACampaignResponse200DataCampaignAudience


T = TypeVar("T", bound="GetACampaignResponse200DataCampaign")


@_attrs_define
class GetACampaignResponse200DataCampaign:
    """
    Attributes:
        field_id (str | Unset): The unique identifier for the campaign
        name (str | Unset): The name of the campaign
        description (str | Unset): The description of the campaign
        organization (str | Unset): The ID of the organization
        agent (GetACampaignResponse200DataCampaignAgent | Unset): The agent assigned to this campaign
        audience (GetACampaignResponse200DataCampaignAudience | Unset): The audience assigned to this campaign
        created_by (str | Unset): The ID of the user who created the campaign
        participants_count (int | Unset): The number of participants in the campaign
        status (GetACampaignResponse200DataCampaignStatus | Unset): The current status of the campaign
        max_retries (int | Unset): Maximum number of retry attempts Example: 3.
        retry_delay (int | Unset): Delay between retries in minutes Example: 15.
        retry_attempts (int | Unset): Total retry attempts made so far
        scheduled_at (datetime.datetime | Unset): Scheduled start time for the campaign
        paused_at (datetime.datetime | Unset): When the campaign was paused
        cancelled_calls_count (int | Unset): Number of calls cancelled (e.g. when campaign was paused)
        error (str | Unset): Error message if the campaign failed
        failed_at (datetime.datetime | Unset): When the campaign entered failed state
        created_at (datetime.datetime | Unset): The date and time when the campaign was created
        updated_at (datetime.datetime | Unset): The date and time when the campaign was last updated
    """

    field_id: str | Unset = UNSET
    name: str | Unset = UNSET
    description: str | Unset = UNSET
    organization: str | Unset = UNSET
    agent: GetACampaignResponse200DataCampaignAgent | Unset = UNSET
    audience: GetACampaignResponse200DataCampaignAudience | Unset = UNSET
    created_by: str | Unset = UNSET
    participants_count: int | Unset = UNSET
    status: GetACampaignResponse200DataCampaignStatus | Unset = UNSET
    max_retries: int | Unset = UNSET
    retry_delay: int | Unset = UNSET
    retry_attempts: int | Unset = UNSET
    scheduled_at: datetime.datetime | Unset = UNSET
    paused_at: datetime.datetime | Unset = UNSET
    cancelled_calls_count: int | Unset = UNSET
    error: str | Unset = UNSET
    failed_at: datetime.datetime | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_id = self.field_id

        name = self.name

        description = self.description

        organization = self.organization

        agent: dict[str, Any] | Unset = UNSET
        if not isinstance(self.agent, Unset):
            agent = self.agent.to_dict()

        audience: dict[str, Any] | Unset = UNSET
        if not isinstance(self.audience, Unset):
            audience = self.audience.to_dict()

        created_by = self.created_by

        participants_count = self.participants_count

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        max_retries = self.max_retries

        retry_delay = self.retry_delay

        retry_attempts = self.retry_attempts

        scheduled_at: str | Unset = UNSET
        if not isinstance(self.scheduled_at, Unset):
            scheduled_at = self.scheduled_at.isoformat()

        paused_at: str | Unset = UNSET
        if not isinstance(self.paused_at, Unset):
            paused_at = self.paused_at.isoformat()

        cancelled_calls_count = self.cancelled_calls_count

        error = self.error

        failed_at: str | Unset = UNSET
        if not isinstance(self.failed_at, Unset):
            failed_at = self.failed_at.isoformat()

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if field_id is not UNSET:
            field_dict["_id"] = field_id
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if organization is not UNSET:
            field_dict["organization"] = organization
        if agent is not UNSET:
            field_dict["agent"] = agent
        if audience is not UNSET:
            field_dict["audience"] = audience
        if created_by is not UNSET:
            field_dict["createdBy"] = created_by
        if participants_count is not UNSET:
            field_dict["participantsCount"] = participants_count
        if status is not UNSET:
            field_dict["status"] = status
        if max_retries is not UNSET:
            field_dict["maxRetries"] = max_retries
        if retry_delay is not UNSET:
            field_dict["retryDelay"] = retry_delay
        if retry_attempts is not UNSET:
            field_dict["retryAttempts"] = retry_attempts
        if scheduled_at is not UNSET:
            field_dict["scheduledAt"] = scheduled_at
        if paused_at is not UNSET:
            field_dict["pausedAt"] = paused_at
        if cancelled_calls_count is not UNSET:
            field_dict["cancelledCallsCount"] = cancelled_calls_count
        if error is not UNSET:
            field_dict["error"] = error
        if failed_at is not UNSET:
            field_dict["failedAt"] = failed_at
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.get_a_campaign_response_200_data_campaign_agent import GetACampaignResponse200DataCampaignAgent  # noqa: PLC0415
        from ..models.get_a_campaign_response_200_data_campaign_audience import (
            GetACampaignResponse200DataCampaignAudience,  # noqa: PLC0415
        )

        d = dict(src_dict)
        field_id = d.pop("_id", UNSET)

        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        organization = d.pop("organization", UNSET)

        _agent = d.pop("agent", UNSET)
        agent: GetACampaignResponse200DataCampaignAgent | Unset
        if isinstance(_agent, Unset):
            agent = UNSET
        else:
            agent = GetACampaignResponse200DataCampaignAgent.from_dict(_agent)

        _audience = d.pop("audience", UNSET)
        audience: GetACampaignResponse200DataCampaignAudience | Unset
        if isinstance(_audience, Unset):
            audience = UNSET
        else:
            audience = GetACampaignResponse200DataCampaignAudience.from_dict(_audience)

        created_by = d.pop("createdBy", UNSET)

        participants_count = d.pop("participantsCount", UNSET)

        _status = d.pop("status", UNSET)
        status: GetACampaignResponse200DataCampaignStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = GetACampaignResponse200DataCampaignStatus(_status)

        max_retries = d.pop("maxRetries", UNSET)

        retry_delay = d.pop("retryDelay", UNSET)

        retry_attempts = d.pop("retryAttempts", UNSET)

        _scheduled_at = d.pop("scheduledAt", UNSET)
        scheduled_at: datetime.datetime | Unset
        if isinstance(_scheduled_at, Unset):
            scheduled_at = UNSET
        else:
            scheduled_at = datetime.datetime.fromisoformat(_scheduled_at)

        _paused_at = d.pop("pausedAt", UNSET)
        paused_at: datetime.datetime | Unset
        if isinstance(_paused_at, Unset):
            paused_at = UNSET
        else:
            paused_at = datetime.datetime.fromisoformat(_paused_at)

        cancelled_calls_count = d.pop("cancelledCallsCount", UNSET)

        error = d.pop("error", UNSET)

        _failed_at = d.pop("failedAt", UNSET)
        failed_at: datetime.datetime | Unset
        if isinstance(_failed_at, Unset):
            failed_at = UNSET
        else:
            failed_at = datetime.datetime.fromisoformat(_failed_at)

        _created_at = d.pop("createdAt", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = d.pop("updatedAt", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        get_a_campaign_response_200_data_campaign = cls(
            field_id=field_id,
            name=name,
            description=description,
            organization=organization,
            agent=agent,
            audience=audience,
            created_by=created_by,
            participants_count=participants_count,
            status=status,
            max_retries=max_retries,
            retry_delay=retry_delay,
            retry_attempts=retry_attempts,
            scheduled_at=scheduled_at,
            paused_at=paused_at,
            cancelled_calls_count=cancelled_calls_count,
            error=error,
            failed_at=failed_at,
            created_at=created_at,
            updated_at=updated_at,
        )

        get_a_campaign_response_200_data_campaign.additional_properties = d
        return get_a_campaign_response_200_data_campaign

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
