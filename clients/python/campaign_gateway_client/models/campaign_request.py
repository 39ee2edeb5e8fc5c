from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.channel import Channel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_request_options import CampaignRequestOptions
    from ..models.recipient import Recipient
    from ..models.retry import Retry
    from ..models.schedule import Schedule


T = TypeVar("T", bound="CampaignRequest")


@_attrs_define
class CampaignRequest:
    """
    Attributes:
        vendor (str): A vendor this gateway knows (the list comes from specs/vendors.toml).
        name (str):
        channel (Channel | Unset):
        sender (str | Unset): A phone number in E.164 or the vendor's own sender id.
        message (str | Unset): Text for sms, whatsapp and rcs; `{{first_name}}`, `{{last_name}}` and `{{<variable>}}`
            placeholders.
        media_urls (list[str] | Unset):
        agent_id (str | Unset):
        recipients (list[Recipient] | Unset):
        audience (str | Unset): The id or name of a contact list that exists at the vendor.
        schedule (Schedule | Unset):
        retry (Retry | Unset):
        options (CampaignRequestOptions | Unset): Vendor-specific fields under the vendor's own names, validated against
            that vendor's schema. A field given both here and as a mapped field is refused (422).
    """

    vendor: str
    name: str
    channel: Channel | Unset = UNSET
    sender: str | Unset = UNSET
    message: str | Unset = UNSET
    media_urls: list[str] | Unset = UNSET
    agent_id: str | Unset = UNSET
    recipients: list[Recipient] | Unset = UNSET
    audience: str | Unset = UNSET
    schedule: Schedule | Unset = UNSET
    retry: Retry | Unset = UNSET
    options: CampaignRequestOptions | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        vendor = self.vendor

        name = self.name

        channel: str | Unset = UNSET
        if not isinstance(self.channel, Unset):
            channel = self.channel.value

        sender = self.sender

        message = self.message

        media_urls: list[str] | Unset = UNSET
        if not isinstance(self.media_urls, Unset):
            media_urls = self.media_urls

        agent_id = self.agent_id

        recipients: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.recipients, Unset):
            recipients = []
            for recipients_item_data in self.recipients:
                recipients_item = recipients_item_data.to_dict()
                recipients.append(recipients_item)

        audience = self.audience

        schedule: dict[str, Any] | Unset = UNSET
        if not isinstance(self.schedule, Unset):
            schedule = self.schedule.to_dict()

        retry: dict[str, Any] | Unset = UNSET
        if not isinstance(self.retry, Unset):
            retry = self.retry.to_dict()

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "vendor": vendor,
                "name": name,
            }
        )
        if channel is not UNSET:
            field_dict["channel"] = channel
        if sender is not UNSET:
            field_dict["sender"] = sender
        if message is not UNSET:
            field_dict["message"] = message
        if media_urls is not UNSET:
            field_dict["media_urls"] = media_urls
        if agent_id is not UNSET:
            field_dict["agent_id"] = agent_id
        if recipients is not UNSET:
            field_dict["recipients"] = recipients
        if audience is not UNSET:
            field_dict["audience"] = audience
        if schedule is not UNSET:
            field_dict["schedule"] = schedule
        if retry is not UNSET:
            field_dict["retry"] = retry
        if options is not UNSET:
            field_dict["options"] = options

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_request_options import CampaignRequestOptions  # noqa: PLC0415
        from ..models.recipient import Recipient  # noqa: PLC0415
        from ..models.retry import Retry  # noqa: PLC0415
        from ..models.schedule import Schedule  # noqa: PLC0415

        d = dict(src_dict)
        vendor = d.pop("vendor")

        name = d.pop("name")

        _channel = d.pop("channel", UNSET)
        channel: Channel | Unset
        if isinstance(_channel, Unset):
            channel = UNSET
        else:
            channel = Channel(_channel)

        sender = d.pop("sender", UNSET)

        message = d.pop("message", UNSET)

        media_urls = cast(list[str], d.pop("media_urls", UNSET))

        agent_id = d.pop("agent_id", UNSET)

        _recipients = d.pop("recipients", UNSET)
        recipients: list[Recipient] | Unset = UNSET
        if _recipients is not UNSET:
            recipients = []
            for recipients_item_data in _recipients:
                recipients_item = Recipient.from_dict(recipients_item_data)

                recipients.append(recipients_item)

        audience = d.pop("audience", UNSET)

        _schedule = d.pop("schedule", UNSET)
        schedule: Schedule | Unset
        if isinstance(_schedule, Unset):
            schedule = UNSET
        else:
            schedule = Schedule.from_dict(_schedule)

        _retry = d.pop("retry", UNSET)
        retry: Retry | Unset
        if isinstance(_retry, Unset):
            retry = UNSET
        else:
            retry = Retry.from_dict(_retry)

        _options = d.pop("options", UNSET)
        options: CampaignRequestOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = CampaignRequestOptions.from_dict(_options)

        campaign_request = cls(
            vendor=vendor,
            name=name,
            channel=channel,
            sender=sender,
            message=message,
            media_urls=media_urls,
            agent_id=agent_id,
            recipients=recipients,
            audience=audience,
            schedule=schedule,
            retry=retry,
            options=options,
        )

        return campaign_request
