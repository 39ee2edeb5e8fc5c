"""Clerk Chat: SMS, WhatsApp and RCS to a named contact list ("create and trigger")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from gateway.campaign import CampaignRequest, CampaignStatus, Receipt
from gateway.vendors._base import Adapter, AuthStyle, Capabilities, parsed_as, refuse_fields, require_fields
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

    cannot: ClassVar[Mapping[str, str]] = {
        "get": "Clerk Chat documents no way to read a campaign after create: its status changes only by "
        "the gateway's actions and by message events",
        "start": "Clerk Chat starts a campaign when it is created (or at its timestamp)",
        "pause": "Clerk Chat documents no pause",
        "resume": "Clerk Chat documents no resume",
        "cancel": "Clerk Chat documents no cancel",
        "progress": "Clerk Chat reports no campaign counts; its message events will tell them (the events issue)",
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
