from enum import StrEnum


class CampaignStatus(StrEnum):
    CANCELLED = "cancelled"
    CANCELLING = "cancelling"
    COMPLETED = "completed"
    DRAFT = "draft"
    FAILED = "failed"
    PAUSED = "paused"
    PAUSING = "pausing"
    RESUMING = "resuming"
    RUNNING = "running"
    SCHEDULED = "scheduled"
    STARTING = "starting"
    UNMAPPED = "unmapped"

    def __str__(self) -> str:
        return str(self.value)
