from enum import StrEnum


class InboxProvider(StrEnum):
    BANDWIDTH = "bandwidth"
    MSTEAMS = "msteams"
    NON_VOIP = "non_voip"
    OTHER = "other"
    RCS = "rcs"
    TELNYX = "telnyx"
    TWILIO = "twilio"
    WEBEX = "webex"
    WHATSAPP = "whatsapp"

    def __str__(self) -> str:
        return str(self.value)
