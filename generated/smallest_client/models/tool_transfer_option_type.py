from enum import StrEnum


class ToolTransferOptionType(StrEnum):
    COLD_TRANSFER = "cold_transfer"
    WARM_TRANSFER = "warm_transfer"

    def __str__(self) -> str:
        return str(self.value)
