from enum import StrEnum


class AgentDTOConfigSource(StrEnum):
    ACTIVE = "active"
    DRAFT = "draft"
    VERSION = "version"

    def __str__(self) -> str:
        return str(self.value)
