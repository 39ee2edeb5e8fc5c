from enum import StrEnum


class Dispatch(StrEnum):
    ACCEPTED = "accepted"
    IN_FLIGHT = "in_flight"
    REJECTED = "rejected"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return str(self.value)
