"""Voiceable: AI voice calls to a CSV of phone numbers, sent as multipart/form-data."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from io import BytesIO
from typing import Any, ClassVar

from gateway.campaign import CampaignRequest, CampaignStatus, Receipt
from gateway.errors import FieldError, Unprocessable
from gateway.lifecycle import Progress
from gateway.vendors._answers import count, dig, word
from gateway.vendors._base import (
    Adapter,
    AuthStyle,
    Capabilities,
    VendorCall,
    VendorState,
    parsed_as,
    refuse_fields,
    require_fields,
)
from generated.models import voiceable
from generated.voiceable_client import AuthenticatedClient
from generated.voiceable_client.api.campaigns import create_campaign, get_campaign
from generated.voiceable_client.models import CampaignCreatedResponse, CreateCampaignRequest
from generated.voiceable_client.types import File

__all__ = ["VoiceableAdapter"]

# Voiceable documents a single status word.
# The words Voiceable's examples show (pending, completed), and in_progress, the ElevenLabs batch
# word its campaigns plausibly mirror (unverified); it documents no list of them.
STATUSES: dict[str, CampaignStatus] = {"pending": "scheduled", "in_progress": "running", "completed": "completed"}
CSV_FILE = "recipients_file"
CSV_HEADER = "phone_number"


class VoiceableAdapter(Adapter):
    """Maps the vendor-neutral campaign to Voiceable's multipart CreateCampaignRequest."""

    slug = "voiceable"
    statuses = STATUSES
    client_class = AuthenticatedClient
    operation = staticmethod(create_campaign.asyncio_detailed)
    auth = AuthStyle(header="X-API-Key", prefix="")
    capabilities = Capabilities(
        channels=("voice",),
        inline_recipients=True,
        audience=False,
        scheduling=True,
        windows=False,
        retries=False,
        multipart=True,
        notes=(
            "sender is Voiceable's numeric phone_number_id",
            "recipients become a one-column CSV (phone_number): names and variables are refused",
            "start_at is sent as schedule_date and schedule_time in UTC (Voiceable names no time zone)",
        ),
    )

    cannot: ClassVar[Mapping[str, str]] = {
        "start": "Voiceable documents no start after create: send_immediately or the schedule decide it",
        "pause": "Voiceable documents no pause",
        "resume": "Voiceable documents no resume",
        "cancel": "Voiceable documents no cancel",
    }
    lifecycle_notes: ClassVar[Mapping[str, str]] = {
        "get": "GET /api/v1/campaigns/{id}",
        "progress": "recipients_count only (the total)",
    }

    native: ClassVar[Mapping[str, str]] = {"createCampaign": "create", "getCampaign": "campaign"}

    def to_vendor(self, campaign: CampaignRequest) -> voiceable.CreateCampaignRequest:
        """Pure translation; refuses what one CSV column cannot carry."""
        refuse_fields(
            self.slug,
            campaign,
            {
                "recipients.first_name": "Voiceable's CSV has one column (phone_number)",
                "recipients.last_name": "Voiceable's CSV has one column (phone_number)",
                "recipients.variables": "Voiceable's CSV has one column (phone_number)",
                "audience": "Voiceable takes a CSV of recipients only",
                "retry": "Voiceable has no retry settings",
                "message": "Voiceable voice agents take no message text",
                "media_urls": "Voiceable places voice calls",
                "schedule.windows": "Voiceable has no calling windows",
                "schedule.days": "Voiceable has no calling days",
                "schedule.daily_limit": "Voiceable has no daily limit",
            },
        )
        require_fields(
            self.slug, {"sender": campaign.sender, "agent_id": campaign.agent_id, "recipients": campaign.recipients}
        )
        assert campaign.sender is not None
        # ASCII digits only: str.isdigit() is also true of "²", which int() cannot read.
        if not (campaign.sender.isascii() and campaign.sender.isdigit()):
            raise Unprocessable(
                "voiceable needs its numeric phone number id",
                vendor=self.slug,
                errors=[FieldError("sender", "must be Voiceable's numeric phone_number_id")],
            )
        csv = "\n".join([CSV_HEADER, *(r.phone for r in campaign.recipients or [])]) + "\n"
        fields: dict[str, Any] = {
            "name": campaign.name,
            "phone_number_id": int(campaign.sender),
            "agent_id": campaign.agent_id,
            "recipients_file": csv.encode("ascii"),
            "send_immediately": True,
        }
        start_at = campaign.schedule.start_at if campaign.schedule else None
        if start_at is not None:
            utc = start_at.astimezone(UTC)
            fields.update(send_immediately=False, schedule_date=utc.date(), schedule_time=utc.strftime("%H:%M:%S"))
        return voiceable.CreateCampaignRequest(**fields)

    def payload(self, campaign: CampaignRequest) -> Any:
        """Form fields, with the CSV as a (file name, content, content type) file part."""
        model = self.build(campaign)
        assert isinstance(model, voiceable.CreateCampaignRequest)
        fields = model.model_dump(mode="json", by_alias=True, exclude_unset=True, exclude={"recipients_file"})
        return {**fields, CSV_FILE: ("recipients.csv", model.recipients_file, "text/csv")}

    def from_vendor(self, parsed: Any) -> Receipt:
        """Read CampaignCreatedResponse.data."""
        data = parsed_as(parsed, CampaignCreatedResponse).data
        recipients_count = data.recipients_count if isinstance(data.recipients_count, int) else None
        scheduled_at = data.scheduled_at if isinstance(data.scheduled_at, datetime) else None
        return Receipt(
            vendor_campaign_id=str(data.id),
            vendor_status=data.status,
            status=self.campaign_status(data.status),
            recipients_count=recipients_count,
            scheduled_at=scheduled_at,
        )

    def _client_body(self, payload: Any) -> Any:
        file_name, content, content_type = payload[CSV_FILE]
        fields = {key: value for key, value in payload.items() if key != CSV_FILE}
        body = CreateCampaignRequest.from_dict({**fields, CSV_FILE: b""})
        # from_dict cannot name the file or its type; the spec's encoding says text/csv.
        body.recipients_file = File(payload=BytesIO(content), file_name=file_name, mime_type=content_type)
        return body

    def lifecycle_call(self, what: str, vendor_id: str) -> VendorCall:
        """The get; Voiceable's ids are integers (one that is not is sent as the text it is)."""
        return VendorCall(get_campaign.asyncio_detailed, {"id": int(vendor_id) if vendor_id.isdigit() else vendor_id})

    def read_state(self, answer: Any) -> VendorState | None:
        """`data.status`, and `data.recipients_count` as the total."""
        vendor_status = word(dig(answer, "data", "status"))
        if vendor_status is None:
            return None
        progress = Progress(total=count(dig(answer, "data", "recipients_count")))
        return VendorState(vendor_status, self.campaign_status(vendor_status), progress)
