from enum import StrEnum


class AgentDTOWidgetConfigSize(StrEnum):
    COMPACT = "compact"
    FULL = "full"
    TINY = "tiny"

    def __str__(self) -> str:
        return str(self.value)
