from enum import StrEnum


class EventType(StrEnum):
    CALL_COMPLETED = "call.completed"
    CALL_FAILED = "call.failed"
    CAMPAIGN_ACTION_COMPLETED = "campaign.action_completed"
    CAMPAIGN_CREATED = "campaign.created"
    CAMPAIGN_PROGRESS = "campaign.progress"
    CAMPAIGN_STATUS_CHANGED = "campaign.status_changed"
    MESSAGE_DELIVERED = "message.delivered"
    MESSAGE_FAILED = "message.failed"
    MESSAGE_RECEIVED = "message.received"
    MESSAGE_SENT = "message.sent"
    RECIPIENT_OPTED_OUT = "recipient.opted_out"
    VENDOR_EVENT = "vendor.event"

    def __str__(self) -> str:
        return str(self.value)
