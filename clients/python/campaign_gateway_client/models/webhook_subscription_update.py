from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.webhook_subscription_update_status import WebhookSubscriptionUpdateStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookSubscriptionUpdate")


@_attrs_define
class WebhookSubscriptionUpdate:
    """
    Attributes:
        url (str | Unset):
        event_types (list[str] | Unset):
        description (str | Unset):
        status (WebhookSubscriptionUpdateStatus | Unset):
    """

    url: str | Unset = UNSET
    event_types: list[str] | Unset = UNSET
    description: str | Unset = UNSET
    status: WebhookSubscriptionUpdateStatus | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        event_types: list[str] | Unset = UNSET
        if not isinstance(self.event_types, Unset):
            event_types = self.event_types

        description = self.description

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if url is not UNSET:
            field_dict["url"] = url
        if event_types is not UNSET:
            field_dict["event_types"] = event_types
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url", UNSET)

        event_types = cast(list[str], d.pop("event_types", UNSET))

        description = d.pop("description", UNSET)

        _status = d.pop("status", UNSET)
        status: WebhookSubscriptionUpdateStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = WebhookSubscriptionUpdateStatus(_status)

        webhook_subscription_update = cls(
            url=url,
            event_types=event_types,
            description=description,
            status=status,
        )

        return webhook_subscription_update
