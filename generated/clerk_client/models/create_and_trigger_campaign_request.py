from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.inbox_provider import InboxProvider
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateAndTriggerCampaignRequest")


@_attrs_define
class CreateAndTriggerCampaignRequest:
    """
    Attributes:
        sender (str): The Clerk phone number or identifier from which campaign messages will be sent Example:
            +1415456789.
        list_name (str): The name of the list containing the contacts the campaign will be sent to Example:
            PremiumTierSubscribers.
        media_urls (list[str]): The media URLs to send with the campaign message Example:
            ['https://example.com/image.jpg'].
        body (str): The message text Example: Hello, world!.
        provider (InboxProvider | Unset):
        timestamp (datetime.datetime | Unset): Timestamp for when scheduled campaign messages will be sent Example:
            2021-01-01T00:00:00.000Z.
        name (str | Unset): An optional name for the campaign Example: Sale Reminder.
    """

    sender: str
    list_name: str
    media_urls: list[str]
    body: str
    provider: InboxProvider | Unset = UNSET
    timestamp: datetime.datetime | Unset = UNSET
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sender = self.sender

        list_name = self.list_name

        media_urls = self.media_urls

        body = self.body

        provider: str | Unset = UNSET
        if not isinstance(self.provider, Unset):
            provider = self.provider.value

        timestamp: str | Unset = UNSET
        if not isinstance(self.timestamp, Unset):
            timestamp = self.timestamp.isoformat()

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sender": sender,
                "listName": list_name,
                "mediaUrls": media_urls,
                "body": body,
            }
        )
        if provider is not UNSET:
            field_dict["provider"] = provider
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sender = d.pop("sender")

        list_name = d.pop("listName")

        media_urls = cast(list[str], d.pop("mediaUrls"))

        body = d.pop("body")

        _provider = d.pop("provider", UNSET)
        provider: InboxProvider | Unset
        if isinstance(_provider, Unset):
            provider = UNSET
        else:
            provider = InboxProvider(_provider)

        _timestamp = d.pop("timestamp", UNSET)
        timestamp: datetime.datetime | Unset
        if isinstance(_timestamp, Unset):
            timestamp = UNSET
        else:
            timestamp = datetime.datetime.fromisoformat(_timestamp)

        name = d.pop("name", UNSET)

        create_and_trigger_campaign_request = cls(
            sender=sender,
            list_name=list_name,
            media_urls=media_urls,
            body=body,
            provider=provider,
            timestamp=timestamp,
            name=name,
        )

        create_and_trigger_campaign_request.additional_properties = d
        return create_and_trigger_campaign_request

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
