from enum import StrEnum


class Action(StrEnum):
    CANCEL = "cancel"
    DELETE = "delete"
    PAUSE = "pause"
    RESUME = "resume"
    START = "start"
    UPDATE = "update"

    def __str__(self) -> str:
        return str(self.value)
