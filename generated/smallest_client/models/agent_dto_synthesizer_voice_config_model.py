from enum import StrEnum


class AgentDTOSynthesizerVoiceConfigModel(StrEnum):
    GPT_REALTIME = "gpt-realtime"
    GPT_REALTIME_MINI = "gpt-realtime-mini"
    WAVES_LIGHTNING_V3_1 = "waves_lightning_v3_1"

    def __str__(self) -> str:
        return str(self.value)
