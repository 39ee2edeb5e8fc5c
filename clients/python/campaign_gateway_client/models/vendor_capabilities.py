from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel import Channel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.vendor_capabilities_lifecycle_notes import VendorCapabilitiesLifecycleNotes


T = TypeVar("T", bound="VendorCapabilities")


@_attrs_define
class VendorCapabilities:
    """
    Attributes:
        vendor (str): A vendor this gateway knows (the list comes from specs/vendors.toml).
        name (str):
        channels (list[Channel]):
        inline_recipients (bool):
        audience (bool): Sends to a contact list that exists at the vendor.
        scheduling (bool):
        windows (bool):
        retries (bool):
        multipart (bool):
        native_routes (list[str]):
        notes (list[str]):
        get (bool): The vendor has a get operation; its campaigns are kept in sync.
        start (bool):
        pause (bool):
        resume (bool):
        cancel (bool):
        progress (bool): The vendor reports counts of calls or messages.
        lifecycle_notes (VendorCapabilitiesLifecycleNotes): For each of get, start, pause, resume, cancel and progress,
            what it rests on or why not.
        max_recipients (int | None | Unset):
        webhooks (str | Unset): How the vendor's webhooks reach POST /v1/hooks/{vendor}/{endpoint_token}: signed (the
            header and algorithm the gateway verifies), token only (and why), or none (sync only).
    """

    vendor: str
    name: str
    channels: list[Channel]
    inline_recipients: bool
    audience: bool
    scheduling: bool
    windows: bool
    retries: bool
    multipart: bool
    native_routes: list[str]
    notes: list[str]
    get: bool
    start: bool
    pause: bool
    resume: bool
    cancel: bool
    progress: bool
    lifecycle_notes: VendorCapabilitiesLifecycleNotes
    max_recipients: int | None | Unset = UNSET
    webhooks: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        vendor = self.vendor

        name = self.name

        channels = []
        for channels_item_data in self.channels:
            channels_item = channels_item_data.value
            channels.append(channels_item)

        inline_recipients = self.inline_recipients

        audience = self.audience

        scheduling = self.scheduling

        windows = self.windows

        retries = self.retries

        multipart = self.multipart

        native_routes = self.native_routes

        notes = self.notes

        get = self.get

        start = self.start

        pause = self.pause

        resume = self.resume

        cancel = self.cancel

        progress = self.progress

        lifecycle_notes = self.lifecycle_notes.to_dict()

        max_recipients: int | None | Unset
        if isinstance(self.max_recipients, Unset):
            max_recipients = UNSET
        else:
            max_recipients = self.max_recipients

        webhooks = self.webhooks

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "vendor": vendor,
                "name": name,
                "channels": channels,
                "inline_recipients": inline_recipients,
                "audience": audience,
                "scheduling": scheduling,
                "windows": windows,
                "retries": retries,
                "multipart": multipart,
                "native_routes": native_routes,
                "notes": notes,
                "get": get,
                "start": start,
                "pause": pause,
                "resume": resume,
                "cancel": cancel,
                "progress": progress,
                "lifecycle_notes": lifecycle_notes,
            }
        )
        if max_recipients is not UNSET:
            field_dict["max_recipients"] = max_recipients
        if webhooks is not UNSET:
            field_dict["webhooks"] = webhooks

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.vendor_capabilities_lifecycle_notes import VendorCapabilitiesLifecycleNotes  # noqa: PLC0415

        d = dict(src_dict)
        vendor = d.pop("vendor")

        name = d.pop("name")

        channels = []
        _channels = d.pop("channels")
        for channels_item_data in _channels:
            channels_item = Channel(channels_item_data)

            channels.append(channels_item)

        inline_recipients = d.pop("inline_recipients")

        audience = d.pop("audience")

        scheduling = d.pop("scheduling")

        windows = d.pop("windows")

        retries = d.pop("retries")

        multipart = d.pop("multipart")

        native_routes = cast(list[str], d.pop("native_routes"))

        notes = cast(list[str], d.pop("notes"))

        get = d.pop("get")

        start = d.pop("start")

        pause = d.pop("pause")

        resume = d.pop("resume")

        cancel = d.pop("cancel")

        progress = d.pop("progress")

        lifecycle_notes = VendorCapabilitiesLifecycleNotes.from_dict(d.pop("lifecycle_notes"))

        def _parse_max_recipients(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_recipients = _parse_max_recipients(d.pop("max_recipients", UNSET))

        webhooks = d.pop("webhooks", UNSET)

        vendor_capabilities = cls(
            vendor=vendor,
            name=name,
            channels=channels,
            inline_recipients=inline_recipients,
            audience=audience,
            scheduling=scheduling,
            windows=windows,
            retries=retries,
            multipart=multipart,
            native_routes=native_routes,
            notes=notes,
            get=get,
            start=start,
            pause=pause,
            resume=resume,
            cancel=cancel,
            progress=progress,
            lifecycle_notes=lifecycle_notes,
            max_recipients=max_recipients,
            webhooks=webhooks,
        )

        vendor_capabilities.additional_properties = d
        return vendor_capabilities

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
