from enum import StrEnum


class CampaignObjectStatus(StrEnum):
    ERROR = "error"
    OK = "ok"
    PLANNED = "planned"
    RUNNING = "running"
    SCHEDULED = "scheduled"

    def __str__(self) -> str:
        return str(self.value)
