"""Clerk Chat: SMS, WhatsApp and RCS to a named contact list ("create and trigger")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from gateway.campaign import CampaignRequest, CampaignStatus, Receipt
from gateway.vendors._base import Adapter, AuthStyle, Capabilities, parsed_as, refuse_fields, require_fields
from gateway.vendors._hooks import HookReading, MappedEvent, WebhookScheme, instant, members, text
from generated.clerk_client import AuthenticatedClient
from generated.clerk_client.api.campaigns import (
    public_campaigns_controller_create_and_trigger_campaign as create,
)
from generated.clerk_client.models import CampaignResponse
from generated.models import clerk

__all__ = ["ClerkAdapter"]

# Clerk's campaign statuses (CampaignObject.status in its spec).
STATUSES: dict[str, CampaignStatus] = {
    "ok": "running",
    "scheduled": "scheduled",
    "planned": "scheduled",
    "running": "running",
    "error": "failed",
}
# Channels other than sms select a provider; for sms Clerk picks the number's own provider.
PROVIDERS = {"whatsapp": "whatsapp", "rcs": "rcs"}
# Webhook event types (vendor-docs/clerk-chat.after-create.md); others stay raw (vendor.event).
HOOK_EVENTS: dict[str, str] = {
    "message.sent": "message.sent",
    "message.delivered": "message.delivered",
    "message.failed": "message.failed",
    "message.received": "message.received",
    "message.read": "vendor.event",
    "rcsPostbackReceived": "vendor.event",
}
# An inbound message whose whole text is one of these is an opt-out (the carriers' keywords,
# CTIA; Clerk documents no opt-out event of its own).
OPT_OUT_WORDS = frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "optout", "opt out", "revoke"})


def _phone(data: dict[str, Any]) -> str | None:
    """The other party: the sender of an inbound message, else the first member that is not the sender."""
    sender = text(data.get("sender"))
    if data.get("inbound") is True or data.get("direction") == "inbound":
        return sender
    members = data.get("members")
    if isinstance(members, list):
        for member in members:
            if text(member) and text(member) != sender:
                return text(member)
    return text(data.get("to")) or text(members)


class ClerkAdapter(Adapter):
    """Maps the vendor-neutral campaign to Clerk's CreateAndTriggerCampaignRequest."""

    slug = "clerk"
    statuses = STATUSES
    client_class = AuthenticatedClient
    operation = staticmethod(create.asyncio_detailed)
    auth = AuthStyle(header="apiKey", prefix="")
    capabilities = Capabilities(
        channels=("sms", "whatsapp", "rcs"),
        inline_recipients=False,
        audience=True,
        scheduling=True,
        windows=False,
        retries=False,
        notes=(
            "audience is Clerk's list name (required)",
            "the message is sent as written: Clerk documents no placeholder syntax",
        ),
    )

    # An optional static auth header (name configurable at Clerk, Authorization by default);
    # its signature headers are not in our copy of the docs.
    webhooks = WebhookScheme("static_header", header="Authorization")

    @classmethod
    def read_hook(cls, payload: Any) -> HookReading:
        """`{eventId, type, teamId, data}`: the event id dedupes; a STOP reply is also an opt-out."""
        envelope = payload if isinstance(payload, dict) else {}
        name = text(envelope.get("type")) or ""
        kind = HOOK_EVENTS.get(name, "vendor.event")
        message = members(envelope, "data")
        occurred = instant(message.get("updated")) or instant(message.get("created"))
        campaign = text(message.get("campaignId"))
        phone = _phone(message)
        data: dict[str, Any] = {"name": name}
        if kind.startswith("message."):
            data |= {
                "phone": phone,
                "channel": text(message.get("channel")) or text(message.get("channelId")),
                "vendor_message_id": text(message.get("id")),
                "status": text(message.get("status")),
            }
        data["vendor_payload"] = payload
        mapped = [MappedEvent(kind, data, occurred, campaign)]
        body = message.get("body")
        if name == "message.received" and isinstance(body, str) and body.strip().lower() in OPT_OUT_WORDS:
            opted = {"phone": phone, "channel": data.get("channel"), "how": f"replied {body.strip()!r}"}
            mapped.append(MappedEvent("recipient.opted_out", opted, occurred, campaign))
        return HookReading(text(envelope.get("eventId")), mapped)

    cannot: ClassVar[Mapping[str, str]] = {
        "get": "Clerk Chat documents no way to read a campaign after create: its status changes only by "
        "the gateway's actions and by message events",
        "start": "Clerk Chat starts a campaign when it is created (or at its timestamp)",
        "pause": "Clerk Chat documents no pause",
        "resume": "Clerk Chat documents no resume",
        "cancel": "Clerk Chat documents no cancel",
        "progress": "Clerk Chat reports no campaign counts; its webhooks arrive as message.* events, one per message",
    }

    native: ClassVar[Mapping[str, str]] = {
        "PublicCampaignsController_createAndTriggerCampaign": "create",
        "PublicMessagesController_findMessages": "account",
    }

    def to_vendor(self, campaign: CampaignRequest) -> clerk.CreateAndTriggerCampaignRequest:
        """Pure translation; refuses what Clerk cannot express."""
        refuse_fields(
            self.slug,
            campaign,
            {
                "recipients": "Clerk sends to a named list: use audience",
                "agent_id": "Clerk has no voice agents",
                "retry": "Clerk has no retry settings",
                "schedule.windows": "Clerk has no sending windows",
                "schedule.days": "Clerk has no sending days",
                "schedule.daily_limit": "Clerk has no daily limit",
            },
        )
        require_fields(
            self.slug, {"audience": campaign.audience, "sender": campaign.sender, "message": campaign.message}
        )
        fields: dict[str, Any] = {
            "sender": campaign.sender,
            "list_name": campaign.audience,
            "body": campaign.message,
            "media_urls": [str(url.root) for url in campaign.media_urls or []],
            "name": campaign.name,
        }
        if campaign.channel in PROVIDERS:
            fields["provider"] = PROVIDERS[campaign.channel]
        if campaign.schedule and campaign.schedule.start_at:
            fields["timestamp"] = campaign.schedule.start_at
        return clerk.CreateAndTriggerCampaignRequest(**fields)

    def from_vendor(self, parsed: Any) -> Receipt:
        """Read CampaignResponse.data."""
        data = parsed_as(parsed, CampaignResponse).data
        return Receipt(
            vendor_campaign_id=_id(data.id),
            vendor_status=str(data.status),
            status=self.campaign_status(str(data.status)),
            recipients_count=None,
            scheduled_at=None,
        )


def _id(value: float) -> str:
    # Clerk types its id as `number`: 1.0 is the campaign "1".
    return str(int(value)) if float(value).is_integer() else str(value)
