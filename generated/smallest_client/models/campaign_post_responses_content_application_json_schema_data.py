from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.campaign_post_responses_content_application_json_schema_data_status import (
    CampaignPostResponsesContentApplicationJsonSchemaDataStatus,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="CampaignPostResponsesContentApplicationJsonSchemaData")


@_attrs_define
class CampaignPostResponsesContentApplicationJsonSchemaData:
    """
    Attributes:
        field_id (str | Unset): The unique identifier for the campaign
        name (str | Unset): The name of the campaign
        description (str | Unset): The description of the campaign
        organization (str | Unset): The ID of the organization
        agent_id (str | Unset): Raw ObjectId of the agent (not a nested object)
        created_by (str | Unset): The ID of the user who created the campaign
        audience_id (str | Unset): Raw ObjectId of the audience (not a nested object)
        participants_count (int | Unset): The number of participants in the campaign
        scheduled_at (datetime.datetime | Unset): The scheduled start time, if provided at creation.
        max_retries (int | Unset): Maximum retries per failed call (echoes request).
        retry_delay (int | Unset): Delay in minutes between retry attempts (echoes request).
        retry_attempts (int | Unset): Number of retries attempted so far across the campaign.
        status (CampaignPostResponsesContentApplicationJsonSchemaDataStatus | Unset): Current campaign status.
        created_at (datetime.datetime | Unset): The date and time when the campaign was created
        updated_at (datetime.datetime | Unset): The date and time when the campaign was last updated
    """

    field_id: str | Unset = UNSET
    name: str | Unset = UNSET
    description: str | Unset = UNSET
    organization: str | Unset = UNSET
    agent_id: str | Unset = UNSET
    created_by: str | Unset = UNSET
    audience_id: str | Unset = UNSET
    participants_count: int | Unset = UNSET
    scheduled_at: datetime.datetime | Unset = UNSET
    max_retries: int | Unset = UNSET
    retry_delay: int | Unset = UNSET
    retry_attempts: int | Unset = UNSET
    status: CampaignPostResponsesContentApplicationJsonSchemaDataStatus | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_id = self.field_id

        name = self.name

        description = self.description

        organization = self.organization

        agent_id = self.agent_id

        created_by = self.created_by

        audience_id = self.audience_id

        participants_count = self.participants_count

        scheduled_at: str | Unset = UNSET
        if not isinstance(self.scheduled_at, Unset):
            scheduled_at = self.scheduled_at.isoformat()

        max_retries = self.max_retries

        retry_delay = self.retry_delay

        retry_attempts = self.retry_attempts

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

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
        if agent_id is not UNSET:
            field_dict["agentId"] = agent_id
        if created_by is not UNSET:
            field_dict["createdBy"] = created_by
        if audience_id is not UNSET:
            field_dict["audienceId"] = audience_id
        if participants_count is not UNSET:
            field_dict["participantsCount"] = participants_count
        if scheduled_at is not UNSET:
            field_dict["scheduledAt"] = scheduled_at
        if max_retries is not UNSET:
            field_dict["maxRetries"] = max_retries
        if retry_delay is not UNSET:
            field_dict["retryDelay"] = retry_delay
        if retry_attempts is not UNSET:
            field_dict["retryAttempts"] = retry_attempts
        if status is not UNSET:
            field_dict["status"] = status
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field_id = d.pop("_id", UNSET)

        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        organization = d.pop("organization", UNSET)

        agent_id = d.pop("agentId", UNSET)

        created_by = d.pop("createdBy", UNSET)

        audience_id = d.pop("audienceId", UNSET)

        participants_count = d.pop("participantsCount", UNSET)

        _scheduled_at = d.pop("scheduledAt", UNSET)
        scheduled_at: datetime.datetime | Unset
        if isinstance(_scheduled_at, Unset):
            scheduled_at = UNSET
        else:
            scheduled_at = datetime.datetime.fromisoformat(_scheduled_at)

        max_retries = d.pop("maxRetries", UNSET)

        retry_delay = d.pop("retryDelay", UNSET)

        retry_attempts = d.pop("retryAttempts", UNSET)

        _status = d.pop("status", UNSET)
        status: CampaignPostResponsesContentApplicationJsonSchemaDataStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = CampaignPostResponsesContentApplicationJsonSchemaDataStatus(_status)

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

        campaign_post_responses_content_application_json_schema_data = cls(
            field_id=field_id,
            name=name,
            description=description,
            organization=organization,
            agent_id=agent_id,
            created_by=created_by,
            audience_id=audience_id,
            participants_count=participants_count,
            scheduled_at=scheduled_at,
            max_retries=max_retries,
            retry_delay=retry_delay,
            retry_attempts=retry_attempts,
            status=status,
            created_at=created_at,
            updated_at=updated_at,
        )

        campaign_post_responses_content_application_json_schema_data.additional_properties = d
        return campaign_post_responses_content_application_json_schema_data

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
