"""TetherAI: SMS to inline contacts on the customer's own TetherAI host."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from gateway.campaign import CampaignRequest, CampaignStatus, Receipt
from gateway.vendors._answers import dig, word
from gateway.vendors._base import (
    Adapter,
    Capabilities,
    VendorCall,
    VendorState,
    parsed_as,
    refuse_fields,
    require_fields,
)
from generated.models import tetherai
from generated.tetherai_client import AuthenticatedClient
from generated.tetherai_client.api.campaigns import (
    create_campaign,
    get_api_campaigns_id,
    post_api_campaigns_id_cancel,
    post_api_campaigns_id_send,
)
from generated.tetherai_client.models import CampaignCreatedResponse
from generated.tetherai_client.types import Unset

__all__ = ["TetherAIAdapter"]

# TetherAI documents only "scheduled". The others are the words its docs make plausible (a draft,
# sending after /send, sent, cancelled after /cancel), unverified (tetherai.after-create.md);
# any other is unmapped.
STATUSES: dict[str, CampaignStatus] = {
    "draft": "draft",
    "scheduled": "scheduled",
    "sending": "running",
    "sent": "completed",
    "cancelled": "cancelled",
}
# The vendor-neutral placeholders and TetherAI's names for them (its docs use {{firstName}}).
PLACEHOLDERS = {"{{first_name}}": "{{firstName}}", "{{last_name}}": "{{lastName}}"}


class TetherAIAdapter(Adapter):
    """Maps the vendor-neutral campaign to TetherAI's CreateCampaignRequest."""

    slug = "tetherai"
    statuses = STATUSES
    client_class = AuthenticatedClient
    operation = staticmethod(create_campaign.asyncio_detailed)
    capabilities = Capabilities(
        channels=("sms",),
        inline_recipients=True,
        audience=False,
        scheduling=True,
        windows=False,
        retries=False,
        notes=(
            "{{first_name}} and {{last_name}} become TetherAI's {{firstName}} and {{lastName}}",
            "per-recipient variables are refused: TetherAI contacts carry names only",
            "TetherAI documents no success status: 200 and 201 are both accepted",
        ),
    )

    cannot: ClassVar[Mapping[str, str]] = {
        "pause": "TetherAI documents no pause",
        "resume": "TetherAI documents no resume",
        "progress": "TetherAI's analytics are organisation-wide, not per campaign",
    }
    lifecycle_notes: ClassVar[Mapping[str, str]] = {
        "get": "GET /api/campaigns/{id} (an untyped answer, read defensively)",
        "start": "POST /api/campaigns/{id}/send: TetherAI does not describe what send does "
        "(taken to send a scheduled campaign now)",
        "cancel": "POST /api/campaigns/{id}/cancel",
    }
    native: ClassVar[Mapping[str, str]] = {
        "createCampaign": "create",
        "get_api_campaigns": "campaigns",
        "get_api_campaigns_id": "campaign",
        "patch_api_campaigns_id": "update",
        "delete_api_campaigns_id": "delete",
        "post_api_campaigns_id_cancel": "cancel",
        "post_api_campaigns_id_send": "start",
    }
    _CALLS: ClassVar[dict[str, Callable[..., Any]]] = {
        "get": get_api_campaigns_id.asyncio_detailed,
        "start": post_api_campaigns_id_send.asyncio_detailed,
        "cancel": post_api_campaigns_id_cancel.asyncio_detailed,
    }

    def to_vendor(self, campaign: CampaignRequest) -> tetherai.CreateCampaignRequest:
        """Pure translation; refuses what TetherAI cannot express."""
        refuse_fields(
            self.slug,
            campaign,
            {
                "recipients.variables": "TetherAI contacts carry first and last names only",
                "audience": "TetherAI takes inline contacts (or options.selectedExistingContacts)",
                "sender": "TetherAI sends from the account's own numbers",
                "media_urls": "TetherAI sends text only",
                "retry": "TetherAI has no retry settings",
                "agent_id": "TetherAI has no voice agents",
                "schedule.windows": "TetherAI has no sending windows",
                "schedule.days": "TetherAI has no sending days",
                "schedule.daily_limit": "TetherAI has no daily limit",
            },
        )
        require_fields(self.slug, {"message": campaign.message})
        message = campaign.message or ""
        for neutral, native in PLACEHOLDERS.items():
            message = message.replace(neutral, native)
        fields: dict[str, Any] = {"name": campaign.name, "message": message, "type": "sms"}
        if campaign.recipients:
            fields["newContacts"] = [
                {"firstName": r.first_name, "lastName": r.last_name, "phoneNumber": r.phone}
                for r in campaign.recipients
            ]
            fields["newContacts"] = [{k: v for k, v in c.items() if v is not None} for c in fields["newContacts"]]
        if campaign.schedule and campaign.schedule.start_at:
            fields["scheduleDate"] = campaign.schedule.start_at
        return tetherai.CreateCampaignRequest.model_validate(fields)

    def from_vendor(self, parsed: Any) -> Receipt:
        """Read CampaignCreatedResponse.data."""
        data = parsed_as(parsed, CampaignCreatedResponse).data
        if isinstance(data, Unset):
            raise ValueError("the answer has no data")
        status = None if isinstance(data.status, Unset) else data.status
        return Receipt(
            vendor_campaign_id=None if isinstance(data.field_id, Unset) else data.field_id,
            vendor_status=status,
            status=self.campaign_status(status),
            recipients_count=None
            if isinstance(data.stats, Unset) or isinstance(data.stats.total, Unset)
            else data.stats.total,
            scheduled_at=None if isinstance(data.schedule_date, Unset) else data.schedule_date,
        )

    def lifecycle_call(self, what: str, vendor_id: str) -> VendorCall:
        """Each call takes the id in the path; send and cancel go without their optional body."""
        return VendorCall(self._CALLS[what], {"id": vendor_id})

    def read_state(self, answer: Any) -> VendorState | None:
        """A `status` word in the answer's `data` (or at its top): the answers are untyped."""
        vendor_status = word(dig(answer, "data", "status")) or word(dig(answer, "status"))
        return None if vendor_status is None else VendorState(vendor_status, self.campaign_status(vendor_status))

    def campaign_list(self, answer: Any) -> list[Any] | None:
        """The answer is untyped: a list in `data` (or in `data.campaigns`), if there is one."""
        for found in (dig(answer, "data"), dig(answer, "data", "campaigns")):
            if isinstance(found, list):
                return found
        return None
