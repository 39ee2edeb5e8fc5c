from enum import StrEnum


class AgentDTOBackgroundSound(StrEnum):
    CAFE = "cafe"
    CALL_CENTER = "call_center"
    OFFICE = "office"
    STATIC = "static"
    VALUE_0 = ""

    def __str__(self) -> str:
        return str(self.value)
