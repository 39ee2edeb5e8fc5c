from enum import StrEnum


class ToolType(StrEnum):
    API_CALL = "api_call"
    END_CALL = "end_call"
    EXTRACT_DYNAMIC_VARIABLES = "extract_dynamic_variables"
    KNOWLEDGE_BASE_SEARCH = "knowledge_base_search"
    TRANSFER_CALL = "transfer_call"

    def __str__(self) -> str:
        return str(self.value)
