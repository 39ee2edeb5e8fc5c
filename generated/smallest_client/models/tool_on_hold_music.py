from enum import StrEnum


class ToolOnHoldMusic(StrEnum):
    NONE = "none"
    RELAXING_SOUND = "relaxing_sound"
    RINGTONE = "ringtone"
    UPLIFTING_BEATS = "uplifting_beats"

    def __str__(self) -> str:
        return str(self.value)
