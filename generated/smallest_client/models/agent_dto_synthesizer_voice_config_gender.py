from enum import StrEnum


class AgentDTOSynthesizerVoiceConfigGender(StrEnum):
    FEMALE = "female"
    MALE = "male"

    def __str__(self) -> str:
        return str(self.value)
