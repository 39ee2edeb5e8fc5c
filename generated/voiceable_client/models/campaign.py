from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Campaign")


@_attrs_define
class Campaign:
    """Campaign object (the `data` of the create and the get responses)

    Attributes:
        id (int): Campaign ID Example: 1.
        name (str): Campaign name Example: Q1 Product Launch Campaign.
        status (str): Current campaign status Example: pending.
        elevenlabs_batch_call_id (None | str | Unset): Associated ElevenLabs batch call ID
        recipients_count (int | Unset): Number of recipients in the campaign Example: 500.
        scheduled_at (datetime.datetime | None | Unset): ISO 8601 timestamp when campaign is scheduled (if scheduled)
        send_immediately (bool | Unset): Whether the campaign was sent immediately Example: True.
        created_at (datetime.datetime | Unset): ISO 8601 creation timestamp Example: 2024-01-15T10:30:00Z.
    """

    id: int
    name: str
    status: str
    elevenlabs_batch_call_id: None | str | Unset = UNSET
    recipients_count: int | Unset = UNSET
    scheduled_at: datetime.datetime | None | Unset = UNSET
    send_immediately: bool | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        status = self.status

        elevenlabs_batch_call_id: None | str | Unset
        if isinstance(self.elevenlabs_batch_call_id, Unset):
            elevenlabs_batch_call_id = UNSET
        else:
            elevenlabs_batch_call_id = self.elevenlabs_batch_call_id

        recipients_count = self.recipients_count

        scheduled_at: None | str | Unset
        if isinstance(self.scheduled_at, Unset):
            scheduled_at = UNSET
        elif isinstance(self.scheduled_at, datetime.datetime):
            scheduled_at = self.scheduled_at.isoformat()
        else:
            scheduled_at = self.scheduled_at

        send_immediately = self.send_immediately

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "status": status,
            }
        )
        if elevenlabs_batch_call_id is not UNSET:
            field_dict["elevenlabs_batch_call_id"] = elevenlabs_batch_call_id
        if recipients_count is not UNSET:
            field_dict["recipients_count"] = recipients_count
        if scheduled_at is not UNSET:
            field_dict["scheduled_at"] = scheduled_at
        if send_immediately is not UNSET:
            field_dict["send_immediately"] = send_immediately
        if created_at is not UNSET:
            field_dict["created_at"] = created_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        status = d.pop("status")

        def _parse_elevenlabs_batch_call_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        elevenlabs_batch_call_id = _parse_elevenlabs_batch_call_id(d.pop("elevenlabs_batch_call_id", UNSET))

        recipients_count = d.pop("recipients_count", UNSET)

        def _parse_scheduled_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scheduled_at_type_0 = datetime.datetime.fromisoformat(data)

                return scheduled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        scheduled_at = _parse_scheduled_at(d.pop("scheduled_at", UNSET))

        send_immediately = d.pop("send_immediately", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        campaign = cls(
            id=id,
            name=name,
            status=status,
            elevenlabs_batch_call_id=elevenlabs_batch_call_id,
            recipients_count=recipients_count,
            scheduled_at=scheduled_at,
            send_immediately=send_immediately,
            created_at=created_at,
        )

        campaign.additional_properties = d
        return campaign

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
