from enum import StrEnum


class CallStatus(StrEnum):
    CANCELED = "CANCELED"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    IN_PROGRESS = "IN_PROGRESS"
    NO_ANSWER = "NO_ANSWER"
    REJECTED = "REJECTED"
    TRANSFERRED = "TRANSFERRED"
    UNREACHABLE = "UNREACHABLE"
    VOICE_BOX = "VOICE_BOX"

    def __str__(self) -> str:
        return str(self.value)
