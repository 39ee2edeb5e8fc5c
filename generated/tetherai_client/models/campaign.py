from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_failed_details_item import CampaignFailedDetailsItem
    from ..models.created_by import CreatedBy
    from ..models.stats import Stats


T = TypeVar("T", bound="Campaign")


@_attrs_define
class Campaign:
    """
    Attributes:
        field_id (str | Unset):
        organization_id (str | Unset):
        name (str | Unset):
        message (str | Unset):
        user_ids (list[str] | Unset):
        schedule_date (datetime.datetime | Unset):
        process (str | Unset):
        contact_status (str | Unset):
        is_autopilot (bool | Unset):
        type_ (str | Unset):
        status (str | Unset):
        created_by (CreatedBy | Unset):
        failed_user_ids (list[str] | Unset):
        failed_details (list[CampaignFailedDetailsItem] | Unset):
        stats (Stats | Unset):
        created_at (datetime.datetime | Unset):
        updated_at (datetime.datetime | Unset):
    """

    field_id: str | Unset = UNSET
    organization_id: str | Unset = UNSET
    name: str | Unset = UNSET
    message: str | Unset = UNSET
    user_ids: list[str] | Unset = UNSET
    schedule_date: datetime.datetime | Unset = UNSET
    process: str | Unset = UNSET
    contact_status: str | Unset = UNSET
    is_autopilot: bool | Unset = UNSET
    type_: str | Unset = UNSET
    status: str | Unset = UNSET
    created_by: CreatedBy | Unset = UNSET
    failed_user_ids: list[str] | Unset = UNSET
    failed_details: list[CampaignFailedDetailsItem] | Unset = UNSET
    stats: Stats | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_id = self.field_id

        organization_id = self.organization_id

        name = self.name

        message = self.message

        user_ids: list[str] | Unset = UNSET
        if not isinstance(self.user_ids, Unset):
            user_ids = self.user_ids

        schedule_date: str | Unset = UNSET
        if not isinstance(self.schedule_date, Unset):
            schedule_date = self.schedule_date.isoformat()

        process = self.process

        contact_status = self.contact_status

        is_autopilot = self.is_autopilot

        type_ = self.type_

        status = self.status

        created_by: dict[str, Any] | Unset = UNSET
        if not isinstance(self.created_by, Unset):
            created_by = self.created_by.to_dict()

        failed_user_ids: list[str] | Unset = UNSET
        if not isinstance(self.failed_user_ids, Unset):
            failed_user_ids = self.failed_user_ids

        failed_details: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.failed_details, Unset):
            failed_details = []
            for failed_details_item_data in self.failed_details:
                failed_details_item = failed_details_item_data.to_dict()
                failed_details.append(failed_details_item)

        stats: dict[str, Any] | Unset = UNSET
        if not isinstance(self.stats, Unset):
            stats = self.stats.to_dict()

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
        if organization_id is not UNSET:
            field_dict["organizationId"] = organization_id
        if name is not UNSET:
            field_dict["name"] = name
        if message is not UNSET:
            field_dict["message"] = message
        if user_ids is not UNSET:
            field_dict["userIds"] = user_ids
        if schedule_date is not UNSET:
            field_dict["scheduleDate"] = schedule_date
        if process is not UNSET:
            field_dict["process"] = process
        if contact_status is not UNSET:
            field_dict["contactStatus"] = contact_status
        if is_autopilot is not UNSET:
            field_dict["isAutopilot"] = is_autopilot
        if type_ is not UNSET:
            field_dict["type"] = type_
        if status is not UNSET:
            field_dict["status"] = status
        if created_by is not UNSET:
            field_dict["createdBy"] = created_by
        if failed_user_ids is not UNSET:
            field_dict["failedUserIds"] = failed_user_ids
        if failed_details is not UNSET:
            field_dict["failedDetails"] = failed_details
        if stats is not UNSET:
            field_dict["stats"] = stats
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_failed_details_item import CampaignFailedDetailsItem  # noqa: PLC0415
        from ..models.created_by import CreatedBy  # noqa: PLC0415
        from ..models.stats import Stats  # noqa: PLC0415

        d = dict(src_dict)
        field_id = d.pop("_id", UNSET)

        organization_id = d.pop("organizationId", UNSET)

        name = d.pop("name", UNSET)

        message = d.pop("message", UNSET)

        user_ids = cast(list[str], d.pop("userIds", UNSET))

        _schedule_date = d.pop("scheduleDate", UNSET)
        schedule_date: datetime.datetime | Unset
        if isinstance(_schedule_date, Unset):
            schedule_date = UNSET
        else:
            schedule_date = datetime.datetime.fromisoformat(_schedule_date)

        process = d.pop("process", UNSET)

        contact_status = d.pop("contactStatus", UNSET)

        is_autopilot = d.pop("isAutopilot", UNSET)

        type_ = d.pop("type", UNSET)

        status = d.pop("status", UNSET)

        _created_by = d.pop("createdBy", UNSET)
        created_by: CreatedBy | Unset
        if isinstance(_created_by, Unset):
            created_by = UNSET
        else:
            created_by = CreatedBy.from_dict(_created_by)

        failed_user_ids = cast(list[str], d.pop("failedUserIds", UNSET))

        _failed_details = d.pop("failedDetails", UNSET)
        failed_details: list[CampaignFailedDetailsItem] | Unset = UNSET
        if _failed_details is not UNSET:
            failed_details = []
            for failed_details_item_data in _failed_details:
                failed_details_item = CampaignFailedDetailsItem.from_dict(failed_details_item_data)

                failed_details.append(failed_details_item)

        _stats = d.pop("stats", UNSET)
        stats: Stats | Unset
        if isinstance(_stats, Unset):
            stats = UNSET
        else:
            stats = Stats.from_dict(_stats)

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

        campaign = cls(
            field_id=field_id,
            organization_id=organization_id,
            name=name,
            message=message,
            user_ids=user_ids,
            schedule_date=schedule_date,
            process=process,
            contact_status=contact_status,
            is_autopilot=is_autopilot,
            type_=type_,
            status=status,
            created_by=created_by,
            failed_user_ids=failed_user_ids,
            failed_details=failed_details,
            stats=stats,
            created_at=created_at,
            updated_at=updated_at,
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
