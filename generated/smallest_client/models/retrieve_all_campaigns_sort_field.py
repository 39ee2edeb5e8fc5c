from enum import StrEnum


class RetrieveAllCampaignsSortField(StrEnum):
    CREATEDAT = "createdAt"
    UPDATEDAT = "updatedAt"

    def __str__(self) -> str:
        return str(self.value)
