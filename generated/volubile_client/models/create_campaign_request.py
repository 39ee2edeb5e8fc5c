from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_campaign_request_days_item import CreateCampaignRequestDaysItem
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.create_campaign_recipient_request import CreateCampaignRecipientRequest
    from ..models.retry import Retry
    from ..models.time_slot import TimeSlot


T = TypeVar("T", bound="CreateCampaignRequest")


@_attrs_define
class CreateCampaignRequest:
    """
    Attributes:
        name (str): Name of the campaign
        agent_id (UUID): Unique identifier of the OUTBOUND agent to perform the campaign with
        start_date (datetime.date): Start date of the campaign Example: 2024-07-30.
        time_slots (list[TimeSlot]): Calls will only be performed during the allowed time slots: 10:00-13:00 and
            14:00-20:00.
                            If the specified time slots overlap partially with these intervals, only the overlapping portion
            will be used.
                            For example: if "11:00-15:00" is provided, calls will occur from 11:00 to 13:00 and 14:00 to
            15:00.
                            Maximum of 2 time slots are allowed
        batch_size (int): The number of calls per day, minimum 1, maximum 1000
        days (list[CreateCampaignRequestDaysItem]): Days of the campaign
        retry (Retry | Unset): Retry parameters when the contact cannot be reached
        recipients (list[CreateCampaignRecipientRequest] | Unset): List of recipients to call, minimum 1, maximum 1000
        timezone (str | Unset): The timezone of the campaign Example: Europe/Paris.
    """

    name: str
    agent_id: UUID
    start_date: datetime.date
    time_slots: list[TimeSlot]
    batch_size: int
    days: list[CreateCampaignRequestDaysItem]
    retry: Retry | Unset = UNSET
    recipients: list[CreateCampaignRecipientRequest] | Unset = UNSET
    timezone: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        agent_id = str(self.agent_id)

        start_date = self.start_date.isoformat()

        time_slots = []
        for time_slots_item_data in self.time_slots:
            time_slots_item = time_slots_item_data.to_dict()
            time_slots.append(time_slots_item)

        batch_size = self.batch_size

        days = []
        for days_item_data in self.days:
            days_item = days_item_data.value
            days.append(days_item)

        retry: dict[str, Any] | Unset = UNSET
        if not isinstance(self.retry, Unset):
            retry = self.retry.to_dict()

        recipients: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.recipients, Unset):
            recipients = []
            for recipients_item_data in self.recipients:
                recipients_item = recipients_item_data.to_dict()
                recipients.append(recipients_item)

        timezone = self.timezone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "agentId": agent_id,
                "startDate": start_date,
                "timeSlots": time_slots,
                "batchSize": batch_size,
                "days": days,
            }
        )
        if retry is not UNSET:
            field_dict["retry"] = retry
        if recipients is not UNSET:
            field_dict["recipients"] = recipients
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.create_campaign_recipient_request import CreateCampaignRecipientRequest  # noqa: PLC0415
        from ..models.retry import Retry  # noqa: PLC0415
        from ..models.time_slot import TimeSlot  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        agent_id = UUID(d.pop("agentId"))

        start_date = datetime.date.fromisoformat(d.pop("startDate"))

        time_slots = []
        _time_slots = d.pop("timeSlots")
        for time_slots_item_data in _time_slots:
            time_slots_item = TimeSlot.from_dict(time_slots_item_data)

            time_slots.append(time_slots_item)

        batch_size = d.pop("batchSize")

        days = []
        _days = d.pop("days")
        for days_item_data in _days:
            days_item = CreateCampaignRequestDaysItem(days_item_data)

            days.append(days_item)

        _retry = d.pop("retry", UNSET)
        retry: Retry | Unset
        if isinstance(_retry, Unset):
            retry = UNSET
        else:
            retry = Retry.from_dict(_retry)

        _recipients = d.pop("recipients", UNSET)
        recipients: list[CreateCampaignRecipientRequest] | Unset = UNSET
        if _recipients is not UNSET:
            recipients = []
            for recipients_item_data in _recipients:
                recipients_item = CreateCampaignRecipientRequest.from_dict(recipients_item_data)

                recipients.append(recipients_item)

        timezone = d.pop("timezone", UNSET)

        create_campaign_request = cls(
            name=name,
            agent_id=agent_id,
            start_date=start_date,
            time_slots=time_slots,
            batch_size=batch_size,
            days=days,
            retry=retry,
            recipients=recipients,
            timezone=timezone,
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
