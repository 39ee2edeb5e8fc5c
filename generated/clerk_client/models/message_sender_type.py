from enum import StrEnum


class MessageSenderType(StrEnum):
    AI_PIPELINE = "ai_pipeline"
    ASSISTANT = "assistant"
    CAMPAIGN = "campaign"
    CAMPAIGN_MESSAGE = "campaign_message"
    USER = "user"
    WORKFLOW = "workflow"

    def __str__(self) -> str:
        return str(self.value)
