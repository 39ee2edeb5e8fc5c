from enum import StrEnum


class GetConversationLogByIdResponse200DataStatus(StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    FAILED = "failed"
    IN_PROGRESS = "in_progress"
    IN_QUEUE = "in_queue"
    NO_ANSWER = "no_answer"
    PENDING = "pending"
    PROCESSING = "processing"

    def __str__(self) -> str:
        return str(self.value)
