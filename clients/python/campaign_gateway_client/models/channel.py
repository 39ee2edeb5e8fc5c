from enum import StrEnum


class Channel(StrEnum):
    RCS = "rcs"
    SMS = "sms"
    VOICE = "voice"
    WHATSAPP = "whatsapp"

    def __str__(self) -> str:
        return str(self.value)
