from enum import StrEnum


class GetConversationLogByIdResponse200DataType(StrEnum):
    TELEPHONY_INBOUND = "telephony_inbound"
    TELEPHONY_OUTBOUND = "telephony_outbound"
    WEBCALL = "webcall"

    def __str__(self) -> str:
        return str(self.value)
