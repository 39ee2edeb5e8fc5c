from enum import StrEnum


class AgentDTOSlmModel(StrEnum):
    ELECTRON = "electron"
    ELECTRON_KOGTA = "electron-kogta"
    ELECTRON_KOGTA_V2 = "electron-kogta-v2"
    GPT_4O = "gpt-4o"
    GPT_4_1 = "gpt-4.1"
    GPT_5_2 = "gpt-5.2"
    GPT_REALTIME = "gpt-realtime"
    GPT_REALTIME_MINI = "gpt-realtime-mini"

    def __str__(self) -> str:
        return str(self.value)
