from enum import StrEnum


class RetrieveAllCampaignsResponse200DataCampaignsItemStatus(StrEnum):
    COMPLETED = "completed"
    DRAFT = "draft"
    FAILED = "failed"
    PAUSED = "paused"
    PROCESSING = "processing"
    RUNNING = "running"
    SCHEDULED = "scheduled"

    def __str__(self) -> str:
        return str(self.value)
