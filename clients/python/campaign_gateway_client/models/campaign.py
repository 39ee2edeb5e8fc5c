from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.campaign_status import CampaignStatus
from ..models.dispatch import Dispatch

if TYPE_CHECKING:
    from ..models.campaign_action import CampaignAction
    from ..models.progress import Progress


T = TypeVar("T", bound="Campaign")


@_attrs_define
class Campaign:
    """
    Attributes:
        id (UUID): The gateway's id of the campaign.
        vendor (str): A vendor this gateway knows (the list comes from specs/vendors.toml).
        route (str): `campaigns` (vendor-neutral) or the native path it was sent to.
        vendor_campaign_id (None | str): The vendor's id of the campaign.
        name (None | str):
        status (CampaignStatus | None): The campaign's status at the vendor; null until the vendor accepted it.
        dispatch (Dispatch): Whether the vendor took the campaign: `in_flight` while the gateway is calling it,
            `accepted`, `rejected`, or `unknown` when the outcome cannot be known (never re-sent automatically; `campaign-
            gateway reconcile` settles it).
        vendor_status (None | str): The vendor's own word for the status.
        recipients_count (int | None): Null where the vendor holds the list.
        scheduled_at (datetime.datetime | None):
        created_at (datetime.datetime):
        progress (Progress): Calls (voice) or messages (SMS); null where the vendor does not report the count.
        synced_at (datetime.datetime | None): When the vendor's own state was last read; null if never.
        actions (list[CampaignAction]): The actions taken on the campaign through the gateway, oldest first.
    """

    id: UUID
    vendor: str
    route: str
    vendor_campaign_id: None | str
    name: None | str
    status: CampaignStatus | None
    dispatch: Dispatch
    vendor_status: None | str
    recipients_count: int | None
    scheduled_at: datetime.datetime | None
    created_at: datetime.datetime
    progress: Progress
    synced_at: datetime.datetime | None
    actions: list[CampaignAction]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        vendor = self.vendor

        route = self.route

        vendor_campaign_id: None | str
        vendor_campaign_id = self.vendor_campaign_id

        name: None | str
        name = self.name

        status: None | str
        if isinstance(self.status, CampaignStatus):
            status = self.status.value
        else:
            status = self.status

        dispatch = self.dispatch.value

        vendor_status: None | str
        vendor_status = self.vendor_status

        recipients_count: int | None
        recipients_count = self.recipients_count

        scheduled_at: None | str
        if isinstance(self.scheduled_at, datetime.datetime):
            scheduled_at = self.scheduled_at.isoformat()
        else:
            scheduled_at = self.scheduled_at

        created_at = self.created_at.isoformat()

        progress = self.progress.to_dict()

        synced_at: None | str
        if isinstance(self.synced_at, datetime.datetime):
            synced_at = self.synced_at.isoformat()
        else:
            synced_at = self.synced_at

        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "vendor": vendor,
                "route": route,
                "vendor_campaign_id": vendor_campaign_id,
                "name": name,
                "status": status,
                "dispatch": dispatch,
                "vendor_status": vendor_status,
                "recipients_count": recipients_count,
                "scheduled_at": scheduled_at,
                "created_at": created_at,
                "progress": progress,
                "synced_at": synced_at,
                "actions": actions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_action import CampaignAction  # noqa: PLC0415
        from ..models.progress import Progress  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        vendor = d.pop("vendor")

        route = d.pop("route")

        def _parse_vendor_campaign_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        vendor_campaign_id = _parse_vendor_campaign_id(d.pop("vendor_campaign_id"))

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        def _parse_status(data: object) -> CampaignStatus | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_1 = CampaignStatus(data)

                return status_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CampaignStatus | None, data)

        status = _parse_status(d.pop("status"))

        dispatch = Dispatch(d.pop("dispatch"))

        def _parse_vendor_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        vendor_status = _parse_vendor_status(d.pop("vendor_status"))

        def _parse_recipients_count(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        recipients_count = _parse_recipients_count(d.pop("recipients_count"))

        def _parse_scheduled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scheduled_at_type_0 = datetime.datetime.fromisoformat(data)

                return scheduled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        scheduled_at = _parse_scheduled_at(d.pop("scheduled_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        progress = Progress.from_dict(d.pop("progress"))

        def _parse_synced_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                synced_at_type_0 = datetime.datetime.fromisoformat(data)

                return synced_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        synced_at = _parse_synced_at(d.pop("synced_at"))

        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:
            actions_item = CampaignAction.from_dict(actions_item_data)

            actions.append(actions_item)

        campaign = cls(
            id=id,
            vendor=vendor,
            route=route,
            vendor_campaign_id=vendor_campaign_id,
            name=name,
            status=status,
            dispatch=dispatch,
            vendor_status=vendor_status,
            recipients_count=recipients_count,
            scheduled_at=scheduled_at,
            created_at=created_at,
            progress=progress,
            synced_at=synced_at,
            actions=actions,
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
