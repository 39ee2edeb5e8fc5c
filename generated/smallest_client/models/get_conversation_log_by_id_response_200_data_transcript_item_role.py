from enum import StrEnum


class GetConversationLogByIdResponse200DataTranscriptItemRole(StrEnum):
    AGENT = "agent"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
