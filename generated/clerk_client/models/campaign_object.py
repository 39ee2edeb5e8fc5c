from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.campaign_object_status import CampaignObjectStatus

T = TypeVar("T", bound="CampaignObject")


@_attrs_define
class CampaignObject:
    """
    Attributes:
        id (float): The associated Campaign ID Example: 1.
        body (str): The message text Example: Hello, world!.
        team_id (str): The ID of the team the resource belongs to Example: 1.
        user_id (str): The ID of the user who created the resource Example: 1.
        name (str): The name of the campaign Example: October Sale Reminder.
        inbox_id (str): The associated Inbox ID Example: 00000000-0000-0000-0000-000000000000.
        status (CampaignObjectStatus): The status of the campaign Example: scheduled.
        created (datetime.datetime):  Example: 2021-01-01T00:00:00.000Z.
        updated (datetime.datetime):  Example: 2021-01-01T00:00:00.000Z.
        error (str): Details about any error that occurred
    """

    id: float
    body: str
    team_id: str
    user_id: str
    name: str
    inbox_id: str
    status: CampaignObjectStatus
    created: datetime.datetime
    updated: datetime.datetime
    error: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        body = self.body

        team_id = self.team_id

        user_id = self.user_id

        name = self.name

        inbox_id = self.inbox_id

        status = self.status.value

        created = self.created.isoformat()

        updated = self.updated.isoformat()

        error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "body": body,
                "teamId": team_id,
                "userId": user_id,
                "name": name,
                "inboxId": inbox_id,
                "status": status,
                "created": created,
                "updated": updated,
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        body = d.pop("body")

        team_id = d.pop("teamId")

        user_id = d.pop("userId")

        name = d.pop("name")

        inbox_id = d.pop("inboxId")

        status = CampaignObjectStatus(d.pop("status"))

        created = datetime.datetime.fromisoformat(d.pop("created"))

        updated = datetime.datetime.fromisoformat(d.pop("updated"))

        error = d.pop("error")

        campaign_object = cls(
            id=id,
            body=body,
            team_id=team_id,
            user_id=user_id,
            name=name,
            inbox_id=inbox_id,
            status=status,
            created=created,
            updated=updated,
            error=error,
        )

        campaign_object.additional_properties = d
        return campaign_object

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
