from enum import StrEnum


class GetAllConversationLogsSortBy(StrEnum):
    AVGLATENCY = "avgLatency"
    CALLDURATION = "callDuration"
    CREATEDAT = "createdAt"
    UPDATEDAT = "updatedAt"

    def __str__(self) -> str:
        return str(self.value)
