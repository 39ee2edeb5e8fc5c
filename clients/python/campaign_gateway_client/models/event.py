from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.event_source import EventSource
from ..models.event_type import EventType

if TYPE_CHECKING:
    from ..models.event_data import EventData


T = TypeVar("T", bound="Event")


@_attrs_define
class Event:
    """One thing that happened to a campaign. `source` says who told: the vendor's `webhook`, the status `sync`, or the
    `gateway` itself. `data` depends on `type` (see docs/using-the-api.md); a `vendor.event` carries what the vendor
    sent, raw.

        Attributes:
            id (str):
            type_ (EventType):
            occurred_at (datetime.datetime):
            received_at (datetime.datetime):
            tenant (str):
            campaign_id (None | UUID):
            vendor (None | str):
            vendor_campaign_id (None | str):
            source (EventSource):
            data (EventData):
    """

    id: str
    type_: EventType
    occurred_at: datetime.datetime
    received_at: datetime.datetime
    tenant: str
    campaign_id: None | UUID
    vendor: None | str
    vendor_campaign_id: None | str
    source: EventSource
    data: EventData
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_.value

        occurred_at = self.occurred_at.isoformat()

        received_at = self.received_at.isoformat()

        tenant = self.tenant

        campaign_id: None | str
        if isinstance(self.campaign_id, UUID):
            campaign_id = str(self.campaign_id)
        else:
            campaign_id = self.campaign_id

        vendor: None | str
        vendor = self.vendor

        vendor_campaign_id: None | str
        vendor_campaign_id = self.vendor_campaign_id

        source = self.source.value

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "occurred_at": occurred_at,
                "received_at": received_at,
                "tenant": tenant,
                "campaign_id": campaign_id,
                "vendor": vendor,
                "vendor_campaign_id": vendor_campaign_id,
                "source": source,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_data import EventData  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        type_ = EventType(d.pop("type"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))

        tenant = d.pop("tenant")

        def _parse_campaign_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                campaign_id_type_0 = UUID(data)

                return campaign_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        campaign_id = _parse_campaign_id(d.pop("campaign_id"))

        def _parse_vendor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        vendor = _parse_vendor(d.pop("vendor"))

        def _parse_vendor_campaign_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        vendor_campaign_id = _parse_vendor_campaign_id(d.pop("vendor_campaign_id"))

        source = EventSource(d.pop("source"))

        data = EventData.from_dict(d.pop("data"))

        event = cls(
            id=id,
            type_=type_,
            occurred_at=occurred_at,
            received_at=received_at,
            tenant=tenant,
            campaign_id=campaign_id,
            vendor=vendor,
            vendor_campaign_id=vendor_campaign_id,
            source=source,
            data=data,
        )

        event.additional_properties = d
        return event

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
