from enum import StrEnum


class ToolLlmParametersItemType(StrEnum):
    BOOLEAN = "boolean"
    ENUM = "enum"
    NUMBER = "number"
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)
