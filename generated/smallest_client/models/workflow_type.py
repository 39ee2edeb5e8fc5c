from enum import StrEnum


class WorkflowType(StrEnum):
    SINGLE_PROMPT = "single_prompt"
    WORKFLOW_GRAPH = "workflow_graph"

    def __str__(self) -> str:
        return str(self.value)
