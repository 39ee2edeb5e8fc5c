from enum import StrEnum


class ToolTransferOptionPrivateHandoffOptionType0Type(StrEnum):
    PROMPT = "prompt"
    STATIC = "static"

    def __str__(self) -> str:
        return str(self.value)
