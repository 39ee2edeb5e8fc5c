from enum import StrEnum


class EventSource(StrEnum):
    GATEWAY = "gateway"
    SYNC = "sync"
    WEBHOOK = "webhook"

    def __str__(self) -> str:
        return str(self.value)
