from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.campaign_response_days_item import CampaignResponseDaysItem
from ..models.campaign_response_status import CampaignResponseStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.retry import Retry
    from ..models.time_slot import TimeSlot


T = TypeVar("T", bound="CampaignResponse")


@_attrs_define
class CampaignResponse:
    """
    Attributes:
        id (UUID | Unset): Unique identifier of the campaign
        name (str | Unset): Name of the campaign
        agent_id (UUID | Unset): Unique identifier of the agent to perform the campaign with
        start_date (datetime.date | Unset): Start date of the campaign Example: 2024-07-30.
        time_slots (list[TimeSlot] | Unset): Timeslots of the campaign (when the calls will be performed during the
            day). Max 2 timeslots
        batch_size (int | Unset): The number of calls per...
        retry (Retry | Unset): Retry parameters when the contact cannot be reached
        days (list[CampaignResponseDaysItem] | Unset): Days of the campaign
        status (CampaignResponseStatus | Unset): Status of the campaign
        timezone (str | Unset): The timezone of the campaign Example: Europe/Paris.
    """

    id: UUID | Unset = UNSET
    name: str | Unset = UNSET
    agent_id: UUID | Unset = UNSET
    start_date: datetime.date | Unset = UNSET
    time_slots: list[TimeSlot] | Unset = UNSET
    batch_size: int | Unset = UNSET
    retry: Retry | Unset = UNSET
    days: list[CampaignResponseDaysItem] | Unset = UNSET
    status: CampaignResponseStatus | Unset = UNSET
    timezone: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: str | Unset = UNSET
        if not isinstance(self.id, Unset):
            id = str(self.id)

        name = self.name

        agent_id: str | Unset = UNSET
        if not isinstance(self.agent_id, Unset):
            agent_id = str(self.agent_id)

        start_date: str | Unset = UNSET
        if not isinstance(self.start_date, Unset):
            start_date = self.start_date.isoformat()

        time_slots: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.time_slots, Unset):
            time_slots = []
            for time_slots_item_data in self.time_slots:
                time_slots_item = time_slots_item_data.to_dict()
                time_slots.append(time_slots_item)

        batch_size = self.batch_size

        retry: dict[str, Any] | Unset = UNSET
        if not isinstance(self.retry, Unset):
            retry = self.retry.to_dict()

        days: list[str] | Unset = UNSET
        if not isinstance(self.days, Unset):
            days = []
            for days_item_data in self.days:
                days_item = days_item_data.value
                days.append(days_item)

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        timezone = self.timezone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if agent_id is not UNSET:
            field_dict["agentId"] = agent_id
        if start_date is not UNSET:
            field_dict["startDate"] = start_date
        if time_slots is not UNSET:
            field_dict["timeSlots"] = time_slots
        if batch_size is not UNSET:
            field_dict["batchSize"] = batch_size
        if retry is not UNSET:
            field_dict["retry"] = retry
        if days is not UNSET:
            field_dict["days"] = days
        if status is not UNSET:
            field_dict["status"] = status
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.retry import Retry  # noqa: PLC0415
        from ..models.time_slot import TimeSlot  # noqa: PLC0415

        d = dict(src_dict)
        _id = d.pop("id", UNSET)
        id: UUID | Unset
        if isinstance(_id, Unset):
            id = UNSET
        else:
            id = UUID(_id)

        name = d.pop("name", UNSET)

        _agent_id = d.pop("agentId", UNSET)
        agent_id: UUID | Unset
        if isinstance(_agent_id, Unset):
            agent_id = UNSET
        else:
            agent_id = UUID(_agent_id)

        _start_date = d.pop("startDate", UNSET)
        start_date: datetime.date | Unset
        if isinstance(_start_date, Unset):
            start_date = UNSET
        else:
            start_date = datetime.date.fromisoformat(_start_date)

        _time_slots = d.pop("timeSlots", UNSET)
        time_slots: list[TimeSlot] | Unset = UNSET
        if _time_slots is not UNSET:
            time_slots = []
            for time_slots_item_data in _time_slots:
                time_slots_item = TimeSlot.from_dict(time_slots_item_data)

                time_slots.append(time_slots_item)

        batch_size = d.pop("batchSize", UNSET)

        _retry = d.pop("retry", UNSET)
        retry: Retry | Unset
        if isinstance(_retry, Unset):
            retry = UNSET
        else:
            retry = Retry.from_dict(_retry)

        _days = d.pop("days", UNSET)
        days: list[CampaignResponseDaysItem] | Unset = UNSET
        if _days is not UNSET:
            days = []
            for days_item_data in _days:
                days_item = CampaignResponseDaysItem(days_item_data)

                days.append(days_item)

        _status = d.pop("status", UNSET)
        status: CampaignResponseStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = CampaignResponseStatus(_status)

        timezone = d.pop("timezone", UNSET)

        campaign_response = cls(
            id=id,
            name=name,
            agent_id=agent_id,
            start_date=start_date,
            time_slots=time_slots,
            batch_size=batch_size,
            retry=retry,
            days=days,
            status=status,
            timezone=timezone,
        )

        campaign_response.additional_properties = d
        return campaign_response

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
