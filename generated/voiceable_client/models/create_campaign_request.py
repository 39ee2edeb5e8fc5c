from __future__ import annotations

import datetime
from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="CreateCampaignRequest")


@_attrs_define
class CreateCampaignRequest:
    """
    Attributes:
        name (str): Campaign name Example: Q1 Product Launch Campaign.
        phone_number_id (int): ID of the phone number to use Example: 1.
        agent_id (str): ID of the agent to use for calls Example: 123.
        recipients_file (File): CSV file with recipient phone numbers. Format: one phone number per line, under a
            `phone_number` header.
        send_immediately (bool): Whether to send the campaign immediately (true) or schedule it (false) Example: True.
        schedule_date (datetime.date | Unset): Date in YYYY-MM-DD format (required if send_immediately is false)
            Example: 2024-02-01.
        schedule_time (str | Unset): Time in HH:MM:SS format (required if send_immediately is false) Example: 10:00:00.
    """

    name: str
    phone_number_id: int
    agent_id: str
    recipients_file: File
    send_immediately: bool
    schedule_date: datetime.date | Unset = UNSET
    schedule_time: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        phone_number_id = self.phone_number_id

        agent_id = self.agent_id

        recipients_file = self.recipients_file.to_tuple()

        send_immediately = self.send_immediately

        schedule_date: str | Unset = UNSET
        if not isinstance(self.schedule_date, Unset):
            schedule_date = self.schedule_date.isoformat()

        schedule_time = self.schedule_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "phone_number_id": phone_number_id,
                "agent_id": agent_id,
                "recipients_file": recipients_file,
                "send_immediately": send_immediately,
            }
        )
        if schedule_date is not UNSET:
            field_dict["schedule_date"] = schedule_date
        if schedule_time is not UNSET:
            field_dict["schedule_time"] = schedule_time

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("name", (None, str(self.name).encode(), "text/plain")))

        files.append(("phone_number_id", (None, str(self.phone_number_id).encode(), "text/plain")))

        files.append(("agent_id", (None, str(self.agent_id).encode(), "text/plain")))

        files.append(("recipients_file", self.recipients_file.to_tuple()))

        files.append(
            (
                "send_immediately",
                (
                    None,
                    (
                        ("true" if self.send_immediately else "false")
                        if isinstance(self.send_immediately, bool)
                        else str(self.send_immediately)
                    ).encode(),
                    "text/plain",
                ),
            )
        )

        if not isinstance(self.schedule_date, Unset):
            files.append(("schedule_date", (None, self.schedule_date.isoformat().encode(), "text/plain")))

        if not isinstance(self.schedule_time, Unset):
            files.append(("schedule_time", (None, str(self.schedule_time).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        phone_number_id = d.pop("phone_number_id")

        agent_id = d.pop("agent_id")

        recipients_file = File(payload=BytesIO(d.pop("recipients_file")))

        send_immediately = d.pop("send_immediately")

        _schedule_date = d.pop("schedule_date", UNSET)
        schedule_date: datetime.date | Unset
        if isinstance(_schedule_date, Unset):
            schedule_date = UNSET
        else:
            schedule_date = datetime.date.fromisoformat(_schedule_date)

        schedule_time = d.pop("schedule_time", UNSET)

        create_campaign_request = cls(
            name=name,
            phone_number_id=phone_number_id,
            agent_id=agent_id,
            recipients_file=recipients_file,
            send_immediately=send_immediately,
            schedule_date=schedule_date,
            schedule_time=schedule_time,
        )

        create_campaign_request.additional_properties = d
        return create_campaign_request

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
