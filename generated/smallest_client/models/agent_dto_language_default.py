from enum import StrEnum


class AgentDTOLanguageDefault(StrEnum):
    BN = "bn"
    EN = "en"
    ES = "es"
    GU = "gu"
    HI = "hi"
    MR = "mr"
    NORTH_INDIC = "north_indic"
    OR = "or"
    TA = "ta"

    def __str__(self) -> str:
        return str(self.value)
