from enum import StrEnum


class MessageStatus(StrEnum):
    DELIVERED = "delivered"
    FAILED = "failed"
    READ = "read"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"

    def __str__(self) -> str:
        return str(self.value)
